// Coupons, gift vouchers and reward points: what each does to the cart totals of api/cart/products, in the store's own
// arithmetic (pure functions over the formatted `{title, text}` lines, unit-tested), and the tasks and checks the
// discount steps run. Amounts are read and compared by ./money; the cart and its noted states are ./cart's.
import assert from 'node:assert/strict';
import type { ApiResponse, Form } from '../client';
import { MissingDatumError } from '../fixtures';
import { assertErrorMessage, assertMessageWith, valueAt } from '../answers';
import { MESSAGES } from './messages';
import { cartNow, notedCart, readCart, type CartContents, type CartWorld, type TotalLine } from './cart';
import { HALF_CENT, fixtureMoney, formatLike, parseMoney, plain, totalsAddUp, withinRounding } from './money';
import { Currency, Product, fixtureText, type Coupon, type CouponType, type Customer, type GiftVoucher } from './roles';


/** How a discount treats the tax lines: coupons and reward points reduce percentage taxes, gift vouchers come after tax. */
export type TaxEffect = 'reduced' | 'unchanged';

export interface ExpectedDiscount {
  /** The title of the discount line, e.g. `Coupon (2222)`. */
  title: string;
  /** The discount as a positive amount in the session currency; the line shows it negative. */
  amount: number;
  taxes: TaxEffect;
}

/** A computed discount and the line that shows it: two formatted amounts, so two roundings (money's rule). */
const near = (a: number, b: number): boolean => withinRounding(a, b, 2);

/** The discount of a coupon on the products it applies to: P = percent of their sub-total, F = a fixed amount, at most that sub-total. */
export function couponDiscount(type: CouponType, discount: number, base: number): number {
  return type === 'P' ? (base * discount) / 100 : Math.min(discount, base);
}

/** The discount of `redeemed` reward points on lines worth `base` (ex tax) that carry `pointsTotal` points in all. */
export function rewardDiscount(base: number, redeemed: number, pointsTotal: number): number {
  if (pointsTotal <= 0) throw new Error('no line of the cart carries reward points');
  return (base * redeemed) / pointsTotal;
}

/** A gift voucher takes its balance, at most what is left to pay when it is reached (the total before it). */
export function voucherDiscount(balance: number, totalBefore: number): number {
  return Math.max(0, Math.min(balance, totalBefore));
}

/** The title of a discount line; store credit has no code. */
export function discountLineTitle(kind: 'coupon' | 'voucher' | 'reward' | 'credit', code: string | number): string {
  // In the store's language (catalog/language/<code>/extension/total/<kind>.php), like every message.
  return kind === 'credit' ? MESSAGES.creditLine : MESSAGES[`${kind}Line`](code);
}


/**
 * What is wrong with the totals after one discount, compared with the totals before it (empty when nothing is).
 * The lines before are Sub-Total first, Total last and tax lines between. After the discount: the Sub-Total is the
 * same; the discount line is there, negative, with the expected amount; no other line appeared or went; every tax line
 * is either unchanged (a fixed-amount tax, or any tax for a gift voucher) or, for a discount that reduces taxes, reduced
 * by the discount's share of the Sub-Total (a percentage tax), at least one of them visibly; Total is the sum of the
 * other lines (never below 0).
 */
export function discountProblems(before: TotalLine[], after: TotalLine[], expected: ExpectedDiscount): string[] {
  const problems: string[] = [];
  if (before.length < 2 || after.length < 2) return [`too few totals lines: before ${titles(before)}, after ${titles(after)}`];
  const sub = parseMoney(before[0].text);
  if (after[0].title !== before[0].title || !withinRounding(parseMoney(after[0].text), sub, 0)) {
    problems.push(`the first line changed from ${before[0].title} ${before[0].text} to ${after[0].title} ${after[0].text}`);
  }
  const line = after.find((l) => l.title === expected.title);
  if (!line) problems.push(`no "${expected.title}" line; the totals are ${titles(after)}`);
  else if (!near(parseMoney(line.text), -expected.amount)) problems.push(`"${expected.title}" is ${line.text}, expected −${plain(expected.amount)}`);
  const others = after.filter((l) => l.title !== expected.title).map((l) => l.title);
  // A percentage tax the discount takes entirely comes to nothing, and a tax that comes to nothing shows no line.
  const gone = new Set(vanishingTaxes(before, expected, sub).filter((title) => !others.includes(title)));
  const kept = before.map((l) => l.title).filter((title) => !gone.has(title));
  if (others.join('|') !== kept.join('|')) problems.push(`the other lines changed from ${titles(before)} to ${titles(after)}`);
  problems.push(...taxProblems(before, after, expected, sub));
  problems.push(...totalsAddUp(after));
  return problems;
}

export interface ShippingCoupon {
  /** The title of the coupon line. */
  title: string;
  /** The Sub-Total the coupon works on. */
  sub: number;
  /** The coupon's discount on the products (P: its percent of `sub`; F: its amount, at most `sub`). */
  productsDiscount: number;
  /** The shipping line of the totals before the coupon. */
  shipping: TotalLine;
  /** A free-shipping coupon also takes the shipping cost off, and the percentage taxes on it. */
  freeShipping: boolean;
}

/**
 * What is wrong with the totals after a coupon in a cart with a shipping method, given the totals before the coupon
 * (`before`) and before the shipping method was chosen (`products`: so each tax line's share on the shipping is the
 * difference). The coupon line is the products' discount plus, for a free-shipping coupon, the shipping cost; a
 * percentage tax line loses its products' share of the discount and, for a free-shipping coupon, all it had on the
 * shipping; a fixed tax line (Eco Tax) stays; the shipping line stays; Total is the sum of the other lines.
 */
export function shippingCouponProblems(before: TotalLine[], products: TotalLine[], after: TotalLine[], c: ShippingCoupon): string[] {
  const problems: string[] = [];
  const shippingCost = parseMoney(c.shipping.text);
  const amount = c.productsDiscount + (c.freeShipping ? shippingCost : 0);
  const line = after.find((l) => l.title === c.title);
  if (!line) problems.push(`no "${c.title}" line; the totals are ${describe(after)}`);
  else if (!near(parseMoney(line.text), -amount)) {
    problems.push(`"${c.title}" is ${line.text}, expected −${plain(amount)} (${plain(c.productsDiscount)} off the products${c.freeShipping ? ` and the ${c.shipping.text} shipping` : ''})`);
  }
  for (const kept of [before[0], c.shipping]) {
    const now = after.find((l) => l.title === kept.title);
    if (!now || now.text !== kept.text) problems.push(`"${kept.title}" changed from ${kept.text} to ${now?.text ?? '(no line)'}`);
  }
  const share = c.sub > 0 ? c.productsDiscount / c.sub : 0;
  let reduced = 0;
  // A percentage tax the coupon takes entirely (one on the products only, or on the shipping only) shows no line.
  const gone = new Set<string>();
  for (const tax of before.slice(1, -1)) {
    if (tax.title === c.shipping.title || tax.title === c.title) continue;
    const was = parseMoney(tax.text);
    const onProducts = parseMoney(products.find((l) => l.title === tax.title)?.text ?? '0');
    const percentage = was - onProducts * share - (c.freeShipping ? was - onProducts : 0);
    const now = after.find((l) => l.title === tax.title);
    const is = now ? parseMoney(now.text) : 0;
    if (!now && near(percentage, 0) && !near(percentage, was)) gone.add(tax.title);
    if (near(percentage, was)) {
      if (!near(is, was)) problems.push(`"${tax.title}" changed from ${tax.text} to ${now?.text ?? '(no line)'}, expected it unchanged`);
    } else if (near(is, percentage)) reduced++;
    else if (!near(is, was)) problems.push(`"${tax.title}" is ${now?.text ?? '(no line)'}, expected ${plain(was)} (a fixed tax) or ${plain(percentage)} (a percentage tax less its share of the discount)`);
  }
  if (reduced === 0) problems.push(`no tax line lost its share of the coupon: before ${describe(before)}, after ${describe(after)}`);
  const others = after.filter((l) => l.title !== c.title).map((l) => l.title);
  if (others.join('|') !== before.map((l) => l.title).filter((t) => !gone.has(t)).join('|')) problems.push(`the other lines changed from ${titles(before)} to ${titles(after)}`);
  problems.push(...totalsAddUp(after));
  return problems;
}

/**
 * The tax lines a discount that reduces taxes would bring to nothing if they are percentage taxes. The totals do not
 * say which tax is a percentage one, so when the discount takes the whole Sub-Total any tax line may go.
 */
function vanishingTaxes(before: TotalLine[], expected: ExpectedDiscount, sub: number): string[] {
  if (expected.taxes !== 'reduced' || sub <= 0) return [];
  const share = expected.amount / sub;
  return before.slice(1, -1).filter((tax) => parseMoney(tax.text) * (1 - share) < HALF_CENT).map((tax) => tax.title);
}

function taxProblems(before: TotalLine[], after: TotalLine[], expected: ExpectedDiscount, sub: number): string[] {
  const share = sub > 0 ? expected.amount / sub : 0;
  const problems: string[] = [];
  let visiblyReduced = 0;
  let couldBeReduced = 0;
  for (const tax of before.slice(1, -1)) {
    const now = after.find((l) => l.title === tax.title);
    const was = parseMoney(tax.text);
    const visible = !near(was * (1 - share), was);
    if (!now) {
      // Absent: only a percentage tax the discount takes entirely may go (otherwise reported as a changed line list).
      if (expected.taxes === 'reduced' && visible) {
        couldBeReduced++;
        visiblyReduced++;
      }
      continue;
    }
    const is = parseMoney(now.text);
    if (is < HALF_CENT) problems.push(`"${tax.title}" shows ${now.text}: a tax that comes to nothing shows no line`);
    const reduced = was * (1 - share);
    if (expected.taxes === 'unchanged') {
      if (!near(is, was)) problems.push(`"${tax.title}" changed from ${tax.text} to ${now.text}, expected it unchanged`);
      continue;
    }
    if (visible) couldBeReduced++;
    if (near(is, reduced) && visible) visiblyReduced++;
    else if (!near(is, was) && !near(is, reduced)) {
      problems.push(`"${tax.title}" is ${now.text}, expected ${plain(was)} (a fixed tax) or ${plain(reduced)} (a percentage tax less its share of the discount)`);
    }
  }
  if (expected.taxes === 'reduced' && couldBeReduced > 0 && visiblyReduced === 0) {
    problems.push(`no tax line was reduced by the discount's share (${(share * 100).toFixed(2)}% of the Sub-Total): before ${describe(before)}, after ${describe(after)}`);
  }
  return problems;
}

function titles(lines: TotalLine[]): string {
  return lines.map((l) => l.title).join(', ') || '(none)';
}

function describe(lines: TotalLine[]): string {
  return lines.map((l) => `${l.title} ${l.text}`).join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Per-scenario discount state (a field of the World)

export interface DiscountState {
  /** The reward points last posted to api/reward (undefined: none, or no field). */
  redeemed?: string;
  /** The form of the gift voucher last bought with api/voucher/add. */
  bought?: Form;
}

export const newDiscountState = (): DiscountState => ({});

/** What the discount tasks need of the scenario's World (ConformanceWorld satisfies it). */
export interface DiscountWorld extends CartWorld {
  readonly discounts: DiscountState;
  interpolate(text: string): string;
}

// ---------------------------------------------------------------------------------------------------------------
// Tasks

/** Posts a coupon's code to api/coupon (no field for `(no field)`, '' for `(empty code)`); the answer is for a Then step. */
export async function applyCoupon(w: CartWorld, coupon: Coupon): Promise<ApiResponse> {
  return w.call('api/coupon', coupon.code === undefined ? {} : { coupon: coupon.code });
}

export async function applyGiftVoucher(w: CartWorld, voucher: GiftVoucher): Promise<ApiResponse> {
  return w.call('api/voucher', voucher.code === undefined ? {} : { voucher: voucher.code });
}

/** The points the cart carries: the points of each product the scenario put in it, times its quantity. */
export function cartPoints(w: CartWorld): number {
  return w.cart.lines.reduce((sum, l) => sum + l.product.points * l.quantity, 0);
}

/** How many of the product with points make the cart carry `points` or more. */
export const quantityCarrying = (w: CartWorld, points: number): number => Math.ceil(points / pointsProduct(w).points);

/** The product the reward scenarios buy for its points. */
export const pointsProduct = (w: CartWorld): Product => new Product(w, 'with points');

/** Posts reward points to api/reward (undefined: no field), remembering them for the checks. */
export async function redeem(w: DiscountWorld, points: number | string | undefined): Promise<void> {
  const reward = points === undefined ? undefined : String(points);
  w.discounts.redeemed = reward;
  await w.call('api/reward', reward === undefined ? {} : { reward });
}

/** The recipient and sender of a bought gift voucher; a step changes the fields it names. */
const VOUCHER_FORM: Form = { from_name: 'Alice', from_email: 'alice@invotide.example', to_name: 'Bob', to_email: 'bob@invotide.example', message: 'Happy birthday', amount: 25 };

/** Buys a gift voucher (api/voucher/add) with the standard form, some fields changed; the answer is for a Then step. */
export async function buyVoucher(w: DiscountWorld, changes: Form = {}): Promise<ApiResponse> {
  const form: Form = { ...VOUCHER_FORM, voucher_theme_id: fixtureText(w, 'vouchers.theme_id'), ...changes };
  w.discounts.bought = form;
  return w.call('api/voucher/add', form);
}

/** A gift voucher of an amount for a recipient (their address made from their name). */
export const voucherFor = (amount: number, toName: string): Form => ({ amount, to_name: toName, to_email: `${toName.toLowerCase()}@invotide.example` });

/** A value of a voucher field: "(65 characters)" is a text that long, "(an address of 96 characters)" a valid e-mail address that long. */
export function voucherFieldValue(value: string): string {
  const length = /^\((\d+) characters?\)$/.exec(value);
  const address = /^\(an address of (\d+) characters\)$/.exec(value);
  // A local part of 40 characters and one domain label: both within the limits of a valid address.
  if (address) return `${'a'.repeat(40)}@${'b'.repeat(Number(address[1]) - 45)}.com`;
  return length ? 'x'.repeat(Number(length[1])) : value;
}

/** The batch form of api/voucher/add (voucher[i][field]), the client naming each code: a complete entry, one without a message, and a plain value. */
export function voucherBatch(w: CartWorld, amount: number, toName: string, code: string): Form {
  const complete = { ...VOUCHER_FORM, ...voucherFor(amount, toName), code, voucher_theme_id: fixtureText(w, 'vouchers.theme_id'), message: 'From the batch' };
  const { message: _left, ...incomplete } = { ...complete, code: `${code}-INCOMPLETE`, to_name: 'Nobody' };
  return { voucher: [complete, incomplete, 'not-a-voucher'] };
}

/** Removes the gift voucher the scenario bought (by its code, as the cart shows it) from the cart. */
export async function removeBoughtVoucher(w: DiscountWorld): Promise<void> {
  const v = (await cartNow(w)).vouchers.find((x) => x.to_name === w.discounts.bought?.to_name);
  assert.ok(v, 'the cart holds no gift voucher the scenario bought');
  await w.call('api/cart/remove', { key: String(v.code) });
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** The problems of the totals after a discount, as one readable failure. */
function assertTotals(problems: string[]): void {
  assert.deepEqual(problems, [], `the cart totals are wrong: ${problems.join('; ')}`);
}

/** The totals now show one discount on the totals noted before it. */
async function assertDiscount(w: CartWorld, expected: ExpectedDiscount): Promise<void> {
  assertTotals(discountProblems(notedCart(w).totals, (await readCart(w)).totals, expected));
}

/** A coupon's discount on the whole Sub-Total noted before it, or (`product`) on that product's lines only. */
export async function assertCouponDiscount(w: CartWorld, coupon: Coupon, product?: Product): Promise<void> {
  const sub = parseMoney(notedCart(w).totals[0].text);
  // A restricted coupon's base is its product only: its price ex tax times the quantity the scenario put in the cart.
  const base = product ? w.cart.lines.filter((l) => l.product.name === product.name).reduce((sum, l) => sum + l.product.priceExTax * l.quantity, 0) : sub;
  if (product) assert.ok(base > 0 && base < sub, `the cart should hold the ${product} product and others, so a restricted coupon can be told from one for the whole cart`);
  await assertDiscount(w, { title: discountLineTitle('coupon', coupon.code ?? ''), amount: couponDiscount(coupon.type, coupon.discount, base), taxes: 'reduced' });
}

/** A coupon's discount with a shipping method: the cart noted last has the shipping, the one before it none. */
export async function assertCouponWithShipping(w: CartWorld, coupon: Coupon, shippingRole: string): Promise<void> {
  const [before, products] = [notedCart(w), notedCart(w, 1)];
  const title = fixtureText(w, `shipping_methods.${shippingRole}.title`);
  const shipping = before.totals.find((l) => l.title === title);
  assert.ok(shipping, `the cart totals have no "${title}" line before the coupon: ${before.totals.map((l) => l.title).join(', ')}`);
  const sub = parseMoney(before.totals[0].text);
  const after = await readCart(w);
  assertTotals(shippingCouponProblems(before.totals, products.totals, after.totals, {
    title: discountLineTitle('coupon', coupon.code ?? ''), sub, productsDiscount: couponDiscount(coupon.type, coupon.discount, sub), shipping, freeShipping: coupon.freeShipping,
  }));
}

/** A gift voucher takes its balance off what was left to pay, after the taxes. */
export async function assertVoucherDiscount(w: CartWorld, voucher: GiftVoucher): Promise<void> {
  const before = notedCart(w).totals;
  await assertDiscount(w, { title: discountLineTitle('voucher', voucher.code ?? ''), amount: voucherDiscount(voucher.amount, parseMoney(before[before.length - 1].text)), taxes: 'unchanged' });
}

/** The redeemed points take their share of the lines that carry points (price ex tax × quantity) off. */
export async function assertRewardDiscount(w: DiscountWorld): Promise<void> {
  const redeemed = Number(w.discounts.redeemed);
  const base = w.cart.lines.filter((l) => l.product.points > 0).reduce((sum, l) => sum + l.product.priceExTax * l.quantity, 0);
  await assertDiscount(w, { title: discountLineTitle('reward', redeemed), amount: rewardDiscount(base, redeemed, cartPoints(w)), taxes: 'reduced' });
}

/** The cart (lines, gift vouchers, totals) is what was noted. */
export async function assertCartAsNoted(w: CartWorld): Promise<void> {
  const before = notedCart(w);
  const after = await readCart(w);
  const lines = (c: CartContents) => c.products.map((p) => `${p.product_id} × ${p.quantity} = ${p.total}`);
  assert.deepEqual(lines(after), lines(before), 'the cart lines changed');
  assert.deepEqual(after.vouchers, before.vouchers, 'the gift vouchers in the cart changed');
  assert.deepEqual(after.totals, before.totals, 'the cart totals changed');
}

const DISCOUNT_KINDS = { coupon: 'coupon', 'gift voucher': 'voucher', 'reward points': 'reward' } as const;

/** The totals show no line of a kind of discount. */
export async function assertNoDiscountLine(w: CartWorld, kind: string): Promise<void> {
  const known = DISCOUNT_KINDS[kind as keyof typeof DISCOUNT_KINDS];
  if (!known) throw new Error(`unknown discount kind "${kind}"; known: ${Object.keys(DISCOUNT_KINDS).join(', ')}`);
  const totals = (await readCart(w)).totals;
  const prefix = discountLineTitle(known, '').replace('()', '(');
  assert.ok(!totals.some((l) => l.title.startsWith(prefix)), `the totals show a ${kind} line with nothing it could take off: ${describe(totals)}`);
}

/** The totals lines are in the order the fixtures document (`totals.order`), the tax lines sorted by title. */
export async function assertDocumentedOrder(w: DiscountWorld, coupon: Coupon, shippingRole: string, voucher: GiftVoucher): Promise<void> {
  const totals = (await readCart(w)).totals;
  const order = w.fixture('totals.order');
  if (!Array.isArray(order)) throw MissingDatumError.inFixtures('totals.order');
  const known = new Map<string, string>([
    [discountLineTitle('coupon', coupon.code ?? ''), 'coupon'], [discountLineTitle('voucher', voucher.code ?? ''), 'voucher'],
    [discountLineTitle('credit', ''), 'credit'], [fixtureText(w, `shipping_methods.${shippingRole}.title`), 'shipping'],
  ]);
  if (w.discounts.redeemed !== undefined) known.set(discountLineTitle('reward', w.discounts.redeemed), 'reward');
  // The first line is the Sub-Total and the last the Total; any other line not named above is a tax.
  const kinds = totals.map((l, i) => (i === 0 ? 'sub_total' : i === totals.length - 1 ? 'total' : known.get(l.title) ?? 'tax'));
  const described = totals.map((l, i) => `${l.title} (${kinds[i]})`).join(', ');
  for (const kind of [...known.values(), 'tax']) if (kind !== 'credit') assert.ok(kinds.includes(kind), `the totals have no ${kind} line: ${described}`);
  const rank = kinds.map((k) => order.indexOf(k));
  assert.ok(rank.every((r, i) => i === 0 || rank[i - 1] <= r), `the totals are not in the order ${order.join(', ')}: ${described}`);
  const taxes = totals.filter((_, i) => kinds[i] === 'tax').map((l) => l.title);
  assert.deepEqual(taxes, [...taxes].sort(), 'the tax lines tie on their sort order and must be sorted by title');
}

/**
 * A customer's store credit shows as a negative Store Credit line: the balance, at most what the lines before it come
 * to; with no gift voucher it comes last before the Total, after the taxes; the Total still adds up.
 */
export async function assertStoreCredit(w: CartWorld, customer: Customer): Promise<void> {
  const totals = (await cartNow(w)).totals;
  const title = discountLineTitle('credit', '');
  const line = totals.find((l) => l.title === title);
  assert.ok(line, `the customer has store credit, but the totals have no "${title}" line: ${describe(totals)}`);
  const payable = totals.filter((l) => l !== line).slice(0, -1).reduce((sum, l) => sum + parseMoney(l.text), 0);
  const expected = Math.min(customer.storeCredit, payable);
  assert.ok(near(-parseMoney(line.text), expected), `"${title}" is ${line.text}, expected −${plain(expected)}: the balance, at most the ${plain(payable)} the lines before it come to`);
  assert.equal(totals.indexOf(line), totals.length - 2, `with no gift voucher, "${title}" comes last before ${totals[totals.length - 1].title}, after the taxes: ${totals.map((l) => l.title).join(', ')}`);
  assert.deepEqual(totalsAddUp(totals), [], 'with the store credit taken off, the Total is still the sum of the lines above it');
}

export async function assertNoStoreCredit(w: CartWorld): Promise<void> {
  const totals = (await readCart(w)).totals;
  const title = discountLineTitle('credit', '');
  assert.ok(!totals.some((l) => l.title === title), `the totals have a "${title}" line although there is nothing to pay: ${describe(totals)}`);
}

/** The gift voucher of an amount for a recipient, bought in the session currency (`currency`: amount posted in it). */
export async function assertBoughtVoucher(w: DiscountWorld, amount: number, toName: string, currency?: Currency): Promise<void> {
  const vouchers = (await readCart(w)).vouchers;
  const v = vouchers.find((x) => x.to_name === toName);
  assert.ok(v, `no gift voucher for ${toName} in the cart: ${JSON.stringify(vouchers)}`);
  const text = formatLike((currency ?? new Currency(w, 'default')).sample, amount);
  assert.equal(v.price, text, 'the gift voucher price (the amount formatted in the session currency)');
  assertMessageWith(v.description, 'voucherFor', [text, toName], 'the gift voucher description (the amount formatted in the session currency)');
  if (currency) {
    assert.ok(typeof v.amount === 'number' && withinRounding(v.amount, amount / currency.value, 0), `the gift voucher amount is ${JSON.stringify(v.amount)}, expected ${amount} ÷ ${currency.value} = ${amount / currency.value} (the posted amount converted to the store currency)`);
    return;
  }
  assert.ok(Number.isInteger(v.code), `the gift voucher code is ${JSON.stringify(v.code)}, expected an integer`);
  assert.equal(v.amount, amount, 'the gift voucher amount (a number in the store currency)');
  // The cart keeps what was posted: sender, recipient, theme and message.
  const posted = w.discounts.bought ?? {};
  const keys = ['from_name', 'from_email', 'to_name', 'to_email', 'voucher_theme_id', 'message'] as const;
  assert.deepEqual(Object.fromEntries(keys.map((k) => [k, String(v[k])])), Object.fromEntries(keys.map((k) => [k, String(posted[k])])), 'the gift voucher keeps what was posted');
}

/** The cart's gift vouchers are the batch's complete entry only (an incomplete entry is skipped). */
export async function assertBatchVouchers(w: CartWorld, amount: number, toName: string, code: string): Promise<void> {
  const vouchers = (await readCart(w)).vouchers;
  assert.deepEqual(vouchers.map((v) => [v.code, v.to_name, v.amount]), [[code, toName, amount]], 'the batch replaces the vouchers, and an incomplete entry is skipped');
  assertMessageWith(vouchers[0].description, 'voucherFor', [formatLike(new Currency(w, 'default').sample, amount), toName], 'the gift voucher description');
}

/** The Sub-Total and Total grew by an amount since the cart was noted, the tax lines the same. */
export async function assertGrewBy(w: CartWorld, amount: number): Promise<void> {
  const before = notedCart(w).totals;
  const after = (await cartNow(w)).totals;
  const [first, last] = [(t: TotalLine[]) => parseMoney(t[0]?.text ?? 'none'), (t: TotalLine[]) => parseMoney(t[t.length - 1]?.text ?? 'none')];
  assert.equal(after[0]?.title, before[0].title, 'the first totals line');
  assert.ok(withinRounding(first(after) - first(before), amount, 0), `${before[0].title} went from ${before[0].text} to ${after[0]?.text}, expected ${amount} more`);
  assert.ok(withinRounding(last(after) - last(before), amount, 0), `the total went from ${before[before.length - 1].text} to ${after[after.length - 1]?.text}, expected ${amount} more`);
  assert.deepEqual(after.slice(1, -1), before.slice(1, -1), 'the tax lines changed');
}

/** The cart holds no gift vouchers, and its totals are back to the ones noted (when one was). */
export async function assertNoGiftVouchers(w: CartWorld): Promise<void> {
  const cart = await readCart(w);
  assert.deepEqual(cart.vouchers, []);
  if (w.cart.noted.length) assert.deepEqual(cart.totals, notedCart(w).totals, 'the cart totals are not back to what they were');
}

/** The gift voucher amount bounds in a currency, as the amount error gives them. */
export function assertVoucherBounds(w: CartWorld, key: string, currency: Currency): void {
  const [minimum, maximum] = ['minimum', 'maximum'].map((bound) => fixtureMoney(w, `vouchers.${bound}_amount`, currency.name));
  assertErrorMessage(w.answer(), key, MESSAGES.voucherAmount(minimum, maximum));
}

/** The reward points available (api/reward/available): a customer's balance, or none. */
export function assertAvailablePoints(w: CartWorld, customer?: Customer): void {
  assert.equal(valueAt(w.answer(), 'points'), customer ? String(customer.rewardPoints) : null);
}
