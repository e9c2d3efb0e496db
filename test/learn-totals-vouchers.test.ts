// What the fixture check learns and verifies of the order totals, the gift voucher limits and what the scenarios read of
// them: the pure parts on their own, then against the reference store configured like other stores (a store with other
// limits, totals disabled or reordered), where a contradiction must name the fixtures key with both readings.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { ApiClient } from '../src/client';
import { Contract } from '../src/contract';
import { fixtureAt, loadFixtures, type Fixtures } from '../src/fixtures';
import { checkFixtures } from '../src/runner/fixture-check';
import type { RunParameters } from '../src/run-parameters';
import { settleSettings } from '../src/target/learn-settings';
import { Target, declaredProfile, NotApplicableError } from '../src/target/profile';
import { quotedBounds } from '../src/target/learners/vouchers';
import { moneyFormat } from '../src/api/money';
import { statusObservations } from '../src/target/learners/totals';
import {
  FRESH_TOTALS_ORDER, codesInOrder, lineCode, orderProblems, requireFrame, requireOrder, requireTotals, runsBefore, totalsNamed, type TotalCode,
} from '../src/api/totals';
import { voucherAmountWithin } from '../src/api/gift-vouchers';
import { activeStatuses } from '../src/api/order-status';

const PROVISIONED = path.join(__dirname, '..', 'targets', 'provisioned.json');
const fixturesFile = (data: object): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-totals-')), 'target.json');
  writeFileSync(file, JSON.stringify({ extends: PROVISIONED, name: 'test', ...data }));
  return file;
};
const targetOf = (data: object = {}): Target => new Target(declaredProfile(loadFixtures(fixturesFile(data))));
const world = (data: object = {}) => {
  const target = targetOf(data);
  return { target, fixture: (p: string) => target.fixture(p) };
};

describe('the gift voucher limits as the refusal quotes them', () => {
  it('reads both bounds of the message, whatever its words and symbols', () => {
    assert.deepEqual(quotedBounds('Amount must be between $1.00 and $1,000.00!'), [1, 1000]);
    assert.deepEqual(quotedBounds('Amount must be between £18.38 and £122.50!'), [18.38, 122.5]);
    assert.equal(quotedBounds('Amount is wrong!'), undefined);
    assert.deepEqual(quotedBounds('Amount must be between $ 1,00 and $ 1 000,00!', moneyFormat('$ 1 234 567,89')), [1, 1000], 'a space between thousands, a comma before decimals');
    assert.deepEqual(quotedBounds('Der Betrag muss zwischen 1.000 ¥ und 150.000 ¥ liegen!', moneyFormat('1.234.568 ¥')), [1000, 150000], 'no decimals, a dot between thousands');
  });

  it('buys the amount a scenario wants where the limits allow it, else the nearest limit, and nothing where none is left', () => {
    assert.equal(voucherAmountWithin(world(), 25), 25);
    const limits = world({ vouchers: { minimum_amount: 30, maximum_amount: 200 } });
    assert.equal(voucherAmountWithin(limits, 25), 30);
    assert.equal(voucherAmountWithin(limits, 10), 30);
    assert.equal(voucherAmountWithin(world({ vouchers: { minimum_amount: 1, maximum_amount: 20 } }), 25), 20);
    assert.throws(() => voucherAmountWithin(world({ vouchers: { minimum_amount: 150, maximum_amount: 200 } }), 25, { amount: 99.99, why: 'the balance' }), (e: Error) => e instanceof NotApplicableError && /config_voucher_min 150\) is above 99.99, the balance/.test(e.message));
    assert.throws(() => voucherAmountWithin(world({ vouchers: { minimum_amount: 300, maximum_amount: 200 } }), 25), (e: Error) => e instanceof NotApplicableError && /sells no gift voucher/.test(e.message));
  });
});

describe('the totals as the scenarios read them', () => {
  const f = { fixture: (p: string) => fixtureAt(loadFixtures(PROVISIONED), p) };

  it('tells a line\'s total by its title, any other title being a tax rate\'s', () => {
    const code = (title: string, shipping?: string) => lineCode(f, { title, text: '$1.00' }, shipping);
    assert.deepEqual(['Sub-Total', 'Total', 'Coupon (IVT-VALID10)', 'Gift Certificate (IVT-G100)', 'Reward Points (1)', 'Store Credit', 'Handling Fee', 'Low Order Fee', 'VAT (20%)'].map((t) => code(t)),
      ['sub_total', 'total', 'coupon', 'voucher', 'reward', 'credit', 'handling', 'low_order_fee', 'tax']);
    assert.equal(code('Flat Shipping Rate', 'Flat Shipping Rate'), 'shipping');
    assert.deepEqual(codesInOrder(['sub_total', 'tax', 'tax', 'credit', 'tax', 'total']), ['sub_total', 'tax', 'credit', 'tax', 'total']);
  });

  it('holds lines to an order, and names what is out of it', () => {
    assert.deepEqual(orderProblems(['sub_total', 'reward', 'shipping', 'coupon', 'tax', 'tax', 'credit', 'voucher', 'total'], FRESH_TOTALS_ORDER), []);
    assert.deepEqual(orderProblems(['sub_total', 'tax', 'coupon', 'total'], FRESH_TOTALS_ORDER), ['sub_total, tax, coupon, total is not in the order sub_total, reward, shipping, coupon, tax, credit, voucher, total']);
    assert.match(orderProblems(['sub_total', 'handling', 'total'], FRESH_TOTALS_ORDER)[0], /handling has no place in the order/);
  });

  it('makes a scenario not applicable, naming the setting, where a total it needs is disabled or runs in another order', () => {
    const off = world({ settings: { total_coupon_status: false } });
    assert.throws(() => requireTotals(off, ['coupon'], 'a coupon\'s discount'), (e: Error) => e instanceof NotApplicableError && /needs the Coupon total \(total_coupon_status = false \(declared\)\) enabled/.test(e.message));
    assert.doesNotThrow(() => requireTotals(world(), ['coupon', 'voucher', 'reward', 'credit'], 'discounts'));
    const reordered = world({ totals: { order: ['sub_total', 'shipping', 'tax', 'coupon', 'total'] } });
    assert.equal(runsBefore(reordered, 'coupon', 'tax'), false);
    assert.equal(runsBefore(world(), 'coupon', 'tax'), true);
    assert.throws(() => requireOrder(reordered, 'coupon', 'tax', 'the VAT'), /runs them in the order sub_total, shipping, tax, coupon, total \(totals.order/);
    assert.throws(() => requireFrame(world({ totals: { order: ['shipping', 'sub_total', 'total'] } }), 'the Sub-Total'), /reads the Sub-Total as the first line/);
    assert.throws(() => requireFrame(world({ totals: { order: ['sub_total', 'total', 'voucher'] } }), 'the Total'), /reads the Total as the last line/);
    assert.throws(() => requireFrame(world({ settings: { total_total_status: false } }), 'the Total'), /total_total_status = false/);
    assert.deepEqual(totalsNamed('Sub-Total, Coupon and Store Credit'), ['sub_total', 'coupon', 'credit'] satisfies TotalCode[]);
    assert.throws(() => totalsNamed('Coupons'), /names no order total/);
  });

  it('reads the active statuses from the processing and complete settings', () => {
    assert.deepEqual(activeStatuses(world()), [5, 1, 2, 12, 3, 5, 3]);
    assert.deepEqual(activeStatuses(world({ settings: { config_processing_status: [2], config_complete_status: [5] } })), [2, 5]);
  });
});

describe('what the totals lines say of the statuses', () => {
  const seen = (codes: TotalCode[], expected: TotalCode[]) => ({ lines: codes.map((code) => ({ title: code, text: '$1.00', code })), expected, cart: 'a probe cart' });

  it('says each total it could see shown or not, a broken store answering alike: both readings', () => {
    const o = statusObservations(seen(['sub_total', 'tax', 'total'], ['sub_total', 'tax', 'total', 'coupon']));
    assert.deepEqual(o.map((x) => [x.key, x.value]), [['total_sub_total_status', true], ['total_tax_status', true], ['total_total_status', true], ['total_coupon_status', false]]);
    assert.ok(o.every((x) => x.orBroken), 'every status observation has a broken-store reading');
    const profile = declaredProfile(loadFixtures(PROVISIONED));
    const mismatches = settleSettings(profile, o);
    assert.match(mismatches['settings.total_coupon_status'], /shows no Coupon line .* Either the store's .*Coupon > Status is false \(then write "settings": \{ "total_coupon_status": false \}.*or the store leaves the Coupon line out although the total is enabled/);
    assert.deepEqual(Object.keys(mismatches), ['settings.total_coupon_status']);
  });

  it('tells a fee only by its line', () => {
    assert.deepEqual(statusObservations(seen(['sub_total', 'total'], ['sub_total', 'total'])).map((x) => x.key), ['total_sub_total_status', 'total_total_status']);
    assert.deepEqual(statusObservations(seen(['sub_total', 'handling', 'total'], ['sub_total', 'total'])).map((x) => [x.key, x.value]).pop(), ['total_handling_status', true]);
  });
});

describe('the fixture check of the totals and the gift voucher limits, against stores configured otherwise', () => {
  const stores: ReferenceStore[] = [];
  after(async () => {
    for (const s of stores) await s.close();
  });
  async function check(settings: Record<string, string | string[]>, fixtures: Fixtures, allowWrites = false): Promise<Awaited<ReturnType<typeof checkFixtures>> & { fixtures: Fixtures; store: ReferenceStore }> {
    const store = createStore({ apiKey: 'f'.repeat(64), settings });
    stores.push(store);
    const url = await store.listen(0, '127.0.0.1');
    const c = new ApiClient({ baseUrl: url, timeoutMs: 10_000, contract: Contract.load() });
    const params: RunParameters = { baseUrl: url, embedded: false, apiUsername: 'Default', apiKey: store.apiKey, allowWrites, timeoutMs: 10_000, fixturesFile: PROVISIONED, secrets: [] };
    try {
      return { ...(await checkFixtures(c, params, fixtures)), fixtures, store };
    } finally {
      await c.close();
    }
  }

  it('learns the gift voucher limits the store quotes, with the amounts just outside them, without a word in the fixtures', async () => {
    const r = await check({ config_voucher_min: '30', config_voucher_max: '200' }, loadFixtures(PROVISIONED));
    assert.deepEqual(r.mismatches, {});
    assert.deepEqual(['minimum_amount', 'maximum_amount', 'amount_below_minimum', 'amount_above_maximum'].map((k) => fixtureAt(r.fixtures, `vouchers.${k}`)), [30, 200, '29.99', '200.01']);
  });

  it('refuses limits the fixtures name that the store contradicts, saying what it quotes', async () => {
    const r = await check({ config_voucher_min: '30', config_voucher_max: '200' }, loadFixtures(fixturesFile({ vouchers: { minimum_amount: 25, maximum_amount: 200 } })));
    assert.match(r.mismatches['vouchers.minimum_amount'], /limits are 30 to 200 \(api\/voucher\/add refuses a gift voucher of -1 with "Amount must be between \$30.00 and \$200.00!"\), the fixtures say 25 to 200: leave them out/);
  });

  it('learns nothing from a store that sells a gift voucher of any amount: the fixtures\' limits stay for the scenarios to judge', async () => {
    const r = await check({ config_voucher_min: '-1000', config_voucher_max: '1000' }, loadFixtures(PROVISIONED));
    assert.deepEqual(r.mismatches, {});
    assert.equal(fixtureAt(r.fixtures, 'vouchers.minimum_amount'), 1);
  });

  it('stops a store whose lines come in another order than the fixtures\', with both readings and the order to write', async () => {
    const r = await check({ total_coupon_sort_order: '6' }, loadFixtures(PROVISIONED));
    assert.match(r.mismatches['totals.order'], /is not in the order sub_total, reward, shipping, coupon, tax, credit, voucher, total\. Either the store's order totals run in that order .*"order": \["sub_total","reward","shipping","tax","coupon","credit","voucher","total"\].*or the store does not list its totals by their sort order/);
    const declared = await check({ total_coupon_sort_order: '6' }, loadFixtures(fixturesFile({ totals: { order: ['sub_total', 'reward', 'shipping', 'tax', 'coupon', 'credit', 'voucher', 'total'] } })));
    assert.equal(declared.mismatches['totals.order'], undefined);
  });

  it('sees each total\'s line: a disabled one the fixtures do not name is a contradiction with both readings', async () => {
    const r = await check({ total_reward_status: '0', total_credit_status: '0' }, loadFixtures(PROVISIONED));
    const settled = settleSettings(declaredProfile(loadFixtures(PROVISIONED)), r.settingObservations);
    assert.deepEqual(Object.keys(settled).sort(), ['settings.total_credit_status', 'settings.total_reward_status']);
    const named = loadFixtures(fixturesFile({ settings: { total_reward_status: false, total_credit_status: false } }));
    assert.deepEqual(settleSettings(declaredProfile(named), (await check({ total_reward_status: '0', total_credit_status: '0' }, named)).settingObservations), {});
  });

  it('stops a store that shows the line of a total the fixtures say it has disabled (or that ignores the status), with both readings', async () => {
    const declaredOff = loadFixtures(fixturesFile({ settings: { total_voucher_status: false, total_handling_status: false } }));
    const r = await check({ total_handling_status: '1', total_handling_fee: '2.00' }, declaredOff);
    const settled = settleSettings(declaredProfile(declaredOff), r.settingObservations);
    assert.match(settled['settings.total_voucher_status'], /shows a Gift Voucher line .*the fixtures say false.*or the store shows the Gift Voucher line of a disabled total/);
    assert.match(settled['settings.total_handling_status'], /shows a Handling Fee line .*or the store charges a Handling Fee it has disabled/);
  });

  it('with writes allowed, places one order to see the default status and whether it is active, and leaves nothing behind', async () => {
    const fresh = await check({}, loadFixtures(PROVISIONED), true);
    assert.deepEqual(fresh.mismatches, {});
    const left = fresh.store.db.prepare("SELECT COUNT(*) AS n FROM in_order").get() as { n: number };
    const points = fresh.store.db.prepare("SELECT SUM(points) AS p FROM in_customer_reward WHERE customer_id = (SELECT customer_id FROM in_customer WHERE firstname = 'Rita')").get() as { p: number };
    assert.deepEqual([left.n, points.p], [0, 1000], 'the probe order is deleted and the point it redeemed given back');
    const inactive = await check({ config_processing_status: ['5', '2', '12', '3'] }, loadFixtures(PROVISIONED), true);
    assert.match(inactive.mismatches['settings.config_processing_status'], /an order in status 1 \(Pending\) that redeemed 1 of the "registered with points" customer's 1000 reward points left 1000: it does not hold what it uses.*Either the store's Processing or Complete Order Status does not include 1 .* or the store does not confirm an order entering an active status/);
    const declared = await check({ config_processing_status: ['5', '2', '12', '3'] }, loadFixtures(fixturesFile({ settings: { config_processing_status: [5, 2, 12, 3] } })), true);
    assert.deepEqual(declared.mismatches, {});
    const processing = await check({ config_order_status_id: '2' }, loadFixtures(PROVISIONED), true);
    assert.match(processing.mismatches['order_statuses.default'], /is in status 2 \(Processing\), and the fixtures say 1\. Either .* "order_statuses": \{ "default": \{ "order_status_id": 2, "name": "Processing" \} \}/);
    assert.deepEqual(Object.keys((await check({}, loadFixtures(PROVISIONED), false)).mismatches), [], 'without writes, no order is placed');
  });
});
