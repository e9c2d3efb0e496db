// Builds the one machine-readable result of a run (reports/report.json) from cucumber's message stream.
// The terminal summary, summary.md and the exit code are all rendered from it.
import type { Envelope, Pickle, TestStepResult } from '@cucumber/messages';

export type Outcome = 'passed' | 'failed' | 'known-deviation' | 'skipped' | 'not-applicable' | 'infrastructure' | 'harness-error';

/** Media types of the attachments by which a scenario says why it did not run (see steps/support/world.ts). */
export const SKIP_REASON = 'text/x.invotide.skip-reason';
export const NOT_APPLICABLE = 'text/x.invotide.not-applicable';
export type Level = 'must' | 'should' | 'may';

export interface ScenarioResult {
  id: string;
  name: string;
  feature: string;
  uri: string;
  tags: string[];
  routes: string[];
  /** @must fails the gate, @should warns, @may informs (see src/runner/gate.ts). */
  level: Level;
  outcome: Outcome;
  durationMs: number;
  /** Why it was skipped, or the failing step and its message. */
  reason?: string;
  failedStep?: string;
  /** The failing step's request/response attachment, when Allure wrote one. */
  attachment?: string;
  contractViolations: number;
  /** Requests the scenario made (its exchange attachments). */
  exchanges: number;
}

export interface RunReport {
  suite: { name: string; version: string };
  target: { url: string; embedded: boolean; fixtures: string };
  startedAt: string;
  durationMs: number;
  /** From the first scenario's start to the last one's end: the run without start-up and reporting. */
  scenarioPhaseMs?: number;
  /** CPU time of the runner's process, every thread, from its start (with --parallel, the workers' is not in it). */
  processCpuMs?: number;
  scenarios: ScenarioResult[];
  /** route → variant → a real answer body, written apart as examples.json. */
  examples?: Record<string, Record<string, unknown>>;
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
  private readonly testCases = new Map<string, { pickleId: string; steps: Map<string, string> }>();
  private readonly started = new Map<string, RunState>();
  readonly scenarios: ScenarioResult[] = [];
  /** One real answer per route and response variant, for the living documentation (already redacted). */
  readonly examples: Record<string, Record<string, unknown>> = {};
  /** What the run exercised, per route: response variants seen, request fields sent, undocumented fields met. */
  readonly exercised = new Map<string, { variants: Set<string>; fields: Set<string>; undocumented: Set<string> }>();
  total = 0;
  private firstStart?: number;
  private lastFinish?: number;

  get scenarioPhaseMs(): number {
    return this.firstStart === undefined || this.lastFinish === undefined ? 0 : Math.round(this.lastFinish - this.firstStart);
  }

  constructor(private readonly onScenarioFinished?: (s: ScenarioResult, done: number, total: number) => void) {}

  /** Example rows of Scenario Outlines, numbered from 1 per outline, so each example gets a stable id `<id>#<n>`. */
  private readonly exampleRows = new Map<string, number>();

  handle(e: Envelope): void {
    if (e.gherkinDocument?.feature && e.gherkinDocument.uri) {
      this.featureNames.set(e.gherkinDocument.uri, e.gherkinDocument.feature.name);
      const scenarios = e.gherkinDocument.feature.children.flatMap((c) => [c.scenario, ...(c.rule?.children.map((r) => r.scenario) ?? [])]);
      for (const sc of scenarios) {
        let n = 0;
        for (const ex of sc?.examples ?? []) for (const row of ex.tableBody) this.exampleRows.set(row.id, ++n);
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
      this.scenarios.push(scenario);
      this.onScenarioFinished?.(scenario, this.scenarios.length, this.total);
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
      reason = firstLines(message, 3);
    }
    const row = pickle.astNodeIds.length > 1 ? this.exampleRows.get(pickle.astNodeIds[1]) : undefined;
    const baseId = tags.find((t) => t.startsWith('@id:'))?.slice(4) ?? pickle.name;
    return {
      id: row === undefined ? baseId : `${baseId}#${row}`,
      name: pickle.name,
      feature: this.featureNames.get(pickle.uri) ?? pickle.uri,
      uri: pickle.uri,
      tags,
      routes: routesOf(tags, run.called),
      level: tags.includes('@may') ? 'may' : tags.includes('@should') ? 'should' : 'must',
      outcome,
      durationMs: Math.round(durationMs),
      reason,
      failedStep: outcome === 'passed' || outcome === 'skipped' || outcome === 'not-applicable' ? undefined : run.failedStep,
      contractViolations: run.violations,
      exchanges: run.exchanges,
    };
  }
}

/** A scenario's routes: its @route tags, else every route it called but login (each scenario logs in). */
function routesOf(tags: string[], called: Set<string>): string[] {
  const tagged = tags.filter((t) => t.startsWith('@route:')).map((t) => `api/${t.slice(7)}`);
  if (tagged.length) return tagged;
  const others = [...called].filter((r) => r !== 'api/login');
  return others.length ? others : [...called];
}

function rank(status: string | undefined): number {
  return ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'].indexOf(status ?? 'PASSED');
}

function toMs(t: { seconds: number; nanos: number }): number {
  return t.seconds * 1000 + t.nanos / 1e6;
}

function firstLines(text: string, n: number): string {
  return text.split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(0, n).join('\n');
}
