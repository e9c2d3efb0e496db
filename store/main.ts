// `npm run store`: the reference store on its own, for trying the suite against a separately started store.
// Its standard output is a ready .env file (status as comments); errors and the stop go to standard error.
import { parseArgs } from 'node:util';
import { createStore } from './index';
import path from 'node:path';
import { API_USERS } from '../src/provision/dataset';
import { ConfigError } from '../src/config';
import { embeddedConfiguration } from '../src/runner/embedded-store';
import type { StoreConfiguration } from '../src/target/store-configuration';

export const HELP = `Usage: invotide-conformance store [options]
       (in a clone of the suite: npm run store -- [options])

Starts the Invotide reference store and prints the lines to put in .env to run the suite against it
(npm run conformance, in another terminal). It stops on Ctrl-C, SIGTERM or SIGHUP, and when the
process that started it (npm) goes away.

Options (each also read from the environment variable named, which the flag overrides):
  --port N              port to listen on (INVOTIDE_STORE_PORT; default 0: a free port)
  --host ADDRESS        address to listen on (default 127.0.0.1)
  --db FILE             SQLite file (default: in memory); an existing file keeps its data and its keys
  --seed NAME           conformance (default), demo or none
  --api-key KEY         key of the Default API user and of invotide-suite, the user the printed lines
                        name (INVOTIDE_STORE_API_KEY; default: random)
  --restricted-key KEY  key of invotide-restricted, allowed from 192.0.2.1 only (INVOTIDE_STORE_RESTRICTED_KEY)
  --disabled-key KEY    key of invotide-disabled, a disabled user (INVOTIDE_STORE_DISABLED_KEY)
  --hardened            without the weaknesses of a stock OpenCart 3.0.5.0 (store/hardening.ts), so that
                        every @security scenario passes
  --fixtures FILE       configured like the store FILE describes (its "release", "settings", currency rates,
                        gift voucher limits, flat rate…): a local stand-in for your staging store
                        (INVOTIDE_FIXTURES; default: a fresh OpenCart 3.0.5.0 install's configuration)
  -h, --help            this text

Keys are 1 to 256 letters, digits, '.', '_', '~' or '-'. With fixed keys and a fixed port, the same .env
serves every start:
  INVOTIDE_STORE_PORT=8080 INVOTIDE_STORE_API_KEY=local-default npm run store
`;

/** Flags of the keys, the environment variables that also set them, and the store option each fills. */
const KEY_FLAGS = {
  'api-key': 'INVOTIDE_STORE_API_KEY',
  'restricted-key': 'INVOTIDE_STORE_RESTRICTED_KEY',
  'disabled-key': 'INVOTIDE_STORE_DISABLED_KEY',
} as const;
const KEY_SHAPE = /^[A-Za-z0-9._~-]{1,256}$/;
const SEEDS = ['conformance', 'demo', 'none'] as const;

class UsageError extends Error {}

interface StoreMainOptions {
  port: number;
  host: string;
  db?: string;
  seed: (typeof SEEDS)[number];
  apiKey?: string;
  restrictedKey?: string;
  disabledKey?: string;
  hardened: boolean;
  /** A fixtures file whose release and settings the store takes. */
  fixtures?: string;
}

/** The options from flags over the environment, each bad value named in one sentence. */
function parseStoreArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): StoreMainOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string' },
        seed: { type: 'string', default: 'conformance' },
        'api-key': { type: 'string' },
        'restricted-key': { type: 'string' },
        'disabled-key': { type: 'string' },
        hardened: { type: 'boolean', default: false },
        fixtures: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see --help)`);
  }
  if (values.help) return 'help';
  const rawPort = values.port ?? env.INVOTIDE_STORE_PORT ?? '0';
  const port = /^\d+$/.test(rawPort) ? Number(rawPort) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535, got "${rawPort}".`);
  const seed = values.seed as StoreMainOptions['seed'];
  if (!SEEDS.includes(seed)) throw new UsageError(`--seed must be ${SEEDS.join(', ')}; got "${values.seed}".`);
  const key = (flag: keyof typeof KEY_FLAGS): string | undefined => {
    const value = values[flag] ?? (env[KEY_FLAGS[flag]] || undefined);
    // A key goes into a .env line and a form body as it is: no spaces, quotes or '#'.
    if (value !== undefined && !KEY_SHAPE.test(value)) throw new UsageError(`--${flag} (or ${KEY_FLAGS[flag]}) must be 1 to 256 letters, digits, '.', '_', '~' or '-'.`);
    return value;
  };
  return {
    port,
    host: values.host,
    db: values.db,
    seed,
    apiKey: key('api-key'),
    restrictedKey: key('restricted-key'),
    disabledKey: key('disabled-key'),
    hardened: values.hardened,
    fixtures: values.fixtures ?? (env.INVOTIDE_FIXTURES || undefined),
  };
}

/** The release and settings of a fixtures file, or one clear line (exit 2) when the file cannot be read. */
function storeConfiguration(file: string): StoreConfiguration {
  try {
    return embeddedConfiguration(path.resolve(file));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`--fixtures: ${error.message}`);
    throw error;
  }
}

/** The .env lines that point the suite at this store, as the embedded run configures itself. */
function envBlock(url: string, host: string, keys: { suite: string; restricted: string; disabled: string }): string {
  return [
    `INVOTIDE_TARGET_URL=${url}`,
    `INVOTIDE_API_USERNAME=${API_USERS.suite.username}`,
    `INVOTIDE_API_KEY=${keys.suite}`,
    `INVOTIDE_RESTRICTED_USERNAME=${API_USERS.restricted.username}`,
    `INVOTIDE_RESTRICTED_KEY=${keys.restricted}`,
    `INVOTIDE_DISABLED_USERNAME=${API_USERS.disabled.username}`,
    `INVOTIDE_DISABLED_KEY=${keys.disabled}`,
    // Linux routes all of 127.0.0.0/8 to loopback: from 127.0.0.2 the suite reaches a loopback store from an address
    // the suite's user is not allowed (the IP rejection scenarios).
    ...(host.startsWith('127.') ? ['INVOTIDE_ALTERNATE_SOURCE_ADDRESS=127.0.0.2'] : []),
    // A store of its own, started for the run: the order scenarios may write to it.
    'INVOTIDE_ALLOW_WRITES=true',
  ].join('\n');
}

async function start(argv: string[], parent: number): Promise<void> {
  const options = parseStoreArgs(argv);
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const configuration = options.fixtures ? storeConfiguration(options.fixtures) : undefined;
  const store = createStore({
    ...configuration,
    dbPath: options.db,
    seed: options.seed,
    apiKey: options.apiKey,
    provisionedKeys: { restricted: options.restrictedKey, disabled: options.disabledKey },
    hardened: options.hardened,
    onError: (error) => console.error('store error:', error instanceof Error ? error.message : error),
  });
  const url = await store.listen(options.port, options.host).catch(async (error: NodeJS.ErrnoException) => {
    await store.close();
    throw new UsageError(error.code === 'EADDRINUSE' ? `port ${options.port} on ${options.host} is in use.` : error.message);
  });
  const keys = { apiKey: store.apiKey, ...store.provisionedKeys };
  for (const [flag, asked, has] of [['restricted-key', options.restrictedKey, keys.restricted], ['disabled-key', options.disabledKey, keys.disabled]] as const) {
    if (asked !== undefined && asked !== has) console.error(`store: ${options.db} keeps its own key for --${flag}; the block below has the one it uses.`);
  }
  console.log(
    [
      `# Invotide reference store${options.hardened ? ' (hardened)' : ''} on ${url}, database ${options.db ?? 'in memory'}, seed ${options.seed}, as OpenCart ${store.release}${options.fixtures ? ` configured like ${options.fixtures}` : ''}.`,
      '# Put these lines in .env and run `npm run conformance` in another terminal; Ctrl-C here stops the store.',
      envBlock(url, options.host, keys),
    ].join('\n'),
  );
  stopWithSignalsAndParent(store.close, parent);
}

/**
 * Stops on the signals a terminal or a supervisor sends, and when the parent goes: npm forwards SIGTERM to the
 * `sh -c` it ran the script in, which dies without passing it on, so the store would otherwise outlive npm.
 */
function stopWithSignalsAndParent(close: () => Promise<void>, parent: number): void {
  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    console.error(`store: ${why}, stopping`);
    // A client that holds a request open must not keep the store up.
    setTimeout(() => process.exit(0), 2000).unref();
    void close().then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(signal));
  // A store started by init (a service) has nothing to outlive.
  if (parent === 1) return;
  setInterval(() => {
    if (process.ppid !== parent) stop('the process that started it exited');
  }, 250).unref();
}

/**
 * The command: serves until stopped; a bad option or a port in use ends it with one line and exit code 2. `parent`
 * is the process that started it, read first thing, before the seconds it may take to load this module.
 */
export function main(argv: string[], parent = process.ppid): void {
  start(argv, parent).catch((error: unknown) => {
    console.error(`store: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}

if (require.main === module) main(process.argv.slice(2));
