// Learning the shop settings from the store's answers, before any scenario. Each learner asks what it needs in throwaway
// sessions and says what the answers show. Two kinds of answer:
// - one that carries the value (a message quoting the gift voucher limits): the value is learned, and the fixtures
//   need not name it (a fixtures value it contradicts is refused, with what the store shows);
// - one that a store with another value and a broken store would both give (no stock warning: checkout beyond stock
//   allowed, or a stock check that does not work): learning it would turn a defect into configuration, so the value
//   stays what the fixtures name (or a fresh install's), and when the answers contradict it the check stops and gives
//   both readings, so the operator can tell which it is.
import type { ApiResponse, Form } from '../client';
import type { FixtureReader } from '../api/roles';
import { describeSetting, sameSettingValue, settingJson, SETTINGS, type SettingKey, type SettingValue } from './settings';
import type { TargetProfile } from './profile';

export interface SettingObservation {
  key: SettingKey;
  /** The value the answers show. */
  value: SettingValue;
  /** What the store answered, in a sentence. */
  evidence: string;
  /**
   * Absent: the answers carry the value, which is learned. Present: how a broken store would give the same answers;
   * the value is then taken from the fixtures, and a contradiction is reported with both readings.
   */
  orBroken?: string;
}

/** A throwaway API session of the fixture check (src/runner/fixture-check.ts's CheckSession). */
export interface Probe extends FixtureReader {
  /** The store's answer when it is well-formed and documented, else undefined (the scenarios will say what is wrong). */
  send(route: string, form?: Form, query?: Record<string, string | number>): Promise<ApiResponse | undefined>;
  /** The store's answer whatever its form (a PHP notice included); undefined only when there was none. */
  raw(route: string, form?: Form): Promise<ApiResponse | undefined>;
}

/** What a learner is given: new sessions, logged in, each as fresh as a scenario's. */
export type SettingLearner = (session: () => Promise<Probe>) => Promise<SettingObservation[]>;

/**
 * The profile's settings, settled with what the store's answers showed; returns the contradictions (fixtures key →
 * what to do), which end the run as a configuration error naming each.
 */
export function settleSettings(profile: TargetProfile, observations: SettingObservation[]): Record<string, string> {
  const mismatches: Record<string, string> = {};
  for (const o of observations) {
    const current = profile.settings[o.key];
    if (o.orBroken === undefined) {
      if (current.source === 'declared' && !sameSettingValue(current.value, o.value)) {
        mismatches[`settings.${o.key}`] = `the store shows ${describeSetting(o.key, o.value)} (${o.evidence}), the fixtures say ${settingJson(current.value)}: leave it out, the check learns it`;
      } else {
        profile.settings[o.key] = { value: o.value, source: 'learned' };
      }
      continue;
    }
    if (sameSettingValue(current.value, o.value)) continue;
    const named = current.source === 'declared' ? `the fixtures say ${settingJson(current.value)}` : `a fresh install has ${settingJson(current.value)}`;
    mismatches[`settings.${o.key}`] = `${o.evidence}, and ${named}. Either the store's ${SETTINGS[o.key].label} is ${settingJson(o.value)} ` +
      `(then write "settings": { "${o.key}": ${settingJson(o.value)} } in the fixtures), or ${o.orBroken}`;
  }
  return mismatches;
}
