// What a run's result means for the gate: levels (@must fails, @should warns, @may informs), a target's known
// deviations, --certify (no deviations, no skips: the result a store operator can publish), and a run too thin to
// judge (most of what it should check skipped for data the target lacks).
import { ConfigError } from '../config';
import { PROVISION_HINT } from '../fixtures';
import type { ScenarioResult } from '../reports/results';
import type { Deviation } from './deviations';

export type { Deviation };

/** What, besides failing @must scenarios, infrastructure and harness errors, fails the gate. */
export type FailOn = 'should' | 'may' | 'skipped' | 'undocumented' | 'security' | 'diff';
export const FAIL_ON_VALUES: FailOn[] = ['should', 'may', 'skipped', 'undocumented', 'security', 'diff'];

export interface GatePolicy {
  failOn: Set<FailOn>;
  certify: boolean;
  deviations: Deviation[];
  today: string;
  /** --allow-thin-run: a run that skipped many @must scenarios for data the target lacks may still pass. */
  allowThinRun?: boolean;
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

const lists = (d: Deviation, s: ScenarioResult): boolean => s.id === d.id || s.id.startsWith(`${d.id}#`);
const expired = (d: Deviation, policy: GatePolicy): boolean => Boolean(d.expires && d.expires < policy.today);

/**
 * Marks a failure listed by an unexpired entry as a known deviation (never under --certify). Called as each scenario
 * finishes, so every report, the streamed lines included, tells it the same way.
 */
export function excuseKnownDeviation(s: ScenarioResult, policy: GatePolicy): void {
  if (policy.certify || s.outcome !== 'failed') return;
  const d = policy.deviations.find((entry) => lists(entry, s) && !expired(entry, policy));
  if (!d) return;
  s.outcome = 'known-deviation';
  s.deviation = { reason: d.reason, ...(d.ticket ? { ticket: d.ticket } : {}), ...(d.expires ? { expires: d.expires } : {}), ...(d.source ? { source: d.source } : {}) };
}

/**
 * A run is thin when more than this share of its @must conformance scenarios were skipped for data the target lacks.
 * Why 10 %: against a store without the suite's data, 240 of 462 @must scenarios (52 %) skip, 201 of them for want of
 * the one simple product; any other single datum skips at most 22 (under 5 %), so a store that lacks a datum or two on
 * purpose (no reward points, no gift vouchers) still passes with each skip listed, while a store never provisioned, or
 * one that lacks the products every cart scenario needs, cannot pass by checking little.
 */
export const THIN_RUN_SHARE = 0.1;

/** A scenario skipped because the target lacks a datum the fixtures name (what provisioning adds). */
export const skippedForLackingData = (s: ScenarioResult): boolean =>
  s.outcome === 'skipped' && (s.reason ?? '').startsWith('the target lacks ') && (s.reason ?? '').endsWith(PROVISION_HINT);

/** How many of the run's @must conformance scenarios (those that could run here) were skipped for lacking data. */
export function thinness(scenarios: ScenarioResult[]): { lacking: number; must: number; thin: boolean } {
  const must = scenarios.filter((s) => s.class !== 'security' && s.level === 'must' && s.outcome !== 'not-applicable');
  const lacking = must.filter(skippedForLackingData).length;
  return { lacking, must: must.length, thin: must.length > 0 && lacking / must.length > THIN_RUN_SHARE };
}

const percent = (a: number, b: number): string => `${Math.round((100 * a) / b)}%`;

/** What fails the gate that no one scenario carries: a thin run (unless --allow-thin-run). */
export function runReasons(scenarios: ScenarioResult[], policy: GatePolicy): string[] {
  const thin = thinness(scenarios);
  if (!thin.thin || policy.allowThinRun) return [];
  return [
    `${thin.lacking} of ${thin.must} @must scenarios (${percent(thin.lacking, thin.must)}, more than ${percent(THIN_RUN_SHARE, 1)}) skipped for data the target lacks: ` +
      `${PROVISION_HINT} (or accept a run that checked this little with --allow-thin-run)`,
  ];
}

/** Marks listed, unexpired failures as known deviations (not under --certify); returns what keeps the file honest. */
export function applyDeviations(scenarios: ScenarioResult[], policy: GatePolicy): GateNotes {
  const notes: GateNotes = { nowPassing: [], expired: [], unknown: [] };
  if (policy.certify) return notes;
  scenarios.forEach((s) => excuseKnownDeviation(s, policy));
  for (const d of policy.deviations) {
    const matching = scenarios.filter((s) => lists(d, s));
    if (!matching.length) notes.unknown.push(d);
    else if (expired(d, policy)) notes.expired.push(d);
    else if (matching.every((s) => s.outcome === 'passed')) notes.nowPassing.push(d);
  }
  return notes;
}

/**
 * Why a scenario fails the gate under this policy, in the words of the verdict line (undefined: it does not). Every
 * scenario that fails the gate has exactly one reason, so the verdict line accounts for every exit code but 0.
 * Security scenarios are findings about the store, not about the API: they gate only under --fail-on security (by the
 * same levels), never under --certify; a security scenario the harness could not run still fails like any other.
 */
export function gateReason(s: ScenarioResult, policy: GatePolicy): string | undefined {
  if (s.outcome === 'infrastructure') return 'infrastructure error';
  if (s.outcome === 'harness-error') return 'harness error';
  const byLevel = s.level === 'must' || policy.failOn.has(s.level);
  if (s.class === 'security') {
    return s.outcome === 'failed' && policy.failOn.has('security') && byLevel ? 'security finding (--fail-on security)' : undefined;
  }
  if (s.outcome === 'skipped') return policy.certify ? 'skipped scenario (--certify)' : policy.failOn.has('skipped') ? 'skipped scenario (--fail-on skipped)' : undefined;
  if (s.outcome !== 'failed') return undefined;
  if (s.level === 'must') return '@must failure';
  return policy.certify ? `@${s.level} failure (--certify)` : byLevel ? `@${s.level} failure (--fail-on ${s.level})` : undefined;
}

/** Scenarios that fail the gate under this policy. */
export function gateFailures(scenarios: ScenarioResult[], policy: GatePolicy): ScenarioResult[] {
  return scenarios.filter((s) => gateReason(s, policy) !== undefined);
}

/** 0 conforms, 1 non-conformance found, 2 infrastructure error (an expired deviation's failure counts again). */
export function exitCodeFor(scenarios: ScenarioResult[], policy: GatePolicy, undocumentedFields: number): 0 | 1 | 2 {
  return gateVerdict(scenarios, policy, undocumentedFields).exitCode;
}

const REASON_ORDER = ['@must', '@should', '@may', 'skipped', 'security', 'infrastructure', 'harness', 'undocumented'];

const plural = (n: number, noun: string): string => {
  const [word, ...flag] = noun.split(' (');
  return `${n} ${word}${n === 1 ? '' : 's'}${flag.length ? ` (${flag.join(' (')}` : ''}`;
};

/**
 * The gate's verdict and its reasons, in one line a person reads next to the exit code:
 * `gate: FAIL: 2 @must failures` or `gate: PASS: 0 @must failures, 8 known deviations`.
 */
export function gateVerdict(scenarios: ScenarioResult[], policy: GatePolicy, undocumentedFields: number, extra: string[] = []): { exitCode: 0 | 1 | 2; line: string } {
  const reasons = new Map<string, number>();
  for (const s of scenarios) {
    const reason = gateReason(s, policy);
    if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  if (policy.failOn.has('undocumented') && undocumentedFields > 0) reasons.set('undocumented field (--strict)', undocumentedFields);
  const rank = (reason: string) => REASON_ORDER.findIndex((prefix) => reason.startsWith(prefix));
  const failed = [...reasons].sort(([a], [b]) => rank(a) - rank(b)).map(([reason, n]) => plural(n, reason));
  failed.push(...runReasons(scenarios, policy));
  const thin = thinness(scenarios);
  const exitCode: 0 | 1 | 2 = reasons.has('infrastructure error') ? 2 : failed.length || extra.length ? 1 : 0;
  if (exitCode !== 0) return { exitCode, line: `gate: FAIL: ${[...failed, ...extra].join(', ')}` };
  const conformance = scenarios.filter((s) => s.class !== 'security');
  const known = conformance.filter((s) => s.outcome === 'known-deviation').length;
  const warnings = conformance.filter((s) => s.outcome === 'failed' && s.level !== 'must').length;
  const skipped = conformance.filter((s) => s.outcome === 'skipped').length;
  const findings = scenarios.filter((s) => s.class === 'security' && s.outcome === 'failed').length;
  const notes = [
    '0 @must failures',
    known ? plural(known, 'known deviation') : '',
    warnings ? `${plural(warnings, '@should or @may failure')} (not gated)` : '',
    skipped ? `${skipped} skipped (not gated)` : '',
    findings ? `${plural(findings, 'security finding')} (not gated${policy.failOn.has('security') ? ': @should or @may, not in --fail-on' : ' without --fail-on security'})` : '',
    thin.thin ? `a thin run allowed (--allow-thin-run): ${thin.lacking} of ${thin.must} @must scenarios skipped for data the target lacks` : '',
  ].filter(Boolean);
  return { exitCode, line: `gate: PASS: ${notes.join(', ')}` };
}
