// A reference store inside this cucumber process, for two cases:
// - `--parallel` against the embedded store (world parameter `storePerWorker`): each worker starts its own store with
//   the runner's keys, so no request crosses processes (on a 2-core machine every cross-process request costs a
//   wake-up of the other process, which made two workers slower than one);
// - mutation testing (INVOTIDE_IN_PROCESS_STORE=1, set by `npm run mutation:stryker`), so Stryker's coverage analysis
//   sees which scenarios reach which store code.
// Otherwise the runner starts the store (or the target is remote) and workers get its URL as world parameters.
import { AfterAll, BeforeAll } from '@cucumber/cucumber';
import path from 'node:path';
import type { RunParameters } from '../../src/run-parameters';

let parameters: RunParameters | undefined;
let close: (() => Promise<void>) | undefined;

/** The in-process store's parameters, when this process has one. */
export const inProcessParameters = (): RunParameters | undefined => parameters;

BeforeAll(async function (this: { parameters: Partial<RunParameters> }) {
  const given = this.parameters;
  const forMutation = process.env.INVOTIDE_IN_PROCESS_STORE === '1';
  if (!given.storePerWorker && !forMutation) return;
  const { startEmbeddedStore } = await import('../../src/runner/embedded-store');
  const common = {
    timeoutMs: given.timeoutMs ?? 10_000,
    fixturesFile: given.fixturesFile ?? path.resolve(__dirname, '../../targets/demo.json'),
    caFile: given.caFile,
    alternateSourceAddress: given.alternateSourceAddress,
  };
  const keys = given.storePerWorker && given.apiKey && given.restrictedKey ? { apiKey: given.apiKey, restrictedKey: given.restrictedKey } : undefined;
  const target = await startEmbeddedStore(common, keys);
  parameters = target.params;
  close = target.close;
});

AfterAll(async function () {
  await close?.();
  parameters = undefined;
});
