// The contract library: operations as openapi.yaml names them, lookups, the checks around the body (status,
// content type), violation messages, undocumented fields, and clear errors for a broken contract.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { Contract, ContractViolationError } from '../src/contract';

const ROOT = path.resolve(__dirname, '..');
const PERM = 'Warning: You do not have permission to access the API!';
const contract = Contract.load();

/** Route → operationId and variants, as the API areas are documented. */
const OPERATIONS: Record<string, [string, string[]]> = {
  'api/login': ['login', ['LoginSuccess', 'LoginIpNotAllowed', 'EmptyAnswer']],
  'api/currency': ['currency', ['Success', 'PermissionDeniedString', 'CurrencyInvalid']],
  'api/cart/add': ['cartAdd', ['Success', 'PermissionDeniedObject', 'ProductNotInStore', 'RequiredOptionsMissing', 'EmptyAnswer']],
  'api/cart/edit': ['cartEdit', ['Success', 'PermissionDeniedString']],
  'api/cart/remove': ['cartRemove', ['Success', 'PermissionDeniedString', 'EmptyAnswer']],
  'api/cart/products': ['cartProducts', ['CartContents', 'PermissionDeniedObject']],
  'api/coupon': ['coupon', ['Success', 'PermissionDeniedString', 'CouponInvalid']],
  'api/customer': ['customer', ['Success', 'PermissionDeniedObject', 'CustomerInvalid']],
  'api/voucher': ['voucher', ['Success', 'PermissionDeniedString', 'VoucherInvalid']],
  'api/voucher/add': ['voucherAdd', ['Success', 'PermissionDeniedObject', 'VoucherDetailsInvalid']],
  'api/reward': ['reward', ['Success', 'PermissionDeniedString', 'RewardRejected']],
  'api/reward/maximum': ['rewardMaximum', ['RewardMaximum', 'PermissionDeniedString']],
  'api/reward/available': ['rewardAvailable', ['RewardPoints', 'PermissionDeniedString']],
  'api/shipping/address': ['shippingAddress', ['Success', 'PermissionDeniedObject', 'AddressInvalid', 'EmptyAnswer']],
  'api/shipping/methods': ['shippingMethods', ['ShippingMethods', 'ShippingNotRequired', 'NoShippingOptions', 'ShippingAddressRequired', 'PermissionDeniedString']],
  'api/shipping/method': ['shippingMethod', ['Success', 'PermissionDeniedString', 'ShippingMethodRejected', 'EmptyAnswer']],
  'api/payment/address': ['paymentAddress', ['Success', 'PermissionDeniedObject', 'AddressInvalid']],
  'api/payment/methods': ['paymentMethods', ['PaymentMethods', 'NoPaymentOptions', 'PaymentAddressRequired', 'PermissionDeniedString']],
  'api/payment/method': ['paymentMethod', ['Success', 'PermissionDeniedString', 'PaymentMethodRejected']],
  'api/order/add': ['orderAdd', ['OrderAdded', 'PermissionDeniedString', 'OrderRejected']],
  'api/order/edit': ['orderEdit', ['Success', 'PermissionDeniedString', 'OrderRejected']],
  'api/order/delete': ['orderDelete', ['Success', 'PermissionDeniedString', 'OrderNotFound']],
  'api/order/info': ['orderInfo', ['OrderInfo', 'PermissionDeniedString', 'OrderNotFound']],
  'api/order/history': ['orderHistory', ['Success', 'PermissionDeniedString', 'OrderNotFound']],
};

/** The object-shaped permission error belongs to exactly these routes (as the recording shows). */
const OBJECT_PERMISSION = ['api/cart/add', 'api/cart/products', 'api/customer', 'api/voucher/add', 'api/shipping/address', 'api/payment/address'];

describe('operations', () => {
  it('lists the 24 routes, each with its operationId and response variants', () => {
    const got = Object.fromEntries(contract.operations().map((o) => [o.route, [o.operationId, o.variants]]));
    assert.deepEqual(got, OPERATIONS);
  });

  it('names each operation by a fragment path key, its one tag and a summary', () => {
    for (const o of contract.operations()) {
      assert.equal(o.pathKey, `/index.php#route=${o.route}`);
      assert.equal(o.method, 'post');
      assert.match(o.operationId, /^[a-z][a-zA-Z]*$/);
      assert.equal(o.tag, o.route.split('/')[1]);
      assert.ok(o.summary.length > 10, `${o.operationId} has a summary`);
    }
  });

  it('every route but login answers the permission error in its own shape', () => {
    for (const o of contract.operations()) {
      if (o.route === 'api/login') continue;
      const shape = OBJECT_PERMISSION.includes(o.route) ? 'PermissionDeniedObject' : 'PermissionDeniedString';
      assert.ok(o.variants.includes(shape), `${o.route} answers ${shape}`);
      const body = shape === 'PermissionDeniedObject' ? { error: { warning: PERM } } : { error: PERM };
      assert.equal(contract.validate(o.route, 200, 'application/json', body).variant, shape);
    }
  });

  it('knows the form fields each route reads', () => {
    const fields = (route: string) => contract.operation(route).requestFields;
    assert.deepEqual(fields('api/login'), ['username', 'key']);
    assert.deepEqual(fields('api/cart/add'), ['product_id', 'quantity', 'option', 'product']);
    assert.deepEqual(fields('api/voucher/add'), ['from_name', 'from_email', 'to_name', 'to_email', 'voucher_theme_id', 'message', 'amount', 'voucher']);
    assert.deepEqual(fields('api/shipping/address'), fields('api/payment/address'));
    assert.ok(fields('api/customer').includes('custom_field'));
    assert.deepEqual(fields('api/order/history'), ['order_status_id', 'notify', 'override', 'comment']);
    assert.deepEqual(fields('api/cart/products'), []);
    assert.deepEqual(fields('api/order/info'), []);
  });

  it('finds an operation by route, by route without api/, or by operationId', () => {
    assert.equal(contract.operation('api/cart/add').operationId, 'cartAdd');
    assert.equal(contract.operation('cart/add').operationId, 'cartAdd');
    assert.equal(contract.operation('cartAdd').route, 'api/cart/add');
    assert.equal(contract.operation('rewardMaximum').route, 'api/reward/maximum');
  });

  it('an unknown operation is a clear error naming it and the known routes', () => {
    assert.throws(() => contract.operation('api/nonexistent'), /unknown operation "api\/nonexistent".*api\/cart\/add/);
    assert.throws(() => contract.validate('api/cart', 200, 'application/json', []), /unknown operation "api\/cart"/);
    assert.throws(() => contract.undocumentedFields('cartadd', {}), /unknown operation "cartadd"/);
  });

  it('is loaded once per process', () => {
    assert.equal(Contract.load(), contract);
    assert.equal(Contract.load(ROOT), contract);
  });
});

describe('openapi.yaml', () => {
  const doc = YAML.parse(readFileSync(path.join(ROOT, 'openapi.yaml'), 'utf8')) as {
    info: { description: string };
    paths: Record<string, { post: { parameters?: Array<{ $ref: string }>; requestBody?: { content: Record<string, { encoding?: Record<string, { style: string; explode: boolean }> }> }; responses: Record<string, { $ref?: string; content?: Record<string, { schema: { oneOf: unknown[] } }> }>; description: string } }>;
    components: { parameters: Record<string, { name: string; in: string }>; responses: Record<string, { content: Record<string, unknown> }>; schemas: Record<string, { $ref: string }> };
  };
  const ops = Object.entries(doc.paths).map(([key, item]) => ({ key, op: item.post }));

  it('explains the fragment path keys in info.description', () => {
    assert.match(doc.info.description, /index\.php\?route=api\/cart\/add&api_token=/);
    assert.match(doc.info.description, /x-route/);
  });

  it('takes api_token in the query on every route but login, and order_id on order edit, delete, info and history', () => {
    assert.deepEqual(doc.components.parameters.ApiToken, { ...doc.components.parameters.ApiToken, name: 'api_token', in: 'query' });
    assert.deepEqual(doc.components.parameters.OrderId, { ...doc.components.parameters.OrderId, name: 'order_id', in: 'query' });
    for (const { key, op } of ops) {
      const params = (op.parameters ?? []).map((p) => p.$ref);
      assert.equal(params.includes('#/components/parameters/ApiToken'), !key.endsWith('api/login'), key);
      assert.equal(params.includes('#/components/parameters/OrderId'), /api\/order\/(edit|delete|info|history)$/.test(key), key);
    }
  });

  it('answers 200 JSON as a oneOf of component refs, and 404 HTML for a route the store lacks', () => {
    assert.ok('text/html' in doc.components.responses.RouteNotFound.content);
    for (const { key, op } of ops) {
      assert.equal(op.responses['404'].$ref, '#/components/responses/RouteNotFound', key);
      const schema = op.responses['200'].content?.['application/json'].schema;
      assert.deepEqual(Object.keys(schema ?? {}), ['oneOf'], key);
      for (const entry of schema?.oneOf ?? []) assert.match((entry as { $ref: string }).$ref, /^#\/components\/schemas\/[A-Z]\w+$/);
    }
  });

  it('sends form fields form-encoded, with PHP bracket encoding for the array fields', () => {
    const encodingOf = (route: string) => doc.paths[`/index.php#route=${route}`].post.requestBody?.content['application/x-www-form-urlencoded'].encoding;
    assert.deepEqual(encodingOf('api/cart/add'), { option: { style: 'deepObject', explode: true }, product: { style: 'deepObject', explode: true } });
    assert.deepEqual(encodingOf('api/voucher/add'), { voucher: { style: 'deepObject', explode: true } });
    assert.deepEqual(encodingOf('api/customer'), { custom_field: { style: 'deepObject', explode: true } });
    for (const { key, op } of ops) if (op.requestBody) assert.deepEqual(Object.keys(op.requestBody.content), ['application/x-www-form-urlencoded'], key);
  });

  it('takes every shape from schemas/', () => {
    for (const [name, s] of Object.entries(doc.components.schemas)) assert.match(s.$ref, new RegExp(`^\\./schemas/\\w+\\.json#/\\$defs/${name}$`));
  });
});

describe('validate', () => {
  it('reports the variant a valid answer matched', () => {
    const r = contract.validate('api/cart/remove', 200, 'application/json', []);
    assert.deepEqual(r, { operationId: 'cartRemove', ok: true, variant: 'EmptyAnswer', violations: [] });
  });

  it('accepts a charset on the JSON content type', () => {
    assert.equal(contract.validate('api/currency', 200, 'application/json; charset=utf-8', { success: 'ok' }).ok, true);
  });

  it('a status other than 200 is a violation, even with a valid body', () => {
    const r = contract.validate('api/currency', 500, 'application/json', { success: 'ok' });
    assert.equal(r.ok, false);
    assert.equal(r.variant, 'Success');
    assert.deepEqual(r.violations, [{ operationId: 'currency', pointer: '', expected: 'HTTP 200', excerpt: 'HTTP 500' }]);
  });

  it('a content type other than JSON is a violation', () => {
    const r = contract.validate('api/login', 200, 'text/html; charset=UTF-8', []);
    assert.equal(r.ok, false);
    assert.deepEqual(r.violations.map((v) => [v.pointer, v.expected, v.excerpt]), [['', 'Content-Type application/json', '"text/html; charset=UTF-8"']]);
    assert.equal(contract.validate('api/login', 200, undefined, []).ok, false);
  });

  it('no body at all is a violation', () => {
    const r = contract.validate('api/login', 404, 'text/html', undefined);
    assert.deepEqual(r.violations.map((v) => v.expected), ['HTTP 200', 'Content-Type application/json', 'a JSON body']);
  });

  it('a route error message may be anything but the permission error, which has its own variant', () => {
    assert.equal(contract.validate('api/coupon', 200, 'application/json', { error: 'Warnung: Gutschein ungültig!' }).variant, 'CouponInvalid');
    assert.equal(contract.validate('api/coupon', 200, 'application/json', { error: PERM }).variant, 'PermissionDeniedString');
    assert.equal(contract.validate('api/customer', 200, 'application/json', { error: { warning: 'You must select a customer!' } }).variant, 'CustomerInvalid');
  });

  it('accumulated field errors may come in any combination, and custom fields by id', () => {
    const r = contract.validate('api/payment/address', 200, 'application/json', { error: { city: 'x', custom_field3: 'Tax id required!' } });
    assert.equal(r.variant, 'AddressInvalid');
    assert.equal(contract.validate('api/payment/address', 200, 'application/json', { error: {} }).ok, false);
  });

  it('a gift voucher added with the batch form keeps its posted code, a string', () => {
    const voucher = { code: 'BATCH1', description: '$10.00 Gift Certificate for Bob', from_name: 'A', from_email: 'a@example.com', to_name: 'Bob', to_email: 'b@example.com', voucher_theme_id: '8', message: '', price: '$10.00', amount: 10.5 };
    assert.equal(contract.validate('api/cart/products', 200, 'application/json', { products: [], vouchers: [voucher], totals: [] }).variant, 'CartContents');
  });
});

describe('ContractViolationError', () => {
  it('says one line per violation: operation, pointer, expectation, what came', () => {
    const r = contract.validate('api/reward/maximum', 200, 'application/json', { maximum: 12.5 });
    const error = new ContractViolationError(r);
    assert.equal(error.name, 'ContractViolationError');
    assert.equal(error.result, r);
    assert.equal(error.message, 'rewardMaximum: /maximum expected integer, got 12.5 (RewardMaximum)');
  });

  it('lists status and content-type violations too', () => {
    const error = new ContractViolationError(contract.validate('api/currency', 404, 'text/html', { success: 'x' }));
    assert.deepEqual(error.message.split('\n'), ['currency: / expected HTTP 200, got HTTP 404', 'currency: / expected Content-Type application/json, got "text/html"']);
  });
});

describe('undocumentedFields', () => {
  const cart = { products: [{ cart_id: '1', product_id: '40', name: 'iPhone', model: 'product 11', option: [], quantity: '1', stock: true, shipping: '1', price: '$123.20', total: '$123.20', reward: 0 }], vouchers: [], totals: [{ title: 'Total', text: '$123.20' }] };

  it('finds nothing in a documented answer', () => {
    assert.deepEqual(contract.undocumentedFields('api/cart/products', cart), []);
  });

  it('finds an extra field by its JSON pointer, however deep', () => {
    const body = structuredClone(cart) as typeof cart & { redirect?: string };
    body.redirect = '/checkout';
    (body.products[0] as Record<string, unknown>).sku = 'IPH-11';
    (body.totals[0] as Record<string, unknown>)['code/x'] = 'total';
    assert.deepEqual(contract.undocumentedFields('api/cart/products', body), ['/products/0/sku', '/totals/0/code~1x', '/redirect']);
    assert.equal(contract.validate('api/cart/products', 200, 'application/json', body).ok, true, 'an open data object still validates');
  });

  it('finds an extra field in a closed object as well, where validation also fails', () => {
    const body = { error: { warning: PERM, trace: 'x' } };
    assert.deepEqual(contract.undocumentedFields('api/cart/products', body), ['/error/trace']);
    assert.equal(contract.validate('api/cart/products', 200, 'application/json', body).ok, false);
  });

  it('treats keys of maps (extension codes, option ids, custom field ids) as documented', () => {
    assert.deepEqual(contract.undocumentedFields('api/cart/add', { error: { option: { '226': 'Select required!' } } }), []);
    assert.deepEqual(contract.undocumentedFields('api/customer', { error: { custom_field7: 'x' } }), []);
    const methods = { shipping_methods: { weight: { title: 'Weight', quote: { weight_5: { code: 'weight.weight_5', title: 'UK', cost: 7.5, tax_class_id: '9', text: '$9.00', days: '2' } }, sort_order: '2', error: false } } };
    assert.deepEqual(contract.undocumentedFields('api/shipping/methods', methods), ['/shipping_methods/weight/quote/weight_5/days']);
  });

  it('considers every variant of the operation', () => {
    assert.deepEqual(contract.undocumentedFields('api/shipping/methods', { shipping_methods: [], error: 'x' }), []);
    assert.deepEqual(contract.undocumentedFields('api/login', { success: 'x', api_token: 'y', error: { ip: 'a', key: 'b' }, extra: 1 }), ['/extra']);
  });
});

describe('a broken contract fails to load with a clear message', () => {
  function brokenRoot(edit: (dir: string) => void): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-contract-'));
    cpSync(path.join(ROOT, 'openapi.yaml'), path.join(dir, 'openapi.yaml'));
    cpSync(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
    edit(dir);
    return dir;
  }
  const editJson = (file: string, edit: (doc: Record<string, any>) => void) => {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
    edit(doc);
    writeFileSync(file, JSON.stringify(doc));
  };

  it('a schema file whose $id is not its file name', () => {
    const dir = brokenRoot((d) => editJson(path.join(d, 'schemas/cart.json'), (doc) => (doc.$id = 'https://example.test/cart.json')));
    assert.throws(() => Contract.load(dir), /schemas\/cart\.json must have "\$id": "cart\.json"/);
  });

  it('a variant whose title is not its component name', () => {
    const dir = brokenRoot((d) => editJson(path.join(d, 'schemas/common.json'), (doc) => (doc.$defs.Success.title = 'Ok')));
    assert.throws(() => Contract.load(dir), /component Success must have "title": "Success"/);
  });

  it('two variants of one operation that both match an answer are reported, not silently picked', () => {
    // Make CouponInvalid accept the permission message too: the oneOf is no longer exclusive.
    const dir = brokenRoot((d) => editJson(path.join(d, 'schemas/coupon.json'), (doc) => (doc.$defs.CouponInvalid.properties.error = { type: 'string' })));
    const r = Contract.load(dir).validate('api/coupon', 200, 'application/json', { error: PERM });
    assert.equal(r.ok, false);
    assert.match(r.violations[0].expected, /exactly one response variant, but it matches PermissionDeniedString and CouponInvalid/);
  });
});
