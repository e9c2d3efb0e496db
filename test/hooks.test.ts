// The suite's own guard: a scenario that passes without any Then step looking at its last answer fails, naming the
// route; a scenario that checks its answer passes. Runs cucumber in-process on a throw-away feature with the real
// steps and hooks, against the reference store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { runFeatures } from './support/cucumber';
import { listeningStore } from './support/store';

const reference = listeningStore();

test('a scenario that never checks its last answer fails, one that does passes', async () => {
  const feature = ['Feature: the unchecked-answer guard', '  Scenario: logs in and checks nothing', '    When I log in with the configured user and key', '',
    '  Scenario: logs in and checks the token', '    When I log in with the configured user and key', '    Then I receive an api_token', ''].join('\n');
  const finished: Array<{ status: string; message?: string }> = [];
  // The deliberate failure's block is captured in `output`, not printed among the real test results.
  const { output } = await runFeatures({ 'guard.feature': feature }, { baseUrl: reference.url, apiKey: reference.store.apiKey }, (e: Envelope) => {
    if (e.testStepFinished && e.testStepFinished.testStepResult.status !== 'PASSED') finished.push(e.testStepFinished.testStepResult);
  });
  assert.equal(finished.length, 1, JSON.stringify(finished));
  assert.equal(finished[0].status, 'FAILED');
  assert.match(finished[0].message ?? '', /passed without checking the last answer \(api\/login\)/);
  assert.match(output, /1 failed/, 'cucumber\'s own summary went to the captured output');
});
