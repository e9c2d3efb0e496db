// Every scenario has one stable id and one level, and the set of ids is pinned: an id never silently disappears or
// changes level. A new scenario is added to test/fixtures/scenario-ids.json on purpose
// (PIN_SCENARIO_IDS=1 node --require ts-node/register/transpile-only --test test/scenario-ids.test.ts rewrites it).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readScenarios } from '../src/features';

const ROOT = path.resolve(__dirname, '..');
const PIN = path.join(__dirname, 'fixtures', 'scenario-ids.json');
const scenarios = readScenarios(path.join(ROOT, 'features'));

describe('scenario ids and levels', () => {
  it('reads the features', () => assert.ok(scenarios.length > 0));

  it('gives every scenario exactly one @id and exactly one level', () => {
    const bad = scenarios.filter((s) => !s.id || s.levels.length !== 1).map((s) => `${s.uri}: "${s.name}" ids/levels: ${s.tags.join(' ')}`);
    assert.deepEqual(bad, []);
  });

  it('uses each id once', () => {
    const seen = new Map<string, number>();
    scenarios.forEach((s) => s.id && seen.set(s.id, (seen.get(s.id) ?? 0) + 1));
    assert.deepEqual([...seen].filter(([, n]) => n > 1).map(([id]) => id), []);
  });

  it('keeps every pinned id with its level', () => {
    // Pinned as written: `@must`.
    const current = Object.fromEntries(scenarios.map((s) => [s.id, `@${s.levels[0]}`]));
    if (process.env.PIN_SCENARIO_IDS === '1') writeFileSync(PIN, JSON.stringify(Object.fromEntries(Object.entries(current).sort()), null, 2) + '\n');
    assert.ok(existsSync(PIN), 'test/fixtures/scenario-ids.json is missing');
    const pinned = JSON.parse(readFileSync(PIN, 'utf8')) as Record<string, string>;
    const lost = Object.entries(pinned).filter(([id, level]) => current[id] !== level).map(([id, level]) => `${id} (${level} → ${current[id] ?? 'gone'})`);
    assert.deepEqual(lost, [], 'a pinned id disappeared or changed level');
    const unpinned = Object.keys(current).filter((id) => !(id in pinned));
    assert.deepEqual(unpinned, [], 'new ids must be pinned on purpose');
  });
});
