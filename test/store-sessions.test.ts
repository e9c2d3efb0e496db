// Reference store: what an operator can do by hand to one token's rows (store.sessions), the store side of the
// runner's control door: age the token or its session data by the store's clock, and nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sqlDate } from '../store/db/database';
import { storeForEachTest, type StoreForTests } from './support/store';
import { StoreClient } from './support/store-client';

const KEY = 'f'.repeat(64);
const NOW = new Date('2026-11-28T12:00:00Z');
const PERMISSION = { error: { warning: 'Warning: You do not have permission to access the API!' } };
const secondsBefore = (seconds: number): string => sqlDate(new Date(NOW.getTime() - seconds * 1000));

describe('reference store: aging a token and its session by hand', () => {
  let t: StoreForTests;
  storeForEachTest(KEY, { now: () => NOW }, (s) => (t = s));

  const cartAnswer = async (client: StoreClient) => (await client.call('api/cart/products')).json;
  const tokenRow = (token: string) => t.store.db.prepare('SELECT date_modified FROM in_api_session WHERE session_id = ?').get(token) as { date_modified: string } | undefined;
  const sessionRow = (token: string) => t.store.db.prepare('SELECT expire FROM in_session WHERE session_id = ?').get(token) as { expire: string } | undefined;

  it('ages the token: its last use moves into the past, and past the hour the token is refused', async () => {
    assert.ok(Array.isArray((await cartAnswer(t.client) as { products?: unknown }).products));
    assert.equal(t.store.sessions.ageToken(t.client.token, 3601), 1);
    assert.equal(tokenRow(t.client.token)?.date_modified, secondsBefore(3601));
    assert.deepEqual(await cartAnswer(t.client), PERMISSION);
    assert.equal(tokenRow(t.client.token), undefined, 'the expired token row is purged');
  });

  it('ages the token further from its last use: a use in between moves the last use to now (the hour slides)', async () => {
    assert.equal(t.store.sessions.ageToken(t.client.token, 59 * 60), 1);
    assert.equal(t.store.sessions.ageTokenBy(t.client.token, 60), 1);
    assert.equal(tokenRow(t.client.token)?.date_modified, secondsBefore(60 * 60));
    assert.equal(t.store.sessions.ageToken(t.client.token, 59 * 60), 1);
    assert.ok(Array.isArray((await cartAnswer(t.client) as { products?: unknown }).products));
    assert.equal(t.store.sessions.ageTokenBy(t.client.token, 120), 1);
    assert.equal(tokenRow(t.client.token)?.date_modified, secondsBefore(120));
    assert.equal(t.store.sessions.ageTokenBy('0'.repeat(26), 60), 0);
  });

  it('ages the session data alone: the token row stays, but its data is gone', async () => {
    assert.equal(t.store.sessions.ageSession(t.client.token, 60), 1);
    assert.equal(sessionRow(t.client.token)?.expire, secondsBefore(60));
    assert.deepEqual(await cartAnswer(t.client), PERMISSION);
    assert.ok(tokenRow(t.client.token), 'the token row is untouched');
  });

  it('changes no row of another token, nor of a token that does not exist', async () => {
    const other = new StoreClient(t.base);
    await other.login(KEY);
    assert.equal(t.store.sessions.ageToken('0'.repeat(26), 3601), 0);
    assert.equal(t.store.sessions.ageSession('0'.repeat(26), 60), 0);
    assert.equal(t.store.sessions.ageToken(t.client.token, 3601), 1);
    assert.ok(Array.isArray((await cartAnswer(other) as { products?: unknown }).products), 'the other token still works');
  });
});
