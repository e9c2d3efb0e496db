// A scenario that starts logged in waits for its login like for any other answer: at a 50 ms round trip, about one
// wait in six of a run. So each worker makes the next such login while the current scenario runs: a fresh API session
// of its own for the next scenario that asks for one, never shared and never reused. The scenario records that login's
// exchange as its own, as if it had sent it (src/api/login.ts, logInFirst). Only a clean, successful login is made
// ahead; whatever else the store answers, the scenario logs in itself and sees it. The scenarios about logging in send
// their own logins, as they say.
import type { ApiClient, ApiResponse } from './client';
import { workerClient, type RunParameters } from './run-parameters';
import { ApiSession } from './session';

/** A session logged in ahead, and its login's answer. */
export interface LoginMadeAhead {
  session: ApiSession;
  answer: ApiResponse;
}

/** Makes one login, or undefined when the store gave no token (the scenario will log in itself and see why). */
export type MakeLogin = () => Promise<LoginMadeAhead | undefined>;

/**
 * At most one login in flight or waiting, per worker. `take` hands over the waiting one (after its answer arrives) and
 * starts the next at once, so it overlaps with the scenario that took this one.
 */
export class LoginsAhead {
  private pending?: Promise<LoginMadeAhead | undefined>;

  constructor(private readonly makeLogin: MakeLogin) {}

  /** The login made ahead, or undefined when there was none (the first one) or it failed; starts the next. */
  take(): Promise<LoginMadeAhead | undefined> {
    const taken = this.pending ?? Promise.resolve(undefined);
    this.pending = this.makeLogin().catch(() => undefined);
    return taken;
  }

  /** Waits for the login in flight, if any, and drops it (the end of a worker: nothing will take it). */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    await pending;
  }
}

let ahead: { of: string; client: ApiClient; logins: LoginsAhead } | undefined;

/**
 * This worker's logins made ahead as the run's configured user (logInFirst's login), for the worker's client; a run
 * with other parameters (the in-process store of mutation testing starts another store) gets new ones.
 */
export function workerLoginsAhead(p: RunParameters, noticesShown: boolean): LoginsAhead {
  const client = workerClient(p);
  const of = JSON.stringify([p.baseUrl, p.apiUsername, p.apiKey, noticesShown]);
  if (ahead?.of !== of || ahead.client !== client) {
    ahead = {
      of,
      client,
      logins: new LoginsAhead(async () => {
        const session = new ApiSession(client, undefined, noticesShown);
        const answer = await session.login(p.apiUsername, p.apiKey ?? '');
        return typeof session.token === 'string' ? { session, answer } : undefined;
      }),
    };
  }
  return ahead.logins;
}

/** The end of a worker: the login in flight is waited for and dropped, before the client closes. */
export async function settleWorkerLoginsAhead(): Promise<void> {
  await ahead?.logins.settle();
  ahead = undefined;
}
