// Opens the store's SQLite database: schema applied once, WAL when file-backed, and one prepared statement per SQL text
// (better-sqlite3 statements are reusable, so the cache makes every query after the first a lookup). Rows written with
// insert()/update() keep their values as the real store's MySQL columns would (./columns.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { keepRow, type RowOf, type Table } from './columns';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown> | unknown[];

export class Db {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly raw: Database.Database) {}

  private statement(sql: string): Database.Statement {
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

  run(sql: string, ...params: unknown[]): Database.RunResult {
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

  /** Runs `work` in one IMMEDIATE transaction: every write of a request lands together or not at all. */
  transaction<T>(work: () => T): T {
    return this.raw.transaction(work).immediate();
  }
}

export function openDatabase(dbPath = ':memory:'): Db {
  const raw = new Database(dbPath);
  if (dbPath !== ':memory:' && dbPath !== '') {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('busy_timeout = 5000');
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
