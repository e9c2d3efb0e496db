// A private, throwaway MariaDB server for tests that need the real SQL dialect (the provision SQL runs on MySQL or
// MariaDB, never on the reference store's SQLite), and the OpenCart 3.0.x table shapes the project mirrors in
// store/db/schema.sql, translated to MySQL DDL: no upstream OpenCart DDL is kept in this repository.
//
// The server has its own data directory and socket and no TCP port, so it neither sees nor disturbs a MariaDB the
// machine runs for anything else.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------------------------
// Binaries

/** Debian ships the server in /usr/sbin, which a non-root PATH often lacks. */
const SEARCH_DIRS = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];

function which(names: string[]): string | undefined {
  for (const name of names) {
    for (const dir of SEARCH_DIRS) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

interface Binaries {
  server: string;
  installDb: string;
  client: string;
  admin: string;
}

/** MariaDB names first; the mysql* names are the aliases older packages (and MySQL-compatible builds) install. */
function binaries(): Binaries | undefined {
  const server = which(['mariadbd', 'mysqld']);
  const installDb = which(['mariadb-install-db', 'mysql_install_db']);
  const client = which(['mariadb', 'mysql']);
  const admin = which(['mariadb-admin', 'mysqladmin']);
  return server && installDb && client && admin ? { server, installDb, client, admin } : undefined;
}

/** Whether this machine can start a MariaDB server of its own (server, install script, client and admin tool). */
export function mariadbAvailable(): boolean {
  return binaries() !== undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The server

export interface MariaDb {
  /** Runs `sql` (any number of statements) through the client; resolves with its tab-separated output, without headers. */
  query(sql: string, database?: string): Promise<string>;
  /** Stops the server and removes its data directory; safe to call more than once. */
  stop(): Promise<void>;
}

/** Servers not stopped yet, with their directories: killed and removed when the process exits, so a failing or
 * interrupted test leaves neither behind. */
const running = new Map<ChildProcess, string>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = (): void => {
    for (const [child, dir] of running) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      // Then die of the signal as if no handler were installed, unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function run(command: string, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined); // the client may exit before reading everything (a failed statement)
    child.stdin.end(input ?? '');
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A directory whose socket path fits the 107 bytes a Unix socket name may have. */
function tempDir(): string {
  const base = os.tmpdir().length <= 60 ? os.tmpdir() : '/tmp';
  return mkdtempSync(path.join(base, 'invotide-mariadb-'));
}

/**
 * Initialises a data directory and starts a server on a socket of its own. The OS user running the tests is the
 * server's user and its only login (unix_socket authentication: no password anywhere).
 * `startTimeoutMs` bounds the wait for the first answer; a loaded machine may need many seconds.
 */
export async function startMariaDb(options: { startTimeoutMs?: number } = {}): Promise<MariaDb> {
  const bin = binaries();
  if (!bin) throw new Error('MariaDB is not installed (apt-get install mariadb-server)');
  hookExit();
  const dir = tempDir();
  const datadir = path.join(dir, 'data');
  const socket = path.join(dir, 'sock');
  const errorLog = path.join(dir, 'error.log');
  const user = os.userInfo().username;
  // --no-defaults first: the machine's /etc/mysql configuration names the shared socket, port and data directory.
  const common = ['--no-defaults'];
  const log = (): string => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8').split('\n').slice(-20).join('\n') : '');

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const stop = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM'); // mariadbd shuts down cleanly on SIGTERM
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 30_000)));
      const outcome = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    if (child) running.delete(child);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const install = await run(bin.installDb, [...common, `--datadir=${datadir}`, `--user=${user}`, '--auth-root-authentication-method=socket', '--skip-test-db']);
    if (install.code !== 0) throw new Error(`${path.basename(bin.installDb)} failed (${install.code}):\n${install.stderr}${install.stdout}`);

    child = spawn(
      bin.server,
      [
        ...common,
        `--datadir=${datadir}`,
        `--socket=${socket}`,
        '--skip-networking',
        `--pid-file=${path.join(dir, 'mariadbd.pid')}`,
        `--log-error=${errorLog}`,
        `--user=${user}`,
        // A small footprint: the tests hold a few hundred rows.
        '--innodb-buffer-pool-size=16M',
        '--skip-log-bin',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_general_ci',
      ],
      { stdio: 'ignore' },
    );
    const started = child;
    running.set(started, dir);
    let spawnError: Error | undefined;
    exited = new Promise((resolve) => {
      started.once('exit', () => resolve());
      started.once('error', (error) => {
        spawnError = error;
        resolve();
      });
    });

    const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
    for (;;) {
      if (spawnError) throw new Error(`mariadbd did not start: ${spawnError.message}`);
      if (started.exitCode !== null || started.signalCode !== null) throw new Error(`mariadbd exited during start-up (${started.exitCode ?? started.signalCode}):\n${log()}`);
      const ping = await run(bin.admin, [...common, `--socket=${socket}`, `--user=${user}`, 'ping']);
      if (ping.code === 0) break;
      if (Date.now() > deadline) throw new Error(`mariadbd did not answer within ${options.startTimeoutMs ?? 120_000} ms:\n${ping.stderr}\n${log()}`);
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    async query(sql: string, database?: string): Promise<string> {
      const args = [...common, `--socket=${socket}`, `--user=${user}`, '--batch', '--skip-column-names', ...(database ? [`--database=${database}`] : [])];
      const result = await run(bin.client, args, sql);
      if (result.code !== 0) {
        const error = new Error(`mysql exited with ${result.code}: ${result.stderr.trim()}`) as Error & { stderr: string; stdout: string };
        error.stderr = result.stderr;
        error.stdout = result.stdout;
        throw error;
      }
      return result.stdout;
    },
    stop,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// store/db/schema.sql as MySQL DDL

/** Columns whose TEXT stays TEXT (free text, serialized data): the rest become VARCHAR, which can be indexed and defaulted. */
const LONG_TEXT = /^(data|value|description|message|comment|option|custom_field|\w+_custom_field|address_format|\w+_address_format|user_agent|accept_language)$/;
/** Short enough for an index of MyISAM (1000 bytes) over several columns in utf8mb4 (4 bytes a character). */
const INDEXED_VARCHAR = 'VARCHAR(128)';
const PLAIN_VARCHAR = 'VARCHAR(255)';

const tick = (name: string): string => `\`${name}\``;

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

const columnList = (list: string): string[] => list.split(',').map((c) => c.trim()).filter(Boolean);

/**
 * Translates the project's SQLite mirror of the OpenCart 3.0.x tables (store/db/schema.sql) to MySQL/MariaDB DDL for a
 * table prefix: `in_x` becomes `<prefix>x`, INTEGER INT, TEXT VARCHAR (TEXT for free-text columns without an index
 * or default), `COLLATE NOCASE` goes (utf8mb4_general_ci already compares without case), identifiers are quoted,
 * keys and indexes are kept. Tables are MyISAM, as OpenCart 3.0.x creates them.
 */
export function mysqlDdlFromSqliteSchema(schemaSql: string, prefix: string): string {
  const withoutComments = schemaSql.replace(/--[^\n]*/g, '');
  const statements = withoutComments.split(';').map((s) => s.trim()).filter(Boolean);
  const table = (name: string): string => {
    if (!name.startsWith('in_')) throw new Error(`schema table without the in_ prefix: ${name}`);
    return tick(prefix + name.slice('in_'.length));
  };

  // Every column that takes part in a key, per table: these must be VARCHAR (MySQL indexes no TEXT without a length).
  const indexed = new Map<string, Set<string>>();
  const markIndexed = (tableName: string, columns: string[]): void => {
    const set = indexed.get(tableName) ?? new Set<string>();
    columns.forEach((c) => set.add(c));
    indexed.set(tableName, set);
  };
  for (const s of statements) {
    const index = /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+\w+\s+ON\s+(\w+)\s*\(([^)]*)\)$/i.exec(s);
    if (index) markIndexed(index[1], columnList(index[2]));
    const create = /^CREATE\s+TABLE\s+(\w+)\s*\(([\s\S]*)\)$/i.exec(s);
    if (create) {
      for (const part of splitTopLevel(create[2])) {
        const pk = /^PRIMARY\s+KEY\s*\(([^)]*)\)$/i.exec(part);
        if (pk) markIndexed(create[1], columnList(pk[1]));
        else if (/\bPRIMARY\s+KEY\b/i.test(part)) markIndexed(create[1], [part.split(/\s+/)[0]]);
      }
    }
  }

  const out: string[] = [];
  for (const s of statements) {
    const create = /^CREATE\s+TABLE\s+(\w+)\s*\(([\s\S]*)\)$/i.exec(s);
    if (create) {
      const [, tableName, body] = create;
      const definitions = splitTopLevel(body).map((part) => {
        const pk = /^PRIMARY\s+KEY\s*\(([^)]*)\)$/i.exec(part);
        if (pk) return `PRIMARY KEY (${columnList(pk[1]).map(tick).join(', ')})`;
        const column = /^(\w+)\s+(INTEGER|TEXT)\b(.*)$/i.exec(part);
        if (!column) throw new Error(`unsupported definition in ${tableName}: ${part}`);
        const [, name, sqliteType, rest] = column;
        const constraints = rest.replace(/\bCOLLATE\s+NOCASE\b/gi, '').replace(/\s+/g, ' ').trim();
        const primary = /\bPRIMARY\s+KEY\b/i.test(constraints);
        const autoIncrement = /\bAUTOINCREMENT\b/i.test(constraints);
        const withDefault = /\bDEFAULT\b/i.test(constraints);
        let type: string;
        if (sqliteType.toUpperCase() === 'INTEGER') type = 'INT';
        else if (indexed.get(tableName)?.has(name)) type = INDEXED_VARCHAR;
        else if (LONG_TEXT.test(name) && !withDefault) type = 'TEXT';
        else type = PLAIN_VARCHAR;
        if (primary) return `${tick(name)} ${type} NOT NULL${autoIncrement ? ' AUTO_INCREMENT' : ''} PRIMARY KEY`;
        return `${tick(name)} ${type}${constraints ? ` ${constraints}` : ''}`;
      });
      out.push(`CREATE TABLE ${table(tableName)} (\n  ${definitions.join(',\n  ')}\n) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;`);
      continue;
    }
    const index = /^CREATE\s+(UNIQUE\s+)?INDEX\s+(\w+)\s+ON\s+(\w+)\s*\(([^)]*)\)$/i.exec(s);
    if (index) {
      const [, unique, indexName, tableName, columns] = index;
      out.push(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${tick(indexName.replace(/^in_/, prefix))} ON ${table(tableName)} (${columnList(columns).map(tick).join(', ')});`);
      continue;
    }
    throw new Error(`unsupported statement in the schema: ${s.slice(0, 80)}`);
  }
  return `${out.join('\n\n')}\n`;
}
