// junit.xml, built from the run's result model (not from cucumber's formatter), so it says what the exit code says:
// only what fails the gate is a <failure> (or an <error>, for infrastructure and harness errors); a failure the gate
// does not count (@should, @may, a security finding without --fail-on security) passes, with the failure told in
// <system-out> and its properties; every skip carries its reason. Conformance and security are separate test suites.
import path from 'node:path';
import xmlbuilder from 'xmlbuilder';
import { gateReason, type GatePolicy } from '../runner/gate';
import { ofClass, type RunReport, type ScenarioClass, type ScenarioResult } from './results';
import { outcomeWord } from './summary';

const SUITE_NAMES: Record<ScenarioClass, string> = { conformance: 'Invotide API conformance', security: 'Invotide API security' };

/** `[cart-add-simple] @must a product without options is added with its quantity` */
export const testCaseName = (s: ScenarioResult): string => `[${s.id}] @${s.level} ${s.name}`;

/** The area and the feature file: `cart.cart`, `order.order-status`. */
export const testCaseClassName = (s: ScenarioResult): string => `${s.area}.${path.basename(s.uri, '.feature')}`;

const firstLine = (text: string | undefined): string => (text ?? '').split('\n')[0];

function details(s: ScenarioResult): string {
  return [`${s.uri}${s.line ? `:${s.line}` : ''}`, s.failedStep ? `step: ${s.failedStep}` : '', s.reason ?? '', s.attachment ? `attachment: ${s.attachment}` : '']
    .filter(Boolean)
    .join('\n');
}

interface Tally { tests: number; failures: number; errors: number; skipped: number; time: number }

function addTestCase(suite: xmlbuilder.XMLElement, s: ScenarioResult, policy: GatePolicy, tally: Tally): void {
  const tc = suite.ele('testcase', { name: testCaseName(s), classname: testCaseClassName(s), time: (s.durationMs / 1000).toFixed(3) });
  tally.tests++;
  tally.time += s.durationMs / 1000;
  const props = tc.ele('properties');
  for (const [name, value] of [['id', s.id], ['level', s.level], ['class', s.class], ['outcome', outcomeWord(s)], ['routes', s.routes.join(' ')]]) {
    props.ele('property', { name, value });
  }
  const gated = gateReason(s, policy);
  if (s.outcome === 'infrastructure' || s.outcome === 'harness-error') {
    tally.errors++;
    tc.ele('error', { message: firstLine(s.reason), type: outcomeWord(s) }, details(s));
  } else if (gated) {
    tally.failures++;
    tc.ele('failure', { message: `${gated}: ${firstLine(s.reason)}`, type: outcomeWord(s) }, details(s));
  } else if (s.outcome === 'skipped' || s.outcome === 'not-applicable' || s.outcome === 'known-deviation') {
    tally.skipped++;
    tc.ele('skipped', { message: s.outcome === 'skipped' ? firstLine(s.reason) : `${outcomeWord(s)}: ${firstLine(s.reason).replace(/^known deviation: /, '')}` });
  } else if (s.outcome === 'failed') {
    tc.ele('system-out', {}, `${outcomeWord(s)} at @${s.level}, not gated under this run's --fail-on:\n${details(s)}`);
  }
}

/** junit.xml of a run; `gateExtras` are reasons the gate failed on that no scenario carries (e.g. --require-coverage). */
export function renderJunit(report: RunReport, policy: GatePolicy, gateExtras: string[] = []): string {
  const root = xmlbuilder.create('testsuites', { version: '1.0', encoding: 'UTF-8' }, {}, { invalidCharReplacement: '\uFFFD' });
  const total: Tally = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  const classes: ScenarioClass[] = ['conformance', 'security'];
  for (const cls of classes) {
    const scenarios = ofClass(report.scenarios, cls);
    if (!scenarios.length && cls === 'security') continue;
    const suite = root.ele('testsuite', { name: SUITE_NAMES[cls], timestamp: report.startedAt });
    const tally: Tally = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
    for (const s of scenarios) addTestCase(suite, s, policy, tally);
    if (cls === 'conformance' && gateExtras.length) {
      tally.tests++;
      tally.failures++;
      suite.ele('testcase', { name: "[gate] the run's other conditions", classname: 'gate', time: '0' }).ele('failure', { message: gateExtras.join(', '), type: 'gate' });
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
  suite.ele('testcase', { name: `[run] ${error.kind} error`, classname: 'run', time: '0' }).ele('error', { message: firstLine(error.message), type: `${error.kind} error` }, error.message);
  const tally: Tally = { tests: 1, failures: 0, errors: 1, skipped: 0, time: 0 };
  setCounts(suite, tally);
  setCounts(root, tally);
  root.att('name', 'Invotide API');
  return root.end({ pretty: true }) + '\n';
}

function setCounts(el: xmlbuilder.XMLElement, t: Tally): void {
  el.att('tests', t.tests).att('failures', t.failures).att('errors', t.errors).att('skipped', t.skipped).att('time', t.time.toFixed(3));
}
