// The suite's own guard: a scenario that passes without any Then step looking at its last answer fails, naming the
// route; a scenario that checks its answer passes. Runs cucumber in-process on a throw-away feature with the real
// steps and hooks, against the reference store.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { createStore, type ReferenceStore } from '../store';
import type { RunParameters } from '../src/run-parameters';

const ROOT = path.resolve(__dirname, '..');
let store: ReferenceStore;
let baseUrl: string;

before(async () => {
  store = createStore();
  baseUrl = await store.listen(0, '127.0.0.1');
});
after(() => store.close());

test('a scenario that never checks its last answer fails, one that does passes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'invotide-hooks-'));
  const feature = path.join(dir, 'guard.feature');
  writeFileSync(
    feature,
    ['Feature: the unchecked-answer guard', '  Scenario: logs in and checks nothing', '    When I log in with the configured user and key', '',
      '  Scenario: logs in and checks the token', '    When I log in with the configured user and key', '    Then I receive an api_token', ''].join('\n'),
  );
  const parameters: RunParameters = {
    baseUrl, embedded: true, apiUsername: 'Default', apiKey: store.apiKey, allowWrites: false, timeoutMs: 5000,
    fixturesFile: path.join(ROOT, 'targets/provisioned.json'), secrets: [store.apiKey],
  };
  const environment = { cwd: ROOT, stdout: process.stdout, stderr: process.stderr };
  const { runConfiguration } = await loadConfiguration(
    { file: false, provided: { paths: [feature], require: ['steps/**/*.ts'], requireModule: ['ts-node/register/transpile-only'], worldParameters: parameters as never, format: [] } },
    environment,
  );
  const finished: Array<{ status: string; message?: string }> = [];
  await runCucumber(runConfiguration, environment, (e: Envelope) => {
    if (e.testStepFinished && e.testStepFinished.testStepResult.status !== 'PASSED') finished.push(e.testStepFinished.testStepResult);
  });
  assert.equal(finished.length, 1, JSON.stringify(finished));
  assert.equal(finished[0].status, 'FAILED');
  assert.match(finished[0].message ?? '', /passed without checking the last answer \(api\/login\)/);
});
