// api/login: the way in. A known, enabled user whose allow-list holds the caller's address gets a new token.
import type { Registry } from '../context';
import { messages } from '../language';
import { phpTrim, sprintf, type Jsonable } from '../php';
import { field } from '../request';
import { createApiSession } from '../session';

export function login(r: Registry): Jsonable {
  const post = r.request.post;
  // A key alone logs in as "Default" from 3.0.3.0; before, only a username and a key do.
  const username = field(post, 'username') ?? (r.release.loginWithKeyAlone ? 'Default' : undefined);
  if (username === undefined) return {};
  // Stryker disable next-line StringLiteral: equivalent — no API user has the fallback key either, so a missing key is refused the same way
  const key = field(post, 'key') ?? '';
  const api = r.db.get<{ api_id: number }>('SELECT api_id FROM in_api WHERE username = rtrim(?) AND key = rtrim(?) AND status = 1 ORDER BY api_id LIMIT 1', username, key);
  if (!api) return {};

  const ip = r.request.server.REMOTE_ADDR;
  const allowed = r.db.all<{ ip: string }>('SELECT ip FROM in_api_ip WHERE api_id = ?', api.api_id).map((row) => phpTrim(row.ip));
  if (!allowed.includes(ip)) {
    return { error: { ip: sprintf(messages.login.errorIp, ip), key: messages.login.errorKey } };
  }
  const session = createApiSession(r.db, api.api_id, ip, r.now);
  r.newSessions.push(session);
  return { success: messages.login.success, api_token: session.id };
}
