// docs/store-settings.md is what a store operator reads to know what the suite assumes: every setting the suite
// follows and every release trait has its row there, each row names its source line, and the faults and profiles it
// names exist (so the page cannot drift from the catalogue, the release traits, the mutation catalogue or the profiles).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS } from '../src/target/settings';
import { DEFAULT_RELEASE, releaseTraits } from '../src/target/release';
import { FAULTS } from './mutation/faults';

const ROOT = path.join(__dirname, '..');
const page = readFileSync(path.join(ROOT, 'docs', 'store-settings.md'), 'utf8');
const section = (title: string): string => {
  const start = page.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `docs/store-settings.md has no section "${title}"`);
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
};
/** The body rows of the markdown tables of a section (not their header rows), as cells. */
const bodyRows = (text: string): string[][] => {
  const lines = text.split('\n');
  return lines.flatMap((l, i) => (l.startsWith('| ') && !lines[i + 1]?.startsWith('|---') ? [l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim())] : []))
    .filter((cells) => cells.length > 1);
};
const SOURCE_LINE = /[\w/.-]+\.(php|sql)(:\d+|, line \d+| line \d+)|:\d+(-\d+)?\b/;

describe('docs/store-settings.md', () => {
  const settings = section('Settings');
  const releases = section('Releases');

  it('has a row for every setting the suite follows', () => {
    const firstCells = bodyRows(settings).map((cells) => cells[0]);
    const missing = Object.keys(SETTINGS).filter((key) => !firstCells.some((cell) => cell.includes(`\`${key}\``) || new RegExp(`\\b${key}\\b`).test(cell)));
    assert.deepEqual(missing, [], 'settings of src/target/settings.ts without a row');
  });

  it('has a row for every release trait', () => {
    const traits = Object.keys(releaseTraits(DEFAULT_RELEASE)).filter((t) => t !== 'version');
    const firstCells = bodyRows(releases).map((cells) => cells[0]);
    assert.deepEqual(traits.filter((t) => !firstCells.some((cell) => cell.includes(`\`${t}\``))), [], 'release traits without a row');
  });

  it('names a source line in every row', () => {
    const all = [...bodyRows(settings), ...bodyRows(releases), ...bodyRows(section('Settings the fixtures hold elsewhere')), ...bodyRows(section('Settings that change no answer of the API'))];
    assert.ok(all.length > 60, `only ${all.length} rows`);
    const without = all.filter((cells) => !cells.slice(1, 3).some((c) => SOURCE_LINE.test(c)));
    assert.deepEqual(without.map((c) => c[0]), [], 'rows whose source column names no file and line');
  });

  it('names only mutation faults and profiles that exist', () => {
    const names = new Set(FAULTS.map((f) => f.name));
    const faultCells = bodyRows(settings).map((cells) => cells[cells.length - 1]);
    const named = faultCells.flatMap((cell) => [...cell.matchAll(/`?\b([a-z0-9]+(?:-[a-z0-9.]+){2,})\b`?/g)].map((m) => m[1]));
    const profiles = named.filter((n) => existsSync(path.join(ROOT, 'test', 'fixtures', 'profiles', `${n}.json`)));
    const unknown = named.filter((n) => !names.has(n) && !profiles.includes(n) && !n.startsWith('release-'));
    assert.deepEqual([...new Set(unknown)], [], 'names in the faults column that are neither a fault nor a profile');
    assert.ok(named.filter((n) => names.has(n)).length >= 30, 'the faults column names the catalogue\'s faults');
  });
});
