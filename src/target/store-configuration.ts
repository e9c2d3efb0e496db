// The reference store configured like a target: the release and settings a fixtures file declares, as the store's
// setting rows and currency rates. The embedded target and `npm run store -- --fixtures FILE` start it so, which lets a
// user run a local stand-in configured like their staging store, and `npm test` judge every branch of every scenario.
import { ConfigError, } from '../config';
import { fixtureAt, type Fixtures } from '../fixtures';
import type { TargetProfile } from './profile';
import { FRESH_TOTALS_ORDER } from '../api/totals';
import { SETTINGS, sameSettingValue, storedSettingValue, type SettingKey } from './settings';

export interface StoreConfiguration {
  release: string;
  /** Setting rows of store 0 to write over a fresh install's, as the `setting` table holds them. */
  settings: Record<string, string | string[]>;
  /** Currency rates to set, by code; the first is the default currency. */
  currencies: Array<{ code: string; value: number }>;
}

/** The currencies the reference store has (a fresh install's). */
const STORE_CURRENCIES = ['GBP', 'USD', 'EUR'];

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
  const currencies = currencyRates(profile.fixtures);
  settings.config_currency = currencies[0].code;
  return { release: profile.release.version, settings, currencies };
}

/** The fixtures' order of the totals (`totals.order`) as their sort orders, when it is not a fresh install's. */
function totalsSortOrders(fixtures: Fixtures): Record<string, string> {
  const order = fixtureAt(fixtures, 'totals.order');
  if (!Array.isArray(order) || order.join() === FRESH_TOTALS_ORDER.join()) return {};
  return Object.fromEntries(order.map((code, i) => [`total_${String(code)}_sort_order`, String(i + 1)]));
}

function currencyRates(fixtures: Fixtures): StoreConfiguration['currencies'] {
  const roles = (fixtures.currencies ?? {}) as Record<string, { code?: string; value?: number | string } | string>;
  const rates: StoreConfiguration['currencies'] = [];
  for (const role of ['default', ...Object.keys(roles).filter((r) => r !== 'default')]) {
    const c = roles[role];
    if (typeof c !== 'object' || typeof c.code !== 'string' || c.value === undefined) continue;
    if (!STORE_CURRENCIES.includes(c.code)) {
      throw new ConfigError(`the reference store has the currencies ${STORE_CURRENCIES.join(', ')}; the fixtures' currencies.${role} is ${c.code}`);
    }
    rates.push({ code: c.code, value: Number(c.value) });
  }
  if (!rates.length || rates[0].code !== (roles.default as { code?: string } | undefined)?.code) throw new ConfigError('the fixtures name no default currency (currencies.default) for the reference store');
  return rates;
}
