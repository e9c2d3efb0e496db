import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { ApiClient, TransportError, encodeForm, flattenForm, parseBody, withoutPointers } from '../src/client';
import { ApiSession } from '../src/session';

// Every process warning of this file's run, so a test can tell undici's experimental notice stayed out of the terminal.
const warnings: string[] = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));

interface Seen { method?: string; url?: string; body: string; remote?: string }

/** For every request that must be answered (or refused): only the answer itself, never a loaded machine, ends it. */
const GENEROUS = 60_000;

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
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
    const r = await client.send({ route: 'api/cart/add', token: 'abc', form: { product_id: 40, option: { 226: 15 } } });
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/index.php?route=api/cart/add&api_token=abc');
    assert.equal(seen.body, 'product_id=40&option[226]=15');
    assert.deepEqual(r.json, { success: 'ok' });
    assert.equal(r.status, 200);
    await client.close();
  });

  it('puts order_id in the query string, as OpenCart reads it only there', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
    await client.send({ route: 'api/order/info', token: 't', query: { order_id: 7 }, method: 'GET' });
    assert.equal(seen.url, '/index.php?route=api/order/info&api_token=t&order_id=7');
    await client.close();
  });

  it('sends from another local address when asked (127.0.0.2 reaches 127.0.0.1 on Linux)', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
    await client.send({ route: 'api/login', localAddress: '127.0.0.2' });
    assert.equal(seen.remote, '127.0.0.2');
    await client.send({ route: 'api/login' });
    assert.equal(seen.remote, '127.0.0.1');
    await client.close();
  });

  it('gives up after the timeout with a one-line reason', async () => {
    // api/slow never answers: only the timeout can end the request (no wall time is asserted; a loaded machine may
    // fire the timer late, never early).
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: 300 });
    await assert.rejects(client.send({ route: 'api/slow' }), (e: unknown) => e instanceof TransportError && e.kind === 'timeout' && /within 300 ms/.test(e.message) && !e.message.includes('\n'));
    await client.close();
  });

  it('reports a refused connection as infrastructure', async () => {
    const probe = await listen(() => undefined);
    const url = probe.url;
    await new Promise((r) => probe.server.close(r));
    const client = new ApiClient({ baseUrl: url, timeoutMs: GENEROUS });
    await assert.rejects(client.send({ route: 'api/login' }), (e: unknown) => e instanceof TransportError && e.kind === 'refused');
    await client.close();
  });
});

describe('compressed answers', () => {
  const json = Buffer.from('{"success":"Success: You have modified your shopping cart!"}');
  const bodies: Record<string, { status: number; encoding: string; body: Buffer }> = {
    '/gzip': { status: 200, encoding: 'gzip', body: gzipSync(json) },
    '/deflate': { status: 200, encoding: 'deflate', body: deflateSync(json) },
    '/br': { status: 200, encoding: 'br', body: brotliCompressSync(json) },
    // An error page is evidence too: decoded like any answer.
    '/gzip-500': { status: 500, encoding: 'gzip', body: gzipSync('<b>Fatal error</b>: Uncaught Exception') },
    // 40 kB on the wire that unpack to 40 MiB.
    '/bomb': { status: 200, encoding: 'gzip', body: gzipSync(Buffer.alloc(40 * 1048576)) },
    '/corrupt': { status: 200, encoding: 'gzip', body: Buffer.from('not gzip at all') },
  };
  let store: { server: Server; url: string };
  before(async () => {
    store = await listen((req, _body, res) => {
      const answer = bodies[new URL(req.url!, 'http://x').searchParams.get('route')!.replace('api', '')];
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-encoding': answer.encoding }).end(answer.body);
    });
  });
  after(() => store.server.close());

  for (const encoding of ['gzip', 'deflate', 'br']) {
    it(`decodes a ${encoding} answer and parses its JSON`, async () => {
      const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
      const r = await client.send({ route: `api/${encoding}` });
      assert.deepEqual(r.json, JSON.parse(json.toString()));
      assert.equal(r.text, json.toString());
      await client.close();
    });
  }

  it('decodes an error page, so the report shows what the store said', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
    const r = await client.send({ route: 'api/gzip-500' });
    assert.equal(r.status, 500);
    assert.equal(r.text, '<b>Fatal error</b>: Uncaught Exception');
    await client.close();
  });

  it('stops a small answer that unpacks past the body limit, as infrastructure', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
    await assert.rejects(client.send({ route: 'api/bomb' }), (e: unknown) => e instanceof TransportError && e.kind === 'too-large' && /unpacks to more than 16 MiB/.test(e.message));
    await client.close();
  });

  it('reports a body that is not the encoding it claims as a transport failure, not a crash', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
    await assert.rejects(client.send({ route: 'api/corrupt' }), (e: unknown) => e instanceof TransportError && /failed/.test(e.message));
    await client.close();
  });

  it('keeps undici\'s experimental notice out of the terminal', () => {
    assert.deepEqual(warnings.filter((w) => /Decompress/i.test(w)), []);
  });
});

/** What OpenCart 3.0 accepts as a session id (22 to 52 characters) and keeps (32), starting with the reserved prefix. */
const SUITE_SESSION = /^OCSESSID=invotide-[0-9a-f]{23}$/;

describe('session cookies', () => {
  const setCookies: Record<string, string[]> = {
    'api/set': ['OCSESSID=abc; path=/', 'currency=EUR; Max-Age=2592000; path=/', 'elsewhere=2; path=/admin/', 'stale=3; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'],
    'api/forget': ['currency=; Max-Age=0; path=/'],
  };
  let store: { server: Server; url: string };
  before(async () => {
    store = await listen((req, _body, res) => {
      const route = new URL(req.url!, 'http://x').searchParams.get('route')!;
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': setCookies[route] ?? [] }).end(JSON.stringify({ cookie: req.headers.cookie ?? null }));
    });
  });
  after(() => store.server.close());

  it('sends back what the store set for this path, and honours expiry and deletion as a browser does', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
    const session = new ApiSession(client);
    assert.match(((await session.call({ route: 'api/set' })).json as { cookie: string }).cookie, SUITE_SESSION, 'before the store set one, a session of the suite\'s own');
    assert.deepEqual((await session.call({ route: 'api/echo' })).json, { cookie: 'OCSESSID=abc; currency=EUR' }, 'not the cookie of another path, nor an expired one');
    await session.call({ route: 'api/forget' });
    assert.deepEqual((await session.call({ route: 'api/echo' })).json, { cookie: 'OCSESSID=abc' }, 'a cookie the store deleted is gone');
    assert.deepEqual((await session.call({ route: 'api/echo', headers: { cookie: 'OCSESSID=mine' } })).json, { cookie: 'OCSESSID=mine' }, 'a scenario\'s own cookie header wins');
    assert.match(((await new ApiSession(client).call({ route: 'api/echo' })).json as { cookie: string }).cookie, SUITE_SESSION, 'each session has its own cookies');
    await client.close();
  });

  it('names a session of the suite\'s reserved shape when a request names none, so that teardown can find its row', async () => {
    const client = new ApiClient({ baseUrl: store.url, timeoutMs: GENEROUS });
    const cookieOf = async (headers?: Record<string, string>): Promise<string> => ((await client.send({ route: 'api/echo', headers })).json as { cookie: string }).cookie;
    const first = await cookieOf();
    assert.match(first, SUITE_SESSION);
    assert.notEqual(await cookieOf(), first, 'a new one for each request that names none');
    assert.match(await cookieOf({ cookie: 'currency=EUR' }), /^currency=EUR; OCSESSID=invotide-[0-9a-f]{23}$/, 'beside the cookies a request sends');
    assert.equal(await cookieOf({ Cookie: 'currency=EUR; OCSESSID=0123456789abcdef0123456789' }), 'currency=EUR; OCSESSID=0123456789abcdef0123456789', 'a session the request names stays');
    await client.close();
  });
});
