// The learners of the stock, tax display and payment settings, against the reference store set each way: what they
// observe, whether a broken store would answer alike (then the fixtures' value stands and a contradiction gives both
// readings), and what the fixture check then expects of the currencies and shipping quotes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { ApiClient } from '../src/client';
import { Contract } from '../src/contract';
import { loadFixtures, type Fixtures } from '../src/fixtures';
import { CheckSession, checkFixtures } from '../src/runner/fixture-check';
import type { RunParameters } from '../src/run-parameters';
import { settleSettings, type SettingLearner, type SettingObservation } from '../src/target/learn-settings';
import { declaredProfile } from '../src/target/profile';
import { learnStock } from '../src/target/learners/stock';
import { learnTax } from '../src/target/learners/tax';
import { learnPaymentMethods } from '../src/target/learners/payment';

const PROVISIONED = path.join(__dirname, '..', 'targets', 'provisioned.json');
const provisioned = loadFixtures(PROVISIONED);
const declaring = (settings: Record<string, unknown>): Fixtures => ({ ...provisioned, settings } as unknown as Fixtures);

describe('the stock, tax display and payment learners', () => {
  let store: ReferenceStore;
  let client: ApiClient;
  let params: RunParameters;
  const defaults = new Map<string, string>();
  before(async () => {
    store = createStore({ apiKey: 'c'.repeat(64) });
    const url = await store.listen(0, '127.0.0.1');
    client = new ApiClient({ baseUrl: url, timeoutMs: 10_000, contract: Contract.load() });
    params = { baseUrl: url, embedded: false, apiUsername: 'Default', apiKey: store.apiKey, allowWrites: false, timeoutMs: 10_000, fixturesFile: PROVISIONED, secrets: [] };
    for (const row of store.db.prepare("SELECT key, value FROM in_setting WHERE store_id = 0 AND key IN ('config_stock_checkout', 'config_stock_warning', 'config_tax', 'total_tax_status', 'payment_cod_total', 'payment_free_checkout_status')").all() as Array<{ key: string; value: string }>) {
      defaults.set(row.key, row.value);
    }
  });
  after(async () => {
    await client.close();
    await store.close();
  });
  beforeEach(() => {
    for (const [key, value] of defaults) set(key, value);
  });
  const set = (key: string, value: string): void => {
    store.db.prepare('UPDATE in_setting SET value = ? WHERE store_id = 0 AND key = ?').run(value, key);
  };
  const learn = async (learner: SettingLearner, fixtures: Fixtures = provisioned): Promise<SettingObservation[]> =>
    learner(async () => {
      const s = new CheckSession(client, fixtures, () => undefined, () => undefined);
      await s.login(params);
      return s;
    });
  const byKey = (observations: SettingObservation[]) => Object.fromEntries(observations.map((o) => [o.key, o]));

  describe('config_stock_checkout and config_stock_warning', () => {
    it('learns nothing from a store that warns of a cart beyond its stock, as a fresh install does', async () => {
      assert.deepEqual(await learn(learnStock), []);
    });

    it('reads a store that sells beyond its stock without a warning, with the broken stock check as the other reading', async () => {
      set('config_stock_checkout', '1');
      const o = byKey(await learn(learnStock));
      assert.equal(o.config_stock_checkout.value, true);
      assert.equal(o.config_stock_warning.value, false);
      assert.match(o.config_stock_checkout.orBroken ?? '', /stock check does not work/);
      const mismatches = settleSettings(declaredProfile(provisioned), Object.values(o));
      assert.match(mismatches['settings.config_stock_checkout'], /shows a cart of 1000000 of the "simple" product in stock, without a stock warning, and a fresh install has false\. Either the store's .*Stock Checkout is true \(then write "settings": \{ "config_stock_checkout": true \} in the fixtures\), or the store's stock check does not work/);
      assert.deepEqual(settleSettings(declaredProfile(declaring({ config_stock_checkout: true })), Object.values(o)), {});
    });

    it('reads the warning where the fixtures say the store sells beyond its stock, and cannot tell checkout from the warning otherwise', async () => {
      set('config_stock_checkout', '1');
      set('config_stock_warning', '1');
      assert.deepEqual(await learn(learnStock), [], 'checkout refused and checkout allowed with the warning answer alike');
      const sells = declaring({ config_stock_checkout: true });
      const o = byKey(await learn(learnStock, sells));
      assert.equal(o.config_stock_warning.value, true);
      assert.match(settleSettings(declaredProfile(sells), Object.values(o))['settings.config_stock_warning'], /Display Out Of Stock Warning is true .* or the store does not sell beyond its stock/);
      assert.deepEqual(settleSettings(declaredProfile(declaring({ config_stock_checkout: true, config_stock_warning: true })), Object.values(o)), {});
    });
  });

  describe('config_tax', () => {
    it('learns that prices are shown with tax from the taxed product\'s line', async () => {
      assert.deepEqual((await learn(learnTax)).map((o) => [o.key, o.value, o.orBroken]), [['config_tax', true, undefined]]);
    });

    it('learns that they are shown without tax while the totals still show the tax', async () => {
      set('config_tax', '0');
      const [o] = await learn(learnTax);
      assert.deepEqual([o.key, o.value, o.orBroken], ['config_tax', false, undefined]);
      assert.match(o.evidence, /at \$101\.00, its price before tax, with its tax in the totals \("Invotide Eco Tax \(2\.00\)", "Invotide VAT \(20%\)"\)/);
    });

    it('learns nothing from a line without tax and no tax in the totals (the tax does not apply)', async () => {
      set('config_tax', '0');
      set('total_tax_status', '0');
      assert.deepEqual(await learn(learnTax), []);
    });

    it('makes the fixture check expect prices and quotes before tax, so the currencies are not blamed', async () => {
      set('config_tax', '0');
      const r = await checkFixtures(client, params, provisioned);
      assert.deepEqual(r.mismatches, {});
      assert.deepEqual(r.settingObservations.filter((o) => o.key === 'config_tax').map((o) => o.value), [false]);
    });

    it('names tax, not the currency, when the price is the one before tax and no tax is in the totals', async () => {
      set('total_tax_status', '0');
      store.db.prepare("UPDATE in_product SET tax_class_id = 0 WHERE model = 'IVT-SIMPLE'").run();
      try {
        const r = await checkFixtures(client, params, provisioned);
        assert.match(r.mismatches['currencies.default'], /shows 100000 of the simple product at \$10,100,000\.00, its price before tax \(products\.simple\.price_ex_tax\), where its price with tax, .* was expected: the suite's tax does not apply/);
      } finally {
        store.db.prepare(`UPDATE in_product SET tax_class_id = ${9990001} WHERE model = 'IVT-SIMPLE'`).run();
      }
    });
  });

  describe('payment_free_checkout_status and payment_cod_total', () => {
    it('learns that free checkout is enabled, and finds a fresh install\'s cash on delivery minimum consistent', async () => {
      const o = byKey(await learn(learnPaymentMethods));
      assert.deepEqual([o.payment_free_checkout_status.value, o.payment_free_checkout_status.orBroken], [true, undefined]);
      assert.equal(o.payment_cod_total, undefined, 'cash on delivery is offered from 9.00 and not at 0: 0.01 fits');
    });

    it('reads free checkout disabled, with a broken free checkout as the other reading', async () => {
      set('payment_free_checkout_status', '0');
      const o = byKey(await learn(learnPaymentMethods));
      assert.equal(o.payment_free_checkout_status.value, false);
      assert.match(o.payment_free_checkout_status.orBroken ?? '', /does not offer Free Checkout for a total of zero/);
    });

    it('reads cash on delivery without a minimum from a cart whose total is zero', async () => {
      set('payment_cod_total', '0');
      const o = byKey(await learn(learnPaymentMethods));
      assert.equal(o.payment_cod_total.value, 0);
      assert.match(o.payment_cod_total.orBroken ?? '', /below its minimum total/);
      assert.deepEqual(settleSettings(declaredProfile(declaring({ payment_cod_total: 0 })), Object.values(o)), {});
    });

    it('bounds a minimum total between the cart totals at which cash on delivery is refused and offered', async () => {
      set('payment_cod_total', '99.50');
      const o = byKey(await learn(learnPaymentMethods));
      assert.equal(o.payment_cod_total.value, 100);
      assert.match(o.payment_cod_total.evidence, /offers cod for a cart to ship whose total is 100\.00, and not for 99\.00 .*above 99\.00 and at most 100\.00/);
      assert.match(settleSettings(declaredProfile(provisioned), Object.values(o))['settings.payment_cod_total'], /a fresh install has 0\.01\. Either .*Cash On Delivery > Total is 100 .* or the store refuses Cash On Delivery to a total it should take/);
      assert.deepEqual(byKey(await learn(learnPaymentMethods, declaring({ payment_cod_total: 99.5 }))).payment_cod_total, undefined, 'the store\'s own value fits the bounds');
    });

    it('bounds a small minimum by the cheapest carts: one unit of each option value', async () => {
      set('payment_cod_total', '10');
      assert.match(byKey(await learn(learnPaymentMethods)).payment_cod_total.evidence, /whose total is 12\.00, and not for 9\.00/);
      set('payment_cod_total', '9');
      assert.match(byKey(await learn(learnPaymentMethods, declaring({ payment_cod_total: 0 }))).payment_cod_total.evidence, /whose total is 9\.00, and not for 0\.00/);
    });
  });
});
