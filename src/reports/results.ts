// Builds the one machine-readable result of a run (reports/report.json) from cucumber's message stream.
// Every report is rendered from it: the terminal, summary.md, junit.xml, the Allure labels and the docs; and the exit
// code is decided on it.
import type { Envelope, Pickle, TestStepResult } from '@cucumber/messages';
import { LOGIN_ROUTE, parseTags, type Level, type ScenarioClass } from '../tags';
import type { JudgedUnder } from '../target/profile';
import type { Verdict } from './vocabulary';

export type { Level, ScenarioClass };

export type Outcome = 'passed' | 'failed' | 'known-deviation' | 'skipped' | 'not-applicable' | 'infrastructure' | 'harness-error';

/**
 * Bumped whenever a field of report.json changes meaning or goes away (adding one does not). 3: a scenario's
 * `attachment` is relative to the reports folder, and a known deviation keeps its failure's reason in `reason` and the
 * deviation in `deviation`.
 */
export const REPORT_FORMAT_VERSION = 3;

/** The most of a failure's message report.json keeps (the Allure result keeps it whole). */
export const STORED_REASON_CHARS = 20_000;


/** Media types of the attachments by which a scenario says why it did not run (see steps/support/world.ts). */
export const SKIP_REASON = 'text/x.invotide.skip-reason';
export const NOT_APPLICABLE = 'text/x.invotide.not-applicable';

export interface ScenarioResult {
  id: string;
  name: string;
  feature: string;
  uri: string;
  /** Line of the scenario (of its example row, for an outline) in `uri`. */
  line?: number;
  /** The `Rule:` the scenario is written under, if any. */
  rule?: string;
  /** From the @area tag (the feature's subject), else the feature file's name. */
  area: string;
  /**
   * Conformance scenarios say whether the store behaves as the API is documented; security scenarios (tagged
   * `@security`) say what an attacker can do with it. They are counted apart, and gate only under --fail-on security.
   */
  class: ScenarioClass;
  tags: string[];
  routes: string[];
  /** @must fails the gate, @should warns, @may informs (see src/runner/gate.ts). */
  level: Level;
  outcome: Outcome;
  durationMs: number;
  /** Why it was skipped, or the failing step's message (an assertion's diff told as "expected X, got Y"). */
  reason?: string;
  failedStep?: string;
  /** A known deviation: the deviations file's entry that excuses the failure told in `reason`. */
  deviation?: { reason: string; ticket?: string; expires?: string; source?: 'known defect' | 'store' };
  /**
   * The failing step's request/response (the Allure attachment), relative to the reports folder:
   * `allure-results/12-attachment.json`.
   */
  attachment?: string;
  contractViolations: number;
  /** Requests the scenario made (its exchange attachments). */
  exchanges: number;
}

export interface RunReport {
  formatVersion?: number;
  suite: { name: string; version: string };
  target: {
    url: string;
    embedded: boolean;
    fixtures: string;
    /** The release, language and settings the store was judged under (src/target/profile.ts). */
    judgedUnder?: JudgedUnder;
  };
  startedAt: string;
  durationMs: number;
  /** From the first scenario's start to the last one's end: the run without start-up and reporting. */
  scenarioPhaseMs?: number;
  /** CPU time of the runner's process, every thread, from its start (with --parallel, the workers' is not in it). */
  processCpuMs?: number;
  scenarios: ScenarioResult[];
  /** route → variant → a real answer body, written apart as examples.json. */
  examples?: Record<string, Record<string, unknown>>;
  /** What the gate was asked to fail on, so a merge of shards judges them the same way. */
  gate?: { failOn: string[]; certify: boolean; requireCoverage: boolean; allowThinRun?: boolean };
  /** Each class's counts (see countOutcomes). */
  totals?: Record<ScenarioClass, Counts>;
  /** How many scenarios got each verdict, in the words every report uses (src/reports/vocabulary.ts). */
  counts?: Record<Verdict, number>;
  /** The selection the run made (--tags, --shard): coverage gaps mean something only for the whole suite. */
  selection?: { tags?: string; shard?: string };
  /** The gate's verdict: its one line and the exit code of the run. */
  verdict?: { exitCode: 0 | 1 | 2; line: string };
  exitCode?: 0 | 1 | 2;
  /** --diff-against, --diff-reference: what the store answered differently from the earlier or reference run (diff.json has it all). */
  diff?: {
    before: string;
    exitCode: 0 | 1 | 2;
    counts: { differences: number; documented: number; undocumented: number; noise: number; accepted: number; scenarios: number; routes: number };
    compared: number;
    notCompared: number;
    why?: string;
  };
  /** Why the run ended before any scenario could run (a configuration or infrastructure error, exit code 2). */
  error?: { kind: 'configuration' | 'infrastructure' | 'internal'; message: string };
}

export interface Counts {
  passed: number;
  failed: number;
  knownDeviations: number;
  skipped: number;
  notApplicable: number;
  infrastructure: number;
  harnessErrors: number;
}

const COUNT_OF: Record<Outcome, keyof Counts> = {
  passed: 'passed', failed: 'failed', 'known-deviation': 'knownDeviations', skipped: 'skipped', 'not-applicable': 'notApplicable', infrastructure: 'infrastructure', 'harness-error': 'harnessErrors',
};

export function countOutcomes(scenarios: Array<Pick<ScenarioResult, 'outcome'>>): Counts {
  const c: Counts = { passed: 0, failed: 0, knownDeviations: 0, skipped: 0, notApplicable: 0, infrastructure: 0, harnessErrors: 0 };
  for (const s of scenarios) c[COUNT_OF[s.outcome]]++;
  return c;
}

/** `our theme answers edits of unknown lines with an error (SHOP-12)`: a deviation as the reports quote it. */
export const deviationText = (d: NonNullable<ScenarioResult['deviation']>): string => `${d.reason}${d.ticket ? ` (${d.ticket})` : ''}`;

export const ofClass = (scenarios: ScenarioResult[], cls: ScenarioClass): ScenarioResult[] => scenarios.filter((s) => (s.class ?? 'conformance') === cls);

export function totalsOf(scenarios: ScenarioResult[]): Record<ScenarioClass, Counts> {
  return { conformance: countOutcomes(ofClass(scenarios, 'conformance')), security: countOutcomes(ofClass(scenarios, 'security')) };
}

interface RunState {
  testCaseId: string;
  at: number;
  worst?: TestStepResult;
  failedStep?: string;
  skipReason?: string;
  notApplicable?: string;
  violations: number;
  exchanges: number;
  /** Routes the scenario called, from its exchange attachments. */
  called: Set<string>;
}

const NON_CONFORMANCE = new Set(['AssertionError', 'ContractViolationError', 'ConformanceError', 'PhpNoticeError']);
const INFRASTRUCTURE = new Set(['TransportError']);

/** Collects envelopes as they arrive; `onScenarioFinished` drives live progress. */
export class ResultCollector {
  private readonly pickles = new Map<string, Pickle>();
  private readonly featureNames = new Map<string, string>();
  /** Gherkin AST node (scenario or example row) → its line; scenario node → the name of its Rule. */
  private readonly lines = new Map<string, number>();
  private readonly rules = new Map<string, string>();
  /** Test cases per feature file, and those finished, to tell when a feature is done. */
  private readonly perFeature = new Map<string, { total: number; done: ScenarioResult[] }>();
  private readonly testCases = new Map<string, { pickleId: string; steps: Map<string, string> }>();
  private readonly started = new Map<string, RunState>();
  readonly scenarios: ScenarioResult[] = [];
  /** One real answer per route and response variant, for the living documentation (already redacted). */
  readonly examples: Record<string, Record<string, unknown>> = {};
  /** What the run exercised, per route: response variants seen, request fields sent, undocumented fields met. */
  readonly exercised = new Map<string, { variants: Set<string>; fields: Set<string>; undocumented: Set<string> }>();
  /** Each finished scenario's id by its pickle's (the exchange record's workers know the pickle, src/exchanges/). */
  readonly scenarioIds = new Map<string, string>();
  total = 0;
  private firstStart?: number;
  private lastFinish?: number;

  get scenarioPhaseMs(): number {
    return this.firstStart === undefined || this.lastFinish === undefined ? 0 : Math.round(this.lastFinish - this.firstStart);
  }

  constructor(
    private readonly onScenarioFinished?: (s: ScenarioResult, done: number, total: number) => void,
    /** Called once every scenario of a feature file has finished, with their results. */
    private readonly onFeatureFinished?: (uri: string, results: ScenarioResult[]) => void,
    /** Judges each result before anyone sees it (a listed failure becomes a known deviation). */
    private readonly judge?: (s: ScenarioResult) => void,
  ) {}

  /** The scenario whose end was handled last (the Allure writer, which hears of each end just after, labels by it). */
  get lastFinished(): ScenarioResult | undefined {
    return this.scenarios[this.scenarios.length - 1];
  }

  /** Example rows of Scenario Outlines, numbered from 1 per outline, so each example gets a stable id `<id>#<n>`. */
  private readonly exampleRows = new Map<string, number>();

  handle(e: Envelope): void {
    if (e.gherkinDocument?.feature && e.gherkinDocument.uri) {
      this.featureNames.set(e.gherkinDocument.uri, e.gherkinDocument.feature.name);
      for (const child of e.gherkinDocument.feature.children) {
        for (const sc of [child.scenario, ...(child.rule?.children.map((r) => r.scenario) ?? [])]) {
          if (!sc) continue;
          this.lines.set(sc.id, sc.location.line);
          if (child.rule) this.rules.set(sc.id, child.rule.name);
          let n = 0;
          for (const ex of sc.examples) {
            for (const row of ex.tableBody) {
              this.exampleRows.set(row.id, ++n);
              this.lines.set(row.id, row.location.line);
            }
          }
        }
      }
    }
    if (e.pickle) this.pickles.set(e.pickle.id, e.pickle);
    if (e.testCase) {
      this.total++;
      const pickle = this.pickles.get(e.testCase.pickleId);
      const steps = new Map<string, string>();
      for (const ts of e.testCase.testSteps) {
        const text = ts.pickleStepId ? pickle?.steps.find((s) => s.id === ts.pickleStepId)?.text : undefined;
        steps.set(ts.id, text ?? 'a hook');
      }
      this.testCases.set(e.testCase.id, { pickleId: e.testCase.pickleId, steps });
      const uri = pickle?.uri ?? '';
      const feature = this.perFeature.get(uri) ?? { total: 0, done: [] };
      feature.total++;
      this.perFeature.set(uri, feature);
    }
    if (e.testCaseStarted) {
      this.firstStart ??= toMs(e.testCaseStarted.timestamp);
      this.started.set(e.testCaseStarted.id, { testCaseId: e.testCaseStarted.testCaseId, at: toMs(e.testCaseStarted.timestamp), violations: 0, exchanges: 0, called: new Set() });
    }
    if (e.attachment?.testCaseStartedId) {
      const run = this.started.get(e.attachment.testCaseStartedId);
      if (run && e.attachment.mediaType === SKIP_REASON) run.skipReason = e.attachment.body;
      if (run && e.attachment.mediaType === NOT_APPLICABLE) run.notApplicable = e.attachment.body;
      if (run && e.attachment.mediaType === 'application/json' && e.attachment.fileName) {
        if (e.attachment.body.includes('"ok": false')) run.violations++;
        const route = /^[A-Z]+ (api\/\S+)/.exec(e.attachment.fileName)?.[1];
        if (route) {
          run.exchanges++;
          run.called.add(route);
          this.keepExample(route, e.attachment.body);
        }
      }
    }
    if (e.testStepFinished) {
      const run = this.started.get(e.testStepFinished.testCaseStartedId);
      const result = e.testStepFinished.testStepResult;
      if (run && rank(result.status) > rank(run.worst?.status)) {
        run.worst = result;
        run.failedStep = this.testCases.get(run.testCaseId)?.steps.get(e.testStepFinished.testStepId);
      }
    }
    if (e.testCaseFinished) this.lastFinish = Math.max(this.lastFinish ?? 0, toMs(e.testCaseFinished.timestamp));
    if (e.testCaseFinished && !e.testCaseFinished.willBeRetried) {
      const run = this.started.get(e.testCaseFinished.testCaseStartedId);
      if (!run) return;
      const tc = this.testCases.get(run.testCaseId);
      const pickle = tc && this.pickles.get(tc.pickleId);
      if (!pickle) return;
      const scenario = this.toResult(pickle, run, toMs(e.testCaseFinished.timestamp) - run.at);
      this.scenarioIds.set(pickle.id, scenario.id);
      this.judge?.(scenario);
      this.scenarios.push(scenario);
      this.onScenarioFinished?.(scenario, this.scenarios.length, this.total);
      const feature = this.perFeature.get(pickle.uri);
      feature?.done.push(scenario);
      if (feature && feature.done.length === feature.total) this.onFeatureFinished?.(pickle.uri, feature.done);
    }
  }

  private keepExample(route: string, attachmentBody: string): void {
    try {
      const exchange = JSON.parse(attachmentBody) as {
        request?: { body?: string };
        response?: { body?: unknown };
        contract?: { ok?: boolean; variant?: string };
        undocumented?: string[];
      };
      const seen = this.exercised.get(route) ?? { variants: new Set<string>(), fields: new Set<string>(), undocumented: new Set<string>() };
      this.exercised.set(route, seen);
      for (const pair of (exchange.request?.body ?? '').split('&')) {
        const name = decodeURIComponent(pair.split('=')[0] ?? '').split('[')[0];
        if (name) seen.fields.add(name);
      }
      exchange.undocumented?.forEach((p) => seen.undocumented.add(p));
      const variant = exchange.contract?.ok ? exchange.contract.variant : undefined;
      if (!variant) return;
      seen.variants.add(variant);
      const byVariant = (this.examples[route] ??= {});
      if (!(variant in byVariant)) byVariant[variant] = exchange.response?.body;
    } catch {
      // not an exchange attachment
    }
  }

  private toResult(
    pickle: Pickle,
    run: RunState,
    durationMs: number,
  ): ScenarioResult {
    const tags = pickle.tags.map((t) => t.name);
    const tagged = parseTags(tags);
    const status = run.worst?.status ?? 'PASSED';
    let outcome: Outcome = 'passed';
    let reason: string | undefined;
    if (status === 'SKIPPED') {
      outcome = run.notApplicable === undefined ? 'skipped' : 'not-applicable';
      reason = run.notApplicable ?? run.skipReason ?? 'skipped';
    } else if (status !== 'PASSED') {
      const type = run.worst?.exception?.type ?? '';
      const message = run.worst?.exception?.message ?? run.worst?.message ?? status;
      outcome = INFRASTRUCTURE.has(type) ? 'infrastructure' : NON_CONFORMANCE.has(type) ? 'failed' : 'harness-error';
      if (status === 'UNDEFINED' || status === 'AMBIGUOUS' || status === 'PENDING') outcome = 'harness-error';
      const bounded = boundText(readableFailure(message), { chars: STORED_REASON_CHARS, lineChars: STORED_REASON_CHARS, lines: 200 });
      reason = bounded.omitted ? `${bounded.text}\n… (${bounded.omitted} more characters: the whole message is in the Allure result)` : bounded.text;
    }
    const [scenarioNode, rowNode] = pickle.astNodeIds;
    const row = rowNode === undefined ? undefined : this.exampleRows.get(rowNode);
    const baseId = tagged.id ?? pickle.name;
    return {
      id: row === undefined ? baseId : `${baseId}#${row}`,
      name: pickle.name,
      feature: this.featureNames.get(pickle.uri) ?? pickle.uri,
      uri: pickle.uri,
      line: this.lines.get(rowNode ?? scenarioNode),
      rule: this.rules.get(scenarioNode),
      area: tagged.area ?? pickle.uri.replace(/^.*\//, '').replace(/\.feature$/, ''),
      class: tagged.class,
      tags,
      routes: routesOf(tagged.routes, run.called),
      level: tagged.level,
      outcome,
      durationMs: Math.round(durationMs),
      reason,
      failedStep: outcome === 'passed' || outcome === 'skipped' || outcome === 'not-applicable' ? undefined : run.failedStep,
      contractViolations: run.violations,
      exchanges: run.exchanges,
    };
  }
}

/**
 * A scenario's routes: its @route tags (an After hook holds them to what it called, api/login aside), else what it
 * called but login, else login.
 */
function routesOf(tagged: string[], called: Set<string>): string[] {
  if (tagged.length) return tagged;
  const others = [...called].filter((r) => r !== LOGIN_ROUTE);
  return others.length ? others : [...called];
}

function rank(status: string | undefined): number {
  return ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'].indexOf(status ?? 'PASSED');
}

function toMs(t: { seconds: number; nanos: number }): number {
  return t.seconds * 1000 + t.nanos / 1e6;
}

/**
 * A failure's message as a person reads it: node:assert appends its diff to a message of ours (`+ actual - expected`,
 * then `+ 'HTTP 500'` and `- undefined`); a one-line diff becomes `expected undefined, got 'HTTP 500'`, a longer one
 * keeps its lines under a heading that says which sign is which. Blank lines go.
 */
export function readableFailure(message: string): string {
  const lines = message.split('\n').map((l) => l.trimEnd());
  const at = lines.findIndex((l) => /^\+ actual - expected/.test(l));
  if (at < 0) return lines.filter(Boolean).join('\n');
  const head = lines.slice(0, at).filter(Boolean);
  const diff = lines.slice(at + 1).filter(Boolean);
  const got = diff.filter((l) => l.startsWith('+ '));
  const expected = diff.filter((l) => l.startsWith('- '));
  if (diff.length === 2 && got.length === 1 && expected.length === 1) return [...head, `expected ${expected[0].slice(2)}, got ${got[0].slice(2)}`].join('\n');
  return [...head, 'expected (-) and got (+):', ...diff].join('\n');
}

export interface Bounds {
  /** Most characters in all. */
  chars: number;
  /** Most characters per line. */
  lineChars: number;
  lines: number;
}

/** Text cut to a size a person reads: each line, the number of lines and the whole; says how much it left out. */
export function boundText(text: string, bounds: Bounds): { text: string; omitted: number } {
  const out: string[] = [];
  let kept = 0;
  for (const line of text.split('\n')) {
    const room = Math.min(bounds.lineChars, bounds.chars - kept - out.length);
    if (out.length >= bounds.lines || room < 2) break;
    const part = line.length <= room ? line : line.slice(0, room - 1);
    out.push(part.length < line.length ? `${part}…` : part);
    kept += part.length;
  }
  // Line breaks count as characters of the text, not as what was left out.
  const omitted = text.length - kept - Math.max(0, out.length - 1);
  return { text: out.join('\n'), omitted: Math.max(0, omitted) };
}
