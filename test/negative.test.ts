// The generated requests of the @negative families (src/negative.ts): each family sends what its scenarios say it
// sends, derived from the request body schemas, the same requests for a seed, and every request can be encoded.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { Contract } from '../src/contract';
import { encodeForm, type Form, type FormValue } from '../src/client';
import { describeFailure, FAMILIES, hasAstral, leaves, negativeForms, problemWith, requestSchema } from '../src/negative';

const contract = Contract.load();
const routes = contract.operations().map((o) => o.route);
const SCHEMAS = path.resolve(__dirname, '..', 'schemas');
const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')), file);

/** The problems of a form against its route's request body schema (its documented fields only). */
function schemaProblems(route: string, form: Form): string[] {
  const ref = contract.operation(route).requestSchemaRef;
  if (!ref) return [];
  const documented = new Set(contract.operation(route).requestFields);
  const validate = ajv.getSchema(ref);
  assert.ok(validate, `no schema ${ref}`);
  const body = Object.fromEntries(Object.entries(form).filter(([k]) => documented.has(k)));
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function keysOf(value: FormValue): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Array.isArray(value) ? value.flatMap(keysOf) : Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

const isList = (v: FormValue): boolean => v !== null && typeof v === 'object';

describe('request shapes from the contract', () => {
  it('knows the documented shape of each field', () => {
    const cartAdd = Object.fromEntries(requestSchema('api/cart/add').map((f) => [f.name, f.shape]));
    assert.deepEqual(Object.keys(cartAdd), contract.operation('api/cart/add').requestFields);
    assert.equal(cartAdd.product_id.kind, 'text');
    assert.equal(cartAdd.option.kind, 'object');
    assert.equal(cartAdd.option.kind === 'object' && cartAdd.option.keyPattern, '^[0-9]+$');
    assert.equal(cartAdd.product.kind, 'list');
    assert.equal(cartAdd.product.kind === 'list' && cartAdd.product.items.kind, 'object');
    const voucherAdd = Object.fromEntries(requestSchema('api/voucher/add').map((f) => [f.name, f.shape.kind]));
    assert.equal(voucherAdd.voucher, 'list');
    assert.equal(voucherAdd.amount, 'text');
  });

  it('gives a route without a request body no fields', () => {
    assert.deepEqual(requestSchema('api/cart/products'), []);
  });
});

describe('the negative families', () => {
  it('send the same requests for a seed, and others for another seed', () => {
    for (const family of FAMILIES) {
      assert.deepEqual(negativeForms(family, 'api/customer', 5, 7), negativeForms(family, 'api/customer', 5, 7));
      assert.notDeepEqual(negativeForms(family, 'api/customer', 5, 7), negativeForms(family, 'api/customer', 5, 8));
    }
  });

  for (const route of routes) {
    it(`${route}: hostile input keeps to the documented kinds and to the Basic Multilingual Plane`, () => {
      const forms = negativeForms('hostile-input', route, 20);
      assert.equal(forms.length, 20);
      for (const [i, form] of forms.entries()) {
        assert.deepEqual(schemaProblems(route, form), [], `#${i} ${encodeForm(form).slice(0, 200)}`);
        assert.ok(![...leaves(form), ...keysOf(form)].some(hasAstral), `#${i} holds an astral character`);
        assert.doesNotThrow(() => encodeForm(form));
      }
    });

    it(`${route}: a list for a single value sends a documented text field as a list, BMP only`, () => {
      const single = new Set(requestSchema(route).filter((f) => f.shape.kind === 'text').map((f) => f.name));
      for (const [i, form] of negativeForms('list-for-text', route, 5).entries()) {
        const listed = Object.entries(form).filter(([, v]) => isList(v)).map(([k]) => k);
        assert.ok(listed.length > 0, `#${i} sends no list`);
        // Only fields documented as a single value are sent (unknown fields when the route documents none).
        if (single.size) assert.ok(Object.keys(form).every((k) => single.has(k)), `#${i} ${Object.keys(form).join(',')}`);
        assert.ok(!leaves(form).some(hasAstral), `#${i} holds an astral character`);
        assert.match(encodeForm(form), /\[\d*\]=/, `#${i} is not sent in bracket syntax`);
      }
    });

    it(`${route}: astral text is otherwise well-formed and holds a 4-byte character`, () => {
      for (const [i, form] of negativeForms('astral-text', route, 5).entries()) {
        assert.deepEqual(schemaProblems(route, form), [], `#${i} ${encodeForm(form).slice(0, 200)}`);
        assert.ok(leaves(form).some(hasAstral), `#${i} holds no astral character`);
        assert.match(decodeURIComponent(encodeForm(form)), /[\u{10000}-\u{10FFFF}]/u, `#${i} loses its astral character when encoded`);
      }
    });
  }

  it('tell astral from BMP text', () => {
    assert.equal(hasAstral('Ünïcödé ✓ 日本語 ☃'), false);
    assert.equal(hasAstral('\u{1D158}'), true);
    assert.equal(hasAstral('😀'), true);
  });
});

describe('reporting a failing request', () => {
  it('prints a short request whole, with its family, index and seed', () => {
    const line = describeFailure('list-for-text', 3, 42, 'api/currency', { currency: ['EUR'] }, 'HTTP 500');
    assert.equal(line, '#3 (list-for-text, seed 42) api/currency currency[]=EUR → HTTP 500');
  });

  it('shortens a long request and says where the whole one is', () => {
    const line = describeFailure('hostile-input', 0, 42, 'api/coupon', { coupon: 'x'.repeat(5000) }, 'HTTP 500');
    assert.match(line, /^#0 \(hostile-input, seed 42\) api\/coupon coupon=x{293}… \(5007 characters; the whole request is attached to the scenario\) → HTTP 500$/);
  });

  it('accepts documented JSON and names what is not', () => {
    const base = { request: { method: 'POST', url: '', body: '' }, route: 'api/coupon', headers: {}, contentType: 'application/json', durationMs: 1 };
    assert.equal(problemWith({ ...base, status: 200, text: '{}', json: {}, validation: { operationId: 'coupon', ok: true, violations: [] } }), undefined);
    assert.equal(problemWith({ ...base, status: 500, text: '' }), 'HTTP 500');
    assert.match(problemWith({ ...base, status: 200, text: '<b>Fatal</b>', parseError: 'not JSON' }) ?? '', /^not JSON/);
  });
});
