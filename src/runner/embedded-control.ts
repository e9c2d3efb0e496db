// Only for the embedded reference store: a loopback side door through which @embedded-only scenarios age their own
// token's rows, as the recording did by hand (OBSERVED, before exchanges 152 and 153). It touches only the token it
// is given, so scenarios running in parallel are unaffected. A remote target has no such door: those scenarios skip.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type BetterSqlite3 from 'better-sqlite3';

const sqlDate = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

export interface EmbeddedControl {
  url: string;
  close(): Promise<void>;
}

export async function startEmbeddedControl(db: BetterSqlite3.Database): Promise<EmbeddedControl> {
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://control');
    const token = u.searchParams.get('token') ?? '';
    const seconds = Number(u.searchParams.get('seconds'));
    if (req.method !== 'POST' || !/^[0-9a-z]{8,64}$/i.test(token) || !Number.isFinite(seconds)) {
      res.writeHead(400).end('POST /age-token|/age-session?token=…&seconds=…');
      return;
    }
    const past = sqlDate(new Date(Date.now() - seconds * 1000));
    // in_api_session.date_modified is when the token was last used (sliding 1 h); in_session.expire is when its data goes.
    const changed =
      u.pathname === '/age-token'
        ? db.prepare('UPDATE in_api_session SET date_modified = ? WHERE session_id = ?').run(past, token).changes
        : u.pathname === '/age-session'
          ? db.prepare('UPDATE in_session SET expire = ? WHERE session_id = ?').run(past, token).changes
          : -1;
    res.writeHead(changed < 0 ? 404 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ changed }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
