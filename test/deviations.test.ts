// Known deviations by release: the suite's own list of stock OpenCart defects names the releases each holds for, and a
// run applies those of the store's release by itself; the store's own file adds to them.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { KNOWN_DEFECTS_FILE, deviationsFor, loadDeviations } from '../src/runner/deviations';
import { loadFixtures } from '../src/fixtures';
import { declaredProfile, type TargetProfile } from '../src/target/profile';
import type { ReleaseVersion } from '../src/target/release';

const profileOf = (candidates: ReleaseVersion[]): TargetProfile => {
  const p = declaredProfile(loadFixtures(path.join(__dirname, '..', 'targets', 'provisioned.json')));
  p.release = { version: candidates[candidates.length - 1], source: 'learned', candidates, evidence: [] };
  return p;
};

describe('known deviations by release', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'invotide-deviations-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('reads a release, a range, "and later" and a list of them', () => {
    const file = write('r.yaml', [
      'deviations:',
      '  - { id: one, reason: r, releases: 3.0.3.8 }',
      '  - { id: range, reason: r, releases: 3.0.3.8-3.0.4.0 }',
      '  - { id: later, reason: r, releases: 3.0.5.0+ }',
      '  - { id: list, reason: r, releases: [3.0.2.0, 3.0.5.1] }',
      '  - { id: all, reason: r }',
    ].join('\n'));
    const byId = Object.fromEntries(loadDeviations(file).map((d) => [d.id, d.releases]));
    assert.deepEqual(byId, { one: ['3.0.3.8'], range: ['3.0.3.8', '3.0.3.9', '3.0.4.0'], later: ['3.0.5.0', '3.0.5.1'], list: ['3.0.2.0', '3.0.5.1'], all: undefined });
  });

  it('refuses a release that is not a 3.0.x one, naming the entry', () => {
    const file = write('bad.yaml', 'deviations:\n  - { id: x, reason: r, releases: 4.0.2.3 }\n');
    assert.throws(() => loadDeviations(file), /entry "x": "4\.0\.2\.3" is not a 3\.0\.x release/);
  });

  it('applies the known defects of the store\'s release, and those of every release it may be when it could not be told', () => {
    const known = loadDeviations(KNOWN_DEFECTS_FILE, 'known defect');
    const astral = (p: TargetProfile) => deviationsFor([], p, false, known).filter((d) => d.id.startsWith('negative-astral-text')).length;
    assert.equal(astral(profileOf(['3.0.5.0', '3.0.5.1'])), 4);
    assert.equal(astral(profileOf(['3.0.4.0', '3.0.4.1'])), 0);
    // a defect of 3.0.5.0 on is not assumed of a store that may be 3.0.4.1
    assert.equal(astral(profileOf(['3.0.4.1', '3.0.5.0'])), 0);
    const every = deviationsFor([], profileOf(['3.0.3.2', '3.0.3.8']), false, known);
    assert.ok(every.some((d) => d.id === 'negative-list-for-text#1'));
  });

  it('gives the reference store none of them, and keeps the store\'s own entries for its release', () => {
    const own = loadDeviations(write('own.yaml', 'deviations:\n  - { id: mine, reason: ours }\n  - { id: old, reason: ours, releases: 3.0.2.0 }\n'));
    const applied = deviationsFor(own, profileOf(['3.0.5.0']), true);
    assert.deepEqual(applied.map((d) => d.id), ['mine']);
  });
});
