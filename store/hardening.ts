// How the reference store defends its API. By default exactly as a stock OpenCart 3.0.5.0, so its results match a stock
// store's, weaknesses included; hardened, as an operator who closed them would run it, so that every security scenario
// of the suite is seen to pass on a safe store. The policy is handed to the few places that decide; the store's paths
// hold no switch of their own.
import type { PhpRequest } from './request';

export interface SecurityPolicy {
  /**
   * Whether an `api/` route called without an api_token runs in the session the OCSESSID cookie names, as OpenCart's
   * startup does for every route. Then a token sent as that cookie opens the API with no allow-list check at all.
   */
  readonly apiRoutesReadCookieSession: boolean;
  /** Whether changing an API user's key or status ends the sessions it has (OpenCart's admin leaves them alive). */
  readonly apiUserChangeEndsSessions: boolean;
  /** How long to hold an answer before sending it (0: at once); told of every answer, so it can count refused logins. */
  holdAnswerMs(request: PhpRequest, body: string, now: Date): number;
}

/** A stock OpenCart 3.0.5.0. */
export const STOCK_POLICY: SecurityPolicy = {
  apiRoutesReadCookieSession: true,
  apiUserChangeEndsSessions: false,
  holdAnswerMs: () => 0,
};

/** Refused logins an address may make in a window before each further one is held. */
const FREE_REFUSED_LOGINS = 5;
const REFUSED_LOGIN_WINDOW_MS = 60_000;
const HOLD_STEP_MS = 25;
const HOLD_MAX_MS = 400;

/**
 * Tokens travel only in the query string, where the allow-list is checked; a change to an API user ends its tokens;
 * refused logins from one address are held longer and longer, as a rate-limiting front would (a successful login is
 * never held, so a storm of wrong keys cannot lock the real user out).
 */
export function hardenedPolicy(): SecurityPolicy {
  const refusedLogins = new Map<string, number[]>();
  return {
    apiRoutesReadCookieSession: false,
    apiUserChangeEndsSessions: true,
    holdAnswerMs(request, body, now) {
      if (request.get.get('route') !== 'api/login' || body.includes('"api_token"')) return 0;
      const address = request.server.REMOTE_ADDR;
      const since = now.getTime() - REFUSED_LOGIN_WINDOW_MS;
      const recent = (refusedLogins.get(address) ?? []).filter((t) => t > since);
      recent.push(now.getTime());
      refusedLogins.set(address, recent);
      return Math.min(Math.max(0, recent.length - FREE_REFUSED_LOGINS) * HOLD_STEP_MS, HOLD_MAX_MS);
    },
  };
}
