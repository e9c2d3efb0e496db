// GitHub Actions annotations: one per failure on its line of the feature file, error or warning as the gate judges,
// escaped so a message cannot end the command early.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotation, scenarioAnnotations } from '../src/reports/annotations';
import { parseFailOn, type GatePolicy } from '../src/runner/gate';
import type { ScenarioResult } from '../src/reports/results';

const policy = (failOn = ''): GatePolicy => ({ failOn: parseFailOn(failOn), certify: false, deviations: [], today: '2026-12-01' });

function scenario(id: string, outcome: ScenarioResult['outcome'], level: ScenarioResult['level'] = 'must', cls: ScenarioResult['class'] = 'conformance'): ScenarioResult {
  return { id, name: `name, of ${id}`, feature: 'F', uri: 'features/cart.feature', line: 7, area: 'cart', class: cls, tags: [], routes: [], level, outcome, reason: '100% wrong\nsecond line', durationMs: 1, contractViolations: 0, exchanges: 0 };
}

describe('GitHub annotations', () => {
  it('escape the message and the properties', () => {
    assert.equal(annotation('error', 'a\nb 100%', { file: 'features/a,b.feature', line: 3, title: 'x: y' }), '::error file=features/a%2Cb.feature,line=3,title=x%3A y::a%0Ab 100%25');
  });

  it('are errors for what fails the gate, warnings for what does not, nothing for a pass', () => {
    const lines = scenarioAnnotations([scenario('a', 'failed'), scenario('b', 'failed', 'should'), scenario('c', 'passed'), scenario('d', 'failed', 'must', 'security'), scenario('e', 'skipped')], policy());
    assert.deepEqual(lines.map((l) => l.split('::')[1]), [
      'error file=features/cart.feature,line=7,title=a (@must%2C @must failure)',
      'warning file=features/cart.feature,line=7,title=b (@should%2C failed%2C not gated)',
      'warning file=features/cart.feature,line=7,title=d (@must%2C security finding%2C not gated)',
    ]);
    assert.equal(lines[0].split('::')[2], 'name, of a%0A100%25 wrong%0Asecond line');
    assert.match(scenarioAnnotations([scenario('e', 'skipped')], policy('skipped'))[0], /^::error .*title=e \(@must%2C skipped scenario \(--fail-on skipped\)\)::/);
    const known = { ...scenario('k', 'known-deviation'), deviation: { reason: 'our theme', ticket: 'SHOP-1' } };
    assert.equal(scenarioAnnotations([known], policy())[0], '::notice file=features/cart.feature,line=7,title=k (@must%2C known deviation%2C not gated)::name, of k%0Aknown deviation: our theme (SHOP-1)%0A100%25 wrong%0Asecond line');
  });
});
