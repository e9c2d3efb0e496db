// How the store writes amounts, read from samples and from what it shows, and written back the same way: any
// currency's symbols (and 3.0.5.0's space beside them), decimal places, and its language's decimal point and thousands
// separator; and the exact rates and formats the fixture check learns of each currency.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { formatLike, formatMoney, learnFormat, moneyFormat, parseMoney, phpRound, sampleOf, useCurrencyFormats } from '../src/api/money';
import { conversionProblems, type CartContents } from '../src/api/cart';
import { agreesAtItsPrecision, rateFromVoucher, settleCurrency, settleDefault, writtenDecimals } from '../src/target/learners/currencies';

describe('a format read from a sample', () => {
  const cases: Array<[string, string]> = [
    ['$1.00', '$1,234,567.89'],
    ['1.00€', '1,234,567.89€'],
    ['1,00 €', '1.234.567,89 €'],
    ['$ 1.00', '$ 1,234,567.89'],
    ['¥1,000', '¥1,234,568'],
    ['1 234 567,891 KD', '1 234 567,891 KD'],
    ['1234567,89 €', '1234567,89 €'],
  ];
  for (const [sample, written] of cases) {
    it(`${sample} writes ${written}`, () => assert.equal(sampleOf(moneyFormat(sample)), written));
  }
  it('refuses a sample that is no amount, or separates its digits three ways', () => {
    assert.throws(() => moneyFormat('free'), /not a formatted amount/);
    assert.throws(() => moneyFormat('1.234,567 89'), /more than two ways/);
  });
});


describe('reading and writing amounts', () => {
  afterEach(() => useCurrencyFormats([]));

  it('reads a decimal comma, a space between thousands, a currency without decimals', () => {
    assert.equal(parseMoney('1.234,56 €'), 1234.56);
    assert.equal(parseMoney('$ 1 234,56'), 1234.56);
    assert.equal(parseMoney('¥1,232'), 1232);
    assert.equal(parseMoney('$ -150,00'), -150);
  });

  it('reads a short amount by the learned format of its currency, where its look alone is ambiguous', () => {
    assert.equal(parseMoney('1,536 KD'), 1536, 'alone, a lone comma before three digits groups thousands');
    useCurrencyFormats(['1 234 567,891 KD', '$1,234,567.89']);
    assert.equal(parseMoney('1,536 KD'), 1.536);
    assert.equal(formatLike('5,000 KD', 1234.5), '1 234,500 KD');
    assert.equal(parseMoney('$1,536'), 1536, 'the dollar format writes no decimals this way, so it is read by its look');
  });

  it('rounds as PHP does (half away from zero, after 15 significant digits) and writes no "-0"', () => {
    assert.equal(phpRound(1.005, 2), 1.01);
    assert.equal(phpRound(-2.5, 0), -3);
    assert.equal(formatMoney(moneyFormat('$1.00'), -0.001), '$0.00');
    assert.equal(formatMoney(moneyFormat('¥1'), 1234.5), '¥1,235');
    assert.equal(formatMoney(moneyFormat('1,000 KD'), 0.0015), '0 KD');
  });
});

describe('a format learned from an amount the store shows', () => {
  it('tells the decimal places by the integer digits of the known amount, and the separators by where they stand', () => {
    assert.deepEqual(learnFormat('12.320.000,00 €', 12320000), { format: { left: '', right: ' €', decimals: 2, point: ',', thousands: '.' }, thousandsShown: true });
    assert.deepEqual(learnFormat('¥12,320,000', 12320000.4), { format: { left: '¥', right: '', decimals: 0, point: '.', thousands: ',' }, thousandsShown: true });
    assert.deepEqual(learnFormat('3 783 760,904 KD', 12320000 * 0.30712345)?.format, { left: '', right: ' KD', decimals: 3, point: ',', thousands: ' ' });
    assert.deepEqual(learnFormat('£7546000.12', 12320000 * 0.61250001)?.format.thousands, '');
  });

  it('knows nothing from an amount that is not the known one', () => {
    assert.equal(learnFormat('£7,546,000.13', 12320000 * 0.61250001), undefined);
    assert.equal(learnFormat('£7,546,000.12', 12320000 * 0.6), undefined);
  });
});

describe('a currency as the fixture check settles it', () => {
  const base = { amount: 123.2, what: 'products.simple.unit_price' };
  const defaults = { value: 1, base, lineTotal: '£12,320,000.00', format: moneyFormat('£1,234,567.89') };

  it('the exact rate from a gift voucher: 25 posted in euros is 25 ÷ 1.28097960 pounds', () => {
    assert.equal(rateFromVoucher({ posted: 25, amount: 19.516313921002332 }, 1), 1.2809796);
    assert.equal(rateFromVoucher({ posted: 1, amount: 1 / 0.61250001 }, 1), 0.61250001);
  });

  it('a rate the fixtures give agrees when it is the exact one rounded to its own decimals', () => {
    assert.deepEqual([writtenDecimals(1.281), writtenDecimals('0.78460002'), writtenDecimals(1), writtenDecimals(1e-9)], [3, 8, 0, 8]);
    assert.ok(agreesAtItsPrecision(1.281, 1.2809796));
    assert.ok(agreesAtItsPrecision(1.28, 1.2809796));
    assert.ok(agreesAtItsPrecision('1.28097960', 1.2809796));
    assert.ok(!agreesAtItsPrecision(1.282, 1.2809796));
    assert.ok(!agreesAtItsPrecision(1.2809795, 1.2809796));
    assert.ok(!agreesAtItsPrecision(1.280979601, 1.2809796), 'more decimals than the store keeps');
  });

  it('learns the rate and the format, and refuses a rate that is not a rounding of it naming the exact one', () => {
    const reading = { code: 'EUR', lineTotal: '15,781,668.67€', voucher: { posted: 25, amount: 19.516313921002332 } };
    const ok = settleCurrency('other', { code: 'EUR', value: 1.281, sample: '1.00€' }, reading, defaults);
    assert.deepEqual(ok.mismatches, {});
    assert.equal(ok.value, 1.2809796);
    assert.equal(sampleOf(ok.format!), '1,234,567.89€');
    const wrong = settleCurrency('other', { code: 'EUR', value: 1.282 }, reading, defaults);
    assert.match(wrong.mismatches['currencies.other.value'], /the store's rate of EUR is 1\.2809796 \(api\/voucher\/add of 25 EUR is 19\.516313921002332 in the default currency\), the fixtures say 1\.282: write 1\.2809796, or that rounded to fewer decimals \(1\.281\)/);
  });

  it('refuses a sample the store does not write that way, giving the one it does', () => {
    const reading = { code: 'EUR', lineTotal: '15.781.668,67 €', voucher: { posted: 25, amount: 19.516313921002332 } };
    const f = settleCurrency('other', { code: 'EUR', sample: '1.00€' }, reading, defaults);
    assert.match(f.mismatches['currencies.other.sample'], /writes amounts of this currency as 1\.234\.567,89 € \(that amount: 100,00 €\), the fixtures' sample is "1\.00€": write "1\.234\.567,89 €"/);
  });

  it('a currency shown in the default currency after it was chosen is disabled', () => {
    const f = settleCurrency('other', { code: 'EUR', value: 1.281 }, { code: 'EUR', lineTotal: '£12,320,000.00', voucher: { posted: 1, amount: 1 } }, defaults);
    assert.match(f.mismatches['currencies.other'], /accepts EUR through api\/currency but then shows amounts in its default currency .* disabled/);
  });

  it('the default currency is the one a new session shows, at its value', () => {
    const fresh = { lineTotal: '£12,320,000.00' };
    assert.deepEqual(settleDefault({ code: 'GBP', value: 1, sample: '£1.00' }, fresh, { code: 'GBP', lineTotal: '£12,320,000.00' }, [base]).mismatches, {});
    assert.match(settleDefault({ code: 'USD', value: 1 }, fresh, { code: 'USD', lineTotal: '$20,114,285.70' }, [base]).mismatches['currencies.default.code'], /config_currency\) is not USD/);
    const exTax = settleDefault({ code: 'GBP', value: 1 }, { lineTotal: '£10,100,000.00' }, undefined, [base, { amount: 101, what: 'products.simple.price_ex_tax' }]);
    assert.equal(exTax.base?.what, 'products.simple.price_ex_tax', 'a store that shows prices without tax');
    assert.match(settleDefault({ code: 'GBP', value: 1 }, { lineTotal: '£9,999.00' }, undefined, [base]).mismatches['currencies.default'], /which is not 100000 × 123\.2 \(products\.simple\.unit_price\) × 1/);
  });
});

describe('a cart shown in another currency', () => {
  const cart = (...totals: string[]): CartContents => ({ products: [], vouchers: [], totals: totals.map((text, i) => ({ title: `t${i}`, text })) }) as unknown as CartContents;

  it('allows half a unit of each currency\'s last place: the noted amount\'s times the rate, and the shown one\'s', () => {
    // $10.01 noted (10.005 to 10.015) at 150 yen: 1,500.75 to 1,502.25, shown rounded to the yen.
    assert.deepEqual(conversionProblems(cart('$10.01'), cart('¥1,502'), 150, '¥1', '$1.00'), []);
    assert.deepEqual(conversionProblems(cart('$10.01'), cart('¥1,503'), 150, '¥1', '$1.00').length, 1);
    assert.deepEqual(conversionProblems(cart('$ 10,01'), cart('3,074 KD'), 0.30712345, '1 234 567,891 KD', '$ 1 234,56'), []);
  });
});
