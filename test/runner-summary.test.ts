import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { ResultCollector, type RunReport } from '../src/reports/results';
import { closingLine, closingLines, countOutcomes, featureLine, gateLine, renderErrorMarkdown, renderMarkdown, renderTerminal, routeRows } from '../src/reports/summary';
import { colourWanted } from '../src/reports/vocabulary';

const ts = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/** The envelopes cucumber emits for one scenario whose single step ends with `status`. */
function scenario(n: number, tags: string[], status: string, exception?: { type: string; message: string }, attachments: Envelope[] = []): Envelope[] {
  const id = String(n);
  return [
    { pickle: { id: `p${id}`, uri: 'features/x.feature', name: `scenario ${id}`, language: 'en', astNodeIds: [], tags: tags.map((name) => ({ name, astNodeId: '' })), steps: [{ id: `ps${id}`, text: `step ${id}`, astNodeIds: [] }] } },
    { testCase: { id: `tc${id}`, pickleId: `p${id}`, testRunStartedId: 'r', testSteps: [{ id: `s${id}`, pickleStepId: `ps${id}` }] } },
    { testCaseStarted: { id: `st${id}`, testCaseId: `tc${id}`, attempt: 0, timestamp: ts(1000) } },
    ...attachments.map((a) => ({ attachment: { ...a.attachment!, testCaseStartedId: `st${id}` } })),
    { testStepFinished: { testCaseStartedId: `st${id}`, testStepId: `s${id}`, testStepResult: { status, duration: ts(5), ...(exception ? { exception, message: exception.message } : {}) }, timestamp: ts(1005) } },
    { testCaseFinished: { testCaseStartedId: `st${id}`, willBeRetried: false, timestamp: ts(1010) } },
  ] as unknown as Envelope[];
}

function collect(...groups: Envelope[][]): RunReport {
  const c = new ResultCollector(undefined, (uri, results) => finishedFeatures.push(`${uri}: ${results.length}`));
  groups.flat().forEach((e) => c.handle(e));
  return { suite: { name: 's', version: '1' }, target: { url: 'embedded', embedded: true, fixtures: 'targets/provisioned.json' }, startedAt: '', durationMs: 10, scenarios: c.scenarios };
}

const finishedFeatures: string[] = [];

describe('run results', () => {
  const skipReason = { attachment: { body: 'needs a restricted API user', mediaType: 'text/x.invotide.skip-reason', contentEncoding: 'IDENTITY' } } as unknown as Envelope;
  const report = collect(
    scenario(1, ['@route:cart/add', '@id:cart-add'], 'PASSED'),
    scenario(2, ['@route:cart/add'], 'FAILED', { type: 'AssertionError', message: 'expected 2\nactual 3' }),
    scenario(3, ['@route:login'], 'SKIPPED', undefined, [skipReason]),
    scenario(4, ['@route:currency'], 'FAILED', { type: 'TransportError', message: 'no answer within 300 ms' }),
    scenario(5, ['@route:currency'], 'FAILED', { type: 'TypeError', message: 'x is undefined' }),
  );

  it('tells non-conformance, infrastructure and harness errors apart', () => {
    assert.deepEqual(report.scenarios.map((s) => s.outcome), ['passed', 'failed', 'skipped', 'infrastructure', 'harness-error']);
    assert.deepEqual(countOutcomes(report.scenarios), { passed: 1, failed: 1, knownDeviations: 0, skipped: 1, notApplicable: 0, infrastructure: 1, harnessErrors: 1 });
  });

  it('keeps the skip reason and the failing step', () => {
    assert.equal(report.scenarios[2].reason, 'needs a restricted API user');
    assert.equal(report.scenarios[1].failedStep, 'step 2');
    assert.equal(report.scenarios[0].id, 'cart-add');
  });

  it('counts every verdict in one closing line: non-conformance as failed, infrastructure and harness errors apart', () => {
    assert.equal(closingLine(countOutcomes(report.scenarios)), 'conformance: 1 passed, 1 failed, 1 infrastructure error, 1 harness error, 1 skipped');
  });

  it('tables scenarios per route, once per route they touch, with no row for scenarios of no route', () => {
    assert.deepEqual(routeRows(report.scenarios).find((r) => r.route === 'api/cart/add'), { route: 'api/cart/add', passed: 1, failed: 1, knownDeviations: 0, skipped: 0, errors: 0, violations: 0 });
    const noRoute = collect(scenario(8, [], 'PASSED'));
    assert.deepEqual(routeRows(noRoute.scenarios), []);
    const md = renderMarkdown(report);
    assert.match(md, /\| api\/cart\/add \| 1 \| 1 \| 0 \| 0 \| 0 \| 0 \|/);
    assert.match(md, /A scenario counts once for each route it touches/);
    assert.doesNotMatch(md, /no route tag/);
    assert.match(md, /## Failures/);
    assert.match(md, /## Skipped\n\n- 1 × needs a restricted API user \(`scenario 3`\)/);
    assert.match(md, /harness error/);
    assert.doesNotMatch(md, /harness-error/);
  });

  it('tells when every scenario of a feature file has finished', () => {
    assert.ok(finishedFeatures.includes('features/x.feature: 5'), finishedFeatures.join('; '));
    assert.equal(featureLine('features/x.feature', report.scenarios), '✗ x.feature: 1 passed, 1 failed, 1 infrastructure error, 1 harness error, 1 skipped');
  });

  it('prints failures in full and skips grouped by reason, with a count', () => {
    const skips = collect(...[1, 2, 3].map((n) => scenario(n, ['@route:login'], 'SKIPPED', undefined, [skipReason])), scenario(4, ['@route:login', '@id:x', '@should'], 'FAILED', { type: 'AssertionError', message: 'expected 2\nactual 3' }));
    const out = renderTerminal(skips);
    assert.match(out, /Skipped \(3\):\n  3 × needs a restricted API user$/m);
    assert.match(out, /Failures:\n  ✗ scenario 4 \[failed\] \(x, @should, features\/x\.feature\)\n    step: step 4\n    expected 2\n    actual 3/);
    assert.doesNotMatch(out, /passed  failed/, 'the per-route table only with --format verbose');
    assert.match(renderTerminal(skips, { verbose: true }), /route +passed  failed/);
  });

  it('keeps security scenarios apart: their own section, counts and closing line', () => {
    const run = collect(
      scenario(1, ['@route:login', '@id:a'], 'PASSED'),
      scenario(2, ['@security', '@route:cart/add', '@id:cookie-token'], 'FAILED', { type: 'AssertionError', message: 'the cookie opened the session' }),
      scenario(3, ['@security', '@route:login', '@id:storm'], 'SKIPPED', undefined, [skipReason]),
      scenario(4, ['@security', '@route:login', '@id:fixation'], 'PASSED'),
    );
    assert.deepEqual(run.scenarios.map((s) => s.class), ['conformance', 'security', 'security', 'security']);
    assert.deepEqual(closingLines(run.scenarios), ['conformance: 1 passed, 0 failed, 0 skipped', 'security: 1 passed, 1 finding, 1 skipped']);
    assert.deepEqual(closingLines(report.scenarios).length, 1, 'no security line when none ran');
    assert.deepEqual(routeRows(run.scenarios).map((r) => r.route), ['api/login'], 'the route table is conformance');
    const out = renderTerminal(run);
    assert.doesNotMatch(out, /Failures:/);
    assert.match(out, /Security \(3 scenarios, reported apart; gated only with --fail-on security\):\n  ⚠ scenario 2 \[security finding\] \(cookie-token, @must, /);
    const md = renderMarkdown(run);
    assert.match(md, /## Security[\s\S]*\| scenario 2 \(`cookie-token`\) \| @must \| security finding \| the cookie opened the session \|/);
    assert.match(md, /\*\*security: 1 passed, 1 finding, 1 skipped\*\*/);
  });

  it('marks a feature by its worst verdict, in the colour every report gives it: a known deviation purple ~, never red', () => {
    const known = collect(scenario(1, ['@route:cart/add', '@id:a'], 'PASSED'), scenario(2, ['@route:cart/add', '@id:b'], 'FAILED', { type: 'AssertionError', message: 'expected 2, got 3' }));
    known.scenarios[1].outcome = 'known-deviation';
    known.scenarios[1].deviation = { reason: 'our theme', ticket: 'SHOP-1' };
    assert.equal(featureLine('features/x.feature', known.scenarios), '~ x.feature: 1 passed, 1 known deviation');
    const painted = featureLine('features/x.feature', known.scenarios, true);
    assert.equal(painted, '\u001b[35m~\u001b[39m x.feature: 1 passed, \u001b[35m1 known deviation\u001b[39m');
    assert.doesNotMatch(painted, /\u001b\[31m/, 'no red');
    assert.equal(closingLine(countOutcomes(known.scenarios), true), 'conformance: \u001b[32m1 passed\u001b[39m, 0 failed, \u001b[35m1 known deviation\u001b[39m, 0 skipped');
    assert.equal(gateLine('gate: FAIL: 1 @must failure', true), 'gate: \u001b[31mFAIL\u001b[39m: 1 @must failure');
    assert.match(renderTerminal(known), /Known deviations \(1, listed in the deviations file; not gated\):\n  ~ b: our theme \(SHOP-1\)$/);
    known.scenarios[1].deviation.source = 'known defect';
    assert.match(renderTerminal(known), /Known deviations \(1: 1 known defect of the store's release; not gated\):\n  ~ b: our theme \(SHOP-1\)$/);
    assert.match(renderMarkdown(known), /## Known deviations\n\n.*\n\n\| scenario \| deviation \| the failure \|\n\|---\|---\|---\|\n\| `b` \| our theme \(SHOP-1\) \| expected 2, got 3 \|/);
  });

  it('colours a terminal only: not a pipe, not under NO_COLOR, always under FORCE_COLOR', () => {
    assert.equal(colourWanted({ isTTY: true }, {}), true);
    assert.equal(colourWanted({ isTTY: false }, {}), false);
    assert.equal(colourWanted({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colourWanted({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(colourWanted({ isTTY: true }, { TERM: 'dumb' }), false);
  });

  it('says so when the run did not take place, and nothing else', () => {
    const md = renderErrorMarkdown({ ...report, scenarios: [], error: { kind: 'infrastructure', message: 'target unreachable: connection refused' } });
    assert.match(md, /The run did not take place: infrastructure error \(exit code 2\)/);
    assert.match(md, /target unreachable: connection refused/);
    assert.doesNotMatch(md, /passed/);
  });

  it('takes a scenario\'s routes from its calls when it has no route tag', () => {
    const call = (route: string, ok: boolean) => ({ attachment: { body: `{"contract": {"ok": ${ok}}}`.replace('"ok": true', '"ok": true'), mediaType: 'application/json', fileName: `POST ${route} → 200`, contentEncoding: 'IDENTITY' } }) as unknown as Envelope;
    const r = collect(scenario(9, [], 'PASSED', undefined, [call('api/login', true), call('api/coupon', false)]));
    assert.deepEqual(r.scenarios[0].routes, ['api/coupon']);
    assert.equal(r.scenarios[0].contractViolations, 1);
  });
});
