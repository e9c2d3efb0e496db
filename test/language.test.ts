// The store's language: its language files read as data, the messages the suite expects in it, and a run against a
// store that answers in German, once with its files named (test/fixtures/profiles/other-language.json, in
// test/profiles.test.ts) and here without: the message scenarios are then not applicable, naming why, and nothing fails.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MESSAGES, MESSAGE_SPECS, message, messageTemplate, sprintf, useLanguage } from '../src/api/messages';
import { parseLanguageFile, readLanguageFolder, declaredLanguage } from '../src/target/language';
import { judgeLanguage } from '../src/target/learners/language';
import { NotApplicableError, type LanguageFinding } from '../src/target/profile';
import type { RunReport } from '../src/reports/results';
import { createStore, type ReferenceStore } from '../store';
import { runCli } from './support/cli';

const DE = path.join(__dirname, 'fixtures', 'language', 'de-de');

describe('language files, read as data', () => {
  it('reads single- and double-quoted texts with their escapes, and passes over comments', () => {
    const texts = parseLanguageFile(`<?php\n// Text\n$_['a'] = 'it\\'s';\n$_["b"]   = "line\\n\\"x\\" \\\\";\n# $_['c'] = 'not a comment in PHP terms, still read';\n`);
    assert.deepEqual(texts, { a: "it's", b: 'line\n"x" \\', c: 'not a comment in PHP terms, still read' });
  });

  it('refuses a value it would have to evaluate, naming the key', () => {
    assert.throws(() => parseLanguageFile(`<?php $_['a'] = 'x' . PHP_EOL;`, 'api/x.php'), /api\/x\.php: \$_\['a'\] is not a plain string/);
  });

  it('keys the texts of a folder by file and key, the pack\'s own file included', () => {
    const texts = readLanguageFolder(DE);
    assert.equal(texts['api/currency.error_currency'], 'Warnung: Währungscode ist ungültig!');
    assert.equal(texts['de-de.decimal_point'], ',');
    assert.equal(texts['de-de.thousand_point'], '.');
  });

  it('names the folder when it is not one', () => {
    assert.throws(() => readLanguageFolder(path.join(DE, 'nowhere')), /language\.texts is .*nowhere, which is not a readable folder/);
  });
});

describe('the messages the suite expects, in the store\'s language', () => {
  const german: LanguageFinding = declaredLanguage({ name: 'x', language: { code: 'de-de', texts: DE } });
  after(() => useLanguage(undefined));

  it('en-gb\'s texts for a store in English', () => {
    useLanguage(undefined);
    assert.equal(MESSAGES.currencyInvalid, 'Warning: Currency code is invalid!');
    assert.equal(MESSAGES.cartMinimum('iPod', 2), 'Minimum order amount for iPod is 2!');
  });

  it('the texts of the store\'s files, with their arguments filled in', () => {
    useLanguage(german);
    assert.equal(MESSAGES.currencyInvalid, 'Warnung: Währungscode ist ungültig!');
    assert.equal(MESSAGES.cartMinimum('iPod', 2), 'Die Mindestbestellmenge für iPod ist 2!');
  });

  it('the file of the route that answered: api/order says "paymentNone" with its own key, api/payment/address the address errors', () => {
    assert.equal(message('paymentNone', 'api/order/add'), 'Warnung: Es sind keine Zahlungsarten verfügbar!');
    assert.equal(message('cartSuccess', 'api/voucher/add'), 'Erfolg: Sie haben Ihren Warenkorb geändert!');
    assert.equal(messageTemplate('firstname', 'api/payment/address', { ...german, texts: { ...german.texts, 'api/payment.error_firstname': 'Vorname (Zahlung)' } }), 'Vorname (Zahlung)');
  });

  it('en-gb\'s text for a key the store\'s file lacks, as OpenCart falls back; not applicable for a file the folder lacks', () => {
    const texts = { ...german.texts };
    delete texts['api/currency.text_success'];
    assert.equal(messageTemplate('currencySuccess', undefined, { ...german, texts }), 'Success: Your currency has been changed!');
    for (const key of Object.keys(texts).filter((k) => k.startsWith('api/reward.'))) delete texts[key];
    assert.throws(() => messageTemplate('rewardSuccess', undefined, { ...german, texts }), (e: Error) => e instanceof NotApplicableError && /have no api\/reward\.php/.test(e.message));
  });

  it('not applicable, saying why, where the store is not English and no files are named', () => {
    useLanguage({ code: 'de-de', source: 'learned', english: false, evidence: 'api/currency says "Warnung: …"' });
    assert.throws(() => message('currencySuccess'), (e: Error) => e instanceof NotApplicableError && /not OpenCart's English ones \(api\/currency says "Warnung: …"\).*"language"/.test(e.message));
  });

  it('sprintf: in order, numbered, %d and %%', () => {
    assert.equal(sprintf('%2$s vor %1$s, %d%%', 'a', 'b'), 'b vor a, 0%');
    assert.equal(sprintf('%s und %d', 'x', '7.9'), 'x und 7');
  });
});

describe('the fixture check tells the store\'s language from its messages', () => {
  const heard = (text: string) => [{ name: 'currencyInvalid' as const, route: 'api/currency', text }, { name: 'loginSuccess' as const, route: 'api/login', text: 'Success: API session successfully started!' }];
  const english: LanguageFinding = { code: 'en-gb', source: 'default', english: true };

  it('English when every message is en-gb\'s', () => {
    assert.deepEqual(judgeLanguage(english, heard('Warning: Currency code is invalid!')), { english: true, evidence: '2 messages are en-gb\'s (api/currency, api/login)', contradictions: [] });
  });

  it('English when fewer than half are not: a changed text is judged by the message scenarios, not learned as a language', () => {
    const more = [...heard('Currency code is invalid (our theme)'), { name: 'couponInvalid' as const, route: 'api/coupon', text: MESSAGE_SPECS.couponInvalid.en }];
    assert.equal(judgeLanguage(english, more).english, true);
  });

  it('not English when half or more are not, with the first such message as the evidence', () => {
    const j = judgeLanguage(english, heard('Warnung: Währungscode ist ungültig!'));
    assert.equal(j.english, false);
    assert.match(j.evidence, /api\/currency says "Warnung: Währungscode ist ungültig!" where en-gb says "Warning: Currency code is invalid!"/);
  });

  it('a message that is not what the named files say contradicts them, naming both', () => {
    const german = declaredLanguage({ name: 'x', language: { code: 'de-de', texts: DE } });
    const j = judgeLanguage(german, heard('Warning: Currency code is invalid!'));
    assert.deepEqual(j.contradictions.slice(0, 1), [`api/currency says "Warning: Currency code is invalid!", ${DE} gives "Warnung: Währungscode ist ungültig!"`]);
  });
});

describe('a store in German whose fixtures name no language files', () => {
  let store: ReferenceStore;
  let url: string;
  before(async () => {
    store = createStore({ language: { code: 'de-de', texts: readLanguageFolder(DE) } });
    url = await store.listen(0, '127.0.0.1');
  });
  after(() => store.close());

  it('judges it without failing it for its language: the message scenarios are not applicable, saying why', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'invotide-language-'));
    const run = await runCli(['--target', url, '--fixtures', path.join(__dirname, 'fixtures', 'language', 'de-de-without-texts.json'), '--parallel', '2', '--tags', '@area:currency or @area:customer'], {
      INVOTIDE_API_KEY: store.apiKey,
      INVOTIDE_ALLOW_WRITES: 'true',
    }, cwd);
    const report = JSON.parse(readFileSync(path.join(cwd, 'reports', 'report.json'), 'utf8')) as RunReport;
    const failed = report.scenarios.filter((s) => !['passed', 'not-applicable', 'skipped'].includes(s.outcome));
    assert.deepEqual(failed.map((s) => `${s.id}: ${s.reason}`), [], run.stdout.slice(-2000));
    assert.equal(run.code, 0, run.stderr || run.stdout.slice(-2000));
    const messages = report.scenarios.filter((s) => /-messages?(#\d+)?$/.test(s.id));
    assert.ok(messages.length >= 8, `message scenarios run: ${messages.map((s) => s.id).join(', ')}`);
    for (const s of messages) {
      assert.equal(s.outcome, 'not-applicable', `${s.id}: ${s.outcome}`);
      assert.match(s.reason ?? '', /the store's messages are not OpenCart's English ones \(api\/.* says ".*" where en-gb says/);
    }
    assert.equal(report.scenarios.find((s) => s.id === 'currency-converts-cart#1')?.outcome, 'passed', 'a scenario about amounts still judges them, written the German way');
    assert.match(JSON.stringify(report.target), /"language":"de-de \(not English\)|"language":"en-gb \(not English\)/);
  });
});
