// The reference store: the Invotide API (OpenCart 3.0.x catalog API) on a real SQLite database, seeded with the demo
// data of a fresh install plus the conformance fixtures. `createStore()` for tests and the runner, `main.ts` standalone.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Db, openDatabase, sqlDate, type SqliteDatabase } from './db/database';
import { applyRecordingFixtures as applyFixtures, seedDatabase, type Seed } from './db/seed';
import { createHttpServer, type StoreVariant } from './http';
import { hardenedPolicy, STOCK_POLICY } from './hardening';
import { storeAdmin, type StoreAdmin } from './admin';
import { storeSessions, type StoreSessions } from './session';
import { storeRelease } from './release';
import { EN_GB, storeLanguage } from './language';
import type { LanguageTexts } from '../src/target/language';
import { API_USERS, type ApiKeys } from '../src/provision/dataset';

export type { StoreVariant } from './http';

export interface StoreOptions {
  /** Default ':memory:'; a file path uses WAL mode (an existing file keeps its data). */
  dbPath?: string;
  /** Key of the 'Default' API user (default: random 64 hex characters). */
  apiKey?: string;
  /** Key of the 'Restricted' API user (default: random). */
  restrictedKey?: string;
  /**
   * Keys of the API users the conformance data adds: invotide-disabled and invotide-restricted (default: random), and
   * invotide-suite, the user runs log in as (default: the key of 'Default', so that a configuration naming only a key
   * logs in whichever of the two it names).
   */
  provisionedKeys?: Partial<ApiKeys>;
  /** Allow-list of 'Default' and of invotide-suite (default ['127.0.0.1']). */
  allowedIps?: string[];
  /** Allow-list of 'Restricted' (default ['10.255.255.1'], an address the runner never has). */
  restrictedIps?: string[];
  /** The store's clock, so tests can move time (token expiry, the 1 h cart purge). */
  now?: () => Date;
  /**
   * 'conformance' (default): a fresh install's demo data, the conformance extras and the fixtures the recording added
   * before exchange 154. 'demo': the same without those recording fixtures (the replay adds them at 154).
   * 'none': settings, currencies, countries, taxes and the API users only (the conformance data's among them).
   */
  seed?: Seed;
  /** Called with unexpected errors (the client only sees a JSON error body). */
  onError?: (error: unknown) => void;
  /** A deliberately broken variant, for the suite's mutation catalogue only (see StoreVariant). */
  variant?: StoreVariant;
  /**
   * Close the weaknesses a stock OpenCart 3.0.5.0 has (store/hardening.ts), so that every security scenario passes.
   * Default false: the store is as faithful to a stock store in its weaknesses as in the rest.
   */
  hardened?: boolean;
  /** The OpenCart 3.0.x release to imitate (default 3.0.5.0), where releases answer differently (store/release.ts). */
  release?: string;
  /**
   * Shop settings to run with instead of a fresh install's, as the `setting` table holds them (a list for a
   * serialized setting): e.g. `{ config_stock_checkout: '1' }`. Written over the seed's on every start.
   */
  settings?: Record<string, string | string[]>;
  /**
   * Currencies as an operator sets them up (System > Localisation > Currencies), by code: the rate, and for a code the
   * store does not have yet (it has a fresh install's GBP, USD and EUR) or one to change, its symbols, decimal places
   * and status.
   */
  currencies?: StoreCurrency[];
  /** The language the store answers in: its code and the texts of its language files (`api/cart.text_success` → text). */
  language?: { code: string; texts: LanguageTexts };
}

export interface StoreCurrency {
  code: string;
  value: number;
  title?: string;
  symbolLeft?: string;
  symbolRight?: string;
  decimalPlace?: number;
  /** false: disabled (Status off). */
  enabled?: boolean;
}

export interface ReferenceStore {
  server: Server;
  /** The release it imitates. */
  release: string;
  /** The SQLite connection (node:sqlite or better-sqlite3, behind better-sqlite3's interface: store/db/database.ts). */
  db: SqliteDatabase;
  apiKey: string;
  restrictedKey: string;
  /** Keys of the API users the conformance data adds (as seeded: a reopened database keeps its own). */
  provisionedKeys: ApiKeys;
  /** What the store's admin does to API users. */
  admin: StoreAdmin;
  /** What an operator can do by hand to one token's rows (age them). */
  sessions: StoreSessions;
  /** Resolves the base URL, e.g. 'http://127.0.0.1:43121/'. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const randomKey = (): string => randomBytes(32).toString('hex');

export function createStore(options: StoreOptions = {}): ReferenceStore {
  const now = options.now ?? (() => new Date());
  const db: Db = openDatabase(options.dbPath ?? ':memory:');
  const existing = db.get<{ n: number }>('SELECT COUNT(*) AS n FROM in_api')!.n > 0;
  let apiKey = options.apiKey ?? randomKey();
  let restrictedKey = options.restrictedKey ?? randomKey();
  const provisionedKeys: ApiKeys = {
    disabled: options.provisionedKeys?.disabled ?? randomKey(),
    restricted: options.provisionedKeys?.restricted ?? randomKey(),
    suite: options.provisionedKeys?.suite ?? apiKey,
  };
  if (!existing) {
    seedDatabase(db, {
      seed: options.seed ?? 'conformance',
      apiKey,
      restrictedKey,
      provisionedKeys,
      allowedIps: options.allowedIps ?? ['127.0.0.1'],
      restrictedIps: options.restrictedIps ?? ['10.255.255.1'],
      installedAt: sqlDate(now()),
    });
  } else {
    // A reopened database keeps its users; explicit keys replace the stored ones.
    if (options.apiKey) db.run("UPDATE in_api SET key = ? WHERE username = 'Default'", apiKey);
    else apiKey = db.get<{ key: string }>("SELECT key FROM in_api WHERE username = 'Default'")!.key;
    if (options.restrictedKey) db.run("UPDATE in_api SET key = ? WHERE username = 'Restricted'", restrictedKey);
    else restrictedKey = db.get<{ key: string }>("SELECT key FROM in_api WHERE username = 'Restricted'")?.key ?? restrictedKey;
    for (const role of ['disabled', 'restricted', 'suite'] as const) {
      provisionedKeys[role] = db.get<{ key: string }>('SELECT key FROM in_api WHERE username = ?', API_USERS[role].username)?.key ?? provisionedKeys[role];
    }
  }
  if (options.settings) applySettings(db, options.settings);
  for (const currency of options.currencies ?? []) applyCurrency(db, currency, now());
  const language = options.language ? storeLanguage(options.language.code, options.language.texts) : EN_GB;
  if (options.language) applySettings(db, { config_language: language.code });
  const security = options.hardened ? hardenedPolicy() : STOCK_POLICY;
  const release = { ...storeRelease(options.release), ...options.variant?.release };
  const server = createHttpServer({ db, release, now, security, onError: options.onError, variant: options.variant, language });
  let closed = false;

  return {
    server,
    release: release.version,
    db: db.raw,
    apiKey,
    restrictedKey,
    provisionedKeys,
    admin: storeAdmin(db, security, now),
    sessions: storeSessions(db, now),
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          const url = `http://${shownHost}:${address.port}/`;
          // config_url is what orders record as store_url.
          db.run("UPDATE in_setting SET value = ? WHERE key = 'config_url'", url);
          resolve(url);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        if (closed) return resolve();
        closed = true;
        const finish = () => {
          if (db.raw.open) db.raw.close();
          resolve();
        };
        if (!server.listening) return finish();
        server.close(() => finish());
        server.closeAllConnections();
      });
    },
  };
}

/** Shop settings as an operator saves them in the admin: each key's row of store 0 replaced. */
function applySettings(db: Db, settings: Record<string, string | string[]>): void {
  for (const [key, value] of Object.entries(settings)) {
    const serialized = Array.isArray(value) ? 1 : 0;
    const stored = Array.isArray(value) ? JSON.stringify(value) : value;
    const code = db.get<{ code: string }>('SELECT code FROM in_setting WHERE store_id = 0 AND key = ?', key)?.code ?? (key.startsWith('config_') ? 'config' : key.split('_').slice(0, 2).join('_'));
    db.run('DELETE FROM in_setting WHERE store_id = 0 AND key = ?', key);
    db.run('INSERT INTO in_setting (store_id, code, key, value, serialized) VALUES (0, ?, ?, ?, ?)', code, key, stored, serialized);
  }
}

/** A currency as an operator saves it: the row of its code changed, or added when the store has none. */
function applyCurrency(db: Db, c: StoreCurrency, now: Date): void {
  const changes: Record<string, string | number> = { value: c.value.toFixed(8) };
  if (c.title !== undefined) changes.title = c.title;
  if (c.symbolLeft !== undefined) changes.symbol_left = c.symbolLeft;
  if (c.symbolRight !== undefined) changes.symbol_right = c.symbolRight;
  if (c.decimalPlace !== undefined) changes.decimal_place = String(c.decimalPlace);
  if (c.enabled !== undefined) changes.status = c.enabled ? 1 : 0;
  const columns = Object.keys(changes);
  if (db.run(`UPDATE in_currency SET ${columns.map((k) => `${k} = ?`).join(', ')} WHERE code = ?`, ...Object.values(changes), c.code).changes) return;
  if (c.symbolLeft === undefined && c.symbolRight === undefined) throw new Error(`the reference store has no currency ${c.code}; to add it, give its symbols`);
  const id = db.get<{ id: number }>('SELECT COALESCE(MAX(currency_id), 0) + 1 AS id FROM in_currency')!.id;
  db.run(
    'INSERT INTO in_currency (currency_id, title, code, symbol_left, symbol_right, decimal_place, value, status, date_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    id, c.title ?? c.code, c.code, c.symbolLeft ?? '', c.symbolRight ?? '', String(c.decimalPlace ?? 2), c.value.toFixed(8), c.enabled === false ? 0 : 1, sqlDate(now),
  );
}

/** What the recording changed directly in the database before its exchange 154 (see db/seed.ts). */
export function applyRecordingFixtures(db: SqliteDatabase, at?: string): void {
  applyFixtures(new Db(db), at);
}

export type { Seed };
