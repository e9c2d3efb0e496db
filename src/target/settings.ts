// The shop settings that change what the API answers and that have no other home in the fixtures (docs/store-settings.md
// lists every setting the suite knows, these and the ones the fixtures hold elsewhere, each with its source line, the
// routes it changes, how the suite learns it and what the scenarios expect under each value). Named by OpenCart's own
// `setting` keys, as an operator finds them in the database, with the admin's label beside each. A store's fixtures
// name only the ones that differ from a fresh install and that the fixture check cannot learn (it says which).
import type { FixtureValue } from '../fixtures';

export type SettingValue = boolean | number | number[] | string;

interface SettingSpecBase {
  /** Where an operator changes it in the admin. */
  label: string;
  /** Where OpenCart 3.0.5.0 reads it for the API (upload/…:line). */
  source: string;
}
interface FlagSpec extends SettingSpecBase { kind: 'flag'; default: boolean }
interface IdsSpec extends SettingSpecBase { kind: 'ids'; default: number[] }
interface AmountSpec extends SettingSpecBase { kind: 'amount'; default: number }
export type SettingSpec = FlagSpec | IdsSpec | AmountSpec;

const OPTION = 'System > Settings > (store) > Option';
const TOTALS = 'Extensions > Extensions > Order Totals';

/** Every setting of the catalogue, with a fresh OpenCart 3.0.x install's value (install/opencart.sql). */
export const SETTINGS = {
  config_stock_checkout: { kind: 'flag', default: false, label: `${OPTION} > Stock Checkout`, source: 'catalog/controller/api/cart.php:136, catalog/controller/api/order.php:73' },
  config_stock_warning: { kind: 'flag', default: false, label: `${OPTION} > Display Out Of Stock Warning`, source: 'catalog/controller/api/cart.php:136,177' },
  config_tax: { kind: 'flag', default: true, label: `${OPTION} > Display Prices With Tax`, source: 'catalog/controller/api/cart.php:179-180, catalog/model/extension/shipping/flat.php:26' },
  config_customer_group_display: { kind: 'ids', default: [1], label: `${OPTION} > Customer Groups`, source: 'catalog/controller/api/customer.php:58' },
  config_processing_status: { kind: 'ids', default: [5, 1, 2, 12, 3], label: `${OPTION} > Processing Order Status`, source: 'catalog/model/checkout/order.php:280,302' },
  config_complete_status: { kind: 'ids', default: [5, 3], label: `${OPTION} > Complete Order Status`, source: 'catalog/model/checkout/order.php:280, catalog/model/extension/total/voucher.php:22' },
  config_error_display: { kind: 'flag', default: false, label: 'System > Settings > (store) > Server > Display Errors', source: 'catalog/controller/startup/error.php:33' },
  total_sub_total_status: { kind: 'flag', default: true, label: `${TOTALS} > Sub-Total > Status`, source: 'catalog/controller/api/cart.php:224, catalog/model/extension/total/sub_total.php:14' },
  total_shipping_status: { kind: 'flag', default: true, label: `${TOTALS} > Shipping > Status`, source: 'catalog/controller/api/cart.php:224, catalog/model/extension/total/shipping.php:4' },
  total_coupon_status: { kind: 'flag', default: true, label: `${TOTALS} > Coupon > Status`, source: 'catalog/controller/api/cart.php:224, catalog/model/extension/total/coupon.php:173' },
  total_tax_status: { kind: 'flag', default: true, label: `${TOTALS} > Taxes > Status`, source: 'catalog/controller/api/cart.php:224, catalog/model/extension/total/tax.php:4' },
  total_credit_status: { kind: 'flag', default: true, label: `${TOTALS} > Store Credit > Status`, source: 'catalog/controller/api/cart.php:224, catalog/model/extension/total/credit.php:14' },
  total_voucher_status: { kind: 'flag', default: true, label: `${TOTALS} > Gift Voucher > Status`, source: 'catalog/controller/api/cart.php:224, catalog/model/extension/total/voucher.php:83' },
  total_reward_status: { kind: 'flag', default: true, label: `${TOTALS} > Reward Points > Status`, source: 'catalog/controller/api/cart.php:224, catalog/model/extension/total/reward.php:42' },
  total_total_status: { kind: 'flag', default: true, label: `${TOTALS} > Total > Status`, source: 'catalog/controller/api/cart.php:224, catalog/model/extension/total/total.php:6' },
  total_handling_status: { kind: 'flag', default: false, label: `${TOTALS} > Handling Fee > Status`, source: 'catalog/model/extension/total/handling.php:4' },
  total_low_order_fee_status: { kind: 'flag', default: false, label: `${TOTALS} > Low Order Fee > Status`, source: 'catalog/model/extension/total/low_order_fee.php:4' },
  payment_cod_total: { kind: 'amount', default: 0.01, label: 'Extensions > Extensions > Payments > Cash On Delivery > Total', source: 'catalog/model/extension/payment/cod.php:8' },
  payment_free_checkout_status: { kind: 'flag', default: true, label: 'Extensions > Extensions > Payments > Free Checkout > Status', source: 'catalog/controller/api/payment.php:202, catalog/model/extension/payment/free_checkout.php:6' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

type ValueOf<S> = S extends FlagSpec ? boolean : S extends IdsSpec ? number[] : number;
/** The settings as the scenarios read them: `target.settings.config_stock_checkout` is a boolean. */
export type StoreSettings = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

export function defaultSettings(): StoreSettings {
  return Object.fromEntries(Object.entries(SETTINGS).map(([k, s]) => [k, s.default])) as unknown as StoreSettings;
}

/**
 * A value as the fixtures give it (OpenCart stores "1"/"0", a list as JSON; a person writes true, 1, [1, 2]), in the
 * setting's type. The fixtures schema has already checked its shape; this reads it.
 */
export function parseSettingValue(key: SettingKey, raw: FixtureValue): SettingValue {
  const spec: SettingSpec = SETTINGS[key];
  switch (spec.kind) {
    case 'flag':
      return raw === true || raw === 1 || raw === '1';
    case 'ids':
      return (Array.isArray(raw) ? raw : String(raw).split(',')).map((v) => Number(v));
    case 'amount':
      return Number(raw);
  }
}

/** The value as OpenCart's `setting` table holds it ("1", "0.01", a list for a serialized setting). */
export function storedSettingValue(value: SettingValue): string | string[] {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

export const sameSettingValue = (a: SettingValue, b: SettingValue): boolean => JSON.stringify(a) === JSON.stringify(b);

/** How a value is written in a fixtures file, so a message can say exactly what to write. */
export function settingJson(value: SettingValue): string {
  return JSON.stringify(value);
}

/** "config_stock_checkout = true (learned)". */
export function describeSetting(key: SettingKey, value: SettingValue, source?: string): string {
  return `${key} = ${settingJson(value)}${source ? ` (${source})` : ''}`;
}

/** The `settings` section of targets/fixtures.schema.json, as this catalogue defines it (a test holds the file to it). */
export function settingsSchema(): object {
  const valueSchema = (spec: SettingSpec): object => {
    const description = `${spec.label} (a fresh install: ${JSON.stringify(spec.default)}).`;
    switch (spec.kind) {
      case 'flag':
        return { description, enum: [true, false, 1, 0, '1', '0'] };
      case 'ids':
        return { description, type: 'array', items: { type: ['integer', 'string'], pattern: '^[0-9]+$' } };
      case 'amount':
        return { description, type: ['number', 'string'], pattern: '^[0-9]+(\\.[0-9]+)?$' };
    }
  };
  return {
    type: 'object',
    description: 'Shop settings that differ from a fresh install and that the fixture check cannot learn (it names them), by OpenCart\'s setting key (docs/store-settings.md).',
    properties: { $comment: { type: 'string' }, ...Object.fromEntries(Object.entries(SETTINGS).map(([k, spec]) => [k, valueSchema(spec)])) },
    additionalProperties: false,
  };
}
