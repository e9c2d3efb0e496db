// Runs the conformance suite against each faulty variant of the reference store, as a user would run it against a
// remote store, and reports which scenario killed each fault.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore } from '../../store';
import { API_USERS } from '../../src/provision/dataset';
import type { RunReport } from '../../src/reports/results';
import { runCli } from '../support/cli';
import { embeddedConfiguration } from '../../src/runner/embedded-store';
import type { Fault } from './faults';

export interface Verdict {
  fault: Fault;
  killed: boolean;
  /** The scenarios that failed, with the first line of their reason. */
  killers: Array<{ id: string; reason: string }>;
  /** Whether the focused scenarios sufficed or the whole suite had to run. */
  scope: 'focus' | 'whole suite';
  ms: number;
}

/** The fixtures file of a store profile (test/fixtures/profiles/), or the suite's own for a fresh install. */
export const profileFixtures = (profile?: string): string =>
  profile ? path.join(__dirname, '..', 'fixtures', 'profiles', `${profile}.json`) : path.join(__dirname, '..', '..', 'targets', 'provisioned.json');

/**
 * The fixture check's refusal of a faulty store: answers that fit a setting only where a broken store would give them
 * too (src/target/learn-settings.ts), answers of another release than the one the fixtures name (settleRelease), or
 * answers that contradict each other (a price with tax where the line total is without it), which stop the run naming
 * both readings. The fault is caught, before any scenario.
 */
interface Refusal {
  key: string;
  reason: string;
}
const isRefusal = (outcome: RunReport | Refusal): outcome is Refusal => 'key' in outcome;

async function runAgainst(fault: Fault | undefined, tags: string | undefined, profile = fault?.profile): Promise<RunReport | Refusal> {
  const fixtures = profileFixtures(profile);
  const store = createStore({ variant: fault?.variant, ...embeddedConfiguration(fixtures) });
  const url = await store.listen(0, '127.0.0.1');
  const cwd = mkdtempSync(path.join(tmpdir(), 'invotide-mutant-'));
  try {
    // The faithful store has security findings by design (test/security-scenarios.test.ts judges that class): a kill
    // is a conformance scenario failing.
    const selection = tags ? `(${tags}) and not @security` : 'not @security';
    const run = await runCli(['--target', url, '--allow-writes', '--parallel', '2', '--tags', selection, '--fixtures', fixtures], {
      // As the store's Default user (whose key the store shares with the suite's): login-key-only then runs.
      INVOTIDE_API_USERNAME: 'Default',
      INVOTIDE_API_KEY: store.apiKey,
      INVOTIDE_RESTRICTED_USERNAME: 'Restricted',
      INVOTIDE_RESTRICTED_KEY: store.restrictedKey,
      INVOTIDE_ALTERNATE_SOURCE_ADDRESS: '127.0.0.2',
      INVOTIDE_DISABLED_USERNAME: API_USERS.disabled.username,
      INVOTIDE_DISABLED_KEY: store.provisionedKeys.disabled,
    }, cwd);
    // The unbroken store configured so passes the check (the baseline), so a configuration the check refuses is the fault's.
    const refusal = fault && run.code === 2 && /configuration error: the store's configuration is not what the fixtures/.test(run.stderr) ? /^ {2}([\w.]+): (.*)$/m.exec(run.stderr) : null;
    if (refusal) return { key: refusal[1], reason: refusal[2] };
    if (run.code === 2) throw new Error(`the run against ${fault?.name ?? 'the unbroken store'} could not run:\n${run.stderr || run.stdout.slice(-1500)}`);
    return JSON.parse(readFileSync(path.join(cwd, 'reports', 'report.json'), 'utf8')) as RunReport;
  } finally {
    await store.close();
  }
}

function killersOf(outcome: RunReport | Refusal): Verdict['killers'] {
  if (isRefusal(outcome)) return [{ id: `the fixture check (${outcome.key})`, reason: outcome.reason.slice(0, 160) }];
  return outcome.scenarios
    .filter((s) => s.outcome === 'failed')
    .map((s) => ({ id: s.id, reason: (s.reason ?? '').split('\n')[0].slice(0, 160) }));
}

/**
 * The unbroken store must pass the scenarios the catalogue relies on, or no kill means anything (one that cannot run
 * on a store reached by URL, such as the token-ageing ones, is not applicable there: not a failure).
 */
export async function baseline(tags?: string, profile?: string): Promise<RunReport> {
  const report = await runAgainst(undefined, tags, profile);
  if (isRefusal(report)) throw new Error(`the fixture check refuses the unbroken reference store: ${report.key}: ${report.reason}`);
  const bad = report.scenarios.filter((s) => !['passed', 'skipped', 'not-applicable'].includes(s.outcome));
  if (bad.length) throw new Error(`the unbroken reference store fails ${bad.length} scenarios, e.g. ${bad[0].id}: ${bad[0].reason}`);
  return report;
}

export async function judge(fault: Fault): Promise<Verdict> {
  const t0 = Date.now();
  let killers = killersOf(await runAgainst(fault, fault.focus));
  let scope: Verdict['scope'] = 'focus';
  if (!killers.length) {
    killers = killersOf(await runAgainst(fault, undefined));
    scope = 'whole suite';
  }
  return { fault, killed: killers.length > 0, killers, scope, ms: Date.now() - t0 };
}
