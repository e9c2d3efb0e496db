// The network floor of a run against a store across a network: the least time its exchanges must wait, whatever the
// suite does around them. Each exchange waits one round trip; w workers wait side by side, so the run waits at least
// exchanges × round trip / w; and a scenario's own exchanges follow one another, so the run waits at least its
// longest chain of them × round trip. The floor is the larger of the two; `npm run bench -- --latency MS` prints it
// beside each row, with the row's wall time over it.

export interface NetworkFloor {
  /** Exchanges of the run's scenarios. */
  exchanges: number;
  /** The longest chain of exchanges one scenario makes one after another. */
  longestChain: number;
  /** exchanges × round trip / workers, in ms. */
  spreadMs: number;
  /** longestChain × round trip, in ms. */
  chainMs: number;
  /** The larger of the two, in ms. */
  floorMs: number;
}

/**
 * The floor of a run whose scenarios made these exchanges each (a scenario's count, or its chain when it made some of
 * them side by side), over `workers` workers at `roundTripMs`.
 */
export function networkFloor(scenarios: Array<{ exchanges: number; chain?: number }>, roundTripMs: number, workers: number): NetworkFloor {
  if (!(roundTripMs >= 0) || !(workers >= 1)) throw new Error(`a floor needs a round trip of at least 0 ms and at least 1 worker (got ${roundTripMs} ms, ${workers})`);
  const exchanges = scenarios.reduce((sum, s) => sum + s.exchanges, 0);
  const longestChain = scenarios.reduce((most, s) => Math.max(most, s.chain ?? s.exchanges), 0);
  const spreadMs = (exchanges * roundTripMs) / workers;
  const chainMs = longestChain * roundTripMs;
  return { exchanges, longestChain, spreadMs, chainMs, floorMs: Math.max(spreadMs, chainMs) };
}
