// `invotide-conformance provision [--teardown]`: prints the SQL that adds (or removes) the suite's data, to be run
// against the store's MySQL or MariaDB database by whoever administers it: `... provision | mysql shop`.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, readConfigValues } from '../config';
import { allowListProblem, API_USERS, MAX_SUITE_IPS, RESTRICTED_IP, SESSION_ID_PREFIX, type ApiKeys, type ApiUserRole } from './dataset';
import { provisionScript, teardownScript } from './sql';

const SUITE = API_USERS.suite.username;
/** The configuration key that holds the suite user's allow-list (what --allow-ip gives). */
export const ALLOWED_IPS_KEY = 'INVOTIDE_API_ALLOWED_IPS';

export const PROVISION_HELP = `Usage: invotide-conformance provision --allow-ip ADDRESS [--allow-ip ADDRESS ...] [--prefix PREFIX] [--env-file FILE]
       invotide-conformance provision --teardown [--prefix PREFIX]

Prints SQL (MySQL or MariaDB) that adds to any OpenCart 3.0.x database the data the conformance suite needs:
products, options, a category and a tax class of its own, coupons, gift vouchers, customers, and three API users:
${SUITE}, the user runs log in as (so that they never touch the store's own Default user, nor its sessions),
allowed only from the addresses you give; invotide-disabled, whose login must be refused; and invotide-restricted,
allowed only from ${RESTRICTED_IP}. Every row has an id in a reserved block (9990001-9990999) or belongs to one
that has; codes start with IVT-, e-mail addresses end with @invotide.example. It stops before changing anything
when a reserved id is taken by a row it did not add. Applying it twice is applying it once; applying it again also
restores what runs changed in its data.

  --allow-ip ADDRESS  an address ${SUITE} may log in from: the one the store sees the suite's requests come
                      from (your CI runner's outbound address; 127.0.0.1 for a store on the same machine). Once
                      per address, up to ${MAX_SUITE_IPS}; OpenCart compares them exactly, so no ranges. Default: ${ALLOWED_IPS_KEY}
                      from the configuration (comma-separated). Unsure? A run from an address not on the list
                      stops at once and names the address the store saw.
  --prefix PREFIX     the store's table prefix (DB_PREFIX in config.php; default in_)
  --env-file FILE     read the API users' keys and ${ALLOWED_IPS_KEY} from FILE (default ./.env); keys not found there
                      are generated and printed on stderr as lines to add to it
  --teardown          print the SQL that removes exactly what provisioning added and what runs created with it:
                      orders of its customers or products, their history and vouchers, carts, the API sessions of
                      its users and the store sessions its runs opened (those of its users' tokens, and those whose id
                      starts with ${SESSION_ID_PREFIX}, as the suite's client names every session it opens); no row of
                      any other API user, Default included
  -h, --help          this text

Example:
  npx invotide-conformance provision --allow-ip 203.0.113.7 --prefix oc_ > provision.sql && mysql shop < provision.sql
`;

const fail = (err: (text: string) => void, message: string): number => {
  err(`invotide-conformance provision: ${message}\n`);
  return 2;
};

export function provisionMain(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t), err: (text: string) => void = (t) => process.stderr.write(t)): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        prefix: { type: 'string' },
        'env-file': { type: 'string' },
        'allow-ip': { type: 'string', multiple: true },
        teardown: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(err, `${(error as Error).message} (see --help)`);
  }
  if (values.help) {
    out(PROVISION_HELP);
    return 0;
  }
  const prefix = values.prefix ?? 'in_';
  if (!/^[A-Za-z0-9_]{0,32}$/.test(prefix)) return fail(err, `--prefix must be letters, digits or _ (OpenCart's DB_PREFIX), got "${prefix}".`);
  if (values.teardown) {
    if (values['allow-ip']) return fail(err, '--allow-ip means nothing with --teardown, which removes the suite user whatever its allow-list.');
    out(teardownScript(prefix));
    return 0;
  }
  let configured: Record<string, string | undefined>;
  try {
    configured = readConfigValues({ envFile: values['env-file'] });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return fail(err, `configuration error: ${error.message}`);
  }
  const fromFlags = values['allow-ip'];
  const ips = (fromFlags ?? configured[ALLOWED_IPS_KEY]?.split(',') ?? []).map((ip) => ip.trim()).filter(Boolean);
  if (ips.length === 0) {
    return fail(err,
      `${SUITE}, the API user runs log in as, needs the addresses it may log in from: give --allow-ip ADDRESS (once per address) with the address the store sees your test runner's requests come from ` +
      `(a CI runner's outbound address; 127.0.0.1 for a store on the same machine), or set ${ALLOWED_IPS_KEY} in .env (see --help).`);
  }
  const problem = allowListProblem(ips);
  if (problem) return fail(err, `${fromFlags ? '--allow-ip' : ALLOWED_IPS_KEY}: ${problem}.`);

  const { keys, generated } = apiKeys(configured);
  // The allow-list goes into .env too when it came from the command line, so that provisioning again writes the same.
  if (fromFlags && configured[ALLOWED_IPS_KEY] !== ips.join(',')) generated.push(`${ALLOWED_IPS_KEY}=${ips.join(',')}`);
  out(provisionScript(prefix, keys, ips));
  if (generated.length) {
    err(`invotide-conformance provision: add these lines to your .env (replacing any of the same keys); runs then log in as ${SUITE}:\n${generated.join('\n')}\n`);
  }
  return 0;
}

/** The configuration keys that name each API user and its key. */
const CONFIG_OF: Record<ApiUserRole, { username: string; key: string }> = {
  suite: { username: 'INVOTIDE_API_USERNAME', key: 'INVOTIDE_API_KEY' },
  disabled: { username: 'INVOTIDE_DISABLED_USERNAME', key: 'INVOTIDE_DISABLED_KEY' },
  restricted: { username: 'INVOTIDE_RESTRICTED_USERNAME', key: 'INVOTIDE_RESTRICTED_KEY' },
};

/**
 * The keys of the API users: the configured ones when the configuration names these users (a key with no user name
 * is the suite user's, as for a run), else new ones, each with the lines that name it.
 */
function apiKeys(configured: Record<string, string | undefined>): { keys: ApiKeys; generated: string[] } {
  const generated: string[] = [];
  const key = (role: ApiUserRole): string => {
    const { username } = API_USERS[role];
    const names = CONFIG_OF[role];
    const named = configured[names.username] ?? (role === 'suite' ? SUITE : undefined);
    const known = named === username ? configured[names.key] : undefined;
    if (known) return known;
    const fresh = randomBytes(32).toString('hex');
    generated.push(`${names.username}=${username}`, `${names.key}=${fresh}`);
    return fresh;
  };
  return { keys: { suite: key('suite'), disabled: key('disabled'), restricted: key('restricted') }, generated };
}
