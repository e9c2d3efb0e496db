// What the fixtures say of a setting (or a fresh install's value when they say nothing), for a learner whose reading
// depends on another setting it cannot see (the stock warning only shows where checkout beyond stock is allowed).
import { SETTINGS, parseSettingValue, type SettingKey, type SettingValue } from '../settings';
import type { Probe } from '../learn-settings';

export function declaredSetting(probe: Probe, key: SettingKey): SettingValue {
  const raw = probe.fixture(`settings.${key}`);
  return raw === undefined || raw === null || typeof raw === 'object' ? SETTINGS[key].default : parseSettingValue(key, raw);
}
