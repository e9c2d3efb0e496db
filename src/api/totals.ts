// The store's total extensions as the scenarios follow them: which are enabled (total_<code>_status, declared in the
// fixtures' settings and verified by the fixture check: src/target/learners/totals.ts) and the order they run and show
// in (the fixtures' `totals.order`, verified the same way). A line is told by its title: the extensions' titles in the
// store's language, the chosen shipping method's, and any other line is a tax (tax lines are titled by their tax rate).
import { NotApplicableError, type Target } from '../target/profile';
import type { SettingKey } from '../target/settings';
import type { FixtureReader } from './roles';
import type { TotalLine } from './cart';
import type { LanguageFinding } from '../target/profile';
import { messageTemplate } from './messages';

export const TOTAL_CODES = ['sub_total', 'reward', 'shipping', 'coupon', 'tax', 'credit', 'voucher', 'total', 'handling', 'low_order_fee'] as const;
export type TotalCode = (typeof TOTAL_CODES)[number];

/** A fresh install's order of its enabled totals (install/opencart.sql:3409-3425: sort orders 1, 2, 3, 4, 5, 7, 8, 9). */
export const FRESH_TOTALS_ORDER: TotalCode[] = ['sub_total', 'reward', 'shipping', 'coupon', 'tax', 'credit', 'voucher', 'total'];

export const isTotalCode = (code: unknown): code is TotalCode => TOTAL_CODES.includes(code as TotalCode);

/** Each total's status setting. */
export const STATUS_SETTING: Record<TotalCode, SettingKey> = {
  sub_total: 'total_sub_total_status', reward: 'total_reward_status', shipping: 'total_shipping_status', coupon: 'total_coupon_status',
  tax: 'total_tax_status', credit: 'total_credit_status', voucher: 'total_voucher_status', total: 'total_total_status',
  handling: 'total_handling_status', low_order_fee: 'total_low_order_fee_status',
};

/** How the admin names each total (Extensions > Extensions > Order Totals). */
export const TOTAL_NAMES: Record<TotalCode, string> = {
  sub_total: 'Sub-Total', reward: 'Reward Points', shipping: 'Shipping', coupon: 'Coupon', tax: 'Taxes', credit: 'Store Credit',
  voucher: 'Gift Voucher', total: 'Total', handling: 'Handling Fee', low_order_fee: 'Low Order Fee',
};

/** The fees' titles (catalog/language/en-gb/extension/total/handling.php, low_order_fee.php): no scenario reads their text. */
const FEE_TITLES: Partial<Record<TotalCode, string>> = { handling: 'Handling Fee', low_order_fee: 'Low Order Fee' };

/** A title with its code as %s, as a pattern of any code. */
const codedTitle = (template: string): RegExp => new RegExp(`^${template.split('%s').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

/**
 * The total a line belongs to, by its title in the store's language (catalog/language/<code>/extension/total/*.php;
 * `language`: the fixture check's finding, else the run's): the store credit's title is the fixtures'
 * (`total_titles.credit`) where they name one, the shipping line is titled like the chosen shipping method
 * (`shippingTitle`), any other title is a tax rate's. Not applicable where the store's language has no texts to tell.
 */
export function lineCode(fixtures: FixtureReader, line: TotalLine, shippingTitle?: string, language?: LanguageFinding): TotalCode {
  const fixed: Partial<Record<TotalCode, string>> = { sub_total: messageTemplate('subTotalLine', undefined, language), total: messageTemplate('totalLine', undefined, language), ...FEE_TITLES };
  for (const [code, title] of Object.entries(fixed)) if (line.title === title) return code as TotalCode;
  for (const [code, name] of [['coupon', 'couponLine'], ['voucher', 'voucherLine'], ['reward', 'rewardLine']] as const) {
    if (codedTitle(messageTemplate(name, undefined, language)).test(line.title)) return code;
  }
  const credit = fixtures.fixture('total_titles.credit');
  if (line.title === (credit === undefined ? messageTemplate('creditLine', undefined, language) : String(credit))) return 'credit';
  if (shippingTitle !== undefined && line.title === shippingTitle) return 'shipping';
  return 'tax';
}

/** The codes of lines in their order, a run of tax lines as one. */
export function codesInOrder(codes: TotalCode[]): TotalCode[] {
  return codes.filter((c, i) => c !== 'tax' || codes[i - 1] !== 'tax');
}

/** What is wrong with an order of lines, against the order the totals run in (empty when nothing is). */
export function orderProblems(codes: TotalCode[], order: readonly TotalCode[]): string[] {
  const unplaced = [...new Set(codes.filter((c) => !order.includes(c)))];
  if (unplaced.length) return [`${unplaced.join(', ')} ${unplaced.length > 1 ? 'have' : 'has'} no place in the order ${order.join(', ')}`];
  const rank = codes.map((c) => order.indexOf(c));
  return rank.every((r, i) => i === 0 || rank[i - 1] <= r) ? [] : [`${codesInOrder(codes).join(', ')} is not in the order ${order.join(', ')}`];
}

// ---------------------------------------------------------------------------------------------------------------
// What the scenarios read of the target

/** What these checks need of the scenario's World (ConformanceWorld satisfies it). */
export interface TargetWorld {
  readonly target: Target;
}

export const totalEnabled = (w: TargetWorld, code: TotalCode): boolean => w.target.settings[STATUS_SETTING[code]] === true;

/** "the Coupon total (total_coupon_status = false (declared))". */
const describeTotal = (w: TargetWorld, code: TotalCode): string => `the ${TOTAL_NAMES[code]} total (${w.target.describeSetting(STATUS_SETTING[code])})`;

/** A scenario whose promise needs these totals enabled is not applicable where the store has one disabled, naming it. */
export function requireTotals(w: TargetWorld, codes: TotalCode[], what: string): void {
  const off = codes.filter((c) => !totalEnabled(w, c));
  if (off.length) throw new NotApplicableError(`${what} needs ${off.map((c) => describeTotal(w, c)).join(' and ')} enabled, which the store has disabled`);
}

/** A scenario whose promise holds only without fees is not applicable where the store charges one, naming it. */
export function requireNoFees(w: TargetWorld, what: string): void {
  const on = (['handling', 'low_order_fee'] as const).filter((c) => totalEnabled(w, c));
  if (on.length) throw new NotApplicableError(`${what} holds only without fees, and the store has ${on.map((c) => describeTotal(w, c)).join(' and ')} enabled`);
}

/** The order the store's totals run and show in (the fixtures' `totals.order`, which the fixture check verifies). */
export function totalsOrder(w: TargetWorld): TotalCode[] {
  const order = w.target.fixture('totals.order');
  return Array.isArray(order) ? order.filter(isTotalCode) : FRESH_TOTALS_ORDER;
}

/** Whether total `a` runs before total `b` (a total not in the order never runs). */
export function runsBefore(w: TargetWorld, a: TotalCode, b: TotalCode): boolean {
  const order = totalsOrder(w);
  return order.includes(a) && order.includes(b) && order.indexOf(a) < order.indexOf(b);
}

/**
 * A scenario whose arithmetic holds for one order of two totals is not applicable where the store runs them the other
 * way, naming the order (the sort orders of Extensions > Extensions > Order Totals).
 */
export function requireOrder(w: TargetWorld, first: TotalCode, then: TotalCode, what: string): void {
  if (!runsBefore(w, first, then)) {
    throw new NotApplicableError(`${what} holds where the ${TOTAL_NAMES[first]} total runs before the ${TOTAL_NAMES[then]} total, and the store runs them in the order ${totalsOrder(w).join(', ')} (totals.order: their sort orders)`);
  }
}

/** A scenario that reads the Total as the cart's last line is not applicable where the store has it disabled or runs a total after it. */
export function requireTotalLast(w: TargetWorld, what: string): void {
  requireTotals(w, ['total'], what);
  const enabled = totalsOrder(w).filter((c) => totalEnabled(w, c));
  if (enabled[enabled.length - 1] !== 'total') {
    throw new NotApplicableError(`${what} reads the Total as the last line, and the store runs its totals in the order ${enabled.join(', ')} (totals.order: their sort orders)`);
  }
}

/**
 * The frame the totals checks read a cart by: the Sub-Total its first line and the Total its last. A scenario that
 * reads it is not applicable where the store has either disabled or runs another total before or after them.
 */
export function requireFrame(w: TargetWorld, what: string): void {
  requireTotals(w, ['sub_total'], what);
  requireTotalLast(w, what);
  const enabled = totalsOrder(w).filter((c) => totalEnabled(w, c));
  if (enabled[0] !== 'sub_total') {
    throw new NotApplicableError(`${what} reads the Sub-Total as the first line, and the store runs its totals in the order ${enabled.join(', ')} (totals.order: their sort orders)`);
  }
}

/** The totals named as the admin names them ("Sub-Total, Coupon and Gift Voucher"). */
export function totalsNamed(names: string): TotalCode[] {
  return names.split(/,\s*|\s+and\s+/).map((name) => {
    const code = TOTAL_CODES.find((c) => TOTAL_NAMES[c] === name.trim());
    if (!code) throw new Error(`"${name}" names no order total; known: ${Object.values(TOTAL_NAMES).join(', ')}`);
    return code;
  });
}
