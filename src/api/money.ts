// Amounts as the store shows them ("$1,000.00", "96.66€", "1.234,56 €", "¥1,235", "$-150.00"): reading, writing, and
// the one rule for comparing them. How a store writes an amount is its currency's (symbols, decimal places) and its
// language's (decimal point, thousands separator; OpenCart's system/library/cart/currency.php:56 and the language
// pack's decimal_point and thousand_point), with 3.0.5.0's optional space beside the symbol: the suite reads it from
// a sample of the currency (the fixture check writes one that shows every part, src/target/learners/currencies.ts),
// never assumes it. The store rounds every formatted amount on its own, so an amount computed from n formatted
// amounts may be off the one shown by half a unit of the last decimal place for each amount involved:
// withinRounding(a, b, n).
import type { TotalLine } from './cart';
import { Currency, type FixtureReader } from './roles';
import { MissingDatumError, type Fixtures } from '../fixtures';

/** The most one formatted amount of two decimals can be off the amount it rounds. */
export const HALF_CENT = 0.005;
/** Floating-point noise of sums of parsed amounts, far below a cent. */
const EPSILON = 0.0001;

/** How a store writes amounts of one currency. */
export interface MoneyFormat {
  /** Before the number: the currency's symbol_left and, where the store puts one, a space. */
  left: string;
  /** After the number: a space where the store puts one, and the currency's symbol_right. */
  right: string;
  /** The currency's decimal_place. */
  decimals: number;
  /** The language's decimal_point (used only when decimals > 0). */
  point: string;
  /** The language's thousand_point ('' for none). */
  thousands: string;
}

/** The amount a sample that shows every part of a format is written with (src/target/learners/currencies.ts). */
export const SAMPLE_AMOUNT = 1234567.891;

/** The parts of a written amount: what comes before and after its digits, the sign, and the digits with their separators. */
function partsOf(text: string): { left: string; negative: boolean; number: string; right: string } | undefined {
  const m = /^([^\d-]*)(-?)([^\d-]*)(\d(?:.*\d)?)([^\d]*)$/s.exec(text);
  if (!m) return undefined;
  // A sign between the left symbol and the number ("$-150.00") or before both ("-117.69€").
  return { left: m[1] + m[3], negative: m[2] === '-', number: m[4], right: m[5] };
}

/** The runs of digits of a written number and the separators between them. */
function splitNumber(number: string): { groups: string[]; separators: string[] } {
  const groups = number.split(/\D+/);
  const separators = number.match(/\D+/g) ?? [];
  return { groups, separators };
}

/**
 * The formats of the store's currencies as the fixture check learned them (the samples of the target profile, which
 * show every part): a short amount (`$ 5,00`, `1,536 KD`) is read by the one whose symbols it has, instead of guessed.
 * Set once per process from the target (steps/support/world.ts); empty, amounts are read by their look alone.
 */
let known: MoneyFormat[] = [];

export function useCurrencyFormats(samples: string[]): void {
  known = [];
  for (const sample of samples) {
    try {
      known.push(guessFormat(sample));
    } catch {
      // A sample that is no amount is the fixture check's to report.
    }
  }
}

/** The learned format an amount is written in: one with its symbols that writes it back the same. */
function knownFormatOf(text: string, parts: { left: string; right: string }): MoneyFormat | undefined {
  return known.find((f) => f.left === parts.left && f.right === parts.right && formatMoney(f, parseWith(text, f)) === text);
}

/**
 * The format a sample of a currency shows. A sample that shows every part (the fixture check writes one, e.g.
 * `$1,234,567.89`, `1.234.567,89 €`, `¥1,234,568`) reads without doubt; a short one (`96.66€`) gives what it shows and
 * OpenCart's en-gb separators for the rest. A single separator followed by exactly three digits (`1,000`) is read as
 * a thousands separator (a currency without decimals), not a decimal point.
 */
export function moneyFormat(sample: string): MoneyFormat {
  const parts = partsOf(sample);
  if (!parts) throw new Error(`"${sample}" is not a formatted amount`);
  return knownFormatOf(sample, parts) ?? guessFormat(sample);
}

/** The format a sample shows, by its look alone. */
function guessFormat(sample: string): MoneyFormat {
  const parts = partsOf(sample);
  if (!parts) throw new Error(`"${sample}" is not a formatted amount`);
  const { groups, separators } = splitNumber(parts.number);
  const base = { left: parts.left, right: parts.right };
  if (separators.length === 0) return { ...base, decimals: 0, point: '.', thousands: ',' };
  const last = separators[separators.length - 1];
  const before = separators.slice(0, -1);
  if (before.length && before.every((s) => s === last)) {
    // 1,234,567: every separator the same, so they group thousands and there are no decimals.
    return { ...base, decimals: 0, point: last === '.' ? ',' : '.', thousands: last };
  }
  if (before.length && before.some((s) => s !== before[0])) throw new Error(`"${sample}" separates its digits in more than two ways`);
  const decimals = groups[groups.length - 1].length;
  const leading = groups[0].length;
  if (!before.length && decimals === 3 && leading <= 3) {
    return { ...base, decimals: 0, point: last === '.' ? ',' : '.', thousands: last };
  }
  // A lone decimal point after more than three digits: the store groups no thousands (`1234567,89 €`).
  const thousands = before[0] ?? (leading > 3 ? '' : last === ',' ? '.' : ',');
  return { ...base, decimals, point: last, thousands };
}

/** PHP's round() (half away from zero, after rounding to 15 significant digits, as PHP does before it rounds). */
export function phpRound(amount: number, places: number): number {
  if (!Number.isFinite(amount) || amount === 0) return amount;
  const factor = 10 ** places;
  const scaled = Number((Math.abs(amount) * factor).toPrecision(15));
  return (Math.sign(amount) * Math.round(scaled)) / factor;
}

/** An amount written in a format, as OpenCart's Currency::format writes it (number_format of the rounded amount). */
export function formatMoney(format: MoneyFormat, amount: number): string {
  const rounded = phpRound(amount, format.decimals);
  const fixed = Math.abs(rounded).toFixed(format.decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, format.thousands);
  const minus = rounded < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${format.left}${minus}${grouped}${format.decimals > 0 ? format.point + fraction : ''}${format.right}`;
}

/** A sample that shows every part of a format: read back by moneyFormat, it gives the same format. */
export function sampleOf(format: MoneyFormat): string {
  return formatMoney(format, SAMPLE_AMOUNT);
}

/**
 * A formatted money text as a number: `$1,000.00` → 1000, `1.234,56 €` → 1234.56, `$-150.00` → −150, `-117.69€` →
 * −117.69. Given the format, exactly; without it, the last separator is the decimal point unless it is the only one
 * and three digits follow it (`¥1,232` is 1232), or every separator is the same (`1,234,567`).
 */
export function parseMoney(text: string, format?: MoneyFormat): number {
  const parts = partsOf(text);
  if (!parts) throw new Error(`"${text}" is not a formatted amount`);
  return parseWith(text, format ?? knownFormatOf(text, parts) ?? guessFormat(parts.number));
}

/** An amount read in a format: the digits after its decimal point are the decimals. */
function parseWith(text: string, format: MoneyFormat): number {
  const parts = partsOf(text);
  if (!parts) return NaN;
  const { groups, separators } = splitNumber(parts.number);
  const decimals = format.decimals > 0 && separators.length && separators[separators.length - 1] === format.point ? groups[groups.length - 1].length : 0;
  const digits = groups.join('');
  const value = Number(decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits);
  return parts.negative ? -value : value;
}

/**
 * The format of an amount the store shows whose value is known (give or take half a unit of its last place): the
 * number of its integer digits tells the decimal places, and the separators where they stand. Undefined when the text
 * cannot be that amount (another value or rate). `thousandsShown` is false when the amount has too few digits to show
 * a thousands separator (the format then has the one that goes with its decimal point).
 */
export function learnFormat(text: string, amount: number): { format: MoneyFormat; thousandsShown: boolean } | undefined {
  const parts = partsOf(text);
  if (!parts || parts.negative || !(amount > 0)) return undefined;
  const { groups, separators } = splitNumber(parts.number);
  const digits = groups.join('').length;
  // The integer digits of the amount, or of the amount rounded up to the next power of ten (999.996 → 1,000.00).
  for (const whole of new Set([String(Math.floor(amount)).length, String(Math.floor(amount) + 1).length])) {
    const decimals = digits - whole;
    if (decimals < 0 || decimals > 8) continue;
    let seen = 0;
    let point = '';
    const inside: string[] = [];
    groups.forEach((g, i) => {
      seen += g.length;
      const sep = separators[i];
      if (sep === undefined) return;
      if (seen === whole && decimals > 0) point = sep;
      else if (seen < whole) inside.push(sep);
    });
    if (decimals > 0 && !point) continue;
    const thousandsShown = whole > 3;
    const thousands = inside[0] ?? (thousandsShown ? '' : point === ',' ? '.' : ',');
    const format: MoneyFormat = { left: parts.left, right: parts.right, decimals, point: point || (thousands === '.' ? ',' : '.'), thousands };
    const shown = parseMoney(text, format);
    if (formatMoney(format, shown) !== text) continue;
    if (Math.abs(shown - amount) > halfUnit(format) + amount * 1e-12) continue;
    return { format, thousandsShown };
  }
  return undefined;
}

/** A formatted amount in hundredths of its currency. */
export function cents(text: string): number {
  return Math.round(parseMoney(text) * 100);
}

/** An amount for a message (two decimals, no symbol). */
export const plain = (amount: number): string => amount.toFixed(2);

/** Half a unit of the last decimal place a format shows: the most one of its amounts is off what it rounds. */
export const halfUnit = (format: MoneyFormat): number => 0.5 * 10 ** -format.decimals;

/** Whether two amounts agree within the rounding of `roundings` formatted amounts (half a cent each, or `half`). */
export function withinRounding(a: number, b: number, roundings: number, half = HALF_CENT): boolean {
  return Math.abs(a - b) <= half * roundings + EPSILON;
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

/** The samples of the currencies the fixtures name (after the fixture check: complete ones). */
export function currencySamples(fixtures: Fixtures): string[] {
  const section = fixtures.currencies;
  if (!section || typeof section !== 'object' || Array.isArray(section)) return [];
  return Object.values(section).flatMap((c) => (c && typeof c === 'object' && !Array.isArray(c) && typeof c.sample === 'string' ? [c.sample] : []));
}

/** How the store writes amounts of a currency the fixtures name by its code (its role's sample), if they do. */
export function currencyFormat(fixtures: FixtureReader, code: string): MoneyFormat | undefined {
  const section = fixtures.fixture('currencies');
  if (!section || typeof section !== 'object' || Array.isArray(section)) return undefined;
  const role = Object.values(section).find((c) => typeof c === 'object' && c !== null && !Array.isArray(c) && c.code === code && typeof c.sample === 'string') as { sample: string } | undefined;
  return role ? moneyFormat(role.sample) : undefined;
}

/** The format of a currency role's amounts (from its sample). */
export const formatOf = (currency: Currency): MoneyFormat => moneyFormat(currency.sample);

/** An amount already in a currency, written as the store writes that currency's amounts. */
export function formatLike(sample: string, amount: number): string {
  return formatMoney(moneyFormat(sample), amount);
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
