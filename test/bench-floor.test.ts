// The network floor `npm run bench -- --latency MS` prints beside each row (bench/network-floor.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { networkFloor } from '../bench/network-floor';

describe('the network floor of a run', () => {
  it('is the exchanges\' waiting spread over the workers when that is longer than any scenario\'s own chain', () => {
    const f = networkFloor([{ exchanges: 3 }, { exchanges: 5 }, { exchanges: 2 }], 50, 2);
    assert.deepEqual(f, { exchanges: 10, longestChain: 5, spreadMs: 250, chainMs: 250, floorMs: 250 });
    assert.equal(networkFloor([{ exchanges: 3 }, { exchanges: 5 }, { exchanges: 2 }], 50, 1).floorMs, 500);
  });

  it('is the longest scenario\'s chain when the workers would otherwise wait less than it', () => {
    // 3291 exchanges over 8 workers at 50 ms is 20.6 s; a scenario of 217 in a row would be 10.9 s, of 400 20 s more.
    const run = [...Array(3074).fill({ exchanges: 1 }), { exchanges: 217 }];
    assert.equal(networkFloor(run, 50, 8).floorMs, (3291 * 50) / 8);
    const longer = [...Array(2891).fill({ exchanges: 1 }), { exchanges: 400 }];
    assert.equal(networkFloor(longer, 50, 32).floorMs, 400 * 50);
  });

  it('counts a scenario that makes exchanges side by side by its chain, not its count', () => {
    const f = networkFloor([{ exchanges: 217, chain: 30 }, { exchanges: 3 }], 50, 8);
    assert.equal(f.exchanges, 220);
    assert.equal(f.longestChain, 30);
    assert.equal(f.floorMs, 30 * 50);
  });

  it('refuses a round trip or worker count that gives no floor', () => {
    assert.throws(() => networkFloor([{ exchanges: 1 }], NaN, 1), /round trip/);
    assert.throws(() => networkFloor([{ exchanges: 1 }], 50, 0), /worker/);
  });
});
