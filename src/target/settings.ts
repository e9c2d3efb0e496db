// The shop settings that change what the API answers (docs/store-settings.md: each with its source line, the routes it
// changes, how the suite learns it and what the scenarios expect under each value). Named by OpenCart's own `setting`
// keys, as an operator finds them in the database, with the admin's label beside each. A store's fixtures name only
// the ones that differ from a fresh install and that the fixture check cannot learn (it says which).
import type { FixtureValue } from '../fixtures';

export type SettingValue = boolean | number | number[] | string;

interface SettingSpecBase {
  /** Where an operator changes it in the admin. */
  label: string;
}
interface FlagSpec extends SettingSpecBase { kind: 'flag'; default: boolean }
interface IdSpec extends SettingSpecBase { kind: 'id'; default: number }
interface IdsSpec extends SettingSpecBase { kind: 'ids'; default: number[] }
interface ChoiceSpec extends SettingSpecBase { kind: 'choice'; default: string; choices: readonly string[] }
export type SettingSpec = FlagSpec | IdSpec | IdsSpec | ChoiceSpec;

/** Every inventoried setting, with a fresh OpenCart 3.0.x install's value (install/opencart.sql). */
export const SETTINGS = {
  config_stock_checkout: { kind: 'flag', default: false, label: 'System > Settings > Option > Stock Checkout' },
  config_stock_warning: { kind: 'flag', default: false, label: 'System > Settings > Option > Display Out Of Stock Warning' },
  config_customer_group_id: { kind: 'id', default: 1, label: 'System > Settings > Option > Customer Group' },
  config_customer_group_display: { kind: 'ids', default: [1], label: 'System > Settings > Option > Customer Groups' },
  config_tax: { kind: 'flag', default: true, label: 'System > Settings > Option > Display Prices With Tax' },
  config_tax_default: { kind: 'choice', default: 'shipping', choices: ['shipping', 'payment', ''], label: 'System > Settings > Option > Use Store Tax Address' },
  config_tax_customer: { kind: 'choice', default: 'shipping', choices: ['shipping', 'payment', ''], label: 'System > Settings > Option > Use Customer Tax Address' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

type ValueOf<S> = S extends FlagSpec ? boolean : S extends IdSpec ? number : S extends IdsSpec ? number[] : string;
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
    case 'id':
      return Number(raw);
    case 'ids':
      return (Array.isArray(raw) ? raw : String(raw).split(',')).map((v) => Number(v));
    case 'choice':
      return String(raw);
  }
}

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
    switch (spec.kind) {
      case 'flag':
        return { description: `${spec.label} (default ${spec.default}).`, enum: [true, false, 1, 0, '1', '0'] };
      case 'id':
        return { description: `${spec.label} (default ${spec.default}).`, type: ['integer', 'string'], pattern: '^[0-9]+$' };
      case 'ids':
        return { description: `${spec.label} (default ${JSON.stringify(spec.default)}).`, type: 'array', items: { type: ['integer', 'string'], pattern: '^[0-9]+$' } };
      case 'choice':
        return { description: `${spec.label} (default "${spec.default}").`, enum: [...spec.choices] };
    }
  };
  return {
    type: 'object',
    description: 'Shop settings that differ from a fresh install and that the fixture check cannot learn (it names them), by OpenCart\'s setting key (docs/store-settings.md).',
    properties: { $comment: { type: 'string' }, ...Object.fromEntries(Object.entries(SETTINGS).map(([k, spec]) => [k, valueSchema(spec)])) },
    additionalProperties: false,
  };
}
