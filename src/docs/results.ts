// The last run as the documentation reads it (reports/report.json and reports/examples.json), and what it says
// per route. Pure functions over plain data, so the rules are testable without a run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { countOutcomes, type Outcome, type RunReport, type ScenarioResult } from '../reports/results';
import { countsText } from '../reports/summary';
import type { Status } from './html';
import type { WrittenScenario } from '../features';
import { parseTags } from '../tags';

/** The fields of a report.json scenario the documentation uses (older or partial reports may lack some). */
export type RunScenario = Pick<ScenarioResult, 'id' | 'name' | 'uri' | 'tags' | 'routes' | 'outcome'> & Partial<ScenarioResult>;

export interface LastRun {
  target?: Partial<RunReport['target']>;
  startedAt?: string;
  durationMs?: number;
  scenarios: RunScenario[];
  /** Set when the last run ended before its scenarios (exit code 2). */
  error?: RunReport['error'];
  verdict?: RunReport['verdict'];
  /** --diff-against, --diff-reference: what the store answered differently (diff.md has it all). */
  diff?: RunReport['diff'];
}

/** route → response variant title → a real (redacted) answer body. */
export type Examples = Record<string, Record<string, unknown>>;

export function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`docs: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export function readLastRun(reportsDir: string): { run?: LastRun; examples?: Examples } {
  const report = readJson<Partial<LastRun>>(path.join(reportsDir, 'report.json'));
  const examples = readJson<Examples>(path.join(reportsDir, 'examples.json'));
  const run = report && Array.isArray(report.scenarios) ? { ...report, scenarios: report.scenarios.filter(isRunScenario) } : undefined;
  return { run, examples: examples && typeof examples === 'object' ? examples : undefined };
}

function isRunScenario(s: unknown): s is RunScenario {
  const r = s as RunScenario;
  return !!r && typeof r.id === 'string' && typeof r.name === 'string' && typeof r.outcome === 'string' && Array.isArray(r.routes ?? []);
}

export interface Tally {
  passed: number;
  failed: number;
  knownDeviations: number;
  skipped: number;
  notApplicable: number;
  /** Infrastructure and harness errors: the run could not tell. */
  errors: number;
  harnessErrors: number;
  infrastructureErrors: number;
  status: Status;
}

/**
 * A route conforms when its scenarios ran and none failed; a failure of any level shows (the gate decides what
 * @should and @may failures mean for the exit code, the matrix only reports). A route whose only failures are known
 * deviations deviates, in the colour known deviations have in every report, never "fails". Skipped scenarios prove
 * nothing: when as many were skipped as passed, the route is not proven, whatever passed.
 */
export function tally(results: RunScenario[]): Tally {
  const c = countOutcomes(results);
  const t = { passed: c.passed, failed: c.failed, knownDeviations: c.knownDeviations, skipped: c.skipped, notApplicable: c.notApplicable, errors: c.harnessErrors + c.infrastructure, harnessErrors: c.harnessErrors, infrastructureErrors: c.infrastructure };
  const status: Status = t.failed ? 'fails' : t.errors ? 'errors' : t.knownDeviations ? 'deviates' : !t.passed ? 'not-run' : t.skipped >= t.passed ? 'not-proven' : 'conforms';
  return { ...t, status };
}

/** `534 passed, 0 failed, 13 known deviations, 0 skipped`: the counts of a tally, in the words of every report. */
export function tallyText(t: Tally, security = false): string {
  return countsText({ passed: t.passed, failed: t.failed, knownDeviations: t.knownDeviations, skipped: t.skipped, notApplicable: t.notApplicable, infrastructure: t.infrastructureErrors, harnessErrors: t.harnessErrors }, security);
}

export const isSecurity = (s: Pick<RunScenario, 'tags'> & Partial<Pick<RunScenario, 'class'>>): boolean => (s.class ?? parseTags(s.tags ?? []).class) === 'security';

/** The conformance results of the last run for one route (security scenarios are reported apart). */
export function resultsForRoute(run: LastRun | undefined, route: string): RunScenario[] {
  return run?.scenarios.filter((s) => (s.routes ?? []).includes(route) && !isSecurity(s)) ?? [];
}

/** The results of one written scenario: by @id (an outline's example rows are `<id>#<n>`), else by file and name. */
export function resultsForScenario(results: RunScenario[], scenario: WrittenScenario): RunScenario[] {
  if (scenario.id) return results.filter((r) => r.id === scenario.id || r.id.startsWith(`${scenario.id}#`));
  return results.filter((r) => r.uri === scenario.uri && r.name === scenario.name);
}

/** The worst outcome among a scenario's results (an outline has one per example row). */
export function worstOutcome(results: RunScenario[]): Outcome | 'not-run' {
  const order: Array<Outcome | 'not-run'> = ['failed', 'harness-error', 'infrastructure', 'known-deviation', 'passed', 'skipped', 'not-applicable'];
  return order.find((o) => results.some((r) => r.outcome === o)) ?? 'not-run';
}
