// Currencies as the store holds them: the exact rate of each and how it writes their amounts, learned from its answers
// before any scenario (the fixture check, src/runner/fixture-check.ts checkCurrencies), so that what the fixtures say of
// a currency (`value`, `sample`) may be left out, or rounded, and is never what makes a scenario fail.
// - The rate: api/voucher/add converts the amount posted in the session currency to the default currency with the
//   rates as the store holds them (catalog/controller/api/voucher.php:121, system/library/cart/currency.php:81,
//   amount × value_default ÷ value_currency), and api/cart/products shows that amount unrounded (cart.php:200). The
//   store keeps 8 decimals (the `value` column, double(15,8), install/opencart.sql:978), so posted ÷ shown, rounded
//   to 8 decimals, is its rate.
// - The format: a line of a large quantity (cart.php:180) shows a number of at least four integer digits, so its
//   digits, decimal point and thousands separator, written with the currency's symbols and decimal places
//   (currency.php:41-65) and the language's separators.
// - The default currency (config_currency, catalog/controller/startup/startup.php:170): what a new session shows.
// - A disabled currency: api/currency accepts every code the store has (catalog/model/localisation/currency.php:4, no
//   status test), and from 3.0.3.7 the next request's startup drops it for the default currency (getCurrencies lists
//   enabled ones only, currency.php:15); before 3.0.3.7 it is used.
import type { ApiResponse } from '../../client';
import type { FixtureValue } from '../../fixtures';
import { formatMoney, learnFormat, parseMoney, sampleOf, type MoneyFormat } from '../../api/money';
import type { Probe } from '../learn-settings';

/** The quantity of the simple product whose line shows the format: its total has at least four integer digits. */
export const FORMAT_QUANTITY = 100000;
/** The store's rates have 8 decimals. */
export const RATE_DECIMALS = 8;

export const roundRate = (rate: number): number => Number(rate.toFixed(RATE_DECIMALS));

/** The number of decimals a value is written with in the fixtures (`1.281` → 3; a string keeps its own). */
export function writtenDecimals(value: FixtureValue): number {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (/e/i.test(text)) return RATE_DECIMALS;
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * Whether a value the fixtures give is the exact one rounded to as many decimals as it is written with: `1.281` for
 * the store's 1.28097960 is, `1.28` is, `1.282` is not (and a value with more decimals than the store keeps is not).
 */
export function agreesAtItsPrecision(declared: FixtureValue, exact: number): boolean {
  const d = writtenDecimals(declared);
  if (d > RATE_DECIMALS) return Number(declared) === exact;
  return Math.abs(Number(declared) - exact) <= 0.5 * 10 ** -d + 1e-12;
}

/** What one session showed of one currency. */
export interface CurrencyReading {
  /** The code chosen through api/currency; undefined for a new session's own (the default currency). */
  code?: string;
  /** api/currency refused the code: its answer. */
  refused?: string;
  /** The line of FORMAT_QUANTITY of the simple product, its total as shown. */
  lineTotal?: string;
  /** A gift voucher posted in the session currency, and its amount in the default currency as the cart shows it. */
  voucher?: { posted: number; amount: number };
}

const success = (r: ApiResponse | undefined): boolean => typeof (r?.json as { success?: unknown } | undefined)?.success === 'string';

/**
 * Reads a currency in a new session: a large line of the simple product, then (with a code) the currency chosen and a
 * gift voucher posted in it, and the cart. Undefined when the store answers none of it well-formed.
 */
export async function readCurrency(s: Probe, simpleProductId: string, code: string | undefined, voucherAmounts: number[]): Promise<CurrencyReading | undefined> {
  if (!success(await s.send('api/cart/add', { product_id: simpleProductId, quantity: FORMAT_QUANTITY }))) return undefined;
  const reading: CurrencyReading = { code };
  let posted: number | undefined;
  if (code !== undefined) {
    const set = await s.send('api/currency', { currency: code });
    if (!set) return undefined;
    if (!success(set)) return { ...reading, refused: set.text.slice(0, 160) };
    for (const amount of voucherAmounts) {
      const r = await s.send('api/voucher/add', { from_name: 'Invotide', from_email: 'check@invotide.example', to_name: 'Invotide', to_email: 'check@invotide.example', voucher_theme_id: 0, message: '', amount: String(amount) });
      if (success(r)) {
        posted = amount;
        break;
      }
    }
  }
  const cart = (await s.send('api/cart/products'))?.json as { products?: Array<{ product_id: string; total: string }>; vouchers?: Array<{ amount: unknown }> } | undefined;
  reading.lineTotal = cart?.products?.find((l) => l.product_id === simpleProductId)?.total;
  const amount = cart?.vouchers?.[0]?.amount;
  if (posted !== undefined && typeof amount === 'number' && amount > 0) reading.voucher = { posted, amount };
  return reading;
}

/** The rate of the session currency a voucher shows: posted ÷ amount is value_currency ÷ value_default. */
export const rateFromVoucher = (voucher: { posted: number; amount: number }, defaultValue: number): number => roundRate((defaultValue * voucher.posted) / voucher.amount);

/** What the fixture check concludes of one currency role. */
export interface CurrencyFinding {
  /** The rate to judge the store by (learned exactly, or the fixtures' when the answers could not tell it). */
  value?: number;
  format?: MoneyFormat;
  /** Whether the line showed the thousands separator (else it is the default currency's, the language's). */
  thousandsShown?: boolean;
  /** Fixtures key → what is wrong with it (what the store shows, what to write). */
  mismatches: Record<string, string>;
  /** What told the rate, for the messages. */
  evidence?: string;
}

/** The amount of the large line in the default currency (the simple product's unit price, with tax or without). */
export interface LineBase {
  amount: number;
  /** How the fixtures name it, for the messages. */
  what: string;
}

/**
 * The default currency's finding: the line of a new session (the store's config_currency) must be the default role's
 * (the same text as after choosing its code), at the role's value.
 */
export function settleDefault(role: { code: string; value?: FixtureValue; sample?: string }, fresh: CurrencyReading, chosen: CurrencyReading | undefined, bases: LineBase[]): CurrencyFinding & { base?: LineBase } {
  const mismatches: Record<string, string> = {};
  const value = role.value === undefined ? 1 : Number(role.value);
  if (chosen?.refused) return { mismatches: { 'currencies.default.code': `the store has no currency ${role.code}: api/currency answered ${chosen.refused}` } };
  if (!fresh.lineTotal) return { value, mismatches };
  if (chosen?.lineTotal && chosen.lineTotal !== fresh.lineTotal) {
    mismatches['currencies.default.code'] = `a new session shows ${FORMAT_QUANTITY} of the simple product at ${fresh.lineTotal}, and after choosing ${role.code} at ${chosen.lineTotal}: ` +
      `the store's default currency (System > Settings > Local > Currency, config_currency) is not ${role.code}; name it as currencies.default`;
    return { value, mismatches };
  }
  for (const base of bases) {
    const learned = learnFormat(fresh.lineTotal, base.amount * FORMAT_QUANTITY * value);
    if (learned) return { value, format: learned.format, thousandsShown: learned.thousandsShown, base, mismatches: checkSample('default', role.sample, learned.format) };
  }
  mismatches['currencies.default'] = `a new session shows ${FORMAT_QUANTITY} of the simple product at ${fresh.lineTotal}, which is not ${FORMAT_QUANTITY} × ${bases.map((b) => `${b.amount} (${b.what})`).join(' or ')} × ${value} (currencies.default.value): ` +
    `either the fixtures' price of the simple product is not the store's, or its default currency's value is not ${value}`;
  return { value, mismatches };
}

/** A sample the fixtures give must be written as the store writes that amount. */
function checkSample(role: string, sample: string | undefined, format: MoneyFormat): Record<string, string> {
  if (sample === undefined) return {};
  let amount: number;
  try {
    amount = parseMoney(sample, format);
  } catch {
    amount = NaN;
  }
  const written = Number.isFinite(amount) ? formatMoney(format, amount) : undefined;
  if (written === sample) return {};
  return { [`currencies.${role}.sample`]: `the store writes amounts of this currency as ${sampleOf(format)}${written ? ` (that amount: ${written})` : ''}, the fixtures' sample is "${sample}": write "${sampleOf(format)}"` };
}

/**
 * Another currency role's finding: its exact rate from the voucher, its format from the line, both held against what
 * the fixtures say (a value agrees when it is the exact one rounded to its own decimals).
 */
export function settleCurrency(
  role: string,
  declared: { code: string; value?: FixtureValue; sample?: string },
  reading: CurrencyReading,
  defaults: { value: number; base: LineBase; lineTotal?: string; format?: MoneyFormat },
): CurrencyFinding {
  const mismatches: Record<string, string> = {};
  if (reading.refused) return { mismatches: { [`currencies.${role}.code`]: `the store has no currency ${declared.code}: api/currency answered ${reading.refused}` } };
  const declaredValue = declared.value === undefined ? undefined : Number(declared.value);
  if (reading.voucher && reading.voucher.amount === reading.voucher.posted && reading.lineTotal !== undefined && reading.lineTotal === defaults.lineTotal && declaredValue !== defaults.value) {
    mismatches[`currencies.${role}`] = `the store accepts ${declared.code} through api/currency but then shows amounts in its default currency (${reading.lineTotal}), as it does with a currency that is disabled ` +
      `(System > Localisation > Currencies > Status): enable ${declared.code}, or name an enabled currency for this role (a disabled one as "enabled": false)`;
    return { mismatches };
  }
  let value = declaredValue;
  let evidence: string | undefined;
  if (reading.voucher) {
    value = rateFromVoucher(reading.voucher, defaults.value);
    evidence = `api/voucher/add of ${reading.voucher.posted} ${declared.code} is ${reading.voucher.amount} in the default currency`;
    if (declared.value !== undefined && !agreesAtItsPrecision(declared.value, value)) {
      mismatches[`currencies.${role}.value`] = `the store's rate of ${declared.code} is ${value} (${evidence}), the fixtures say ${declared.value}: write ${value}, or that rounded to fewer decimals (${Number(value.toPrecision(4))}); the scenarios use the exact rate`;
    }
  }
  if (value === undefined || !reading.lineTotal) return { value, evidence, mismatches };
  const expected = defaults.base.amount * FORMAT_QUANTITY * value;
  const learned = learnFormat(reading.lineTotal, expected);
  if (!learned) {
    mismatches[`currencies.${role}`] = `the store shows ${FORMAT_QUANTITY} of the simple product at ${reading.lineTotal} in ${declared.code}, not ${FORMAT_QUANTITY} × ${defaults.base.amount} × ${value}` +
      (evidence
        ? ` (the rate ${evidence} gives): either the store converts prices at another rate than gift vouchers (a defect: no setting does that), or its price of the simple product is not the fixtures' (${defaults.base.what})`
        : ` (currencies.${role}.value)`);
    return { value, evidence, mismatches };
  }
  const format = learned.thousandsShown || !defaults.format ? learned.format : { ...learned.format, thousands: defaults.format.thousands };
  Object.assign(mismatches, checkSample(role, declared.sample, format));
  return { value, format, thousandsShown: learned.thousandsShown, evidence, mismatches };
}
