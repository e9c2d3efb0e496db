// Reference store: login, tokens and the session rules, and the permission answer of
// every route in its documented shape.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { StoreClient } from './support/store-client';

const KEY = 'a'.repeat(64);
const RESTRICTED = 'b'.repeat(64);
const PERM = 'Warning: You do not have permission to access the API!';

describe('reference store: login and tokens', () => {
  let store: ReferenceStore;
  let base: string;
  let offset = 0;
  const minutes = (n: number) => {
    offset += n * 60_000;
  };

  before(async () => {
    store = createStore({ apiKey: KEY, restrictedKey: RESTRICTED, now: () => new Date(Date.parse('2026-11-28T12:00:00Z') + offset) });
    base = await store.listen();
  });
  after(() => store.close());

  it('logs in with the key alone as Default and returns a 26-hex token', async () => {
    const client = new StoreClient(base);
    const answer = await client.login(KEY);
    assert.equal(answer.type, 'application/json');
    assert.deepEqual(Object.keys(answer.json as object), ['success', 'api_token']);
    assert.equal((answer.json as { success: string }).success, 'Success: API session successfully started!');
    assert.match(client.token, /^[0-9a-f]{26}$/);
  });

  it('answers [] for a wrong key, a wrong user, an empty body, a GET and a JSON body', async () => {
    const client = new StoreClient(base);
    for (const answer of [
      await client.call('api/login', { username: 'Default', key: 'wrong' }),
      await client.call('api/login', { username: 'Restricted', key: KEY }),
      await client.call('api/login', ''),
      await client.call('api/login', undefined, { method: 'GET', query: { username: 'Default', key: KEY } }),
      await client.call('api/login', JSON.stringify({ username: 'Default', key: KEY }), { contentType: 'application/json' }),
    ]) {
      assert.equal(answer.status, 200);
      assert.equal(answer.body, '[]');
    }
  });

  it('compares user names and keys like MySQL does: case-insensitively', async () => {
    const answer = await new StoreClient(base).login(KEY.toUpperCase(), 'default');
    assert.match(answer.body, /"api_token"/);
  });

  it('rejects a user whose allow-list lacks the caller, naming the address, with both error keys', async () => {
    const answer = await new StoreClient(base).login(RESTRICTED, 'Restricted');
    assert.equal(answer.body, '{"error":{"ip":"Warning: Your IP 127.0.0.1 is not allowed to access this API!","key":"Warning: Incorrect API Key!"}}');
  });

  it('sees the socket address, never X-Forwarded-For', async () => {
    const client = new StoreClient(base, '127.0.0.2');
    const answer = await client.call('api/login', { key: KEY }, { headers: { 'X-Forwarded-For': '127.0.0.1' } });
    assert.deepEqual(answer.json, { error: { ip: 'Warning: Your IP 127.0.0.2 is not allowed to access this API!', key: 'Warning: Incorrect API Key!' } });
  });

  it('binds a token to the API user allow-list, checked on every request', async () => {
    const client = new StoreClient(base);
    await client.login(KEY);
    const from2 = () => client.call('api/currency', { currency: 'EUR' }, { localAddress: '127.0.0.2' });
    assert.deepEqual((await from2()).json, { error: PERM });
    store.db.prepare("INSERT INTO in_api_ip (api_id, ip) VALUES (1, '127.0.0.2')").run();
    assert.deepEqual((await from2()).json, { success: 'Success: Your currency has been changed!' });
    store.db.prepare("DELETE FROM in_api_ip WHERE ip = '127.0.0.2'").run();
    assert.deepEqual((await from2()).json, { error: PERM });
    assert.deepEqual((await client.call('api/currency', { currency: 'EUR' })).json, { success: 'Success: Your currency has been changed!' });
  });

  it('ignores a token sent in the body, and rejects unknown, empty and malformed tokens', async () => {
    const client = new StoreClient(base);
    await client.login(KEY);
    assert.deepEqual((await client.call('api/cart/products', { api_token: client.token }, { token: '' })).json, { error: { warning: PERM } });
    for (const token of ['0123456789abcdef0123456789', 'not a token!', 'x'.repeat(5000)]) {
      assert.deepEqual((await client.call('api/cart/products', '', { token })).json, { error: { warning: PERM } }, token.slice(0, 30));
    }
    const empty = await client.call('api/cart/products', '', { query: { api_token: '' }, token: '' });
    assert.deepEqual(empty.json, { error: { warning: PERM } });
    // Request::clean trims the token (3.0.5.0; before, the padded token aborts: test/store-release.test.ts).
    const padded = await client.call('api/cart/products', '', { token: `${client.token} ` });
    assert.ok((padded.json as { products?: unknown }).products);
    // ... and compares case-insensitively: the upper-case token is the same session.
    assert.ok(((await client.call('api/cart/products', '', { token: client.token.toUpperCase() })).json as { products?: unknown }).products);
  });

  it('keeps a token alive while it is used (sliding hour) and expires idle session data after 24 minutes', async () => {
    const client = new StoreClient(base);
    await client.login(KEY);
    for (let i = 0; i < 5; i++) {
      minutes(20);
      assert.ok(((await client.call('api/cart/products')).json as { products?: unknown }).products, `still valid after ${(i + 1) * 20} minutes of use`);
    }
    minutes(25);
    assert.deepEqual((await client.call('api/cart/products')).json, { error: { warning: PERM } }, 'session data expired');
    const row = store.db.prepare('SELECT COUNT(*) AS n FROM in_api_session WHERE session_id = ?').get(client.token) as { n: number };
    assert.equal(row.n, 1, 'the api_session row is still alive and refreshed');
  });

  it('deletes a token an hour after its last use', async () => {
    const client = new StoreClient(base);
    await client.login(KEY);
    minutes(61);
    assert.deepEqual((await client.call('api/cart/products')).json, { error: { warning: PERM } });
    const row = store.db.prepare('SELECT COUNT(*) AS n FROM in_api_session WHERE session_id = ?').get(client.token) as { n: number };
    assert.equal(row.n, 0);
  });

  it('keeps several tokens with independent state', async () => {
    const a = new StoreClient(base);
    const b = new StoreClient(base);
    await a.login(KEY);
    await b.login(KEY);
    await a.call('api/cart/add', { product_id: 40, quantity: 2 });
    assert.equal(((await a.call('api/cart/products')).json as { products: unknown[] }).products.length, 1);
    assert.equal(((await b.call('api/cart/products')).json as { products: unknown[] }).products.length, 0);
  });

  it('aborts a request with a malformed OCSESSID cookie with the plain-text error', async () => {
    const answer = await new StoreClient(base).call('api/login', { key: KEY }, { headers: { Cookie: 'OCSESSID=bad!' } });
    assert.equal(answer.status, 200);
    assert.equal(answer.type, 'text/html; charset=UTF-8');
    assert.equal(answer.body, 'Error: Invalid session ID!');
  });

  it('rejects every token once the API user is disabled', async () => {
    const client = new StoreClient(base);
    await client.login(KEY);
    store.db.prepare("UPDATE in_api SET status = 0 WHERE username = 'Default'").run();
    try {
      assert.deepEqual((await client.call('api/currency', { currency: 'EUR' })).json, { error: PERM });
      assert.equal((await client.login(KEY)).body, '[]');
    } finally {
      store.db.prepare("UPDATE in_api SET status = 1 WHERE username = 'Default'").run();
    }
  });

  it('sends the recorded store headers', async () => {
    const answer = await new StoreClient(base).call('api/login', { key: 'nope' });
    assert.equal(answer.headers['content-type'], 'application/json');
    assert.equal(answer.headers.expires, 'Thu, 19 Nov 1981 08:52:00 GMT');
    assert.equal(answer.headers['cache-control'], 'no-store, no-cache, must-revalidate, post-check=0, pre-check=0');
    assert.equal(answer.headers.pragma, 'no-cache');
    assert.match(String(answer.headers['set-cookie']), /OCSESSID=[0-9a-f]{26}; path=\//);
  });
});

describe('reference store: routes and permission answers', () => {
  let store: ReferenceStore;
  let base: string;
  before(async () => {
    store = createStore({ apiKey: KEY });
    base = await store.listen();
  });
  after(() => store.close());

  const objectForm = ['api/cart/add', 'api/cart/products', 'api/voucher/add', 'api/customer', 'api/payment/address'];
  const stringForm = [
    'api/currency', 'api/cart/edit', 'api/cart/remove', 'api/coupon', 'api/voucher', 'api/reward', 'api/reward/maximum', 'api/reward/available',
    'api/shipping/methods', 'api/shipping/method', 'api/payment/methods', 'api/payment/method', 'api/order/add', 'api/order/edit', 'api/order/delete',
    'api/order/info', 'api/order/history',
  ];

  it('answers the permission error as an object on the routes written that way', async () => {
    const client = new StoreClient(base);
    for (const route of objectForm) assert.deepEqual((await client.call(route, { product_id: 40 })).json, { error: { warning: PERM } }, route);
  });

  it('answers the permission error as a string on every other route', async () => {
    const client = new StoreClient(base);
    for (const route of stringForm) assert.deepEqual((await client.call(route, { key: 1 })).json, { error: PERM }, route);
  });

  it('answers [] on shipping/address without a token when the cart needs no shipping (cart before permission)', async () => {
    assert.equal((await new StoreClient(base).call('api/shipping/address', { firstname: 'A' })).body, '[]');
  });

  it('answers 404 HTML for an unknown route and for a controller without that method', async () => {
    const client = new StoreClient(base);
    await client.login(KEY);
    for (const route of ['api/nonexistent', 'api/cart', 'api/cart/__construct', 'api/login/', 'common/home', 'api/order/constructor']) {
      const answer = await client.call(route);
      assert.equal(answer.status, 404, route);
      assert.equal(answer.type, 'text/html; charset=utf-8');
      assert.match(answer.body, /The page you requested cannot be found!/);
    }
  });

  it('resolves routes like OpenCart: method names are case-insensitive, stray characters are dropped', async () => {
    const client = new StoreClient(base);
    await client.login(KEY);
    for (const route of ['api/cart/PRODUCTS', 'api/cart/pro-ducts', 'api/cart/products/extra']) {
      assert.ok(((await client.call(route)).json as { products?: unknown }).products, route);
    }
  });
});
