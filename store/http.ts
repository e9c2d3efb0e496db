// The HTTP front: `index.php?route=…` → PHP-style request → the store's startup (session, language, currency, tax,
// customer, cart) → the route's controller method → a JSON answer with the store's headers. Every request runs in one
// database transaction; an unexpected error rolls it back and answers JSON, never a stack trace.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Config } from './config';
import type { SecurityPolicy } from './hardening';
import type { Registry } from './context';
import type { Db } from './db/database';
import { EN_GB, inLanguage, messages, type StoreLanguage } from './language';
import { JsonEncodeError, jsonEncode, sessionId } from './php';
import { buildRequest, type PhpRequest } from './request';
import { resolveRoute, type Handler } from './routes';
import { Cart } from './rules/cart';
import { Customer } from './rules/customer';
import { Currencies } from './rules/money';
import { Tax } from './rules/tax';
import { startSession, writeSession } from './session';
import type { StoreRelease } from './release';

/**
 * A store variant: how a test harness builds a deliberately broken store (the mutation catalogue) without a switch in
 * the store's own code paths. Each hook wraps one seam; the normal store has none.
 */
export interface StoreVariant {
  /**
   * Sees (and may change) each request before the startup reads its session, token and address; the database as it is
   * before the startup (read it only: a fault that remembers what the startup changes).
   */
  request?: (request: PhpRequest, db: Db) => void;
  /** Wraps or replaces the handler of a route (the route as requested, e.g. 'api/cart/edit'). */
  handler?: (route: string, handler: Handler) => Handler;
  /** Rewrites the body of a JSON answer. */
  body?: (route: string, body: string) => string;
  /** Rewrites the headers of a JSON answer. */
  headers?: (route: string, headers: Array<[string, string]>) => Array<[string, string]>;
  /** Traits of another release than the one the store imitates: a store one release in all but these respects. */
  release?: Partial<Omit<StoreRelease, 'version'>>;
}

export interface StoreRuntime {
  db: Db;
  /** The OpenCart release the store imitates (store/release.ts). */
  release: StoreRelease;
  now: () => Date;
  /** Stock OpenCart's defences, or the hardened store's (store/hardening.ts). */
  security: SecurityPolicy;
  variant?: StoreVariant;
  /** Called when the store fails unexpectedly (the client only sees a JSON error). */
  onError?: (error: unknown) => void;
  /** The language the store answers in (en-gb unless told). */
  language?: StoreLanguage;
}

interface Answer {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** The no-cache headers system/framework.php:75-77 sends on every answer from 3.0.4.0. */
const CACHE_HEADERS: Array<[string, string]> = [
  ['Expires', 'Thu, 19 Nov 1981 08:52:00 GMT'],
  ['Cache-Control', 'no-store, no-cache, must-revalidate, post-check=0, pre-check=0'],
  ['Pragma', 'no-cache'],
];
const commonHeaders = (release: StoreRelease): Array<[string, string]> => [['X-Powered-By', 'Invotide-Reference'], ...(release.cacheHeaders ? CACHE_HEADERS : [])];

/** post_max_size: a larger body leaves $_POST empty. */
const POST_MAX_BYTES = 8 * 1024 * 1024;
const COOKIE_MAX_AGE = 60 * 60 * 24 * 30;

const NOT_FOUND_PAGE = `<!DOCTYPE html>
<!--[if IE]><![endif]-->
<html dir="ltr" lang="en">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The page you requested cannot be found!</title>
</head>
<body>
<div id="error-not-found" class="container">
  <ul class="breadcrumb">
    <li><a href="index.php?route=common/home"><i class="fa fa-home"></i></a></li>
  </ul>
  <div class="row"><div id="content" class="col-sm-12">
    <h1>The page you requested cannot be found!</h1>
    <p>${messages.system.notFound}</p>
    <div class="buttons clearfix"><div class="pull-right"><a href="index.php?route=common/home" class="btn btn-primary">Continue</a></div></div>
  </div></div>
</div>
<footer><div class="container"><p>Powered By <a href="https://www.opencart.com">OpenCart</a><br /> Your Store &copy; 2026</p></div></footer>
</body>
</html>
`;

/** The language and currency cookies; before 3.0.4.0 they name the Host header (port included) as their domain. */
function cookie(name: string, value: string, now: Date, domain?: string): string {
  const expires = new Date(now.getTime() + COOKIE_MAX_AGE * 1000).toUTCString();
  return `${name}=${encodeURIComponent(value)}; expires=${expires}; Max-Age=${COOKIE_MAX_AGE}; path=/${domain ? `; domain=${domain}` : ''}`;
}

function json(release: StoreRelease, body: string, cookies: string[], status = 200): Answer {
  return { status, headers: [...commonHeaders(release), ...cookies.map((c): [string, string] => ['Set-Cookie', c]), ['Content-Type', 'application/json']], body };
}

/** One request, start to finish, inside one transaction. */
export function answer(runtime: StoreRuntime, request: PhpRequest): Answer {
  const { db } = runtime;
  const now = runtime.now();
  const language = runtime.language ?? EN_GB;
  return inLanguage(language, () => db.transaction((): Answer => {
    const started = startSession(db, request, now, runtime.security, runtime.release);
    if (started.kind === 'invalid') {
      return { status: 200, headers: [...commonHeaders(runtime.release), ['Content-type', 'text/html; charset=UTF-8']], body: messages.system.invalidSession };
    }
    const { session } = started;
    const cookies: string[] = [];
    if (started.kind === 'cookie') cookies.push(`OCSESSID=${session.id}; path=/`);
    // 3.0.3.1 and before start PHP's own cookie session on every request as well (session_autostart).
    else if (started.kind === 'token' && runtime.release.sessionCookieOnTokenCalls && !request.rawCookie.get('OCSESSID')) cookies.push(`OCSESSID=${sessionId()}; path=/`);
    const domain = runtime.release.hostCookieDomain ? request.server.HTTP_HOST : undefined;

    const config = Config.load(db);
    // Language: the one the store answers in is the only one installed.
    const code = config.get('config_language') ?? language.code;
    if (session.data.language !== code) session.data.language = code;
    if (request.cookie.get('language') !== code) cookies.push(cookie('language', code, now, domain));
    // Currency: the session's if it is exactly an enabled code, else the cookie's, else the default (formatting then
    // works with any installed currency).
    const currency = Currencies.load(db, config, language, runtime.release.onlyEnabledCurrencies);
    let currencyCode = session.data.currency ?? '';
    const cookieCurrency = request.cookie.get('currency');
    if (typeof cookieCurrency === 'string' && !currency.isEnabled(currencyCode)) currencyCode = cookieCurrency;
    if (!currency.isEnabled(currencyCode)) currencyCode = config.get('config_currency') ?? 'USD';
    if (session.data.currency !== currencyCode) session.data.currency = currencyCode;
    if (cookieCurrency !== currencyCode) cookies.push(cookie('currency', currencyCode, now, domain));

    const customer = new Customer(db, config, session.data);
    const tax = Tax.forRequest(db, config, session.data, customer.priceGroupId());
    Cart.purge(db, now);
    const registry: Registry = {
      db,
      release: runtime.release,
      now,
      config,
      request,
      session,
      currency,
      tax,
      customer,
      cart: new Cart(db, session, customer, tax, () => now),
      newSessions: [],
    };

    const route = request.get.get('route');
    const resolved = typeof route === 'string' ? resolveRoute(route) : undefined;
    const handler = resolved && runtime.variant?.handler ? runtime.variant.handler(String(route), resolved) : resolved;
    let result: Answer;
    if (!handler) {
      result = { status: 404, headers: [...commonHeaders(runtime.release), ...cookies.map((c): [string, string] => ['Set-Cookie', c]), ['Content-Type', 'text/html; charset=utf-8']], body: NOT_FOUND_PAGE };
    } else {
      const value = handler(registry);
      let body = '';
      try {
        body = jsonEncode(value);
      } catch (error) {
        // json_encode() returned false: PHP sends an empty body.
        if (!(error instanceof JsonEncodeError)) throw error;
      }
      if (runtime.variant?.body) body = runtime.variant.body(String(route), body);
      result = json(runtime.release, body, cookies);
      if (runtime.variant?.headers) result.headers = runtime.variant.headers(String(route), result.headers);
    }
    const collect = runtime.release.sessionDataExpires;
    writeSession(db, session.id, session.data, now, collect);
    for (const created of registry.newSessions) writeSession(db, created.id, created.data, now, collect);
    return result;
  }));
}

function send(res: ServerResponse, a: Answer): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of a.headers) {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  res.writeHead(a.status, headers);
  res.end(a.body);
}

function failure(runtime: StoreRuntime, res: ServerResponse, error: unknown): void {
  runtime.onError?.(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  send(res, json(runtime.release, jsonEncode({ error: messages.system.unexpected }), [], 500));
}

export function handleRequest(runtime: StoreRuntime, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > POST_MAX_BYTES) overflow = true;
    else chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    try {
      const path = (req.url ?? '/').split('?')[0];
      const request = buildRequest(req, overflow ? Buffer.alloc(0) : Buffer.concat(chunks), runtime.release.trimsRequest);
      runtime.variant?.request?.(request, runtime.db);
      if (path !== '/' && path !== '/index.php') {
        send(res, { status: 404, headers: [...commonHeaders(runtime.release), ['Content-Type', 'text/html; charset=utf-8']], body: NOT_FOUND_PAGE });
        return;
      }
      const answered = answer(runtime, request);
      const hold = runtime.security.holdAnswerMs(request, answered.body, runtime.now());
      if (hold > 0) setTimeout(() => !res.destroyed && send(res, answered), hold).unref();
      else send(res, answered);
    } catch (error) {
      failure(runtime, res, error);
    }
  });
}

export function createHttpServer(runtime: StoreRuntime): http.Server {
  const server = http.createServer((req, res) => handleRequest(runtime, req, res));
  server.keepAliveTimeout = 5000;
  return server;
}

