// The cart and the session currency: api/cart/add forms built from fixture roles (OpenCart's `option[ID]` encoding),
// the cart as api/cart/products shows it, and its arithmetic (line totals, totals that add up, amounts in another
// currency). The arithmetic is pure and unit-tested (test/api-cart.test.ts); formatted amounts are read with the
// discounts library's parseMoney/formatLike, the one reader of the store's money format.
import assert from 'node:assert/strict';
import type { ApiResponse, Form, FormValue } from '../client';
import { MissingDatumError, type FixtureValue } from '../fixtures';
import { formatLike, parseMoney, type TotalLine } from './discounts';

/** What this library needs of the scenario's World (ConformanceWorld satisfies it). */
export interface CartWorld {
  call(route: string, form?: Form, options?: { session?: string; query?: Record<string, string | number | undefined>; method?: 'GET' | 'POST' | 'PUT' }): Promise<ApiResponse>;
  fixture(path: string): FixtureValue | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The cart as api/cart/products answers it (types are checked by the contract; these are the fields we read)

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
  price: string;
  amount: number;
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
// Fixtures of a product role

type FixtureRecord = { [key: string]: FixtureValue };

function record(w: CartWorld, path: string): FixtureRecord {
  const v = w.fixture(path);
  if (v === undefined || v === null || typeof v !== 'object' || Array.isArray(v)) throw MissingDatumError.inFixtures(path);
  return v;
}

function text(w: CartWorld, path: string): string {
  const v = w.fixture(path);
  if (v === undefined || v === null || typeof v === 'object') throw MissingDatumError.inFixtures(path);
  return String(v);
}

export function productId(w: CartWorld, product: string): string {
  return text(w, `products.${product}.product_id`);
}

/** The option roles the fixtures name for a product; a role is named after the option's type (`select`, `checkbox`, `date`…). */
export function optionRoles(w: CartWorld, product: string): string[] {
  const options = w.fixture(`products.${product}.options`);
  return options && typeof options === 'object' && !Array.isArray(options) ? Object.keys(options) : [];
}

export interface OptionChoice {
  /** The field name under `option`: the product_option_id. */
  id: string;
  /** The value sent: a product_option_value_id for a choice (a list of one for a checkbox), else the text. */
  sent: FormValue;
  /** The line cart/products should show for it. */
  line: CartOption;
}

/**
 * The value sent for one option of a product role. A choice option (with `values`) takes the named value, or else its
 * first value that is not the product's "low stock value" (so the line stays in stock while other scenarios buy that
 * value up); a text-like option takes its fixture `value`.
 */
export function optionChoice(w: CartWorld, product: string, option: string, valueName?: string): OptionChoice {
  const base = `products.${product}.options.${option}`;
  const o = record(w, base);
  const id = text(w, `${base}.product_option_id`);
  const name = text(w, `${base}.name`);
  if (o.values !== undefined) {
    const values = record(w, `${base}.values`);
    const lowStock = w.fixture(`products.${product}.low stock value.name`);
    const chosen = valueName ?? Object.keys(values).find((v) => v !== lowStock) ?? Object.keys(values)[0];
    const valueId = text(w, `${base}.values.${chosen}`);
    return { id, sent: option === 'checkbox' ? [valueId] : valueId, line: { product_option_id: id, product_option_value_id: valueId, name, value: chosen, type: option } };
  }
  const value = valueName ?? text(w, `${base}.value`);
  return { id, sent: value, line: { product_option_id: id, product_option_value_id: '', name, value, type: option } };
}

/** The values the fixtures name for a choice option. */
export function optionValueNames(w: CartWorld, product: string, option: string): string[] {
  return Object.keys(record(w, `products.${product}.options.${option}.values`));
}

/** Every option of the product with its chosen value, as OptionChoices (`overrides` names a value for some). */
export function everyOption(w: CartWorld, product: string, overrides: Record<string, string> = {}): OptionChoice[] {
  return optionRoles(w, product).map((o) => optionChoice(w, product, o, overrides[o]));
}

/** The single-product form of api/cart/add: `product_id`, `quantity` (left out when undefined) and `option[ID]`. */
export function addForm(w: CartWorld, product: string, quantity: FormValue, options: OptionChoice[] = []): Form {
  const form: Form = { product_id: productId(w, product) };
  if (quantity !== undefined) form.quantity = quantity;
  if (options.length) form.option = Object.fromEntries(options.map((o) => [o.id, o.sent]));
  return form;
}

export interface BatchItem {
  product: string;
  quantity: number;
  /** Option roles to send with their chosen values. */
  options: string[];
}

/** The batch form of api/cart/add: `product[i][product_id|quantity|option]`. */
export function batchForm(w: CartWorld, items: BatchItem[]): Form {
  const product: Record<string, FormValue> = {};
  items.forEach((item, i) => {
    const options = item.options.map((o) => optionChoice(w, item.product, o));
    product[String(i)] = addForm(w, item.product, item.quantity, options);
  });
  return { product };
}

/** The product role whose fixtures name this product_id (for messages about a cart line). */
export function productRoleOf(w: CartWorld, id: string): string | undefined {
  return Object.entries(record(w, 'products')).find(([, p]) => p !== null && typeof p === 'object' && !Array.isArray(p) && String(p.product_id) === id)?.[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Reading lines

export function linesOf(cart: CartContents, id: string): CartProduct[] {
  return cart.products.filter((p) => p.product_id === id);
}

/** The one line of a product (a harness-level assertion: the scenario built the cart so that there is one). */
export function oneLineOf(cart: CartContents, id: string, what: string): CartProduct {
  const lines = linesOf(cart, id);
  assert.equal(lines.length, 1, `the cart should hold one line of the ${what} product (product_id ${id}), it holds ${lines.length}: ${JSON.stringify(cart.products).slice(0, 300)}`);
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

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic (pure). Each formatted amount is rounded to the cent on its own, so a sum of n of them may differ from
// the formatted sum by n half-cents.

const HALF_CENT = 0.005;
const EPSILON = 0.0001;
const money = (n: number): string => n.toFixed(2);

/** Problems with a line total: it must be price × quantity (within the rounding of each) and formatted like the price. */
export function lineTotalProblems(products: CartProduct[]): string[] {
  const problems: string[] = [];
  for (const p of products) {
    const quantity = Number(p.quantity);
    const expected = parseMoney(p.price) * quantity;
    const shown = parseMoney(p.total);
    if (Math.abs(shown - expected) > HALF_CENT * (Math.abs(quantity) + 1) + EPSILON) {
      problems.push(`line ${p.cart_id} (product ${p.product_id}): total ${p.total} is not ${p.price} × ${p.quantity} = ${money(expected)}`);
    }
    if (formatLike(p.price, shown) !== p.total) problems.push(`line ${p.cart_id}: total ${p.total} is not formatted like its price ${p.price}`);
  }
  return problems;
}

/**
 * Problems with the totals of a cart: the first line is the Sub-Total and the last the Total, which is the sum of the
 * lines above it (never below 0). With `onlyTaxesBetween` (a cart without shipping or discounts, where every line
 * between Sub-Total and Total is a tax), the Total is also what the lines and gift vouchers cost with tax: the sum of
 * the product line totals and the gift voucher prices.
 */
export function totalsProblems(cart: CartContents, onlyTaxesBetween: boolean): string[] {
  const t = cart.totals;
  if (t.length < 2) return [`the totals have ${t.length} line(s), expected at least a Sub-Total and a Total`];
  const problems: string[] = [];
  const total = parseMoney(t[t.length - 1].text);
  const above = t.slice(0, -1).reduce((s, l) => s + parseMoney(l.text), 0);
  if (Math.abs(total - Math.max(0, above)) > HALF_CENT * t.length + EPSILON) {
    problems.push(`the last line "${t[t.length - 1].title}" is ${t[t.length - 1].text}, but the lines above it add up to ${money(above)}`);
  }
  if (onlyTaxesBetween) {
    const lines = cart.products.reduce((s, p) => s + parseMoney(p.total), 0) + cart.vouchers.reduce((s, v) => s + parseMoney(v.price), 0);
    const n = cart.products.length + cart.vouchers.length + 1;
    if (Math.abs(total - lines) > HALF_CENT * n + EPSILON) {
      problems.push(`the Total ${t[t.length - 1].text} is not what the lines cost with tax: ${money(lines)} (line totals and gift voucher prices)`);
    }
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
  return Math.abs(shown - expected) > HALF_CENT * (cart.vouchers.length + 1) + EPSILON
    ? [`the Sub-Total ${cart.totals[0]?.text} is not the sum of the lines' prices before tax: ${money(expected)}`]
    : [];
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
 * must be the noted one × `rate` (the target currency's rate over the noted currency's), within the rounding of both,
 * and formatted like `sample`, an amount of the target currency (its symbols, its separators, two decimals).
 */
export function conversionProblems(noted: CartContents, now: CartContents, rate: number, sample: string): string[] {
  const before = cartAmounts(noted);
  const after = cartAmounts(now);
  const names = (m: Map<string, string>) => [...m.keys()].sort().join(', ');
  if (names(before) !== names(after)) return [`the cart changed: it showed ${names(before)}; now ${names(after)}`];
  const problems: string[] = [];
  for (const [where, was] of before) {
    const is = after.get(where) as string;
    const expected = parseMoney(was) * rate;
    const shown = parseMoney(is);
    if (Math.abs(shown - expected) > HALF_CENT * (rate + 1) + EPSILON) problems.push(`${where}: ${is}, expected ${was} × ${rate} ≈ ${money(expected)}`);
    else if (formatLike(sample, shown) !== is) problems.push(`${where}: ${is} is not formatted like ${sample}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-scenario cart state (kept beside the World, which this area does not own)

export interface CartState {
  /** The cart as noted before a change of currency. */
  noted?: CartContents;
  /** Cart keys used by cart/edit or cart/remove, by product role, so a step can use the same key again. */
  keys: Map<string, string>;
}

const states = new WeakMap<object, CartState>();

export function cartState(world: object): CartState {
  let s = states.get(world);
  if (!s) states.set(world, (s = { keys: new Map() }));
  return s;
}

/** A cart key no session has: cart keys are auto-increment integers, and this is the largest a MySQL INT holds. */
export const UNKNOWN_CART_KEY = '2147483647';

// ---------------------------------------------------------------------------------------------------------------
// Tasks

export async function readCart(w: CartWorld, session?: string, method?: 'GET' | 'POST'): Promise<{ response: ApiResponse; cart: CartContents }> {
  const response = await w.call('api/cart/products', undefined, { session, method });
  return { response, cart: cartContents(response) };
}

export function expectSuccess(r: ApiResponse, doing: string): ApiResponse {
  const b = r.json as { success?: unknown; error?: unknown } | undefined;
  assert.ok(b && typeof b === 'object' && !Array.isArray(b) && typeof b.success === 'string' && !('error' in b), `${doing}: ${r.route} answered ${r.text.slice(0, 300)}`);
  return r;
}

/** The cart key of the one line of a product role in a session's cart. */
export async function cartKeyOf(w: CartWorld, product: string, session?: string): Promise<string> {
  const { cart } = await readCart(w, session);
  return oneLineOf(cart, productId(w, product), `"${product}"`).cart_id;
}

/** The rate of a currency role relative to the default currency (the currencies' `value` in the store). */
export function currencyRate(w: CartWorld, role: string): number {
  const rate = Number(text(w, `currencies.${role}.value`)) / Number(text(w, 'currencies.default.value'));
  assert.ok(Number.isFinite(rate) && rate > 0, `the fixtures give currency "${role}" no usable value`);
  return rate;
}

/** An amount formatted in a currency role (its symbols and separators). */
export function currencySample(w: CartWorld, role: string): string {
  return text(w, `currencies.${role}.sample`);
}

/**
 * An amount of the store's prices (the fixtures give amounts in the default currency's units) as the store shows it in
 * a currency role: times the currency's value, formatted like its sample.
 */
export function moneyText(w: CartWorld, amount: number, role = 'default'): string {
  return formatLike(currencySample(w, role), amount * Number(text(w, `currencies.${role}.value`)));
}

/** A fixture amount (`products.simple.unit_price`) as the store shows it in a currency role. */
export function fixtureMoney(w: CartWorld, path: string, role = 'default'): string {
  const amount = Number(text(w, path));
  if (!Number.isFinite(amount)) throw MissingDatumError.inFixtures(path);
  return moneyText(w, amount, role);
}

/** The currency form for a role; `(empty code)` sends an empty code, `(no field)` no field. */
export function currencyForm(w: CartWorld, role: string, transform: (code: string) => string = (c) => c): Form {
  if (role === '(no field)') return {};
  if (role === '(empty code)') return { currency: '' };
  return { currency: transform(text(w, `currencies.${role}.code`)) };
}

/** A fixture scalar as text, or undefined when the target's fixtures do not name it. */
export function optionalText(w: CartWorld, path: string): string | undefined {
  const v = w.fixture(path);
  return v === undefined || v === null || typeof v === 'object' ? undefined : String(v);
}

/** A fixture scalar as text (a missing one is a harness error naming the path). */
export const fixtureString = text;
