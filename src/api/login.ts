// api/login and the token rules (features/login.feature, session.feature): who logs in with what, and what a login and
// a token must show. The requests are ApiSession.login's (src/session.ts); the credentials come from the run parameters.
import assert from 'node:assert/strict';
import { assertErrorMessage, assertVariant, errorMessage } from '../answers';
import type { ApiResponse } from '../client';
import type { RunParameters } from '../run-parameters';
import type { SecurityState } from '../security';
import type { ApiSession, SessionRequest } from '../session';
import { MESSAGES, knownMessage, messagePattern } from './messages';
import { NotApplicableError } from '../target/profile';

/** What the login tasks need of the scenario (ConformanceWorld satisfies it). */
export interface LoginWorld {
  readonly parameters: RunParameters;
  session(name?: string): ApiSession;
  answered(response: ApiResponse): ApiResponse;
  answer(): ApiResponse;
  readonly security: Pick<SecurityState, 'wrongKeys'>;
  /** The session under this name logged in ahead by the worker (src/login-ahead.ts), its login's answer; undefined: none. */
  sessionLoggedInAhead?(name: string): Promise<ApiResponse | undefined>;
}

/** The key of the store's user named Default, when the run has it: a run logs in as its own user, not as Default. */
const defaultUserKey = (p: RunParameters): string | undefined => (p.apiUsername === 'Default' ? p.apiKey : p.defaultUserKey);

/** The logins the features name, each as the user name, key and request options it sends (a string: why it cannot be sent). */
const LOGINS: Record<string, (p: RunParameters) => [string | undefined, string, Partial<SessionRequest>?] | string> = {
  'with the configured user and key': (p) => [p.apiUsername, p.apiKey ?? ''],
  // OpenCart logs a key without a user name in as Default: only Default's key shows it.
  'with only the key': (p) => {
    const key = defaultUserKey(p);
    return key === undefined
      ? `logs in with the key of the store's own user named Default, which a run leaves alone (it logs in as ${p.apiUsername}); set INVOTIDE_API_USERNAME=Default and its key to check this`
      : [undefined, key];
  },
  'with a wrong key': (p) => [p.apiUsername, 'wrong-key'],
  'as an unknown user with the right key': (p) => ['no-such-api-user', p.apiKey ?? ''],
  'as the disabled user': (p) => [p.disabledUsername, p.disabledKey ?? ''],
  'as the restricted user': (p) => [p.restrictedUsername, p.restrictedKey ?? ''],
  'from the alternate source address': (p) => [p.apiUsername, p.apiKey ?? '', { localAddress: p.alternateSourceAddress }],
  'from the alternate source address claiming an allowed one in X-Forwarded-For': (p) =>
    [p.apiUsername, p.apiKey ?? '', { localAddress: p.alternateSourceAddress, headers: { 'x-forwarded-for': '127.0.0.1' } }],
};
export const LOGIN_PHRASES = Object.keys(LOGINS);

/** Logs the default session in as the phrase says; the answer is the step's to judge. */
export async function logIn(w: LoginWorld, phrase: string): Promise<ApiResponse> {
  const login = LOGINS[phrase](w.parameters);
  if (typeof login === 'string') throw new NotApplicableError(login);
  const [username, key, options] = login;
  return w.answered(await w.session().login(username, key, options));
}

/**
 * Logs a session in with the configured user, as a precondition: it must get a token. The login was usually made
 * ahead, while an earlier scenario ran: the same request, for this scenario alone (src/login-ahead.ts).
 */
export async function logInFirst(w: LoginWorld, session = 'default'): Promise<void> {
  const { apiUsername, apiKey } = w.parameters;
  const r = w.answered((await w.sessionLoggedInAhead?.(session)) ?? (await w.session(session).login(apiUsername, apiKey ?? '')));
  assert.equal(typeof (r.json as Partial<LoginSuccess>).api_token, 'string', `login failed: ${r.text.slice(0, 200)}`);
}

/** Where a client may put the credentials instead of the form body (none of them is read). */
const ELSEWHERE: Record<string, (username: string, key: string) => Partial<SessionRequest>> = {
  'an empty body': () => ({ form: {} }),
  'the credentials in a JSON body': (username, key) => ({ rawBody: JSON.stringify({ username, key }), headers: { 'content-type': 'application/json' } }),
  'the credentials in the query string': (username, key) => ({ method: 'GET', query: { username, key } }),
  // A POST, whatever the store answers (the security audit judges the answer itself).
  'the user name and key in the query string of a POST': (username, key) => ({ query: { username, key }, allowViolation: true }),
};
export const ELSEWHERE_PHRASES = Object.keys(ELSEWHERE);

export async function logInWith(w: LoginWorld, phrase: string): Promise<ApiResponse> {
  const { apiUsername, apiKey } = w.parameters;
  return w.answered(await w.session().call({ route: 'api/login', withoutToken: true, ...ELSEWHERE[phrase](apiUsername, apiKey ?? '') }));
}

/** api/login's answer when it started a session (LoginSuccess in schemas/login.json; test/contract-answer-types.test.ts holds the keys to it). */
export interface LoginSuccess { success: string; api_token: string }
export const LOGIN_SUCCESS_KEYS = { success: true, api_token: true } satisfies Record<keyof LoginSuccess, true>;

/** A session was started: the token's shape is the contract's (LoginSuccess). */
export function expectToken(r: ApiResponse): void {
  assertVariant(r, 'LoginSuccess');
}

/** The token of the last answer opens a session: cart/products answers its contents. */
export async function expectTokenOpensSession(w: LoginWorld): Promise<void> {
  const token = (w.answer().json as LoginSuccess).api_token;
  const products = w.answered(await w.session().call({ route: 'api/cart/products', token }));
  assert.ok(!('error' in (products.json as object)) || !(products.json as { error: { warning?: string } }).error.warning, `the new token was refused: ${products.text.slice(0, 200)}`);
  assertVariant(w.answer(), 'CartContents');
}

/** Two logins started two sessions: each holds a token of its own (one token for both would be one shared session). */
export function expectDistinctTokens(w: LoginWorld, other: string): void {
  const [mine, theirs] = [w.session().token, w.session(other).token];
  assert.ok(mine && theirs, 'both sessions should be logged in');
  assert.notEqual(mine, theirs, 'two logins answered the same api_token: the second login shares the first one\'s session');
}

/** Refused for the allow-list: error.ip is the IP message, naming whatever address this machine has, and error.key. */
export function expectLoginRefusedFor(r: ApiResponse): void {
  assertVariant(r, 'LoginIpNotAllowed');
  const key = knownMessage('loginKey');
  if (key === undefined) {
    // The store's texts are unknown (another language): both messages are there, the address message names one.
    assert.match(String((r.json as { error: { ip: string } }).error.ip), /\d+\.\d+\.\d+\.\d+|:/, 'error.ip names the address');
    assert.equal(typeof errorMessage(r, 'key'), 'string', 'error.key');
    return;
  }
  assert.match(String((r.json as { error: { ip: string } }).error.ip), messagePattern(MESSAGES.loginIp));
  assertErrorMessage(r, 'key', key);
}

/** `times` wrong keys in a row, each answer kept for {@link expectWrongKeysRefused}. */
export async function logInWithWrongKeys(w: LoginWorld, times: number): Promise<void> {
  const answers = [];
  for (let i = 0; i < times; i++) answers.push(await w.session().login(w.parameters.apiUsername, `wrong-key-${i}`));
  w.security.wrongKeys = answers;
  if (answers.length) w.answered(answers[answers.length - 1]);
}

export function expectWrongKeysRefused(w: LoginWorld): void {
  w.answer();
  const answers = w.security.wrongKeys ?? [];
  assert.ok(answers.length > 0, 'no login was attempted');
  assert.deepEqual(answers.filter((r) => !(Array.isArray(r.json) && r.json.length === 0)).map((r) => `${r.status} ${r.text.slice(0, 80)}`), []);
}

/** Ages this scenario's own token through the embedded store's control door (see @embedded-only). */
export async function ageOwnSession(w: LoginWorld, what: 'age-token' | 'age-token-by' | 'age-session', seconds: number): Promise<void> {
  const token = w.session().token;
  assert.ok(token && w.parameters.controlUrl, 'needs a logged-in session on the embedded store');
  const res = await fetch(`${w.parameters.controlUrl}${what}?token=${token}&seconds=${seconds}`, { method: 'POST' });
  const { changed } = (await res.json()) as { changed: number };
  assert.equal(changed, 1, `the store kept no row for this token to age (${what})`);
}
