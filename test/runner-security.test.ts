// The security class, end to end on scenarios written for this test: a cucumber run with the real steps, the Allure
// formatter and the suite's writer, against the reference store. Security scenarios (@security) are counted apart,
// shown in their own section of every report, and fail the gate only under --fail-on security. The same run checks
// that Allure gets one test case per scenario (two scenarios share a name), grouped by area and route, with severity.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { PlainResultsWriter } from '../src/reports/allure-writer';
import { gateVerdict, parseFailOn, type GatePolicy } from '../src/runner/gate';
import { renderJunit } from '../src/reports/junit';
import { ResultCollector, totalsOf, type RunReport } from '../src/reports/results';
import { closingLines, renderMarkdown, renderTerminal } from '../src/reports/summary';
import { Redactor } from '../src/redact';
import { runFeatures } from './support/cucumber';

const SECURITY = `@area:security
Feature: security probes written for this test
  @security @route:login @id:probe-refused @must
  Scenario: a wrong key opens nothing
    When I log in with a wrong key
    Then the answer is an empty list

  @security @route:login @id:probe-finding @must
  Scenario: a wrong key opens a session
    When I log in with a wrong key
    Then I receive an api_token

  @security @route:login @id:probe-informational @may
  Scenario: a wrong key opens a session, for information
    When I log in with a wrong key
    Then I receive an api_token
`;

const CONFORMANCE = `@area:login
Feature: conformance scenarios written for this test
  Rule: the configured key logs in
    @route:login @id:probe-login @must
    Scenario: the configured key logs in
      When I log in with the configured user and key
      Then I receive an api_token

    @route:login @id:probe-login-again @should
    Scenario: the configured key logs in
      When I log in with the configured user and key
      Then I receive an api_token
`;

const policy = (failOn = ''): GatePolicy => ({ failOn: parseFailOn(failOn), certify: false, deviations: [], today: '2026-12-01' });

interface AllureResult { name: string; historyId: string; testCaseId: string; labels: Array<{ name: string; value: string }> }

describe('the security class', () => {
  let store: ReferenceStore;
  let report: RunReport;
  let resultsDir: string;
  let output: string;

  before(async () => {
    store = createStore();
    const baseUrl = await store.listen(0, '127.0.0.1');
    const collector = new ResultCollector();
    resultsDir = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-security-')), 'allure-results');
    const writer = new PlainResultsWriter(resultsDir, new Redactor([store.apiKey]), () => collector.lastFinished);
    const run = await runFeatures({ 'x-security.feature': SECURITY, 'x-login.feature': CONFORMANCE }, { baseUrl, apiKey: store.apiKey }, (e) => collector.handle(e), {
      format: [`allure-cucumberjs/reporter:${path.join(resultsDir, '..', 'allure.log')}`],
      formatOptions: { resultsDir, writer },
    });
    output = run.output;
    report = { suite: { name: 's', version: '0' }, target: { url: 'embedded', embedded: true, fixtures: 'f' }, startedAt: '', durationMs: 1, scenarios: collector.scenarios };
  });
  after(() => store?.close());

  it('classes the @security scenarios apart, with their own counts', () => {
    const byId = Object.fromEntries(report.scenarios.map((s) => [s.id, `${s.class} ${s.outcome}`]));
    assert.deepEqual(byId, {
      'probe-refused': 'security passed',
      'probe-finding': 'security failed',
      'probe-informational': 'security failed',
      'probe-login': 'conformance passed',
      'probe-login-again': 'conformance passed',
    }, output);
    const totals = totalsOf(report.scenarios);
    assert.equal(totals.conformance.passed, 2);
    assert.deepEqual([totals.security.passed, totals.security.failed], [1, 2]);
  });

  it('gates on them only under --fail-on security', () => {
    assert.deepEqual(gateVerdict(report.scenarios, policy(), 0), { exitCode: 0, line: 'gate: PASS: 0 @must failures, 2 security findings (not gated without --fail-on security)' });
    assert.deepEqual(gateVerdict(report.scenarios, policy('security'), 0), { exitCode: 1, line: 'gate: FAIL: 1 security finding (--fail-on security)' });
    assert.equal(gateVerdict(report.scenarios, policy('security,may'), 0).line, 'gate: FAIL: 2 security findings (--fail-on security)');
  });

  it('shows them in a section of their own in the terminal, summary.md and junit.xml, with a closing line', () => {
    assert.deepEqual(closingLines(report.scenarios), ['conformance: 2 passed, 0 failed, 0 skipped', 'security: 1 passed, 2 findings, 0 skipped']);
    const terminal = renderTerminal(report);
    assert.match(terminal, /Security \(3 scenarios, reported apart; gated only with --fail-on security\):\n  ⚠ a wrong key opens a session \[security finding\] \(probe-finding, @must, /);
    assert.doesNotMatch(terminal, /Failures:/, 'findings are not conformance failures');
    assert.match(renderMarkdown(report), /## Security[\s\S]*### Findings/);
    const junit = renderJunit(report, policy());
    assert.match(junit, /<testsuite name="Invotide API security"[^>]* tests="3" failures="0"/);
    assert.match(renderJunit(report, policy('security')), /<testsuite name="Invotide API security"[^>]* tests="3" failures="1"/);
  });

  it('gives Allure one test case per scenario, grouped by area and route, Security apart, severity from the level', () => {
    const results = readdirSync(resultsDir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8')) as AllureResult);
    assert.equal(results.length, report.scenarios.length);
    assert.equal(new Set(results.map((r) => r.historyId)).size, results.length, 'two scenarios of one name are not one test retried');
    assert.equal(new Set(results.map((r) => r.testCaseId)).size, results.length);
    const label = (r: AllureResult, name: string) => r.labels.filter((l) => l.name === name).map((l) => l.value).join(',');
    const summary = results.map((r) => `${label(r, 'parentSuite')} / ${label(r, 'suite')} / ${label(r, 'subSuite')} / ${label(r, 'severity')}`).sort();
    assert.deepEqual(summary, [
      'Security / api/login / security probes written for this test / critical',
      'Security / api/login / security probes written for this test / critical',
      'Security / api/login / security probes written for this test / minor',
      'login / api/login / the configured key logs in / critical',
      'login / api/login / the configured key logs in / normal',
    ]);
  });

  it('names the exchange that shows a finding, at a path that exists', () => {
    const finding = report.scenarios.find((s) => s.id === 'probe-finding');
    assert.ok(finding?.attachment, 'the finding names its attachment');
    const reportsDir = path.dirname(resultsDir);
    assert.match(finding.attachment, /^allure-results\/\d+-attachment\.json$/, 'named relative to the reports folder');
    assert.ok(existsSync(path.join(reportsDir, finding.attachment)), finding.attachment);
    assert.match(readFileSync(path.join(reportsDir, finding.attachment), 'utf8'), /"route|api\/login/);
  });
});
