// Orders: a session prepared for api/order/add from fixture roles (with the checkout tasks of ./checkout), placing and
// reading orders, what order/info must show, and the money arithmetic that ties an order's stored total to the cart's
// formatted Total. What an order consumes in its statuses is in ./order-status. order/info's shape is the contract's
// (schemas/order.json): the tasks here judge values only.
import assert from 'node:assert/strict';
import type { ApiResponse, Form } from '../client';
import { Contract } from '../contract';
import { MissingDatumError } from '../fixtures';
import { assertErrorMessage, assertSuccess, assertVariant, errorMessage, expectSuccess } from '../answers';
import { ADDRESS_FIELDS, listPaymentMethods, listShippingMethods, prepareCheckout } from './checkout';
import { everyOption, holdInCart, optionChoice, readCart, type CartContents, type CartWorld } from './cart';
import { currencyFormat, formatMoney, moneyFormat } from './money';
import { MESSAGES, message } from './messages';
import { Product, Role, fixtureText, type Coupon, type Currency, type Customer } from './roles';
import { requireStockRefusal, type SettingsWorld } from './settings';

/** What this library needs of the scenario's World (ConformanceWorld satisfies it): an order starts from a cart. */
export interface OrderWorld extends CartWorld, SettingsWorld {
  call(route: string, form?: Form, options?: { session?: string; query?: Record<string, string | number | undefined>; method?: 'GET' | 'POST' | 'PUT'; headers?: Record<string, string>; allowViolation?: boolean }): Promise<ApiResponse>;
  readonly createdOrders: Array<{ session: string; orderId: number }>;
  /** This scenario's order state (a field of the World). */
  readonly order: OrderState;
}

/** An order id no store has issued: order ids are auto-increment integers, and this is the largest a MySQL INT holds. */
export const UNKNOWN_ORDER_ID = 2147483647;

/** The shipping role of a cart that needs no shipping (no shipping method exists for it). */
export const NO_SHIPPING = 'none';

// ---------------------------------------------------------------------------------------------------------------
// Money

/**
 * An order's stored total (default currency, e.g. "96.4000") in hundredths of the order's currency, rounded as the
 * store formats money: amount × currency value, rounded half away from zero to 2 decimals.
 */
export function storedTotalCents(total: string, currencyValue: string): number {
  const amount = Number(total) * Number(currencyValue) * 100;
  assert.ok(Number.isFinite(amount), `order total "${total}" × currency value "${currencyValue}" is not a number`);
  // Like PHP's round(): pre-round to 15 significant digits (so 9640.000000000002 is 9640), then half away from zero.
  const cents = Math.round(Number(Math.abs(amount).toPrecision(15)));
  return amount < 0 ? -cents : cents;
}

/** The last line of cart/products `totals` is the Total (the `total` extension sorts last). */
export function cartTotalText(cart: unknown): string {
  const totals = (cart as { totals?: Array<{ title?: unknown; text?: unknown }> } | undefined)?.totals;
  assert.ok(Array.isArray(totals) && totals.length > 0, `cart/products answered no totals: ${JSON.stringify(cart).slice(0, 200)}`);
  const last = totals[totals.length - 1];
  assert.equal(typeof last.text, 'string', 'the Total line has no text');
  return last.text as string;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-scenario order state (a field of the World)

/** A cart line as order/add reads it (the fields of cart/products' line that an order takes). */
export interface CartLine { product_id: string; quantity: string; option: unknown }

export interface OrderState {
  /** Orders placed in this scenario, oldest first. */
  orderIds: number[];
  /** order/info's `order` as it was right after the last order was placed (proves a refused change changed nothing). */
  snapshot?: Record<string, unknown>;
  /** The cart's Total, formatted, noted before the order. */
  cartTotal?: string;
  /** The cart's lines and gift vouchers as the preparation left them (proves a refused order left the cart alone). */
  cartBefore?: { products: CartLine[]; vouchers: number };
  /** The product role added below its minimum quantity, for the minimum message. */
  belowMinimum?: string;
  /** What the last order was placed with: a forwarding header, a comment, reward points redeemed. */
  placedWith: { header?: string; comment?: string; redeemed?: number };
}

export const newOrderState = (): OrderState => ({ orderIds: [], placedWith: {} });

export function currentOrderId(world: { order: OrderState }): number {
  const ids = world.order.orderIds;
  if (ids.length === 0) throw new Error('no order was placed in this scenario');
  return ids[ids.length - 1];
}

// ---------------------------------------------------------------------------------------------------------------
// Fixture roles without a parameter type of their own (addresses, methods, statuses, the store)

export const role = (w: OrderWorld, section: string, name: string): Role => new Role(w, section, name);
export const statusId = (w: OrderWorld, status: string): string => role(w, 'order_statuses', status).text('order_status_id');

/** The first product role whose fixtures name this datum (e.g. the product with a "minimum"). */
export function productRoleWith(w: OrderWorld, key: string): string {
  const products = w.fixture('products');
  const found = Object.entries(products && typeof products === 'object' ? products : {})
    .find(([, p]) => p !== null && typeof p === 'object' && !Array.isArray(p) && key in p)?.[0];
  if (!found) throw MissingDatumError.inFixtures(`products.<any>.${key}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Preparing the session, one route at a time

/** The option value of a product whose fixtures name it as its "low stock value" (a select value with little stock). */
export function lowStockValue(product: Product): { name: string; stock: number } {
  return { name: product.text('low stock value.name'), stock: product.number('low stock value.stock') };
}

/** `quantity` of the product's low stock value; `all` is the value's whole stock. */
export async function addLowStockValue(w: OrderWorld, product: Product, quantity: number | 'all'): Promise<void> {
  const value = lowStockValue(product);
  await holdInCart(w, product, quantity === 'all' ? value.stock : quantity, [optionChoice(product, 'select', value.name)]);
}

/** Buys a gift voucher (a cart item that needs no shipping), sent by the guest customer to itself. */
export async function buyGiftVoucher(w: OrderWorld, amount: number): Promise<void> {
  const from = role(w, 'customers', 'guest');
  expectSuccess(await w.call('api/voucher/add', {
    from_name: from.text('firstname'), from_email: from.text('email'), to_name: 'Conformance', to_email: from.text('email'),
    voucher_theme_id: fixtureText(w, 'vouchers.theme_id'), message: 'order conformance', amount,
  }), `buying a gift voucher of ${amount}`);
}

/** Uses a gift voucher role's code (api/voucher) and expects the store to accept it. */
export async function useGiftVoucher(w: OrderWorld, voucher: { code: string | undefined; name: string }): Promise<void> {
  expectSuccess(await w.call('api/voucher', { voucher: voucher.code }), `using the "${voucher.name}" gift voucher`);
}

/** A cart with nothing to ship: the store lists no shipping method for it. */
export async function proveNoShipping(w: OrderWorld): Promise<void> {
  const methods = await listShippingMethods(w);
  assert.deepEqual(methods.json, { shipping_methods: [] }, `a cart with nothing to ship: shipping/methods answered ${methods.text.slice(0, 200)}`);
}

export interface Preparation {
  customer: string;
  address: string;
  /** A shipping method role, or "none" for a cart with nothing to ship. */
  shipping: string;
  payment: string;
}

/** The parts of a prepared session that a scenario may leave out, in the order order/add checks them. */
export interface Omissions {
  customer?: boolean;
  paymentAddress?: boolean;
  paymentMethod?: boolean;
  shippingAddress?: boolean;
  shippingMethod?: boolean;
}

/**
 * Prepares the session as a client does (src/api/checkout.ts), leaving out what `omit` names. Leaving out an address
 * leaves out its method, which cannot be chosen without it; a payment method left out is still listed, so the session
 * knows the methods but has none chosen.
 */
export async function prepareOrder(w: OrderWorld, p: Preparation, omit: Omissions = {}): Promise<void> {
  const shippable = p.shipping !== NO_SHIPPING;
  const paymentAddress = !omit.paymentAddress;
  const shippingAddress = shippable && !omit.shippingAddress;
  await prepareCheckout(w, {
    customer: omit.customer ? undefined : p.customer,
    address: paymentAddress ? p.address : undefined,
    shippingAddress: shippingAddress ? p.address : undefined,
    shippingMethod: !shippingAddress ? null : omit.shippingMethod ? undefined : p.shipping,
    paymentMethod: paymentAddress && !omit.paymentMethod ? p.payment : undefined,
  });
  if (!shippable) await proveNoShipping(w);
  if (paymentAddress && omit.paymentMethod) await listPaymentMethods(w);
}

export const DEFAULT_PREPARATION: Preparation = { customer: 'guest', address: 'uk', shipping: 'flat', payment: 'cod' };

/**
 * The states of the order/add check ladder, by the phrase a feature uses for each: what the default preparation leaves
 * out, or the cart it fills instead of 1 "simple" product. The products come from what their fixtures name.
 */
const ORDER_STATES: Record<string, (w: OrderWorld) => Promise<Omissions & { emptyCart?: boolean; cartFilled?: boolean }>> = {
  'no customer was given': async () => ({ customer: true }),
  'no payment address was given': async () => ({ paymentAddress: true }),
  'no payment method was chosen': async () => ({ paymentMethod: true }),
  'no shipping address was given': async () => ({ shippingAddress: true }),
  'no shipping method was chosen': async () => ({ shippingMethod: true }),
  'the cart was emptied': async () => ({ emptyCart: true }),
  'the cart holds more than the store has in stock': async (w) => {
    requireStockRefusal(w);
    const product = new Product(w, productRoleWith(w, 'low stock value'));
    await addLowStockValue(w, product, lowStockValue(product).stock + 1);
    return { cartFilled: true };
  },
  "the cart holds less than a product's minimum": async (w) => ({ cartFilled: await addBelowMinimum(w) }),
  "the cart holds less than a product's minimum beside another one": async (w) => {
    await addBelowMinimum(w);
    await holdInCart(w, new Product(w, 'simple'), 1);
    return { cartFilled: true };
  },
};

async function addBelowMinimum(w: OrderWorld): Promise<true> {
  const product = new Product(w, productRoleWith(w, 'minimum'));
  await holdInCart(w, product, product.minimum - 1, everyOption(product));
  w.order.belowMinimum = product.name;
  return true;
}

/** The default preparation but for the named states; notes the cart it leaves, to show a refused order left it alone. */
export async function prepareOrderExcept(w: OrderWorld, phrases: string[]): Promise<void> {
  const state: Omissions & { emptyCart?: boolean; cartFilled?: boolean } = {};
  for (const phrase of phrases) {
    const apply = ORDER_STATES[phrase];
    if (!apply) throw new Error(`unknown order state "${phrase}"; known: ${Object.keys(ORDER_STATES).join('; ')}`);
    Object.assign(state, await apply(w));
  }
  if (!state.cartFilled) await holdInCart(w, new Product(w, 'simple'), 1);
  await prepareOrder(w, DEFAULT_PREPARATION, state);
  if (state.emptyCart) await emptyCart(w);
  w.order.cartBefore = cartLines(await readCart(w));
}

// ---------------------------------------------------------------------------------------------------------------
// The cart as order/add sees it

/** What order/add takes from a cart: its product lines and how many gift vouchers. */
function cartLines(cart: CartContents): { products: CartLine[]; vouchers: number } {
  return { products: cart.products.map(({ product_id, quantity, option }) => ({ product_id, quantity, option })), vouchers: cart.vouchers.length };
}

/** Notes the cart's Total (and its lines); with a coupon, the totals must show its line first. */
export async function noteCartTotal(w: OrderWorld, coupon?: Coupon): Promise<void> {
  const cart = await readCart(w);
  const titles = cart.totals.map((t) => t.title);
  if (coupon) assert.ok(titles.some((t) => t.includes(`(${coupon.code})`)), `the cart totals show no line for the coupon: ${titles.join(', ')}`);
  else w.order.cartBefore = cartLines(cart);
  w.order.cartTotal = cartTotalText(cart);
}

/** The cart holds what the preparation (or "I note the cart's Total") left in it. */
export async function expectCartAsNoted(w: OrderWorld): Promise<void> {
  const before = w.order.cartBefore;
  assert.ok(before, 'the scenario noted no cart (the preparation or "I note the cart\'s Total" notes it)');
  assert.deepEqual(cartLines(await readCart(w)), before, 'the cart changed (order/add empties it when it creates an order; order/edit leaves it)');
}

/** The answered cart has one line, in stock or not, with error.stock exactly when it is not. */
export function expectOneLineInStock(r: ApiResponse, inStock: boolean): void {
  const b = r.json as { products?: Array<{ stock: unknown }>; error?: { stock?: unknown } };
  assert.equal(b.products?.length, 1, `one cart line expected: ${r.text.slice(0, 200)}`);
  assert.equal(b.products[0].stock, inStock, 'the line\'s stock flag');
  assert.equal(typeof b.error?.stock === 'string', !inStock, `error.stock ${inStock ? 'reported' : 'missing'}: ${r.text.slice(0, 200)}`);
}

export async function emptyCart(w: OrderWorld): Promise<void> {
  for (const line of (await readCart(w)).products) {
    expectSuccess(await w.call('api/cart/remove', { key: line.cart_id }), 'emptying the cart');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Order routes

/** order/add; an order the store created is remembered for clean-up even if the scenario then fails. */
export async function placeOrder(w: OrderWorld, form?: Form, headers?: Record<string, string>): Promise<ApiResponse> {
  const r = await w.call('api/order/add', form, headers ? { headers } : {});
  const id = (r.json as { order_id?: unknown } | undefined)?.order_id;
  if (id !== undefined && Number.isInteger(Number(id)) && Number(id) > 0) {
    w.createdOrders.push({ session: 'default', orderId: Number(id) });
    w.order.orderIds.push(Number(id));
  }
  return r;
}

/**
 * An order of `quantity` of a product (its low stock value when asked), placed from the default preparation and read
 * back, so that a later step can show what changed.
 */
export async function havePlacedOrder(w: OrderWorld, product = new Product(w, 'simple'), quantity: number | 'all of its low stock value' = 1): Promise<void> {
  if (quantity === 'all of its low stock value') await addLowStockValue(w, product, 'all');
  else await holdInCart(w, product, quantity);
  await prepareOrder(w, DEFAULT_PREPARATION);
  const r = await placeOrder(w);
  assertSuccess(r);
  assert.ok(Number.isInteger((r.json as { order_id?: unknown }).order_id), `order/add answered no order_id: ${r.text.slice(0, 200)}`);
  w.order.snapshot = infoOrder(await orderInfo(w));
}

/** A documentation address (RFC 5737) sent as the client's forwarded address. */
export const FORWARDED_ADDRESS = '192.0.2.10';
const FORWARDING_HEADERS = ['X-Forwarded-For', 'Client-IP'];

/** order/add from a client behind a proxy: the forwarding header names FORWARDED_ADDRESS. */
export async function placeOrderForwarded(w: OrderWorld, header: string): Promise<ApiResponse> {
  if (!FORWARDING_HEADERS.includes(header)) throw new Error(`a forwarding header (${FORWARDING_HEADERS.join(', ')}), not ${header}`);
  w.order.placedWith.header = header;
  return placeOrder(w, undefined, { [header]: FORWARDED_ADDRESS });
}

export async function placeOrderWithComment(w: OrderWorld, comment: string): Promise<ApiResponse> {
  w.order.placedWith.comment = comment;
  return placeOrder(w, { comment });
}

/** The order id to send: this scenario's order, an id no store has, or none at all. */
export type OrderRef = 'mine' | 'unknown' | 'missing';

/** The feature phrase of each order id to send. */
export const ORDER_REFS: Record<string, OrderRef> = { 'for the order': 'mine', 'for an order the store does not have': 'unknown', 'without an order id': 'missing' };

export function orderQuery(w: { order: OrderState }, ref: OrderRef): Record<string, number> {
  if (ref === 'missing') return {};
  return { order_id: ref === 'unknown' ? UNKNOWN_ORDER_ID : currentOrderId(w) };
}

export async function orderInfo(w: OrderWorld, ref: OrderRef = 'mine', method: string = 'GET'): Promise<ApiResponse> {
  if (method !== 'GET' && method !== 'POST') throw new Error(`look the order up with GET or POST, not ${method}`);
  return w.call('api/order/info', undefined, { query: orderQuery(w, ref), method });
}

/** An order route with the order id in the query; order/delete without a form is {@link deleteOrder}. */
export async function callForOrder(w: OrderWorld, route: string, ref: OrderRef, form?: Form): Promise<ApiResponse> {
  if (route === 'api/order/delete' && !form) return deleteOrder(w, ref);
  return w.call(route, form, { query: orderQuery(w, ref) });
}

export async function deleteOrder(w: OrderWorld, ref: OrderRef = 'mine'): Promise<ApiResponse> {
  const r = await w.call('api/order/delete', undefined, { query: orderQuery(w, ref) });
  if (ref === 'mine' && typeof (r.json as { success?: unknown } | undefined)?.success === 'string') {
    // Deleted by the scenario itself: the clean-up hook has nothing left to do for it.
    const id = currentOrderId(w);
    const i = w.createdOrders.findIndex((o) => o.orderId === id);
    if (i >= 0) w.createdOrders.splice(i, 1);
  }
  return r;
}

// The answers these tasks read, typed by the variants of schemas/order.json: test/contract-answer-types.test.ts holds each key list
// to its schema, `satisfies` holds it to its type. The order's own 65 values stay the contract's to type.

/** order/add's answer when it created an order (OrderAdded). */
export interface OrderAdded { success: string; order_id: number }
/** order/info's answer (OrderInfo). */
export interface OrderInfo { order: Record<string, unknown>; success: string }

export const ANSWER_KEYS = {
  OrderAdded: { success: true, order_id: true } satisfies Record<keyof OrderAdded, true>,
  OrderInfo: { order: true, success: true } satisfies Record<keyof OrderInfo, true>,
};

/** The `order` object of an order/info answer. */
export function infoOrder(r: ApiResponse): Record<string, unknown> {
  const b = r.json as Partial<OrderInfo> | undefined;
  assert.ok(b && typeof b === 'object' && b.order && typeof b.order === 'object' && !Array.isArray(b.order),
    `order/info answered no order: ${r.text.slice(0, 300)}`);
  return b.order as Record<string, unknown>;
}

export function pick(order: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, order[k]]));
}

// ---------------------------------------------------------------------------------------------------------------
// What order/add and order/info answered

export function expectOrderCreated(w: OrderWorld): void {
  const r = w.answer();
  assertVariant(r, 'OrderAdded');
  const id = (r.json as OrderAdded).order_id;
  assert.ok(typeof id === 'number' && Number.isInteger(id) && id > 0, `order_id is ${JSON.stringify(id)}, expected a positive integer`);
  const ids = w.order.orderIds;
  assert.equal(new Set(ids).size, ids.length, `order/add gave an order id twice: ${ids.join(', ')}`);
}

/** order/add refused, creating nothing; with `messageName`, its error is that message in the store's language. */
export function expectOrderRefused(w: OrderWorld, messageName?: string, forStock = messageName === 'orderStock'): void {
  const r = w.answer();
  // Taken beyond the stock: a store that sells beyond it answers so too, and the cart's answers cannot tell (both readings).
  const taken = typeof (r.json as { order_id?: unknown } | undefined)?.order_id !== 'undefined';
  if (taken && forStock && w.target.settingSource('config_stock_checkout') !== 'declared') {
    assert.fail(`api/order/add took an order of a cart beyond the stock, where ${w.target.describeSetting('config_stock_checkout')}: either the store sells beyond its stock ` +
      '(System > Settings > Option > Stock Checkout is on: then write "settings": { "config_stock_checkout": true } in the fixtures), or it does not check the stock of an order');
  }
  assertVariant(r, 'OrderRejected');
  if (messageName !== undefined) assertErrorMessage(r, undefined, orderAddMessage(w, messageName));
  assert.ok(!('order_id' in (r.json as object)), `a refused order/add answered an order_id: ${r.text.slice(0, 200)}`);
}

/**
 * An order for more than the stock: taken where the store sells beyond its stock, refused where it does not
 * (config_stock_checkout; catalog/controller/api/order.php:73). The refusal's text is order-add-precondition's to judge.
 */
export function expectOrderBeyondStockAsSet(w: OrderWorld): void {
  if (w.target.settings.config_stock_checkout) expectOrderCreated(w);
  else expectOrderRefused(w, undefined, true);
}

/** The answered order has these values (its other fields are not looked at). */
export function expectOrder(w: OrderWorld, expected: Record<string, unknown>, why?: string): Record<string, unknown> {
  const order = infoOrder(w.answer());
  assert.deepEqual(pick(order, Object.keys(expected)), expected, why);
  return order;
}

export function customerFields(customer: Customer): Record<string, string> {
  return Object.fromEntries(['customer_id', 'firstname', 'lastname', 'email', 'telephone'].map((k) => [k, customer.text(k)]));
}

function paymentOrShipping(kind: string): 'payment' | 'shipping' {
  if (kind !== 'payment' && kind !== 'shipping') throw new Error(`payment or shipping, not ${kind}`);
  return kind;
}

/** Fixture fields of an address role as order/info names them with the payment_ or shipping_ prefix. */
export function addressFields(w: OrderWorld, kind: string, address: string): Record<string, string> {
  const a = role(w, 'addresses', address).record();
  const keys = [...ADDRESS_FIELDS, 'country', 'zone'].filter((k) => a[k] !== undefined);
  return Object.fromEntries(keys.map((k) => [`${paymentOrShipping(kind)}_${k}`, String(a[k])]));
}

/** The ISO codes and zone code of an address role, as order/info names them with the payment_ or shipping_ prefix. */
export function addressCodeFields(w: OrderWorld, kind: string, address: string): Record<string, string> {
  const codes = role(w, 'address_codes', address).record();
  return Object.fromEntries(Object.entries(codes).map(([k, v]) => [`${paymentOrShipping(kind)}_${k}`, String(v)]));
}

/** The method's title and code as order/info keeps them; a cart with nothing to ship has neither. */
export function methodFields(w: OrderWorld, kind: string, method: string): Record<string, string> {
  const k = paymentOrShipping(kind);
  const m = role(w, `${k}_methods`, method);
  const none = k === 'shipping' && method === NO_SHIPPING;
  return { [`${k}_method`]: none ? '' : m.text('title'), [`${k}_code`]: none ? '' : m.text('code') };
}

export function statusFields(w: OrderWorld, status: string): Record<string, string> {
  return { order_status_id: statusId(w, status), order_status: role(w, 'order_statuses', status).text('name') };
}

/** The order was placed in the store of the fixtures: its id, name, URL setting, language and invoice prefix. */
export function expectStoreNamed(w: OrderWorld, baseUrl: string): void {
  const text = (k: string): string => fixtureText(w, `store.${k}`);
  const order = expectOrder(w, {
    store_id: text('store_id'), store_name: text('name'),
    // The store's URL setting: the fixtures' store.url when the target is reached under another address, else the target's URL.
    store_url: String(w.fixture('store.url') ?? baseUrl.replace(/\/*$/, '/')), language_code: text('language_code'),
  }, 'the order does not name the store, its URL and language as the store\'s settings do');
  assert.match(String(order.invoice_prefix), new RegExp(text('invoice_prefix_pattern')), 'the order\'s invoice_prefix is not the store\'s invoice prefix');
}

/** The affiliate customer, with its commission on the sub-total of one unit of the product. */
export function affiliateFields(affiliate: Customer, product: Product): Record<string, string> {
  const subTotal = product.priceExTax;
  return { affiliate_id: affiliate.text('customer_id'), commission: ((subTotal / 100) * affiliate.number('affiliate_commission')).toFixed(4) };
}

/** An order with nothing to ship: empty shipping address fields (ids 0, custom fields []). */
export function expectNoShippingAddress(w: OrderWorld): void {
  const keys = Object.keys(infoOrder(w.answer())).filter((k) => k.startsWith('shipping_') && k !== 'shipping_method' && k !== 'shipping_code');
  expectOrder(w, Object.fromEntries(keys.map((k) => [k, k === 'shipping_custom_field' ? [] : k.endsWith('_id') ? '0' : ''])),
    'an order with nothing to ship has empty shipping address fields (ids 0, custom fields [])');
}

/**
 * The order keeps the rate of its currency at the time of the order (api/order.php:318: `currency->getValue()` of the
 * session currency), so its stored total is in the default currency. The rate is the fixtures' (learned exactly: 8
 * decimals, as the store keeps it).
 */
export function expectCurrencyValue(w: OrderWorld, currency: Currency): void {
  const order = infoOrder(w.answer());
  const value = Number(order.currency_value);
  assert.ok(Number.isFinite(value) && Math.abs(value - currency.value) <= 5e-9 + 1e-12,
    `currency_value ${String(order.currency_value)}, expected ${currency.value} (the rate of ${currency.code}): the stored total is in the store's default currency, and the order keeps the rate it was placed at`);
}

/** order/info answered the order the scenario placed (every guest order of the suite has the same customer fields). */
export function expectPlacedOrder(w: OrderWorld): void {
  const order = infoOrder(w.answer());
  assert.equal(String(order.order_id), String(currentOrderId(w)), 'order/info answered another order than the one named in the query string');
}

/** The stored total, in the order's currency, is the cart's Total noted before the order. */
export function expectTotalAsNoted(w: OrderWorld): void {
  const noted = w.order.cartTotal;
  assert.ok(noted, 'the scenario noted no cart Total');
  const order = infoOrder(w.answer());
  // As the store formats it in the order's currency (its decimal places and separators, from its role's sample).
  const format = currencyFormat(w, String(order.currency_code)) ?? moneyFormat(noted);
  assert.equal(formatMoney(format, Number(order.total) * Number(order.currency_value)), noted,
    `order total ${String(order.total)} × currency value ${String(order.currency_value)} against the cart's Total ${noted}`);
}

/** The answer's objects list their documented keys in the order the contract gives (x-key-order in schemas/). */
export function expectDocumentedKeyOrder(w: OrderWorld): void {
  const r = w.answer();
  assert.deepEqual(Contract.load().keyOrderProblems(r.route, r.json), [], `${r.route}: the keys are not in the documented order`);
}

/** order/info now shows the order as it was right after it was placed. */
export async function expectOrderUnchanged(w: OrderWorld): Promise<void> {
  const before = w.order.snapshot;
  assert.ok(before, 'the scenario took no snapshot of its order');
  await orderInfo(w);
  assert.deepEqual(infoOrder(w.answer()), before, 'the order changed');
}

/** The comment sent is kept as a TEXT column keeps it. */
export function expectCommentKept(w: OrderWorld): void {
  const sent = w.order.placedWith.comment;
  assert.ok(sent !== undefined, 'the scenario sent no comment');
  const kept = String(infoOrder(w.answer()).comment);
  const expected = textColumn(sent);
  assert.ok(kept === expected, `the comment of ${Buffer.byteLength(sent)} bytes was kept as ${Buffer.byteLength(kept)} bytes (${[...kept].length} characters), expected its first ${Buffer.byteLength(expected)} bytes cut at a character boundary`);
}

/** What a MySQL TEXT column keeps of a value: its first 65535 bytes, cut back to a whole UTF-8 character. */
export function textColumn(value: string): string {
  let out = '';
  let bytes = 0;
  for (const ch of value) {
    bytes += Buffer.byteLength(ch);
    if (bytes > 65535) break;
    out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// order/add's single error

/** The message order/add reports, by name; the minimum message names the product added below its minimum. */
export function orderAddMessage(w: OrderWorld, name: string): string {
  if (name === 'orderMinimum') {
    const product = w.order.belowMinimum;
    if (!product) throw new Error('no product was added below its minimum in this scenario');
    const p = new Product(w, product);
    return MESSAGES.orderMinimum(p.displayName, p.minimum);
  }
  return message(name, 'api/order');
}
