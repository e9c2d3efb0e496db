// Only for the embedded reference store: a loopback side door through which a scenario does what a client of the API
// cannot, as an operator would by hand: age its own token's rows (@embedded-only), or add an API user of its own and
// change it as the store's admin does (@security). The door only checks what it is asked and hands it to the store
// (store.sessions, store.admin), which touches only the token or the user it is given, so scenarios running in
// parallel are unaffected. A remote target has no such door: those scenarios do not apply there.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import type { ReferenceStore } from '../../store';

export interface EmbeddedControl {
  url: string;
  close(): Promise<void>;
}

/** What the door answers: rows changed, or the API user it added. */
export type ControlAnswer = { changed: number } | { username: string; key: string };

const TOKEN = /^[0-9a-z]{8,64}$/i;
const USERNAME = /^[\w-]{1,64}$/;

function act(store: ReferenceStore, action: string, q: URLSearchParams): ControlAnswer | undefined {
  const token = q.get('token') ?? '';
  const seconds = Number(q.get('seconds'));
  const username = q.get('username') ?? '';
  switch (action) {
    // The token's last use (sliding 1 h) or its session data's expiry (1440 s), moved into the past by the store;
    // age-token-by moves the last use further back from where it is (the keep-alive of a use shows in it).
    case 'age-token':
    case 'age-token-by':
    case 'age-session': {
      if (!TOKEN.test(token) || !Number.isFinite(seconds)) return undefined;
      const sessions = store.sessions;
      return { changed: action === 'age-token' ? sessions.ageToken(token, seconds) : action === 'age-token-by' ? sessions.ageTokenBy(token, seconds) : sessions.ageSession(token, seconds) };
    }
    case 'add-api-user': {
      const ip = q.get('ip') ?? '';
      return isIP(ip) ? store.admin.addApiUser([ip]) : undefined;
    }
    case 'disable-api-user':
      return USERNAME.test(username) ? { changed: Number(store.admin.editApiUser(username, { status: 0 })) } : undefined;
    case 'change-api-key':
      return USERNAME.test(username) ? { changed: Number(store.admin.editApiUser(username, { key: randomBytes(32).toString('hex') })) } : undefined;
    default:
      return undefined;
  }
}

export async function startEmbeddedControl(store: ReferenceStore): Promise<EmbeddedControl> {
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://control');
    const answer = req.method === 'POST' ? act(store, u.pathname.slice(1), u.searchParams) : undefined;
    if (!answer) {
      res.writeHead(400).end('POST /age-token|/age-token-by|/age-session?token=…&seconds=…, /add-api-user?ip=…, /disable-api-user|/change-api-key?username=…');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Asks the embedded store's control door (its URL is RunParameters.controlUrl) to act. */
export async function askEmbeddedControl<T extends ControlAnswer>(controlUrl: string, action: string, query: Record<string, string | number>): Promise<T> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await fetch(`${controlUrl}${action}?${params}`, { method: 'POST' });
  if (!res.ok) throw new Error(`the embedded store's control door refused ${action}: ${await res.text()}`);
  return (await res.json()) as T;
}
