// The dataset as SQL. `insertStatements` are plain INSERTs that MySQL, MariaDB and SQLite all read (the reference store
// runs them on its seed); `provisionScript` and `teardownScript` wrap them for a real OpenCart database: a guard that
// stops before any change when a reserved id is taken by a row provisioning did not add, a registry of what it added,
// and the removal of what runs left behind.
import { ABSENT_ID, ABSENT_ROWS, API_USERS, EMAIL_DOMAIN, RUN_TRACES, SESSION_ID_PREFIX, provisionInserts, type ApiKeys, type Insert, type SqlValue } from './dataset';

/** The table that records what provisioning added: its rows are the suite's, whatever else the store holds. */
export const REGISTRY = 'invotide_provision';

const ident = (name: string): string => `\`${name}\``;
const literal = (v: string | number): string => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);

function value(v: SqlValue, prefix: string): string {
  if (typeof v === 'object') return `(SELECT ${ident('value')} FROM ${ident(`${prefix}setting`)} WHERE ${ident('store_id')} = 0 AND ${ident('key')} = ${literal(v.setting)})`;
  return literal(v);
}

export function insertStatement(insert: Insert, prefix: string): string {
  const columns = Object.keys(insert.row);
  const values = columns.map((c) => value(insert.row[c], prefix));
  const table = ident(prefix + insert.table);
  if (!insert.perLanguage) return `INSERT INTO ${table} (${columns.map(ident).join(', ')}) VALUES (${values.join(', ')});`;
  return `INSERT INTO ${table} (${[...columns, 'language_id'].map(ident).join(', ')}) SELECT ${[...values, ident('language_id')].join(', ')} FROM ${ident(`${prefix}language`)};`;
}

/** The INSERT statements of the whole dataset, in an order that needs no foreign keys. */
export function insertStatements(prefix: string, keys: ApiKeys, suiteIps: readonly string[]): string[] {
  return provisionInserts(keys, suiteIps).map((i) => insertStatement(i, prefix));
}

/** Owner ids per table and column: what to delete, and (for a table's own id column) what the guard checks. */
function owners(inserts: Insert[]): Map<string, { table: string; column: string; ids: number[]; ownId: boolean }> {
  const map = new Map<string, { table: string; column: string; ids: number[]; ownId: boolean }>();
  for (const i of inserts) {
    const key = `${i.table}.${i.owner.column}`;
    const entry = map.get(key) ?? { table: i.table, column: i.owner.column, ids: [], ownId: Boolean(i.owner.reserved) };
    if (!entry.ids.includes(i.owner.id)) entry.ids.push(i.owner.id);
    map.set(key, entry);
  }
  return map;
}

const idList = (ids: number[]): string => `(${ids.join(', ')})`;

/**
 * DELETEs of the `session` rows the suite's runs opened, before the `api_session` rows that lead to some of them go,
 * and of no other row: a row whose id is the token of an API session of the suite's users; a row whose data begins
 * with one of their api_ids (an API session's data always does, as api/login writes it first, and still does once
 * OpenCart has dropped the `api_session` row of a token unused for an hour); a row whose id has the reserved shape the
 * suite's client gives every storefront session it opens (SESSION_ID_PREFIX), which no id OpenCart makes can have.
 * Compared as bytes, so no collation can widen a match.
 */
export function sessionRemovals(prefix: string): string[] {
  const t = (name: string): string => ident(prefix + name);
  const apiIds = Object.values(API_USERS).map((u) => u.id);
  const bytes = (expression: string): string => `CAST(${expression} AS BINARY)`;
  // How PHP's json_encode begins the data api/login writes: the id as the string the database gave, or as a number.
  const starts = apiIds.flatMap((n) => [`{"api_id":"${n}"`, `{"api_id":${n},`, `{"api_id":${n}}`]);
  const lengths = [...new Set(starts.map((p) => p.length))];
  const startsWith = lengths.map((n) => `${bytes(`LEFT(${ident('data')}, ${n})`)} IN (${starts.filter((p) => p.length === n).map(literal).join(', ')})`);
  return [
    `DELETE FROM ${t('session')} WHERE ${ident('session_id')} IN (SELECT ${ident('session_id')} FROM ${t('api_session')} WHERE ${ident('api_id')} IN ${idList(apiIds)});`,
    `DELETE FROM ${t('session')} WHERE ${startsWith.join(' OR ')};`,
    `DELETE FROM ${t('session')} WHERE ${bytes(`LEFT(${ident('session_id')}, ${SESSION_ID_PREFIX.length})`)} = ${literal(SESSION_ID_PREFIX)};`,
  ];
}

/** DELETEs of every row the dataset adds (children first), and of what runs hung off those rows. */
function removals(prefix: string, inserts: Insert[]): string[] {
  const t = (name: string): string => ident(prefix + name);
  const byTable = owners(inserts);
  const idsOf = (table: string): number[] => [...byTable.values()].filter((o) => o.table === table && o.ownId).flatMap((o) => o.ids);
  const out: string[] = [];
  // Orders of the suite: those of its customers, its e-mail domain or its products; then everything that hangs off them.
  out.push(
    `CREATE TEMPORARY TABLE ${ident('invotide_orders')} (${ident('order_id')} INT NOT NULL PRIMARY KEY);`,
    `INSERT IGNORE INTO ${ident('invotide_orders')} SELECT ${ident('order_id')} FROM ${t('order')} WHERE ${ident('customer_id')} IN ${idList(idsOf('customer'))} OR ${ident('email')} LIKE ${literal(`%@${EMAIL_DOMAIN}`)};`,
    `INSERT IGNORE INTO ${ident('invotide_orders')} SELECT ${ident('order_id')} FROM ${t('order_product')} WHERE ${ident('product_id')} IN ${idList(idsOf('product'))};`,
  );
  // Gift vouchers bought in those orders: an order deleted through the API only disables its vouchers, so they are
  // found by their e-mail addresses too (every address the suite sends is in its domain).
  const vouchers = `SELECT ${ident('voucher_id')} FROM ${t('voucher')} WHERE ${ident('order_id')} IN (SELECT ${ident('order_id')} FROM ${ident('invotide_orders')}) ` +
    `OR ${ident('from_email')} LIKE ${literal(`%@${EMAIL_DOMAIN}`)} OR ${ident('to_email')} LIKE ${literal(`%@${EMAIL_DOMAIN}`)}`;
  out.push(
    `CREATE TEMPORARY TABLE ${ident('invotide_vouchers')} (${ident('voucher_id')} INT NOT NULL PRIMARY KEY);`,
    `INSERT IGNORE INTO ${ident('invotide_vouchers')} ${vouchers};`,
    `DELETE FROM ${t('voucher_history')} WHERE ${ident('voucher_id')} IN (SELECT ${ident('voucher_id')} FROM ${ident('invotide_vouchers')});`,
    `DELETE FROM ${t('voucher')} WHERE ${ident('voucher_id')} IN (SELECT ${ident('voucher_id')} FROM ${ident('invotide_vouchers')});`,
    `DROP TEMPORARY TABLE ${ident('invotide_vouchers')};`,
  );
  for (const table of ['order_product', 'order_option', 'order_voucher', 'order_total', 'order_history', 'coupon_history', 'voucher_history', 'customer_reward', 'customer_transaction', 'order']) {
    out.push(`DELETE FROM ${t(table)} WHERE ${ident('order_id')} IN (SELECT ${ident('order_id')} FROM ${ident('invotide_orders')});`);
  }
  out.push(`DROP TEMPORARY TABLE ${ident('invotide_orders')};`);
  out.push(...sessionRemovals(prefix));
  for (const trace of RUN_TRACES) out.push(`DELETE FROM ${t(trace.table)} WHERE ${ident(trace.column)} IN ${idList(idsOf(trace.of))};`);
  // Children before the rows they belong to (the dataset lists parents first).
  for (const o of [...byTable.values()].reverse()) out.push(`DELETE FROM ${t(o.table)} WHERE ${ident(o.column)} IN ${idList(o.ids)};`);
  return out;
}

/**
 * The guard: one message naming each reserved id that a row provisioning did not add already holds, and each code of
 * the suite a coupon or voucher of the store already uses; SIGNAL (through PREPARE, so no stored procedure is needed)
 * stops the script there, before any change.
 */
function guard(prefix: string, inserts: Insert[]): string[] {
  const t = (name: string): string => ident(prefix + name);
  const checks: string[] = [];
  for (const o of owners(inserts).values()) {
    if (!o.ownId) continue;
    checks.push(
      `(SELECT CONCAT(${literal(`${o.table}.${o.column} `)}, MIN(${ident(o.column)})) FROM ${t(o.table)} WHERE ${ident(o.column)} IN ${idList(o.ids)} ` +
        `AND ${ident(o.column)} NOT IN (SELECT ${ident('id')} FROM ${t(REGISTRY)} WHERE ${ident('table_name')} = ${literal(o.table)}) HAVING COUNT(*) > 0)`,
    );
  }
  for (const a of ABSENT_ROWS) {
    checks.push(`(SELECT CONCAT(${literal(`${a.table}.${a.column} `)}, MIN(${ident(a.column)})) FROM ${t(a.table)} WHERE ${ident(a.column)} = ${ABSENT_ID} HAVING COUNT(*) > 0)`);
  }
  for (const table of ['coupon', 'voucher']) {
    const ids = owners(inserts).get(`${table}.${table}_id`)!.ids;
    checks.push(`(SELECT CONCAT(${literal(`${table}.code `)}, MIN(${ident('code')})) FROM ${t(table)} WHERE ${ident('code')} LIKE 'IVT-%' AND ${ident(`${table}_id`)} NOT IN ${idList(ids)} HAVING COUNT(*) > 0)`);
  }
  return [
    `SET @invotide_taken = CONCAT_WS(', ',\n  ${checks.join(',\n  ')});`,
    `SET @invotide_guard = IF(@invotide_taken = '', 'DO 0', CONCAT('SIGNAL SQLSTATE ''45000'' SET MESSAGE_TEXT = ''invotide provision stopped, no row changed; reserved ids taken: ', REPLACE(LEFT(@invotide_taken, 70), '''', ''), ''''));`,
    'PREPARE invotide_guard FROM @invotide_guard;',
    'EXECUTE invotide_guard;',
    'DEALLOCATE PREPARE invotide_guard;',
  ];
}

const HEADER = (what: string, prefix: string): string[] => [
  `-- ${what}`,
  `-- Generated by invotide-conformance for OpenCart 3.0.x (MySQL or MariaDB), table prefix "${prefix}".`,
  '-- OpenCart itself writes without strict mode; columns this script leaves out take their implicit defaults.',
  "SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION';",
  'SET NAMES utf8mb4;',
];

/**
 * The SQL that adds the suite's data to an OpenCart 3.0.x database. Applying it twice leaves the same rows as applying
 * it once (it removes its own earlier rows first, which also undoes what runs changed in them).
 */
export function provisionScript(prefix: string, keys: ApiKeys, suiteIps: readonly string[]): string {
  const inserts = provisionInserts(keys, suiteIps);
  const registry = ident(prefix + REGISTRY);
  const registered = [...owners(inserts).values()].filter((o) => o.ownId).flatMap((o) => o.ids.map((rowId) => `(${literal(o.table)}, ${rowId})`));
  return [
    ...HEADER('Adds the Invotide conformance data (remove it with: invotide-conformance provision --teardown).', prefix),
    `CREATE TABLE IF NOT EXISTS ${registry} (${ident('table_name')} VARCHAR(64) NOT NULL, ${ident('id')} INT NOT NULL, PRIMARY KEY (${ident('table_name')}, ${ident('id')}));`,
    ...guard(prefix, inserts),
    ...removals(prefix, inserts),
    ...inserts.map((i) => insertStatement(i, prefix)),
    `DELETE FROM ${registry};`,
    `INSERT INTO ${registry} (${ident('table_name')}, ${ident('id')}) VALUES\n  ${registered.join(',\n  ')};`,
    '',
  ].join('\n');
}

/**
 * The SQL that removes what provisioning added and what runs created with it (their API sessions and the store
 * sessions they opened among them), and the registry itself.
 */
export function teardownScript(prefix: string): string {
  const inserts = provisionInserts({ disabled: '', restricted: '', suite: '' });
  return [
    ...HEADER('Removes the Invotide conformance data and what runs created with it.', prefix),
    ...removals(prefix, inserts),
    `DROP TABLE IF EXISTS ${ident(prefix + REGISTRY)};`,
    '',
  ].join('\n');
}
