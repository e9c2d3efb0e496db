// Coupons, gift vouchers redeemed, reward points and store credit: what each does to the cart totals of
// api/cart/products, in the store's own arithmetic (pure functions over the formatted `{title, text}` lines,
// unit-tested) and in the order the store runs its totals (./totals), and the tasks and checks the discount steps run.
// Amounts are read and compared by ./money; the cart and its noted states are ./cart's; gift vouchers bought are
// ./gift-vouchers'.
import assert from 'node:assert/strict';
import type { ApiResponse, Form } from '../client';
import { valueAt } from '../answers';
import { MESSAGES } from './messages';
import { cartNow, notedCart, readCart, type CartContents, type CartWorld, type TotalLine } from './cart';
import { HALF_CENT, parseMoney, plain, totalsAddUp, withinRounding } from './money';
import { Product, fixtureText, type Coupon, type CouponType, type Customer, type GiftVoucher } from './roles';
import { NotApplicableError } from '../target/profile';
import {
  STATUS_SETTING, lineCode, orderProblems, requireFrame, requireOrder, requireTotalLast, requireTotals, runsBefore, totalEnabled, totalsNamed, totalsOrder, type TargetWorld, type TotalCode,
} from './totals';


/**
 * How a discount treats the tax lines: coupons and reward points take the percentage taxes of what they take off from
 * the taxes still to be shown (coupon.php:144, reward.php:33), so they reduce the tax lines when they run before the
 * Taxes total and leave them as they were after it; gift vouchers and store credit never touch them.
 */
export type TaxEffect = 'reduced' | 'unchanged';

export interface ExpectedDiscount {
  /** The title of the discount line, e.g. `Coupon (2222)`. */
  title: string;
  /** Lines between the Sub-Total and the Total that are not taxes (a fee, the shipping), by title. */
  notTaxes?: string[];
  /**
   * The part of each percentage tax the discount takes (by default its share of the Sub-Total: right when every line
   * carries the same taxes, or the discount is shared over every line in proportion to its total).
   */
  taxShare?: number;
  /** The discount as a positive amount in the session currency; the line shows it negative. */
  amount: number;
  taxes: TaxEffect;
  /**
   * The tax lines whose kind is known, by title (the fixtures name the suite's taxes: `taxes.percentage.title`,
   * `taxes.fixed.title`). A percentage tax must lose the discount's share (and show no line when nothing is left); a
   * fixed tax must stay as it was (coupon.php:143, reward.php:32 reduce rates of type P only). A tax line of neither
   * list (one of the store's own taxes) may be either.
   */
  taxKinds?: TaxKinds;
}

/** The titles of the tax lines known to be percentage taxes and those known to be fixed-amount taxes. */
export interface TaxKinds {
  percentage: string[];
  fixed: string[];
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
  /** Whether the coupon runs before the Taxes total (and reduces the tax lines) or after it (and leaves them); before by default. */
  taxes?: TaxEffect;
  /** Other lines between the Sub-Total and the Total that are not taxes (a fee), by title. */
  notTaxes?: string[];
  /** The tax lines whose kind is known (the suite's taxes): a percentage tax must lose its share, a fixed one stay. */
  taxKinds?: TaxKinds;
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
  const share = c.taxes === 'unchanged' ? 0 : c.sub > 0 ? c.productsDiscount / c.sub : 0;
  let reduced = 0;
  // A percentage tax the coupon takes entirely (one on the products only, or on the shipping only) shows no line.
  const gone = new Set<string>();
  for (const tax of before.slice(1, -1)) {
    if (tax.title === c.shipping.title || tax.title === c.title || c.notTaxes?.includes(tax.title)) continue;
    const was = parseMoney(tax.text);
    const onProducts = parseMoney(products.find((l) => l.title === tax.title)?.text ?? '0');
    const percentage = was - onProducts * share - (c.freeShipping && c.taxes !== 'unchanged' ? was - onProducts : 0);
    const now = after.find((l) => l.title === tax.title);
    const is = now ? parseMoney(now.text) : 0;
    if (!now && near(percentage, 0) && !near(percentage, was) && !c.taxKinds?.fixed.includes(tax.title)) gone.add(tax.title);
    if (c.taxKinds?.fixed.includes(tax.title)) {
      if (!now || !near(is, was)) problems.push(`"${tax.title}" changed from ${tax.text} to ${now?.text ?? '(no line)'}, expected it unchanged (a fixed-amount tax: a coupon takes the percentage taxes only)`);
    } else if (c.taxKinds?.percentage.includes(tax.title)) {
      if (near(is, percentage)) reduced += near(percentage, was) ? 0 : 1;
      else problems.push(`"${tax.title}" is ${now?.text ?? '(no line)'}, expected ${plain(percentage)} (a percentage tax less its share of the coupon; it was ${tax.text})`);
    } else if (near(percentage, was)) {
      if (!near(is, was)) problems.push(`"${tax.title}" changed from ${tax.text} to ${now?.text ?? '(no line)'}, expected it unchanged`);
    } else if (near(is, percentage)) reduced++;
    else if (!near(is, was)) problems.push(`"${tax.title}" is ${now?.text ?? '(no line)'}, expected ${plain(was)} (a fixed tax) or ${plain(percentage)} (a percentage tax less its share of the discount)`);
  }
  if (reduced === 0 && c.taxes !== 'unchanged') problems.push(`no tax line lost its share of the coupon: before ${describe(before)}, after ${describe(after)}`);
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
  const share = expected.taxShare ?? expected.amount / sub;
  return taxLines(before, expected)
    .filter((tax) => !expected.taxKinds?.fixed.includes(tax.title) && parseMoney(tax.text) * (1 - share) < HALF_CENT).map((tax) => tax.title);
}

function taxProblems(before: TotalLine[], after: TotalLine[], expected: ExpectedDiscount, sub: number): string[] {
  const share = expected.taxShare ?? (sub > 0 ? expected.amount / sub : 0);
  const problems: string[] = [];
  let visiblyReduced = 0;
  let couldBeReduced = 0;
  for (const tax of taxLines(before, expected)) {
    const now = after.find((l) => l.title === tax.title);
    const was = parseMoney(tax.text);
    const visible = !near(was * (1 - share), was);
    const kind = expected.taxKinds?.percentage.includes(tax.title) ? 'percentage' : expected.taxKinds?.fixed.includes(tax.title) ? 'fixed' : undefined;
    if (!now) {
      // Absent: only a percentage tax the discount takes entirely may go (otherwise reported as a changed line list).
      if (kind === 'fixed') problems.push(`"${tax.title}" (a fixed-amount tax) went, expected it unchanged at ${tax.text}`);
      else if (kind === 'percentage' && expected.taxes === 'reduced' && was * (1 - share) >= HALF_CENT) {
        problems.push(`"${tax.title}" (a percentage tax) went, expected ${plain(was * (1 - share))}: the discount takes only its share`);
      } else if (expected.taxes === 'reduced' && visible) {
        couldBeReduced++;
        visiblyReduced++;
      }
      continue;
    }
    const is = parseMoney(now.text);
    if (is < HALF_CENT) problems.push(`"${tax.title}" shows ${now.text}: a tax that comes to nothing shows no line`);
    const reduced = was * (1 - share);
    if (expected.taxes === 'unchanged' || kind === 'fixed') {
      if (!near(is, was)) problems.push(`"${tax.title}" changed from ${tax.text} to ${now.text}, expected it unchanged${kind === 'fixed' ? ' (a fixed-amount tax: a discount takes the percentage taxes only)' : ''}`);
      continue;
    }
    if (kind === 'percentage') {
      if (visible) couldBeReduced++;
      if (near(is, reduced)) {
        if (visible) visiblyReduced++;
      } else problems.push(`"${tax.title}" is ${now.text}, expected ${plain(reduced)} (a percentage tax less its share of the discount, ${(share * 100).toFixed(2)}%; it was ${tax.text})`);
      continue;
    }
    if (visible) couldBeReduced++;
    if (near(is, reduced) && visible) visiblyReduced++;
    else if (!near(is, was) && !near(is, reduced)) {
      problems.push(`"${tax.title}" is ${now.text}, expected ${plain(was)} (a fixed tax) or ${plain(reduced)} (a percentage tax less its share of the discount)`);
    }
  }
  if (expected.taxes === 'reduced' && couldBeReduced > 0 && visiblyReduced === 0) {
    problems.push(`no tax line was reduced by the discount's share (${(share * 100).toFixed(2)}% of the taxed lines): before ${describe(before)}, after ${describe(after)}`);
  }
  return problems;
}

/** The tax lines of a cart's totals: those between the Sub-Total and the Total that are not named otherwise. */
const taxLines = (lines: TotalLine[], expected: ExpectedDiscount): TotalLine[] => lines.slice(1, -1).filter((l) => !expected.notTaxes?.includes(l.title));

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
export interface DiscountWorld extends CartWorld, TargetWorld {
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

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** The problems of the totals after a discount, as one readable failure. */
function assertTotals(problems: string[]): void {
  assert.deepEqual(problems, [], `the cart totals are wrong: ${problems.join('; ')}`);
}

/** The totals now show one discount on the totals noted before it (a fee's line is no tax: src/api/totals.ts tells it). */
async function assertDiscount(w: DiscountWorld, expected: ExpectedDiscount): Promise<void> {
  const before = notedCart(w).totals;
  const codes = lineCodes(w, before);
  const notTaxes = before.filter((_, i) => codes[i] !== 'tax' && i > 0 && i < before.length - 1).map((l) => l.title);
  assertTotals(discountProblems(before, (await readCart(w)).totals, { ...expected, notTaxes, taxKinds: suiteTaxKinds(w) }));
}

/**
 * The suite's two taxes by kind, as the fixtures title them (`taxes.percentage.title`, `taxes.fixed.title`): a target
 * whose fixtures do not name one leaves its lines untyped (a discount may then reduce them or leave them).
 */
export function suiteTaxKinds(w: DiscountWorld): TaxKinds {
  const title = (kind: 'percentage' | 'fixed'): string[] => {
    const v = w.fixture(`taxes.${kind}.title`);
    return typeof v === 'string' && v !== '' ? [v] : [];
  };
  return { percentage: title('percentage'), fixed: title('fixed') };
}

/** The shipping methods' titles the fixtures name, which title their lines in the totals. */
function shippingTitles(w: DiscountWorld): string[] {
  const methods = w.fixture('shipping_methods');
  return Object.values(methods && typeof methods === 'object' && !Array.isArray(methods) ? methods : {})
    .map((m) => (m && typeof m === 'object' && !Array.isArray(m) ? m.title : undefined)).filter((t): t is string => typeof t === 'string');
}

/** The total each line belongs to (by its title: src/api/totals.ts). */
export function lineCodes(w: DiscountWorld, lines: TotalLine[]): TotalCode[] {
  const titles = shippingTitles(w);
  return lines.map((l) => lineCode(w, l, titles.includes(l.title) ? l.title : undefined));
}

/**
 * What the lines of a cart come to when a total runs (the running total it sees): the lines of the totals that run
 * before it. The lines are shown in the order the totals run in, so these are the lines above its own.
 */
export function totalSoFar(w: DiscountWorld, lines: TotalLine[], code: TotalCode): number {
  const codes = lineCodes(w, lines);
  return lines.reduce((sum, l, i) => (codes[i] !== 'total' && runsBefore(w, codes[i], code) ? sum + parseMoney(l.text) : sum), 0);
}

/** The titles of the fee lines (Handling Fee, Low Order Fee) among a cart's totals. */
function feeTitles(w: DiscountWorld, lines: TotalLine[]): string[] {
  const codes = lineCodes(w, lines);
  return lines.filter((_, i) => codes[i] === 'handling' || codes[i] === 'low_order_fee').map((l) => l.title);
}

const taxEffect = (w: DiscountWorld, code: 'coupon' | 'reward'): TaxEffect => (runsBefore(w, code, 'tax') ? 'reduced' : 'unchanged');

/** A coupon's discount on the whole Sub-Total noted before it, or (`product`) on that product's lines only. */
export async function assertCouponDiscount(w: DiscountWorld, coupon: Coupon, product?: Product): Promise<void> {
  requireTotals(w, ['coupon'], 'a coupon\'s discount');
  requireFrame(w, 'the check of a discount');
  const before = notedCart(w).totals;
  const sub = parseMoney(before[0].text);
  // A restricted coupon's base is its product only: its price ex tax times the quantity the scenario put in the cart.
  const base = product ? w.cart.lines.filter((l) => l.product.name === product.name).reduce((sum, l) => sum + l.product.priceExTax * l.quantity, 0) : sub;
  if (product) assert.ok(base > 0 && base < sub, `the cart should hold the ${product} product and others, so a restricted coupon can be told from one for the whole cart`);
  // A coupon takes at most what the lines come to when it runs (coupon.php:168).
  const amount = Math.min(couponDiscount(coupon.type, coupon.discount, base), totalSoFar(w, before, 'coupon'));
  // A coupon for some products takes the taxes of what it takes off those lines only (coupon.php:144): of the taxes on
  // the taxed lines, its part is its discount on the taxed lines among them over what the taxed lines come to.
  const exTax = (lines: typeof w.cart.lines) => lines.reduce((sum, l) => sum + l.product.priceExTax * l.quantity, 0);
  const taxed = w.cart.lines.filter((l) => l.product.unitPrice !== l.product.priceExTax);
  const eligibleTaxed = product ? exTax(taxed.filter((l) => l.product.name === product.name)) : undefined;
  const taxShare = eligibleTaxed === undefined ? undefined : (amount * (eligibleTaxed / base)) / exTax(taxed);
  await assertDiscount(w, { title: discountLineTitle('coupon', coupon.code ?? ''), amount, taxes: taxEffect(w, 'coupon'), taxShare });
}

/** A coupon's discount with a shipping method: the cart noted last has the shipping, the one before it none. */
export async function assertCouponWithShipping(w: DiscountWorld, coupon: Coupon, shippingRole: string): Promise<void> {
  requireTotals(w, ['coupon', 'shipping', 'tax'], 'a coupon\'s discount with shipping and its VAT');
  requireFrame(w, 'the check of a discount');
  if (coupon.freeShipping) {
    // Run before the shipping, a free-shipping coupon takes the shipping's taxes from taxes not there yet (coupon.php:159);
    // run after the taxes, it leaves the VAT on the shipping, which is what the scenario is about.
    requireOrder(w, 'shipping', 'coupon', 'a free-shipping coupon\'s discount on the shipping');
    requireOrder(w, 'coupon', 'tax', 'a free-shipping coupon\'s discount on the VAT on the shipping');
  }
  const [before, products] = [notedCart(w), notedCart(w, 1)];
  const title = fixtureText(w, `shipping_methods.${shippingRole}.title`);
  const shipping = before.totals.find((l) => l.title === title);
  assert.ok(shipping, `the cart totals have no "${title}" line before the coupon: ${before.totals.map((l) => l.title).join(', ')}`);
  const sub = parseMoney(before.totals[0].text);
  const after = await readCart(w);
  assertTotals(shippingCouponProblems(before.totals, products.totals, after.totals, {
    title: discountLineTitle('coupon', coupon.code ?? ''), sub, productsDiscount: couponDiscount(coupon.type, coupon.discount, sub), shipping, freeShipping: coupon.freeShipping,
    taxes: taxEffect(w, 'coupon'), notTaxes: feeTitles(w, before.totals), taxKinds: suiteTaxKinds(w),
  }));
}

/** A gift voucher takes its balance off what is left to pay when it runs (after the taxes on a fresh install). */
export async function assertVoucherDiscount(w: DiscountWorld, voucher: GiftVoucher): Promise<void> {
  requireTotals(w, ['voucher'], 'a gift voucher\'s payment');
  requireFrame(w, 'the check of a discount');
  const before = notedCart(w).totals;
  await assertDiscount(w, { title: discountLineTitle('voucher', voucher.code ?? ''), amount: voucherDiscount(voucher.amount, totalSoFar(w, before, 'voucher')), taxes: 'unchanged' });
}

/** The redeemed points take their share of the lines that carry points (price ex tax × quantity) off. */
export async function assertRewardDiscount(w: DiscountWorld): Promise<void> {
  requireTotals(w, ['reward'], 'a reward points discount');
  requireFrame(w, 'the check of a discount');
  const redeemed = Number(w.discounts.redeemed);
  const base = w.cart.lines.filter((l) => l.product.points > 0).reduce((sum, l) => sum + l.product.priceExTax * l.quantity, 0);
  await assertDiscount(w, { title: discountLineTitle('reward', redeemed), amount: rewardDiscount(base, redeemed, cartPoints(w)), taxes: taxEffect(w, 'reward') });
}

/**
 * Points that took the whole Sub-Total (a cart of products that all carry points, every point redeemed) leave a coupon
 * that runs after them nothing to take off (coupon.php:168 caps it at what the lines come to), so it shows no line.
 */
export async function assertPointsLeaveNothingForCoupon(w: DiscountWorld): Promise<void> {
  requireTotals(w, ['reward', 'coupon'], 'points that leave a coupon nothing');
  requireFrame(w, 'the check of a discount');
  requireOrder(w, 'reward', 'coupon', 'a coupon that finds nothing left after the points');
  const totals = (await readCart(w)).totals;
  const codes = lineCodes(w, totals);
  const points = totals.find((_, i) => codes[i] === 'reward');
  assert.ok(points, `the totals show no line for the redeemed points: ${describe(totals)}`);
  assert.ok(near(-parseMoney(points.text), parseMoney(totals[0].text)), `the redeemed points (${points.text}) do not take the whole ${totals[0].title} (${totals[0].text}): ${describe(totals)}`);
  assert.ok(!codes.includes('coupon'), `the totals show a coupon line with nothing it could take off: ${describe(totals)}`);
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

/** The totals show no line of a kind of discount (a check that says something only while its total is enabled). */
export async function assertNoDiscountLine(w: DiscountWorld, kind: string): Promise<void> {
  const known = DISCOUNT_KINDS[kind as keyof typeof DISCOUNT_KINDS];
  if (!known) throw new Error(`unknown discount kind "${kind}"; known: ${Object.keys(DISCOUNT_KINDS).join(', ')}`);
  requireTotals(w, [known], `the absence of a ${kind} line`);
  const totals = (await readCart(w)).totals;
  const prefix = discountLineTitle(known, '').replace('()', '(');
  assert.ok(!totals.some((l) => l.title.startsWith(prefix)), `the totals show a ${kind} line with nothing it could take off: ${describe(totals)}`);
}

/** A cart whose store has the Coupon total disabled shows no line for an accepted coupon. */
export function assertNoCouponLine(cart: CartContents, coupon: Coupon): void {
  const title = discountLineTitle('coupon', coupon.code ?? '');
  assert.ok(!cart.totals.some((l) => l.title === title), `the store has the Coupon total disabled, and the cart shows a "${title}" line: ${describe(cart.totals)}`);
}

/** The totals lines are in the order the fixtures document (`totals.order`), the tax lines sorted by title. */
export async function assertDocumentedOrder(w: DiscountWorld, coupon: Coupon, shippingRole: string, voucher: GiftVoucher): Promise<void> {
  const needed: TotalCode[] = ['sub_total', 'shipping', 'coupon', 'tax', 'voucher', 'total', ...(w.discounts.redeemed !== undefined ? ['reward' as const] : [])];
  requireTotals(w, needed, 'the order of these lines');
  const totals = (await readCart(w)).totals;
  const order = totalsOrder(w);
  const codes = lineCodes(w, totals);
  const described = totals.map((l, i) => `${l.title} (${codes[i]})`).join(', ');
  // The lines this cart must show, each titled as the scenario's coupon, shipping, gift voucher and points make it.
  const titled: Array<[TotalCode, string]> = [
    ['coupon', discountLineTitle('coupon', coupon.code ?? '')], ['voucher', discountLineTitle('voucher', voucher.code ?? '')],
    ['shipping', fixtureText(w, `shipping_methods.${shippingRole}.title`)], ...(w.discounts.redeemed !== undefined ? [['reward', discountLineTitle('reward', w.discounts.redeemed)] as [TotalCode, string]] : []),
  ];
  for (const [code, title] of titled) assert.ok(totals.some((l, i) => l.title === title && codes[i] === code), `the totals have no "${title}" line: ${described}`);
  for (const code of needed) assert.ok(codes.includes(code), `the totals have no ${code} line: ${described}`);
  assert.deepEqual(orderProblems(codes, order), [], `the totals are not in the order the fixtures document (totals.order): ${described}`);
  const taxes = totals.filter((_, i) => codes[i] === 'tax').map((l) => l.title);
  assert.deepEqual(taxes, [...taxes].sort(), 'the tax lines tie on their sort order and must be sorted by title');
}

/**
 * A customer's store credit shows as a negative Store Credit line: the balance, at most what the lines before it come
 * to, in its place among the totals (right before the Total, after the taxes, on a fresh install); the Total still adds up.
 */
export async function assertStoreCredit(w: DiscountWorld, customer: Customer, options: { capped?: boolean } = {}): Promise<void> {
  requireTotals(w, ['credit'], 'store credit');
  requireTotalLast(w, 'the check of store credit');
  const totals = (await cartNow(w)).totals;
  const title = discountLineTitle('credit', '');
  const line = totals.find((l) => l.title === title);
  assert.ok(line, `the customer has store credit, but the totals have no "${title}" line: ${describe(totals)}`);
  const payable = totalSoFar(w, totals, 'credit');
  const expected = Math.min(customer.storeCredit, payable);
  // A scenario about the cap needs a cart worth less than the balance (credit.php:9 takes at most the total so far).
  if (options.capped) assert.ok(payable > 0 && payable < customer.storeCredit, `the cart should come to less than the ${customer} customer's store credit (${plain(customer.storeCredit)}), so that the credit is capped; it comes to ${plain(payable)}`);
  assert.ok(near(-parseMoney(line.text), expected), `"${title}" is ${line.text}, expected −${plain(expected)}: the balance, at most the ${plain(payable)} the lines before it come to`);
  const codes = lineCodes(w, totals);
  assert.deepEqual(orderProblems(codes, totalsOrder(w)), [], `"${title}" is not in its place among the totals (totals.order: ${totalsOrder(w).join(', ')}): ${totals.map((l) => l.title).join(', ')}`);
  assert.deepEqual(totalsAddUp(totals), [], 'with the store credit taken off, the Total is still the sum of the lines above it');
}

export async function assertNoStoreCredit(w: DiscountWorld): Promise<void> {
  requireTotals(w, ['credit'], 'the absence of a Store Credit line');
  const totals = (await readCart(w)).totals;
  const title = discountLineTitle('credit', '');
  assert.ok(!totals.some((l) => l.title === title), `the totals have a "${title}" line although there is nothing to pay: ${describe(totals)}`);
}

/**
 * A cart in which every total shows a line shows the line of one total exactly while the store has it enabled; the
 * Total is the sum of the lines shown, so a disabled total takes its amount away with its line (without the Sub-Total,
 * the products cost nothing: sub_total.php:21). The fees show only beyond a threshold the suite does not know.
 */
export async function assertLineFollowsStatus(w: DiscountWorld, name: string): Promise<void> {
  const [code] = totalsNamed(name);
  const enabled = totalEnabled(w, code);
  if (enabled && (code === 'handling' || code === 'low_order_fee')) {
    throw new NotApplicableError(`the store has the ${name} total enabled (${w.target.describeSetting(STATUS_SETTING[code])}), and it charges only beyond a threshold the API does not show`);
  }
  if (['coupon', 'reward', 'credit', 'voucher'].includes(code)) requireTotals(w, ['sub_total'], `a ${name} line (with the products out of the Total it has nothing to take off)`);
  const totals = (await cartNow(w)).totals;
  const codes = lineCodes(w, totals);
  const setting = w.target.describeSetting(STATUS_SETTING[code]);
  assert.equal(codes.includes(code), enabled, enabled
    ? `the store has the ${name} total enabled (${setting}), and the cart shows no ${name} line: ${describe(totals)}`
    : `the store has the ${name} total disabled (${setting}), and the cart shows a ${name} line: ${describe(totals)}`);
  if (totalEnabled(w, 'total') && codes[codes.length - 1] === 'total') {
    assert.deepEqual(totalsAddUp(totals), [], `the Total is not the sum of the lines shown${enabled ? '' : `: the disabled ${name} total still counts in it`}`);
  }
}

/** The reward points available (api/reward/available): a customer's balance, or none. */
export function assertAvailablePoints(w: CartWorld, customer?: Customer): void {
  assert.equal(valueAt(w.answer(), 'points'), customer ? String(customer.rewardPoints) : null);
}
