// Each response variant: its recorded examples pass (and match no other variant of any operation that lists it),
// and a body with a wrong type or a missing required key fails at the right JSON pointer.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Contract } from '../src/contract';
import { addContractKeywords } from '../src/contract/contract';

const ROOT = path.resolve(__dirname, '..');
const SCHEMAS = path.join(ROOT, 'schemas');
type Json = Record<string, unknown>;

const files = new Map<string, Json>(
  readdirSync(SCHEMAS).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')) as Json]),
);

/** The named schema (a $defs entry) with that title, and the file it is in. */
function variantSchema(title: string): { file: string; schema: Json } {
  for (const [file, doc] of files) {
    const defs = (doc.$defs ?? {}) as Record<string, Json>;
    if (defs[title]?.title === title) return { file, schema: defs[title] };
  }
  throw new Error(`no schema titled ${title}`);
}

function deref(schema: Json, file: string): Json {
  let s = schema;
  let base = file;
  while (typeof s.$ref === 'string') {
    const [f, frag] = s.$ref.split('#');
    base = f || base;
    s = frag.slice(1).split('/').reduce<Json>((n, k) => n[k] as Json, files.get(base) as Json);
  }
  return s;
}

/** A value of a type the property's schema does not allow. */
function wrongValueFor(schema: Json): unknown {
  const types = new Set([schema.type].flat().filter(Boolean) as string[]);
  if (schema.const !== undefined || schema.enum !== undefined) return 12345;
  if (!types.has('string')) return 'not-this-type';
  if (!types.has('integer') && !types.has('number')) return 12345;
  return { wrong: true };
}

const contract = Contract.load();
const operations = contract.operations();

describe('response variants', () => {
  it('every schema file is JSON Schema 2020-12 with its file name as $id, and compiles in strict mode', () => {
    const ajv = addContractKeywords(new Ajv2020({ strict: true, allowUnionTypes: true }));
    addFormats(ajv);
    for (const [file, doc] of files) {
      assert.equal(doc.$schema, 'https://json-schema.org/draft/2020-12/schema', file);
      assert.equal(doc.$id, file);
      ajv.addSchema(doc, file);
    }
    for (const [file, doc] of files) {
      for (const name of Object.keys((doc.$defs ?? {}) as Json)) assert.ok(ajv.getSchema(`${file}#/$defs/${name}`), `${file}#/$defs/${name} compiles`);
    }
  });

  it('every variant has a title equal to its name, a description and at least one example', () => {
    for (const title of contract.variantTitles()) {
      const { schema } = variantSchema(title);
      assert.equal(schema.title, title);
      assert.ok(typeof schema.description === 'string' && schema.description.length > 20, `${title} has a description`);
      assert.ok(Array.isArray(schema.examples) && schema.examples.length > 0, `${title} has examples`);
    }
  });

  it('request form examples fit their forms', () => {
    const ajv = addContractKeywords(new Ajv2020({ strict: true, allowUnionTypes: true }));
    for (const [file, doc] of files) ajv.addSchema(doc, file);
    const forms = (files.get('forms.json')?.$defs ?? {}) as Record<string, Json>;
    for (const [name, form] of Object.entries(forms)) {
      const validate = ajv.getSchema(`forms.json#/$defs/${name}`);
      for (const example of (form.examples ?? []) as unknown[]) assert.ok(validate?.(example), `${name} example ${JSON.stringify(example)}`);
    }
  });

  for (const op of operations) {
    it(`${op.operationId}: each variant's examples match that variant and no other (the oneOf is exclusive)`, () => {
      for (const title of op.variants) {
        for (const example of variantSchema(title).schema.examples as unknown[]) {
          const r = contract.validate(op.operationId, 200, 'application/json', example);
          assert.equal(r.ok, true, `${title} example: ${JSON.stringify(r.violations)}`);
          assert.equal(r.variant, title);
        }
      }
    });
  }

  for (const title of contract.variantTitles()) {
    describe(title, () => {
      const { file, schema } = variantSchema(title);
      const valid = (schema.examples as unknown[])[0];

      it('a valid body passes', () => {
        assert.deepEqual(contract.validateVariant(title, valid), []);
      });

      if (schema.type === 'array') {
        it('an object instead of the list fails at the root', () => {
          const [v] = contract.validateVariant(title, {});
          assert.equal(v.pointer, '');
          assert.equal(v.expected, 'array');
        });
        it('a non-empty list fails at the root', () => {
          const [v] = contract.validateVariant(title, ['x']);
          assert.equal(v.pointer, '');
        });
        return;
      }

      const props = (schema.properties ?? {}) as Record<string, Json>;
      for (const key of (schema.required ?? []) as string[]) {
        it(`a missing "${key}" fails at /${key}`, () => {
          const body = { ...(valid as Json) };
          delete body[key];
          const violations = contract.validateVariant(title, body);
          assert.ok(violations.some((v) => v.pointer === `/${key}` && v.expected === `property "${key}"`), JSON.stringify(violations));
        });
        it(`a wrong type for "${key}" fails at /${key}`, () => {
          const wrong = wrongValueFor(deref(props[key], file));
          const violations = contract.validateVariant(title, { ...(valid as Json), [key]: wrong });
          assert.ok(violations.length > 0, `${JSON.stringify(wrong)} for ${key} passed`);
          assert.ok(violations.every((v) => v.pointer === `/${key}` || v.pointer.startsWith(`/${key}/`)), JSON.stringify(violations));
        });
      }
    });
  }
});

describe('violations deep in a body name the place and what came', () => {
  const cart = variantSchema('CartContents').schema.examples as Json[];
  const order = variantSchema('OrderInfo').schema.examples as Json[];
  const clone = <T>(v: T): T => structuredClone(v);

  const cases: Array<{ name: string; route: string; body: () => unknown; pointer: string; expected: string; excerpt?: string; variant: string }> = [
    {
      name: 'a cart price as a number',
      route: 'api/cart/products',
      body: () => { const b = clone(cart[0]) as { products: Json[] }; b.products[0].price = 12.5; return b; },
      pointer: '/products/0/price', expected: 'string', excerpt: '12.5', variant: 'CartContents',
    },
    {
      name: 'a cart product_id as a number (the store prints ids as strings)',
      route: 'cartProducts',
      body: () => { const b = clone(cart[0]) as { products: Json[] }; b.products[1].product_id = 30; return b; },
      pointer: '/products/1/product_id', expected: 'string', excerpt: '30', variant: 'CartContents',
    },
    {
      name: 'a cart line without its reward',
      route: 'cartProducts',
      body: () => { const b = clone(cart[0]) as { products: Json[] }; delete b.products[2].reward; return b; },
      pointer: '/products/2/reward', expected: 'property "reward"', variant: 'CartContents',
    },
    {
      name: 'a cart option value id that is not an id',
      route: 'cartProducts',
      body: () => { const b = clone(cart[0]) as { products: Array<{ option: Json[] }> }; b.products[1].option[0].product_option_value_id = 'Red'; return b; },
      pointer: '/products/1/option/0/product_option_value_id', expected: 'a string matching /^[0-9]*$/', excerpt: '"Red"', variant: 'CartContents',
    },
    {
      name: 'a voucher amount as a string',
      route: 'cartProducts',
      body: () => { const b = clone(cart[2]) as { vouchers: Json[] }; b.vouchers[0].amount = '25'; return b; },
      pointer: '/vouchers/0/amount', expected: 'number', excerpt: '"25"', variant: 'CartContents',
    },
    {
      name: 'an order total as a number',
      route: 'orderInfo',
      body: () => { const b = clone(order[0]) as { order: Json }; b.order.total = 278.2; return b; },
      pointer: '/order/total', expected: 'string', excerpt: '278.2', variant: 'OrderInfo',
    },
    {
      name: 'an order without order_status',
      route: 'orderInfo',
      body: () => { const b = clone(order[0]) as { order: Json }; delete b.order.order_status; return b; },
      pointer: '/order/order_status', expected: 'property "order_status"', variant: 'OrderInfo',
    },
    {
      name: 'reward/maximum as a string',
      route: 'api/reward/maximum',
      body: () => ({ maximum: '1200' }),
      pointer: '/maximum', expected: 'integer', excerpt: '"1200"', variant: 'RewardMaximum',
    },
    {
      name: 'reward/available as a number',
      route: 'api/reward/available',
      body: () => ({ points: 1000 }),
      pointer: '/points', expected: 'null', variant: 'RewardPoints',
    },
    {
      name: 'order/add order_id as a string',
      route: 'api/order/add',
      body: () => ({ success: 'Success: You have modified orders!', order_id: '3' }),
      pointer: '/order_id', expected: 'integer', excerpt: '"3"', variant: 'OrderAdded',
    },
    {
      name: 'a permission error in the string shape on a route with the object shape',
      route: 'api/cart/add',
      body: () => ({ error: 'Warning: You do not have permission to access the API!' }),
      pointer: '/error', expected: 'object', variant: 'PermissionDeniedObject',
    },
    {
      name: 'an extra key in a closed error object',
      route: 'api/cart/add',
      body: () => ({ error: { store: 'Product can not be bought from the store you have choosen!', debug: 'x' } }),
      pointer: '/error/debug', expected: 'no such property (the object is closed)', excerpt: '"x"', variant: 'ProductNotInStore',
    },
    {
      name: 'a shipping quote without its text',
      route: 'api/shipping/methods',
      body: () => ({ shipping_methods: { flat: { title: 'Flat Rate', quote: { flat: { code: 'flat.flat', title: 'Flat Shipping Rate', cost: '5.00', tax_class_id: '9' } }, sort_order: '1', error: false } } }),
      pointer: '/shipping_methods/flat/quote/flat/text', expected: 'property "text"', variant: 'ShippingMethods',
    },
    {
      name: 'a login token that cannot be a session id',
      route: 'login',
      body: () => ({ success: 'Success: API session successfully started!', api_token: 'short' }),
      pointer: '/api_token', expected: 'a string matching /^[A-Za-z0-9,-]{22,52}$/', excerpt: '"short"', variant: 'LoginSuccess',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const r = contract.validate(c.route, 200, 'application/json', c.body());
      assert.equal(r.ok, false);
      assert.equal(r.variant, undefined);
      const v = r.violations.find((x) => x.pointer === c.pointer);
      assert.ok(v, `no violation at ${c.pointer}: ${JSON.stringify(r.violations)}`);
      assert.equal(v.expected, c.expected);
      assert.equal(v.variant, c.variant);
      assert.equal(v.operationId, contract.operation(c.route).operationId);
      if (c.excerpt !== undefined) assert.equal(v.excerpt, c.excerpt);
      assert.ok(v.excerpt.length <= 200);
    });
  }

  it('a long value is cut to 200 characters in the excerpt', () => {
    const r = contract.validate('api/reward/maximum', 200, 'application/json', { maximum: 'x'.repeat(5000) });
    assert.equal(r.violations[0].pointer, '/maximum');
    assert.equal(r.violations[0].excerpt.length, 200);
  });
});
