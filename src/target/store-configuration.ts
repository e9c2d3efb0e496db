// The reference store configured like a target: the release and settings a fixtures file declares, as the store's
// setting rows and currency rates. The embedded target and `npm run store -- --fixtures FILE` start it so, which lets a
// user run a local stand-in configured like their staging store, and `npm test` judge every branch of every scenario.
import { ConfigError } from '../config';
import { fixtureAt, type Fixtures } from '../fixtures';
import type { TargetProfile } from './profile';
import { FRESH_TOTALS_ORDER } from '../api/totals';
import { SETTINGS, sameSettingValue, storedSettingValue, type SettingKey } from './settings';
import { moneyFormat, type MoneyFormat } from '../api/money';
import { numberSeparators, type LanguageTexts } from './language';
import { agreesAtItsPrecision, roundRate } from './learners/currencies';
import type { StoreCurrency } from '../../store';

export interface StoreConfiguration {
  release: string;
  /** Setting rows of store 0 to write over a fresh install's, as the `setting` table holds them. */
  settings: Record<string, string | string[]>;
  /** Currencies to set up, by code (rate, symbols, decimal places, status); the first is the default currency. */
  currencies: StoreCurrency[];
  /** The language the store answers in, when the fixtures name one other than a fresh install's or its separators. */
  language?: { code: string; texts: LanguageTexts };
}

/** The currencies the reference store has (a fresh install's) and their rates against US dollars. */
const STORE_CURRENCIES: Record<string, number> = { GBP: 0.61250001, USD: 1, EUR: 0.78460002 };

/** Fixtures data that are settings of the store, by the setting key that holds them. */
const FIXTURE_SETTINGS: Array<[string, string]> = [
  ['vouchers.minimum_amount', 'config_voucher_min'],
  ['vouchers.maximum_amount', 'config_voucher_max'],
  ['shipping_methods.flat.cost', 'shipping_flat_cost'],
  ['shipping_methods.flat.sort_order', 'shipping_flat_sort_order'],
  ['payment_methods.cod.sort_order', 'payment_cod_sort_order'],
  ['payment_methods.free.sort_order', 'payment_free_checkout_sort_order'],
  ['order_statuses.default.order_status_id', 'config_order_status_id'],
  ['order_statuses.fraud.order_status_id', 'config_fraud_status_id'],
  ['store.name', 'config_name'],
];

export function storeConfigurationOf(profile: TargetProfile): StoreConfiguration {
  const settings: Record<string, string | string[]> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const { value } = profile.settings[key];
    if (!sameSettingValue(value, SETTINGS[key].default)) settings[key] = storedSettingValue(value);
  }
  for (const [path, key] of FIXTURE_SETTINGS) {
    const v = fixtureAt(profile.fixtures, path);
    if (typeof v === 'string' || typeof v === 'number') settings[key] = String(v);
  }
  Object.assign(settings, totalsSortOrders(profile.fixtures));
  const currencies = storeCurrencies(profile.fixtures);
  settings.config_currency = currencies[0].code;
  // 3.0.5.0's space between symbol and number is one setting for every currency: as the samples show it.
  const formats = currencyFormats(profile.fixtures);
  const left = formats.find((f) => f.left.trim());
  const right = formats.find((f) => f.right.trim());
  if (left && left.left !== left.left.trimEnd()) settings.config_symbol_left_space = '1';
  if (right && right.right !== right.right.trimStart()) settings.config_symbol_right_space = '1';
  return { release: profile.release.version, settings, currencies, language: storeLanguageOf(profile, formats) };
}

/** The fixtures' order of the totals (`totals.order`) as their sort orders, when it is not a fresh install's. */
function totalsSortOrders(fixtures: Fixtures): Record<string, string> {
  const order = fixtureAt(fixtures, 'totals.order');
  if (!Array.isArray(order) || order.join() === FRESH_TOTALS_ORDER.join()) return {};
  return Object.fromEntries(order.map((code, i) => [`total_${String(code)}_sort_order`, String(i + 1)]));
}

type CurrencyRole = { code?: string; value?: number | string; sample?: string; enabled?: boolean };

const currencyRoles = (fixtures: Fixtures): Array<[string, CurrencyRole]> => {
  const roles = (fixtures.currencies ?? {}) as Record<string, CurrencyRole | string>;
  return ['default', ...Object.keys(roles).filter((r) => r !== 'default')]
    .map((r): [string, CurrencyRole | string] => [r, roles[r]])
    .filter((e): e is [string, CurrencyRole] => typeof e[1] === 'object' && e[1] !== null && typeof e[1].code === 'string' && (e[1].value !== undefined || e[1].sample !== undefined || e[1].enabled === false));
};

/** How the samples the fixtures give write amounts (the default currency's first). */
function currencyFormats(fixtures: Fixtures): MoneyFormat[] {
  return currencyRoles(fixtures).flatMap(([, c]) => (c.sample ? [moneyFormat(c.sample)] : []));
}

/**
 * The store's currencies as the fixtures describe them. The rates are a fresh install's rebased to the default
 * currency, as an operator's store in pounds holds them (1 GBP = 1.28097960 EUR), unless the fixtures give a rate
 * that is not one of those rounded (then theirs); a currency a fresh install lacks takes its rate, symbols and
 * decimal places from the fixtures.
 */
function storeCurrencies(fixtures: Fixtures): StoreCurrency[] {
  const roles = currencyRoles(fixtures);
  const defaultCode = roles[0]?.[0] === 'default' ? roles[0][1].code! : undefined;
  if (!defaultCode) throw new ConfigError('the fixtures name no default currency (currencies.default) for the reference store');
  const base = STORE_CURRENCIES[defaultCode];
  return roles.map(([role, c]) => {
    const code = c.code!;
    const rebased = base !== undefined && STORE_CURRENCIES[code] !== undefined ? roundRate(STORE_CURRENCIES[code] / base) : undefined;
    const value = rebased !== undefined && (c.value === undefined || agreesAtItsPrecision(c.value, rebased)) ? rebased : c.value === undefined ? undefined : Number(c.value);
    if (value === undefined) throw new ConfigError(`the reference store has the currencies ${Object.keys(STORE_CURRENCIES).join(', ')}; currencies.${role} (${code}) needs a value`);
    const currency: StoreCurrency = { code, value };
    if (c.enabled === false) currency.enabled = false;
    if (c.sample) {
      const f = moneyFormat(c.sample);
      Object.assign(currency, { symbolLeft: f.left.trim(), symbolRight: f.right.trim(), decimalPlace: f.decimals });
    } else if (STORE_CURRENCIES[code] === undefined) {
      throw new ConfigError(`the reference store has the currencies ${Object.keys(STORE_CURRENCIES).join(', ')}; to add currencies.${role} (${code}) it needs a sample (its symbols and decimal places)`);
    }
    return currency;
  });
}

/**
 * The language: the one the fixtures name with its files' texts, and the decimal point and thousands separator the
 * samples show where those files do not give them (a language pack's decimal_point and thousand_point).
 */
function storeLanguageOf(profile: TargetProfile, formats: MoneyFormat[]): StoreConfiguration['language'] {
  const { code, texts } = profile.language;
  const shown = formats.find((f) => f.decimals > 0 && f.thousands) ?? formats.find((f) => f.decimals > 0);
  const separators = { point: shown?.point ?? '.', thousands: shown?.thousands ?? ',' };
  const own = numberSeparators(texts, code);
  const merged: LanguageTexts = { ...texts, [`${code}.decimal_point`]: own.point ?? separators.point, [`${code}.thousand_point`]: own.thousands ?? separators.thousands };
  if (code === 'en-gb' && !texts && merged['en-gb.decimal_point'] === '.' && merged['en-gb.thousand_point'] === ',') return undefined;
  return { code, texts: merged };
}
