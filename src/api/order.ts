// Orders: a session prepared for api/order/add from fixture roles (with the checkout tasks of ./checkout), the order/add check ladder, order/info's shape, and
// the money arithmetic that ties an order's stored total to the cart's formatted Total.
import assert from 'node:assert/strict';
import type { ApiResponse, Form, FormValue } from '../client';
import { MissingDatumError, type FixtureValue } from '../fixtures';
import { ADDRESS_FIELDS, fixtureText, listPaymentMethods, listShippingMethods, prepareCheckout } from './checkout';
import { parseMoney } from './discounts';
import { MESSAGES, message } from './messages';

/** What this library needs of the scenario's World (ConformanceWorld satisfies it). */
export interface OrderWorld {
  call(route: string, form?: Form, options?: { session?: string; query?: Record<string, string | number | undefined>; method?: 'GET' | 'POST' | 'PUT'; headers?: Record<string, string> }): Promise<ApiResponse>;
  fixture(path: string): FixtureValue | undefined;
  readonly createdOrders: Array<{ session: string; orderId: number }>;
}

/** An order id no store has issued: order ids are auto-increment integers, and this is the largest a MySQL INT holds. */
export const UNKNOWN_ORDER_ID = 2147483647;

/** order/info's `order`: these keys, in this order. */
export const ORDER_INFO_KEYS = [
  'order_id', 'invoice_no', 'invoice_prefix', 'store_id', 'store_name', 'store_url', 'customer_id', 'firstname', 'lastname',
  'email', 'telephone', 'custom_field', 'payment_firstname', 'payment_lastname', 'payment_company', 'payment_address_1',
  'payment_address_2', 'payment_postcode', 'payment_city', 'payment_zone_id', 'payment_zone', 'payment_zone_code',
  'payment_country_id', 'payment_country', 'payment_iso_code_2', 'payment_iso_code_3', 'payment_address_format',
  'payment_custom_field', 'payment_method', 'payment_code', 'shipping_firstname', 'shipping_lastname', 'shipping_company',
  'shipping_address_1', 'shipping_address_2', 'shipping_postcode', 'shipping_city', 'shipping_zone_id', 'shipping_zone',
  'shipping_zone_code', 'shipping_country_id', 'shipping_country', 'shipping_iso_code_2', 'shipping_iso_code_3',
  'shipping_address_format', 'shipping_custom_field', 'shipping_method', 'shipping_code', 'comment', 'total',
  'order_status_id', 'order_status', 'affiliate_id', 'commission', 'language_id', 'language_code', 'currency_id',
  'currency_code', 'currency_value', 'ip', 'forwarded_ip', 'user_agent', 'accept_language', 'date_added', 'date_modified',
] as const;

/** The decoded JSON columns of an order; every other value is a database string (order_status: null without a status). */
export const ORDER_CUSTOM_FIELD_KEYS = ['custom_field', 'payment_custom_field', 'shipping_custom_field'] as const;

/** The shipping role of a cart that needs no shipping (no shipping method exists for it). */
export const NO_SHIPPING = 'none';

// ---------------------------------------------------------------------------------------------------------------
// Money

/** A formatted amount ("$1,000.00", "96.66€", "$-150.00") in hundredths of its currency. */
export function moneyCents(text: string): number {
  return Math.round(parseMoney(text) * 100);
}

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
// Per-scenario order state (kept beside the World, which this area does not own)

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
}

const states = new WeakMap<object, OrderState>();

export function orderState(world: object): OrderState {
  let s = states.get(world);
  if (!s) states.set(world, (s = { orderIds: [] }));
  return s;
}

export function currentOrderId(world: object): number {
  const ids = orderState(world).orderIds;
  if (ids.length === 0) throw new Error('no order was placed in this scenario');
  return ids[ids.length - 1];
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

type FixtureRecord = { [key: string]: FixtureValue };

export function fixtureRecord(world: OrderWorld, path: string): FixtureRecord {
  const v = world.fixture(path);
  if (v === undefined || v === null || typeof v !== 'object' || Array.isArray(v)) throw MissingDatumError.inFixtures(path);
  return v;
}

/** The first product role whose fixtures name this datum (e.g. the product with a "minimum"). */
export function productRoleWith(world: OrderWorld, key: string): string {
  const role = Object.entries(fixtureRecord(world, 'products')).find(([, p]) => p !== null && typeof p === 'object' && !Array.isArray(p) && key in p)?.[0];
  if (!role) throw MissingDatumError.inFixtures(`products.<any>.${key}`);
  return role;
}

// ---------------------------------------------------------------------------------------------------------------
// Preparing the session, one route at a time

function expectSuccess(r: ApiResponse, doing: string): void {
  const b = r.json as { success?: unknown; error?: unknown } | undefined;
  assert.ok(b && typeof b === 'object' && !Array.isArray(b) && typeof b.success === 'string' && !('error' in b),
    `${doing}: ${r.route} answered ${r.text.slice(0, 300)}`);
}

export async function chooseCurrency(w: OrderWorld, role: string): Promise<void> {
  expectSuccess(await w.call('api/currency', { currency: fixtureText(w, `currencies.${role}.code`) }), `choosing the "${role}" currency`);
}

/**
 * The option field of one option of a product role: a choice option takes the id of the named value
 * (a checkbox as a list), a text-like option takes the named text, or its fixture text when no value is named.
 */
export function optionField(w: OrderWorld, product: string, option: string, valueName?: string): [string, FormValue] {
  const o = fixtureRecord(w, `products.${product}.options.${option}`);
  const id = String(o.product_option_id);
  const values = o.values as FixtureRecord | undefined;
  if (values && typeof values === 'object') {
    const name = valueName ?? Object.keys(values)[0];
    const valueId = values[name];
    if (valueId === undefined) throw MissingDatumError.inFixtures(`products.${product}.options.${option}.values.${name}`);
    return [id, option === 'checkbox' ? [String(valueId)] : String(valueId)];
  }
  return [id, valueName ?? fixtureText(w, `products.${product}.options.${option}.value`)];
}

export async function addProduct(w: OrderWorld, product: string, quantity: number, options: Array<[string, string | undefined]> = []): Promise<void> {
  const form: Form = { product_id: fixtureText(w, `products.${product}.product_id`), quantity };
  if (options.length) form.option = Object.fromEntries(options.map(([option, value]) => optionField(w, product, option, value)));
  expectSuccess(await w.call('api/cart/add', form), `adding ${quantity} "${product}" to the cart`);
}

/** Every option the fixtures name for the product, each with its first value or its text. */
export async function addProductWithEveryOption(w: OrderWorld, product: string, quantity: number): Promise<void> {
  const options = Object.keys(fixtureRecord(w, `products.${product}.options`)).map((o): [string, undefined] => [o, undefined]);
  await addProduct(w, product, quantity, options);
}

/** The option value of a product whose fixtures name it as its "low stock value" (a select value with little stock). */
export function lowStockValue(w: OrderWorld, product: string): { name: string; stock: number } {
  return { name: fixtureText(w, `products.${product}.low stock value.name`), stock: Number(fixtureText(w, `products.${product}.low stock value.stock`)) };
}

export async function addLowStockValue(w: OrderWorld, product: string, quantity: number): Promise<void> {
  await addProduct(w, product, quantity, [['select', lowStockValue(w, product).name]]);
}

/** Buys a gift voucher (a cart item that needs no shipping), sent by the guest customer to itself. */
export async function buyGiftVoucher(w: OrderWorld, amount: number): Promise<void> {
  const from = fixtureRecord(w, 'customers.guest');
  expectSuccess(await w.call('api/voucher/add', {
    from_name: String(from.firstname), from_email: String(from.email), to_name: 'Conformance', to_email: String(from.email),
    voucher_theme_id: fixtureText(w, 'vouchers.theme_id'), message: 'order conformance', amount,
  }), `buying a gift voucher of ${amount}`);
}

/** Posts the code of a gift voucher role to api/voucher; the answer is the caller's to check. */
export const postGiftVoucher = (w: OrderWorld, role: string): Promise<ApiResponse> => w.call('api/voucher', { voucher: fixtureText(w, `vouchers.${role}.code`) });

/** Posts the code of a coupon role to api/coupon; the answer is the caller's to check. */
export const postCoupon = (w: OrderWorld, role: string): Promise<ApiResponse> => w.call('api/coupon', { coupon: fixtureText(w, `coupons.${role}.code`) });

export async function useGiftVoucher(w: OrderWorld, role: string): Promise<void> {
  expectSuccess(await postGiftVoucher(w, role), `using the "${role}" gift voucher`);
}

export async function useCoupon(w: OrderWorld, role: string): Promise<void> {
  expectSuccess(await postCoupon(w, role), `using the "${role}" coupon`);
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
    const product = productRoleWith(w, 'low stock value');
    await addLowStockValue(w, product, lowStockValue(w, product).stock + 1);
    return { cartFilled: true };
  },
  "the cart holds less than a product's minimum": async (w) => {
    const product = productRoleWith(w, 'minimum');
    await addProductWithEveryOption(w, product, Number(fixtureText(w, `products.${product}.minimum`)) - 1);
    orderState(w).belowMinimum = product;
    return { cartFilled: true };
  },
  "the cart holds less than a product's minimum beside another one": async (w) => {
    const product = productRoleWith(w, 'minimum');
    await addProductWithEveryOption(w, product, Number(fixtureText(w, `products.${product}.minimum`)) - 1);
    await addProduct(w, 'simple', 1);
    orderState(w).belowMinimum = product;
    return { cartFilled: true };
  },
};

/** The default preparation but for the named states; notes the cart it leaves, to show a refused order left it alone. */
export async function prepareOrderExcept(w: OrderWorld, phrases: string[]): Promise<void> {
  const state: Omissions & { emptyCart?: boolean; cartFilled?: boolean } = {};
  for (const phrase of phrases) {
    const apply = ORDER_STATES[phrase];
    if (!apply) throw new Error(`unknown order state "${phrase}"; known: ${Object.keys(ORDER_STATES).join('; ')}`);
    Object.assign(state, await apply(w));
  }
  if (!state.cartFilled) await addProduct(w, 'simple', 1);
  await prepareOrder(w, DEFAULT_PREPARATION, state);
  if (state.emptyCart) await emptyCart(w);
  const { products, vouchers } = await readCart(w);
  orderState(w).cartBefore = { products, vouchers };
}

// ---------------------------------------------------------------------------------------------------------------
// The cart as order/add sees it

export interface CartSummary { products: CartLine[]; vouchers: number; titles: string[]; total: string }

export async function readCart(w: OrderWorld): Promise<CartSummary> {
  const r = await w.call('api/cart/products');
  const b = r.json as { products?: CartLine[]; vouchers?: unknown[]; totals?: Array<{ title: string }> };
  assert.ok(Array.isArray(b?.products) && Array.isArray(b.vouchers), `cart/products answered ${r.text.slice(0, 200)}`);
  return {
    products: b.products.map(({ product_id, quantity, option }) => ({ product_id, quantity, option })),
    vouchers: b.vouchers.length,
    titles: (b.totals ?? []).map((t) => t.title),
    total: cartTotalText(b),
  };
}

export async function emptyCart(w: OrderWorld): Promise<void> {
  const r = await w.call('api/cart/products');
  for (const line of (r.json as { products?: Array<{ cart_id: string }> }).products ?? []) {
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
    orderState(w).orderIds.push(Number(id));
  }
  return r;
}

/** The order id to send: this scenario's order, an id no store has, or none at all. */
export type OrderRef = 'mine' | 'unknown' | 'missing';

export function orderQuery(w: object, ref: OrderRef): Record<string, number> {
  if (ref === 'missing') return {};
  return { order_id: ref === 'unknown' ? UNKNOWN_ORDER_ID : currentOrderId(w) };
}

export async function orderInfo(w: OrderWorld, ref: OrderRef = 'mine', method: 'GET' | 'POST' = 'GET'): Promise<ApiResponse> {
  return w.call('api/order/info', undefined, { query: orderQuery(w, ref), method });
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

/** The `order` object of an order/info answer. */
export function infoOrder(r: ApiResponse): Record<string, unknown> {
  const b = r.json as { order?: unknown; error?: unknown } | undefined;
  assert.ok(b && typeof b === 'object' && b.order && typeof b.order === 'object' && !Array.isArray(b.order),
    `order/info answered no order: ${r.text.slice(0, 300)}`);
  return b.order as Record<string, unknown>;
}

/** Fixture fields of an address role as order/info names them with a prefix (payment_/shipping_). */
export function expectedAddress(w: OrderWorld, role: string, prefix: 'payment_' | 'shipping_'): Record<string, string> {
  const a = fixtureRecord(w, `addresses.${role}`);
  const keys = [...ADDRESS_FIELDS, 'country', 'zone'].filter((k) => a[k] !== undefined);
  return Object.fromEntries(keys.map((k) => [prefix + k, String(a[k])]));
}

export function pick(order: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, order[k]]));
}

/** A problem for each key or type of order/info's `order` that differs from the documented shape. */
export function orderShapeProblems(order: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(order);
  const missing = ORDER_INFO_KEYS.filter((k) => !(k in order));
  const extra = keys.filter((k) => !(ORDER_INFO_KEYS as readonly string[]).includes(k));
  if (missing.length) problems.push(`missing keys: ${missing.join(', ')}`);
  if (extra.length) problems.push(`keys the store does not give: ${extra.join(', ')}`);
  if (!missing.length && !extra.length && keys.join() !== ORDER_INFO_KEYS.join()) problems.push('the keys are in another order');
  for (const k of ORDER_INFO_KEYS) {
    if (!(k in order)) continue;
    const v = order[k];
    if ((ORDER_CUSTOM_FIELD_KEYS as readonly string[]).includes(k)) {
      if (v === null || typeof v !== 'object') problems.push(`${k} is ${JSON.stringify(v)}, expected decoded JSON (an array or object)`);
    } else if (k === 'order_status') {
      if (v !== null && typeof v !== 'string') problems.push(`${k} is ${JSON.stringify(v)}, expected a string (or null without a status)`);
    } else if (typeof v !== 'string') problems.push(`${k} is ${JSON.stringify(v)}, expected a string`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// order/add's single error

/** The message order/add reports, by name; the minimum message names the product added below its minimum. */
export function orderAddMessage(w: OrderWorld, name: string): string {
  if (name === 'orderMinimum') {
    const product = orderState(w).belowMinimum;
    if (!product) throw new Error('no product was added below its minimum in this scenario');
    return MESSAGES.orderMinimum(fixtureText(w, `products.${product}.name`), Number(fixtureText(w, `products.${product}.minimum`)));
  }
  return message(name);
}

// ---------------------------------------------------------------------------------------------------------------
// What an order consumes while it is in a processing or complete status (features/order-status.feature)

/**
 * Problems with the stock a product has left, as the cart shows it: a line of `left` is in stock and a line of
 * `left + 1` is not. The probe uses the cart and leaves it empty.
 */
export async function stockProblems(w: OrderWorld, product: string, left: number): Promise<string[]> {
  const problems: string[] = [];
  await emptyCart(w);
  const lineStock = async (): Promise<unknown> => {
    const r = await w.call('api/cart/products');
    const lines = (r.json as { products?: Array<{ cart_id: string; stock: unknown }> }).products ?? [];
    assert.equal(lines.length, 1, `the stock probe expects one cart line: ${r.text.slice(0, 200)}`);
    return lines[0];
  };
  await addProduct(w, product, Math.max(left, 1));
  let line = (await lineStock()) as { cart_id: string; stock: unknown };
  if (left > 0) {
    if (line.stock !== true) problems.push(`a line of ${left} "${product}" is out of stock: the store has fewer than ${left} left`);
    expectSuccess(await w.call('api/cart/edit', { key: line.cart_id, quantity: left + 1 }), `changing the stock probe to ${left + 1}`);
    line = (await lineStock()) as { cart_id: string; stock: unknown };
  }
  if (line.stock !== false) problems.push(`a line of ${left + 1} "${product}" is in stock: the store has more than ${left} left`);
  await emptyCart(w);
  return problems;
}

/** The Store Credit line of the cart (a product is put in an empty cart first: credit only covers a total above zero). */
export async function storeCreditLine(w: OrderWorld): Promise<{ title: string; text: string } | undefined> {
  let r = await w.call('api/cart/products');
  if (!((r.json as { products?: unknown[] }).products ?? []).length) {
    await addProduct(w, 'simple', 1);
    r = await w.call('api/cart/products');
  }
  const title = fixtureText(w, 'total_titles.credit');
  const totals = (r.json as { totals?: Array<{ title: string; text: string }> }).totals ?? [];
  return totals.find((t) => t.title === title);
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
