// The security audits' judgement (src/security.ts): what counts as let through, as a leak of the store's insides, as a
// storm slowed or stopped; and that a finding's request is shown without its secrets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiResponse } from '../src/client';
import { Redactor } from '../src/redact';
import {
  TOKEN_PLACES,
  chooseSessionId,
  describeRequest,
  hostileScan,
  isPermissionError,
  leakIn,
  letThrough,
  stormResistance,
  type LoginStorm,
} from '../src/security';

const TOKEN = '0123456789abcdef0123456789';

function response(text: string, extra: Partial<ApiResponse> = {}): ApiResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    request: { method: 'POST', url: `http://store.test/index.php?route=api/cart/products&api_token=${TOKEN}`, body: '' },
    route: 'api/cart/products',
    status: 200,
    headers: {},
    text,
    json,
    durationMs: 5,
    ...extra,
  };
}

const refused = (): ApiResponse =>
  response('{"error":{"warning":"Warning: You do not have permission to access the API!"}}', { validation: { operationId: 'cartProducts', ok: true, violations: [], variant: 'PermissionDeniedObject' } });
const cart = (): ApiResponse => response('{"products":[],"vouchers":[],"totals":[]}', { validation: { operationId: 'cartProducts', ok: true, violations: [], variant: 'CartContents' } });

describe('security audits: what the store let through', () => {
  it('counts only the permission error, in either shape, as a refusal', () => {
    assert.equal(isPermissionError(refused()), true);
    assert.equal(isPermissionError({ ...refused(), validation: { operationId: 'currency', ok: true, violations: [], variant: 'PermissionDeniedString' } }), true);
    assert.equal(isPermissionError(cart()), false);
    assert.equal(isPermissionError(response('', { status: 500 })), false, 'a crash is no refusal');
  });

  it('lists each request let through with its request and answer, tokens blanked', () => {
    const through = letThrough([
      { response: refused(), headers: {} },
      { response: cart(), headers: { cookie: `OCSESSID=${TOKEN}` } },
    ]);
    assert.equal(through.length, 1);
    assert.equal(through[0], 'POST http://store.test/index.php?route=api/cart/products&api_token=[REDACTED] with cookie: OCSESSID=[REDACTED] with no body → HTTP 200 CartContents {"products":[],"vouchers":[],"totals":[]}');
    assert.doesNotMatch(through[0], new RegExp(TOKEN));
    const asJson = JSON.stringify(through[0]);
    assert.equal(new Redactor().redact(asJson), asJson, 'the run\'s own redaction of the message, written as JSON, changes nothing');
  });

  it('names the source address and blanks the keys it is given', () => {
    const r = response('[]', { request: { method: 'POST', url: 'http://store.test/index.php?route=api/login', body: 'username=Default&key=SECRETKEY123', localAddress: '127.0.0.2' } });
    assert.equal(describeRequest({ response: r, headers: {} }, ['SECRETKEY123']), 'POST http://store.test/index.php?route=api/login from 127.0.0.2 with body username=Default&key=[REDACTED]');
  });

  it('puts the token in one place only for each way a client might send it', () => {
    assert.deepEqual(TOKEN_PLACES['the OCSESSID cookie'](TOKEN), { headers: { cookie: `OCSESSID=${TOKEN}` } });
    assert.deepEqual(TOKEN_PLACES['the body'](TOKEN), { form: { api_token: TOKEN } });
    assert.deepEqual(TOKEN_PLACES['an Authorization header'](TOKEN), { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.deepEqual(TOKEN_PLACES['the query string'](TOKEN), { token: TOKEN });
  });

  it('chooses session ids OpenCart accepts and keeps whole, of the suite\'s reserved shape, never twice the same', () => {
    const a = chooseSessionId();
    // OpenCart 3.0: /^[a-zA-Z0-9,\-]{22,52}$/ in a varchar(32); the prefix lets teardown find the row the id names.
    assert.match(a, /^invotide-[0-9a-f]{23}$/);
    assert.notEqual(a, chooseSessionId());
  });
});

describe('security audits: what an answer must never show', () => {
  it('finds database error text, a stack trace and a file path', () => {
    assert.match(leakIn(response('Error: Illegal mix of collations (utf8mb4_unicode_ci,IMPLICIT)<br />Error No: 1267<br />SELECT * FROM in_voucher')) ?? '', /^SQL error text/);
    assert.match(leakIn(response("You have an error in your SQL syntax; check the manual near ''' at line 1")) ?? '', /^SQL error text/);
    assert.match(leakIn(response('PHP Fatal error:  Uncaught TypeError: mb_strlen(): Argument #1 must be of type string\nStack trace:\n#0 {main}')) ?? '', /^a stack trace/);
    assert.match(leakIn(response('{"error":"x"}', { phpNotice: 'Warning: Undefined array key "x" in /var/www/html/catalog/controller/api/cart.php on line 21' })) ?? '', /^a file path: "\/var\/www\/html\/catalog\/controller\/api\/cart\.php"/);
    assert.match(leakIn(response('TypeError: x is undefined\n    at answer (/srv/store/http.ts:120:7)')) ?? '', /^a stack trace/);
  });

  it('passes answers that give nothing away, and what the store merely echoes of the request', () => {
    assert.equal(leakIn(refused()), undefined);
    assert.equal(leakIn(response('{"error":{"warning":"Warning: You do not have permission to access the API!"}}')), undefined);
    assert.equal(leakIn(response('{"error":"Warning: The store could not complete this request!"}', { status: 500 })), undefined);
    assert.equal(leakIn(response('', { status: 500 })), undefined);
    const echoed = response('{"products":[{"name":"Gift for ../../lib/db.php"}]}');
    assert.match(leakIn(echoed) ?? '', /^a file path/);
    assert.equal(leakIn(echoed, ['../../lib/db.php']), undefined);
  });

  it('scans every route of the contract with every family, order-writing routes only where writes are allowed', () => {
    const read = new Set(hostileScan(false).map((r) => r.route));
    const all = new Set(hostileScan(true).map((r) => r.route));
    assert.ok(read.has('api/login') && read.has('api/cart/add') && !read.has('api/order/add'));
    assert.equal(all.size, 24);
    assert.deepEqual([...all].filter((r) => !read.has(r)).sort(), ['api/order/add', 'api/order/delete', 'api/order/edit', 'api/order/history']);
    assert.deepEqual(hostileScan(false), hostileScan(false), 'the same requests every run (fixed seed)');
  });
});

describe('security audits: a login storm', () => {
  const storm = (baselineMs: number, wrongMs: number[], wrong: (ms: number) => ApiResponse = (ms) => response('[]', { durationMs: ms })): LoginStorm => ({
    baseline: response('{"success":"ok","api_token":"x"}', { durationMs: baselineMs }),
    wrong: wrongMs.map(wrong),
  });

  it('is met by nothing when every wrong key is refused at once', () => {
    assert.equal(stormResistance(storm(8, [3, 2, 4, 3, 90, 3, 2, 3])), undefined);
  });

  it('was slowed when the last wrong keys took markedly longer than a right login', () => {
    assert.match(stormResistance(storm(8, [3, 3, 3, 3, 30, 300, 320, 340, 360])) ?? '', /^slowed/);
  });

  it('was stopped when a wrong key met anything but the plain refusal', () => {
    const stopped = storm(8, [3, 3, 3]);
    stopped.wrong[2] = response('<html>blocked</html>', { status: 403 });
    assert.match(stormResistance(stopped) ?? '', /^stopped at wrong key 3: HTTP 403/);
  });
});
