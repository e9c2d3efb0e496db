// Security audits: the requests an attacker sends to a store's API, and how the suite tells a safe answer from an
// unsafe one. features/security.feature says why each matters; its steps are one-line fronts over this module.
import { randomBytes } from 'node:crypto';
import { Contract } from './contract';
import type { ApiResponse, Form } from './client';
import { DEFAULT_SEED, FAMILIES, leaves, negativeForms } from './negative';
import { Redactor } from './redact';
import { askEmbeddedControl } from './runner/embedded-control';
import type { ApiSession, SessionRequest } from './session';

// ---- where a token can travel -------------------------------------------------------------------------------------

/** Where a client may put its token (the API reads it from the query string only), and the request each makes. */
export const TOKEN_PLACES = {
  'the OCSESSID cookie': (token: string): Partial<SessionRequest> => ({ headers: { cookie: `OCSESSID=${token}` } }),
  'the body': (token: string): Partial<SessionRequest> => ({ form: { api_token: token } }),
  'an Authorization header': (token: string): Partial<SessionRequest> => ({ headers: { authorization: `Bearer ${token}` } }),
  'an X-Api-Token header': (token: string): Partial<SessionRequest> => ({ headers: { 'x-api-token': token } }),
  'the query string': (token: string): Partial<SessionRequest> => ({ token }),
} as const;
export type TokenPlace = keyof typeof TOKEN_PLACES;
export const TOKEN_PLACE_NAMES = Object.keys(TOKEN_PLACES) as TokenPlace[];

/** A request the scenario sent to see whether the store lets it through, with the headers it carried. */
export interface Probe {
  response: ApiResponse;
  headers: Record<string, string>;
}

/**
 * Sends `token` to `route` in one place only (no api_token in the query unless that is the place), optionally from
 * another local address. `stranger` must be a session that holds nothing: no token, no cookie of its own.
 */
export async function sendToken(stranger: ApiSession, route: string, token: string, place: TokenPlace, localAddress?: string): Promise<Probe> {
  const request: SessionRequest = { route, withoutToken: true, allowViolation: true, localAddress, ...TOKEN_PLACES[place](token) };
  return { response: await stranger.call(request), headers: request.headers ?? {} };
}

/** Whether the store refused the request with its permission error (either shape). */
export function isPermissionError(r: ApiResponse): boolean {
  const variant = r.validation?.variant;
  return variant === 'PermissionDeniedObject' || variant === 'PermissionDeniedString';
}

/** The probes the store let through, a line each: the request and what it got, for a finding to reproduce by hand. */
export function letThrough(probes: Probe[]): string[] {
  const redactor = new Redactor();
  return probes
    .filter((p) => !isPermissionError(p.response))
    .map(({ response: r, ...probe }) => `${describeRequest({ response: r, ...probe })} → HTTP ${r.status} ${r.validation?.variant ?? ''} ${redactor.redact(r.text.slice(0, 160))}`.replace(/  +/g, ' '));
}

/**
 * One request on one line, as curl would need it: method, URL, source address, headers, body; tokens and keys blanked.
 * A blank ends every part: a token's pattern runs to the next one, and would take a quote or a separator with it.
 */
export function describeRequest(probe: Probe, secrets: string[] = []): string {
  const { request } = probe.response;
  const parts = [
    `${request.method} ${request.url}`,
    request.localAddress ? `from ${request.localAddress}` : '',
    ...Object.entries(probe.headers).map(([name, value]) => `with ${name}: ${value}`),
    request.body ? `with body ${request.body}` : 'with no body',
  ];
  return new Redactor(secrets).redact(parts.filter(Boolean).join(' '));
}

// ---- an API user of the scenario's own (embedded reference store only) ----------------------------------------------

export interface OwnApiUser {
  username: string;
  key: string;
  token?: string;
}

/**
 * Has the embedded store's admin add an API user allowed only from `allowedAddress`, and logs it in from
 * `localAddress` (default: the suite's usual address). `keepSecret` hears the key before any request carries it.
 */
export async function loginOwnApiUser(controlUrl: string, session: ApiSession, keepSecret: (key: string) => void, allowedAddress: string, localAddress?: string): Promise<OwnApiUser> {
  const user = await askEmbeddedControl<{ username: string; key: string }>(controlUrl, 'add-api-user', { ip: allowedAddress });
  keepSecret(user.key);
  const r = await session.login(user.username, user.key, { localAddress });
  const token = (r.json as { api_token?: unknown } | undefined)?.api_token;
  if (typeof token !== 'string') throw new Error(`the API user the store's admin added could not log in: ${r.text.slice(0, 200)}`);
  return { ...user, token };
}

/** A session id as OpenCart makes them (26 hex digits), which a client may send as OCSESSID before it logs in. */
export const chooseSessionId = (): string => randomBytes(13).toString('hex');

// ---- login storms -------------------------------------------------------------------------------------------------

/** Wrong keys in the opt-in login storm: enough for a throttle to show, as many as the conformance class already sends. */
export const LOGIN_STORM_ATTEMPTS = 20;
/** How much slower the last wrong keys must be answered than the right one for the store to have slowed them. */
export const SLOWED_BY_MS = 250;
const LAST = 4;

/** Bound of the storm's step: every wrong key held for up to a few seconds. */
export const STORM_STEP_TIMEOUT_MS = 2 * 60_000;

/** The configuration key that lets the login storm run: never sent unless asked for. */
export const LOGIN_STORM_SWITCH = 'INVOTIDE_SECURITY_LOGIN_STORM';

export interface LoginStorm {
  /** A right login: how long an answer the store does not hold takes. */
  baseline: ApiResponse;
  wrong: ApiResponse[];
}

/** One right login, then `attempts` wrong keys in a row. */
export async function loginStorm(session: ApiSession, username: string, key: string, attempts = LOGIN_STORM_ATTEMPTS): Promise<LoginStorm> {
  const baseline = await session.login(username, key, { allowViolation: true });
  const wrong: ApiResponse[] = [];
  for (let i = 0; i < attempts; i++) wrong.push(await session.login(username, `wrong-key-${randomBytes(4).toString('hex')}`, { allowViolation: true }));
  return { baseline, wrong };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
};

/** How the store met a storm: undefined when it answered every wrong key at once with the plain refusal. */
export function stormResistance(storm: LoginStorm): string | undefined {
  const stopped = storm.wrong.findIndex((r) => r.status !== 200 || !Array.isArray(r.json) || r.json.length !== 0);
  if (stopped >= 0) return `stopped at wrong key ${stopped + 1}: HTTP ${storm.wrong[stopped].status} ${storm.wrong[stopped].text.slice(0, 120)}`;
  const last = median(storm.wrong.slice(-LAST).map((r) => r.durationMs));
  if (last - storm.baseline.durationMs >= SLOWED_BY_MS) return `slowed: the last wrong keys took ${Math.round(last)} ms, a right login ${Math.round(storm.baseline.durationMs)} ms`;
  return undefined;
}

/** The storm's timings, for a finding: a store that neither slowed nor stopped it. */
export function describeStorm(storm: LoginStorm): string {
  return `${storm.wrong.length} wrong keys in a row, each refused at once with [] (${storm.wrong.map((r) => Math.round(r.durationMs)).join(', ')} ms; a right login took ${Math.round(storm.baseline.durationMs)} ms)`;
}

// ---- what an answer must never show -------------------------------------------------------------------------------

/** Text by which an answer gives away the store's insides: its database errors, its stack, its files. */
const LEAKS: Array<[string, RegExp]> = [
  ['SQL error text', /SQL syntax|SQLSTATE|Error No: \d+|Illegal mix of collations|mysqli|PDOException|SQLITE_\w+|\bORA-\d{5}\b|syntax error at or near|Unknown column|Duplicate entry/i],
  ['a stack trace', /Stack trace:|Uncaught \w*(?:Exception|Error)|Traceback \(most recent call last\)|^\s*#\d+ .+\(\d+\): |\n\s+at .+:\d+:\d+\)?/im],
  ['a file path', /(?:\/[\w.-]+)+\.(?:php|tpl|twig|inc|ts|js)\b|[A-Z]:\\(?:[\w .-]+\\)+[\w .-]+\.php| on line \d+/i],
];

/**
 * What an answer gives away, or undefined when nothing. The values the request sent are taken out of the answer
 * first: a store may echo what it was sent (a voucher's message, a name), and that is no leak.
 */
export function leakIn(r: ApiResponse, sent: string[] = []): string | undefined {
  let text = [r.phpNotice ?? '', r.text].join('\n');
  for (const value of [...sent].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length)) text = text.split(value).join('');
  for (const [what, pattern] of LEAKS) {
    const m = pattern.exec(text);
    if (m) return `${what}: "${m[0].trim().slice(0, 120)}"`;
  }
  return undefined;
}

/** Routes that place or change orders: scanned only where writes are allowed. */
const ORDER_WRITING_ROUTES = new Set(['api/order/add', 'api/order/edit', 'api/order/delete', 'api/order/history']);
/** Generated requests per route and family: every family of the negative suite, on every route. */
export const SCAN_REQUESTS_PER_FAMILY = 3;
/** Bound of the scan's step: a few hundred requests, at a remote store's pace (its refused logins maybe held). */
export const SCAN_STEP_TIMEOUT_MS = 5 * 60_000;

/** The hostile requests of the scan: every route of the contract, every family of the negative suite. */
export function hostileScan(allowWrites: boolean, seed = DEFAULT_SEED, contract: Contract = Contract.load()): Array<{ route: string; form: Form }> {
  const routes = contract.operations().map((o) => o.route).filter((route) => allowWrites || !ORDER_WRITING_ROUTES.has(route));
  return routes.flatMap((route) => FAMILIES.flatMap((family) => negativeForms(family, route, SCAN_REQUESTS_PER_FAMILY, seed, contract).map((form) => ({ route, form }))));
}

export interface LeakScan {
  sent: number;
  /** Each answer that gave something away, with its request. */
  leaks: string[];
}

/** Sends the scan in a session and returns each answer that gives something away, with its request. */
export async function scanForLeaks(session: ApiSession, allowWrites: boolean, seed = DEFAULT_SEED): Promise<LeakScan> {
  const requests = hostileScan(allowWrites, seed);
  const leaks: string[] = [];
  for (const { route, form } of requests) {
    const response = await session.call({ route, form, allowViolation: true });
    const leak = leakIn(response, leaves(form));
    if (leak) leaks.push(`${describeRequest({ response, headers: {} })} → ${leak}`);
  }
  return { sent: requests.length, leaks };
}
