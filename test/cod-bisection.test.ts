// The bisection that bounds cash on delivery's minimum total a few carts at a time (src/target/learners/payment.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstTrue } from '../src/target/learners/payment';

describe('bisecting a few probes at a time', () => {
  it('finds the first index that answers true, whatever the width, as a one-at-a-time bisection does', async () => {
    for (const n of [1, 2, 3, 7, 100, 861]) {
      for (const width of [1, 2, 6]) {
        for (const boundary of new Set([0, 1, Math.floor(n / 3), n - 2, n - 1].filter((b) => b >= 0 && b < n))) {
          const found = await firstTrue(n, width, async (i) => i >= boundary);
          assert.deepEqual(found, { above: boundary - 1, atMost: boundary }, `n ${n}, width ${width}, boundary ${boundary}`);
        }
      }
    }
  });

  it('asks at most `width` probes at once, each on its own lane, and needs fewer rounds the wider it is', async () => {
    const rounds = async (width: number) => {
      let inFlight = 0;
      let most = 0;
      let calls = 0;
      const lanes: number[][] = [];
      await firstTrue(861, width, async (i, lane) => {
        calls++;
        inFlight++;
        most = Math.max(most, inFlight);
        (lanes[lanes.length - 1]?.length === 0 || inFlight === 1 ? lanes.push([]) : 0);
        lanes[lanes.length - 1].push(lane);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return i >= 300;
      });
      for (const round of lanes) assert.equal(new Set(round).size, round.length, 'no lane asked twice in a round');
      return { most, rounds: lanes.length, calls };
    };
    const one = await rounds(1);
    const six = await rounds(6);
    assert.equal(one.most, 1);
    assert.equal(six.most, 6);
    assert.ok(one.rounds >= 10, `one at a time: ${one.rounds} rounds`);
    assert.ok(six.rounds <= 5, `six at a time: ${six.rounds} rounds`);
  });

  it('gives no bound when the last index does not answer true, a probe gives no answer, or the answers go back', async () => {
    assert.equal(await firstTrue(50, 6, async () => false), undefined);
    assert.equal(await firstTrue(50, 6, async (i) => (i >= 20 && i < 30 ? undefined : i >= 30)), undefined);
    assert.equal(await firstTrue(50, 6, async (i) => i < 10 || i === 49), undefined);
    assert.equal(await firstTrue(0, 6, async () => true), undefined);
  });
});
