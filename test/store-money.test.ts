// Reference store: currencies as an operator sets them up and the language it answers in (store/rules/money.ts,
// store/language.ts), as a real OpenCart answers when its currencies, settings and language files are changed so: a
// currency of 0 or 3 decimal places, 3.0.5.0's space beside the symbol, a language pack's decimal comma, a disabled
// currency (used before 3.0.3.7, dropped for the default from it), and messages in the pack's language
// (system/library/cart/currency.php, catalog/model/localisation/currency.php, system/library/language.php).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readLanguageFolder } from '../src/target/language';
import { listeningStore } from './support/store';
import { StoreClient } from './support/store-client';

const KEY = 'm'.repeat(64);
const DE = readLanguageFolder(path.join(__dirname, 'fixtures', 'language', 'de-de'));

async function cartIn(url: string, currency: string): Promise<{ price: string; currency: unknown }> {
  const client = new StoreClient(url);
  await client.login(KEY, 'Default');
  await client.call('api/cart/add', { product_id: 40, quantity: 1 });
  const chosen = (await client.call('api/currency', { currency })).json;
  const cart = (await client.call('api/cart/products')).json as { products: Array<{ price: string }> };
  return { price: cart.products[0].price, currency: chosen };
}

describe('reference store currencies', () => {
  const s = listeningStore({
    apiKey: KEY,
    currencies: [
      { code: 'JPY', value: 150, symbolLeft: '¥', decimalPlace: 0 },
      { code: 'KWD', value: 0.30712345, symbolRight: 'KD', decimalPlace: 3 },
      { code: 'CHF', value: 1.15, symbolLeft: 'CHF', enabled: false },
    ],
    settings: { config_symbol_left_space: '1', config_symbol_right_space: '1' },
  });

  it('writes each currency in its decimal places, with a space beside the symbol where the settings say so', async () => {
    assert.equal((await cartIn(s.url, 'USD')).price, '$ 123.20');
    assert.equal((await cartIn(s.url, 'JPY')).price, '¥ 18,480');
    assert.equal((await cartIn(s.url, 'KWD')).price, '37.838 KD');
  });

  it('accepts a disabled currency, and from 3.0.3.7 shows the default one instead', async () => {
    assert.deepEqual(await cartIn(s.url, 'CHF'), { price: '$ 123.20', currency: { success: 'Success: Your currency has been changed!' } });
  });
});

describe('reference store as OpenCart 3.0.3.6, with a disabled currency', () => {
  const s = listeningStore({ apiKey: KEY, release: '3.0.3.6', currencies: [{ code: 'CHF', value: 1.15, symbolLeft: 'CHF', enabled: false }] });

  it('uses the disabled currency chosen through api/currency', async () => {
    assert.equal((await cartIn(s.url, 'CHF')).price, 'CHF141.68');
  });
});

describe('reference store in another language', () => {
  const s = listeningStore({ apiKey: KEY, language: { code: 'de-de', texts: DE } });

  it('answers every message in it, the permission error included, and writes amounts with its separators', async () => {
    assert.deepEqual((await cartIn(s.url, 'EUR')).currency, { success: 'Erfolg: Ihre Währung wurde geändert!' });
    assert.equal((await cartIn(s.url, 'EUR')).price, '96,66€');
    const stranger = new StoreClient(s.url);
    assert.deepEqual((await stranger.call('api/currency', { currency: 'EUR' })).json, { error: 'Warnung: Sie haben keine Berechtigung, auf die API zuzugreifen!' });
    assert.deepEqual((await stranger.call('api/cart/products')).json, { error: { warning: 'Warnung: Sie haben keine Berechtigung, auf die API zuzugreifen!' } });
    const client = new StoreClient(s.url);
    await client.login(KEY, 'Default');
    assert.deepEqual((await client.call('api/voucher/add', { from_name: 'a', from_email: 'a@b.co', to_name: 'b', to_email: 'b@b.co', amount: 0 })).json, { error: { amount: 'Der Betrag muss zwischen $1,00 und $1.000,00 liegen!' } });
  });

  it('titles the totals in it', async () => {
    const client = new StoreClient(s.url);
    await client.login(KEY, 'Default');
    await client.call('api/cart/add', { product_id: 40, quantity: 10 });
    const cart = (await client.call('api/cart/products')).json as { totals: Array<{ title: string; text: string }> };
    assert.deepEqual([cart.totals[0].title, cart.totals[cart.totals.length - 1].title], ['Zwischensumme', 'Gesamtsumme']);
    assert.equal(cart.totals[cart.totals.length - 1].text, '$1.232,00');
  });
});

describe('reference store in a language whose files lack a key', () => {
  const texts = { ...DE };
  delete texts['api/currency.text_success'];
  const s = listeningStore({ apiKey: KEY, language: { code: 'de-de', texts } });

  it('keeps en-gb\'s text for it, as OpenCart reads en-gb\'s file first', async () => {
    assert.deepEqual((await cartIn(s.url, 'EUR')).currency, { success: 'Success: Your currency has been changed!' });
  });
});
