// `invotide-conformance provision [--teardown]`: prints the SQL that adds (or removes) the suite's data, to be run
// against the store's MySQL or MariaDB database by whoever administers it: `... provision | mysql shop`.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, readConfigValues } from '../config';
import { API_USERS, type ApiKeys } from './dataset';
import { provisionScript, teardownScript } from './sql';

export const PROVISION_HELP = `Usage: invotide-conformance provision [--prefix PREFIX] [--env-file FILE] [--teardown]

Prints SQL (MySQL or MariaDB) that adds to any OpenCart 3.0.x database the data the conformance suite needs:
products, options, a category and a tax class of its own, coupons, gift vouchers, customers, and two API users
(invotide-disabled, whose login must be refused, and invotide-restricted, allowed only from 192.0.2.1). Every row
has an id in a reserved block (9990001-9990999) or belongs to one that has; codes start with IVT-, e-mail addresses
end with @invotide.example. It stops before changing anything when a reserved id is taken by a row it did not add.
Applying it twice is applying it once; applying it again also restores what runs changed in its data.

  --prefix PREFIX   the store's table prefix (DB_PREFIX in config.php; default in_)
  --env-file FILE   read the two API users' keys from FILE (default ./.env); keys not found there are generated
                    and printed on stderr as lines to add to it
  --teardown        print the SQL that removes exactly what provisioning added and what runs created with it
                    (orders of its customers or products, their history and vouchers, carts and API sessions)
  -h, --help        this text

Example:
  npx invotide-conformance provision --prefix oc_ > provision.sql && mysql shop < provision.sql
`;

export function provisionMain(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t), err: (text: string) => void = (t) => process.stderr.write(t)): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { prefix: { type: 'string' }, 'env-file': { type: 'string' }, teardown: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    err(`invotide-conformance provision: ${(error as Error).message} (see --help)\n`);
    return 2;
  }
  if (values.help) {
    out(PROVISION_HELP);
    return 0;
  }
  const prefix = values.prefix ?? 'in_';
  if (!/^[A-Za-z0-9_]{0,32}$/.test(prefix)) {
    err(`invotide-conformance provision: --prefix must be letters, digits or _ (OpenCart's DB_PREFIX), got "${prefix}".\n`);
    return 2;
  }
  if (values.teardown) {
    out(teardownScript(prefix));
    return 0;
  }
  let configured: Record<string, string | undefined>;
  try {
    configured = readConfigValues({ envFile: values['env-file'] });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(`invotide-conformance provision: configuration error: ${error.message}\n`);
    return 2;
  }
  const { keys, generated } = apiKeys(configured);
  out(provisionScript(prefix, keys));
  if (generated.length) {
    err(`invotide-conformance provision: generated keys for the API users it adds; add these lines to your .env:\n${generated.join('\n')}\n`);
  }
  return 0;
}

/** The keys of the two API users: the configured ones when the configuration names these users, else new ones. */
function apiKeys(configured: Record<string, string | undefined>): { keys: ApiKeys; generated: string[] } {
  const generated: string[] = [];
  const key = (role: keyof ApiKeys, prefix: 'DISABLED' | 'RESTRICTED'): string => {
    const username = API_USERS[role].username;
    const known = configured[`INVOTIDE_${prefix}_USERNAME`] === username ? configured[`INVOTIDE_${prefix}_KEY`] : undefined;
    if (known) return known;
    const fresh = randomBytes(32).toString('hex');
    generated.push(`INVOTIDE_${prefix}_USERNAME=${username}`, `INVOTIDE_${prefix}_KEY=${fresh}`);
    return fresh;
  };
  return { keys: { disabled: key('disabled', 'DISABLED'), restricted: key('restricted', 'RESTRICTED') }, generated };
}
