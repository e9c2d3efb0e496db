// The negative suite has teeth: a store whose cart/add breaks on non-numeric input (a test double wrapped around the
// real handler) is caught, with the failing input printed so it can be replayed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { runCli } from './support/cli';

describe('negative suite', () => {
  let store: ReferenceStore;
  let url: string;
  before(async () => {
    store = createStore({
      apiKey: 'n'.repeat(64),
      variant: {
        handler: (route, original) =>
          route === 'api/cart/add'
            ? (r) => {
                const q = r.request.post.get('quantity');
                if (typeof q === 'string' && q !== '' && !/^-?\d+$/.test(q)) throw new Error('a broken store: quantity is not a number');
                return original(r);
              }
            : original,
      },
    });
    url = await store.listen(0, '127.0.0.1');
  });
  after(() => store.close());

  it('catches a handler that fails on hostile input, and prints the input to replay', async () => {
    const run = await runCli(['--target', url, '--tags', '@negative and not @writes'], { INVOTIDE_API_KEY: store.apiKey });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    // 20 routes × 3 families; a non-numeric quantity is sent by the hostile-input family (numbers as text, markup...)
    // and by the astral-text family (text with emoji); the list-for-text family sends it as a list, which this
    // double lets through.
    assert.match(run.stdout, /conformance: 58 passed, 2 failed, 0 skipped/);
    assert.match(run.stdout, /✗ api\/cart\/add under hostile input \[failed\]/);
    assert.match(run.stdout, /✗ api\/cart\/add sent text outside the Basic Multilingual Plane \[failed\]/);
    assert.match(run.stdout, /#\d+ \(hostile-input, seed \d+\) api\/cart\/add .*quantity=.* → HTTP 500/);
  });
});
