// The conformance data has one definition: the SQL a real store gets, the reference store's seed and the fixtures the
// scenarios read come from it, so they cannot drift. (test/provision-mariadb.test.ts applies the SQL to MariaDB.)
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createStore } from '../store';
import { ABSENT_ID, API_USERS, ID_BLOCK, provisionInserts, provisionedFixtures } from '../src/provision/dataset';
import { insertStatements, provisionScript, teardownScript } from '../src/provision/sql';
import { provisionMain } from '../src/provision/cli';
import { ConfigError } from '../src/config';
import { describeDatum, fixtureAt, interpolate, loadFixtures, MissingDatumError } from '../src/fixtures';

const KEYS = { disabled: 'd'.repeat(64), restricted: 'r'.repeat(64) };
type Row = Record<string, unknown>;

describe('the conformance data', () => {
  it('gives every row an id of the reserved block, or hangs it off a row that has one', () => {
    for (const insert of provisionInserts(KEYS)) {
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
    const a = insertStatements('in_', KEYS);
    const b = insertStatements('oc_', KEYS);
    assert.equal(a.length, b.length);
    assert.deepEqual(b, a.map((s) => s.replace(/`in_/g, '`oc_')));
    assert.doesNotMatch(provisionScript('oc_', KEYS) + teardownScript('oc_'), /`in_/);
  });

  it('guards, removes its earlier rows and registers what it adds; teardown removes every table it wrote', () => {
    const script = provisionScript('in_', KEYS);
    const steps = ['PREPARE invotide_guard', 'DELETE FROM `in_product` WHERE `product_id` IN', 'INSERT INTO `in_product`', 'INSERT INTO `in_invotide_provision`'];
    const at = steps.map((s) => script.indexOf(s));
    assert.ok(at.every((i, n) => i > (at[n - 1] ?? -1)), `in this order: ${steps.join(' → ')}`);
    const teardown = teardownScript('in_');
    for (const table of new Set(provisionInserts(KEYS).map((i) => i.table))) assert.match(teardown, new RegExp(`DELETE FROM \`in_${table}\``), table);
    assert.match(teardown, /DROP TABLE IF EXISTS `in_invotide_provision`/);
    assert.match(script, new RegExp(`\`product_id\` = ${ABSENT_ID} HAVING`), 'the guard also keeps the "unknown" ids free');
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

  it('prints the SQL for the prefix, and the generated keys as lines for .env on stderr', () => {
    const r = run(['--prefix', 'oc_', '--env-file', envFile]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^-- Adds the Invotide conformance data/);
    assert.match(r.out, /INSERT INTO `oc_product`/);
    assert.match(r.err, /^INVOTIDE_DISABLED_USERNAME=invotide-disabled\nINVOTIDE_DISABLED_KEY=[0-9a-f]{64}$/m);
    assert.doesNotMatch(r.out, /INVOTIDE_/);
  });

  it('uses the keys the configuration already names for its users, so the SQL is the same each time', () => {
    const env = { INVOTIDE_DISABLED_USERNAME: 'invotide-disabled', INVOTIDE_DISABLED_KEY: 'k1', INVOTIDE_RESTRICTED_USERNAME: 'invotide-restricted', INVOTIDE_RESTRICTED_KEY: 'k2' };
    const a = run(['--env-file', envFile], env);
    const b = run(['--env-file', envFile], env);
    assert.equal(a.err, '');
    assert.equal(a.out, b.out);
    assert.match(a.out, /'invotide-disabled', 'k1'/);
  });

  it('prints the teardown, and refuses a prefix that is not a table prefix', () => {
    assert.match(run(['--teardown', '--prefix', 'shop_']).out, /^-- Removes the Invotide conformance data/);
    const bad = run(['--prefix', 'x; DROP TABLE y']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--prefix must be letters, digits or _/);
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
