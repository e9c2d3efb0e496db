// Reference store: the cart, its totals, tax and money formatting, and what it does
// with bad input: always the documented JSON, never a 500, and a database that stays consistent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReferenceStore } from '../store';
import { storeForEachTest } from './support/store';
import { StoreClient } from './support/store-client';

const KEY = 'c'.repeat(64);

interface Line {
  cart_id: string;
  product_id: string;
  name: string;
  option: Array<{ product_option_id: string; product_option_value_id: string; name: string; value: string; type: string }>;
  quantity: string;
  stock: boolean;
  price: string;
  total: string;
  reward: number;
}
interface Products {
  error?: { stock?: string; minimum?: string[] };
  products: Line[];
  vouchers: Array<{ code: number; description: string; price: string; amount: number }>;
  totals: Array<{ title: string; text: string }>;
}

describe('reference store: cart', () => {
  let store: ReferenceStore;
  let base: string;
  let client: StoreClient;
  let offset = 0;
  const errors = storeForEachTest(KEY, { now: () => new Date(Date.parse('2026-11-28T12:00:00Z') + offset) }, (s) => ({ store, base, client } = s));

  const products = async (c = client): Promise<Products> => (await c.call('api/cart/products')).json as Products;
  const totals = (p: Products): Record<string, string> => Object.fromEntries(p.totals.map((t) => [t.title, t.text]));
  const rows = (token: string): number => (store.db.prepare('SELECT COUNT(*) AS n FROM in_cart WHERE session_id = ?').get(token) as { n: number }).n;

  it('prices a line with UK taxes by default: 101.00 + 20 % + 2.00', async () => {
    await client.call('api/cart/add', { product_id: 40, quantity: 2 });
    const p = await products();
    assert.deepEqual(
      { price: p.products[0].price, total: p.products[0].total, quantity: p.products[0].quantity, stock: p.products[0].stock },
      { price: '$123.20', total: '$246.40', quantity: '2', stock: true },
    );
    assert.deepEqual(p.totals, [
      { title: 'Sub-Total', text: '$202.00' },
      { title: 'Eco Tax (-2.00)', text: '$4.00' },
      { title: 'VAT (20%)', text: '$40.40' },
      { title: 'Total', text: '$246.40' },
    ]);
  });

  it('formats in the session currency: EUR after the amount, GBP before it', async () => {
    await client.call('api/cart/add', { product_id: 40, quantity: 1 });
    await client.call('api/currency', { currency: 'EUR' });
    assert.equal((await products()).products[0].price, '96.66€');
    await client.call('api/currency', { currency: 'GBP' });
    assert.equal((await products()).products[0].price, '£75.46');
  });

  it('uses the special price of the customer group, and the option stock for the stock flag', async () => {
    await client.call('api/cart/add', [['product_id', '30'], ['quantity', '3'], ['option[226]', '15']]);
    const p = await products();
    assert.equal(p.products[0].price, '$98.00');
    assert.equal(p.products[0].stock, false, 'Red has 2 in stock');
    assert.equal(p.error?.stock, 'Products marked with *** are not available in the desired quantity or not in stock!');
    assert.deepEqual(Object.keys(p), ['error', 'products', 'vouchers', 'totals']);
  });

  it('adds option prices, reports every option type and a minimum per line below the product minimum', async () => {
    const options: Array<[string, string]> = [
      ['option[223][]', '8'], ['option[217]', '4'], ['option[209]', 'some text'], ['option[218]', '5'], ['option[208]', 'test'],
      ['option[219]', '2011-02-20'], ['option[222]', 'code'], ['option[221]', '22:25'], ['option[220]', '2011-02-20 22:25'],
    ];
    await client.call('api/currency', { currency: 'USD' });
    await client.call('api/cart/add', [['product_id', '42'], ['quantity', '1'], ...options]);
    await client.call('api/cart/add', [['product_id', '42'], ['quantity', '1'], ...options.slice(0, 8), ['option[220]', '2012-01-01 10:00']]);
    const p = await products();
    assert.equal(p.products.length, 2);
    assert.equal(p.products[0].price, '$138.80', '(90 + 10 + 4 + 10) × 1.2 + 2');
    assert.deepEqual(p.products[0].option.map((o) => o.product_option_id), ['223', '217', '209', '218', '208', '219', '222', '221', '220'], 'in the order posted');
    assert.deepEqual(p.products[0].option[2], { product_option_id: '209', product_option_value_id: '', name: 'Textarea', value: 'some text', type: 'textarea' });
    // Two lines of the same product: 2 in total meets the minimum of 2.
    assert.equal(p.error, undefined);
    await client.call('api/cart/remove', { key: p.products[1].cart_id });
    const q = await products();
    assert.deepEqual(q.error, { minimum: ['Minimum order amount for Apple Cinema 30&quot; is 2!'] });
    assert.deepEqual(Object.keys(q), ['products', 'error', 'vouchers', 'totals']);
  });

  it('reports each missing required option, keyed by product_option_id, and adds nothing', async () => {
    const answer = await client.call('api/cart/add', [['product_id', '42'], ['option[208]', '0'], ['option[217]', '4']]);
    assert.ok(answer.body.startsWith('{"error":{"option":{"218":"Radio required!","223":"Checkbox required!"'), answer.body);
    assert.equal(Object.keys((answer.json as { error: { option: object } }).error.option).length, 8, '"0" counts as empty');
    assert.equal(rows(client.token), 0);
  });

  it('answers the store error for unknown, disabled or malformed product ids', async () => {
    store.db.prepare('UPDATE in_product SET status = 0 WHERE product_id = 41').run();
    try {
      for (const form of [{ product_id: 999999 }, { product_id: 41 }, { product_id: 'abc' }, [['product_id[]', '40']] as Array<[string, string]>]) {
        assert.deepEqual((await client.call('api/cart/add', form)).json, { error: { store: 'Product can not be bought from the store you have choosen!' } });
      }
    } finally {
      store.db.prepare('UPDATE in_product SET status = 1 WHERE product_id = 41').run();
    }
    assert.equal((await client.call('api/cart/add', { quantity: 1 })).body, '[]');
    assert.equal(rows(client.token), 0);
  });

  it('casts quantities like PHP: text is 0 (line deleted on the next read), "1e3" is 1000, negatives subtract', async () => {
    await client.call('api/cart/add', { product_id: 40, quantity: 'abc' });
    assert.equal(rows(client.token), 1);
    assert.equal((await products()).products.length, 0);
    assert.equal(rows(client.token), 0, 'a line with quantity 0 is deleted when the cart is read');
    await client.call('api/cart/add', { product_id: 40, quantity: '1e3' });
    await client.call('api/cart/add', { product_id: 40, quantity: '-1' });
    await client.call('api/cart/add', { product_id: 40, quantity: ' 7 apples' });
    assert.equal((await products()).products[0].quantity, '1006');
  });

  it('clamps huge quantities to the INT column like MySQL and still formats the totals', async () => {
    await client.call('api/cart/add', { product_id: 40, quantity: '99999999999999999999999' });
    await client.call('api/cart/add', { product_id: 40, quantity: '99999999999999999999999' });
    const p = await products();
    assert.equal(p.products[0].quantity, '2147483647');
    assert.equal(p.products[0].total, '$264,569,985,310.40');
    assert.equal(p.error?.stock !== undefined, true);
    assert.equal(totals(p)['Sub-Total'], '$216,895,848,347.00');
  });

  it('ignores unknown options and option values, and odd shapes, without failing', async () => {
    const forms: Array<Array<[string, string]>> = [
      [['product_id', '40'], ['option[999]', '1']],
      [['product_id', '40'], ['option', 'not-an-array']],
      [['product_id', '30'], ['option[226]', '999']],
      [['product_id', '30'], ['option[226][]', '15']],
      [['product_id', '30'], ['option[226][x][y]', '15']],
      [['product_id', '40'], ['quantity[]', '3']],
    ];
    for (const form of forms) assert.match((await client.call('api/cart/add', form)).body, /"success"/, JSON.stringify(form));
    const p = await products();
    assert.ok(p.products.every((l) => l.option.length === 0));
    assert.deepEqual((await client.call('api/cart/add', [['product_id', '30'], ['option', 'x']])).json, { error: { option: { 226: 'Select required!' } } });
    assert.deepEqual(errors, []);
  });

  it('keeps one line per product and option set; equal options add up', async () => {
    await client.call('api/cart/add', [['product_id', '30'], ['quantity', '1'], ['option[226]', '15']]);
    await client.call('api/cart/add', [['product_id', '30'], ['quantity', '2'], ['option[226]', '15']]);
    await client.call('api/cart/add', [['product_id', '30'], ['quantity', '1'], ['option[226]', '16']]);
    const p = await products();
    assert.deepEqual(p.products.map((l) => [l.option[0].value, l.quantity]), [['Red', '3'], ['Blue', '1']]);
  });

  it('edits and removes only this session\'s lines; missing or unknown keys still succeed', async () => {
    const other = new StoreClient(base);
    await other.login(KEY);
    await other.call('api/cart/add', { product_id: 40 });
    const otherLine = (await products(other)).products[0].cart_id;
    assert.equal((await client.call('api/cart/edit', { key: otherLine, quantity: 9 })).body, '{"success":"Success: You have modified your shopping cart!"}');
    assert.equal((await client.call('api/cart/remove', { key: otherLine })).body, '{"success":"Success: You have modified your shopping cart!"}');
    assert.equal((await products(other)).products[0].quantity, '1');
    assert.match((await client.call('api/cart/edit', '')).body, /success/);
    assert.equal((await client.call('api/cart/remove', '')).body, '[]');
  });

  it('replaces the whole cart with the batch form, unvalidated', async () => {
    await client.call('api/cart/add', { product_id: 40 });
    await client.call('api/cart/add', [
      ['product[0][product_id]', '43'], ['product[0][quantity]', '1'],
      ['product[1][product_id]', '30'], ['product[1][quantity]', '1'], ['product[1][option][226]', '16'],
      ['product[2][product_id]', '999999'], ['product[3]', 'not-an-entry'],
    ]);
    const p = await products();
    assert.deepEqual(p.products.map((l) => l.product_id), ['30', '43']);
    assert.equal(rows(client.token), 2, 'the unknown product line was deleted when read');
  });

  it('sells gift vouchers as cart items that count in the sub-total and can be removed by code', async () => {
    await client.call('api/voucher/add', { from_name: 'A', from_email: 'a@example.com', to_name: 'B & C', to_email: 'b@example.com', voucher_theme_id: 8, message: 'Hi', amount: 25 });
    const p = await products();
    assert.equal(p.vouchers[0].description, '$25.00 Gift Certificate for B &amp; C');
    assert.equal(p.vouchers[0].amount, 25);
    assert.deepEqual(p.totals, [{ title: 'Sub-Total', text: '$25.00' }, { title: 'Total', text: '$25.00' }]);
    await client.call('api/cart/remove', { key: String(p.vouchers[0].code) });
    assert.equal((await products()).vouchers.length, 0);
  });

  it('purges API cart lines one hour after they were added', async () => {
    await client.call('api/cart/add', { product_id: 40 });
    for (const step of [20, 20, 20]) {
      offset += step * 60_000;
      await client.call('api/reward/maximum');
    }
    offset += 60_000;
    assert.equal((await products()).products.length, 0);
    assert.equal(rows(client.token), 0);
  });

  it('never answers 500, whatever the fields contain', async () => {
    const nasty = ['', '0', '-1', 'abc', '1e309', '9'.repeat(400), "' OR 1=1 --", '<script>', '%00', '💥'.repeat(50), '[]'];
    for (const value of nasty) {
      for (const route of ['api/cart/add', 'api/cart/edit', 'api/cart/remove']) {
        for (const name of ['product_id', 'quantity', 'key', 'option[226]', 'product[0][product_id]', 'product[0][option]']) {
          const answer = await client.call(route, [[name, value], ['product_id', value]]);
          assert.equal(answer.status, 200, `${route} ${name}=${value}`);
          assert.equal(answer.type, 'application/json');
        }
      }
    }
    assert.equal((await client.call('api/cart/products')).status, 200);
    assert.deepEqual(errors, []);
  });
});
