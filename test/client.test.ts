import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ApiClient, TransportError, encodeForm, flattenForm, parseBody, withoutPointers } from '../src/client';

interface Seen { method?: string; url?: string; body: string; remote?: string }

function listen(handler: (req: IncomingMessage, body: string, res: import('node:http').ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => handler(req, body, res));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

describe('form encoding', () => {
  it('writes OpenCart option arrays in PHP bracket syntax', () => {
    assert.deepEqual(flattenForm({ product_id: 42, option: { 223: ['8', '9'], 217: '4' } }), [
      ['product_id', '42'],
      ['option[217]', '4'],
      ['option[223][]', '8'],
      ['option[223][]', '9'],
    ]);
  });

  it('keeps brackets readable and escapes values', () => {
    assert.equal(encodeForm({ 'option[226]': '15', comment: 'a&b c' }), 'option[226]=15&comment=a%26b%20c');
    assert.equal(encodeForm({ product: [{ product_id: 43, quantity: 1 }, { product_id: 30 }] }), 'product[0][product_id]=43&product[0][quantity]=1&product[1][product_id]=30');
  });
});

describe('body parsing', () => {
  it('parses JSON, including the empty list a failed login answers', () => {
    assert.deepEqual(parseBody('[]').json, []);
  });
  it('splits a PHP warning printed before the JSON', () => {
    const p = parseBody('<b>Warning</b>: Undefined array key "currency" in <b>/x/api/currency.php</b> on line <b>13</b>\n{"error":"x"}');
    assert.deepEqual(p.json, { error: 'x' });
    assert.match(p.phpNotice ?? '', /^Warning: Undefined array key "currency"/);
  });
  it('reports HTML and empty bodies as not JSON', () => {
    assert.ok(parseBody('<!DOCTYPE html><p>404</p>').parseError);
    assert.equal(parseBody('').parseError, 'empty body');
  });
});

describe('undocumented fields', () => {
  it('are removed by JSON pointer from a copy, so the rest is judged on its own', () => {
    const body = { error: { warning: 'x', theme: 1 }, 'a/b': 2, keep: [1] };
    assert.deepEqual(withoutPointers(body, ['/error/theme', '/a~1b']), { error: { warning: 'x' }, keep: [1] });
    assert.deepEqual(body.error, { warning: 'x', theme: 1 }, 'the answer itself is untouched');
  });
});

describe('client', () => {
  let seen: Seen = { body: '' };
  let store: { server: Server; url: string };
  before(async () => {
    store = await listen((req, body, res) => {
      seen = { method: req.method, url: req.url, body, remote: req.socket.remoteAddress };
      if (req.url?.includes('route=api/slow')) return; // never answers
      res.setHeader('content-type', 'application/json');
      res.end('{"success":"ok"}');
    });
  });
  after(() => store.server.close());

  it('builds the real URL and sends the token in the query, the form in the body', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: 2000 });
    const r = await client.send({ route: 'api/cart/add', token: 'abc', form: { product_id: 40, option: { 226: 15 } } });
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/index.php?route=api/cart/add&api_token=abc');
    assert.equal(seen.body, 'product_id=40&option[226]=15');
    assert.deepEqual(r.json, { success: 'ok' });
    assert.equal(r.status, 200);
    await client.close();
  });

  it('puts order_id in the query string, as OpenCart reads it only there', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: 2000 });
    await client.send({ route: 'api/order/info', token: 't', query: { order_id: 7 }, method: 'GET' });
    assert.equal(seen.url, '/index.php?route=api/order/info&api_token=t&order_id=7');
    await client.close();
  });

  it('sends from another local address when asked (127.0.0.2 reaches 127.0.0.1 on Linux)', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: 2000 });
    await client.send({ route: 'api/login', localAddress: '127.0.0.2' });
    assert.equal(seen.remote, '127.0.0.2');
    await client.send({ route: 'api/login' });
    assert.equal(seen.remote, '127.0.0.1');
    await client.close();
  });

  it('gives up after the timeout with a one-line reason', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: 300 });
    const t0 = Date.now();
    await assert.rejects(client.send({ route: 'api/slow' }), (e: unknown) => e instanceof TransportError && e.kind === 'timeout' && /within 300 ms/.test(e.message));
    assert.ok(Date.now() - t0 < 3000, 'the timeout bounds the wait');
    await client.close();
  });

  it('reports a refused connection as infrastructure', async () => {
    const probe = await listen(() => undefined);
    const url = probe.url;
    await new Promise((r) => probe.server.close(r));
    const client = new ApiClient({ baseUrl: url, timeoutMs: 1000 });
    await assert.rejects(client.send({ route: 'api/login' }), (e: unknown) => e instanceof TransportError && e.kind === 'refused');
    await client.close();
  });
});
