// Reference store: coupons (and the coupon total), gift vouchers and reward points, on the conformance seed: the demo
// catalogue with the conformance data (IVT- coupons per validity rule), customer 1 with 1000 points, GIFT100.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ReferenceStore } from '../store';
import { storeForEachTest } from './support/store';
import { StoreClient, type Form, RITA, UK } from './support/store-client';

const KEY = 'e'.repeat(64);
const INVALID = { error: "Warning: Coupon is either invalid, expired or reached it's usage limit!" };
const APPLIED = { success: 'Success: Your coupon discount has been applied!' };

describe('reference store: coupons, vouchers and reward points', () => {
  let store: ReferenceStore;
  let base: string;
  let client: StoreClient;
  let offset = 0;
  const START = Date.parse('2026-11-28T12:00:00Z');

  // Registered first, so each test starts at START before its client logs in.
  beforeEach(() => {
    offset = 0;
  });
  storeForEachTest(KEY, { now: () => new Date(START + offset) }, (s) => ({ store, base, client } = s));

  const coupon = async (code: string) => (await client.call('api/coupon', { coupon: code })).json;
  const totals = async (): Promise<Record<string, string>> =>
    Object.fromEntries(((await client.call('api/cart/products')).json as { totals: Array<{ title: string; text: string }> }).totals.map((t) => [t.title, t.text]));
  const add = (form: Form) => client.call('api/cart/add', form);

  it('refuses every coupon that fails a rule, with the same message', async () => {
    await add({ product_id: 40 });
    for (const code of ['NO-SUCH', '', 'IVT-DISABLED', 'IVT-EXPIRED', 'IVT-FUTURE', 'IVT-USEDUP', 'IVT-MINTOTAL', 'IVT-PRODUCTONLY', 'IVT-CATEGORYONLY', 'IVT-LOGGEDONLY']) {
      assert.deepEqual(await coupon(code), INVALID, code);
    }
    assert.deepEqual((await client.call('api/coupon', '')).json, INVALID, 'missing field');
  });

  it('applies a percentage coupon to the products ex tax and takes the VAT of the discount off', async () => {
    await add({ product_id: 40, quantity: 2 });
    assert.deepEqual(await coupon('IVT-VALID10'), APPLIED);
    assert.deepEqual(await totals(), { 'Sub-Total': '$202.00', 'Coupon (IVT-VALID10)': '$-20.20', 'Eco Tax (-2.00)': '$4.00', 'VAT (20%)': '$36.36', Total: '$222.16' });
  });

  it('applies a fixed coupon only above its minimum sub-total', async () => {
    await add({ product_id: 40 });
    assert.deepEqual(await coupon('IVT-FIXED10'), APPLIED);
    assert.deepEqual(await totals(), { 'Sub-Total': '$101.00', 'Coupon (IVT-FIXED10)': '$-10.00', 'Eco Tax (-2.00)': '$2.00', 'VAT (20%)': '$18.20', Total: '$111.20' });
    await client.call('api/cart/edit', { key: 0, quantity: 0 });
  });

  it('compares codes case-insensitively and titles the line with the code as posted', async () => {
    await add({ product_id: 40 });
    assert.deepEqual(await coupon('ivt-valid10'), APPLIED);
    assert.ok('Coupon (ivt-valid10)' in (await totals()));
  });

  it('restricts a product or category coupon to the matching lines', async () => {
    await add({ product_id: 40 });
    await add({ product_id: 9990005 });
    for (const code of ['IVT-PRODUCTONLY', 'IVT-CATEGORYONLY']) {
      assert.deepEqual(await coupon(code), APPLIED, code);
      assert.equal((await totals())[`Coupon (${code})`], '$-50.00', '10 % of the conformance data\'s product for these coupons only');
    }
  });

  it('lets only logged-in customers use a "logged" coupon, and counts uses per customer only for them', async () => {
    // The conformance data's Rita (not the recording's customer 1) has used IVT-PERCUSTOMER once.
    await client.call('api/customer', { ...RITA, customer_id: 9990001, email: 'rita@invotide.example' });
    await add({ product_id: 40 });
    assert.deepEqual(await coupon('IVT-LOGGEDONLY'), APPLIED);
    assert.deepEqual(await coupon('IVT-PERCUSTOMER'), INVALID, 'the customer already used it once');
    const guest = new StoreClient(base);
    await guest.login(KEY);
    await guest.call('api/cart/add', { product_id: 40 });
    assert.deepEqual((await guest.call('api/coupon', { coupon: 'IVT-PERCUSTOMER' })).json, APPLIED);
  });

  it('checks the dates against the store clock', async () => {
    const at = async (iso: string) => {
      offset = Date.parse(iso) - START;
      await client.login(KEY);
      await add({ product_id: 40 });
    };
    await at('2098-06-01T00:00:00Z');
    assert.deepEqual(await coupon('IVT-FUTURE'), APPLIED, 'valid from 2098-01-01');
    await at('2099-12-31T23:59:59Z');
    assert.deepEqual(await coupon('IVT-VALID10'), INVALID, 'valid until 2099-12-31 00:00');
    await at('2099-12-30T23:59:59Z');
    assert.deepEqual(await coupon('IVT-VALID10'), APPLIED);
  });

  it('re-validates the session coupon whenever totals are computed, and keeps it', async () => {
    await add({ product_id: 40 });
    await coupon('IVT-VALID10');
    store.db.prepare("UPDATE in_coupon SET status = 0 WHERE code = 'IVT-VALID10'").run();
    try {
      assert.equal((await totals())['Coupon (IVT-VALID10)'], undefined);
    } finally {
      store.db.prepare("UPDATE in_coupon SET status = 1 WHERE code = 'IVT-VALID10'").run();
    }
    assert.equal((await totals())['Coupon (IVT-VALID10)'], '$-10.10');
  });

  it('takes shipping off with a free-shipping coupon (3333), VAT of the shipping included', async () => {
    await add({ product_id: 40 });
    await client.call('api/shipping/address', UK);
    await client.call('api/shipping/methods');
    await client.call('api/shipping/method', { shipping_method: 'flat.flat' });
    assert.deepEqual(await coupon('3333'), APPLIED);
    assert.deepEqual(await totals(), {
      'Sub-Total': '$101.00', 'Flat Shipping Rate': '$5.00', 'Coupon (3333)': '$-5.00', 'Eco Tax (-2.00)': '$4.00', 'VAT (20%)': '$20.20', Total: '$125.20',
    });
  });

  it('accepts GIFT100, caps it at the total, refuses unknown codes and used-up vouchers', async () => {
    await add({ product_id: 9990005 });
    assert.deepEqual((await client.call('api/voucher', { voucher: 'GIFT100' })).json, { success: 'Success: Your gift voucher discount has been applied!' });
    assert.equal((await totals())['Gift Certificate (GIFT100)'], '$-100.00');
    assert.deepEqual((await client.call('api/voucher', { voucher: 'NOPE' })).json, { error: 'Warning: Gift Voucher is either invalid or the balance has been used up!' });
    assert.equal((await totals())['Gift Certificate (GIFT100)'], undefined, 'a failed api/voucher forgets the voucher');
    const id = (store.db.prepare("SELECT voucher_id FROM in_voucher WHERE code = 'GIFT100'").get() as { voucher_id: number }).voucher_id;
    store.db.prepare("INSERT INTO in_voucher_history (voucher_id, order_id, amount, date_added) VALUES (?, 999, '-100.0000', '2026-01-01 00:00:00')").run(id);
    try {
      assert.deepEqual((await client.call('api/voucher', { voucher: 'GIFT100' })).json, { error: 'Warning: Gift Voucher is either invalid or the balance has been used up!' });
    } finally {
      store.db.prepare('DELETE FROM in_voucher_history WHERE order_id = 999').run();
    }
  });

  it('validates a voucher purchase and converts amounts from the session currency', async () => {
    const voucher = { from_name: 'A', from_email: 'a@example.com', to_name: 'B', to_email: 'b@example.com', voucher_theme_id: 8, message: 'm' };
    for (const amount of ['0', '1000.01', 'abc', '', '0x10']) {
      assert.deepEqual((await client.call('api/voucher/add', { ...voucher, amount })).json, { error: { amount: 'Amount must be between $1.00 and $1,000.00!' } }, amount);
    }
    for (const amount of ['1', '1000', '1e3', ' 5']) assert.match((await client.call('api/voucher/add', { ...voucher, amount })).body, /success/, amount);
    await client.call('api/currency', { currency: 'EUR' });
    assert.deepEqual((await client.call('api/voucher/add', { ...voucher, amount: 0 })).json, { error: { amount: 'Amount must be between 0.78€ and 784.60€!' } });
    await client.call('api/voucher/add', { ...voucher, amount: 25 });
    const vouchers = ((await client.call('api/cart/products')).json as { vouchers: Array<{ description: string; amount: number; price: string }> }).vouchers;
    const last = vouchers[vouchers.length - 1];
    assert.equal(last.description, '25.00€ Gift Certificate for B');
    assert.equal(last.price, '25.00€');
    assert.ok(Math.abs(last.amount - 25 / 0.78460002) < 1e-9, 'kept in USD');
  });

  it('limits reward points to the balance and to the points of the cart, overwriting messages in that order', async () => {
    assert.deepEqual((await client.call('api/reward', { reward: 100 })).json, { error: 'Warning: The maximum number of points that can be applied is 0!' }, 'a guest with an empty cart');
    await add({ product_id: 28, quantity: 6 });
    assert.deepEqual((await client.call('api/reward', { reward: 100 })).json, { error: "Warning: You don't have 100 reward points!" }, 'a guest');
    await client.call('api/customer', RITA);
    await add({ product_id: 28, quantity: 6 });
    assert.equal((await client.call('api/reward/available')).body, '{"points":"1000"}');
    assert.equal((await client.call('api/reward/maximum')).body, '{"maximum":1200}');
    assert.deepEqual((await client.call('api/reward', '')).json, { error: 'Warning: Please enter the amount of reward points to use!' });
    assert.deepEqual((await client.call('api/reward', { reward: 1100 })).json, { error: "Warning: You don't have 1100 reward points!" });
    assert.deepEqual((await client.call('api/reward', { reward: 1500 })).json, { error: 'Warning: The maximum number of points that can be applied is 1200!' });
    assert.deepEqual((await client.call('api/reward', { reward: 300 })).json, { success: 'Success: Your reward points discount has been applied!' });
    assert.equal((await totals())['Reward Points (300)'], '$-150.00');
    await client.call('api/cart/edit', { key: 0, quantity: 1 });
    assert.equal((await totals())['Reward Points (300)'], undefined, 'cart/edit forgets the reward');
  });

  it('reproduces the recording\'s exchange 164: reward, coupon 2222 and GIFT100 together', async () => {
    await client.call('api/customer', RITA);
    await add({ product_id: 28, quantity: 6 });
    await client.call('api/reward', { reward: 300 });
    await coupon('2222');
    await client.call('api/voucher', { voucher: 'GIFT100' });
    assert.deepEqual(await totals(), {
      'Sub-Total': '$600.00', 'Reward Points (300)': '$-150.00', 'Coupon (2222)': '$-60.00', 'Eco Tax (-2.00)': '$12.00', 'VAT (20%)': '$78.00',
      'Gift Certificate (GIFT100)': '$-100.00', Total: '$380.00',
    });
  });
});
