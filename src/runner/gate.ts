// What a run's result means for the gate: levels (@must fails, @should warns, @may informs), a target's known
// deviations, and --certify (no deviations, no skips: the result a store operator can publish).
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../config';
import type { ScenarioResult } from './results';

export interface Deviation {
  id: string;
  reason: string;
  ticket?: string;
  /** ISO date (YYYY-MM-DD); after it the entry no longer excuses a failure. */
  expires?: string;
}

/** What, besides failing @must scenarios, infrastructure and harness errors, fails the gate. */
export type FailOn = 'should' | 'may' | 'skipped' | 'undocumented';
export const FAIL_ON_VALUES: FailOn[] = ['should', 'may', 'skipped', 'undocumented'];

export interface GatePolicy {
  failOn: Set<FailOn>;
  certify: boolean;
  deviations: Deviation[];
  today: string;
}

export interface GateNotes {
  /** Listed deviations whose scenario now passes: the file should drop them. */
  nowPassing: Deviation[];
  expired: Deviation[];
  /** Listed ids that name no scenario of this run. */
  unknown: Deviation[];
}

export function parseFailOn(raw: string | undefined): Set<FailOn> {
  const set = new Set<FailOn>();
  for (const v of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!FAIL_ON_VALUES.includes(v as FailOn)) throw new ConfigError(`--fail-on takes a list of ${FAIL_ON_VALUES.join(', ')}; got "${v}".`);
    set.add(v as FailOn);
  }
  return set;
}

export function loadDeviations(file: string | undefined): Deviation[] {
  if (!file || !existsSync(file)) return [];
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`deviations file ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = (data as { deviations?: unknown } | null)?.deviations ?? [];
  if (!Array.isArray(list)) throw new ConfigError(`deviations file ${file}: "deviations" must be a list.`);
  return list.map((entry: unknown, i) => {
    const e = entry as Omit<Partial<Deviation>, 'expires'> & { expires?: unknown };
    if (!e || typeof e.id !== 'string' || typeof e.reason !== 'string' || !e.reason.trim()) {
      throw new ConfigError(`deviations file ${file}: entry ${i + 1} needs an "id" and a "reason".`);
    }
    const expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires;
    if (expires !== undefined && (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires))) {
      throw new ConfigError(`deviations file ${file}: entry "${e.id}" has an expiry that is not a date (YYYY-MM-DD).`);
    }
    return { id: e.id, reason: e.reason, ticket: e.ticket, expires };
  });
}

/** Marks listed, unexpired failures as known deviations (not under --certify); returns what keeps the file honest. */
export function applyDeviations(scenarios: ScenarioResult[], policy: GatePolicy): GateNotes {
  const notes: GateNotes = { nowPassing: [], expired: [], unknown: [] };
  if (policy.certify) return notes;
  for (const d of policy.deviations) {
    const matching = scenarios.filter((s) => s.id === d.id || s.id.startsWith(`${d.id}#`));
    if (!matching.length) {
      notes.unknown.push(d);
      continue;
    }
    if (d.expires && d.expires < policy.today) {
      notes.expired.push(d);
      continue;
    }
    let anyFailed = false;
    for (const s of matching) {
      if (s.outcome === 'failed') {
        s.outcome = 'known-deviation';
        s.reason = `known deviation: ${d.reason}${d.ticket ? ` (${d.ticket})` : ''}\n${s.reason ?? ''}`.trim();
        anyFailed = true;
      }
    }
    if (!anyFailed && matching.every((s) => s.outcome === 'passed')) notes.nowPassing.push(d);
  }
  return notes;
}

/** Scenarios that fail the gate under this policy. */
export function gateFailures(scenarios: ScenarioResult[], policy: GatePolicy): ScenarioResult[] {
  return scenarios.filter((s) => {
    if (s.outcome === 'infrastructure' || s.outcome === 'harness-error') return true;
    if (s.outcome === 'skipped') return policy.certify || policy.failOn.has('skipped');
    if (s.outcome !== 'failed') return false;
    return s.level === 'must' || policy.certify || policy.failOn.has(s.level);
  });
}

/** 0 conforms, 1 non-conformance found, 2 infrastructure error (an expired deviation's failure counts again). */
export function exitCodeFor(scenarios: ScenarioResult[], policy: GatePolicy, undocumentedFields: number): 0 | 1 | 2 {
  return gateVerdict(scenarios, policy, undocumentedFields).exitCode;
}

/**
 * The gate's verdict and its reasons, in one line a person reads next to the exit code:
 * `gate: FAIL: 2 @must failures` or `gate: PASS: 0 @must failures, 8 known deviations`.
 */
export function gateVerdict(scenarios: ScenarioResult[], policy: GatePolicy, undocumentedFields: number, extra: string[] = []): { exitCode: 0 | 1 | 2; line: string } {
  const failing = gateFailures(scenarios, policy);
  const count = (pick: (s: ScenarioResult) => boolean): number => failing.filter(pick).length;
  const why = policy.certify ? '--certify' : '--fail-on';
  const reasons = [
    [count((s) => s.outcome === 'failed' && s.level === 'must'), '@must failure', ''],
    [count((s) => s.outcome === 'failed' && s.level !== 'must'), `@should or @may failure`, policy.certify ? ` (${why})` : ` (${why} ${[...policy.failOn].filter((f) => f === 'should' || f === 'may').join(',')})`],
    [count((s) => s.outcome === 'skipped'), 'skipped scenario', policy.certify ? ` (${why})` : ` (${why} skipped)`],
    [count((s) => s.outcome === 'infrastructure'), 'infrastructure error', ''],
    [count((s) => s.outcome === 'harness-error'), 'harness error', ''],
    [policy.failOn.has('undocumented') ? undocumentedFields : 0, 'undocumented field', ' (--strict)'],
  ] as Array<[number, string, string]>;
  const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const failed = reasons.filter(([n]) => n > 0).map(([n, noun, flag]) => plural(n, noun) + flag);
  const exitCode: 0 | 1 | 2 = failing.some((s) => s.outcome === 'infrastructure') ? 2 : failed.length || extra.length ? 1 : 0;
  if (exitCode !== 0) return { exitCode, line: `gate: FAIL: ${[...failed, ...extra].join(', ')}` };
  const known = scenarios.filter((s) => s.outcome === 'known-deviation').length;
  const warnings = scenarios.filter((s) => s.outcome === 'failed' && s.level !== 'must').length;
  const skipped = scenarios.filter((s) => s.outcome === 'skipped').length;
  const notes = [
    '0 @must failures',
    known ? plural(known, 'known deviation') : '',
    warnings ? `${plural(warnings, '@should or @may failure')} (not gated)` : '',
    skipped ? `${skipped} skipped (not gated)` : '',
  ].filter(Boolean);
  return { exitCode, line: `gate: PASS: ${notes.join(', ')}` };
}
