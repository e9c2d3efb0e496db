// junit.xml from the result model: it says what the exit code says (only what fails the gate is a <failure>), names
// each test by its id and level, gives every skip its reason, keeps security apart, and stays well-formed XML whatever
// an answer quoted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseFailOn, type GatePolicy } from '../src/runner/gate';
import { renderErrorJunit, renderJunit } from '../src/reports/junit';
import type { RunReport, ScenarioResult } from '../src/reports/results';

const HOSTILE = `<script>"&'</script>\u0007\u001b[31m`;

function scenario(id: string, outcome: ScenarioResult['outcome'], level: ScenarioResult['level'] = 'must', over: Partial<ScenarioResult> = {}): ScenarioResult {
  return { id, name: `name of ${id}`, feature: 'F', uri: 'features/cart.feature', line: 12, area: 'cart', class: 'conformance', tags: [], routes: ['api/cart/add'], level, outcome, durationMs: 20, contractViolations: 0, exchanges: 1, ...over };
}

const policy = (failOn = ''): GatePolicy => ({ failOn: parseFailOn(failOn), certify: false, deviations: [], today: '2026-12-01' });

const report = (scenarios: ScenarioResult[]): RunReport => ({
  suite: { name: 'invotide-conformance', version: '0' }, target: { url: 'embedded', embedded: true, fixtures: 'f' }, startedAt: '2026-12-01T00:00:00.000Z', durationMs: 1, scenarios,
});

/** The <testcase> element of a scenario, whole. */
function testcase(xml: string, id: string): string {
  const m = new RegExp(`<testcase name="\\[${id.replace(/[#]/g, '\\$&')}\\][\\s\\S]*?</testcase>`).exec(xml);
  assert.ok(m, `a testcase for ${id}:\n${xml}`);
  return m[0];
}

/** Well-formed by an XML parser that is not ours (Python's, when the machine has it). */
function assertWellFormed(xml: string, t: { skip(reason: string): void }): void {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-junit-')), 'junit.xml');
  writeFileSync(file, xml);
  const parsed = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])', file], { encoding: 'utf8' });
  if (parsed.error) return t.skip('python3 is not installed: well-formedness not checked by a second parser');
  assert.equal(parsed.status, 0, parsed.stderr);
}

describe('junit.xml', () => {
  const run = report([
    scenario('must-fails', 'failed', 'must', { reason: `expected [] ${HOSTILE}`, failedStep: 'Then the answer is []', attachment: 'allure-results/3-attachment.json' }),
    scenario('should-fails', 'failed', 'should', { reason: 'says "modified" in other words' }),
    scenario('skipped-one', 'skipped', 'must', { reason: 'needs a restricted API user (set INVOTIDE_RESTRICTED_USERNAME)' }),
    scenario('not-here', 'not-applicable', 'must', { reason: 'ages the store\'s session data' }),
    scenario('excused', 'known-deviation', 'must', { reason: 'expected JSON, got a PHP notice', failedStep: 'Then the answer is JSON', deviation: { reason: 'PHP notices', ticket: 'SHOP-7' } }),
    scenario('broken', 'harness-error', 'may', { reason: 'x is undefined' }),
    scenario('outline#2', 'passed', 'must'),
    scenario('cookie-token', 'failed', 'must', { class: 'security', area: 'security', uri: 'features/security.feature', reason: 'the cookie opened the session' }),
  ]);

  it('names each test by id and level, and its class by area and feature', () => {
    const xml = renderJunit(run, policy());
    assert.match(xml, /<testcase name="\[outline#2\] @must name of outline#2" classname="cart\.cart" time="0\.020">/);
    assert.match(testcase(xml, 'should-fails'), /<property name="level" value="should"\/>/);
  });

  it('makes a <failure> only of what fails the gate; a @should failure passes, told in system-out', () => {
    const xml = renderJunit(run, policy());
    const must = testcase(xml, 'must-fails');
    // In an attribute, '>' may stay as it is; '<', '&' and '"' may not.
    assert.match(must, /<failure message="@must failure: expected \[\] &lt;script>&quot;&amp;'&lt;\/script>/);
    assert.doesNotMatch(must, /<script/);
    assert.match(must, /step: Then the answer is \[\]\n[\s\S]*attachment: allure-results\/3-attachment\.json \(in the reports folder: the request and the answer\)<\/failure>/);
    const should = testcase(xml, 'should-fails');
    assert.doesNotMatch(should, /<failure|<error|<skipped/);
    assert.match(should, /<system-out>failed at @should, not gated under this run's --fail-on:/);
    assert.match(testcase(renderJunit(run, policy('should')), 'should-fails'), /<failure message="@should failure \(--fail-on should\): says &quot;modified&quot; in other words"/);
    assert.match(testcase(xml, 'broken'), /<error message="x is undefined" type="harness error"/);
  });

  it('gives every skip its reason, and a known deviation or a scenario not applicable here says so', () => {
    const xml = renderJunit(run, policy());
    assert.match(testcase(xml, 'skipped-one'), /<skipped message="needs a restricted API user \(set INVOTIDE_RESTRICTED_USERNAME\)"\/>/);
    assert.match(testcase(xml, 'not-here'), /<skipped message="not applicable: ages the store's session data"\/>/);
    const excused = testcase(xml, 'excused');
    assert.match(excused, /<skipped message="known deviation: PHP notices \(SHOP-7\)"\/>/);
    assert.doesNotMatch(excused, /<failure|<error/, 'never a failure, in any JUnit reader');
    assert.match(excused, /<property name="outcome" value="known deviation"\/>/);
    assert.match(excused, /<property name="deviation" value="PHP notices"\/>\s*<property name="deviation\.ticket" value="SHOP-7"\/>/);
    assert.match(excused, /<system-out>known deviation at @must, listed in the deviations file, not gated: the failure it excuses:\nfeatures\/cart\.feature:12\nstep: Then the answer is JSON\nexpected JSON, got a PHP notice<\/system-out>/);
    assert.match(testcase(renderJunit(run, policy('skipped')), 'skipped-one'), /<failure message="skipped scenario \(--fail-on skipped\): needs a restricted/);
  });

  it('keeps security scenarios in a test suite of their own, failing only under --fail-on security', () => {
    const xml = renderJunit(run, policy());
    assert.match(xml, /<testsuite name="Invotide API conformance"[^>]* tests="7" failures="1" errors="1" skipped="3"/);
    assert.match(xml, /<testsuite name="Invotide API security"[^>]* tests="1" failures="0" errors="0" skipped="0"/);
    assert.doesNotMatch(testcase(xml, 'cookie-token'), /<failure/);
    assert.match(testcase(renderJunit(run, policy('security')), 'cookie-token'), /<failure message="security finding \(--fail-on security\): the cookie opened the session" type="security finding"/);
    assert.match(testcase(xml, 'cookie-token'), /<property name="outcome" value="security finding"\/>[\s\S]*<system-out>security finding at @must, not gated/);
    assert.match(xml, /<testsuites [^>]*tests="8" failures="1" errors="1" skipped="3"/);
  });

  it('fails a test case of its own for what no scenario carries (--require-coverage)', () => {
    assert.match(renderJunit(report([scenario('a', 'passed')]), policy(), ['spec coverage incomplete (--require-coverage)']), /<failure message="spec coverage incomplete \(--require-coverage\)" type="gate">spec coverage incomplete/);
  });

  it('fails a test case of its own for a run too thin to judge, unless --allow-thin-run', () => {
    const lacking = (n: number) => scenario(`lacks-${n}`, 'skipped', 'must', { reason: 'the target lacks the "simple" product (…): apply `invotide-conformance provision`' });
    const thin = report([scenario('a', 'passed'), lacking(1), lacking(2)]);
    assert.match(renderJunit(thin, policy()), /<testcase name="\[gate\] the run's other conditions" classname="gate" time="0">\s*<failure message="2 of 3 @must scenarios \(67%, more than 10%\) skipped for data the target lacks: apply `invotide-conformance provision`/);
    assert.doesNotMatch(renderJunit(thin, { ...policy(), allowThinRun: true }), /\[gate\]/);
  });

  it("gives each suite the count of every verdict in the report's words, and what the store was judged under", () => {
    const judged: RunReport = {
      ...run,
      target: {
        url: 'https://shop.example/', embedded: false, fixtures: 'targets/staging.json',
        judgedUnder: { release: '3.0.5.0', releaseSource: 'learned', language: 'en-gb', languageSource: 'default', settings: [{ key: 'config_stock_checkout', value: true, source: 'declared', label: 'System > Settings > Option > Stock Checkout' }] },
      },
    };
    const xml = renderJunit(judged, policy());
    const conformance = /<testsuite name="Invotide API conformance"[\s\S]*?<\/properties>/.exec(xml)![0];
    const names = [...conformance.matchAll(/<property name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => `${m[1]}=${m[2]}`);
    assert.deepEqual(names, [
      'passed=1', 'failed=2', 'known deviations=1', 'infrastructure errors=0', 'harness errors=1', 'skipped=1', 'not applicable=1',
      'target=https://shop.example/', 'fixtures=targets/staging.json', 'release=3.0.5.0 (learned)', 'language=en-gb (default)', 'setting.config_stock_checkout=true (declared)',
    ]);
    assert.match(xml, /<testsuite name="Invotide API security"[\s\S]*?<property name="security findings" value="1"\/>/);
  });

  it('is well-formed XML, control characters and all', (t) => {
    const xml = renderJunit(run, policy());
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no character XML 1.0 forbids');
    assertWellFormed(xml, t);
  });

  it('after a run that did not take place: one errored test case that says why', (t) => {
    const xml = renderErrorJunit({ kind: 'configuration', message: 'INVOTIDE_TIMEOUT_MS must be a whole number <&>' }, '2026-12-01T00:00:00.000Z');
    assert.match(xml, /<testcase name="\[run\] configuration error" classname="run" time="0">\s*<error message="INVOTIDE_TIMEOUT_MS must be a whole number &lt;&amp;>" type="configuration error">/);
    assert.match(xml, /tests="1" failures="0" errors="1"/);
    assertWellFormed(xml, t);
  });
});
