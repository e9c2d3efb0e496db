// The session and token rules. A token is the id of a session row in `in_session`; it is accepted
// only while its `in_api_session` row is younger than one hour (sliding) and the *current* client address is on the
// API user's allow-list. Session data expires `session.gc_maxlifetime` (1440 s) after the last write.
import { keep } from './db/columns';
import { addSeconds, sqlDate, type Db } from './db/database';
import { jsonEncode, type Jsonable, type PhpKey, type PhpValue, sessionId } from './php';
import type { SecurityPolicy } from './hardening';
import type { PhpRequest } from './request';
import type { StoreRelease } from './release';

export interface SessionAddress {
  firstname: string;
  lastname: string;
  company: string;
  address_1: string;
  address_2: string;
  postcode: string;
  city: string;
  zone_id: string;
  zone: string;
  zone_code: string;
  country_id: string;
  country: string;
  iso_code_2: string;
  iso_code_3: string;
  address_format: string;
  custom_field: PhpValue;
}

export interface SessionCustomer {
  customer_id: string;
  customer_group_id: string;
  firstname: string;
  lastname: string;
  email: string;
  telephone: string;
  custom_field: PhpValue;
}

export interface PaymentMethod {
  code: string;
  title: string;
  terms: string;
  sort_order: string;
}

export interface ShippingQuote {
  code: string;
  title: string;
  cost: string;
  tax_class_id: string;
  text: string;
}

export interface ShippingMethod {
  title: string;
  quote: Map<PhpKey, ShippingQuote>;
  sort_order: string;
  error: boolean;
}

/** A gift voucher bought in this session (a cart item until the order is placed). Fields are as posted. */
export interface SessionVoucher {
  code: PhpValue;
  description: string;
  to_name: PhpValue;
  to_email: PhpValue;
  from_name: PhpValue;
  from_email: PhpValue;
  voucher_theme_id: PhpValue;
  message: PhpValue;
  amount: number;
}

/** Everything an API client's state consists of (cart lines live in `in_cart`). */
export interface SessionData {
  api_id?: number;
  currency?: string;
  language?: string;
  customer_id?: number;
  customer?: SessionCustomer;
  payment_address?: SessionAddress;
  payment_methods?: Map<PhpKey, PaymentMethod>;
  payment_method?: PaymentMethod;
  shipping_address?: SessionAddress;
  shipping_methods?: Map<PhpKey, ShippingMethod>;
  shipping_method?: ShippingQuote;
  coupon?: string;
  voucher?: string;
  vouchers?: Map<PhpKey, SessionVoucher>;
  reward?: number;
}

export interface Session {
  /** '' when no session was started (a token that was not accepted): nothing is then read or written. */
  id: string;
  data: SessionData;
}

/** How long session data lives after the last write (PHP's session.gc_maxlifetime). */
export const SESSION_LIFETIME_SECONDS = 1440;
/** How long a token lives after its last accepted use. */
export const TOKEN_LIFETIME_SECONDS = 3600;
const SESSION_ID = /^[a-zA-Z0-9,-]{22,52}$/;

// Maps survive the round trip through the database with their key order.
const replacer = (_key: string, value: unknown): unknown => (value instanceof Map ? { $map: [...value] } : value);
const reviver = (_key: string, value: unknown): unknown =>
  value && typeof value === 'object' && '$map' in value ? new Map((value as { $map: Array<[PhpKey, unknown]> }).$map) : value;

/** The session's data; `expires` false: before 3.0.3.7, whose expiry check compares a DATETIME with an integer and always passes. */
export function readSession(db: Db, id: string, now: Date, expires = true): SessionData {
  const row = expires
    ? db.get<{ data: string }>('SELECT data FROM in_session WHERE session_id = rtrim(?) AND expire > ?', id, sqlDate(now))
    : db.get<{ data: string }>('SELECT data FROM in_session WHERE session_id = rtrim(?)', id);
  if (!row || !row.data) return {};
  try {
    const data = JSON.parse(row.data, reviver) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as SessionData) : {};
  } catch {
    return {};
  }
}

/** Saves the session's data; `collect` false: before 3.0.3.7, whose garbage collection never deletes a row (see readSession). */
export function writeSession(db: Db, id: string, data: SessionData, now: Date, collect = true): void {
  if (!id) return;
  // What PHP would store is its json_encode(); when the column cuts that short, the row no longer decodes next time.
  const phpJson = jsonEncode(data as unknown as Jsonable);
  const stored = keep('in_session', 'data', phpJson) !== phpJson ? '' : JSON.stringify(data, replacer);
  db.run('DELETE FROM in_session WHERE session_id = ?', id);
  db.run('INSERT INTO in_session (session_id, data, expire) VALUES (?, ?, ?)', id, stored, sqlDate(addSeconds(now, SESSION_LIFETIME_SECONDS)));
  // Garbage collection (PHP runs it by chance; running it always is indistinguishable through the API).
  if (collect) db.run('DELETE FROM in_session WHERE expire < ?', sqlDate(now));
}

export type SessionStart =
  | { kind: 'token'; session: Session }
  | { kind: 'cookie'; session: Session }
  /** An `api/` route without a token, when the policy keeps the cookie session away from the API. */
  | { kind: 'none'; session: Session }
  | { kind: 'invalid' };

/** A session id must look like one, or PHP's Session::start() aborts the request. */
export const isValidSessionId = (id: string): boolean => SESSION_ID.test(id);

/**
 * startup/session: with an api_token on an `api/` route, the token session if the token is accepted (else no session
 * at all); otherwise the ordinary OCSESSID cookie session, which OpenCart opens on `api/` routes too, so a token sent
 * as that cookie skips the allow-list (unless the policy says no).
 */
export function startSession(db: Db, request: PhpRequest, now: Date, policy: SecurityPolicy, release: StoreRelease): SessionStart {
  const route = request.get.get('route');
  const token = request.get.get('api_token');
  const apiRoute = typeof route === 'string' && route.startsWith('api/');
  if (token !== undefined && apiRoute) {
    const tokenText = typeof token === 'string' ? token : '';
    // Written so that the index on date_modified serves it (the same rows as date_modified + 1 hour < now).
    db.run('DELETE FROM in_api_session WHERE date_modified < ?', sqlDate(addSeconds(now, -3600)));
    const accepted = db.get<{ api_session_id: number }>(
      `SELECT s.api_session_id FROM in_api a
         JOIN in_api_session s ON s.api_id = a.api_id
         JOIN in_api_ip i ON i.api_id = a.api_id
        WHERE a.status = 1 AND s.session_id = rtrim(?) AND i.ip = rtrim(?)
        LIMIT 1`,
      tokenText,
      request.server.REMOTE_ADDR,
    );
    if (!accepted) return { kind: 'token', session: { id: '', data: {} } };
    if (!isValidSessionId(tokenText)) return { kind: 'invalid' };
    db.run('UPDATE in_api_session SET date_modified = ? WHERE api_session_id = ?', sqlDate(now), accepted.api_session_id);
    return { kind: 'token', session: { id: tokenText, data: readSession(db, tokenText, now, release.sessionDataExpires) } };
  }
  if (apiRoute && !policy.apiRoutesReadCookieSession) return { kind: 'none', session: { id: '', data: {} } };
  const cookieId = request.rawCookie.get('OCSESSID') ?? '';
  const id = cookieId || sessionId();
  if (!isValidSessionId(id)) return { kind: 'invalid' };
  return { kind: 'cookie', session: { id, data: readSession(db, id, now, release.sessionDataExpires) } };
}

/** api/login: a brand-new session bound to the API user, recorded in `in_api_session`. */
export function createApiSession(db: Db, apiId: number, ip: string, now: Date): Session {
  const id = sessionId();
  db.run('INSERT INTO in_api_session (api_id, session_id, ip, date_added, date_modified) VALUES (?, ?, ?, ?, ?)', apiId, id, ip, sqlDate(now), sqlDate(now));
  return { id, data: { api_id: apiId } };
}

/**
 * What the suite's control of the embedded store does by hand to one token's rows, as an operator could in the
 * database: make time pass for that token alone, so scenarios running in parallel are unaffected.
 */
export interface StoreSessions {
  /** Marks the token as last used `seconds` ago (`in_api_session.date_modified`); returns the rows changed. */
  ageToken(token: string, seconds: number): number;
  /** Moves the token's last use `seconds` further into the past than it is (`in_api_session.date_modified`); returns the rows changed. */
  ageTokenBy(token: string, seconds: number): number;
  /** Makes the token's session data expire `seconds` ago (`in_session.expire`); returns the rows changed. */
  ageSession(token: string, seconds: number): number;
}

export function storeSessions(db: Db, now: () => Date): StoreSessions {
  const ago = (seconds: number): string => sqlDate(addSeconds(now(), -seconds));
  return {
    ageToken: (token, seconds) => db.run('UPDATE in_api_session SET date_modified = ? WHERE session_id = ?', ago(seconds), token).changes,
    ageTokenBy: (token, seconds) => {
      const row = db.get<{ date_modified: string }>('SELECT date_modified FROM in_api_session WHERE session_id = ?', token);
      if (!row) return 0;
      const last = new Date(`${String(row.date_modified).replace(' ', 'T')}Z`);
      return db.run('UPDATE in_api_session SET date_modified = ? WHERE session_id = ?', sqlDate(addSeconds(last, -seconds)), token).changes;
    },
    ageSession: (token, seconds) => db.run('UPDATE in_session SET expire = ? WHERE session_id = ?', ago(seconds), token).changes,
  };
}
