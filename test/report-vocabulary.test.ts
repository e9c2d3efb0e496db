// One verdict, one vocabulary, every report: runs of the command line as a user types it, against reference stores
// made to misbehave, and what the terminal, summary.md, report.json, JUnit, the Allure results and the living
// documentation each say of them. A known deviation is told as such everywhere, with the same counts, never as a
// failure; a run that checked little for want of data fails the gate unless asked; and the rough edges of the output
// (a security reason cut at its colon, local paths in summary.md, coverage gaps after a --tags run, "?.") are gone.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { buildDocs } from '../src/docs/build';
import { closingLines, renderTerminal } from '../src/reports/summary';
import { ResultCollector, boundText, countOutcomes, readableFailure, type RunReport, type ScenarioResult } from '../src/reports/results';
import { COUNT_ORDER, VOCABULARY, verdictCounts, type Verdict } from '../src/reports/vocabulary';
import { runCli, type CliRun } from './support/cli';
import { refusedUrl } from './support/fault-server';
import type { Envelope } from '@cucumber/messages';

const ROOT = path.resolve(__dirname, '..');
const KEY = 'v'.repeat(64);
const INVALID = 'Warning: Currency code is invalid!';
const REWORDED = 'Currency code is invalid (our theme)';

/** Every line a person reads in the terminal is bounded: no answer printed whole. */
function assertBoundedOutput(run: CliRun): void {
  const long = run.stdout.split('\n').filter((l) => l.length > 850 && !l.startsWith('::'));
  assert.deepEqual(long.map((l) => `${l.slice(0, 80)}… (${l.length})`), []);
}

describe('the vocabulary table', () => {
  it('gives every verdict a word, a colour, a symbol and an Allure status; a known deviation shares none with a failure', () => {
    const verdicts = Object.keys(VOCABULARY) as Verdict[];
    assert.deepEqual([...verdicts].sort(), [...COUNT_ORDER].sort());
    assert.equal(new Set(verdicts.map((v) => VOCABULARY[v].word)).size, verdicts.length, 'one word each');
    assert.equal(new Set(verdicts.map((v) => VOCABULARY[v].symbol)).size, verdicts.length, 'one symbol each');
    const known = VOCABULARY['known-deviation'];
    assert.equal(known.allure.status, 'unknown');
    assert.equal(known.allure.category, 'Known deviations');
    for (const v of ['failed', 'security-finding'] as const) {
      assert.notEqual(known.colour, VOCABULARY[v].colour);
      assert.notEqual(known.allure.status, VOCABULARY[v].allure.status);
      assert.notEqual(known.symbol, VOCABULARY[v].symbol);
    }
  });

  it('tells a node:assert diff as "expected X, got Y", and keeps both signs of a longer one', () => {
    const messageOf = (f: () => void): string => {
      try {
        f();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('no assertion failed');
    };
    const http500 = messageOf(() => assert.equal('HTTP 500', undefined, 'the answer is not documented JSON: HTTP 500'));
    assert.match(http500, /\+ actual - expected/, 'node appends its diff to our message');
    assert.equal(readableFailure(http500), "the answer is not documented JSON: HTTP 500\nexpected undefined, got 'HTTP 500'");
    const variant = messageOf(() => assert.equal('EmptyAnswer', 'LoginSuccess', 'api/login answered'));
    assert.equal(readableFailure(variant), "api/login answered\nexpected 'LoginSuccess', got 'EmptyAnswer'");
    const object = readableFailure(messageOf(() => assert.deepEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }, 'the totals')));
    assert.match(object, /^the totals\nexpected \(-\) and got \(\+\):\n/);
    assert.match(object, /^\+ +2$/m);
    assert.match(object, /^- +3$/m);
  });

  it('keeps a 26,523-character failure out of the terminal, saying where the whole of it is', () => {
    const huge: ScenarioResult = {
      id: 'cart-add-simple', name: 'a product is added', feature: 'F', uri: 'features/cart.feature', line: 3, area: 'cart', class: 'conformance', tags: [], routes: ['api/cart/add'],
      level: 'must', outcome: 'failed', durationMs: 1, contractViolations: 0, exchanges: 1, failedStep: 'Then the answer is a success',
      reason: `api/cart/add answered an error:\n${'x'.repeat(26_523)}`, attachment: 'allure-results/12-attachment.json',
    };
    const report: RunReport = { suite: { name: 's', version: '0' }, target: { url: 'embedded', embedded: true, fixtures: 'f' }, startedAt: '', durationMs: 1, scenarios: [huge] };
    const out = renderTerminal(report, { reportsDir: 'reports' });
    assert.ok(out.length < 3300, `${out.length} characters`);
    assert.match(out, /… \(\d+ more characters: the whole message is in report\.json\)\n    attachment: reports\/allure-results\/12-attachment\.json \(the request and the answer\)/);
    assert.deepEqual(boundText('abc\ndef', { chars: 100, lineChars: 100, lines: 1 }), { text: 'abc', omitted: 4 }, 'the line break counts');
  });

  it('counts a result collected from cucumber the same in the closing line as in the counts of report.json', () => {
    const c = new ResultCollector();
    const ts = { seconds: 1, nanos: 0 };
    const envelopes = [
      { pickle: { id: 'p', uri: 'features/x.feature', name: 'x', language: 'en', astNodeIds: [], tags: [{ name: '@id:x', astNodeId: '' }], steps: [{ id: 'ps', text: 'the answer is documented JSON', astNodeIds: [] }] } },
      { testCase: { id: 'tc', pickleId: 'p', testRunStartedId: 'r', testSteps: [{ id: 's', pickleStepId: 'ps' }] } },
      { testCaseStarted: { id: 'st', testCaseId: 'tc', attempt: 0, timestamp: ts } },
      { testStepFinished: { testCaseStartedId: 'st', testStepId: 's', testStepResult: { status: 'FAILED', duration: ts, exception: { type: 'AssertionError', message: "the answer is not documented JSON: HTTP 500\n+ actual - expected\n\n+ 'HTTP 500'\n- undefined" } }, timestamp: ts } },
      { testCaseFinished: { testCaseStartedId: 'st', willBeRetried: false, timestamp: ts } },
    ] as unknown as Envelope[];
    envelopes.forEach((e) => c.handle(e));
    assert.equal(c.scenarios[0].reason, "the answer is not documented JSON: HTTP 500\nexpected undefined, got 'HTTP 500'");
    assert.deepEqual(closingLines(c.scenarios), ['conformance: 0 passed, 1 failed, 0 skipped']);
    assert.equal(verdictCounts(c.scenarios).failed, countOutcomes(c.scenarios).failed);
  });
});

describe('one verdict in every report, from the command line', { timeout: 600_000 }, () => {
  let store: ReferenceStore;
  let cwd: string;
  let run: CliRun;
  let reports: string;
  let report: RunReport & { counts: Record<Verdict, number> };

  before(async () => {
    // A store whose theme rewords two messages (the refusal is listed as a known deviation, the success is not), and
    // that takes a token posted in the body as if it came in the query string (a security finding of its own).
    store = createStore({
      apiKey: KEY,
      variant: {
        body: (route, text) => (route === 'api/currency' ? text.replace(INVALID, REWORDED).replace('Success: Your currency has been changed!', 'Currency changed.') : text),
        request: (request) => {
          const token = request.post.get('api_token');
          if (typeof token === 'string' && !request.get.has('api_token')) request.get.set('api_token', token);
        },
      },
    });
    const url = await store.listen(0, '127.0.0.1');
    cwd = mkdtempSync(path.join(tmpdir(), 'invotide-vocabulary-'));
    reports = path.join(cwd, 'reports');
    const deviations = path.join(cwd, 'staging.deviations.yaml');
    writeFileSync(deviations, 'deviations:\n  - id: currency-refused-message\n    reason: our theme rewords the refusal\n    ticket: SHOP-12\n    expires: 2999-01-01\n');
    const tags = '@id:login-success or @id:currency-success-message or @id:currency-refused-message or @id:security-token-outside-query';
    run = await runCli(['--target', url, '--tags', tags, '--deviations', deviations], { INVOTIDE_API_KEY: KEY }, cwd);
    report = JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as typeof report;
  });
  after(() => store?.close());

  it('counts the same everywhere: terminal, summary.md, report.json and JUnit', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(report.counts, { passed: 3, failed: 1, 'security-finding': 1, 'known-deviation': 2, infrastructure: 0, 'harness-error': 0, skipped: 0, 'not-applicable': 0 });
    const closing = 'conformance: 1 passed, 1 failed, 2 known deviations, 0 skipped';
    assert.match(run.stdout, new RegExp(`\\n${closing}\\nsecurity: 2 passed, 1 finding, 0 skipped\\n?$`));
    assert.doesNotMatch(run.stdout, /^\(\d+ known deviations?\)$/m, 'no line that repeats the gate line');
    const summary = readFileSync(path.join(reports, 'summary.md'), 'utf8');
    assert.match(summary, new RegExp(`\\*\\*${closing}\\*\\*`));
    const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
    const props = /<testsuite name="Invotide API conformance"[\s\S]*?<\/properties>/.exec(junit)![0];
    assert.match(props, /<property name="passed" value="1"\/>\s*<property name="failed" value="1"\/>\s*<property name="known deviations" value="2"\/>/);
    assert.match(junit, /<testsuite name="Invotide API conformance"[^>]* tests="4" failures="0" errors="0" skipped="2"/, 'the @should failure is not gated; the known deviations are skips');
    assertBoundedOutput(run);
  });

  it('tells each known deviation as such, one line each in the terminal, never as a failure', () => {
    assert.match(run.stdout, /^✗ currency\.feature: 0 passed, 1 failed, 2 known deviations$/m);
    assert.match(run.stdout, /Known deviations \(2, listed in the deviations file; not gated\):\n  ~ currency-refused-message#1: our theme rewords the refusal \(SHOP-12\)\n  ~ currency-refused-message#2: our theme rewords the refusal \(SHOP-12\)\n/);
    const failures = /\nFailures:\n([\s\S]*?)\n\n/.exec(run.stdout)![1];
    assert.doesNotMatch(failures, /currency-refused-message/);
    assert.match(failures, /✗ a change of currency says so in the store's language \[failed\] \(currency-success-message, @should, /);
    assert.match(failures, /api\/currency: success: expected "Success: Your currency has been changed!", got "Currency changed\."/, 'what was expected, and what came');
    const summary = readFileSync(path.join(reports, 'summary.md'), 'utf8');
    assert.match(summary, /## Known deviations[\s\S]*\| `currency-refused-message#1` \| our theme rewords the refusal \(SHOP-12\) \| api\/currency: error: expected "Warning: Currency code is invalid!", got "Currency code is invalid \(our theme\)" \|/);
    assert.doesNotMatch(/## Failures[\s\S]*?(?=\n## )/.exec(summary)![0], /currency-refused-message/);
    const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
    const excused = /<testcase name="\[currency-refused-message#1\][\s\S]*?<\/testcase>/.exec(junit)![0];
    assert.match(excused, /<skipped message="known deviation: our theme rewords the refusal \(SHOP-12\)"\/>/);
    assert.match(excused, /<system-out>known deviation at @should, listed in the deviations file, not gated: the failure it excuses:[\s\S]*expected "Warning: Currency code is invalid!", got "Currency code is invalid \(our theme\)"/);
  });

  it('writes a known deviation to Allure as "unknown" under Known deviations, and a failure as "failed"', () => {
    const dir = path.join(reports, 'allure-results');
    const results = readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { name: string; status: string; statusDetails?: { message?: string } });
    const statusOf = (name: RegExp) => results.filter((r) => name.test(r.name)).map((r) => r.status).sort();
    assert.deepEqual(statusOf(/the refusal of/), ['unknown', 'unknown']);
    assert.deepEqual(statusOf(/a change of currency says so/), ['failed']);
    assert.ok(results.filter((r) => r.status === 'unknown').every((r) => r.statusDetails?.message?.startsWith('known deviation: our theme rewords the refusal (SHOP-12)')));
    const categories = JSON.parse(readFileSync(path.join(dir, 'categories.json'), 'utf8')) as Array<{ name: string; matchedStatuses: string[] }>;
    assert.deepEqual(categories.find((c) => c.name === 'Known deviations')?.matchedStatuses, ['unknown']);
  });

  it('shows the living documentation the same counts, and no known deviation as "fails"', async () => {
    const out = path.join(cwd, 'site');
    await buildDocs({ root: ROOT, reportsDir: reports, outDir: out, apiReference: false });
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(index, /<dd id="conformance-counts">1 passed, 1 failed, 2 known deviations, 0 skipped<\/dd>/);
    const page = readFileSync(path.join(out, 'routes', 'currency.html'), 'utf8');
    const refusal = /<section class="scenario" data-scenario-id="currency-refused-message"[\s\S]*?<\/section>/.exec(page)![0];
    assert.match(refusal, /<h4><span class="badge badge-purple badge-known-deviation">known deviation<\/span>/);
    assert.doesNotMatch(refusal, /badge-red|fails|failed/);
  });

  it('finishes summary.md\'s security reason and names attachments where the reports folder has them', () => {
    const summary = readFileSync(path.join(reports, 'summary.md'), 'utf8');
    const row = summary.split('\n').find((l) => l.includes('`security-token-outside-query#1`'))!;
    assert.match(row, /\| security finding \| the store let 1 of 1 requests through: POST http:\/\/127\.0\.0\.1:\d+\/index\.php\?route=api\/cart\/products/);
    assert.doesNotMatch(summary, new RegExp(cwd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no path of this machine');
    assert.match(summary, /  - attachment: `allure-results\/\d+-attachment\.json` in the reports folder/);
  });

  it('prints one coverage line after a --tags run, not a line per operation it left out', () => {
    assert.match(run.stdout, /^spec coverage: .* of the scenarios selected\n  \d+ operations with variants this selection did not exercise/m);
    assert.doesNotMatch(run.stdout, /not exercised:/);
  });
});

describe('a run that checked little for want of data, from the command line', { timeout: 600_000 }, () => {
  let store: ReferenceStore;
  let url: string;
  before(async () => {
    // A store without the suite's data: what an unprovisioned staging store looks like to the suite.
    store = createStore({ apiKey: KEY, seed: 'none' });
    url = await store.listen(0, '127.0.0.1');
  });
  after(() => store?.close());

  it('fails the gate and says the fix, unless --allow-thin-run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-thin-'));
    const thin = await runCli(['--target', url, '--tags', '@area:cart'], { INVOTIDE_API_KEY: KEY }, dir);
    assert.equal(thin.code, 1, thin.stdout + thin.stderr);
    assert.match(thin.stdout, /^gate: FAIL: (\d+) of (\d+) @must scenarios \(\d+%, more than 10%\) skipped for data the target lacks: apply `invotide-conformance provision` \(or accept a run that checked this little with --allow-thin-run\)\nconformance: \d+ passed, 0 failed, \d+ skipped/m);
    const junit = readFileSync(path.join(dir, 'reports', 'junit.xml'), 'utf8');
    assert.match(junit, /<testcase name="\[gate\] the run's other conditions"[^>]*>\s*<failure message="\d+ of \d+ @must scenarios/);
    const allowed = await runCli(['--target', url, '--tags', '@area:cart', '--allow-thin-run'], { INVOTIDE_API_KEY: KEY });
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
    assert.match(allowed.stdout, /^gate: PASS: 0 @must failures, \d+ skipped \(not gated\), a thin run allowed \(--allow-thin-run\): \d+ of \d+ @must scenarios skipped for data the target lacks$/m);
  });

  it('--help names --allow-thin-run', async () => {
    const help = await runCli(['--help']);
    assert.match(help.stdout, /--allow-thin-run +let the gate pass a run in which more than 10% of the @must scenarios were skipped for data\n/);
  });
});

describe('an unreachable store, from the command line', () => {
  it('asks whether the store is running, once, without "?."', async () => {
    const run = await runCli(['--target', await refusedUrl()], { INVOTIDE_API_KEY: 'x'.repeat(16) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /target unreachable: connection refused by http:\/\/127\.0\.0\.1:\d+: is the store running\?\n$/);
    assert.doesNotMatch(run.stderr, /\?\./);
  });
});
