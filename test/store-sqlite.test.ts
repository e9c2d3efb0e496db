// The embedded store's SQLite: node:sqlite where Node.js has it, better-sqlite3 on Node 20, both through one interface
// that answers as better-sqlite3 does (store/db/database.ts), so the store behaves the same on either.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase, sqliteDriverName } from '../store/db/database';

const ROOT = path.resolve(__dirname, '..');
const [major, minor] = process.versions.node.split('.').map(Number);
const builtIn = major > 22 || (major === 22 && minor >= 13);

describe('the store database', () => {
  it(`runs on ${builtIn ? "Node's own node:sqlite" : 'better-sqlite3'} on Node ${process.versions.node}`, () => {
    assert.equal(sqliteDriverName(), builtIn ? 'node:sqlite' : 'better-sqlite3');
  });

  it('answers as better-sqlite3: plain rows, undefined bound as NULL, a closed database closed again', () => {
    const db = openDatabase();
    db.raw.exec('CREATE TABLE t (a TEXT, b INTEGER)');
    const insert = db.raw.prepare('INSERT INTO t (a, b) VALUES (?, ?)').run(undefined, 7);
    assert.deepEqual(insert, { changes: 1, lastInsertRowid: 1 });
    assert.deepEqual(db.raw.prepare('SELECT a, b FROM t').get(), { a: null, b: 7 });
    assert.deepEqual(db.all('SELECT a, b FROM t WHERE b = ?', 7), [{ a: null, b: 7 }]);
    assert.equal(db.get('SELECT a FROM t WHERE b = ?', 8), undefined);
    assert.ok(db.raw.open);
    db.raw.close();
    db.raw.close();
    assert.equal(db.raw.open, false);
  });

  it('commits a transaction whole or not at all, and undoes only a failed nested one', () => {
    const db = openDatabase();
    db.raw.exec('CREATE TABLE t (n INTEGER)');
    assert.throws(() => db.transaction(() => {
      db.run('INSERT INTO t VALUES (1)');
      throw new Error('the request failed');
    }), /the request failed/);
    assert.deepEqual(db.all('SELECT n FROM t'), []);
    db.transaction(() => {
      db.run('INSERT INTO t VALUES (2)');
      assert.throws(() => db.transaction(() => {
        db.run('INSERT INTO t VALUES (3)');
        throw new Error('nested');
      }));
      db.transaction(() => db.run('INSERT INTO t VALUES (4)'));
    });
    assert.deepEqual(db.all('SELECT n FROM t ORDER BY n'), [{ n: 2 }, { n: 4 }]);
  });

  it('prints no warning of its own when it opens a database', { skip: !builtIn && 'node:sqlite, which warns that it is experimental, needs Node 22.13' }, () => {
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', "require('./store/db/database').openDatabase().get('SELECT 1')"], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });
});
