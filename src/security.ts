// Security audits: the requests an attacker sends to a store's API, and how the suite tells a safe answer from an
// unsafe one. features/security.feature says why each matters; its steps are one-line fronts over this module.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Contract } from './contract';
import type { ApiResponse, Form } from './client';
import { DEFAULT_SEED, FAMILIES, leaves, negativeForms } from './negative';
import { Redactor } from './redact';
import { askEmbeddedControl } from './runner/embedded-control';
import { EMBEDDED_HOST } from './runner/embedded-store';
import { suiteSessionId } from './provision/dataset';
import type { RunParameters } from './run-parameters';
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
export async function loginOwnApiUser(controlUrl: string, session: ApiSession, keepSecret: (key: string, username: string) => void, allowedAddress: string, localAddress?: string): Promise<OwnApiUser> {
  const user = await askEmbeddedControl<{ username: string; key: string }>(controlUrl, 'add-api-user', { ip: allowedAddress });
  keepSecret(user.key, user.username);
  const r = await session.login(user.username, user.key, { localAddress });
  const token = (r.json as { api_token?: unknown } | undefined)?.api_token;
  if (typeof token !== 'string') throw new Error(`the API user the store's admin added could not log in: ${r.text.slice(0, 200)}`);
  return { ...user, token };
}

/**
 * A session id the client chooses and sends as OCSESSID before it logs in: one OpenCart accepts (22 to 52 letters,
 * digits, ',' or '-'), of the suite's reserved shape, so that teardown finds the session row it names.
 */
export const chooseSessionId = (): string => suiteSessionId();

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

// ---- the scenario's security state and the tasks its steps call ---------------------------------------------------

/** A security scenario's state (a field of the World). */
export interface SecurityState {
  /** Requests sent to see whether the store lets them through (a Then step judges them all). */
  probes: Probe[];
  /** An API user the embedded store added for this scenario alone, and the token of its session. */
  ownApiUser?: OwnApiUser;
  /** The OCSESSID a session-fixation scenario chose before logging in. */
  chosenSessionId?: string;
  /** The answers to an opt-in login storm. */
  storm?: LoginStorm;
  /** What a scan with hostile values found in the answers. */
  leakScan?: LeakScan;
  /** The answers to a run of wrong keys (login.feature's brute force, a conformance check). */
  wrongKeys?: ApiResponse[];
}

export const newSecurityState = (): SecurityState => ({ probes: [] });

/** What the security tasks need of the scenario (ConformanceWorld satisfies it). */
export interface SecurityWorld {
  readonly security: SecurityState;
  readonly parameters: RunParameters;
  session(name?: string): ApiSession;
  /** A new session that holds nothing. */
  stranger(): ApiSession;
  answered(response: ApiResponse): ApiResponse;
  answer(): ApiResponse;
  addSecret(secret: string): void;
  /** A value made for this run (a user name), which the exchange record shows as a placeholder. */
  perRunValue(kind: 'api_user', value: string): void;
}

/** Whose token a stranger sends: this scenario's session's, its own API user's, or the session id it chose. */
export type TokenOf = 'my token' | 'that user\'s token' | 'the session id I chose';
export const TOKEN_OF: TokenOf[] = ['my token', 'that user\'s token', 'the session id I chose'];

function tokenOf(w: SecurityWorld, whose: TokenOf): string {
  if (whose === 'my token') return w.session().token ?? assert.fail('no session is logged in');
  if (whose === 'that user\'s token') return w.security.ownApiUser?.token ?? assert.fail('no API user of the scenario\'s own is logged in');
  return w.security.chosenSessionId ?? assert.fail('no session id was chosen');
}

/** A stranger sends the token to the route in one place, maybe from the alternate source address; a probe to judge. */
export async function strangerSends(w: SecurityWorld, route: string, whose: TokenOf, place: TokenPlace, fromAlternate = false): Promise<void> {
  const probe = await sendToken(w.stranger(), route, tokenOf(w, whose), place, fromAlternate ? w.parameters.alternateSourceAddress : undefined);
  w.security.probes.push(probe);
  w.answered(probe.response);
}

export function expectProbesRefused(w: SecurityWorld): void {
  w.answer();
  const { probes } = w.security;
  const through = letThrough(probes);
  assert.ok(probes.length > 0 && through.length === 0, `the store let ${through.length} of ${probes.length} requests through:\n${through.join('\n')}`);
}

/** An API user of the scenario's own, allowed from this machine, or only from the alternate address and logged in there. */
export async function logInOwnApiUser(w: SecurityWorld, onlyFromAlternate = false): Promise<void> {
  const alternate = onlyFromAlternate ? w.parameters.alternateSourceAddress : undefined;
  w.security.ownApiUser = await loginOwnApiUser(w.parameters.controlUrl!, w.session(), (key, username) => {
    w.addSecret(key);
    w.perRunValue('api_user', username);
  }, alternate ?? EMBEDDED_HOST, alternate);
}

/** The store's admin acts on the scenario's own API user. */
export async function adminActsOnOwnApiUser(w: SecurityWorld, action: 'disable-api-user' | 'change-api-key'): Promise<void> {
  await askEmbeddedControl(w.parameters.controlUrl!, action, { username: w.security.ownApiUser!.username });
}

/** Logs in with an OCSESSID cookie of the client's choosing. */
export async function logInWithChosenSessionId(w: SecurityWorld): Promise<void> {
  const chosen = (w.security.chosenSessionId = chooseSessionId());
  const { apiUsername, apiKey } = w.parameters;
  w.answered(await w.session().login(apiUsername, apiKey ?? '', { headers: { cookie: `OCSESSID=${chosen}` } }));
}

export function expectTokenNotChosen(w: SecurityWorld): void {
  const token = (w.answer().json as { api_token?: unknown } | undefined)?.api_token;
  assert.equal(typeof token, 'string', 'the login with a chosen OCSESSID gave no api_token');
  assert.notEqual(String(token).toLowerCase(), w.security.chosenSessionId, 'the store made the session id the client chose its API token');
}

/** No session was started: the answer holds no api_token. */
export function expectNoSession(r: ApiResponse): void {
  assert.ok(!(r.json as { api_token?: unknown } | undefined)?.api_token, `the store logged in with the key in the URL: ${r.request.method} ${r.request.url.replace(/key=[^&]+/, 'key=[REDACTED]')}`);
}

export async function runLoginStorm(w: SecurityWorld): Promise<void> {
  const storm = (w.security.storm = await loginStorm(w.stranger(), w.parameters.apiUsername, w.parameters.apiKey ?? ''));
  w.answered(storm.wrong[storm.wrong.length - 1]);
}

export function expectStormResisted(w: SecurityWorld): void {
  w.answer();
  const { storm } = w.security;
  assert.ok(storm && stormResistance(storm), `the store neither slowed nor stopped ${describeStorm(storm!)}`);
}

export async function runLeakScan(w: SecurityWorld): Promise<void> {
  w.security.leakScan = await scanForLeaks(w.session(), w.parameters.allowWrites);
}

export function expectNoLeak(w: SecurityWorld): void {
  w.answer();
  const scan = w.security.leakScan;
  assert.ok(scan && scan.sent > 0 && scan.leaks.length === 0, `${scan?.leaks.length} of ${scan?.sent} answers gave the store's insides away:\n${scan?.leaks.slice(0, 10).join('\n')}`);
}
