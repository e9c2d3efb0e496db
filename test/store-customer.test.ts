// Reference store: api/customer and the payment/shipping address routes. Input is
// stored as the real store stores it: through OpenCart's Request::clean, so markup arrives HTML-escaped and its
// escaped length is what the length rules count. Odd, huge, unicode or SQL-looking text never causes a 500.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReferenceStore } from '../store';
import { storeForEachTest } from './support/store';
import { StoreClient, type Form, GUEST, US, UK } from './support/store-client';

const KEY = 'd'.repeat(64);
const UK_WITH_COMPANY = { ...UK, company: 'ACME', address_2: '' };

describe('reference store: customer and addresses', () => {
  let store: ReferenceStore;
  let client: StoreClient;
  const errors = storeForEachTest(KEY, {}, (s) => ({ store, client } = s));

  const customer = async (form: Form) => (await client.call('api/customer', form)).json as { success?: string; error?: Record<string, string> };
  const errorKeys = async (route: string, form: Form) => Object.keys(((await client.call(route, form)).json as { error?: object }).error ?? {});

  /** Places a cash-on-delivery order for this session and returns what order/info shows. */
  async function orderWith(customerForm: Form, payment: Form = UK_WITH_COMPANY): Promise<Record<string, unknown>> {
    assert.match((await client.call('api/customer', customerForm)).body, /success/);
    await client.call('api/cart/add', { product_id: 40 });
    assert.match((await client.call('api/payment/address', payment)).body, /success/);
    await client.call('api/shipping/address', UK_WITH_COMPANY);
    await client.call('api/shipping/methods');
    await client.call('api/payment/methods');
    const added = (await client.call('api/order/add', { payment_method: 'cod', shipping_method: 'flat.flat' })).json as { order_id: number };
    assert.ok(added.order_id, JSON.stringify(added));
    return ((await client.call('api/order/info', undefined, { query: { order_id: added.order_id } })).json as { order: Record<string, unknown> }).order;
  }

  it('reports every invalid field of an empty body, in the documented order', async () => {
    assert.deepEqual(await customer(''), {
      error: {
        firstname: 'First Name must be between 1 and 32 characters!',
        lastname: 'Last Name must be between 1 and 32 characters!',
        email: 'E-Mail Address does not appear to be valid!',
        telephone: 'Telephone must be between 3 and 32 characters!',
      },
    });
  });

  it('validates e-mail addresses like PHP FILTER_VALIDATE_EMAIL, at most 96 characters', async () => {
    for (const email of ['jane@@example', 'no-at-sign', 'bob@', 'a@localhost', 'a b@example.com', `${'a'.repeat(85)}@example.com`, 'jané@example.com']) {
      assert.deepEqual(await customer({ ...GUEST, email }), { error: { email: 'E-Mail Address does not appear to be valid!' } }, email);
    }
    for (const email of ['jane@example.com', 'first.last+tag@sub.example.co.uk', "o'hara@example.ie", 'x@[127.0.0.1]']) {
      assert.deepEqual(await customer({ ...GUEST, email }), { success: 'You have successfully modified customers' }, email);
    }
  });

  it('counts characters, not bytes, and trims every value (3.0.5.0; test/store-release.test.ts has the releases before)', async () => {
    assert.match(JSON.stringify(await customer({ ...GUEST, firstname: 'é'.repeat(32), lastname: '💥'.repeat(32) })), /success/);
    assert.deepEqual(Object.keys((await customer({ ...GUEST, firstname: 'é'.repeat(33) })).error!), ['firstname']);
    assert.deepEqual(Object.keys((await customer({ ...GUEST, firstname: '   ', lastname: '\t' })).error!), ['firstname', 'lastname']);
    assert.deepEqual(Object.keys((await customer({ ...GUEST, telephone: '12' })).error!), ['telephone']);
    assert.deepEqual(Object.keys((await customer({ ...GUEST, telephone: '   ' })).error!), ['telephone']);
    assert.deepEqual(Object.keys((await customer({ ...GUEST, telephone: '1'.repeat(33) })).error!), ['telephone']);
  });

  it('measures markup after HTML-escaping, as the real store does', async () => {
    assert.match(JSON.stringify(await customer({ ...GUEST, firstname: '<b>Jo</b>' })), /success/, '18 characters once escaped');
    assert.deepEqual(Object.keys((await customer({ ...GUEST, firstname: '<'.repeat(10) })).error!), ['firstname'], '40 characters once escaped');
  });

  it('stores accepted text as the real store does: HTML-escaped markup, quotes and SQL-looking text verbatim', async () => {
    const order = await orderWith({ ...GUEST, firstname: '<b>Jo</b>', lastname: "O'Brien; DROP TABLE x;--", telephone: '+44 (0) 1524 "1"' });
    assert.equal(order.firstname, '&lt;b&gt;Jo&lt;/b&gt;');
    assert.equal(order.lastname, "O'Brien; DROP TABLE x;--");
    assert.equal(order.telephone, '+44 (0) 1524 &quot;1&quot;');
    assert.ok(store.db.prepare('SELECT COUNT(*) AS n FROM in_customer').get());
  });

  it('stores unicode names exactly and answers them as JSON \\u escapes', async () => {
    const order = await orderWith({ ...GUEST, firstname: 'Zoë', lastname: '山田' });
    assert.equal(order.firstname, 'Zoë');
    assert.equal(order.lastname, '山田');
    const raw = (await client.call('api/order/info', undefined, { query: { order_id: order.order_id as string } })).body;
    assert.match(raw, /"firstname":"Zo\\u00eb"/);
  });

  it('logs a registered customer in (and keeps the login when other fields fail); refuses unknown and disabled ones', async () => {
    assert.deepEqual(await customer({ ...GUEST, customer_id: 999 }), { error: { warning: 'You must select a customer!' } });
    assert.deepEqual(await customer({ ...GUEST, customer_id: 2 }), { error: { warning: 'You must select a customer!' } }, 'customer 2 is disabled');
    assert.equal((await client.call('api/reward/available')).body, '{"points":null}');
    assert.deepEqual(Object.keys((await customer({ ...GUEST, customer_id: 1, firstname: '' })).error!), ['firstname']);
    assert.equal((await client.call('api/reward/available')).body, '{"points":"1000"}');
  });

  it('keeps the posted group only if it is on display, else the default group', async () => {
    const order = await orderWith({ ...GUEST, customer_group_id: 99 });
    assert.equal(order.customer_id, '0');
    const row = store.db.prepare('SELECT customer_group_id FROM in_order WHERE order_id = ?').get(Number(order.order_id)) as { customer_group_id: number };
    assert.equal(row.customer_group_id, 1);
  });

  it('checks payment cities 2–32 and shipping cities 2–128, both with the "3 and 128" message', async () => {
    await client.call('api/cart/add', { product_id: 40 });
    assert.match((await client.call('api/payment/address', { ...US, city: 'NY' })).body, /success/);
    assert.deepEqual(await errorKeys('api/payment/address', { ...US, city: 'x'.repeat(33) }), ['city']);
    assert.match((await client.call('api/shipping/address', { ...US, city: 'x'.repeat(128) })).body, /success/);
    assert.deepEqual(await errorKeys('api/shipping/address', { ...US, city: 'x'.repeat(129) }), ['city']);
    assert.match((await client.call('api/payment/address', { ...US, city: 'x' })).body, /City must be between 3 and 128 characters!/);
  });

  it('requires a postcode only where the country does', async () => {
    assert.deepEqual(await errorKeys('api/payment/address', { ...UK_WITH_COMPANY, postcode: '' }), ['postcode']);
    assert.deepEqual(await errorKeys('api/payment/address', { ...UK_WITH_COMPANY, country_id: 81, zone_id: 1256, postcode: 'x'.repeat(11) }), ['postcode']);
    assert.match((await client.call('api/payment/address', US)).body, /success/);
  });

  it('accepts ids it does not know (names stay empty) but not missing ones', async () => {
    const order = await orderWith(GUEST, { ...UK_WITH_COMPANY, country_id: 'GB', zone_id: 'LANCS', postcode: '' });
    assert.deepEqual([order.payment_country_id, order.payment_country, order.payment_zone_id, order.payment_zone], ['0', '', '0', '']);
    assert.deepEqual(await errorKeys('api/payment/address', { firstname: 'A', lastname: 'B', address_1: 'abc', city: 'abc' }), ['country', 'zone']);
  });

  it('truncates what a VARCHAR column cannot hold, as non-strict MySQL does', async () => {
    const order = await orderWith(GUEST, { ...US, company: 'C'.repeat(100), postcode: 'P'.repeat(50), address_2: '💥'.repeat(200) });
    assert.equal(order.payment_company, 'C'.repeat(60));
    assert.equal(order.payment_postcode, 'P'.repeat(10));
    assert.equal(order.payment_address_2, '💥'.repeat(128));
  });

  it('enforces required custom fields of the default group', async () => {
    store.db.exec(`INSERT INTO in_custom_field (custom_field_id, type, value, validation, location, status, sort_order) VALUES (5, 'text', '', '', 'address', 1, 1);
      INSERT INTO in_custom_field_description VALUES (5, 1, 'House name');
      INSERT INTO in_custom_field_customer_group VALUES (5, 1, 1);`);
    try {
      assert.deepEqual(((await client.call('api/payment/address', US)).json as { error: object }).error, { custom_field5: 'House name required!' });
      assert.match((await client.call('api/payment/address', { ...US, 'custom_field[5]': 'Rose Cottage' })).body, /success/);
    } finally {
      store.db.exec('DELETE FROM in_custom_field; DELETE FROM in_custom_field_description; DELETE FROM in_custom_field_customer_group;');
    }
  });

  it('clears the address and methods when a payment address fails', async () => {
    await client.call('api/cart/add', { product_id: 40 });
    await client.call('api/customer', GUEST);
    await client.call('api/payment/address', UK_WITH_COMPANY);
    await client.call('api/payment/methods');
    await client.call('api/payment/method', { payment_method: 'cod' });
    await client.call('api/payment/address', { firstname: 'John' });
    assert.equal((await client.call('api/payment/method', { payment_method: 'cod' })).body, '{"error":"Warning: No Payment options are available!"}');
  });

  it('never answers 500 for hostile text in any customer or address field', async () => {
    const values = ['', ' ', '0', '<script>alert(1)</script>', "'; DROP TABLE in_order; --", 'x'.repeat(100_000), '\u0000\u0001', '%FF%FE', '💥', '&amp;'];
    for (const value of values) {
      for (const route of ['api/customer', 'api/payment/address', 'api/shipping/address']) {
        const form: Array<[string, string]> = ['firstname', 'lastname', 'email', 'telephone', 'address_1', 'city', 'postcode', 'country_id', 'zone_id', 'customer_id', 'custom_field[1]'].map((k) => [k, value]);
        const answer = await client.call(route, form);
        assert.equal(answer.status, 200, `${route} ${value.slice(0, 20)}`);
        assert.equal(answer.type, 'application/json');
      }
    }
    const invalidUtf8 = await client.call('api/customer', 'firstname=%FF%FE&lastname=Doe&email=jane@example.com&telephone=123');
    assert.deepEqual(invalidUtf8.json, { error: { firstname: 'First Name must be between 1 and 32 characters!' } }, 'invalid UTF-8 arrives as an empty string');
    assert.deepEqual(errors, []);
    assert.ok(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'in_order'").get());
  });
});
