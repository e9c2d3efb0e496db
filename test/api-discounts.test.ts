import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TotalLine } from '../src/api/cart';
import { couponDiscount, discountLineTitle, discountProblems, rewardDiscount, shippingCouponProblems, voucherDiscount } from '../src/api/discounts';
import { cents, fixtureMoney, formatLike, moneyText, parseMoney, totalsAddUp, withinRounding } from '../src/api/money';
import { Currency, type FixtureReader } from '../src/api/roles';
import { fixtureAt, type Fixtures } from '../src/fixtures';

const lines = (...pairs: Array<[string, string]>): TotalLine[] => pairs.map(([title, text]) => ({ title, text }));

// Two iPhones (101.00 ex tax each) in the UK: VAT 20% and Eco Tax 2.00 a unit.
const twoPhones = lines(['Sub-Total', '$202.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$40.40'], ['Total', '$246.40']);

describe('parseMoney', () => {
  it('reads left and right symbols, thousands and the sign after a left symbol', () => {
    assert.equal(parseMoney('$1,000.00'), 1000);
    assert.equal(parseMoney('$123.20'), 123.2);
    assert.equal(parseMoney('96.66€'), 96.66);
    assert.equal(parseMoney('£75.46'), 75.46);
    assert.equal(parseMoney('$-150.00'), -150);
    assert.equal(parseMoney('-117.69€'), -117.69);
    assert.equal(parseMoney('$0.00'), 0);
  });

  it('refuses a text without a number', () => {
    assert.throws(() => parseMoney('free'), /not a formatted amount/);
  });
});

describe('comparing amounts (one rule: half a cent for each formatted amount involved)', () => {
  it('allows half a cent per rounding, and no more', () => {
    assert.ok(withinRounding(10.005, 10, 1));
    assert.ok(!withinRounding(10.006, 10, 1));
    assert.ok(withinRounding(10.01, 10, 2));
    assert.ok(withinRounding(0.1 + 0.2, 0.3, 0), 'float noise is no rounding');
  });

  it('reads an amount in cents', () => {
    assert.equal(cents('$1,000.05'), 100005);
    assert.equal(cents('-117.69€'), -11769);
  });

  it('checks that the Total is the sum of the lines above it, never below zero', () => {
    const t = (...texts: string[]): TotalLine[] => texts.map((text, i) => ({ title: i === texts.length - 1 ? 'Total' : `line ${i}`, text }));
    assert.deepEqual(totalsAddUp(t('$681.00', '$6.00', '$136.20', '$823.20')), []);
    assert.deepEqual(totalsAddUp(t('$10.00', '$-25.00', '$0.00')), []);
    // Three lines each rounded up by nearly half a cent, the Total rounded once.
    assert.deepEqual(totalsAddUp(t('$1.00', '$1.00', '$1.00', '$2.99')), []);
    assert.match(totalsAddUp(t('$1.00', '$1.00', '$1.00', '$2.97'))[0], /add up to 3.00/);
    assert.match(totalsAddUp(t('$1.00'))[0], /at least a Sub-Total and a Total/);
  });

  it('shows a fixture amount in a currency: times its value, like its sample', () => {
    const fixtures = { name: 't', currencies: { default: { code: 'USD', value: 1, sample: '$1.00' }, other: { code: 'EUR', value: 0.78460002, sample: '1.00€' } }, products: { simple: { unit_price: 123.2 } } } as unknown as Fixtures;
    const reader: FixtureReader = { fixture: (p) => fixtureAt(fixtures, p) };
    assert.equal(moneyText(new Currency(reader, 'other'), 123.2), '96.66€');
    assert.equal(fixtureMoney(reader, 'products.simple.unit_price'), '$123.20');
    assert.equal(fixtureMoney(reader, 'products.simple.unit_price', 'other'), '96.66€');
    assert.throws(() => fixtureMoney(reader, 'products.simple.price_ex_tax'), /fixtures name no "products.simple.price_ex_tax"/);
  });
});

describe('formatLike', () => {
  it('formats an amount with the symbols of a sample of the same currency', () => {
    assert.equal(formatLike('$123.20', 25), '$25.00');
    assert.equal(formatLike('$123.20', 1000), '$1,000.00');
    assert.equal(formatLike('96.66€', 784.60002), '784.60€');
    assert.equal(formatLike('$123.20', -150), '$-150.00');
    assert.equal(formatLike('96.66€', -117.69), '-117.69€');
  });
});

describe('discount amounts', () => {
  it('takes a percentage coupon from the sub-total and caps a fixed one at it', () => {
    assert.equal(couponDiscount('P', 10, 600), 60);
    assert.equal(couponDiscount('F', 10, 202), 10);
    assert.equal(couponDiscount('F', 10, 4), 4);
  });

  it('shares reward points over the lines that carry points (recorded exchange 164: 300 of 1200 points on 600.00)', () => {
    assert.equal(rewardDiscount(600, 300, 1200), 150);
    assert.throws(() => rewardDiscount(600, 300, 0), /no line/);
  });

  it('takes a gift voucher up to what is left to pay', () => {
    assert.equal(voucherDiscount(100, 123.2), 100);
    assert.equal(voucherDiscount(100, 25), 25);
    assert.equal(voucherDiscount(100, 0), 0);
  });

  it('names the discount lines as the store titles them', () => {
    assert.equal(discountLineTitle('coupon', '2222'), 'Coupon (2222)');
    assert.equal(discountLineTitle('voucher', 'GIFT100'), 'Gift Certificate (GIFT100)');
    assert.equal(discountLineTitle('reward', 300), 'Reward Points (300)');
  });
});

describe('discountProblems', () => {
  const coupon = { title: 'Coupon (2222)', amount: 20.2, taxes: 'reduced' as const };

  it('accepts a 10% coupon that reduces VAT by its share and leaves the fixed Eco Tax', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$-20.20'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$36.36'], ['Total', '$222.16']);
    assert.deepEqual(discountProblems(twoPhones, after, coupon), []);
  });

  it('accepts a fixed 10.00 coupon (VAT 40.40 less 20% of 10.00)', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (1111)', '$-10.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$38.40'], ['Total', '$234.40']);
    assert.deepEqual(discountProblems(twoPhones, after, { title: 'Coupon (1111)', amount: 10, taxes: 'reduced' }), []);
  });

  it('reports a discount line with the wrong amount or sign', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$20.20'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$36.36'], ['Total', '$262.56']);
    assert.match(discountProblems(twoPhones, after, coupon).join('\n'), /"Coupon \(2222\)" is \$20.20, expected −20.20/);
  });

  it('reports a missing discount line', () => {
    assert.match(discountProblems(twoPhones, twoPhones, coupon).join('\n'), /no "Coupon \(2222\)" line/);
  });

  it('reports taxes that were not reduced', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$-20.20'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$40.40'], ['Total', '$226.20']);
    assert.match(discountProblems(twoPhones, after, coupon).join('\n'), /no tax line was reduced/);
  });

  it('reports a tax reduced by the wrong amount', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$-20.20'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$30.00'], ['Total', '$215.80']);
    assert.match(discountProblems(twoPhones, after, coupon).join('\n'), /"VAT \(20%\)" is \$30.00/);
  });

  it('reports a Total that is not the sum of the lines', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$-20.20'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$36.36'], ['Total', '$246.40']);
    assert.match(discountProblems(twoPhones, after, coupon).join('\n'), /add up to 222.16/);
  });

  it('reports a changed sub-total and extra lines', () => {
    const after = lines(['Sub-Total', '$181.80'], ['Coupon (2222)', '$-20.20'], ['Store Credit', '$-1.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$36.36'], ['Total', '$201.00']);
    const problems = discountProblems(twoPhones, after, coupon).join('\n');
    assert.match(problems, /first line changed/);
    assert.match(problems, /other lines changed/);
  });

  it('accepts reward points as in recorded exchange 164 (300 of 1200 points: −150.00, VAT −30.00)', () => {
    const before = lines(['Sub-Total', '$600.00'], ['Eco Tax (-2.00)', '$12.00'], ['VAT (20%)', '$120.00'], ['Total', '$732.00']);
    const after = lines(['Sub-Total', '$600.00'], ['Reward Points (300)', '$-150.00'], ['Eco Tax (-2.00)', '$12.00'], ['VAT (20%)', '$90.00'], ['Total', '$552.00']);
    assert.deepEqual(discountProblems(before, after, { title: 'Reward Points (300)', amount: rewardDiscount(600, 300, 1200), taxes: 'reduced' }), []);
  });

  it('accepts a gift voucher after tax, and a Total that stops at 0', () => {
    const phone = lines(['Sub-Total', '$101.00'], ['Eco Tax (-2.00)', '$2.00'], ['VAT (20%)', '$20.20'], ['Total', '$123.20']);
    const after = lines(['Sub-Total', '$101.00'], ['Eco Tax (-2.00)', '$2.00'], ['VAT (20%)', '$20.20'], ['Gift Certificate (GIFT100)', '$-100.00'], ['Total', '$23.20']);
    assert.deepEqual(discountProblems(phone, after, { title: 'Gift Certificate (GIFT100)', amount: 100, taxes: 'unchanged' }), []);
    const voucherOnly = lines(['Sub-Total', '$25.00'], ['Total', '$25.00']);
    const paid = lines(['Sub-Total', '$25.00'], ['Gift Certificate (GIFT100)', '$-25.00'], ['Total', '$0.00']);
    assert.deepEqual(discountProblems(voucherOnly, paid, { title: 'Gift Certificate (GIFT100)', amount: voucherDiscount(100, 25), taxes: 'unchanged' }), []);
  });

  it('reports a tax that a gift voucher changed', () => {
    const phone = lines(['Sub-Total', '$101.00'], ['VAT (20%)', '$20.20'], ['Total', '$121.20']);
    const after = lines(['Sub-Total', '$101.00'], ['VAT (20%)', '$0.20'], ['Gift Certificate (GIFT100)', '$-100.00'], ['Total', '$1.20']);
    assert.match(discountProblems(phone, after, { title: 'Gift Certificate (GIFT100)', amount: 100, taxes: 'unchanged' }).join('\n'), /expected it unchanged/);
  });
});

describe('discountProblems: a discount that takes a percentage tax entirely', () => {
  const p = { title: 'Coupon (FIXED500)', amount: 202, taxes: 'reduced' as const };
  const code = 'Coupon (FIXED500)';

  it('accepts the VAT line gone and the Eco Tax kept', () => {
    const after = lines(['Sub-Total', '$202.00'], [code, '$-202.00'], ['Eco Tax (-2.00)', '$4.00'], ['Total', '$4.00']);
    assert.deepEqual(discountProblems(twoPhones, after, p), []);
  });

  it('reports a tax line that shows nothing', () => {
    const after = lines(['Sub-Total', '$202.00'], [code, '$-202.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$0.00'], ['Total', '$4.00']);
    assert.match(discountProblems(twoPhones, after, p).join('; '), /comes to nothing shows no line/);
  });

  it('still reports a tax line that went although the discount leaves part of it', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$-20.20'], ['Eco Tax (-2.00)', '$4.00'], ['Total', '$185.80']);
    assert.match(discountProblems(twoPhones, after, { title: 'Coupon (2222)', amount: 20.2, taxes: 'reduced' }).join('; '), /the other lines changed/);
  });
});

describe('discountProblems: the tax lines whose kind is known', () => {
  const kinds = { percentage: ['VAT (20%)'], fixed: ['Eco Tax (-2.00)'] };
  const coupon = { title: 'Coupon (2222)', amount: 20.2, taxes: 'reduced' as const, taxKinds: kinds };

  it('accepts the percentage tax reduced by its share and the fixed tax kept', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$-20.20'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$36.36'], ['Total', '$222.16']);
    assert.deepEqual(discountProblems(twoPhones, after, coupon), []);
  });

  it('reports a fixed tax that lost a share too', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$-20.20'], ['Eco Tax (-2.00)', '$3.60'], ['VAT (20%)', '$36.36'], ['Total', '$221.76']);
    assert.match(discountProblems(twoPhones, after, coupon).join('; '), /"Eco Tax \(-2.00\)" changed from \$4.00 to \$3.60/);
  });

  it('reports the fixed tax reduced instead of the percentage one', () => {
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (2222)', '$-20.20'], ['Eco Tax (-2.00)', '$0.00'], ['VAT (20%)', '$40.40'], ['Total', '$222.20']);
    const problems = discountProblems(twoPhones, after, coupon).join('; ');
    assert.match(problems, /"VAT \(20%\)" is \$40.40, expected 36.36/);
    assert.match(problems, /"Eco Tax \(-2.00\)" changed/);
  });

  it('reports the fixed tax line gone when the discount takes the whole Sub-Total', () => {
    const p = { title: 'Coupon (FIXED500)', amount: 202, taxes: 'reduced' as const, taxKinds: kinds };
    const after = lines(['Sub-Total', '$202.00'], ['Coupon (FIXED500)', '$-202.00'], ['VAT (20%)', '$0.00'], ['Total', '$0.00']);
    assert.match(discountProblems(twoPhones, after, p).join('; '), /"Eco Tax \(-2.00\)" \(a fixed-amount tax\) went/);
    const kept = lines(['Sub-Total', '$202.00'], ['Coupon (FIXED500)', '$-202.00'], ['Eco Tax (-2.00)', '$4.00'], ['Total', '$4.00']);
    assert.deepEqual(discountProblems(twoPhones, kept, p), []);
  });
});

describe('shippingCouponProblems', () => {
  // One iPhone (101.00) with flat shipping (5.00) in the UK: VAT 20.20 + 1.00, Eco Tax 2.00 + 2.00.
  const products = lines(['Sub-Total', '$101.00'], ['Eco Tax (-2.00)', '$2.00'], ['VAT (20%)', '$20.20'], ['Total', '$123.20']);
  const before = lines(['Sub-Total', '$101.00'], ['Flat Shipping Rate', '$5.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$21.20'], ['Total', '$131.20']);
  const shipping = before[1];

  it('accepts a free-shipping coupon: the cost and the VAT on it come off, the Eco Tax stays', () => {
    const after = lines(['Sub-Total', '$101.00'], ['Flat Shipping Rate', '$5.00'], ['Coupon (FREESHIP)', '$-5.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$20.20'], ['Total', '$125.20']);
    assert.deepEqual(shippingCouponProblems(before, products, after, { title: 'Coupon (FREESHIP)', sub: 101, productsDiscount: 0, shipping, freeShipping: true }), []);
  });

  it('accepts a fixed coupon capped at the products: their VAT goes, the VAT on the shipping stays', () => {
    const after = lines(['Sub-Total', '$101.00'], ['Flat Shipping Rate', '$5.00'], ['Coupon (FIXED500)', '$-101.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$1.00'], ['Total', '$10.00']);
    assert.deepEqual(shippingCouponProblems(before, products, after, { title: 'Coupon (FIXED500)', sub: 101, productsDiscount: 101, shipping, freeShipping: false }), []);
  });

  it('reports a coupon that took the shipping too, or left the VAT on it', () => {
    const after = lines(['Sub-Total', '$101.00'], ['Flat Shipping Rate', '$5.00'], ['Coupon (FIXED500)', '$-106.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$1.00'], ['Total', '$4.00']);
    assert.match(shippingCouponProblems(before, products, after, { title: 'Coupon (FIXED500)', sub: 101, productsDiscount: 101, shipping, freeShipping: false }).join('; '), /expected −101.00/);
    const untaxed = lines(['Sub-Total', '$101.00'], ['Flat Shipping Rate', '$5.00'], ['Coupon (FREESHIP)', '$-5.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$21.20'], ['Total', '$126.20']);
    assert.match(shippingCouponProblems(before, products, untaxed, { title: 'Coupon (FREESHIP)', sub: 101, productsDiscount: 0, shipping, freeShipping: true }).join('; '), /no tax line lost its share/);
  });
});
