// Reference store: orders: the checks and their overwrite order, what an order stores, and
// the side effects of its history — stock, coupon, voucher and reward use — including concurrent clients.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { storeForEachTest } from './support/store';
import { StoreClient, type Form, GUEST, RITA, UK, METHODS } from './support/store-client';

const KEY = 'f'.repeat(64);

describe('reference store: orders', () => {
  let store: ReferenceStore;
  let base: string;
  let client: StoreClient;
  const errors = storeForEachTest(KEY, {}, (s) => ({ store, base, client } = s));

  const stock = (productId: number): number => (store.db.prepare('SELECT quantity FROM in_product WHERE product_id = ?').get(productId) as { quantity: number }).quantity;
  const optionStock = (id: number): number => (store.db.prepare('SELECT quantity FROM in_product_option_value WHERE product_option_value_id = ?').get(id) as { quantity: number }).quantity;
  const count = (sql: string, ...params: unknown[]): number => (store.db.prepare(sql).get(...params) as { n: number }).n;

  /** Everything order/add needs, for `c`, with the given cart lines. */
  async function prepare(c: StoreClient, lines: Form[], customer: Form = GUEST): Promise<void> {
    await c.call('api/customer', customer);
    for (const line of lines) await c.call('api/cart/add', line);
    await c.call('api/payment/address', UK);
    await c.call('api/shipping/address', UK);
    await c.call('api/shipping/methods');
    await c.call('api/payment/methods');
  }

  async function place(c: StoreClient, form: Form = METHODS): Promise<number> {
    const answer = (await c.call('api/order/add', form)).json as { order_id?: number; error?: string };
    assert.ok(answer.order_id, JSON.stringify(answer));
    return answer.order_id;
  }

  const history = (orderId: number, form: Form) => client.call('api/order/history', form, { query: { order_id: orderId } });
  const info = async (orderId: number) => (await client.call('api/order/info', undefined, { query: { order_id: orderId } })).json as { order?: Record<string, unknown>; error?: string };

  it('reports one error: a fresh session gets the stock message, later checks overwrite earlier ones', async () => {
    assert.deepEqual((await client.call('api/order/add')).json, { error: 'Warning: Products marked with *** are not available in the desired quantity or not in stock!' });
    await client.call('api/cart/add', { product_id: 40 });
    assert.deepEqual((await client.call('api/order/add')).json, { error: 'Warning: Shipping method required!' });
    await prepare(client, []);
    assert.deepEqual((await client.call('api/order/add', { payment_method: 'paypal' })).json, { error: 'Warning: Shipping method required!' });
    await client.call('api/payment/method', { payment_method: 'cod' });
    assert.deepEqual((await client.call('api/order/add', { shipping_method: 'ups.ground' })).json, { error: 'Warning: Shipping method required!' });
    await client.call('api/shipping/method', { shipping_method: 'flat.flat' });
    await client.call('api/customer', { firstname: '' });
    assert.deepEqual((await client.call('api/order/add', METHODS)).json, { error: 'Warning: Customer details needs to be set!' }, 'reported only when everything else is set');
  });

  it('stores the order and answers order/info with the 65 columns as strings', async () => {
    await prepare(client, [{ product_id: 40, quantity: 2 }]);
    const orderId = await place(client, { ...METHODS, comment: 'Leave at the door' });
    const order = (await info(orderId)).order!;
    assert.equal(Object.keys(order).length, 65);
    assert.deepEqual(
      { total: order.total, status: order.order_status, statusId: order.order_status_id, currency: order.currency_value, code: order.shipping_code, comment: order.comment, lang: order.language_code },
      { total: '254.4000', status: 'Pending', statusId: '1', currency: '1.00000000', code: 'flat.flat', comment: 'Leave at the door', lang: 'en-gb' },
    );
    assert.deepEqual(order.custom_field, []);
    assert.equal(count('SELECT COUNT(*) AS n FROM in_order_total WHERE order_id = ?', orderId), 5);
    assert.equal(((await client.call('api/cart/products')).json as { products: unknown[] }).products.length, 0, 'the cart is emptied');
  });

  it('subtracts product and option stock on confirmation and puts it back when voided', async () => {
    const product = stock(30);
    const red = optionStock(15);
    await prepare(client, [[['product_id', '30'], ['quantity', '1'], ['option[226]', '15']]]);
    const orderId = await place(client);
    assert.deepEqual([stock(30), optionStock(15)], [product - 1, red - 1]);
    assert.match((await history(orderId, { order_status_id: 7, comment: 'Canceled' })).body, /success/);
    assert.deepEqual([stock(30), optionStock(15)], [product, red], 'Canceled is not a processing status: restocked');
    await history(orderId, { order_status_id: 2 });
    assert.deepEqual([stock(30), optionStock(15)], [product - 1, red - 1]);
    await history(orderId, { order_status_id: 5 });
    assert.deepEqual([stock(30), optionStock(15)], [product - 1, red - 1], 'processing → complete changes nothing');
    assert.match((await history(orderId, '')).body, /success/, 'an empty body sets status 0');
    assert.deepEqual([stock(30), optionStock(15)], [product, red]);
    assert.equal((await info(orderId)).order!.order_status, null);
  });

  it('records coupon, voucher and reward use on confirmation and releases them when voided or deleted', async () => {
    await prepare(client, [{ product_id: 28, quantity: 6 }], RITA);
    await client.call('api/reward', { reward: 300 });
    await client.call('api/coupon', { coupon: 'IVT-VALID10' });
    await client.call('api/voucher', { voucher: 'GIFT100' });
    const orderId = await place(client);
    assert.equal((await client.call('api/reward/available')).body, '{"points":"700"}');
    const coupon = store.db.prepare('SELECT amount FROM in_coupon_history WHERE order_id = ?').get(orderId) as { amount: string };
    assert.equal(coupon.amount, '-60.0000');
    assert.equal(count('SELECT COUNT(*) AS n FROM in_voucher_history WHERE order_id = ?', orderId), 1);
    await history(orderId, { order_status_id: 7 });
    assert.equal((await client.call('api/reward/available')).body, '{"points":"1000"}');
    assert.equal(count('SELECT COUNT(*) AS n FROM in_coupon_history WHERE order_id = ?', orderId), 0);
    await history(orderId, { order_status_id: 1 });
    assert.equal((await client.call('api/reward/available')).body, '{"points":"700"}');
    assert.match((await client.call('api/order/delete', undefined, { query: { order_id: orderId } })).body, /success/);
    assert.equal((await client.call('api/reward/available')).body, '{"points":"1000"}');
    assert.equal(count('SELECT COUNT(*) AS n FROM in_voucher_history WHERE order_id = ?', orderId), 0);
    assert.deepEqual(await info(orderId), { error: 'Warning: Order could not be found!' });
  });

  it('creates vouchers bought in an order; they work once the order is complete and die with it', async () => {
    await prepare(client, [{ product_id: 40 }]);
    await client.call('api/voucher/add', { from_name: 'A', from_email: 'a@example.com', to_name: 'B', to_email: 'b@example.com', voucher_theme_id: 7, message: 'm', amount: 30 });
    await client.call('api/shipping/methods');
    await client.call('api/payment/methods');
    const orderId = await place(client);
    const voucher = store.db.prepare('SELECT code, status, amount FROM in_voucher WHERE order_id = ?').get(orderId) as { code: string; status: number; amount: string };
    assert.match(voucher.code, /^[A-Za-z0-9]{10}$/);
    assert.deepEqual([voucher.status, voucher.amount], [1, '30.0000']);
    const redeem = () => client.call('api/voucher', { voucher: voucher.code });
    assert.match((await redeem()).body, /invalid/, 'the order is only Pending');
    await history(orderId, { order_status_id: 5 });
    assert.match((await redeem()).body, /success/);
    await client.call('api/order/delete', undefined, { query: { order_id: orderId } });
    assert.match((await redeem()).body, /invalid/);
  });

  it('edits an order from the current session: voids it, rewrites it, confirms it again; the cart stays', async () => {
    const initial = stock(40);
    await prepare(client, [{ product_id: 40, quantity: 2 }]);
    const orderId = await place(client);
    assert.equal(stock(40), initial - 2);
    await client.call('api/cart/add', { product_id: 40, quantity: 3 });
    await client.call('api/shipping/methods');
    await client.call('api/payment/methods');
    assert.match((await client.call('api/order/edit', { ...METHODS, comment: 'Edited' }, { query: { order_id: orderId } })).body, /success/);
    assert.equal(stock(40), initial - 3);
    assert.equal((await info(orderId)).order!.comment, 'Edited');
    assert.equal(count('SELECT COUNT(*) AS n FROM in_order_history WHERE order_id = ? AND order_status_id = 0', orderId), 0);
    assert.equal(((await client.call('api/cart/products')).json as { products: unknown[] }).products.length, 1, 'order/edit keeps the cart');
    for (const route of ['api/order/edit', 'api/order/delete', 'api/order/info', 'api/order/history']) {
      assert.deepEqual((await client.call(route, { order_id: orderId })).json, { error: 'Warning: Order could not be found!' }, `${route}: order_id only counts in the query`);
      assert.deepEqual((await client.call(route, undefined, { query: { order_id: 999999 } })).json, { error: 'Warning: Order could not be found!' });
    }
  });

  it('places a voucher-only order when only bought vouchers are left in the session', async () => {
    await prepare(client, [{ product_id: 40 }]);
    await client.call('api/voucher/add', { from_name: 'A', from_email: 'a@example.com', to_name: 'B', to_email: 'b@example.com', voucher_theme_id: 8, message: 'm', amount: 25 });
    await client.call('api/shipping/methods');
    await client.call('api/payment/methods');
    await place(client);
    const second = await place(client, {});
    const order = (await info(second)).order!;
    assert.deepEqual([order.total, order.shipping_method, order.shipping_code], ['25.0000', '', '']);
  });

  it('loses no stock update when two sessions order at the same time', async () => {
    const initial = stock(40);
    const clients = await Promise.all(Array.from({ length: 12 }, async () => {
      const c = new StoreClient(base);
      await c.login(KEY);
      await prepare(c, [{ product_id: 40, quantity: 2 }]);
      return c;
    }));
    const ids = await Promise.all(clients.map((c) => place(c)));
    assert.equal(new Set(ids).size, 12);
    assert.equal(stock(40), initial - 24);
    assert.equal(count('SELECT COUNT(*) AS n FROM in_order_product WHERE order_id IN (' + ids.join(',') + ')'), 12);
  });

  it('keeps stock consistent when a delete races an edit of the same order', async () => {
    const initial = stock(40);
    await prepare(client, [{ product_id: 40, quantity: 2 }]);
    const orderId = await place(client);
    await client.call('api/cart/add', { product_id: 40, quantity: 1 });
    await client.call('api/shipping/methods');
    await client.call('api/payment/methods');
    const other = new StoreClient(base);
    await other.login(KEY);
    const [edited, deleted] = await Promise.all([
      client.call('api/order/edit', METHODS, { query: { order_id: orderId } }),
      other.call('api/order/delete', undefined, { query: { order_id: orderId } }),
    ]);
    assert.match(deleted.body, /success/);
    assert.match(edited.body, /success|could not be found/);
    assert.equal(stock(40), initial, 'whatever the order of the two, the deleted order holds no stock');
    assert.equal(count('SELECT COUNT(*) AS n FROM in_order_product WHERE order_id = ?', orderId), 0);
    assert.deepEqual(errors, []);
  });
});

describe('reference store: an unexpected failure', () => {
  it('answers JSON without a stack trace and rolls the whole request back', async () => {
    const seen: unknown[] = [];
    const store = createStore({ apiKey: KEY, onError: (e) => seen.push(e) });
    try {
      const client = new StoreClient(await store.listen());
      await client.login(KEY);
      await client.call('api/customer', GUEST);
      await client.call('api/cart/add', { product_id: 40, quantity: 2 });
      for (const route of ['api/payment/address', 'api/shipping/address']) await client.call(route, UK);
      await client.call('api/shipping/methods');
      await client.call('api/payment/methods');
      const before = (store.db.prepare('SELECT quantity FROM in_product WHERE product_id = 40').get() as { quantity: number }).quantity;
      // Break the last table order/add writes, after the order row and its products were inserted.
      store.db.exec('ALTER TABLE in_order_history RENAME TO in_order_history_gone');
      const answer = await client.call('api/order/add', METHODS);
      assert.equal(answer.status, 500);
      assert.equal(answer.type, 'application/json');
      assert.deepEqual(answer.json, { error: 'Warning: The store could not complete this request!' });
      assert.doesNotMatch(answer.body, /at |\.ts/);
      assert.equal(seen.length, 1);
      assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM in_order').get() as { n: number }).n, 0, 'no half-written order');
      assert.equal((store.db.prepare('SELECT quantity FROM in_product WHERE product_id = 40').get() as { quantity: number }).quantity, before);
      store.db.exec('ALTER TABLE in_order_history_gone RENAME TO in_order_history');
      assert.ok(((await client.call('api/order/add', METHODS)).json as { order_id?: number }).order_id, 'the session and cart survived the failed request');
    } finally {
      await store.close();
    }
  });
});
