// `invotide-conformance provision` prints SQL for a real OpenCart 3.0.x database, which the reference store (SQLite)
// cannot run: this file runs it on a private MariaDB server, on the table shapes of store/db/schema.sql translated to
// MySQL DDL, with the table prefix oc_ (not the mirror's in_) to prove --prefix. Each test gets a database of its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { suiteSessionId } from '../src/provision/dataset';
import { provisionScript, REGISTRY, teardownScript } from '../src/provision/sql';
import { mariadbAvailable, mysqlDdlFromSqliteSchema, startMariaDb, type MariaDb } from './support/mariadb';

const PREFIX = 'oc_';
const KEYS = { disabled: 'd'.repeat(64), restricted: 'r'.repeat(64), suite: 's'.repeat(64) };
const IPS = ['203.0.113.7', '198.51.100.2'];
const REGISTRY_TABLE = PREFIX + REGISTRY;
/** Tokens of the store's own Default user, as OpenCart makes them: 26 hex digits. */
const DEFAULT_TOKENS = ['d0d0d0d0d0d0d0d0d0d0d0d0d1', 'd0d0d0d0d0d0d0d0d0d0d0d0d2'];
/** Tokens of the suite's user (26 hex digits, the store's), and session ids of the suite's client's reserved shape. */
const SUITE_TOKENS = ['5a5a5a5a5a5a5a5a5a5a5a5a51', '5a5a5a5a5a5a5a5a5a5a5a5a52', '5a5a5a5a5a5a5a5a5a5a5a5a53', '5a5a5a5a5a5a5a5a5a5a5a5a54'];
const SUITE_COOKIES = [suiteSessionId(), suiteSessionId()];
const NOT_INSTALLED = 'MariaDB is not installed (apt-get install mariadb-server); .ci/run installs it';
// CI must prove the SQL on every run, so there a missing server fails the suite instead of skipping it.
const ON_CI = Boolean(process.env.CI) && process.env.CI !== 'false';
const AVAILABLE = mariadbAvailable();

const SCHEMA = mysqlDdlFromSqliteSchema(readFileSync(path.join(__dirname, '..', 'store', 'db', 'schema.sql'), 'utf8'), PREFIX);

// Tables a real store has that the mirror does not need (the reference store keeps no such traces), but that teardown
// cleans: only the columns it reads.
const RUN_TRACE_TABLES = `
CREATE TABLE \`${PREFIX}customer_ip\` (\`customer_ip_id\` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, \`customer_id\` INT NOT NULL, \`ip\` VARCHAR(40) NOT NULL) ENGINE=MyISAM;
CREATE TABLE \`${PREFIX}customer_activity\` (\`customer_activity_id\` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, \`customer_id\` INT NOT NULL, \`key\` VARCHAR(64) NOT NULL) ENGINE=MyISAM;
CREATE TABLE \`${PREFIX}customer_online\` (\`ip\` VARCHAR(40) NOT NULL PRIMARY KEY, \`customer_id\` INT NOT NULL) ENGINE=MyISAM;
`;

// What provisioning reads from the store (its default customer group and country, for store 0; store 1 says otherwise,
// so a setting read without store_id would show), and rows of the store's own that nothing may touch: a product with
// its description, a coupon, a gift voucher, a customer's order of that product, a cart line; the store's Default API
// user, with two live API sessions and their session rows as OpenCart writes them (one's token used since, so its
// data holds more), and a storefront visitor's session; and two rows that only look like the suite's: a session
// whose data names the suite user's id further in, and one whose id has the reserved prefix in capitals.
const STORE_ROWS = `
SET SESSION sql_mode = '';
INSERT INTO \`oc_setting\` (\`store_id\`, \`code\`, \`key\`, \`value\`) VALUES
  (0, 'config', 'config_customer_group_id', '1'), (0, 'config', 'config_country_id', '222'),
  (1, 'config', 'config_customer_group_id', '8'), (1, 'config', 'config_country_id', '81');
INSERT INTO \`oc_language\` (\`language_id\`, \`name\`, \`code\`, \`locale\`, \`sort_order\`, \`status\`) VALUES (1, 'English', 'en-gb', 'en-gb,en_GB', 1, 1);
INSERT INTO \`oc_customer_group\` (\`customer_group_id\`, \`approval\`, \`sort_order\`) VALUES (1, 0, 1);
INSERT INTO \`oc_product\` (\`product_id\`, \`model\`, \`quantity\`, \`price\`, \`tax_class_id\`, \`date_available\`, \`status\`, \`date_added\`, \`date_modified\`)
  VALUES (40, 'product 11', 970, '101.0000', 9, '2009-02-03', 1, '2009-02-03 21:07:12', '2011-09-30 01:06:53');
INSERT INTO \`oc_product_description\` (\`product_id\`, \`language_id\`, \`name\`) VALUES (40, 1, 'iPhone');
INSERT INTO \`oc_coupon\` (\`coupon_id\`, \`name\`, \`code\`, \`type\`, \`discount\`, \`logged\`, \`shipping\`, \`total\`, \`uses_total\`, \`uses_customer\`, \`status\`, \`date_added\`)
  VALUES (4, '-10% Discount', '2222', 'P', '10.0000', 0, 0, '0.0000', 10, '10', 0, '2009-01-27 13:55:03');
INSERT INTO \`oc_voucher\` (\`voucher_id\`, \`order_id\`, \`code\`, \`from_email\`, \`to_email\`, \`amount\`, \`status\`) VALUES (1, 0, 'GIFT100', 'shop@example.com', 'friend@example.com', '100.0000', 1);
INSERT INTO \`oc_order\` (\`order_id\`, \`customer_id\`, \`email\`, \`total\`, \`date_added\`) VALUES (1, 5, 'shopper@example.com', '101.0000', '2025-01-01 10:00:00');
INSERT INTO \`oc_order_product\` (\`order_id\`, \`product_id\`, \`name\`, \`quantity\`) VALUES (1, 40, 'iPhone', 1);
INSERT INTO \`oc_cart\` (\`api_id\`, \`customer_id\`, \`session_id\`, \`product_id\`, \`option\`, \`quantity\`) VALUES (1, 5, 'shopper-session', 40, '[]', 1);
INSERT INTO \`oc_api\` (\`api_id\`, \`username\`, \`key\`, \`status\`, \`date_added\`, \`date_modified\`) VALUES (1, 'Default', '${'D'.repeat(64)}', 1, '2025-01-01 10:00:00', '2025-01-01 10:00:00');
INSERT INTO \`oc_api_ip\` (\`api_ip_id\`, \`api_id\`, \`ip\`) VALUES (1, 1, '203.0.113.7');
INSERT INTO \`oc_api_session\` (\`api_session_id\`, \`api_id\`, \`session_id\`, \`ip\`, \`date_added\`, \`date_modified\`) VALUES
  (1, 1, '${DEFAULT_TOKENS[0]}', '203.0.113.7', NOW(), NOW()), (2, 1, '${DEFAULT_TOKENS[1]}', '203.0.113.7', NOW(), NOW());
INSERT INTO \`oc_session\` (\`session_id\`, \`data\`, \`expire\`) VALUES
  ('${DEFAULT_TOKENS[0]}', '{"api_id":"1"}', NOW() + INTERVAL 24 MINUTE),
  ('${DEFAULT_TOKENS[1]}', '{"api_id":"1","language":"en-gb","currency":"USD"}', NOW() + INTERVAL 24 MINUTE),
  ('0123456789abcdef0123456789', '{"language":"en-gb","currency":"USD"}', NOW() + INTERVAL 24 MINUTE),
  ('c0ffee0123456789abcdef0123', '{"language":"en-gb","comment":"{\\\\"api_id\\\\":\\\\"9990003\\\\"}"}', NOW() + INTERVAL 24 MINUTE),
  ('INVOTIDE-0123456789abcdef01234', '{"language":"en-gb"}', NOW() + INTERVAL 24 MINUTE),
  ('e0e0e0e0e0e0e0e0e0e0e0e0e0', '{"api_id":"99900031"}', NOW() + INTERVAL 24 MINUTE);
`;

/** The store's Default user's rows (and every session row not the suite's), as a run and teardown must leave them. */
const DEFAULT_ROWS = [
  'SELECT * FROM `oc_api` WHERE `api_id` = 1;',
  'SELECT * FROM `oc_api_ip` WHERE `api_id` = 1;',
  'SELECT * FROM `oc_api_session` WHERE `api_id` = 1 ORDER BY `api_session_id`;',
  'SELECT * FROM `oc_session` ORDER BY `session_id`;',
  'SELECT * FROM `oc_cart` WHERE `api_id` = 1 ORDER BY `cart_id`;',
].join('\n');

describe('provision SQL on MariaDB (OpenCart 3.0.x table shapes, prefix oc_)', { skip: !AVAILABLE && !ON_CI ? NOT_INSTALLED : false }, () => {
  if (!AVAILABLE) {
    it('has a MariaDB server to run on', () => assert.fail(`CI is set and ${NOT_INSTALLED}`));
    return;
  }
  let server: MariaDb | undefined;
  let databases = 0;

  before(async () => {
    server = await startMariaDb({ startTimeoutMs: 120_000 });
  }, { timeout: 180_000 });
  after(() => server?.stop(), { timeout: 60_000 });

  /** A new database holding the store's tables and rows; `sql` runs statements in it. */
  async function store(): Promise<(sql: string) => Promise<string>> {
    const name = `store_${++databases}`;
    await server!.query(`CREATE DATABASE \`${name}\`;`);
    const sql = (text: string): Promise<string> => server!.query(text, name);
    await sql(SCHEMA + RUN_TRACE_TABLES + STORE_ROWS);
    return sql;
  }

  const value = async (sql: (text: string) => Promise<string>, query: string): Promise<string> => (await sql(query)).trim();

  /** CHECKSUM TABLE … EXTENDED of every table (but the registry, unless asked): equal checksums, equal rows. */
  async function checksums(sql: (text: string) => Promise<string>, withRegistry = false): Promise<Record<string, string>> {
    const tables = (await sql('SHOW TABLES;')).trim().split('\n').filter((t) => withRegistry || t !== REGISTRY_TABLE);
    const rows = (await sql(`CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')} EXTENDED;`)).trim().split('\n');
    return Object.fromEntries(rows.map((row) => row.split('\t')).map(([table, sum]) => [table.replace(/^[^.]*\./, ''), sum]));
  }

  /** The rows nothing may touch, as they are after STORE_ROWS. */
  async function assertStoreRowsUntouched(sql: (text: string) => Promise<string>): Promise<void> {
    assert.equal(await value(sql, 'SELECT `model`, `price` FROM `oc_product` WHERE `product_id` = 40;'), 'product 11\t101.0000');
    assert.equal(await value(sql, "SELECT `coupon_id`, `status` FROM `oc_coupon` WHERE `code` = '2222';"), '4\t0');
    assert.equal(await value(sql, 'SELECT `customer_id` FROM `oc_order` WHERE `order_id` = 1;'), '5');
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_order_product` WHERE `order_id` = 1 AND `product_id` = 40;'), '1');
    assert.equal(await value(sql, "SELECT COUNT(*) FROM `oc_cart` WHERE `session_id` = 'shopper-session';"), '1');
    assert.equal(await value(sql, "SELECT `voucher_id` FROM `oc_voucher` WHERE `code` = 'GIFT100';"), '1');
  }

  it('applies cleanly and adds the suite data, with the customer group and country the store settings name', { timeout: 120_000 }, async () => {
    const sql = await store();
    await sql(provisionScript(PREFIX, KEYS, IPS));

    assert.equal(await value(sql, 'SELECT GROUP_CONCAT(`product_id` ORDER BY `product_id`) FROM `oc_product` WHERE `product_id` >= 9990000;'),
      '9990001,9990002,9990003,9990004,9990005,9990006,9990007');
    assert.equal(await value(sql, "SELECT COUNT(*) FROM `oc_coupon` WHERE `code` LIKE 'IVT-%';"), '22');
    // One description per product in the store's language, copied by INSERT … SELECT from oc_language.
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_product_description` WHERE `product_id` >= 9990000 AND `language_id` = 1;'), '7');
    assert.equal(await value(sql, "SELECT `name` FROM `oc_product_description` WHERE `product_id` = 9990001;"), 'Invotide Simple');
    // Values read from store 0's settings (store 1 says 8 and 81).
    assert.equal(await value(sql, 'SELECT GROUP_CONCAT(DISTINCT `customer_group_id`) FROM `oc_customer` WHERE `customer_id` >= 9990000;'), '1');
    assert.equal(await value(sql, 'SELECT GROUP_CONCAT(DISTINCT `customer_group_id`) FROM `oc_product_special`;'), '1');
    assert.equal(await value(sql, 'SELECT `country_id` FROM `oc_zone_to_geo_zone` WHERE `zone_to_geo_zone_id` = 9990001;'), '222');
    assert.equal(await value(sql, "SELECT `key`, `status` FROM `oc_api` WHERE `username` = 'invotide-restricted';"), `${KEYS.restricted}\t1`);
    // The user runs log in as, allowed from the addresses given (as OpenCart's api/login and startup read them).
    assert.equal(await value(sql, "SELECT a.`key`, a.`status`, GROUP_CONCAT(i.`ip` ORDER BY i.`api_ip_id`) FROM `oc_api` a JOIN `oc_api_ip` i ON (a.`api_id` = i.`api_id`) WHERE a.`username` = 'invotide-suite' GROUP BY a.`api_id`;"),
      `${KEYS.suite}\t1\t${IPS.join(',')}`);
    assert.notEqual(await value(sql, `SELECT COUNT(*) FROM \`${REGISTRY_TABLE}\`;`), '0');
    await assertStoreRowsUntouched(sql);
  });

  it('leaves the same tables when applied twice as when applied once', { timeout: 120_000 }, async () => {
    const sql = await store();
    await sql(provisionScript(PREFIX, KEYS, IPS));
    const once = await checksums(sql, true);
    await sql(provisionScript(PREFIX, KEYS, IPS));
    assert.deepEqual(await checksums(sql, true), once);
  });

  it('stops before any change when a reserved id is held by a row it did not add, naming it', { timeout: 120_000 }, async () => {
    const sql = await store();
    await sql("SET SESSION sql_mode = ''; INSERT INTO `oc_product` (`product_id`, `model`) VALUES (9990003, 'the store''s own');");
    const original = await checksums(sql);

    await assert.rejects(sql(provisionScript(PREFIX, KEYS, IPS)), /no row changed; reserved ids taken: product\.product_id 9990003/);
    // The registry table is created before the guard runs (the guard reads it); it must hold nothing.
    assert.deepEqual(await checksums(sql), original);
    if (await value(sql, `SHOW TABLES LIKE '${REGISTRY_TABLE}';`)) assert.equal(await value(sql, `SELECT COUNT(*) FROM \`${REGISTRY_TABLE}\`;`), '0');
  });

  it('teardown restores every table to what it was before provisioning and drops the registry', { timeout: 120_000 }, async () => {
    const sql = await store();
    const original = await checksums(sql);
    await sql(provisionScript(PREFIX, KEYS, IPS));
    await sql(teardownScript(PREFIX));

    assert.deepEqual(await checksums(sql), original);
    assert.equal(await value(sql, `SHOW TABLES LIKE '${REGISTRY_TABLE}';`), '');
  });

  it('teardown also removes what runs left: orders of its customers and products, their history and vouchers, carts, API sessions and the sessions they opened, and no row of the Default user', { timeout: 120_000 }, async () => {
    const sql = await store();
    const original = await checksums(sql);
    const defaultRows = await sql(DEFAULT_ROWS);
    await sql(provisionScript(PREFIX, KEYS, IPS));
    // What the API leaves after a run: a customer's order (with a product line, a total, a history line and a coupon
    // use and a gift voucher bought in it, then disabled), a guest's order found only through its provisioned product,
    // a cart line, an API session, a login trace.
    await sql(`
      SET SESSION sql_mode = '';
      INSERT INTO \`oc_order\` (\`customer_id\`, \`email\`, \`total\`, \`date_added\`) VALUES (9990001, 'rita@invotide.example', '111.2000', NOW());
      SET @customer_order = LAST_INSERT_ID();
      INSERT INTO \`oc_order_product\` (\`order_id\`, \`product_id\`, \`name\`, \`quantity\`) VALUES (@customer_order, 9990001, 'Invotide Simple', 1);
      INSERT INTO \`oc_order_total\` (\`order_id\`, \`code\`, \`value\`) VALUES (@customer_order, 'total', '111.2000');
      INSERT INTO \`oc_order_history\` (\`order_id\`, \`order_status_id\`) VALUES (@customer_order, 1);
      INSERT INTO \`oc_coupon_history\` (\`coupon_id\`, \`order_id\`, \`customer_id\`, \`amount\`) VALUES (9990001, @customer_order, 9990001, '-10.1000');
      INSERT INTO \`oc_order_voucher\` (\`order_id\`, \`code\`, \`to_email\`, \`amount\`) VALUES (@customer_order, 'RUNGIFT', 'friend@invotide.example', '25.0000');
      INSERT INTO \`oc_voucher\` (\`order_id\`, \`code\`, \`from_email\`, \`to_email\`, \`amount\`, \`status\`) VALUES (@customer_order, 'RUNGIFT', 'rita@invotide.example', 'friend@invotide.example', '25.0000', 0);
      INSERT INTO \`oc_voucher_history\` (\`voucher_id\`, \`order_id\`, \`amount\`) VALUES (LAST_INSERT_ID(), @customer_order, '-5.0000');
      INSERT INTO \`oc_order\` (\`customer_id\`, \`email\`, \`total\`, \`date_added\`) VALUES (0, 'guest@example.com', '602.0000', NOW());
      INSERT INTO \`oc_order_product\` (\`order_id\`, \`product_id\`, \`name\`, \`quantity\`) VALUES (LAST_INSERT_ID(), 9990005, 'Invotide Not Shippable', 1);
      INSERT INTO \`oc_cart\` (\`api_id\`, \`customer_id\`, \`session_id\`, \`product_id\`, \`option\`, \`quantity\`) VALUES (9990002, 0, 'run-session', 9990001, '[]', 2);
      INSERT INTO \`oc_api_session\` (\`api_id\`, \`session_id\`, \`ip\`) VALUES (9990002, 'run-session', '192.0.2.1');
      INSERT INTO \`oc_customer_ip\` (\`customer_id\`, \`ip\`) VALUES (9990001, '192.0.2.1');
    `);
    // The sessions of three runs as the suite user, as OpenCart 3.0.5.0 writes them (see sessionRemovals): each login's
    // API session (api_session and its session row, the token's data once used holding more), one whose api_session
    // row OpenCart dropped an hour after its last use, one whose data expired and was written again without the api_id,
    // the storefront session each request without a token opens under the OCSESSID the suite's client sends, and a
    // cart line of a product of the store's own put in by the suite user.
    await sql(`
      SET SESSION sql_mode = '';
      INSERT INTO \`oc_api_session\` (\`api_id\`, \`session_id\`, \`ip\`, \`date_added\`, \`date_modified\`) VALUES
        (9990003, '${SUITE_TOKENS[0]}', '203.0.113.7', NOW(), NOW()), (9990003, '${SUITE_TOKENS[1]}', '203.0.113.7', NOW(), NOW()),
        (9990003, '${SUITE_TOKENS[3]}', '203.0.113.7', NOW(), NOW());
      INSERT INTO \`oc_session\` (\`session_id\`, \`data\`, \`expire\`) VALUES
        ('${SUITE_TOKENS[0]}', '{"api_id":"9990003"}', NOW() + INTERVAL 24 MINUTE),
        ('${SUITE_TOKENS[1]}', '{"api_id":"9990003","language":"en-gb","currency":"USD","customer":{"customer_id":"9990001"}}', NOW() + INTERVAL 24 MINUTE),
        ('${SUITE_TOKENS[2]}', '{"api_id":"9990003","language":"en-gb","currency":"USD"}', NOW() + INTERVAL 24 MINUTE),
        ('${SUITE_TOKENS[3]}', '{"language":"en-gb","currency":"USD"}', NOW() + INTERVAL 24 MINUTE),
        ('${SUITE_COOKIES[0]}', '{"language":"en-gb","currency":"USD"}', NOW() + INTERVAL 24 MINUTE),
        ('${SUITE_COOKIES[1]}', '[]', NOW() + INTERVAL 24 MINUTE);
      INSERT INTO \`oc_cart\` (\`api_id\`, \`customer_id\`, \`session_id\`, \`product_id\`, \`option\`, \`quantity\`) VALUES (9990003, 0, '${SUITE_TOKENS[1]}', 40, '[]', 1);
    `);
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_order`;'), '3');

    await sql(teardownScript(PREFIX));

    assert.equal(await value(sql, 'SELECT GROUP_CONCAT(`order_id`) FROM `oc_order`;'), '1');
    for (const table of ['order_product', 'order_total', 'order_history', 'order_voucher']) {
      assert.equal(await value(sql, `SELECT COUNT(*) FROM \`oc_${table}\` WHERE \`order_id\` <> 1;`), '0', table);
    }
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_coupon_history`;'), '0');
    assert.equal(await value(sql, "SELECT COUNT(*) FROM `oc_voucher` WHERE `code` = 'RUNGIFT';"), '0');
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_voucher_history`;'), '0');
    assert.equal(await value(sql, "SELECT COUNT(*) FROM `oc_cart` WHERE `session_id` = 'run-session';"), '0');
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_customer_ip`;'), '0');
    // No session of the suite's runs is left, and every row of the Default user, and every other session, is as it was.
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_api_session` WHERE `api_id` <> 1;'), '0');
    assert.equal(await value(sql, `SELECT COUNT(*) FROM \`oc_session\` WHERE \`session_id\` IN (${[...SUITE_TOKENS, ...SUITE_COOKIES].map((t) => `'${t}'`).join(', ')});`), '0');
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_cart` WHERE `api_id` = 9990003;'), '0');
    assert.equal(await value(sql, 'SELECT COUNT(*) FROM `oc_session`;'), '6', 'the six sessions that are not the suite\'s');
    assert.equal(await sql(DEFAULT_ROWS), defaultRows);
    await assertStoreRowsUntouched(sql);
    // And nothing else moved: every table holds what it held before provisioning.
    assert.deepEqual(await checksums(sql), original);
  });
});
