// Amounts as the store shows them ("$1,000.00", "96.66€", "$-150.00"): reading, writing, and the one rule for comparing
// them. The store rounds every formatted amount on its own (to the cent), so an amount computed from n formatted amounts
// may be off the one shown by half a cent for each amount involved, the shown one included: withinRounding(a, b, n).
import type { TotalLine } from './cart';
import { Currency, type FixtureReader } from './roles';
import { MissingDatumError } from '../fixtures';

/** The most one formatted amount can be off the amount it rounds. */
export const HALF_CENT = 0.005;
/** Floating-point noise of sums of parsed amounts, far below a cent. */
const EPSILON = 0.0001;

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

/** A formatted amount in hundredths of its currency. */
export function cents(text: string): number {
  return Math.round(parseMoney(text) * 100);
}

/** An amount for a message (two decimals, no symbol). */
export const plain = (amount: number): string => amount.toFixed(2);

/** Whether two amounts agree within the rounding of `roundings` formatted amounts (half a cent each). */
export function withinRounding(a: number, b: number, roundings: number): boolean {
  return Math.abs(a - b) <= HALF_CENT * roundings + EPSILON;
}

/**
 * Problems with the last line of a cart's totals, the Total: it is the sum of the lines above it, never below 0. Each
 * line is rounded on its own, so they may differ by half a cent per line, the Total's own included.
 */
export function totalsAddUp(totals: TotalLine[]): string[] {
  if (totals.length < 2) return [`the totals have ${totals.length} line(s), expected at least a Sub-Total and a Total`];
  const total = totals[totals.length - 1];
  const above = totals.slice(0, -1).reduce((s, l) => s + parseMoney(l.text), 0);
  return withinRounding(parseMoney(total.text), Math.max(0, above), totals.length)
    ? []
    : [`the last line ${total.title} is ${total.text}, but the lines above it add up to ${plain(above)}`];
}

/**
 * An amount of the store's prices (the fixtures give amounts in the default currency's units) as the store shows it in
 * a currency: times the currency's value, formatted like its sample.
 */
export function moneyText(currency: Currency, amount: number): string {
  return formatLike(currency.sample, amount * currency.value);
}

/** A fixture amount (`products.simple.unit_price`) as the store shows it in a currency role. */
export function fixtureMoney(fixtures: FixtureReader, path: string, currency = 'default'): string {
  const v = fixtures.fixture(path);
  const amount = typeof v === 'number' || typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(amount) || v === '') throw MissingDatumError.inFixtures(path);
  return moneyText(new Currency(fixtures, currency), amount);
}


