// Orders (api/order/add, info, edit, history, delete) and the checkout journey that leads to them. A session is
// prepared from fixture roles through the checkout routes; the mechanics and the arithmetic are in src/api/order.ts.
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertErrorMessage, assertSuccess, assertVariant, errorMessage } from '../src/answers';
import { choosePaymentMethod, chooseShippingMethod, fixtureText, listPaymentMethods, listShippingMethods, setCustomer, setPaymentAddress, setShippingAddress } from '../src/api/checkout';
import {
  DEFAULT_PREPARATION, NO_SHIPPING, addLowStockValue, addProduct, buyGiftVoucher, chooseCurrency, deleteOrder, expectedAddress,
  fixtureRecord, infoOrder, lowStockValue, moneyCents, orderAddMessage, orderInfo, orderQuery, orderShapeProblems, orderState, pick,
  placeOrder, prepareOrder, prepareOrderExcept, readCart, stockProblems, storeCreditLine, storedTotalCents, textColumn, useCoupon,
  useGiftVoucher, postCoupon, postGiftVoucher, type OrderRef,
} from '../src/api/order';
import { parseMoney } from '../src/api/discounts';
import { message } from '../src/api/messages';
import { formFrom } from './common.steps';
import type { ConformanceWorld } from './support/world';

// ---- the cart of the order ----------------------------------------------------------------------------------

Given('the order cart holds {int} {string} product(s)', async function (this: ConformanceWorld, quantity: number, product: string) {
  await addProduct(this, product, quantity);
});

Given('the order cart holds {int} {string} product(s) with {word} {string}', async function (this: ConformanceWorld, quantity: number, product: string, option: string, value: string) {
  await addProduct(this, product, quantity, [[option, value]]);
});

Given('the order cart holds {int} {string} product(s) with {word} {string}, paid by the {string} gift voucher', async function (this: ConformanceWorld, quantity: number, product: string, option: string, value: string, voucher: string) {
  await addProduct(this, product, quantity, [[option, value]]);
  await useGiftVoucher(this, voucher);
});

Given('the order cart holds {int} {string} product(s) with its low stock value', async function (this: ConformanceWorld, quantity: number, product: string) {
  await addLowStockValue(this, product, quantity);
});

Given('the order cart holds a gift voucher of {int}', async function (this: ConformanceWorld, amount: number) {
  await buyGiftVoucher(this, amount);
});

Given('the order cart holds a gift voucher of {int}, paid by the {string} gift voucher', async function (this: ConformanceWorld, amount: number, voucher: string) {
  await buyGiftVoucher(this, amount);
  await useGiftVoucher(this, voucher);
});

// ---- the rest of the session ----------------------------------------------------------------------------------

Given('the order currency is the {string} currency', async function (this: ConformanceWorld, role: string) {
  await chooseCurrency(this, role);
});

Given('the order coupon is the {string} coupon', async function (this: ConformanceWorld, role: string) {
  await useCoupon(this, role);
});

Given('the order customer is the {string} customer', async function (this: ConformanceWorld, role: string) {
  await setCustomer(this, role);
});

Given('the order payment address is the {string} address', async function (this: ConformanceWorld, role: string) {
  await setPaymentAddress(this, role);
});

Given('the order shipping address is the {string} address', async function (this: ConformanceWorld, role: string) {
  await setShippingAddress(this, role);
});

Given('the order shipping method is {string}', async function (this: ConformanceWorld, role: string) {
  await chooseShippingMethod(this, role);
});

Given('the order payment method is {string}', async function (this: ConformanceWorld, role: string) {
  await choosePaymentMethod(this, role);
});

Given('the order shipping and payment methods were listed but not chosen', async function (this: ConformanceWorld) {
  await listShippingMethods(this);
  await listPaymentMethods(this);
});

Given('the order is prepared for the {string} customer at the {string} address with {string} shipping and {string} payment', async function (this: ConformanceWorld, customer: string, address: string, shipping: string, payment: string) {
  await prepareOrder(this, { customer, address, shipping, payment });
});

Given('the order session is prepared except that {}', async function (this: ConformanceWorld, states: string) {
  await prepareOrderExcept(this, states.split(' and '));
});

Given('I note the cart\'s Total', async function (this: ConformanceWorld) {
  const { products, vouchers, total } = await readCart(this);
  Object.assign(orderState(this), { cartTotal: total, cartBefore: { products, vouchers } });
});

Given('I note the cart\'s Total, with the {string} coupon applied', async function (this: ConformanceWorld, role: string) {
  const cart = await readCart(this);
  const code = fixtureText(this, `coupons.${role}.code`);
  assert.ok(cart.titles.some((t) => t.includes(`(${code})`)), `the cart totals show no line for the coupon: ${cart.titles.join(', ')}`);
  orderState(this).cartTotal = cart.total;
});

Given('I have placed an order', async function (this: ConformanceWorld) {
  await addProduct(this, 'simple', 1);
  await prepareOrder(this, DEFAULT_PREPARATION);
  await placeAndSnapshot(this);
});

Given('I have placed an order for all the stock of the {string} product\'s low stock value', async function (this: ConformanceWorld, product: string) {
  await addLowStockValue(this, product, lowStockValue(this, product).stock);
  await prepareOrder(this, DEFAULT_PREPARATION);
  await placeAndSnapshot(this);
});

async function placeAndSnapshot(world: ConformanceWorld): Promise<void> {
  const r = await placeOrder(world);
  assertSuccess(r);
  assert.ok(Number.isInteger((r.json as { order_id?: unknown }).order_id), `order/add answered no order_id: ${r.text.slice(0, 200)}`);
  orderState(world).snapshot = infoOrder(await orderInfo(world));
}

// ---- the order routes -----------------------------------------------------------------------------------------

When('I place the order', async function (this: ConformanceWorld) {
  await placeOrder(this);
});

When('I place the order again', async function (this: ConformanceWorld) {
  await placeOrder(this);
});

When('I place the order with:', async function (this: ConformanceWorld, table: DataTable) {
  await placeOrder(this, formFrom(this, table));
});

When('I ask which payment methods the order can use', async function (this: ConformanceWorld) {
  await listPaymentMethods(this);
});

const REFS: Record<string, OrderRef> = { 'for the order': 'mine', 'for an order the store does not have': 'unknown', 'without an order id': 'missing' };

for (const [phrase, ref] of Object.entries(REFS)) {
  When(`I call {string} ${phrase}`, async function (this: ConformanceWorld, route: string) {
    await callForOrder(this, route, ref);
  });
  When(`I call {string} ${phrase} with:`, async function (this: ConformanceWorld, route: string, table: DataTable) {
    await callForOrder(this, route, ref, formFrom(this, table));
  });
}

async function callForOrder(world: ConformanceWorld, route: string, ref: OrderRef, form?: ReturnType<typeof formFrom>): Promise<void> {
  if (route === 'api/order/delete' && !form) await deleteOrder(world, ref);
  else await world.call(route, form, { query: orderQuery(world, ref) });
}

When('I look the order up with {word}', async function (this: ConformanceWorld, method: string) {
  if (method !== 'GET' && method !== 'POST') throw new Error(`look the order up with GET or POST, not ${method}`);
  await orderInfo(this, 'mine', method);
});

When('I look the order up with its id in the body instead of the query', async function (this: ConformanceWorld) {
  await this.call('api/order/info', { order_id: orderQuery(this, 'mine').order_id });
});

// ---- what the store answered ------------------------------------------------------------------------------------

Then('the order is created', function (this: ConformanceWorld) {
  const r = this.answer();
  assertVariant(r, 'OrderAdded');
  const id = (r.json as { order_id?: unknown }).order_id;
  assert.ok(typeof id === 'number' && Number.isInteger(id) && id > 0, `order_id is ${JSON.stringify(id)}, expected a positive integer`);
  const ids = orderState(this).orderIds;
  assert.equal(new Set(ids).size, ids.length, `order/add gave an order id twice: ${ids.join(', ')}`);
});

Then('the order is refused with the {string} message', function (this: ConformanceWorld, name: string) {
  const r = this.answer();
  assertVariant(r, 'OrderRejected');
  assertErrorMessage(r, undefined, orderAddMessage(this, name));
  assert.ok(!('order_id' in (r.json as object)), `a refused order/add answered an order_id: ${r.text.slice(0, 200)}`);
});

Then('the order cart is left as it was', async function (this: ConformanceWorld) {
  const before = orderState(this).cartBefore;
  assert.ok(before, 'the scenario noted no cart (the preparation or "I note the cart\'s Total" notes it)');
  const { products, vouchers } = await readCart(this);
  this.answer();
  assert.deepEqual({ products, vouchers }, before, 'the cart changed (order/add empties it when it creates an order; order/edit leaves it)');
});

Then('the order cart holds no products but still the gift voucher', function (this: ConformanceWorld) {
  const b = this.answer().json as { products?: unknown[]; vouchers?: unknown[] };
  assert.deepEqual(b.products, [], 'order/add empties the cart of products');
  assert.equal(b.vouchers?.length, 1, 'the gift voucher bought stays in the session');
});

Then('the order cart\'s line is in stock', function (this: ConformanceWorld) {
  assertCartLineStock(this, true);
});

Then('the order cart\'s line is out of stock', function (this: ConformanceWorld) {
  assertCartLineStock(this, false);
});

function assertCartLineStock(world: ConformanceWorld, inStock: boolean): void {
  const r = world.answer();
  const b = r.json as { products?: Array<{ stock: unknown }>; error?: { stock?: unknown } };
  assert.equal(b.products?.length, 1, `one cart line expected: ${r.text.slice(0, 200)}`);
  assert.equal(b.products[0].stock, inStock, 'the line\'s stock flag');
  assert.equal(typeof b.error?.stock === 'string', !inStock, `error.stock ${inStock ? 'reported' : 'missing'}: ${r.text.slice(0, 200)}`);
}

Then('no payment method is offered', function (this: ConformanceWorld) {
  const r = this.answer();
  assertVariant(r, 'NoPaymentOptions');
  assert.deepEqual((r.json as { payment_methods?: unknown }).payment_methods, [], `payment/methods offered ${r.text.slice(0, 200)}`);
  assert.equal(typeof errorMessage(r), 'string', 'payment/methods says why it offers nothing');
});

Then('the order keeps the {string} customer', function (this: ConformanceWorld, role: string) {
  const c = fixtureRecord(this, `customers.${role}`);
  const keys = ['customer_id', 'firstname', 'lastname', 'email', 'telephone'];
  assert.deepEqual(pick(infoOrder(this.answer()), keys), Object.fromEntries(keys.map((k) => [k, String(c[k])])));
});

Then('the order\'s {word} address is the {string} address', function (this: ConformanceWorld, kind: string, role: string) {
  if (kind !== 'payment' && kind !== 'shipping') throw new Error(`payment or shipping address, not ${kind}`);
  const expected = expectedAddress(this, role, `${kind}_`);
  assert.deepEqual(pick(infoOrder(this.answer()), Object.keys(expected)), expected);
});

Then('the order\'s {word} method is {string}', function (this: ConformanceWorld, kind: string, role: string) {
  if (kind !== 'payment' && kind !== 'shipping') throw new Error(`payment or shipping method, not ${kind}`);
  const order = infoOrder(this.answer());
  const keys = [`${kind}_method`, `${kind}_code`];
  const expected = kind === 'shipping' && role === NO_SHIPPING
    ? ['', '']
    : [fixtureText(this, `${kind}_methods.${role}.title`), fixtureText(this, `${kind}_methods.${role}.code`)];
  assert.deepEqual(pick(order, keys), Object.fromEntries(keys.map((k, i) => [k, expected[i]])));
});

Then('the order\'s currency is the {string} currency', function (this: ConformanceWorld, role: string) {
  assert.equal(infoOrder(this.answer()).currency_code, fixtureText(this, `currencies.${role}.code`));
});

Then('the order\'s status is {string}', function (this: ConformanceWorld, role: string) {
  const expected = { order_status_id: fixtureText(this, `order_statuses.${role}.order_status_id`), order_status: fixtureText(this, `order_statuses.${role}.name`) };
  assert.deepEqual(pick(infoOrder(this.answer()), ['order_status_id', 'order_status']), expected);
});

Then('the order has status id 0 and no status name', function (this: ConformanceWorld) {
  assert.deepEqual(pick(infoOrder(this.answer()), ['order_status_id', 'order_status']), { order_status_id: '0', order_status: null });
});

Then('the order total is the cart\'s Total I noted', function (this: ConformanceWorld) {
  const noted = orderState(this).cartTotal;
  assert.ok(noted, 'the scenario noted no cart Total');
  const order = infoOrder(this.answer());
  assert.equal(storedTotalCents(String(order.total), String(order.currency_value)) / 100, moneyCents(noted) / 100,
    `order total ${String(order.total)} × currency value ${String(order.currency_value)} against the cart's Total ${noted}`);
});

Then('the order has the documented fields, all strings but its custom fields', function (this: ConformanceWorld) {
  assert.deepEqual(orderShapeProblems(infoOrder(this.answer())), []);
});

Then('the order is unchanged', async function (this: ConformanceWorld) {
  const before = orderState(this).snapshot;
  assert.ok(before, 'the scenario took no snapshot of its order');
  await orderInfo(this);
  assert.deepEqual(infoOrder(this.answer()), before, 'the order changed');
});

// ---- order statuses: what an order consumes while it is processing or complete (order-status.feature) ----------

/** A documentation address (RFC 5737) sent as the client's forwarded address. */
const FORWARDED_ADDRESS = '192.0.2.10';
const FORWARDING_HEADERS = ['X-Forwarded-For', 'Client-IP'];
const placedWith = new WeakMap<object, { header?: string; comment?: string; redeemed?: number }>();
const placed = (world: object) => placedWith.get(world) ?? placedWith.set(world, {}).get(world)!;

Given('I have placed an order for {int} {string} product(s)', async function (this: ConformanceWorld, quantity: number, product: string) {
  await addProduct(this, product, quantity);
  await prepareOrder(this, DEFAULT_PREPARATION);
  await placeAndSnapshot(this);
});

Given('the order uses the {string} gift voucher', async function (this: ConformanceWorld, role: string) {
  await useGiftVoucher(this, role);
});

Given('the order redeems half the reward points the cart allows', async function (this: ConformanceWorld) {
  const max = await this.call('api/reward/maximum');
  const points = Math.floor(Number((max.json as { maximum?: unknown }).maximum) / 2);
  assert.ok(points > 0, `the cart allows too few reward points: ${max.text.slice(0, 200)}`);
  assertSuccess(await this.call('api/reward', { reward: points }));
  placed(this).redeemed = points;
});

Given('the order redeems half the reward points of the {string} customer', async function (this: ConformanceWorld, role: string) {
  const points = Math.floor(Number(fixtureText(this, `customers.${role}.reward_points`)) / 2);
  assertSuccess(await this.call('api/reward', { reward: points }));
  placed(this).redeemed = points;
});

Given('I have placed the order in the {string} status', async function (this: ConformanceWorld, role: string) {
  const r = await placeOrder(this, { order_status_id: fixtureText(this, `order_statuses.${role}.order_status_id`) });
  assertSuccess(r);
});

When('I move order {int} of this scenario to the {string} status', async function (this: ConformanceWorld, n: number, role: string) {
  const orderId = orderState(this).orderIds[n - 1];
  assert.ok(orderId, `this scenario placed no order ${n}`);
  assertSuccess(await this.call('api/order/history', { order_status_id: fixtureText(this, `order_statuses.${role}.order_status_id`) }, { query: { order_id: orderId } }));
});

Then('the {string} customer has used the redeemed reward points {int} time(s)', async function (this: ConformanceWorld, role: string, times: number) {
  const balance = Number(fixtureText(this, `customers.${role}.reward_points`));
  const redeemed = placed(this).redeemed;
  assert.ok(redeemed, 'the scenario redeemed no reward points');
  const r = await this.call('api/reward/available');
  this.answer();
  assert.equal(Number((r.json as { points?: unknown }).points), balance - times * redeemed,
    `the customer's reward points are not the balance of ${balance} less ${times} × ${redeemed}: an order entering a processing status uses its points only while the customer still has them`);
});

When('I place the order from a request with the {string} header', async function (this: ConformanceWorld, header: string) {
  if (!FORWARDING_HEADERS.includes(header)) throw new Error(`a forwarding header (${FORWARDING_HEADERS.join(', ')}), not ${header}`);
  placed(this).header = header;
  await placeOrder(this, undefined, { [header]: FORWARDED_ADDRESS });
});

When('I place the order with a comment of {int} {string} and one {string}', async function (this: ConformanceWorld, count: number, filler: string, tail: string) {
  const comment = filler.repeat(count) + tail;
  placed(this).comment = comment;
  await placeOrder(this, { comment });
});

When('I move the order to the {string} status', async function (this: ConformanceWorld, role: string) {
  const r = await this.call('api/order/history', { order_status_id: fixtureText(this, `order_statuses.${role}.order_status_id`) }, { query: orderQuery(this, 'mine') });
  assertSuccess(r);
});

Then('the {string} coupon is used up', async function (this: ConformanceWorld, role: string) {
  const r = await postCoupon(this, role);
  this.answer();
  assertErrorMessage(r, undefined, message('couponInvalid'));
});

Then('the {string} coupon can be used again', async function (this: ConformanceWorld, role: string) {
  const r = await postCoupon(this, role);
  this.answer();
  assertSuccess(r, message('couponSuccess'));
});

Then('the {string} gift voucher is spent', async function (this: ConformanceWorld, role: string) {
  const r = await postGiftVoucher(this, role);
  this.answer();
  assertErrorMessage(r, undefined, message('voucherInvalid'));
});

Then('the {string} gift voucher can be used again', async function (this: ConformanceWorld, role: string) {
  const r = await postGiftVoucher(this, role);
  this.answer();
  assertSuccess(r, message('voucherSuccess'));
});

Then('the {string} customer has {word} reward points', async function (this: ConformanceWorld, role: string, which: string) {
  if (which !== 'all' && which !== 'fewer') throw new Error(`"all" or "fewer" reward points, not ${which}`);
  const balance = Number(fixtureText(this, `customers.${role}.reward_points`));
  const redeemed = placed(this).redeemed;
  assert.ok(redeemed, 'the scenario redeemed no reward points');
  const r = await this.call('api/reward/available');
  this.answer();
  const points = Number((r.json as { points?: unknown }).points);
  if (which === 'all') assert.equal(points, balance, `the customer's reward points (${points}) are not the balance of ${balance}: the order left a status that uses them and still holds them`);
  else assert.equal(points, balance - redeemed, `the customer's reward points (${points}) are not the balance of ${balance} less the ${redeemed} the order redeemed, once`);
});

Then('the {string} customer\'s store credit is spent', async function (this: ConformanceWorld, role: string) {
  const line = await storeCreditLine(this);
  this.answer();
  assert.equal(line, undefined, `the cart still shows store credit (${JSON.stringify(line)}): the order that used the ${fixtureText(this, `customers.${role}.store_credit`)} of credit did not record it, or recorded something else`);
});

Then('the {string} customer\'s store credit is all there', async function (this: ConformanceWorld, role: string) {
  const credit = fixtureText(this, `customers.${role}.store_credit`);
  const line = await storeCreditLine(this);
  this.answer();
  assert.ok(line, `the cart shows no store credit: the customer's ${credit} was not given back`);
  assert.equal(parseMoney(line.text), -parseMoney(credit), `the store credit line (${line.text}) is not minus the customer's credit of ${credit}`);
});

Then('the store has all the {string} product\'s stock', async function (this: ConformanceWorld, product: string) {
  const stock = Number(fixtureText(this, `products.${product}.stock`));
  const problems = await stockProblems(this, product, stock);
  this.answer();
  assert.deepEqual(problems, [], `the stock an order took was not given back when it left the processing and complete statuses`);
});

Then('the store has the {string} product\'s stock less {int}', async function (this: ConformanceWorld, product: string, ordered: number) {
  const stock = Number(fixtureText(this, `products.${product}.stock`));
  const problems = await stockProblems(this, product, stock - ordered);
  this.answer();
  assert.deepEqual(problems, [], `an order of ${ordered} in a processing or complete status takes exactly that much stock, once`);
});

Then('the order names the store that took it', function (this: ConformanceWorld) {
  const order = infoOrder(this.answer());
  const expected = {
    store_id: fixtureText(this, 'store.store_id'), store_name: fixtureText(this, 'store.name'),
    // The store's URL setting: the fixtures' store.url when the target is reached under another address, else the target's URL.
    store_url: String(this.fixture('store.url') ?? this.parameters.baseUrl.replace(/\/*$/, '/')), language_code: fixtureText(this, 'store.language_code'),
  };
  assert.deepEqual(pick(order, Object.keys(expected)), expected, 'the order does not name the store, its URL and language as the store\'s settings do');
  const prefix = new RegExp(fixtureText(this, 'store.invoice_prefix_pattern'));
  assert.match(String(order.invoice_prefix), prefix, 'the order\'s invoice_prefix is not the store\'s invoice prefix');
});

Then('the order\'s {word} address carries the codes of the {string} address', function (this: ConformanceWorld, kind: string, role: string) {
  if (kind !== 'payment' && kind !== 'shipping') throw new Error(`payment or shipping address, not ${kind}`);
  const codes = fixtureRecord(this, `address_codes.${role}`);
  const expected = Object.fromEntries(Object.entries(codes).map(([k, v]) => [`${kind}_${k}`, String(v)]));
  assert.deepEqual(pick(infoOrder(this.answer()), Object.keys(expected)), expected, `the ${kind} country's ISO codes and zone code are not looked up from its country and zone ids`);
});

Then('the order\'s affiliate is the {string} customer, with its commission on the sub-total of 1 {string} product', function (this: ConformanceWorld, role: string, product: string) {
  const rate = Number(fixtureText(this, `customers.${role}.affiliate_commission`));
  const subTotal = parseMoney(fixtureText(this, `products.${product}.price_ex_tax`));
  const expected = { affiliate_id: fixtureText(this, `customers.${role}.customer_id`), commission: ((subTotal / 100) * rate).toFixed(4) };
  assert.deepEqual(pick(infoOrder(this.answer()), Object.keys(expected)), expected, 'the affiliate_id posted names an affiliate: the order keeps it, with commission = sub-total / 100 × its rate');
});

Then('the order has no affiliate', function (this: ConformanceWorld) {
  assert.deepEqual(pick(infoOrder(this.answer()), ['affiliate_id', 'commission']), { affiliate_id: '0', commission: '0.0000' }, 'an order for which no affiliate was posted has none');
});

Then('the order\'s forwarded_ip is the address the header gave', function (this: ConformanceWorld) {
  assert.ok(placed(this).header, 'the scenario sent no forwarding header');
  assert.equal(infoOrder(this.answer()).forwarded_ip, FORWARDED_ADDRESS, `the order's forwarded_ip is not the ${placed(this).header} header`);
});

Then('the order has no comment, no forwarded address and no accepted language', function (this: ConformanceWorld) {
  assert.deepEqual(pick(infoOrder(this.answer()), ['comment', 'forwarded_ip', 'accept_language']), { comment: '', forwarded_ip: '', accept_language: '' },
    'an order/add without a comment, and without X-Forwarded-For, Client-IP or Accept-Language headers, leaves comment, forwarded_ip and accept_language empty');
});

Then('the order has no shipping address', function (this: ConformanceWorld) {
  const order = infoOrder(this.answer());
  const keys = Object.keys(order).filter((k) => k.startsWith('shipping_') && k !== 'shipping_method' && k !== 'shipping_code');
  const expected = Object.fromEntries(keys.map((k) => [k, k === 'shipping_custom_field' ? [] : k.endsWith('_id') ? '0' : '']));
  assert.deepEqual(pick(order, keys), expected, 'an order with nothing to ship has empty shipping address fields (ids 0, custom fields [])');
});

Then('the order\'s comment is what a TEXT column keeps of it', function (this: ConformanceWorld) {
  const sent = placed(this).comment;
  assert.ok(sent !== undefined, 'the scenario sent no comment');
  const kept = String(infoOrder(this.answer()).comment);
  const expected = textColumn(sent);
  assert.ok(kept === expected, `the comment of ${Buffer.byteLength(sent)} bytes was kept as ${Buffer.byteLength(kept)} bytes (${[...kept].length} characters), expected its first ${Buffer.byteLength(expected)} bytes cut at a character boundary`);
});
