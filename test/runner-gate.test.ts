import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../src/config';
import { THIN_RUN_SHARE, applyDeviations, exitCodeFor, gateVerdict, parseFailOn, thinness, type GatePolicy } from '../src/runner/gate';
import { loadDeviations } from '../src/runner/deviations';
import type { ScenarioResult } from '../src/reports/results';

function scenario(id: string, outcome: ScenarioResult['outcome'], level: ScenarioResult['level'] = 'must', cls: ScenarioResult['class'] = 'conformance'): ScenarioResult {
  return { id, name: id, feature: 'f', uri: 'features/f.feature', area: 'f', class: cls, tags: [], routes: [], level, outcome, durationMs: 1, contractViolations: 0, exchanges: 0 };
}

const policy = (over: Partial<GatePolicy> = {}): GatePolicy => ({ failOn: new Set(), certify: false, deviations: [], today: '2026-11-29', ...over });

describe('the gate', () => {
  it('fails on @must, warns on @should, informs on @may', () => {
    assert.equal(exitCodeFor([scenario('a', 'failed', 'must')], policy(), 0), 1);
    assert.equal(exitCodeFor([scenario('a', 'failed', 'should')], policy(), 0), 0);
    assert.equal(exitCodeFor([scenario('a', 'failed', 'may')], policy(), 0), 0);
    assert.equal(exitCodeFor([scenario('a', 'failed', 'should')], policy({ failOn: parseFailOn('should') }), 0), 1);
  });

  it('tells infrastructure (2) from non-conformance (1), and counts a harness error as a failure', () => {
    assert.equal(exitCodeFor([scenario('a', 'failed'), scenario('b', 'infrastructure')], policy(), 0), 2);
    assert.equal(exitCodeFor([scenario('a', 'harness-error', 'may')], policy(), 0), 1);
  });

  it('lets skips pass unless asked, and never under --certify', () => {
    assert.equal(exitCodeFor([scenario('a', 'skipped')], policy(), 0), 0);
    assert.equal(exitCodeFor([scenario('a', 'skipped')], policy({ failOn: parseFailOn('skipped') }), 0), 1);
    assert.equal(exitCodeFor([scenario('a', 'skipped')], policy({ certify: true }), 0), 1);
  });

  it('says its verdict and why, next to the exit code', () => {
    const run = [scenario('a', 'passed'), scenario('b', 'known-deviation'), scenario('c', 'failed', 'should'), scenario('d', 'skipped'), scenario('e', 'not-applicable')];
    assert.deepEqual(gateVerdict(run, policy(), 0), { exitCode: 0, line: 'gate: PASS: 0 @must failures, 1 known deviation, 1 @should or @may failure (not gated), 1 skipped (not gated)' });
    assert.deepEqual(gateVerdict([...run, scenario('f', 'failed'), scenario('g', 'failed')], policy(), 0), { exitCode: 1, line: 'gate: FAIL: 2 @must failures' });
    assert.equal(gateVerdict(run, policy({ certify: true }), 0).line, 'gate: FAIL: 1 @should failure (--certify), 1 skipped scenario (--certify)');
    assert.equal(gateVerdict(run, policy({ failOn: parseFailOn('should') }), 0).line, 'gate: FAIL: 1 @should failure (--fail-on should)');
    assert.equal(gateVerdict([scenario('a', 'failed', 'may'), scenario('b', 'failed', 'may')], policy({ failOn: parseFailOn('may') }), 0).line, 'gate: FAIL: 2 @may failures (--fail-on may)');
    assert.equal(gateVerdict(run, policy({ failOn: parseFailOn('skipped,undocumented') }), 2).line, 'gate: FAIL: 1 skipped scenario (--fail-on skipped), 2 undocumented fields (--strict)');
    assert.equal(gateVerdict([scenario('a', 'passed')], policy(), 0, ['spec coverage incomplete (--require-coverage)']).line, 'gate: FAIL: spec coverage incomplete (--require-coverage)');
  });

  it('names a reason for every exit code but 0, whatever the outcomes, levels, classes and policy', () => {
    const outcomes: Array<ScenarioResult['outcome']> = ['passed', 'failed', 'known-deviation', 'skipped', 'not-applicable', 'infrastructure', 'harness-error'];
    const policies = ['', 'should', 'may', 'skipped', 'security', 'security,may', 'undocumented'].flatMap((f) => [policy({ failOn: parseFailOn(f) }), policy({ failOn: parseFailOn(f), certify: true })]);
    let failing = 0;
    for (const outcome of outcomes) for (const level of ['must', 'should', 'may'] as const) for (const cls of ['conformance', 'security'] as const) for (const p of policies) {
      const { exitCode, line } = gateVerdict([scenario('a', 'passed'), scenario('x', outcome, level, cls)], p, 0);
      if (exitCode === 0) {
        assert.match(line, /^gate: PASS: 0 @must failures/);
        continue;
      }
      failing++;
      // The line names at least one count, and a flag whenever what failed is not a @must failure or an error.
      assert.match(line, /^gate: FAIL: 1 (@must failure|(@should|@may) failure \((--certify|--fail-on (should|may))\)|skipped scenario \((--certify|--fail-on skipped)\)|security finding \(--fail-on security\)|infrastructure error|harness error)$/, `${outcome} ${level} ${cls} → ${line}`);
      assert.equal(exitCode, outcome === 'infrastructure' ? 2 : 1);
    }
    assert.ok(failing > 50, `the combinations include failing ones (${failing})`);
  });

  it('reports security scenarios apart: they fail the gate only under --fail-on security, by the same levels', () => {
    const run = [scenario('a', 'passed'), scenario('s1', 'failed', 'must', 'security'), scenario('s2', 'failed', 'may', 'security'), scenario('s3', 'skipped', 'must', 'security')];
    assert.deepEqual(gateVerdict(run, policy(), 0), { exitCode: 0, line: 'gate: PASS: 0 @must failures, 2 security findings (not gated without --fail-on security)' });
    assert.equal(gateVerdict(run, policy({ certify: true }), 0).exitCode, 0, '--certify is about conformance');
    assert.deepEqual(gateVerdict(run, policy({ failOn: parseFailOn('security') }), 0), { exitCode: 1, line: 'gate: FAIL: 1 security finding (--fail-on security)' });
    assert.equal(gateVerdict(run, policy({ failOn: parseFailOn('security,may') }), 0).line, 'gate: FAIL: 2 security findings (--fail-on security)');
    assert.deepEqual(gateVerdict([scenario('s2', 'failed', 'may', 'security')], policy({ failOn: parseFailOn('security') }), 0), { exitCode: 0, line: 'gate: PASS: 0 @must failures, 1 security finding (not gated: @should or @may, not in --fail-on)' });
    assert.equal(exitCodeFor([scenario('s', 'harness-error', 'must', 'security')], policy(), 0), 1, 'a security scenario the harness could not run still fails');
  });

  it('never counts a scenario that cannot run on this kind of target, not even under --certify or --fail-on skipped', () => {
    const run = [scenario('a', 'passed'), scenario('b', 'not-applicable')];
    assert.equal(exitCodeFor(run, policy({ certify: true }), 0), 0);
    assert.equal(exitCodeFor(run, policy({ failOn: parseFailOn('skipped') }), 0), 0);
  });

  it('fails on undocumented fields only under --strict', () => {
    assert.equal(exitCodeFor([scenario('a', 'passed')], policy(), 3), 0);
    assert.equal(exitCodeFor([scenario('a', 'passed')], policy({ failOn: parseFailOn('undocumented') }), 3), 1);
  });

  it('refuses an unknown --fail-on value, and knows security', () => {
    assert.throws(() => parseFailOn('should,never'), ConfigError);
    assert.deepEqual([...parseFailOn('security')], ['security']);
  });
});

describe('a run too thin to judge', () => {
  const LACKS = 'the target lacks the "simple" product (api/cart/add of product 9990001 answered {"error":{"store":"…"}}): apply `invotide-conformance provision`';
  const lacking = (id: string, level: ScenarioResult['level'] = 'must'): ScenarioResult => ({ ...scenario(id, 'skipped', level), reason: LACKS });
  const passed = (n: number) => Array.from({ length: n }, (_, i) => scenario(`p${i}`, 'passed'));

  it('fails when more than 10% of the @must scenarios were skipped for data the target lacks, and says the fix', () => {
    assert.equal(THIN_RUN_SHARE, 0.1);
    const run = [...passed(17), lacking('a'), lacking('b'), lacking('c')];
    assert.deepEqual(thinness(run), { lacking: 3, must: 20, thin: true });
    assert.deepEqual(gateVerdict(run, policy(), 0), {
      exitCode: 1,
      line: 'gate: FAIL: 3 of 20 @must scenarios (15%, more than 10%) skipped for data the target lacks: apply `invotide-conformance provision` (or accept a run that checked this little with --allow-thin-run)',
    });
  });

  it('passes at 10% or less, with the skips listed as before', () => {
    const run = [...passed(18), lacking('a'), lacking('b')];
    assert.equal(thinness(run).thin, false);
    assert.deepEqual(gateVerdict(run, policy(), 0), { exitCode: 0, line: 'gate: PASS: 0 @must failures, 2 skipped (not gated)' });
  });

  it('counts only @must conformance scenarios skipped for lacking data: not writes, users, levels below @must, security, not applicable', () => {
    const run = [
      ...passed(2),
      { ...scenario('w', 'skipped'), reason: 'writes orders, and writes are not allowed for this target (set INVOTIDE_ALLOW_WRITES=true or --allow-writes)' },
      { ...scenario('u', 'skipped'), reason: 'needs a disabled API user (set INVOTIDE_DISABLED_USERNAME and INVOTIDE_DISABLED_KEY; `invotide-conformance provision` adds one)' },
      lacking('s', 'should'),
      { ...lacking('x'), class: 'security' as const },
      scenario('n', 'not-applicable'),
    ];
    assert.deepEqual(thinness(run), { lacking: 0, must: 4, thin: false });
  });

  it('passes when the user accepts a thin run (--allow-thin-run), and says so', () => {
    const run = [scenario('a', 'passed'), lacking('b'), lacking('c')];
    const verdict = gateVerdict(run, policy({ allowThinRun: true }), 0);
    assert.equal(verdict.exitCode, 0);
    assert.match(verdict.line, /^gate: PASS: 0 @must failures, 2 skipped \(not gated\), a thin run allowed \(--allow-thin-run\): 2 of 3 @must scenarios skipped for data the target lacks$/);
  });

  it('names the thin run after the other reasons of a failing gate', () => {
    const line = gateVerdict([scenario('f', 'failed'), lacking('b')], policy(), 0).line;
    assert.match(line, /^gate: FAIL: 1 @must failure, 1 of 2 @must scenarios \(50%, more than 10%\) skipped for data the target lacks: apply/);
  });
});

describe('known deviations', () => {
  const deviations = [
    { id: 'cart-edit-unknown-key', reason: 'store bug 12', ticket: 'https://tracker.example/12', expires: '2027-01-31' },
    { id: 'coupon-expired', reason: 'old excuse', expires: '2026-01-01' },
    { id: 'login-success', reason: 'fixed since' },
    { id: 'no-such-scenario', reason: 'typo' },
  ];

  it('turns a listed failure into a known deviation that does not fail the gate', () => {
    const results = [scenario('cart-edit-unknown-key', 'failed'), scenario('login-success', 'passed')];
    const p = policy({ deviations });
    applyDeviations(results, p);
    assert.equal(results[0].outcome, 'known-deviation');
    assert.deepEqual(results[0].deviation, { reason: 'store bug 12', ticket: 'https://tracker.example/12', expires: '2027-01-31' });
    assert.equal(exitCodeFor(results, p, 0), 0);
  });

  it('reports an expired entry, whose failure fails the gate again', () => {
    const results = [scenario('coupon-expired', 'failed')];
    const p = policy({ deviations });
    const notes = applyDeviations(results, p);
    assert.deepEqual(notes.expired.map((d) => d.id), ['coupon-expired']);
    assert.equal(results[0].outcome, 'failed');
    assert.equal(exitCodeFor(results, p, 0), 1);
  });

  it('reports a listed scenario that now passes, and an entry that names no scenario', () => {
    const notes = applyDeviations([scenario('login-success', 'passed')], policy({ deviations }));
    assert.deepEqual(notes.nowPassing.map((d) => d.id), ['login-success']);
    assert.ok(notes.unknown.some((d) => d.id === 'no-such-scenario'));
  });

  it('matches every example of a listed outline', () => {
    const results = [scenario('cart-edit-unknown-key#1', 'failed'), scenario('cart-edit-unknown-key#2', 'failed')];
    applyDeviations(results, policy({ deviations }));
    assert.deepEqual(results.map((r) => r.outcome), ['known-deviation', 'known-deviation']);
  });

  it('ignores the file under --certify', () => {
    const results = [scenario('cart-edit-unknown-key', 'failed')];
    const p = policy({ deviations, certify: true });
    applyDeviations(results, p);
    assert.equal(results[0].outcome, 'failed');
    assert.equal(exitCodeFor(results, p, 0), 1);
  });

  it('reads the YAML file and names a bad entry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-dev-'));
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, 'deviations:\n  - id: a\n    reason: because\n    expires: 2027-02-01\n');
    assert.deepEqual(loadDeviations(good), [{ id: 'a', reason: 'because', ticket: undefined, expires: '2027-02-01', source: 'store' }]);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'deviations:\n  - id: a\n');
    assert.throws(() => loadDeviations(bad), /entry 1 needs an "id" and a "reason"/);
    assert.deepEqual(loadDeviations(path.join(dir, 'absent.yaml')), []);
  });
});
