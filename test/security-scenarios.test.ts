// The security class proves itself both ways, run as a user runs it (`--tags @security`): against the stock reference
// store, as weak as a stock OpenCart 3.0.5.0, its findings are reported; against the hardened one, every scenario
// passes. The scenarios that act as the store's admin run only on the embedded store, and do not apply elsewhere.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { API_USERS } from '../src/provision/dataset';
import { runCli } from './support/cli';

/** What a stock OpenCart 3.0.5.0 lets an attacker do (the login storm only when asked for). */
const STOCK_FINDINGS = [
  'security-cookie-token-disallowed-address',
  'security-cookie-token-allowed-address',
  'security-token-after-user-disabled',
  'security-token-after-key-changed',
  'security-login-storm',
];
/** The scenarios that need the store's admin: only the embedded store lets the suite act as it. */
const STORE_ADMIN = ['security-token-other-user-allow-list', 'security-token-after-user-disabled', 'security-token-after-key-changed'];
const ALL = [
  'security-cookie-token-allowed-address',
  'security-cookie-token-disallowed-address',
  'security-login-key-in-query',
  'security-login-storm',
  'security-no-error-leak',
  'security-session-fixation',
  'security-token-after-key-changed',
  'security-token-after-user-disabled',
  'security-token-other-user-allow-list',
  'security-token-outside-query#1',
  'security-token-outside-query#2',
  'security-token-outside-query#3',
];
const STORM = { INVOTIDE_SECURITY_LOGIN_STORM: '1' };

async function securityOutcomes(args: string[], env: Record<string, string>, tags = '@security'): Promise<Record<string, string>> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'invotide-security-'));
  const run = await runCli(['--tags', tags, ...args], env, cwd);
  assert.notEqual(run.code, 2, `the run broke:\n${run.stdout}\n${run.stderr}`);
  const report = JSON.parse(readFileSync(path.join(cwd, 'reports', 'report.json'), 'utf8')) as { scenarios: Array<{ id: string; outcome: string; class: string }> };
  assert.ok(report.scenarios.every((s) => s.class === 'security'), 'every scenario of the run is a security one');
  return Object.fromEntries(report.scenarios.map((s) => [s.id, s.outcome]).sort(([a], [b]) => a.localeCompare(b)));
}

const expected = (outcome: (id: string) => string): Record<string, string> => Object.fromEntries(ALL.map((id) => [id, outcome(id)]));

describe('security scenarios, run against each reference store', () => {
  it('against the stock embedded store: the findings of a stock OpenCart 3.0.5.0, and nothing else', async () => {
    assert.deepEqual(await securityOutcomes([], STORM), expected((id) => (STOCK_FINDINGS.includes(id) ? 'failed' : 'passed')));
  });

  it('against the hardened embedded store (INVOTIDE_REFERENCE_HARDENED): every scenario passes', async () => {
    const outcomes = await securityOutcomes([], { ...STORM, INVOTIDE_REFERENCE_HARDENED: 'true' });
    assert.deepEqual(outcomes, expected(() => 'passed'), 'does the run hand INVOTIDE_REFERENCE_HARDENED on to startEmbeddedStore?');
  });

  it('without INVOTIDE_SECURITY_LOGIN_STORM, the storm is skipped, never passed', async () => {
    // Only the storm is run: the other scenarios do not read the switch, and the run above judged them.
    const outcomes = await securityOutcomes([], { INVOTIDE_REFERENCE_HARDENED: 'true' }, '@security and @login-storm');
    assert.deepEqual(outcomes, { 'security-login-storm': 'skipped' });
  });

  describe('the hardened store as a remote target', () => {
    let store: ReferenceStore;
    let url: string;
    before(async () => {
      store = createStore({ hardened: true });
      url = await store.listen(0, '127.0.0.1');
    });
    after(() => store.close());

    it('passes every scenario it can run; those that act as the store\'s admin do not apply', async () => {
      const env = {
        ...STORM,
        INVOTIDE_API_KEY: store.apiKey,
        INVOTIDE_RESTRICTED_USERNAME: API_USERS.restricted.username,
        INVOTIDE_RESTRICTED_KEY: store.provisionedKeys.restricted,
        INVOTIDE_DISABLED_USERNAME: API_USERS.disabled.username,
        INVOTIDE_DISABLED_KEY: store.provisionedKeys.disabled,
        INVOTIDE_ALTERNATE_SOURCE_ADDRESS: '127.0.0.2',
      };
      assert.deepEqual(await securityOutcomes(['--target', url], env), expected((id) => (STORE_ADMIN.includes(id) ? 'not-applicable' : 'passed')));
    });
  });
});
