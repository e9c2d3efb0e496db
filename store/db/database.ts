// Opens the store's SQLite database: schema applied once, WAL when file-backed, and one prepared statement per SQL text
// (statements are reusable, so the cache makes every query after the first a lookup). Rows written with
// insert()/update() keep their values as the real store's MySQL columns would (./columns.ts).
//
// SQLite comes from Node.js itself where it has it (node:sqlite, Node 22.13 and later), else from better-sqlite3 (an
// optional peer dependency, for Node 20): a native module that needs a prebuilt binary or a compiler at install time.
// Both are driven through better-sqlite3's interface, node:sqlite adapted to it, so the store behaves the same on
// either (docs/design.md, "SQLite").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keepRow, type RowOf, type Table } from './columns';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown> | unknown[];

/** A prepared statement, as better-sqlite3 defines one. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** A connection, as better-sqlite3 defines one: what the store and its tests use of it. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  close(): unknown;
  readonly open: boolean;
}

export type SqliteDriver = 'node:sqlite' | 'better-sqlite3';

/** Why no SQLite could be loaded: the embedded store cannot run on this Node.js as installed. */
export class SqliteUnavailableError extends Error {
  override name = 'SqliteUnavailableError';
}

/** node:sqlite's classes, as far as they are used here (@types/node 20 does not know the module). */
interface NodeStatementSync {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface NodeDatabaseSync {
  prepare(sql: string): NodeStatementSync;
  exec(sql: string): void;
  close(): void;
}
type NodeSqlite = { DatabaseSync: new (location: string) => NodeDatabaseSync };
type BetterSqlite3 = new (location: string) => SqliteDatabase;

// better-sqlite3 binds undefined as NULL, node:sqlite refuses it; node:sqlite's rows have no prototype.
const bindable = (params: unknown[]): unknown[] => (params.includes(undefined) ? params.map((p) => (p === undefined ? null : p)) : params);
const plain = (row: unknown): unknown => (row === undefined ? undefined : { ...(row as object) });

class NodeSqliteStatement implements SqliteStatement {
  constructor(private readonly statement: NodeStatementSync) {}

  run(...params: unknown[]) {
    return this.statement.run(...bindable(params));
  }

  get(...params: unknown[]): unknown {
    return plain(this.statement.get(...bindable(params)));
  }

  all(...params: unknown[]): unknown[] {
    return this.statement.all(...bindable(params)).map(plain);
  }
}

/** node:sqlite's DatabaseSync behind better-sqlite3's interface. */
class NodeSqliteDatabase implements SqliteDatabase {
  open = true;

  constructor(private readonly db: NodeDatabaseSync) {}

  prepare(sql: string): SqliteStatement {
    return new NodeSqliteStatement(this.db.prepare(sql));
  }

  exec(sql: string): this {
    this.db.exec(sql);
    return this;
  }

  close(): this {
    // better-sqlite3 lets a closed database be closed again; node:sqlite throws.
    if (this.open) this.db.close();
    this.open = false;
    return this;
  }
}

let driver: { name: SqliteDriver; open(location: string): SqliteDatabase } | undefined;

/** node:sqlite when this Node.js has it unflagged, else better-sqlite3 when installed; loaded on first use. */
function sqliteDriver(): NonNullable<typeof driver> {
  if (driver) return driver;
  const nodeSqlite = loadNodeSqlite();
  if (nodeSqlite) {
    const { DatabaseSync } = nodeSqlite;
    return (driver = { name: 'node:sqlite', open: (location) => new NodeSqliteDatabase(new DatabaseSync(location)) });
  }
  let Database: BetterSqlite3;
  try {
    Database = require('better-sqlite3') as BetterSqlite3;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? 'better-sqlite3 is not installed' : `better-sqlite3 does not load: ${(error as Error).message.split('\n')[0]}`;
    throw new SqliteUnavailableError(
      `the embedded reference store needs SQLite: Node.js 22.13 or later has it built in, and on Node.js ${process.versions.node} ${why} (npm install --save-dev better-sqlite3).`,
    );
  }
  return (driver = { name: 'better-sqlite3', open: (location) => new Database(location) });
}

/** node:sqlite, without the warning Node.js prints on its first use (it is "experimental" through Node 24). */
function loadNodeSqlite(): NodeSqlite | undefined {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (/SQLite is an experimental feature/.test(typeof warning === 'string' ? warning : warning.message)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return require('node:sqlite') as NodeSqlite;
  } catch {
    return undefined; // Node 20, or 22 before 22.13 without --experimental-sqlite
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** Which SQLite the store runs on in this process (loads it). */
export function sqliteDriverName(): SqliteDriver {
  return sqliteDriver().name;
}

export class Db {
  private readonly statements = new Map<string, SqliteStatement>();
  private depth = 0;

  constructor(readonly raw: SqliteDatabase) {}

  private statement(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.raw.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<T = Row>(sql: string, ...params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  get<T = Row>(sql: string, ...params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  run(sql: string, ...params: unknown[]): { changes: number; lastInsertRowid: number | bigint } {
    return this.statement(sql).run(...params);
  }

  /** Inserts a row, each value as its MySQL column keeps it (./columns.ts); returns the new row's id. */
  insert<T extends Table>(table: T, row: RowOf<T>): number {
    const kept = keepRow(table, row);
    const names = Object.keys(kept);
    return Number(this.run(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, ...Object.values(kept)).lastInsertRowid);
  }

  /** Sets the row's values, each as its MySQL column keeps it, where `where` (SQL with its own parameters) says. */
  update<T extends Table>(table: T, row: RowOf<T>, where: string, ...params: unknown[]): void {
    const kept = keepRow(table, row);
    const names = Object.keys(kept);
    this.run(`UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE ${where}`, ...Object.values(kept), ...params);
  }

  /**
   * Runs `work` in one IMMEDIATE transaction: every write of a request lands together or not at all. Inside another,
   * a savepoint, so a nested failure undoes only its own writes (as better-sqlite3's transaction() does).
   */
  transaction<T>(work: () => T): T {
    const nested = this.depth > 0;
    this.run(nested ? 'SAVEPOINT nested' : 'BEGIN IMMEDIATE');
    this.depth++;
    try {
      const result = work();
      this.run(nested ? 'RELEASE nested' : 'COMMIT');
      return result;
    } catch (error) {
      try {
        if (nested) {
          this.run('ROLLBACK TO nested');
          this.run('RELEASE nested');
        } else {
          this.run('ROLLBACK');
        }
      } catch {
        // SQLite already rolled back (some errors end the transaction themselves): the work's error is the one to see
      }
      throw error;
    } finally {
      this.depth--;
    }
  }

  close(): void {
    this.raw.close();
  }
}

export function openDatabase(dbPath = ':memory:'): Db {
  const raw = sqliteDriver().open(dbPath);
  // better-sqlite3's own build keeps a 16 MB page cache (node:sqlite SQLite's default: 2 MB); the same on both.
  raw.exec('PRAGMA cache_size = -16000');
  if (dbPath !== ':memory:' && dbPath !== '') {
    raw.exec('PRAGMA journal_mode = WAL');
    raw.exec('PRAGMA synchronous = NORMAL');
    raw.exec('PRAGMA busy_timeout = 5000');
  }
  const fresh = raw.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'in_setting'").get() as { n: number };
  if (!fresh.n) raw.exec(readFileSync(path.join(__dirname, 'schema.sql'), 'utf8'));
  return new Db(raw);
}

/** MySQL DATETIME text of a clock reading, in UTC like the recorded store. */
export function sqlDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** The date part only, for DATE columns. */
export const sqlDay = (date: Date): string => sqlDate(date).slice(0, 10);

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
