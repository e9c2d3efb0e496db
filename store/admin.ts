// What the store's admin does to API users (System > Users > API), for the suite's control of the embedded store:
// add one, change its key or status. As OpenCart's admin model does, plus what the store's security policy adds: a
// hardened store ends the user's sessions when the user changes, a stock one leaves its tokens alive.
import { randomBytes } from 'node:crypto';
import { sqlDate, type Db } from './db/database';
import type { SecurityPolicy } from './hardening';

export interface NewApiUser {
  username: string;
  key: string;
  /** Its IP allow-list. */
  ips: string[];
}

export interface ApiUserChange {
  key?: string;
  status?: 0 | 1;
}

export interface StoreAdmin {
  /** Adds an enabled API user with a random key; resolves its name and key. */
  addApiUser(ips: string[]): NewApiUser;
  /** Changes a user's key or status; false when there is no such user. */
  editApiUser(username: string, change: ApiUserChange): boolean;
}

export function storeAdmin(db: Db, security: SecurityPolicy, now: () => Date): StoreAdmin {
  return {
    addApiUser(ips) {
      const user = { username: `api-user-${randomBytes(6).toString('hex')}`, key: randomBytes(32).toString('hex'), ips };
      const at = sqlDate(now());
      const { lastInsertRowid } = db.run('INSERT INTO in_api (username, key, status, date_added, date_modified) VALUES (?, ?, 1, ?, ?)', user.username, user.key, at, at);
      for (const ip of ips) db.run('INSERT INTO in_api_ip (api_id, ip) VALUES (?, ?)', lastInsertRowid, ip);
      return user;
    },
    editApiUser(username, change) {
      const user = db.get<{ api_id: number; key: string; status: number }>('SELECT api_id, key, status FROM in_api WHERE username = ?', username);
      if (!user) return false;
      db.transaction(() => {
        db.run('UPDATE in_api SET key = ?, status = ?, date_modified = ? WHERE api_id = ?', change.key ?? user.key, change.status ?? user.status, sqlDate(now()), user.api_id);
        if (!security.apiUserChangeEndsSessions) return;
        db.run('DELETE FROM in_session WHERE session_id IN (SELECT session_id FROM in_api_session WHERE api_id = ?)', user.api_id);
        db.run('DELETE FROM in_api_session WHERE api_id = ?', user.api_id);
      });
      return true;
    },
  };
}
