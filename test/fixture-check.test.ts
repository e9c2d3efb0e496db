// The fixture check, against the reference store: what the fixtures name and the store lacks is reported by datum
// (its scenarios skip), store configuration the fixtures contradict by key (exit 2), and --certify refuses to run
// without every datum.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { ApiClient } from '../src/client';
import { Contract } from '../src/contract';
import { loadFixtures } from '../src/fixtures';
import { checkFixtures } from '../src/runner/fixture-check';
import type { RunParameters } from '../src/run-parameters';
import { runCli } from './support/cli';

const ROOT = path.resolve(__dirname, '..');
const PROVISIONED = path.join(ROOT, 'targets/provisioned.json');

describe('the fixture check', () => {
  let store: ReferenceStore;
  let url: string;
  let client: ApiClient;
  before(async () => {
    store = createStore({ apiKey: 'f'.repeat(64) });
    url = await store.listen(0, '127.0.0.1');
    client = new ApiClient({ baseUrl: url, timeoutMs: 10_000, contract: Contract.load() });
  });
  after(async () => {
    await client.close();
    await store.close();
  });
  const params = (): RunParameters => ({ baseUrl: url, embedded: false, apiUsername: 'Default', apiKey: store.apiKey, allowWrites: false, timeoutMs: 10_000, fixturesFile: PROVISIONED, secrets: [] });
  const fixturesFile = (data: unknown): string => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-check-')), 'target.json');
    writeFileSync(file, JSON.stringify({ extends: PROVISIONED, ...(data as object) }));
    return file;
  };

  it('finds every datum and every configuration value of the provisioned fixtures on the reference store', async () => {
    const r = await checkFixtures(client, params(), loadFixtures(PROVISIONED));
    assert.deepEqual(r.lacking, {});
    assert.deepEqual(r.mismatches, {});
    assert.ok(r.requests > 30, `${r.requests} requests`);
  });

  it('names what the store lacks, or holds otherwise, by its datum', async () => {
    store.db.prepare("UPDATE in_coupon SET status = 0 WHERE code = 'IVT-VALID10'").run();
    store.db.prepare("UPDATE in_product SET status = 0 WHERE model = 'IVT-STOCK3'").run();
    store.db.prepare("INSERT INTO in_voucher_history (voucher_id, order_id, amount, date_added) SELECT voucher_id, 0, '-1.0000', '2026-01-01' FROM in_voucher WHERE code = 'IVT-G100'").run();
    try {
      const r = await checkFixtures(client, params(), loadFixtures(PROVISIONED));
      assert.deepEqual(Object.keys(r.lacking).sort(), ['coupons.percent', 'products.three in stock', 'vouchers.valid']);
      assert.match(r.lacking['vouchers.valid'], /pays \$-99\.00 of a larger cart, not its balance of \$100\.00/);
      assert.deepEqual(r.mismatches, {});
    } finally {
      store.db.prepare("UPDATE in_coupon SET status = 1 WHERE code = 'IVT-VALID10'").run();
      store.db.prepare("UPDATE in_product SET status = 1 WHERE model = 'IVT-STOCK3'").run();
      store.db.prepare("DELETE FROM in_voucher_history WHERE amount = '-1.0000'").run();
    }
  });

  it('names each configuration value the store contradicts by its fixtures key, with what the store shows', async () => {
    const fixtures = loadFixtures(fixturesFile({
      name: 'wrong',
      currencies: { other: { value: 0.79 } },
      shipping_methods: { flat: { cost: '7.50', text_by_address: { us: 7.5 } } },
      payment_methods: { cod: { title: 'Pay on delivery' } },
    }));
    const r = await checkFixtures(client, params(), fixtures);
    assert.deepEqual(Object.keys(r.mismatches).sort(), ['currencies.other.value', 'payment_methods.cod.title', 'shipping_methods.flat.cost', 'shipping_methods.flat.text_by_address.us']);
    assert.match(r.mismatches['currencies.other.value'], /^the store's rate of EUR is 0\.78460002 \(api\/voucher\/add of 1 EUR is 1\.27453\d+ in the default currency\), the fixtures say 0\.79: write 0\.78460002, or that rounded to fewer decimals \(0\.7846\)/);
    assert.match(r.mismatches['shipping_methods.flat.text_by_address.us'], /quotes \$5\.00 \(cost 5\.00\), the fixtures expect \$7\.50/);
  });

  it('learns the exact rate and the format of each currency into the fixtures, accepting a rate rounded to its own decimals', async () => {
    const fixtures = loadFixtures(fixturesFile({ name: 'rounded', currencies: { other: { value: 0.7846 }, third: { value: 0.6 } } }));
    const r = await checkFixtures(client, params(), fixtures);
    assert.deepEqual(r.mismatches, {});
    const currencies = fixtures.currencies as Record<string, { value: number; sample: string }>;
    assert.deepEqual([currencies.other.value, currencies.other.sample], [0.78460002, '1,234,567.89€']);
    assert.deepEqual([currencies.third.value, currencies.third.sample], [0.61250001, '£1,234,567.89']);
    assert.deepEqual([currencies.default.value, currencies.default.sample], [1, '$1,234,567.89']);
  });

  it('names the default currency a new session shows when the fixtures name another', async () => {
    const r = await checkFixtures(client, params(), loadFixtures(fixturesFile({ name: 'euro', currencies: { default: { code: 'EUR', value: 1, sample: '1.00€' } } })));
    assert.match(r.mismatches['currencies.default.code'], /a new session shows 100000 of the simple product at \$12,320,000\.00, and after choosing EUR at 9,666,272\.25€: the store's default currency \(System > Settings > Local > Currency, config_currency\) is not EUR/);
  });

  it('tells a currency the store has disabled: the release from 3.0.3.7 drops it, and one named disabled that the store shows is enabled', async () => {
    store.db.prepare("UPDATE in_currency SET status = 0 WHERE code = 'GBP'").run();
    try {
      const ok = await checkFixtures(client, params(), loadFixtures(fixturesFile({ name: 'disabled', currencies: { third: { enabled: false } } })));
      assert.deepEqual(ok.mismatches, {});
      assert.ok(ok.releaseObservations.some((o) => o.trait === 'ignoresDisabledCurrency' && o.value === true), JSON.stringify(ok.releaseObservations));
      const named = await checkFixtures(client, params(), loadFixtures(PROVISIONED));
      assert.match(named.mismatches['currencies.third'], /accepts GBP through api\/currency but then shows amounts in its default currency \(\$12,320,000\.00\), as it does with a currency that is disabled/);
    } finally {
      store.db.prepare("UPDATE in_currency SET status = 1 WHERE code = 'GBP'").run();
    }
    const enabled = await checkFixtures(client, params(), loadFixtures(fixturesFile({ name: 'enabled', currencies: { third: { enabled: false } } })));
    assert.match(enabled.mismatches['currencies.third.enabled'], /amounts are shown in it .*; release 3\.0\.5\.0–3\.0\.5\.1 .* would show the default currency if GBP were disabled: GBP is enabled/);
  });

  it('learns that the store\'s messages are en-gb\'s, and refuses language files its messages contradict', async () => {
    const english = loadFixtures(PROVISIONED);
    await checkFixtures(client, params(), english);
    assert.deepEqual((({ english: e, source }) => ({ e, source }))(english.language as { english: boolean; source: string }), { e: true, source: 'learned' });
    const german = await checkFixtures(client, params(), loadFixtures(fixturesFile({ name: 'german', language: { code: 'de-de', texts: path.join(__dirname, 'fixtures', 'language', 'de-de') } })));
    assert.match(german.mismatches['language.texts'], /^the store's messages are not those of the language files the fixtures name: api\/login says "Success: API session successfully started!", .*de-de gives "Erfolg: API-Sitzung erfolgreich gestartet!"/);
  });

  it('ends the run with exit 2 on a contradicted configuration, and under --certify on missing data', async () => {
    const wrong = await runCli(['--target', url, '--fixtures', fixturesFile({ name: 'wrong', currencies: { default: { sample: '£1.00' } } })], { INVOTIDE_API_KEY: store.apiKey });
    assert.equal(wrong.code, 2, wrong.stdout + wrong.stderr);
    assert.match(wrong.stderr, /configuration error: the store's configuration is not what the fixtures .* name:\n/);
    assert.match(wrong.stderr, /^  currencies.default.sample: the store writes amounts of this currency as \$1,234,567\.89 \(that amount: \$1\.00\), the fixtures' sample is "£1\.00": write "\$1,234,567\.89"$/m);
    store.db.prepare("UPDATE in_coupon SET status = 0 WHERE code = 'IVT-FIXED10'").run();
    try {
      const certify = await runCli(['--target', url, '--certify', '--tags', '@id:coupon-fixed-discount'], { INVOTIDE_API_KEY: store.apiKey });
      assert.equal(certify.code, 2, certify.stdout + certify.stderr);
      assert.match(certify.stderr, /--certify needs every datum the fixtures name, and the target lacks 1 .*\n  coupons.fixed: coupon IVT-FIXED10 does not apply/);
      // Half of this two-scenario selection lacks its datum: a thin run, which the gate passes only when asked.
      const normal = await runCli(['--target', url, '--tags', '@id:coupon-fixed-discount or @id:coupon-percent-discount', '--allow-thin-run'], { INVOTIDE_API_KEY: store.apiKey });
      assert.equal(normal.code, 0, normal.stdout + normal.stderr);
      assert.match(normal.stdout, /the target lacks 1 of the data the fixtures name .*\n  coupons.fixed: /);
      assert.match(normal.stdout, /1 × the target lacks the "fixed" coupon \(coupon IVT-FIXED10 does not apply .*\): apply `invotide-conformance provision`/);
      assert.match(normal.stdout, /gate: PASS: 0 @must failures, 1 skipped \(not gated\), a thin run allowed \(--allow-thin-run\): 1 of 2 @must scenarios skipped for data the target lacks\nconformance: 1 passed, 0 failed, 1 skipped/);
    } finally {
      store.db.prepare("UPDATE in_coupon SET status = 1 WHERE code = 'IVT-FIXED10'").run();
    }
  });
});
