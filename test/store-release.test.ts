// Reference store: where OpenCart 3.0.x releases answer differently, the store answers as the release it imitates
// (store/release.ts). Each difference was seen on real stores built from the release tags (3.0.2.0, 3.0.3.8, 3.0.4.1,
// 3.0.5.0): the same request, the answers below.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listeningStore } from './support/store';
import { GUEST, StoreClient, UK } from './support/store-client';

const KEY = 'r'.repeat(64);

async function loggedIn(url: string): Promise<StoreClient> {
  const client = new StoreClient(url);
  await client.login(KEY, 'Default');
  return client;
}

describe('reference store as OpenCart 3.0.5.0 (the default)', () => {
  const s = listeningStore({ apiKey: KEY });

  it('trims every value, a token included (Request::clean)', async () => {
    const client = await loggedIn(s.url);
    assert.deepEqual((await client.call('api/customer', { ...GUEST, email: `  ${GUEST.email}`, telephone: '   ' })).json, { error: { telephone: 'Telephone must be between 3 and 32 characters!' } });
    assert.match((await client.call('api/customer', { ...GUEST, email: `  ${GUEST.email}` })).body, /success/);
    assert.ok(((await client.call('api/cart/products', '', { token: `${client.token} ` })).json as { products?: unknown }).products);
  });

  it('takes a shipping city of up to 128 characters, sends the cache headers and logs a key alone in as Default', async () => {
    const client = await loggedIn(s.url);
    await client.call('api/cart/add', { product_id: 40 });
    assert.match((await client.call('api/shipping/address', { ...UK, city: 'a'.repeat(128) })).body, /success/);
    const login = await new StoreClient(s.url).login(KEY);
    assert.ok((login.json as { api_token?: string }).api_token);
    assert.equal(login.headers.expires, 'Thu, 19 Nov 1981 08:52:00 GMT');
    assert.match(String(login.headers['cache-control']), /no-store/);
  });
});

describe('reference store as OpenCart 3.0.4.1', () => {
  const s = listeningStore({ apiKey: KEY, release: '3.0.4.1' });

  it('does not trim: an e-mail address with spaces is refused, a telephone of spaces accepted, a padded token aborts', async () => {
    const client = await loggedIn(s.url);
    assert.deepEqual((await client.call('api/customer', { ...GUEST, email: `  ${GUEST.email}` })).json, { error: { email: 'E-Mail Address does not appear to be valid!' } });
    assert.match((await client.call('api/customer', { ...GUEST, telephone: '   ' })).body, /success/);
    // the length checks of names trim on their own
    assert.deepEqual(Object.keys(((await client.call('api/customer', { ...GUEST, firstname: '   ' })).json as { error: object }).error), ['firstname']);
    // MySQL ignores trailing spaces in `=` (PAD SPACE): the token matches, then the session id check aborts the request.
    assert.equal((await client.call('api/cart/products', '', { token: `${client.token} ` })).body, 'Error: Invalid session ID!');
  });

  it('still sends the cache headers and takes a shipping city of 128 characters', async () => {
    const client = await loggedIn(s.url);
    await client.call('api/cart/add', { product_id: 40 });
    assert.match((await client.call('api/shipping/address', { ...UK, city: 'a'.repeat(128) })).body, /success/);
    assert.ok((await client.call('api/cart/products')).headers.expires);
  });
});

describe('reference store as OpenCart 3.0.3.8', () => {
  const s = listeningStore({ apiKey: KEY, release: '3.0.3.8' });

  it('refuses a shipping city of 33 characters (the message still says 128) and sends no cache headers', async () => {
    const client = await loggedIn(s.url);
    await client.call('api/cart/add', { product_id: 40 });
    assert.match((await client.call('api/shipping/address', { ...UK, city: 'a'.repeat(32) })).body, /success/);
    assert.deepEqual((await client.call('api/shipping/address', { ...UK, city: 'a'.repeat(33) })).json, { error: { city: 'City must be between 3 and 128 characters!' } });
    const answer = await client.call('api/cart/products');
    assert.equal(answer.headers.expires, undefined);
    assert.equal(answer.headers['cache-control'], undefined);
  });
});

describe('reference store as OpenCart 3.0.2.0', () => {
  const s = listeningStore({ apiKey: KEY, release: '3.0.2.0' });

  it('answers [] to a key without a username, and logs in with both', async () => {
    assert.equal((await new StoreClient(s.url).login(KEY)).body, '[]');
    assert.ok(((await new StoreClient(s.url).login(KEY, 'Default')).json as { api_token?: string }).api_token);
  });

  it('starts a cookie session on a call with a token (session_autostart) and names the Host in its cookies\' domain', async () => {
    const client = await loggedIn(s.url);
    const cookies = String((await client.call('api/cart/products')).headers['set-cookie'] ?? '');
    assert.match(cookies, /OCSESSID=[0-9a-f]{26}; path=\//);
    assert.match(cookies, new RegExp(`language=en-gb;.*; domain=${new URL(s.url).host.replace(/\./g, '\\.')}`));
  });

  it('keeps session data past their expiry (the DATETIME is compared with an integer)', async () => {
    const client = await loggedIn(s.url);
    await client.call('api/cart/add', { product_id: 40 });
    assert.equal(s.store.sessions.ageSession(client.token, 3600), 1);
    assert.equal(((await client.call('api/cart/products')).json as { products: unknown[] }).products.length, 1);
  });
});

describe('reference store as OpenCart 3.0.5.0: what older releases do differently, it does not', () => {
  const s = listeningStore({ apiKey: KEY });

  it('sets no cookie session on a call with a token, no cookie domain, and expires session data', async () => {
    const client = await loggedIn(s.url);
    const cookies = String((await client.call('api/cart/products')).headers['set-cookie'] ?? '');
    assert.doesNotMatch(cookies, /OCSESSID|domain=/);
    assert.equal(s.store.sessions.ageSession(client.token, 60), 1);
    assert.deepEqual((await client.call('api/cart/products')).json, { error: { warning: 'Warning: You do not have permission to access the API!' } });
  });
});

describe('reference store release', () => {
  it('is refused when it names no 3.0.x release', async () => {
    const { createStore } = await import('../store');
    assert.throws(() => createStore({ release: '4.0.2.3' }), /imitates OpenCart 3\.0\.x releases; "4\.0\.2\.3" is not one/);
  });
});
