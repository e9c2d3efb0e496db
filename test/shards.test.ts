// Two shards of the suite merge into a report equal in counts to one unsharded run.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main as reportMain } from '../src/runner/report-cli';
import { mergeReports, readShard } from '../src/runner/merge';
import { countOutcomes } from '../src/runner/summary';
import { createStore, type ReferenceStore } from '../store';
import { runCli } from './support/cli';

describe('shards', () => {
  let store: ReferenceStore;
  let url: string;
  before(async () => {
    store = createStore({ apiKey: 'b'.repeat(64) });
    url = await store.listen(0, '127.0.0.1');
  });
  after(() => store.close());

  it('merge into the counts of one unsharded run', async () => {
    const tags = '@area:login';
    const env = { INVOTIDE_API_KEY: store.apiKey, INVOTIDE_ALTERNATE_SOURCE_ADDRESS: '127.0.0.2' };
    const dirs = [mkdtempSync(path.join(tmpdir(), 'shard-all-')), mkdtempSync(path.join(tmpdir(), 'shard-1-')), mkdtempSync(path.join(tmpdir(), 'shard-2-'))];
    const [all, one, two] = await Promise.all([
      runCli(['--target', url, '--tags', tags], env, dirs[0]),
      runCli(['--target', url, '--tags', tags, '--shard', '1/2'], env, dirs[1]),
      runCli(['--target', url, '--tags', tags, '--shard', '2/2'], env, dirs[2]),
    ]);
    for (const r of [all, one, two]) assert.match(r.stdout, /conformance: \d+ passed/, r.stdout + r.stderr);
    const whole = readShard(path.join(dirs[0], 'reports'));
    const shards = [readShard(path.join(dirs[1], 'reports')), readShard(path.join(dirs[2], 'reports'))];
    assert.ok(shards.every((s) => s.scenarios.length > 0 && s.scenarios.length < whole.scenarios.length), 'each shard ran a part');
    const merged = mergeReports(shards);
    assert.deepEqual(countOutcomes(merged.scenarios), countOutcomes(whole.scenarios));
    assert.deepEqual(merged.scenarios.map((s) => s.id).sort(), whole.scenarios.map((s) => s.id).sort());

    const out = mkdtempSync(path.join(tmpdir(), 'shard-merged-'));
    assert.equal(await reportMain(['--merge', path.join(dirs[1], 'reports'), '--merge', path.join(dirs[2], 'reports'), '--no-html'], out), 0);
    assert.deepEqual(countOutcomes(readShard(path.join(out, 'reports')).scenarios), countOutcomes(whole.scenarios));
  });
});
