// Reference store: the stock, tax display, payment and customer group settings, each value as OpenCart 3.0.5.0 answers
// it (catalog/controller/api/cart.php:136,177-180, api/order.php:73, model/extension/shipping/flat.php:26,
// model/extension/payment/cod.php:8, api/payment.php:202, api/customer.php:58-62 with startup/startup.php:135-146).
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ReferenceStore } from '../store';
import { storeForEachTest } from './support/store';
import { GUEST, METHODS, UK, type StoreClient } from './support/store-client';

const KEY = 'e'.repeat(64);
/** Provisioned products (src/provision/dataset.ts): 101.00 taxed; 100.00 with a special of 80.00 for the default group. */
const SIMPLE = 9990001;
const WITH_SPECIAL = { product_id: 9990003, 'option[9990001]': 9990002 };

interface Cart { error?: { stock?: string }; products: Array<{ product_id: string; stock: boolean; price: string; total: string }>; totals: Array<{ title: string; text: string }> }

describe('reference store: the stock, tax display, payment and customer group settings', () => {
  let store: ReferenceStore;
  let client: StoreClient;
  const errors = storeForEachTest(KEY, {}, (s) => ({ store, client } = s));
  const saved = new Map<string, string>();
  const set = (key: string, value: string): void => {
    if (!saved.has(key)) saved.set(key, (store.db.prepare('SELECT value FROM in_setting WHERE store_id = 0 AND key = ?').get(key) as { value: string }).value);
    store.db.prepare('UPDATE in_setting SET value = ? WHERE store_id = 0 AND key = ?').run(value, key);
  };
  beforeEach(() => {
    for (const [key, value] of saved) store.db.prepare('UPDATE in_setting SET value = ? WHERE store_id = 0 AND key = ?').run(value, key);
    saved.clear();
  });
  const cart = async (): Promise<Cart> => (await client.call('api/cart/products')).json as Cart;
  const methods = async (): Promise<string[]> => Object.keys(((await client.call('api/payment/methods')).json as { payment_methods?: object }).payment_methods ?? {});

  async function orderBeyondStock(): Promise<{ error?: string; order_id?: number }> {
    await client.call('api/cart/add', { product_id: SIMPLE, quantity: 1_000_000 });
    await client.call('api/customer', GUEST);
    await client.call('api/payment/address', UK);
    await client.call('api/shipping/address', UK);
    await client.call('api/shipping/methods');
    await client.call('api/payment/methods');
    // Canceled: a status that takes no stock.
    return (await client.call('api/order/add', { ...METHODS, order_status_id: 7 })).json as { error?: string; order_id?: number };
  }

  for (const [checkout, warning, warned] of [['0', '0', true], ['0', '1', true], ['1', '0', false], ['1', '1', true]] as const) {
    it(`warns of a line beyond the stock ${warned ? 'and marks it' : 'not at all'} with checkout ${checkout} and warning ${warning}, and ${checkout === '1' ? 'takes' : 'refuses'} the order`, async () => {
      set('config_stock_checkout', checkout);
      set('config_stock_warning', warning);
      await client.call('api/cart/add', { product_id: SIMPLE, quantity: 1_000_000 });
      const c = await cart();
      assert.equal(c.products[0].stock, !warned);
      assert.equal(c.error?.stock, warned ? 'Products marked with *** are not available in the desired quantity or not in stock!' : undefined);
      const added = await orderBeyondStock();
      if (checkout === '1') assert.ok(added.order_id, JSON.stringify(added));
      else assert.equal(added.error, 'Warning: Products marked with *** are not available in the desired quantity or not in stock!');
    });
  }

  it('shows line prices and the flat quote with tax, or before it with config_tax off, and the same totals', async () => {
    const shown = async () => {
      await client.call('api/shipping/address', UK);
      const quote = ((await client.call('api/shipping/methods')).json as { shipping_methods: { flat: { quote: { flat: { text: string } } } } }).shipping_methods.flat.quote.flat.text;
      const c = await cart();
      return { price: c.products[0].price, total: c.products[0].total, quote, totals: c.totals.map((t) => t.text) };
    };
    await client.call('api/cart/add', { product_id: SIMPLE, quantity: 2 });
    const withTax = await shown();
    assert.deepEqual([withTax.price, withTax.total, withTax.quote], ['$123.20', '$246.40', '$8.00']);
    set('config_tax', '0');
    const without = await shown();
    assert.deepEqual([without.price, without.total, without.quote], ['$101.00', '$202.00', '$5.00']);
    assert.deepEqual(without.totals, withTax.totals);
  });

  describe('payment methods', () => {
    beforeEach(async () => {
      await client.call('api/payment/address', UK);
    });

    it('offers free checkout for a total of zero while it is enabled', async () => {
      assert.deepEqual(await methods(), ['free_checkout']);
      set('payment_free_checkout_status', '0');
      assert.deepEqual(await methods(), []);
    });

    it('offers cash on delivery for a cart to ship from its minimum total, and for a total of zero without one', async () => {
      await client.call('api/cart/add', WITH_SPECIAL);
      await client.call('api/voucher', { voucher: 'IVT-G100' });
      assert.deepEqual(await methods(), ['free_checkout'], 'a minimum of 0.01: none at a total of zero');
      set('payment_cod_total', '0');
      assert.deepEqual((await methods()).sort(), ['cod', 'free_checkout']);
      set('payment_cod_total', '98.01');
      await client.call('api/voucher', { voucher: '' });
      assert.deepEqual(await methods(), [], 'a Total of 98.00');
      set('payment_cod_total', '98.00');
      assert.deepEqual(await methods(), ['cod']);
    });
  });

  describe('the customer group a session is priced for', () => {
    it('is the default group where api/customer posts one the store does not display, as OpenCart\'s startup sets it', async () => {
      await client.call('api/cart/add', WITH_SPECIAL);
      assert.equal((await cart()).products[0].price, '$98.00', 'the default group\'s special of 80.00, with tax');
      assert.match((await client.call('api/customer', { ...GUEST, customer_group_id: 9990999 })).body, /success/);
      assert.equal((await cart()).products[0].price, '$98.00');
    });

    it('is a displayed group posted to api/customer, priced with its own special (and none of the default group\'s taxes)', async () => {
      store.db.prepare('INSERT INTO in_customer_group (customer_group_id, approval, sort_order) VALUES (9990998, 0, 2)').run();
      store.db.prepare("INSERT INTO in_product_special (product_id, customer_group_id, priority, price) VALUES (9990003, 9990998, 1, '70.0000')").run();
      store.db.prepare("UPDATE in_setting SET value = '[\"1\",\"9990998\"]' WHERE store_id = 0 AND key = 'config_customer_group_display'").run();
      try {
        await client.call('api/cart/add', WITH_SPECIAL);
        assert.match((await client.call('api/customer', { ...GUEST, customer_group_id: 9990998 })).body, /success/);
        assert.equal((await cart()).products[0].price, '$70.00', 'its special, and the suite\'s tax is linked to the default group only');
      } finally {
        store.db.prepare("UPDATE in_setting SET value = '[\"1\"]' WHERE store_id = 0 AND key = 'config_customer_group_display'").run();
        store.db.prepare('DELETE FROM in_product_special WHERE customer_group_id = 9990998').run();
        store.db.prepare('DELETE FROM in_customer_group WHERE customer_group_id = 9990998').run();
      }
    });
  });

  it('raised no unexpected error', () => {
    assert.deepEqual(errors, []);
  });
});
