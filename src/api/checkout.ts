// Checkout tasks: the customer, the payment and shipping addresses and their methods (api/customer, api/payment/*,
// api/shipping/*), each built from a fixture role. Other areas (orders) import these to prepare a session; the checkout
// scenarios use the same forms with one field changed. The `<33 × a>` notation lets feature tables show long values.
import assert from 'node:assert/strict';
import type { ApiResponse, Form } from '../client';
import type { FixtureValue } from '../fixtures';
import { assertVariant, errorMessage, expectSuccess, valueAt } from '../answers';
import { fixtureMoney, formatLike, parseMoney } from './money';
import { Currency, Customer, GiftVoucher, Product, Role, fixtureText } from './roles';
import { codMinimum, offersPaymentMethod, pricesWithTax, quoteTextPath, requireCodTotalReached, requirePaymentMethod, type SettingsWorld } from './settings';

/** What these tasks need of the scenario's World (ConformanceWorld satisfies it). */
export interface CheckoutWorld extends SettingsWorld {
  call(route: string, form?: Form): Promise<ApiResponse>;
  fixture(path: string): FixtureValue | undefined;
}

/** The fields api/customer reads (custom fields aside), in the order it checks them. */
export const CUSTOMER_FIELDS = ['customer_id', 'customer_group_id', 'firstname', 'lastname', 'email', 'telephone'] as const;

/** The fields api/payment/address and api/shipping/address read (custom fields aside). */
export const ADDRESS_FIELDS = ['firstname', 'lastname', 'company', 'address_1', 'address_2', 'city', 'postcode', 'country_id', 'zone_id'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Values of feature tables

/** Units of the repetition notation that a table cell cannot show as themselves (Gherkin trims cells). */
const NAMED_UNITS: Record<string, string> = { space: ' ' };

/**
 * Expands the repetition notation of feature tables: `<33 × a>` (or `<33 x a>`) is 33 "a"s, `<3 × space>` three
 * spaces, and it may sit inside other text: `<64 × a>@<27 × b>.com` is an e-mail address of 96 characters. `<empty>`
 * is the empty string. Other text is kept as it is.
 */
export function expandValue(text: string): string {
  if (text.trim() === '<empty>') return '';
  return text.replace(/<(\d+)\s*[×x]\s*([^>]+?)\s*>/g, (_, count: string, unit: string) => (NAMED_UNITS[unit] ?? unit).repeat(Number(count)));
}

/** A form with only the named fields (the others left out, as a client that does not send them); `nothing` keeps none. */
export function onlyFields(form: Form, fields: string[]): Form {
  const keep = new Set(fields.filter((f) => f !== 'nothing'));
  // A field the form does not have is a mistake in the scenario (a harness error), not the store's.
  for (const f of keep) if (!(f in form)) throw new Error(`"${f}" is not a field of this form (${Object.keys(form).join(', ')})`);
  return Object.fromEntries(Object.entries(form).filter(([k]) => keep.has(k)));
}

// ---------------------------------------------------------------------------------------------------------------
// Forms from fixture roles

function formOf(role: Role, fields: readonly string[], changes: Form): Form {
  const data = role.record();
  const form: Form = {};
  for (const f of fields) form[f] = String(data[f] ?? '');
  return { ...form, ...changes };
}

/** The api/customer form of a customer role, with some fields changed (`undefined` leaves a field out). */
export function customerForm(customer: Customer, changes: Form = {}): Form {
  return formOf(customer, CUSTOMER_FIELDS, changes);
}

/** The address form of an address role, with some fields changed (`undefined` leaves a field out). */
export function addressForm(w: Pick<CheckoutWorld, 'fixture'>, role: string, changes: Form = {}): Form {
  return formOf(new Role(w, 'addresses', role), ADDRESS_FIELDS, changes);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading answers

/** One quote of a shipping extension, as shipping/methods lists it. */
export interface ShippingQuote {
  code: string;
  title: string;
  cost: string;
  tax_class_id: string;
  text: string;
}

/** One payment method, as payment/methods lists it. */
export interface PaymentMethod {
  code: string;
  title: string;
  terms: string;
  sort_order: string;
}

function json(r: ApiResponse): Record<string, unknown> {
  assert.ok(r.json !== null && typeof r.json === 'object' && !Array.isArray(r.json), `${r.route} answered ${r.text.slice(0, 200)}, expected a JSON object`);
  return r.json as Record<string, unknown>;
}

/** The quotes of a shipping/methods answer by their code (`flat.flat`); empty when it lists none. */
export function shippingQuotes(r: ApiResponse): Map<string, ShippingQuote> {
  const methods = json(r).shipping_methods;
  assert.ok(methods !== undefined, `${r.route} answered no shipping_methods: ${r.text.slice(0, 200)}`);
  const quotes = new Map<string, ShippingQuote>();
  if (Array.isArray(methods)) return quotes;
  for (const [ext, method] of Object.entries(methods as Record<string, { quote?: Record<string, ShippingQuote> }>)) {
    for (const [name, quote] of Object.entries(method.quote ?? {})) quotes.set(`${ext}.${name}`, quote);
  }
  return quotes;
}

/** The methods of a payment/methods answer by their code; empty when it lists none. */
export function paymentMethods(r: ApiResponse): Map<string, PaymentMethod> {
  const methods = json(r).payment_methods;
  assert.ok(methods !== undefined, `${r.route} answered no payment_methods: ${r.text.slice(0, 200)}`);
  return new Map(Array.isArray(methods) ? [] : Object.entries(methods as Record<string, PaymentMethod>));
}

// ---------------------------------------------------------------------------------------------------------------
// Tasks (each asserts that the store accepted it, naming the role when it did not)

/** Sets the customer (with some fields changed) and asserts that the store took it. */
export async function setCustomer(w: CheckoutWorld, customer: Customer, changes: Form = {}): Promise<ApiResponse> {
  return expectSuccess(await w.call('api/customer', customerForm(customer, changes)), `setting the ${customer} customer${Object.keys(changes).length ? ` with ${Object.keys(changes).join(', ')}` : ''}`);
}

/** Sends an address (with some fields changed) as both the payment and the shipping address, asserting each is taken. */
export async function setBothAddresses(w: CheckoutWorld, role: string, changes: Form): Promise<void> {
  for (const route of ['api/payment/address', 'api/shipping/address']) {
    expectSuccess(await w.call(route, addressForm(w, role, changes)), `sending the "${role}" address to ${route} with ${Object.keys(changes).join(', ')}`);
  }
}

export async function setPaymentAddress(w: CheckoutWorld, role: string): Promise<ApiResponse> {
  return expectSuccess(await w.call('api/payment/address', addressForm(w, role)), `setting the "${role}" payment address`);
}

/** Needs a cart with a shippable product: a cart that needs no shipping answers `[]` (see {@link prepareCheckout}). */
export async function setShippingAddress(w: CheckoutWorld, role: string): Promise<ApiResponse> {
  return expectSuccess(await w.call('api/shipping/address', addressForm(w, role)), `setting the "${role}" shipping address`);
}

export async function listShippingMethods(w: CheckoutWorld): Promise<ApiResponse> {
  return w.call('api/shipping/methods');
}

export async function listPaymentMethods(w: CheckoutWorld): Promise<ApiResponse> {
  return w.call('api/payment/methods');
}

/** Lists the shipping methods (the store only accepts a listed one), then chooses the role's quote. */
export async function chooseShippingMethod(w: CheckoutWorld, role: string): Promise<ApiResponse> {
  const code = fixtureText(w, `shipping_methods.${role}.code`);
  const listed = await listShippingMethods(w);
  assert.ok(shippingQuotes(listed).has(code), `shipping method ${code} ("${role}") is not offered: ${listed.text.slice(0, 300)}`);
  return expectSuccess(await w.call('api/shipping/method', { shipping_method: code }), `choosing the "${role}" shipping method`);
}

/**
 * Lists the payment methods (the store only accepts a listed one), then chooses the role's code. A method the store's
 * settings do not offer here (disabled, or cash on delivery below its minimum total) makes the scenario not applicable.
 */
export async function choosePaymentMethod(w: CheckoutWorld, role: string): Promise<ApiResponse> {
  const code = fixtureText(w, `payment_methods.${role}.code`);
  const listed = await listPaymentMethods(w);
  if (!paymentMethods(listed).has(code)) {
    requirePaymentMethod(w, role);
    let total = '';
    if (code === COD) {
      const shown = await cartTotal(w);
      if (shown) requireCodTotalReached(w, shown.amount, shown.text);
      total = ` (the cart's Total is ${shown?.text ?? 'not known'}; ${w.target.describeSetting('payment_cod_total')}: name the store's own minimum total in the fixtures if it has another)`;
    }
    assert.fail(`payment method ${code} ("${role}") is not offered${total}: ${listed.text.slice(0, 300)}`);
  }
  return expectSuccess(await w.call('api/payment/method', { payment_method: code }), `choosing the "${role}" payment method`);
}

/** The code of the cash on delivery extension, whose minimum total is a setting (payment_cod_total). */
const COD = 'cod';

/** The cart's Total as shown, and as an amount of the default currency (the session's currency told by its format). */
async function cartTotal(w: CheckoutWorld): Promise<{ text: string; amount: number } | undefined> {
  const totals = ((await w.call('api/cart/products')).json as { totals?: Array<{ text?: unknown }> } | undefined)?.totals;
  const text = totals?.[totals.length - 1]?.text;
  if (typeof text !== 'string') return undefined;
  const currencies = w.fixture('currencies');
  for (const name of Object.keys(currencies && typeof currencies === 'object' ? currencies : {})) {
    const c = new Currency(w, name);
    if (c.has('sample') && c.has('value') && formatLike(c.sample, parseMoney(text)) === text) return { text, amount: parseMoney(text) / c.value };
  }
  return undefined;
}

/** Method roles that are not fixtures: a request without the field, or with it empty. */
export const NO_FIELD = '(no field)';
export const EMPTY_FIELD = '(empty)';

/** The form of shipping/method or payment/method for a method role (`<kind>_methods.<role>.code`). */
export function chooseCodeForm(w: CheckoutWorld, kind: 'shipping' | 'payment', role: string): Form {
  if (role === NO_FIELD) return {};
  const field = `${kind}_method`;
  return { [field]: role === EMPTY_FIELD ? '' : fixtureText(w, `${kind}_methods.${role}.code`) };
}

/**
 * Fills the cart the fixtures name for a payment method that needs a total of zero (`payment_methods.<role>.zero total
 * cart`: a product, the value of one of its options, and a gift voucher that pays for it). Answers why when the target
 * cannot reach a zero total (the gift voucher is refused or no longer covers the cart), so the scenario is skipped.
 */
export async function zeroTotalCart(w: CheckoutWorld, role: string): Promise<string | undefined> {
  const recipe = `payment_methods.${role}.zero total cart`;
  const product = new Product(w, fixtureText(w, `${recipe}.product`));
  const option = product.option(fixtureText(w, `${recipe}.option`));
  const valueId = product.text(`options.${option.type}.values.${fixtureText(w, `${recipe}.value`)}`);
  expectSuccess(await w.call('api/cart/add', { product_id: product.id, quantity: 1, option: { [option.id]: valueId } }), `adding the ${product} product`);
  const voucher = new GiftVoucher(w, fixtureText(w, `${recipe}.gift voucher`));
  const applied = await w.call('api/voucher', { voucher: voucher.code });
  if (!(applied.json as { success?: unknown } | undefined)?.success) return `the ${voucher} gift voucher is refused on this target: ${applied.text.slice(0, 120)}`;
  const cart = await w.call('api/cart/products');
  const totals = (cart.json as { totals?: Array<{ title: string; text: string }> } | undefined)?.totals ?? [];
  const total = totals[totals.length - 1]?.text ?? '';
  if (!/\d/.test(total) || parseMoney(total) !== 0) return `the ${voucher} gift voucher does not bring the cart to a total of zero here (Total ${total || 'missing'}); its balance may be used by orders`;
  return undefined;
}

export interface Checkout {
  /** Customer role (`customers.<role>`); omit to leave the customer unset. */
  customer?: string;
  /** Address role (`addresses.<role>`) used for payment and, unless `shippingAddress` says otherwise, for shipping. */
  address?: string;
  shippingAddress?: string;
  /** Payment method role (`payment_methods.<role>`); needs an address. */
  paymentMethod?: string;
  /**
   * Shipping method role (`shipping_methods.<role>`); needs an address. `null`: the cart needs no shipping, so no shipping
   * address or method is set (the store answers `[]` to them).
   */
  shippingMethod?: string | null;
}

/**
 * Sets what the roles name, in the order a client does: customer, payment address, shipping address and method, then
 * the payment method (last, because the methods offered depend on the total, shipping included).
 */
export async function prepareCheckout(w: CheckoutWorld, c: Checkout): Promise<void> {
  if (c.customer) await setCustomer(w, new Customer(w, c.customer));
  if (c.address) await setPaymentAddress(w, c.address);
  const shipTo = c.shippingAddress ?? c.address;
  if (shipTo && c.shippingMethod !== null) await setShippingAddress(w, shipTo);
  if (c.shippingMethod) await chooseShippingMethod(w, c.shippingMethod);
  if (c.paymentMethod) await choosePaymentMethod(w, c.paymentMethod);
}

// ---------------------------------------------------------------------------------------------------------------
// Checks of the answer just received

/** The shipping/methods answer offers a method's quote as the fixtures describe it, under its extension. */
export function assertQuoteOffered(r: ApiResponse, w: Pick<CheckoutWorld, 'fixture'>, role: string): void {
  const m = (key: string): string => fixtureText(w, `shipping_methods.${role}.${key}`);
  const quote = shippingQuotes(r).get(m('code'));
  assert.ok(quote, `${r.route} offers no ${m('code')} quote: ${r.text.slice(0, 300)}`);
  assert.deepEqual([quote.code, quote.title, quote.cost], [m('code'), m('title'), m('cost')], 'quote code, title and cost (ex tax, a string)');
  const extension = m('extension');
  assert.equal(valueAt(r, `shipping_methods.${extension}.title`), m('extension_title'), 'shipping extension title');
  assert.equal(valueAt(r, `shipping_methods.${extension}.error`), false, 'a quote that worked has error false');
  const sortOrder = w.fixture(`shipping_methods.${role}.sort_order`);
  if (sortOrder !== undefined) assert.equal(valueAt(r, `shipping_methods.${extension}.sort_order`), String(sortOrder), 'the shipping extension\'s sort_order is its configured sort order (a string)');
}

/**
 * A method's quote text at an address: its cost with that address's taxes where the store shows prices with tax,
 * its cost alone where it shows them without (config_tax; catalog/model/extension/shipping/flat.php:26).
 */
export function assertQuotePricedFor(r: ApiResponse, w: SettingsWorld, role: string, address: string): void {
  const code = fixtureText(w, `shipping_methods.${role}.code`);
  const quote = shippingQuotes(r).get(code);
  assert.ok(quote, `${r.route} offers no ${code} quote: ${r.text.slice(0, 300)}`);
  const how = pricesWithTax(w) ? `cost with the taxes of the "${address}" address` : `its cost, without the "${address}" address's taxes, where ${w.target.describeSetting('config_tax')}`;
  assert.equal(quote.text, fixtureMoney(w, quoteTextPath(w, role, address)), `the ${code} quote text (${how})`);
}

/**
 * payment/methods for a total of zero offers free checkout where the store offers it (`free`) and, for a cart to ship,
 * cash on delivery where the store offers it without a minimum total (`cod`; catalog/model/extension/payment/cod.php:8);
 * no method, saying why, where that leaves none.
 */
export function assertZeroTotalMethods(r: ApiResponse, w: CheckoutWorld, free: string, cod?: string): void {
  const expected = [free, ...(cod !== undefined && !(codMinimum(w) > 0) ? [cod] : [])].filter((role) => offersPaymentMethod(w, role));
  if (expected.length) assertPaymentMethodsOffered(r, w, expected);
  else expectNoPaymentMethod(r);
}

/** payment/methods offers nothing, and says why. */
export function expectNoPaymentMethod(r: ApiResponse): void {
  assertVariant(r, 'NoPaymentOptions');
  assert.deepEqual((r.json as { payment_methods?: unknown }).payment_methods, [], `payment/methods offered ${r.text.slice(0, 200)}`);
  assert.equal(typeof errorMessage(r), 'string', 'payment/methods says why it offers nothing');
}

/** The payment/methods answer offers exactly these method roles, each as the fixtures describe it. */
export function assertPaymentMethodsOffered(r: ApiResponse, w: Pick<CheckoutWorld, 'fixture'>, roles: string[]): void {
  const offered = paymentMethods(r);
  const code = (role: string): string => fixtureText(w, `payment_methods.${role}.code`);
  assert.deepEqual([...offered.keys()].sort(), roles.map(code).sort(), `${r.route}: the payment method codes offered`);
  for (const role of roles) {
    const method = offered.get(code(role));
    assert.deepEqual([method?.code, method?.title], [code(role), fixtureText(w, `payment_methods.${role}.title`)], `the "${role}" method's code and title`);
    for (const field of ['terms', 'sort_order'] as const) {
      const expected = w.fixture(`payment_methods.${role}.${field}`);
      if (expected !== undefined) assert.equal(method?.[field], String(expected), `the "${role}" method's ${field} is its configured ${field === 'terms' ? 'terms' : 'sort order'}`);
    }
  }
}

/** The order keeps the custom_field values sent with the customer and both addresses. */
export function assertCustomFieldKept(order: Record<string, unknown>, id: string, value: string): void {
  for (const key of ['custom_field', 'payment_custom_field', 'shipping_custom_field']) {
    assert.deepEqual(order[key], { [id]: value }, `the order's ${key} is not the custom_field values sent with the ${key === 'custom_field' ? 'customer' : key.split('_')[0] + ' address'}`);
  }
}

/** The order's addresses have the address format of an address role's country (empty for a country the store does not have). */
export function assertAddressFormat(order: Record<string, unknown>, w: Pick<CheckoutWorld, 'fixture'>, role: string): void {
  const format = fixtureText(w, `addresses.${role}.address_format`);
  for (const key of ['payment_address_format', 'shipping_address_format']) {
    assert.equal(order[key], format, `the order's ${key} is not the address format of the address's country (empty for a country the store does not have)`);
  }
}
