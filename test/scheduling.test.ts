// How a run spreads over workers: --parallel auto, and the feature files longest first.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { autoWorkers, featuresLongestFirst, MAX_AUTO_WORKERS } from '../src/runner/scheduling';

describe('scheduling', () => {
  it('stays serial against the embedded store and a fast target, and grows with the round trip up to a bound', () => {
    assert.equal(autoWorkers(true, 80), 1);
    assert.equal(autoWorkers(false, 2), 1);
    assert.equal(autoWorkers(false, NaN), 1);
    assert.equal(autoWorkers(false, 18), 3);
    assert.equal(autoWorkers(false, 52), MAX_AUTO_WORKERS);
    assert.equal(autoWorkers(false, 5000), MAX_AUTO_WORKERS);
  });

  it('puts the feature file with the longest scenario of the last run first, and the security and negative suites first without a last run', () => {
    const features = path.join(__dirname, '..', 'features');
    const names = (files: string[]) => files.map((f) => path.basename(f));
    const first = names(featuresLongestFirst(features));
    assert.deepEqual(first.slice(0, 2), ['security.feature', 'negative.feature']);
    assert.equal(first.length, new Set(first).size);
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-order-')), 'report.json');
    const scenario = (uri: string, exchanges: number) => ({ uri, exchanges });
    // By its longest scenario, not its mean: negative's one of 45 goes before journey's 40 and 20.
    writeFileSync(report, JSON.stringify({ scenarios: [scenario('features/journey.feature', 40), scenario('features/journey.feature', 20), scenario('features/negative.feature', 45), scenario('features/negative.feature', 1), scenario('features/negative.feature', 1), scenario('features/login.feature', 2)] }));
    assert.deepEqual(names(featuresLongestFirst(features, report)).slice(0, 3), ['negative.feature', 'journey.feature', 'login.feature']);
  });
});
