// The conformance data has one definition: the SQL a real store gets, the reference store's seed and the fixtures the
// scenarios read come from it, so they cannot drift. (test/provision-mariadb.test.ts applies the SQL to MariaDB.)
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createStore } from '../store';
import { startEmbeddedStore } from '../src/runner/embedded-store';
import { runCli } from './support/cli';
import { ABSENT_ID, API_USERS, ID_BLOCK, provisionInserts, provisionedFixtures, suiteSessionId } from '../src/provision/dataset';
import { insertStatements, provisionScript, sessionRemovals, teardownScript } from '../src/provision/sql';
import { provisionMain } from '../src/provision/cli';
import { ConfigError } from '../src/config';
import { describeDatum, fixtureAt, interpolate, loadFixtures, MissingDatumError } from '../src/fixtures';

const KEYS = { disabled: 'd'.repeat(64), restricted: 'r'.repeat(64), suite: 's'.repeat(64) };
/** The suite user's allow-list: an address of TEST-NET-3 and one of IPv6's documentation prefix. */
const IPS = ['203.0.113.7', '2001:db8::7'];
type Row = Record<string, unknown>;

describe('the conformance data', () => {
  it('gives every row an id of the reserved block, or hangs it off a row that has one', () => {
    for (const insert of provisionInserts(KEYS, IPS)) {
      assert.ok(insert.owner.id > ID_BLOCK && insert.owner.id < ID_BLOCK + 1000, `${insert.table} row owned by ${insert.owner.column} ${insert.owner.id}`);
      assert.equal(insert.row[insert.owner.column] ?? insert.owner.id, insert.owner.id, `${insert.table}: the owner column holds the owner id`);
    }
  });

  it('seeds the reference store with exactly what the fixtures name', () => {
    const store = createStore({ provisionedKeys: KEYS });
    try {
      const f = provisionedFixtures() as Record<string, Record<string, Row>>;
      const one = (sql: string, ...params: unknown[]): Row => store.db.prepare(sql).get(...params) as Row;
      for (const [role, p] of Object.entries(f.products)) {
        const row = one('SELECT p.model, d.name FROM in_product p JOIN in_product_description d USING (product_id) WHERE product_id = ?', p.product_id);
        if (p.exists === false) assert.equal(row, undefined, `${role} must not exist`);
        else assert.deepEqual(row, { model: p.model, name: p.name }, role);
      }
      for (const [role, c] of Object.entries(f.coupons)) {
        const row = one('SELECT code FROM in_coupon WHERE code = ?', c.code);
        assert.equal(row === undefined, c.exists === false, `coupon ${role}`);
      }
      for (const [role, c] of Object.entries(f.customers).filter(([, c]) => Number(c.customer_id) > 0)) {
        const row = one('SELECT email, status FROM in_customer WHERE customer_id = ?', c.customer_id);
        if (c.exists === false) assert.equal(row, undefined, role);
        else assert.deepEqual(row, { email: c.email, status: c.disabled ? 0 : 1 }, role);
      }
      const points = one('SELECT SUM(points) AS n FROM in_customer_reward WHERE customer_id = ?', f.customers['registered with points'].customer_id);
      assert.equal(points.n, f.customers['registered with points'].reward_points);
      assert.deepEqual(one('SELECT status, key FROM in_api WHERE username = ?', API_USERS.disabled.username), { status: 0, key: KEYS.disabled });
      // The user runs log in as, allowed from where the store's clients are (the Default user's allow-list).
      assert.deepEqual(one('SELECT a.api_id, a.status, a.key, GROUP_CONCAT(i.ip) AS ips FROM in_api a JOIN in_api_ip i USING (api_id) WHERE username = ?', API_USERS.suite.username),
        { api_id: API_USERS.suite.id, status: 1, key: KEYS.suite, ips: '127.0.0.1' });
      // The settings the SQL reads when it runs: the store's default customer group and country.
      assert.deepEqual(one('SELECT customer_group_id FROM in_customer WHERE customer_id = ?', f.customers['registered with points'].customer_id), { customer_group_id: 1 });
      assert.deepEqual(one('SELECT country_id, zone_id FROM in_zone_to_geo_zone WHERE geo_zone_id = ?', ID_BLOCK + 1), { country_id: 222, zone_id: 0 });
    } finally {
      void store.close();
    }
  });

  it('prices its taxed products the way the fixtures say: 20 % plus a fixed 2.00', () => {
    const f = provisionedFixtures() as Record<string, Record<string, Row>>;
    assert.equal(f.products.simple.unit_price, 123.2);
    assert.equal(f.products['with a required select'].unit_price, 98, 'the special with the lower priority number wins');
    assert.equal(f.products['priced by quantity'].unit_price, 10, 'untaxed');
    assert.equal(f.products['with every option type'].unit_price_with_every_option, 138.8);
  });

  it('renders the same statements for every prefix but the table names', () => {
    const a = insertStatements('in_', KEYS, IPS);
    const b = insertStatements('oc_', KEYS, IPS);
    assert.equal(a.length, b.length);
    assert.deepEqual(b, a.map((s) => s.replace(/`in_/g, '`oc_')));
    assert.doesNotMatch(provisionScript('oc_', KEYS, IPS) + teardownScript('oc_'), /`in_/);
  });

  it('guards, removes its earlier rows and registers what it adds; teardown removes every table it wrote', () => {
    const script = provisionScript('in_', KEYS, IPS);
    const steps = ['PREPARE invotide_guard', 'DELETE FROM `in_product` WHERE `product_id` IN', 'INSERT INTO `in_product`', 'INSERT INTO `in_invotide_provision`'];
    const at = steps.map((s) => script.indexOf(s));
    assert.ok(at.every((i, n) => i > (at[n - 1] ?? -1)), `in this order: ${steps.join(' → ')}`);
    const teardown = teardownScript('in_');
    for (const table of new Set(provisionInserts(KEYS, IPS).map((i) => i.table))) assert.match(teardown, new RegExp(`DELETE FROM \`in_${table}\``), table);
    assert.match(teardown, /DROP TABLE IF EXISTS `in_invotide_provision`/);
    assert.match(script, new RegExp(`\`product_id\` = ${ABSENT_ID} HAVING`), 'the guard also keeps the "unknown" ids free');
  });

  it('adds the suite\'s API user with its key and the allow-list given, each address a row with an id of the block', () => {
    const script = provisionScript('oc_', KEYS, IPS);
    assert.match(script, /INSERT INTO `oc_api` \(`api_id`, `username`, `key`, `status`, `date_added`, `date_modified`\) VALUES \(9990003, 'invotide-suite', 's{64}', 1, /);
    assert.match(script, /INSERT INTO `oc_api_ip` \(`api_ip_id`, `api_id`, `ip`\) VALUES \(9990100, 9990003, '203\.0\.113\.7'\);/);
    assert.match(script, /INSERT INTO `oc_api_ip` \(`api_ip_id`, `api_id`, `ip`\) VALUES \(9990101, 9990003, '2001:db8::7'\);/);
    // OpenCart 3.0 needs no more for a user to call every API route: each route asks only that the session has an api_id.
    assert.doesNotMatch(script, /api_permission/);
    assert.match(script, /\(SELECT CONCAT\('api_ip\.api_ip_id ', MIN\(`api_ip_id`\)\) FROM `oc_api_ip` WHERE `api_ip_id` IN \(9990002, 9990100, 9990101\) AND/, 'the guard checks its allow-list\'s ids');
    assert.throws(() => provisionInserts(KEYS, ['10.0.0.0/8']), /not an IP address \(OpenCart 3\.0 compares each address exactly/);
  });

  it('teardown removes the sessions runs opened, by the suite\'s users and its reserved session ids, before their API sessions', () => {
    const teardown = teardownScript('oc_');
    const removals = sessionRemovals('oc_');
    assert.deepEqual(removals, [
      'DELETE FROM `oc_session` WHERE `session_id` IN (SELECT `session_id` FROM `oc_api_session` WHERE `api_id` IN (9990001, 9990002, 9990003));',
      'DELETE FROM `oc_session` WHERE CAST(LEFT(`data`, 19) AS BINARY) IN (\'{"api_id":"9990001"\', \'{"api_id":"9990002"\', \'{"api_id":"9990003"\') ' +
        'OR CAST(LEFT(`data`, 18) AS BINARY) IN (\'{"api_id":9990001,\', \'{"api_id":9990001}\', \'{"api_id":9990002,\', \'{"api_id":9990002}\', \'{"api_id":9990003,\', \'{"api_id":9990003}\');',
      'DELETE FROM `oc_session` WHERE CAST(LEFT(`session_id`, 9) AS BINARY) = \'invotide-\';',
    ]);
    const at = (text: string): number => teardown.indexOf(text);
    for (const removal of removals) assert.ok(at(removal) >= 0 && at(removal) < at('DELETE FROM `oc_api_session`'), removal);
    assert.match(teardown, /DELETE FROM `oc_api_session` WHERE `api_id` IN \(9990001, 9990002, 9990003\);/);
    assert.match(teardown, /DELETE FROM `oc_cart` WHERE `api_id` IN \(9990001, 9990002, 9990003\);/);
    // Whatever allow-list the suite user was given, teardown (which is not told) removes it.
    assert.match(teardown, /DELETE FROM `oc_api_ip` WHERE `api_id` IN \(9990001, 9990002, 9990003\);/);
    assert.doesNotMatch(teardown, /`api_id` IN \([^)]*\b1\b/, 'never the Default user (api_id 1)');
  });

  it('gives the sessions the suite\'s client opens ids of the reserved shape, which OpenCart accepts and keeps whole', () => {
    const ids = Array.from({ length: 20 }, suiteSessionId);
    for (const sessionId of ids) {
      assert.match(sessionId, /^invotide-[0-9a-f]{23}$/, 'OpenCart: /^[a-zA-Z0-9,\-]{22,52}$/, in a varchar(32)');
    }
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe('the embedded reference store as a run\'s target', () => {
  it('has the run log in as the suite\'s user, allowed from where the run is, and keeps Default\'s key for the key-only login alone', async () => {
    const target = await startEmbeddedStore({ timeoutMs: 10_000, fixturesFile: path.join(__dirname, '..', 'targets', 'provisioned.json') });
    try {
      const p = target.params;
      const login = async (form: Record<string, string>): Promise<unknown> =>
        (await fetch(`${p.baseUrl}index.php?route=api/login`, { method: 'POST', body: new URLSearchParams(form) })).json();
      assert.equal(p.apiUsername, 'invotide-suite');
      assert.equal(typeof ((await login({ username: p.apiUsername, key: p.apiKey! })) as { api_token?: unknown }).api_token, 'string');
      assert.notEqual(p.defaultUserKey, p.apiKey, 'the two users have keys of their own');
      assert.deepEqual(await login({ username: 'Default', key: p.apiKey! }), [], 'the suite\'s key opens no other user');
      assert.equal(typeof ((await login({ key: p.defaultUserKey! })) as { api_token?: unknown }).api_token, 'string', 'the key alone logs in as Default');
      for (const key of [p.apiKey, p.defaultUserKey]) assert.ok(p.secrets.includes(key!), 'both keys are blanked in reports');
    } finally {
      await target.close();
    }
  });
});

describe('a run from an address the suite user is not allowed from', () => {
  it('stops before any scenario with one line naming the address the store saw and how to allow it, exit 2', async () => {
    // The suite user (and Default) allowed only from elsewhere, as after provisioning with the wrong --allow-ip.
    const store = createStore({ allowedIps: ['203.0.113.7'] });
    try {
      const url = await store.listen(0, '127.0.0.1');
      const run = await runCli(['--target', url], { INVOTIDE_API_KEY: store.provisionedKeys.suite });
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stdout + run.stderr,
        /the store does not allow this machine's address for user invotide-suite: "Warning: Your IP 127\.0\.0\.1 is not allowed to access this API!" \(provision again with --allow-ip and that address/);
      // A key of another user (Default's, from a configuration older than the suite's user) names the user it tried.
      const old = await runCli(['--target', url], { INVOTIDE_API_KEY: 'not-the-suite-users-key' });
      assert.equal(old.code, 2);
      assert.match(old.stderr, /^invotide-conformance: the store rejected the API credentials of user invotide-suite: .*`invotide-conformance provision` adds invotide-suite and prints its key\)\.\n$/);
    } finally {
      await store.close();
    }
  });
});

describe('invotide-conformance provision', () => {
  const run = (args: string[], env: Record<string, string> = {}) => {
    let out = '';
    let err = '';
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const code = provisionMain(args, (t) => (out += t), (t) => (err += t));
      return { code, out, err };
    } finally {
      process.env = saved;
    }
  };
  const cwd = mkdtempSync(path.join(tmpdir(), 'invotide-provision-'));
  const envFile = path.join(cwd, 'empty.env');
  writeFileSync(envFile, '');

  it('prints the SQL for the prefix, and the generated keys and the allow-list as lines for .env on stderr', () => {
    const r = run(['--prefix', 'oc_', '--env-file', envFile, '--allow-ip', '203.0.113.7', '--allow-ip', '198.51.100.2']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^-- Adds the Invotide conformance data/);
    assert.match(r.out, /INSERT INTO `oc_product`/);
    assert.match(r.out, /VALUES \(9990101, 9990003, '198\.51\.100\.2'\);/);
    const lines = r.err.split('\n');
    assert.match(lines[0], /^invotide-conformance provision: add these lines to your \.env .*runs then log in as invotide-suite:$/);
    assert.match(lines[1], /^INVOTIDE_API_USERNAME=invotide-suite$/);
    assert.match(lines[2], /^INVOTIDE_API_KEY=[0-9a-f]{64}$/);
    assert.match(r.err, /^INVOTIDE_DISABLED_USERNAME=invotide-disabled\nINVOTIDE_DISABLED_KEY=[0-9a-f]{64}$/m);
    assert.match(r.err, /^INVOTIDE_API_ALLOWED_IPS=203\.0\.113\.7,198\.51\.100\.2$/m);
    assert.ok(r.out.includes(`'invotide-suite', '${lines[2].split('=')[1]}'`), 'the key printed is the one the SQL gives the suite user');
    assert.doesNotMatch(r.out, /INVOTIDE_/);
  });

  it('uses the keys and the allow-list the configuration already names, so the SQL is the same each time', () => {
    const env = {
      INVOTIDE_API_USERNAME: 'invotide-suite', INVOTIDE_API_KEY: 'k0', INVOTIDE_API_ALLOWED_IPS: '203.0.113.7, 198.51.100.2',
      INVOTIDE_DISABLED_USERNAME: 'invotide-disabled', INVOTIDE_DISABLED_KEY: 'k1', INVOTIDE_RESTRICTED_USERNAME: 'invotide-restricted', INVOTIDE_RESTRICTED_KEY: 'k2',
    };
    const a = run(['--env-file', envFile], env);
    const b = run(['--env-file', envFile], env);
    assert.equal(a.code, 0);
    assert.equal(a.err, '');
    assert.equal(a.out, b.out);
    assert.match(a.out, /'invotide-suite', 'k0'/);
    assert.match(a.out, /'invotide-disabled', 'k1'/);
    assert.match(a.out, /VALUES \(9990101, 9990003, '198\.51\.100\.2'\);/);
    // A key with no user name is the suite user's (the user a run logs in as by default); the key of another user is not.
    assert.match(run(['--env-file', envFile], { ...env, INVOTIDE_API_USERNAME: '' }).out, /'invotide-suite', 'k0'/);
    const other = run(['--env-file', envFile], { ...env, INVOTIDE_API_USERNAME: 'Default' });
    assert.doesNotMatch(other.out, /'k0'/, 'the Default user\'s key is never given to the suite user');
    assert.match(other.err, /^INVOTIDE_API_USERNAME=invotide-suite$/m);
  });

  it('says what it needs when no allow-list is given, and refuses one OpenCart cannot use, with one line and exit 2', () => {
    const none = run(['--env-file', envFile]);
    assert.equal(none.code, 2);
    assert.equal(none.out, '');
    assert.equal(none.err.split('\n').length, 2, 'one line');
    assert.match(none.err, /^invotide-conformance provision: invotide-suite, the API user runs log in as, needs the addresses it may log in from: give --allow-ip ADDRESS .*the address the store sees your test runner's requests come from .*INVOTIDE_API_ALLOWED_IPS/);
    for (const [args, env, message] of [
      [['--allow-ip', 'ci.example.com'], {}, /^invotide-conformance provision: --allow-ip: "ci\.example\.com" is not an IP address\.$/],
      [['--allow-ip', '203.0.113.0/24'], {}, /--allow-ip: "203\.0\.113\.0\/24" is not an IP address \(OpenCart 3\.0 compares each address exactly: list the addresses, not a range\)/],
      [['--allow-ip', '203.0.113.7', '--allow-ip', '203.0.113.7'], {}, /--allow-ip: 203\.0\.113\.7 is given twice/],
      [[], { INVOTIDE_API_ALLOWED_IPS: '127.0.0.1,localhost' }, /^invotide-conformance provision: INVOTIDE_API_ALLOWED_IPS: "localhost" is not an IP address\.$/],
      [['--teardown', '--allow-ip', '203.0.113.7'], {}, /--allow-ip means nothing with --teardown/],
      [['--allow-ip'], {}, /Option '--allow-ip <value>' argument missing \(see --help\)/],
    ] as Array<[string[], Record<string, string>, RegExp]>) {
      const r = run(['--env-file', envFile, ...args], env);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err.trimEnd(), message);
      assert.equal(r.err.trimEnd().split('\n').length, 1, `one line: ${r.err}`);
    }
  });

  it('prints the teardown, and refuses a prefix that is not a table prefix', () => {
    assert.match(run(['--teardown', '--prefix', 'shop_']).out, /^-- Removes the Invotide conformance data/);
    const bad = run(['--prefix', 'x; DROP TABLE y', '--allow-ip', '127.0.0.1']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--prefix must be letters, digits or _/);
  });

  it('says in its help what the suite user is, where its addresses come from and what teardown removes', () => {
    const help = run(['--help']).out;
    assert.match(help, /--allow-ip ADDRESS/);
    assert.match(help, /invotide-suite, the user runs log in as/);
    assert.match(help, /the API sessions of\s+its users and the store sessions its runs opened/);
  });
});

describe('fixtures files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'invotide-fixtures-'));
  const write = (name: string, data: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
    return file;
  };

  it('build on the conformance data and on the file they extend, the nearer file winning', () => {
    write('base.json', { name: 'base', currencies: { default: { code: 'USD', value: 1, sample: '$1.00' }, other: { code: 'EUR' } } });
    const f = loadFixtures(write('store.json', { name: 'store', extends: 'base.json', currencies: { default: { code: 'GBP', sample: '£1.00' } } }));
    assert.equal(f.name, 'store');
    assert.deepEqual(fixtureAt(f, 'currencies.default'), { code: 'GBP', value: 1, sample: '£1.00' });
    assert.equal(fixtureAt(f, 'currencies.other.code'), 'EUR');
    assert.equal(fixtureAt(f, 'products.simple.model'), 'IVT-SIMPLE', 'the data the suite brings');
    assert.equal(fixtureAt(f, 'extends'), undefined);
  });

  it('say clearly what is wrong with a file', () => {
    assert.throws(() => loadFixtures(write('broken.json', '{')), (e: Error) => e instanceof ConfigError && /not valid JSON/.test(e.message));
    assert.throws(() => loadFixtures(write('loop.json', { name: 'loop', extends: 'loop.json' })), /extends itself/);
    assert.throws(() => loadFixtures(write('nowhere.json', { name: 'x', extends: 'missing.json' })), /missing\.json does not exist/);
    assert.throws(() => loadFixtures(write('unnamed.json', {})), /must be a JSON object with a "name"/);
  });

  it('turn a datum the target lacks into one kind of error, whichever way a step asks for it', () => {
    const f = loadFixtures(write('plain.json', { name: 'plain' }));
    assert.throws(() => interpolate(f, '{{coupons.percent.code}}', { 'coupons.percent': 'refused' }), (e: Error) =>
      e instanceof MissingDatumError && e.message === 'the target lacks the "percent" coupon (refused): apply `invotide-conformance provision`');
    assert.throws(() => interpolate(f, '{{currencies.default.code}}'), (e: Error) => e instanceof MissingDatumError && /fixtures name no "currencies.default.code"/.test(e.message));
    assert.equal(describeDatum('products.priced by quantity'), 'the "priced by quantity" product');
  });
});
