// No secret in any report: after a run against a store whose keys we know, neither the keys nor any token the store
// issued appears in stdout, stderr or any file under reports/. The run takes every way a secret travels, not the whole
// suite (npm test closes with the whole suite anyway): every login (the key in a form body or a query string, the
// restricted and the disabled users' keys), every session scenario (tokens in the query, expired, foreign, from
// another address), every security scenario (tokens as a cookie, in a header or a body; its findings print the
// exchanges that show them, in full), and the checkout journeys, which write orders (--allow-writes) and carry a token
// through every checkout route.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { runCli } from './support/cli';

const EVERY_WAY_A_SECRET_TRAVELS = '@area:login or @area:security or @id:journey-shipping-payment or @id:journey-not-shippable-no-payment';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('secrets', () => {
  let store: ReferenceStore;
  let url: string;
  before(async () => {
    store = createStore({ apiKey: 'a1b2c3d4'.repeat(8), restrictedKey: 'f9e8d7c6'.repeat(8), provisionedKeys: { disabled: 'b5a4c3d2'.repeat(8) } });
    url = await store.listen(0, '127.0.0.1');
  });
  after(() => store.close());

  it('never appear in the output or the reports of a run through every way a key or a token travels', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'invotide-secrets-'));
    const run = await runCli(['--target', url, '--allow-writes', '--tags', EVERY_WAY_A_SECRET_TRAVELS], {
      INVOTIDE_API_KEY: store.apiKey,
      INVOTIDE_RESTRICTED_USERNAME: 'Restricted',
      INVOTIDE_RESTRICTED_KEY: store.restrictedKey,
      INVOTIDE_ALTERNATE_SOURCE_ADDRESS: '127.0.0.2',
      INVOTIDE_DISABLED_USERNAME: 'invotide-disabled',
      INVOTIDE_DISABLED_KEY: store.provisionedKeys.disabled,
    }, cwd);
    assert.match(run.stdout, /conformance: \d+ passed/);
    // The selection still holds what it is for: logins, sessions, the security class (its findings, known deviations of a
    // stock 3.0.5.0 here, in full in the reports) and an order written.
    assert.match(run.stdout, /login\.feature: \d+ passed/);
    assert.match(run.stdout, /session\.feature: \d+ passed/);
    assert.match(run.stdout, /security\.feature: \d+ passed, .*[1-9]\d* (findings?|known deviations?)/);
    assert.match(run.stdout, /journey\.feature: \d+ passed/);
    const tokens = (store.db.prepare('SELECT session_id FROM in_api_session').all() as Array<{ session_id: string }>).map((r) => r.session_id);
    assert.ok(tokens.length > 5, `the run should have issued tokens, found ${tokens.length}`);
    const secrets = [store.apiKey, store.restrictedKey, store.provisionedKeys.disabled, ...tokens];
    const files = filesUnder(path.join(cwd, 'reports'));
    assert.ok(files.some((f) => f.endsWith('junit.xml')) && files.some((f) => f.includes('allure-results')), 'the run wrote its reports');
    // The exchange record (the diff's input) is among them, with the logins it must keep the keys out of.
    const record = readFileSync(path.join(cwd, 'reports', 'exchanges.json'), 'utf8');
    assert.match(record, /"route":"api\/login".*"key","<api key>"/);
    const leaks: string[] = [];
    for (const [where, text] of [['stdout', run.stdout], ['stderr', run.stderr], ...files.map((f) => [path.relative(cwd, f), readFileSync(f, 'latin1')])]) {
      for (const s of secrets) if (text.includes(s)) leaks.push(`${where} holds ${s.slice(0, 6)}…`);
    }
    assert.deepEqual(leaks, []);
  });
});
