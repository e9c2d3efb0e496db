// The cart and the session currency: api/cart/add forms built from product roles (OpenCart's `option[ID]` encoding), the
// cart as api/cart/products shows it, its arithmetic (line totals, totals that add up, amounts in another currency),
// and the tasks and checks the cart steps run. The arithmetic is pure and unit-tested (test/api-cart.test.ts); amounts
// are read and compared by ./money.
import assert from 'node:assert/strict';
import { expectSuccess } from '../answers';
import type { ApiResponse, Form, FormValue } from '../client';
import { MESSAGES } from './messages';
import { fixtureMoney, formatLike, formatMoney, halfUnit, moneyFormat, moneyText, parseMoney, plain, totalsAddUp, withinRounding } from './money';
import { Currency, Product, fixtureText, type FixtureReader } from './roles';
import { totalEnabled, type TargetWorld } from './totals';

/** What the cart tasks need of the scenario's World (ConformanceWorld satisfies it). */
export interface CartWorld extends FixtureReader {
  call(route: string, form?: Form, options?: { session?: string; query?: Record<string, string | number | undefined>; method?: 'GET' | 'POST' | 'PUT'; allowViolation?: boolean }): Promise<ApiResponse>;
  /** The last answer, marked checked. */
  answer(): ApiResponse;
  /** The last answer when it was a read of that session's cart (nothing can have changed the cart since). */
  lastCartRead(session?: string): ApiResponse | undefined;
  readonly cart: CartState;
}

// ---------------------------------------------------------------------------------------------------------------
// The cart as api/cart/products answers it. These types mirror schemas/cart.json; test/api-cart.test.ts checks their
// keys against it, so the schema stays the one truth.

export interface CartOption {
  product_option_id: string;
  product_option_value_id: string;
  name: string;
  value: string;
  type: string;
}

export interface CartProduct {
  cart_id: string;
  product_id: string;
  name: string;
  model: string;
  option: CartOption[];
  quantity: string;
  stock: boolean;
  shipping: string;
  price: string;
  total: string;
  reward: number;
}

export interface CartVoucher {
  code: number | string;
  description: string;
  from_name: string;
  from_email: string;
  to_name: string;
  to_email: string;
  voucher_theme_id: string | number;
  message: string;
  price: string;
  amount: number;
}

/** One line of the `totals` list. */
export interface TotalLine {
  title: string;
  text: string;
}

export interface CartContents {
  error?: { stock?: string; minimum?: string[] };
  products: CartProduct[];
  vouchers: CartVoucher[];
  totals: TotalLine[];
}

export function cartContents(r: ApiResponse): CartContents {
  const b = r.json as Partial<CartContents> | undefined;
  assert.ok(b && typeof b === 'object' && Array.isArray(b.products) && Array.isArray(b.vouchers) && Array.isArray(b.totals),
    `${r.route} answered ${r.text.slice(0, 300)}, expected the cart contents`);
  return b as CartContents;
}

// ---------------------------------------------------------------------------------------------------------------
// Forms of api/cart/add

export interface OptionChoice {
  /** The field name under `option`: the product_option_id. */
  id: string;
  /** The value sent: a product_option_value_id for a choice (a list of one for a checkbox), else the text. */
  sent: FormValue;
  /** The line cart/products should show for it. */
  line: CartOption;
}

/**
 * The value sent for one option of a product. A choice option (with `values`) takes the named value, or else its first
 * value that is not the product's "low stock value" (so the line stays in stock while other scenarios buy that value
 * up); a text-like option takes its fixture `value`.
 */
export function optionChoice(product: Product, type: string, valueName?: string): OptionChoice {
  const o = product.option(type);
  if (o.values) {
    const names = Object.keys(o.values);
    const chosen = valueName ?? names.find((v) => v !== product.lowStockValue) ?? names[0];
    const valueId = product.text(`options.${type}.values.${chosen}`);
    return { id: o.id, sent: type === 'checkbox' ? [valueId] : valueId, line: { product_option_id: o.id, product_option_value_id: valueId, name: o.name, value: chosen, type } };
  }
  const value = valueName ?? product.text(`options.${type}.value`);
  return { id: o.id, sent: value, line: { product_option_id: o.id, product_option_value_id: '', name: o.name, value, type } };
}

/** The values the fixtures name for a choice option. */
export function optionValueNames(product: Product, type: string): string[] {
  return Object.keys(product.record(`options.${type}.values`));
}

/** Every option of the product with its chosen value (`overrides` names a value for some). */
export function everyOption(product: Product, overrides: Record<string, string> = {}): OptionChoice[] {
  return product.optionRoles.map((o) => optionChoice(product, o, overrides[o]));
}

/** Every option but one. */
export const everyOptionBut = (product: Product, type: string): OptionChoice[] => everyOption(product).filter((o) => o.line.type !== type);

/** The single-product form of api/cart/add: `product_id`, `quantity` (left out when undefined) and `option[ID]`. */
export function addForm(product: Product, quantity: FormValue, options: OptionChoice[] = []): Form {
  const form: Form = { product_id: product.id };
  if (quantity !== undefined) form.quantity = quantity;
  if (options.length) form.option = Object.fromEntries(options.map((o) => [o.id, o.sent]));
  return form;
}

export interface BatchItem {
  product: Product;
  quantity: number;
  /** Option roles to send with their chosen values. */
  options: string[];
}

/** The batch form of api/cart/add: `product[i][product_id|quantity|option]`. */
export function batchForm(items: BatchItem[]): Form {
  const product: Record<string, FormValue> = {};
  items.forEach((item, i) => {
    product[String(i)] = addForm(item.product, item.quantity, item.options.map((o) => optionChoice(item.product, o)));
  });
  return { product };
}

/** A batch whose first item is a plain value (a product_id) rather than a list; the items follow it. */
export function batchFormShifted(items: BatchItem[]): Form {
  const { product } = batchForm(items) as { product: Record<string, FormValue> };
  const shifted: Record<string, FormValue> = { 0: items[0].product.id };
  for (const [i, item] of Object.entries(product)) shifted[String(Number(i) + 1)] = item;
  return { product: shifted };
}

/** The product role whose fixtures name this product_id (for checking a cart line against its role). */
export function productRoleOf(fixtures: FixtureReader, id: string): Product | undefined {
  const products = fixtures.fixture('products');
  const roles = products && typeof products === 'object' && !Array.isArray(products) ? Object.entries(products) : [];
  const name = roles.find(([, p]) => p !== null && typeof p === 'object' && !Array.isArray(p) && String(p.product_id) === id)?.[0];
  return name === undefined ? undefined : new Product(fixtures, name);
}

/** The currency form of api/currency; `(empty code)` sends an empty code, `(no field)` no field. */
export function currencyForm(currency: Currency, transform: (code: string) => string = (c) => c): Form {
  const code = currency.code;
  return code === undefined ? {} : { currency: code === '' ? '' : transform(code) };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading lines

export function linesOf(cart: CartContents, product: Product): CartProduct[] {
  return cart.products.filter((p) => p.product_id === product.id);
}

/** The one line of a product (a harness-level assertion: the scenario built the cart so that there is one). */
export function oneLineOf(cart: CartContents, product: Product): CartProduct {
  const lines = linesOf(cart, product);
  assert.equal(lines.length, 1, `the cart should hold one line of the ${product} product (product_id ${product.id}), it holds ${lines.length}: ${JSON.stringify(cart.products).slice(0, 300)}`);
  return lines[0];
}

/** Lines by product_id with their summed quantities, for comparing a cart with what a scenario put in it. */
export function quantitiesById(cart: CartContents): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of cart.products) out[p.product_id] = (out[p.product_id] ?? 0) + Number(p.quantity);
  return out;
}

/** Option lines in a stable order (the store lists them in the order they were sent; the contract does not promise it). */
export function sortedOptions(options: CartOption[]): CartOption[] {
  const key = (o: CartOption) => `${o.product_option_id.padStart(12, '0')}/${o.product_option_value_id.padStart(12, '0')}`;
  return [...options].map(({ product_option_id, product_option_value_id, name, value, type }) => ({ product_option_id, product_option_value_id, name, value, type }))
    .sort((a, b) => key(a).localeCompare(key(b)));
}

/** The value a line shows for a choice option of its product (the line must show that option). */
export function optionValueOf(line: CartProduct, product: Product, type: string): string {
  const id = product.option(type).id;
  const shown = line.option.find((o) => o.product_option_id === id);
  assert.ok(shown, `cart line ${line.cart_id} (${product}) shows no ${type} option: ${JSON.stringify(line.option)}`);
  return shown.value;
}

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic (pure), by the rounding rule of ./money

/** Problems with a line total: it must be price × quantity (within the rounding of each unit and of the total) and formatted like the price. */
export function lineTotalProblems(products: CartProduct[]): string[] {
  const problems: string[] = [];
  for (const p of products) {
    const quantity = Number(p.quantity);
    const expected = parseMoney(p.price) * quantity;
    const shown = parseMoney(p.total);
    if (!withinRounding(shown, expected, Math.abs(quantity) + 1)) problems.push(`line ${p.cart_id} (product ${p.product_id}): total ${p.total} is not ${p.price} × ${p.quantity} = ${plain(expected)}`);
    if (formatLike(p.price, shown) !== p.total) problems.push(`line ${p.cart_id}: total ${p.total} is not formatted like its price ${p.price}`);
  }
  return problems;
}

/**
 * Problems with the totals of a cart: the first line is the Sub-Total and the last the Total, which is the sum of the
 * lines above it (money's totalsAddUp). With `onlyTaxesBetween` (a cart without shipping or discounts, where every line
 * between Sub-Total and Total is a tax), the Total is also what the lines and gift vouchers cost with tax: the sum of
 * the product line totals and the gift voucher prices where lines show their prices with tax; where they show them
 * before tax, `withTax` gives each line's unit price with its tax, and the Total is their sum times the quantities.
 */
export function totalsProblems(cart: CartContents, onlyTaxesBetween: boolean, withTax?: (line: CartProduct) => number): string[] {
  const t = cart.totals;
  const problems = totalsAddUp(t);
  if (t.length < 2 || !onlyTaxesBetween) return problems;
  const total = parseMoney(t[t.length - 1].text);
  const cost = (p: CartProduct): number => (withTax ? withTax(p) * Number(p.quantity) : parseMoney(p.total));
  const lines = cart.products.reduce((s, p) => s + cost(p), 0) + cart.vouchers.reduce((s, v) => s + parseMoney(v.price), 0);
  // A unit price before tax is rounded before the tax is reckoned from it: half a cent more per unit.
  const units = withTax ? cart.products.reduce((s, p) => s + Math.abs(Number(p.quantity)), 0) : 0;
  if (!withinRounding(total, lines, cart.products.length + cart.vouchers.length + 1 + units)) {
    problems.push(`the Total ${t[t.length - 1].text} is not what the lines cost with tax: ${plain(lines)} (${withTax ? 'unit prices with their tax × quantities' : 'line totals'} and gift voucher prices)`);
  }
  return problems;
}

/**
 * Problems with the Sub-Total of a cart of products without options: it must be the sum of quantity × price before
 * tax of each line (`exTax` by product_id, formatted) plus the gift vouchers' prices.
 */
export function subTotalProblems(cart: CartContents, exTax: Record<string, string>): string[] {
  let expected = 0;
  for (const p of cart.products) {
    const price = exTax[p.product_id];
    if (price === undefined) return [`no price before tax is known for product ${p.product_id}`];
    expected += parseMoney(price) * Number(p.quantity);
  }
  expected += cart.vouchers.reduce((s, v) => s + parseMoney(v.price), 0);
  const shown = parseMoney(cart.totals[0]?.text ?? 'none');
  return withinRounding(shown, expected, cart.vouchers.length + 1) ? [] : [`the Sub-Total ${cart.totals[0]?.text} is not the sum of the lines' prices before tax: ${plain(expected)}`];
}

/** Every amount a cart shows, by where it is: line prices and totals (by cart key), gift voucher prices, the totals. */
export function cartAmounts(cart: CartContents): Map<string, string> {
  return new Map([
    ...cart.products.flatMap((p): Array<[string, string]> => [[`line ${p.cart_id} price`, p.price], [`line ${p.cart_id} total`, p.total]]),
    ...cart.vouchers.map((v): [string, string] => [`gift voucher ${v.code} price`, v.price]),
    ...cart.totals.map((t): [string, string] => [`totals "${t.title}"`, t.text]),
  ]);
}

/**
 * Problems with a cart shown in another currency than a cart noted before (same lines, same totals): every amount
 * must be the noted one × `rate` (the target currency's rate over the noted currency's), within the rounding of both
 * (half a unit of each one's last decimal place: a noted amount's × `rate`, and the shown one's), and formatted like
 * `sample`, an amount of the target currency (its symbols, separators and decimal places). `notedSample`: an amount
 * of the noted currency (default: written like `sample`).
 */
export function conversionProblems(noted: CartContents, now: CartContents, rate: number, sample: string, notedSample = sample): string[] {
  const shownFormat = moneyFormat(sample);
  const notedFormat = moneyFormat(notedSample);
  const tolerance = halfUnit(notedFormat) * rate + halfUnit(shownFormat);
  const before = cartAmounts(noted);
  const after = cartAmounts(now);
  const names = (m: Map<string, string>) => [...m.keys()].sort().join(', ');
  if (names(before) !== names(after)) return [`the cart changed: it showed ${names(before)}; now ${names(after)}`];
  const problems: string[] = [];
  for (const [where, was] of before) {
    const is = after.get(where) as string;
    const expected = parseMoney(was, notedFormat) * rate;
    const shown = parseMoney(is, shownFormat);
    if (!withinRounding(shown, expected, 1, tolerance)) problems.push(`${where}: ${is}, expected ${was} × ${rate} ≈ ${formatMoney(shownFormat, expected)}`);
    else if (formatMoney(shownFormat, shown) !== is) problems.push(`${where}: ${is} is not formatted like ${sample}`);
  }
  return problems;
}

/** The rate of a currency relative to the default currency (the currencies' `value` in the store). */
export function currencyRate(currency: Currency): number {
  const rate = currency.value / new Currency(currency.fixtures, 'default').value;
  assert.ok(Number.isFinite(rate) && rate > 0, `the fixtures give the ${currency} currency no usable value`);
  return rate;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-scenario cart state (a field of the World)

export interface CartState {
  /** What the scenario's "my cart holds" steps put in its cart, in order (the arithmetic of discounts starts from it). */
  lines: Array<{ product: Product; quantity: number }>;
  /** The carts the scenario noted, oldest first: a check compares the cart with the last one. */
  noted: CartContents[];
  /** Cart keys used by cart/edit or cart/remove, by product role, so a step can use the same key again. */
  keys: Map<string, string>;
}

export const newCartState = (): CartState => ({ lines: [], noted: [], keys: new Map() });

/** A cart key no session has: cart keys are auto-increment integers, and this is the largest a MySQL INT holds. */
export const UNKNOWN_CART_KEY = '2147483647';

// ---------------------------------------------------------------------------------------------------------------
// Tasks

/** Reads a session's cart (marking the answer checked). */
export async function readCart(w: CartWorld, session?: string, method?: 'GET' | 'POST'): Promise<CartContents> {
  const response = await w.call('api/cart/products', undefined, { session, method });
  w.answer();
  return cartContents(response);
}

/** The cart for a Then step: the answer just read when the last call read it, else a new read (marked checked). */
export async function cartNow(w: CartWorld, session?: string): Promise<CartContents> {
  const known = w.lastCartRead(session);
  const cart = known ? cartContents(known) : await readCart(w, session);
  w.answer();
  return cart;
}

/** The last answer, which must be the cart contents. */
export const answeredCart = (w: CartWorld): CartContents => cartContents(w.answer());

/**
 * Puts `quantity` of a product in my cart (or the other session's) and asserts that the store took it; my cart's lines
 * are recorded in the cart state, which the discount arithmetic reads.
 */
export async function holdInCart(w: CartWorld, product: Product, quantity: number, options: OptionChoice[] = [], session?: string): Promise<void> {
  const r = await w.call('api/cart/add', addForm(product, quantity, options), { session });
  expectSuccess(r, `${session ? `the ${session} session ` : ''}adding ${quantity} ${product}${options.length ? ` with ${options.map((o) => `${o.line.type} "${o.line.value}"`).join(', ')}` : ''}`);
  if (session === undefined) {
    w.cart.lines.push({ product, quantity });
    w.answer();
  }
}

/** One line for each value of a choice option, the other options chosen as usual. */
export async function holdEachValue(w: CartWorld, product: Product, quantity: number, type: string): Promise<void> {
  for (const value of optionValueNames(product, type)) await holdInCart(w, product, quantity, everyOption(product, { [type]: value }));
}

/** The quantity discount's quantity of a product, split over the values of one of its options. */
export async function holdDiscountQuantitySplit(w: CartWorld, product: Product, type: string): Promise<void> {
  const total = product.discountQuantity;
  const values = optionValueNames(product, type);
  assert.ok(values.length >= 2 && total >= values.length, `the ${product} quantity discount (${total}) cannot be split over its ${type} values ${values.join(', ')}`);
  for (const [i, value] of values.entries()) {
    await holdInCart(w, product, Math.floor(total / values.length) + (i < total % values.length ? 1 : 0), everyOption(product, { [type]: value }));
  }
}

/** Sends one add for each value of a choice option; every add but the last must succeed (the last is for a Then step). */
export async function addEachValue(w: CartWorld, product: Product, quantity: number, type: string): Promise<void> {
  const values = optionValueNames(product, type);
  for (const [i, value] of values.entries()) {
    const r = await w.call('api/cart/add', addForm(product, quantity, everyOption(product, { [type]: value })));
    if (i < values.length - 1) expectSuccess(r, `adding ${quantity} ${product} with ${type} "${value}"`);
  }
}

/** Adds a product with every option, one of them sent empty. */
export function optionsWithOneEmpty(product: Product, type: string): OptionChoice[] {
  return [...everyOptionBut(product, type), { ...optionChoice(product, type), sent: '' }];
}

/** The option of another product, which this product does not have. */
export function foreignOption(product: Product, type: string, other: Product): OptionChoice {
  const choice = optionChoice(other, type);
  assert.ok(!product.optionRoles.some((o) => product.option(o).id === choice.id), `the ${product} product has the option ${choice.id} itself`);
  return choice;
}

/** This product's option set to a value of another product's option of the same type. */
export function optionWithForeignValue(product: Product, type: string, other: Product): OptionChoice {
  const foreign = optionChoice(other, type);
  assert.ok(!Object.values(product.option(type).values ?? {}).includes(foreign.line.product_option_value_id),
    `the ${other} product's ${type} value ${foreign.line.product_option_value_id} is also a value of the ${product} product`);
  return { ...optionChoice(product, type), sent: foreign.sent };
}

/**
 * The option sent with another value of the other product than {@link optionWithForeignValue} sends: a line is kept with
 * the options as sent (cart.php keys a line by them), so a second foreign value makes a line of its own.
 */
export function optionWithAnotherForeignValue(product: Product, type: string, other: Product): OptionChoice {
  const first = optionWithForeignValue(product, type, other);
  const ids = Object.values(other.option(type).values ?? {});
  const sent = [first.sent].flat()[0];
  const another = ids.find((id) => id !== sent && !Object.values(product.option(type).values ?? {}).includes(id));
  assert.ok(another !== undefined, `the ${other} product's ${type} option needs two values that are not the ${product} product's`);
  return { ...first, sent: type === 'checkbox' ? [another] : another };
}

/** Every option, a checkbox sent as a single value rather than a list. */
export const checkboxAsSingleValue = (product: Product): OptionChoice[] =>
  everyOption(product).map((o) => (o.line.type === 'checkbox' ? { ...o, sent: o.line.product_option_value_id } : o));

/** The items of a batch table (columns product, quantity and, optionally, options: "every option"). */
export function batchItems(fixtures: FixtureReader, rows: Array<Record<string, string>>): BatchItem[] {
  return rows.map((row) => {
    const product = new Product(fixtures, row.product);
    return { product, quantity: Number(row.quantity), options: row.options === 'every option' ? product.optionRoles : [] };
  });
}

/** Quantities by product_id of a table (columns product and quantity). */
export function tableQuantities(fixtures: FixtureReader, rows: Array<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) {
    const id = new Product(fixtures, row.product).id;
    out[id] = (out[id] ?? 0) + Number(row.quantity);
  }
  return out;
}

/** The cart key of the one line of a product in a session's cart. */
export async function cartKeyOf(w: CartWorld, product: Product, session?: string): Promise<string> {
  const response = await w.call('api/cart/products', undefined, { session });
  return oneLineOf(cartContents(response), product).cart_id;
}

/** Sends cart/edit or cart/remove for my line of a product, keeping its key for a later step. */
export async function changeMyLine(w: CartWorld, product: Product, route: 'api/cart/edit' | 'api/cart/remove', form: Form = {}): Promise<void> {
  const key = await cartKeyOf(w, product);
  w.cart.keys.set(product.name, key);
  await w.call(route, { key, ...form });
}

/** The key a step used before for a product's line. */
export function keyUsedBefore(w: CartWorld, product: Product): string {
  const key = w.cart.keys.get(product.name);
  assert.ok(key, `no ${product} line was removed before in this scenario`);
  return key;
}

/** Takes every product out of my cart. */
export async function emptyMyCart(w: CartWorld): Promise<void> {
  for (const line of (await readCart(w)).products) expectSuccess(await w.call('api/cart/remove', { key: line.cart_id }), 'taking a product out of the cart');
  w.answer();
  w.cart.lines = [];
}

/** Checks that the cart holds no products and no gift vouchers, as a fresh session's cart. */
export async function expectEmptyCart(w: CartWorld): Promise<void> {
  const cart = await readCart(w);
  assert.ok(cart.products.length === 0 && cart.vouchers.length === 0, `the cart is not empty: ${JSON.stringify(cart).slice(0, 300)}`);
}

/** Notes the cart, for a later check to compare with. */
export async function noteCart(w: CartWorld): Promise<void> {
  w.cart.noted.push(await readCart(w));
}

/** The cart noted last (`back` = 1: the one before it). */
export function notedCart(w: CartWorld, back = 0): CartContents {
  const noted = w.cart.noted[w.cart.noted.length - 1 - back];
  assert.ok(noted, `the scenario noted ${w.cart.noted.length} cart(s), this check needs ${back + 1}`);
  return noted;
}

/** Chooses the session currency; with `expect`, asserts that the store took it. */
export async function chooseCurrency(w: CartWorld, currency: Currency, how: { session?: string; expect?: boolean; lowerCase?: boolean; inQuery?: boolean } = {}): Promise<void> {
  const form = currencyForm(currency, how.lowerCase ? (c) => c.toLowerCase() : undefined);
  if (how.lowerCase) assert.notEqual(form.currency, currency.code, `the ${currency} currency code has no upper-case letter to lower`);
  const r = how.inQuery ? await w.call('api/currency', undefined, { query: { currency: currency.code } }) : await w.call('api/currency', form, { session: how.session });
  if (how.expect) expectSuccess(r, `${how.session ? `the ${how.session} session ` : ''}choosing the ${currency} currency`);
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** A line of a product role as the fixtures describe it: id, name, model, shipping, reward points × quantity. */
export function assertLineOfRole(line: CartProduct, product: Product): void {
  const at = `cart line ${line.cart_id} (${product})`;
  assert.match(line.cart_id, /^\d+$/, `${at}: cart_id is the cart key, an integer in a string`);
  assert.equal(line.name, product.displayName, `${at}: name`);
  const model = product.optionalText('model');
  if (model !== undefined) assert.equal(line.model, model, `${at}: model`);
  const shipping = product.optionalText('shipping');
  if (shipping !== undefined) assert.equal(line.shipping, shipping === 'true' ? '1' : '0', `${at}: shipping ("1" when it needs shipping)`);
  const reward = product.optionalText('reward');
  if (reward !== undefined) assert.equal(line.reward, Number(reward) * Number(line.quantity), `${at}: reward (the product's reward points × quantity)`);
}

/** The one line of a product holds `quantity` at the unit price `unitPrice` (in the default currency, `how`: with tax). */
export async function assertLineAtPrice(w: CartWorld, product: Product, quantity: number, unitPrice: number, how = 'with tax'): Promise<void> {
  const line = oneLineOf(await cartNow(w), product);
  assert.equal(line.quantity, String(quantity), `the ${product} line's quantity`);
  assert.equal(line.price, moneyText(new Currency(w, 'default'), unitPrice), `the ${product} line's unit price (${how}, in the session currency)`);
  assert.deepEqual(lineTotalProblems([line]), [], `the ${product} line's total`);
  assertLineOfRole(line, product);
}

/** Every line of the last answered cart is of a product role, as its fixtures describe it. */
export function assertEveryLineOfItsRole(w: CartWorld): void {
  const cart = answeredCart(w);
  assert.ok(cart.products.length > 0, 'the cart has no lines to look at');
  for (const line of cart.products) {
    const product = productRoleOf(w, line.product_id);
    assert.ok(product, `cart line ${line.cart_id} is of product ${line.product_id}, which no fixture role names`);
    assertLineOfRole(line, product);
  }
}

/** The Sub-Total of the last answered cart is the sum of its lines' prices before tax. */
export function subTotalProblemsOf(w: CartWorld): string[] {
  const cart = answeredCart(w);
  const exTax: Record<string, string> = {};
  for (const line of cart.products) {
    const product = productRoleOf(w, line.product_id);
    if (product) exTax[line.product_id] = fixtureMoney(w, product.path('price_ex_tax'));
  }
  return subTotalProblems(cart, exTax);
}

/** Each line of a product is at the unit price `<pricesKey>.<value of its option>` (tax included), its total price × quantity. */
export async function assertLinesPricedBy(w: CartWorld, product: Product, type: string, pricesKey: string, rule: string): Promise<void> {
  const lines = linesOf(await cartNow(w), product);
  assert.ok(lines.length > 0, `the cart holds no line of the ${product} product`);
  for (const line of lines) {
    const value = optionValueOf(line, product, type);
    assert.equal(line.price, fixtureMoney(w, product.path(`${pricesKey}.${value}`)), `cart line ${line.cart_id} (${product}, ${type} ${value}, quantity ${line.quantity}): ${rule}`);
    assertLineOfRole(line, product);
  }
  assert.deepEqual(lineTotalProblems(lines), [], `the ${product} line totals`);
}

/** The reward maximum of the last answer counts each line of a product at its points for its option value. */
export async function assertRewardMaximumByValue(w: CartWorld, maximum: unknown, product: Product, type: string): Promise<void> {
  const cart = await cartNow(w);
  assert.deepEqual(cart.products.filter((l) => l.product_id !== product.id), [], `the cart should hold only ${product} lines`);
  const lines = linesOf(cart, product).map((l) => ({ value: optionValueOf(l, product, type), quantity: Number(l.quantity) }));
  const expected = lines.reduce((sum, l) => sum + product.number(`points_by_value.${l.value}`) * l.quantity, 0);
  assert.equal(maximum, expected, `the reward maximum is not the points of every line, each the product's points with its option value's points added (+) or taken away (-), times its quantity: ${JSON.stringify(lines)}`);
}

/** The lines of a product show the options chosen (`but`: all but that one). */
export async function assertOptionsShown(w: CartWorld, product: Product, but?: string): Promise<void> {
  const line = oneLineOf(await cartNow(w), product);
  const expected = (but ? everyOptionBut(product, but) : everyOption(product)).map((o) => o.line);
  assert.deepEqual(sortedOptions(line.option), sortedOptions(expected), `the ${product} line's options${but ? `: a ${but} value sent as a single value rather than a list is not shown` : ''}`);
}

/** One line of a product for each value of a choice option. */
export async function assertLinePerValue(w: CartWorld, product: Product, type: string): Promise<void> {
  const shown = linesOf(await cartNow(w), product).map((l) => l.option.find((o) => o.product_option_id === product.option(type).id)?.value ?? '(none)').sort();
  assert.deepEqual(shown, optionValueNames(product, type).sort(), `the ${product} lines, by their ${type} value`);
}

/** `count` lines of a product, none showing an option (an option the product does not have makes a line of its own). */
export async function assertLinesWithoutOptions(w: CartWorld, product: Product, count: number): Promise<void> {
  const lines = linesOf(await cartNow(w), product);
  assert.equal(lines.length, count, `lines of the ${product} product (an option the product does not have makes a line of its own): ${JSON.stringify(lines).slice(0, 300)}`);
  for (const line of lines) assert.deepEqual(line.option, [], `cart line ${line.cart_id}: an option the product does not have is not shown`);
}

/** Whether the totals show a shipping method's line. */
export async function assertShippingLine(w: CartWorld, role: string, shown: boolean): Promise<void> {
  const title = fixtureText(w, `shipping_methods.${role}.title`);
  const totals = (await cartNow(w)).totals;
  assert.equal(totals.some((t) => t.title === title), shown, `the totals ${shown ? 'show no' : 'still show the'} "${title}" line: ${JSON.stringify(totals)}`);
}

/**
 * A chosen shipping method is kept: the totals show its line. Where the store has the Shipping total disabled the
 * totals show no shipping at all (the choice shows only in an order): the cart is read and must show none.
 */
export async function assertShippingKept(w: CartWorld & TargetWorld, role: string): Promise<void> {
  await assertShippingLine(w, role, totalEnabled(w, 'shipping'));
}

/** The minimum warning of the last answered cart: one entry per line of the product. */
export function assertMinimumPerLine(w: CartWorld, product: Product): void {
  const cart = answeredCart(w);
  const minimum = cart.error?.minimum;
  assert.ok(Array.isArray(minimum), `the cart reports no minimum warning: ${JSON.stringify(cart.error)}`);
  assert.equal(minimum.length, linesOf(cart, product).length, `error.minimum has one entry per line of the ${product} product`);
}

export const minimumWarning = (product: Product): string => MESSAGES.cartMinimum(product.displayName, product.minimum);

/**
 * The cart shows the amounts of the cart noted last (which must be in the default currency) in another currency: each
 * the noted one at the currency's rate, formatted like its sample.
 */
export async function assertNotedAmountsIn(w: CartWorld, currency: Currency): Promise<void> {
  const noted = notedCart(w);
  const sample = new Currency(w, 'default').sample;
  for (const t of noted.totals) assert.equal(t.text, formatLike(sample, parseMoney(t.text)), `the cart was not noted in the default currency: ${t.title} ${t.text}`);
  assert.deepEqual(conversionProblems(noted, await cartNow(w), currencyRate(currency), currency.sample, sample), []);
}
