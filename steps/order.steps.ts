// Orders (api/order/add, info, edit, history, delete) and the checkout journey that leads to them. A session is
// prepared from fixture roles through the checkout routes; the mechanics and the arithmetic are in src/api/order.ts.
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertErrorMessage, assertSuccess, assertVariant, errorMessage } from '../src/answers';
import { choosePaymentMethod, chooseShippingMethod, fixtureText, listPaymentMethods, listShippingMethods, setCustomer, setPaymentAddress, setShippingAddress } from '../src/api/checkout';
import {
  DEFAULT_PREPARATION, NO_SHIPPING, addLowStockValue, addProduct, buyGiftVoucher, chooseCurrency, deleteOrder, expectedAddress,
  fixtureRecord, infoOrder, lowStockValue, moneyCents, orderAddMessage, orderInfo, orderQuery, orderShapeProblems, orderState, pick,
  placeOrder, prepareOrder, prepareOrderExcept, readCart, storedTotalCents, useCoupon, useGiftVoucher, type OrderRef,
} from '../src/api/order';
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
