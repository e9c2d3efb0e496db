// Standalone reference store: `npm run store -- [--port N] [--host H] [--db FILE] [--seed conformance|demo|none]`.
// Prints the base URL and both API users' credentials, then serves until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { createStore } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      seed: { type: 'string', default: 'conformance' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const seed = values.seed as 'conformance' | 'demo' | 'none';
  if (!['conformance', 'demo', 'none'].includes(seed)) throw new Error(`--seed must be conformance, demo or none, got ${values.seed}`);

  const store = createStore({ dbPath: values.db, seed, onError: (error) => console.error('store error:', error) });
  const url = await store.listen(port, values.host);
  console.log(`Invotide reference store listening on ${url}`);
  console.log(`  Default     username=Default key=${store.apiKey} (allowed from 127.0.0.1)`);
  console.log(`  Restricted  username=Restricted key=${store.restrictedKey} (allowed from 10.255.255.1 only)`);
  console.log(`  conformance data's users: invotide-restricted key=${store.provisionedKeys.restricted} (allowed from 192.0.2.1 only), invotide-disabled key=${store.provisionedKeys.disabled} (disabled)`);
  console.log(`  database    ${values.db ?? ':memory:'}`);

  const stop = (signal: string) => {
    console.log(`${signal}: stopping`);
    void store.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
