import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { ResultCollector, type RunReport } from '../src/runner/results';
import { closingLine, countOutcomes, renderMarkdown, routeRows } from '../src/runner/summary';

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
  const c = new ResultCollector();
  groups.flat().forEach((e) => c.handle(e));
  return { suite: { name: 's', version: '1' }, target: { url: 'embedded', embedded: true, fixtures: 'targets/provisioned.json' }, startedAt: '', durationMs: 10, scenarios: c.scenarios };
}

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

  it('counts every kind of failure in the closing line and skips apart', () => {
    assert.equal(closingLine(countOutcomes(report.scenarios)), '(1 infrastructure, 1 harness errors)\nconformance: 1 passed, 3 failed, 1 skipped');
  });

  it('tables scenarios per route', () => {
    assert.deepEqual(routeRows(report.scenarios).find((r) => r.route === 'api/cart/add'), { route: 'api/cart/add', passed: 1, failed: 1, knownDeviations: 0, skipped: 0, violations: 0 });
    const md = renderMarkdown(report);
    assert.match(md, /\| api\/cart\/add \| 1 \| 1 \| 0 \| 0 \| 0 \|/);
    assert.match(md, /## Failures/);
    assert.match(md, /needs a restricted API user/);
  });

  it('takes a scenario\'s routes from its calls when it has no route tag', () => {
    const call = (route: string, ok: boolean) => ({ attachment: { body: `{"contract": {"ok": ${ok}}}`.replace('"ok": true', '"ok": true'), mediaType: 'application/json', fileName: `POST ${route} → 200`, contentEncoding: 'IDENTITY' } }) as unknown as Envelope;
    const r = collect(scenario(9, [], 'PASSED', undefined, [call('api/login', true), call('api/coupon', false)]));
    assert.deepEqual(r.scenarios[0].routes, ['api/coupon']);
    assert.equal(r.scenarios[0].contractViolations, 1);
  });
});
