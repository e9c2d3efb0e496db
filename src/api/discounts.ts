// Coupons, gift vouchers and reward points: what each does to the cart totals of api/cart/products, in the store's
// own arithmetic. Pure functions over the formatted `{title, text}` lines, so they are unit-tested.

/** One line of the `totals` list of api/cart/products. */
export interface TotalLine {
  title: string;
  text: string;
}

export type CouponType = 'P' | 'F';

/** How a discount treats the tax lines: coupons and reward points reduce percentage taxes, gift vouchers come after tax. */
export type TaxEffect = 'reduced' | 'unchanged';

export interface ExpectedDiscount {
  /** The title of the discount line, e.g. `Coupon (2222)`. */
  title: string;
  /** The discount as a positive amount in the session currency; the line shows it negative. */
  amount: number;
  taxes: TaxEffect;
}

/** Half a cent, the rounding of one formatted amount; a computed amount compared with a shown one allows two of them. */
const CENT = 0.011;

/**
 * A formatted money text as a number: `$1,000.00` → 1000, `$-150.00` → −150, `-117.69€` → −117.69.
 * Formatting puts the symbols around the number, the sign after a left symbol, `,` for thousands, `.` for decimals.
 */
export function parseMoney(text: string): number {
  const m = /(-?)[^\d-]*(-?)([\d,]*\.?\d+)/.exec(text);
  if (!m) throw new Error(`"${text}" is not a formatted amount`);
  const value = Number(m[3].replace(/,/g, ''));
  return m[1] || m[2] ? -value : value;
}

/**
 * An amount formatted like a sample of the same currency (`$123.20`, `96.66€`): the sample's symbols, two decimals,
 * `,` for thousands. The amount must already be in that currency.
 */
export function formatLike(sample: string, amount: number): string {
  const m = /^([^\d-]*)-?[\d,]*\.?\d+(.*)$/.exec(sample);
  if (!m) throw new Error(`"${sample}" is not a formatted amount`);
  const [, left, right] = m;
  const rounded = Math.abs(amount).toFixed(2);
  const [whole, cents] = rounded.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${left}${amount < 0 && Number(rounded) !== 0 ? '-' : ''}${grouped}.${cents}${right}`;
}

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
  return { coupon: `Coupon (${code})`, voucher: `Gift Certificate (${code})`, reward: `Reward Points (${code})`, credit: 'Store Credit' }[kind];
}

const near = (a: number, b: number, tolerance = CENT): boolean => Math.abs(a - b) <= tolerance;
const money = (n: number): string => n.toFixed(2);

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
  if (after[0].title !== before[0].title || !near(parseMoney(after[0].text), sub, 0.001)) {
    problems.push(`the first line changed from ${before[0].title} ${before[0].text} to ${after[0].title} ${after[0].text}`);
  }
  const line = after.find((l) => l.title === expected.title);
  if (!line) problems.push(`no "${expected.title}" line; the totals are ${titles(after)}`);
  else if (!near(parseMoney(line.text), -expected.amount)) problems.push(`"${expected.title}" is ${line.text}, expected −${money(expected.amount)}`);
  const others = after.filter((l) => l.title !== expected.title).map((l) => l.title);
  // A percentage tax the discount takes entirely comes to nothing, and a tax that comes to nothing shows no line.
  const gone = new Set(vanishingTaxes(before, expected, sub).filter((title) => !others.includes(title)));
  const kept = before.map((l) => l.title).filter((title) => !gone.has(title));
  if (others.join('|') !== kept.join('|')) problems.push(`the other lines changed from ${titles(before)} to ${titles(after)}`);
  problems.push(...taxProblems(before, after, expected, sub));
  const total = after[after.length - 1];
  const sum = after.slice(0, -1).reduce((s, l) => s + parseMoney(l.text), 0);
  if (!near(parseMoney(total.text), Math.max(0, sum), 0.005 * after.length + 0.001)) {
    problems.push(`the last line ${total.title} is ${total.text}, but the lines above it add up to ${money(sum)}`);
  }
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
    problems.push(`"${c.title}" is ${line.text}, expected −${money(amount)} (${money(c.productsDiscount)} off the products${c.freeShipping ? ` and the ${c.shipping.text} shipping` : ''})`);
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
    else if (!near(is, was)) problems.push(`"${tax.title}" is ${now?.text ?? '(no line)'}, expected ${money(was)} (a fixed tax) or ${money(percentage)} (a percentage tax less its share of the discount)`);
  }
  if (reduced === 0) problems.push(`no tax line lost its share of the coupon: before ${describe(before)}, after ${describe(after)}`);
  const others = after.filter((l) => l.title !== c.title).map((l) => l.title);
  if (others.join('|') !== before.map((l) => l.title).filter((t) => !gone.has(t)).join('|')) problems.push(`the other lines changed from ${titles(before)} to ${titles(after)}`);
  const total = after[after.length - 1];
  const sum = after.slice(0, -1).reduce((s, l) => s + parseMoney(l.text), 0);
  if (!near(parseMoney(total.text), Math.max(0, sum), 0.005 * after.length + 0.001)) {
    problems.push(`the last line ${total.title} is ${total.text}, but the lines above it add up to ${money(sum)}`);
  }
  return problems;
}

/**
 * The tax lines a discount that reduces taxes would bring to nothing if they are percentage taxes. The totals do not
 * say which tax is a percentage one, so when the discount takes the whole Sub-Total any tax line may go.
 */
function vanishingTaxes(before: TotalLine[], expected: ExpectedDiscount, sub: number): string[] {
  if (expected.taxes !== 'reduced' || sub <= 0) return [];
  const share = expected.amount / sub;
  return before.slice(1, -1).filter((tax) => parseMoney(tax.text) * (1 - share) < 0.005).map((tax) => tax.title);
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
    if (is <= 0.001) problems.push(`"${tax.title}" shows ${now.text}: a tax that comes to nothing shows no line`);
    const reduced = was * (1 - share);
    if (expected.taxes === 'unchanged') {
      if (!near(is, was)) problems.push(`"${tax.title}" changed from ${tax.text} to ${now.text}, expected it unchanged`);
      continue;
    }
    if (visible) couldBeReduced++;
    if (near(is, reduced) && visible) visiblyReduced++;
    else if (!near(is, was) && !near(is, reduced)) {
      problems.push(`"${tax.title}" is ${now.text}, expected ${money(was)} (a fixed tax) or ${money(reduced)} (a percentage tax less its share of the discount)`);
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
