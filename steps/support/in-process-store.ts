// For mutation testing only (INVOTIDE_IN_PROCESS_STORE=1, set by `npm run mutation:stryker`): the reference store
// runs inside the cucumber process, so Stryker's coverage analysis sees which scenarios reach which store code.
// Normal runs never load this path: the runner starts the store and hands workers its URL as world parameters.
import { AfterAll, BeforeAll } from './cucumber';
import path from 'node:path';
import type { RunParameters } from '../../src/run-parameters';

let parameters: RunParameters | undefined;

/** The in-process store's parameters, when this run has one. */
export const inProcessParameters = (): RunParameters | undefined => parameters;

if (process.env.INVOTIDE_IN_PROCESS_STORE === '1') {
  let close: (() => Promise<void>) | undefined;
  BeforeAll(async function () {
    const { startEmbeddedStore } = await import('../../src/runner/embedded-store');
    const target = await startEmbeddedStore({ timeoutMs: 10_000, fixturesFile: path.resolve(__dirname, '../../targets/provisioned.json') });
    parameters = target.params;
    close = target.close;
  });
  AfterAll(async function () {
    await close?.();
    parameters = undefined;
  });
}
