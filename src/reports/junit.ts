// junit.xml, built from the run's result model (not from cucumber's formatter), so it says what the exit code says:
// only what fails the gate is a <failure> (or an <error>, for infrastructure and harness errors); a failure the gate
// does not count (@should, @may, a security finding without --fail-on security) passes, with the failure told in
// <system-out> and its properties; every skip carries its reason. Conformance and security are separate test suites.
//
// A known deviation is a <skipped message="known deviation: …"/> with the failure in <system-out>: JUnit has four
// states, and <skipped> is the one every reader counts as neither passed nor failed (mikepenz/action-junit-report
// counts a case failed only when it has a <failure> or <error> and no <skipped>, and lists it "⚠️ skipped"; GitLab,
// Jenkins and dorny/test-reporter take a <failure> before a <skipped>, so the two together would read as failed
// there). The message says "known deviation" where those tools show a skip's reason, the `outcome` property says it
// in the words of every report, and each suite's properties carry the counts of every verdict and what the store was
// judged under.
import path from 'node:path';
import xmlbuilder from 'xmlbuilder';
import { gateReason, runReasons, type GatePolicy } from '../runner/gate';
import { judgedUnderProperties } from './judged-under';
import { deviationText, ofClass, type RunReport, type ScenarioClass, type ScenarioResult } from './results';
import { COUNT_ORDER, VOCABULARY, verdictCounts, verdictWord } from './vocabulary';

const SUITE_NAMES: Record<ScenarioClass, string> = { conformance: 'Invotide API conformance', security: 'Invotide API security' };

/** `[cart-add-simple] @must a product without options is added with its quantity` */
export const testCaseName = (s: ScenarioResult): string => `[${s.id}] @${s.level} ${s.name}`;

/** The area and the feature file: `cart.cart`, `order.order-status`. */
export const testCaseClassName = (s: ScenarioResult): string => `${s.area}.${path.basename(s.uri, '.feature')}`;

/** An attribute's text: the first line, bounded (the whole is in the element's body). */
const attribute = (text: string | undefined): string => {
  const line = (text ?? '').split('\n')[0];
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
};

function details(s: ScenarioResult): string {
  return [
    `${s.uri}${s.line ? `:${s.line}` : ''}`,
    s.failedStep ? `step: ${s.failedStep}` : '',
    s.reason ?? '',
    s.attachment ? `attachment: ${s.attachment} (in the reports folder: the request and the answer)` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

interface Tally { tests: number; failures: number; errors: number; skipped: number; time: number }

function addTestCase(suite: xmlbuilder.XMLElement, s: ScenarioResult, policy: GatePolicy, tally: Tally): void {
  const tc = suite.ele('testcase', { name: testCaseName(s), classname: testCaseClassName(s), time: (s.durationMs / 1000).toFixed(3) });
  tally.tests++;
  tally.time += s.durationMs / 1000;
  const word = verdictWord(s);
  const props = tc.ele('properties');
  const properties: Array<[string, string | undefined]> = [
    ['id', s.id], ['level', s.level], ['class', s.class], ['outcome', word], ['routes', s.routes.join(' ')],
    ['deviation', s.deviation?.reason], ['deviation.ticket', s.deviation?.ticket], ['deviation.expires', s.deviation?.expires], ['deviation.source', s.deviation?.source],
  ];
  for (const [name, value] of properties) if (value !== undefined) props.ele('property', { name, value });
  const gated = gateReason(s, policy);
  if (s.outcome === 'infrastructure' || s.outcome === 'harness-error') {
    tally.errors++;
    tc.ele('error', { message: attribute(s.reason), type: word }, details(s));
  } else if (gated) {
    tally.failures++;
    tc.ele('failure', { message: `${gated}: ${attribute(s.reason)}`, type: word }, details(s));
  } else if (s.outcome === 'known-deviation') {
    tally.skipped++;
    tc.ele('skipped', { message: `${word}: ${attribute(s.deviation ? deviationText(s.deviation) : s.reason)}` });
    tc.ele('system-out', {}, `${word} at @${s.level}, listed in the deviations file, not gated: the failure it excuses:\n${details(s)}`);
  } else if (s.outcome === 'skipped' || s.outcome === 'not-applicable') {
    tally.skipped++;
    tc.ele('skipped', { message: s.outcome === 'skipped' ? attribute(s.reason) : `${word}: ${attribute(s.reason)}` });
  } else if (s.outcome === 'failed') {
    tc.ele('system-out', {}, `${word} at @${s.level}, not gated under this run's --fail-on:\n${details(s)}`);
  }
}

/** The suite's properties: the count of each verdict of its scenarios, and what the store was judged under. */
function suiteProperties(suite: xmlbuilder.XMLElement, report: RunReport, scenarios: ScenarioResult[], cls: ScenarioClass): void {
  const props = suite.ele('properties');
  const counts = verdictCounts(scenarios);
  for (const v of COUNT_ORDER) if (VOCABULARY[v].class !== (cls === 'security' ? 'conformance' : 'security')) props.ele('property', { name: VOCABULARY[v].plural, value: String(counts[v]) });
  props.ele('property', { name: 'target', value: report.target.embedded ? 'embedded reference store' : report.target.url });
  if (report.target.fixtures) props.ele('property', { name: 'fixtures', value: report.target.fixtures });
  for (const [name, value] of report.target.judgedUnder ? judgedUnderProperties(report.target.judgedUnder) : []) props.ele('property', { name, value });
}

/** junit.xml of a run; `gateExtras` are reasons the gate failed on that no scenario carries (e.g. --require-coverage). */
export function renderJunit(report: RunReport, policy: GatePolicy, gateExtras: string[] = []): string {
  const root = xmlbuilder.create('testsuites', { version: '1.0', encoding: 'UTF-8' }, {}, { invalidCharReplacement: '\uFFFD' });
  const total: Tally = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  const classes: ScenarioClass[] = ['conformance', 'security'];
  // The gate's own reasons that no scenario carries (--require-coverage, a thin run), as a test case that fails.
  const verdictExtras = [...gateExtras, ...runReasons(report.scenarios, policy)];
  for (const cls of classes) {
    const scenarios = ofClass(report.scenarios, cls);
    if (!scenarios.length && cls === 'security') continue;
    const suite = root.ele('testsuite', { name: SUITE_NAMES[cls], timestamp: report.startedAt });
    suiteProperties(suite, report, scenarios, cls);
    const tally: Tally = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
    for (const s of scenarios) addTestCase(suite, s, policy, tally);
    if (cls === 'conformance' && verdictExtras.length) {
      tally.tests++;
      tally.failures++;
      suite.ele('testcase', { name: "[gate] the run's other conditions", classname: 'gate', time: '0' }).ele('failure', { message: attribute(verdictExtras.join(', ')), type: 'gate' }, verdictExtras.join('\n'));
    }
    setCounts(suite, tally);
    for (const k of ['tests', 'failures', 'errors', 'skipped', 'time'] as const) total[k] += tally[k];
  }
  setCounts(root, total);
  root.att('name', 'Invotide API');
  return root.end({ pretty: true }) + '\n';
}

/** junit.xml of a run that ended before its scenarios (exit code 2): one errored test case that says why. */
export function renderErrorJunit(error: NonNullable<RunReport['error']>, startedAt: string): string {
  const root = xmlbuilder.create('testsuites', { version: '1.0', encoding: 'UTF-8' }, {}, { invalidCharReplacement: '\uFFFD' });
  const suite = root.ele('testsuite', { name: SUITE_NAMES.conformance, timestamp: startedAt });
  suite.ele('testcase', { name: `[run] ${error.kind} error`, classname: 'run', time: '0' }).ele('error', { message: attribute(error.message), type: `${error.kind} error` }, error.message);
  const tally: Tally = { tests: 1, failures: 0, errors: 1, skipped: 0, time: 0 };
  setCounts(suite, tally);
  setCounts(root, tally);
  root.att('name', 'Invotide API');
  return root.end({ pretty: true }) + '\n';
}

function setCounts(el: xmlbuilder.XMLElement, t: Tally): void {
  el.att('tests', t.tests).att('failures', t.failures).att('errors', t.errors).att('skipped', t.skipped).att('time', t.time.toFixed(3));
}
