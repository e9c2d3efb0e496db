// The exchange record (src/exchanges/normalise.ts): per-run values become placeholders that keep their identity
// through a scenario, and no key, password or token is ever written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiResponse } from '../src/client';
import { ExchangeNormaliser } from '../src/exchanges/normalise';

const BASE = 'http://127.0.0.1:41234/';
const API_KEY = 'k'.repeat(40) + 'APIKEY';
const RESTRICTED_KEY = 'r'.repeat(40) + 'RESTRICTED';
const TOKEN_A = 'a1b2c3d4e5f6a7b8c9d0e1f2a3';
const TOKEN_B = 'ffeeddccbbaa99887766554433';
const SUITE_SESSION = 'invotide-0123456789abcdef0123456';
const NOW = Date.parse('2026-12-07T12:00:00Z');

/** An exchange as the client hands it over. */
function exchange(route: string, o: { query?: Record<string, string>; form?: string; headers?: Record<string, string>; json?: unknown; responseHeaders?: Record<string, string>; status?: number; localAddress?: string }): ApiResponse {
  const url = new URL('index.php', BASE);
  url.searchParams.set('route', route);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  return {
    request: { method: 'POST', url: url.toString(), body: o.form ?? '', headers: { 'user-agent': 'invotide-conformance', 'content-type': 'application/x-www-form-urlencoded', ...o.headers }, localAddress: o.localAddress },
    route,
    status: o.status ?? 200,
    headers: { 'content-type': 'application/json', date: 'Mon, 07 Dec 2026 12:00:00 GMT', server: 'Apache', ...o.responseHeaders },
    contentType: 'application/json',
    text: JSON.stringify(o.json ?? {}),
    json: o.json ?? {},
    durationMs: 3,
  };
}

function scenario(): { records: ReturnType<ExchangeNormaliser['record']>[]; text: string } {
  const n = new ExchangeNormaliser({ baseUrl: BASE, secrets: { 'api key': API_KEY, 'restricted key': RESTRICTED_KEY }, now: NOW });
  const cookie = { cookie: `OCSESSID=${SUITE_SESSION}` };
  const records = [
    n.record(exchange('api/login', { form: `username=invotide-suite&key=${API_KEY}`, headers: cookie, json: { success: 'Success: API session successfully started!', api_token: TOKEN_A }, responseHeaders: { 'set-cookie': `OCSESSID=${SUITE_SESSION}; path=/\ncurrency=USD; expires=Wed, 06 Jan 2027 12:00:00 GMT; Max-Age=2592000; path=/` } }), 1),
    n.record(exchange('api/cart/products', { query: { api_token: TOKEN_A }, headers: cookie, json: { products: [{ cart_id: '812', product_id: '9990005', name: 'Invotide Simple' }, { cart_id: '813', product_id: '9990006' }], vouchers: [{ code: '1439285615', amount: '$10.00' }], totals: [] } }), 2),
    n.record(exchange('api/cart/edit', { query: { api_token: TOKEN_A }, form: 'key=813&quantity=2', json: { success: 'Success: You have modified your shopping cart!' } }), 3),
    n.record(exchange('api/order/add', { query: { api_token: TOKEN_A }, form: 'payment_method=cod', json: { success: 'Success: You have modified orders!', order_id: 4711 } }), 4),
    n.record(exchange('api/order/info', { query: { api_token: TOKEN_A, order_id: '4711' }, json: { order: { order_id: '4711', store_url: BASE, date_added: '2026-12-07 12:00:03', date_modified: '2009-01-05 21:49:43' } } }), 5),
    // Another session of the same scenario: a token of its own, sent in a header too (a security probe).
    n.record(exchange('api/login', { form: `username=invotide-restricted&key=${RESTRICTED_KEY}`, json: { api_token: TOKEN_B } }), 6),
    n.record(exchange('api/order/add', { query: { api_token: TOKEN_B }, headers: { 'x-api-token': TOKEN_B, cookie: `OCSESSID=${TOKEN_A}` }, localAddress: '127.0.0.2', json: { order_id: 4712 } }), 7),
    n.record(exchange('api/login', { form: 'username=invotide-suite&key=not-the-key', status: 200, json: { error: { key: 'Warning: Incorrect API Key!' } } }), 8),
    n.record(exchange('api/order/delete', { query: { api_token: TOKEN_A, order_id: '4711' }, json: { success: 'Success: You have modified orders!' } }), 0),
  ];
  return { records, text: JSON.stringify(records) };
}

describe('the exchange record', () => {
  it('gives a token one placeholder wherever it shows: the login answer, the query, a header, a cookie', () => {
    const { records } = scenario();
    assert.equal((records[0].response.json as { api_token: string }).api_token, '<session#2>');
    assert.equal(records[1].request.query?.api_token, '<session#2>');
    assert.equal((records[5].response.json as { api_token: string }).api_token, '<session#3>');
    assert.equal(records[6].request.query?.api_token, '<session#3>');
    assert.equal(records[6].request.headers?.['x-api-token'], '<session#3>');
    assert.equal(records[6].request.headers?.cookie, 'OCSESSID=<session#2>');
    // The suite's own session id, before the login, is a session too, and the store's Set-Cookie names the same one.
    assert.equal(records[0].request.headers?.cookie, 'OCSESSID=<session#1>');
    assert.match(records[0].response.headers?.['set-cookie'] ?? '', /^OCSESSID=<session#1>; path=\/\ncurrency=USD; expires=<now\+30d>; Max-Age=<30d>; path=\/$/);
  });

  it('keeps "the order id of step 5 is the one of step 4" and tells a second order apart', () => {
    const { records } = scenario();
    assert.equal((records[3].response.json as { order_id: string }).order_id, '<order_id#1>');
    assert.equal(records[4].request.query?.order_id, '<order_id#1>');
    assert.equal((records[4].response.json as { order: { order_id: string } }).order.order_id, '<order_id#1>');
    assert.equal((records[6].response.json as { order_id: string }).order_id, '<order_id#2>');
    assert.equal(records[8].request.query?.order_id, '<order_id#1>');
    assert.equal(records[8].step, 0);
  });

  it('names a cart line by its place in the scenario, in the answer and in the edit that names it', () => {
    const { records } = scenario();
    const products = (records[1].response.json as { products: Array<{ cart_id: string; product_id: string }> }).products;
    assert.deepEqual(products.map((p) => p.cart_id), ['<cart_id#1>', '<cart_id#2>']);
    assert.deepEqual(products.map((p) => p.product_id), ['9990005', '9990006'], 'ids that are the data, not the run, stay');
    assert.deepEqual(records[2].request.form, [['key', '<cart_id#2>'], ['quantity', '2']]);
    assert.equal((records[1].response.json as { vouchers: Array<{ code: string }> }).vouchers[0].code, '<voucher_code#1>');
  });

  it('replaces the store URL and dates of now, and keeps a fixed date', () => {
    const { records } = scenario();
    const order = (records[4].response.json as { order: Record<string, string> }).order;
    assert.equal(order.store_url, '<store url>');
    assert.equal(order.date_added, '<date>');
    assert.equal(order.date_modified, '2009-01-05 21:49:43');
  });

  it('writes no key, token or session id, and names each key by its role', () => {
    const { records, text } = scenario();
    for (const secret of [API_KEY, RESTRICTED_KEY, TOKEN_A, TOKEN_B, SUITE_SESSION, 'not-the-key']) assert.ok(!text.includes(secret), `the record holds ${secret}`);
    assert.deepEqual(records[0].request.form, [['username', 'invotide-suite'], ['key', '<api key>']]);
    assert.deepEqual(records[5].request.form, [['username', 'invotide-restricted'], ['key', '<restricted key>']]);
    assert.deepEqual(records[7].request.form, [['username', 'invotide-suite'], ['key', '<key#1>']]);
  });

  it('leaves out the transport and the server, and keeps what the API says in headers', () => {
    const { records } = scenario();
    assert.deepEqual(Object.keys(records[0].response.headers ?? {}), ['set-cookie']);
    assert.equal(records[0].response.type, 'application/json');
    assert.equal(records[0].request.headers?.['user-agent'], undefined);
    assert.equal(records[6].request.from, 'alternate address');
  });

});
