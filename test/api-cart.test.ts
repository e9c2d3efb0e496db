import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  addForm, batchForm, conversionProblems, currencyForm, currencyRate, everyOption, lineTotalProblems, optionChoice, quantitiesById,
  sortedOptions, subTotalProblems, totalsProblems, type CartContents, type CartOption, type CartProduct, type CartVoucher, type TotalLine,
} from '../src/api/cart';
import { Currency, Product, type FixtureReader } from '../src/api/roles';
import { encodeForm } from '../src/client';
import { fixtureAt, type Fixtures } from '../src/fixtures';

const fixtures = {
  name: 'test',
  currencies: { default: { code: 'USD', sample: '$123.20', value: 1 }, other: { code: 'EUR', sample: '96.66€', value: 0.78460002 } },
  products: {
    simple: { product_id: 40, name: 'iPhone' },
    'with a required select': {
      product_id: 30,
      options: { select: { product_option_id: 226, name: 'Select', values: { Red: 15, Blue: 16 } } },
      'low stock value': { name: 'Red', stock: 2 },
    },
    'with every option type': {
      product_id: 42,
      options: {
        checkbox: { product_option_id: 223, name: 'Checkbox', values: { 'Checkbox 1': 8, 'Checkbox 2': 9 } },
        radio: { product_option_id: 218, name: 'Radio', values: { Small: 5 } },
        datetime: { product_option_id: 220, name: 'Date &amp; Time', value: '2011-02-20 22:25' },
      },
    },
  },
} as unknown as Fixtures;

const world: FixtureReader = { fixture: (p) => fixtureAt(fixtures, p) };
const product = (role: string): Product => new Product(world, role);
const currency = (role: string): Currency => new Currency(world, role);

function line(cart_id: string, product_id: string, quantity: string, price: string, total: string): CartProduct {
  return { cart_id, product_id, name: '', model: '', option: [], quantity, stock: true, shipping: '1', price, total, reward: 0 };
}

const voucher = (code: number): CartVoucher => ({
  code, description: '$25.00 Gift Certificate for Bob', from_name: 'Alice', from_email: 'alice@invotide.example', to_name: 'Bob',
  to_email: 'bob@invotide.example', voucher_theme_id: '8', message: '', price: '$25.00', amount: 25,
});

const totals = (...pairs: Array<[string, string]>) => pairs.map(([title, text]) => ({ title, text }));

// recorded exchange 39: an iPhone, a Canon EOS 5D and a MacBook in the UK (VAT 20% and Eco Tax 2.00 a unit).
const observed39: CartContents = {
  products: [line('1', '40', '1', '$123.20', '$123.20'), line('2', '30', '1', '$98.00', '$98.00'), line('3', '43', '1', '$602.00', '$602.00')],
  vouchers: [],
  totals: totals(['Sub-Total', '$681.00'], ['Eco Tax (-2.00)', '$6.00'], ['VAT (20%)', '$136.20'], ['Total', '$823.20']),
};

describe('api/cart/add forms', () => {
  it('sends product_id and quantity, and leaves quantity out when none is given', () => {
    assert.equal(encodeForm(addForm(product('simple'), 2)), 'product_id=40&quantity=2');
    assert.equal(encodeForm(addForm(product('simple'), undefined)), 'product_id=40');
    assert.equal(encodeForm(addForm(product('simple'), 'abc')), 'product_id=40&quantity=abc');
  });

  it('encodes options as option[ID]: a value id for a choice, a list for a checkbox, the text for a text-like option', () => {
    // Integer-like keys of a JS object come in ascending order, so the options are sent by product_option_id.
    const form = addForm(product('with every option type'), 1, everyOption(product('with every option type')));
    assert.equal(decodeURIComponent(encodeForm(form)), 'product_id=42&quantity=1&option[218]=5&option[220]=2011-02-20 22:25&option[223][]=8');
  });

  it('chooses the first value that is not the low stock value, unless a value is named', () => {
    assert.equal(optionChoice(product('with a required select'), 'select').sent, '16');
    assert.equal(optionChoice(product('with a required select'), 'select', 'Red').sent, '15');
    assert.equal(optionChoice(product('with every option type'), 'checkbox', 'Checkbox 2').line.value, 'Checkbox 2');
  });

  it('describes the cart line each option should show', () => {
    assert.deepEqual(optionChoice(product('with every option type'), 'datetime').line,
      { product_option_id: '220', product_option_value_id: '', name: 'Date &amp; Time', value: '2011-02-20 22:25', type: 'datetime' });
    assert.deepEqual(optionChoice(product('with every option type'), 'checkbox').line,
      { product_option_id: '223', product_option_value_id: '8', name: 'Checkbox', value: 'Checkbox 1', type: 'checkbox' });
  });

  it('encodes a batch as product[i][product_id|quantity|option]', () => {
    const form = batchForm([{ product: product('simple'), quantity: 1, options: [] }, { product: product('with a required select'), quantity: 2, options: ['select'] }]);
    assert.equal(decodeURIComponent(encodeForm(form)),
      'product[0][product_id]=40&product[0][quantity]=1&product[1][product_id]=30&product[1][quantity]=2&product[1][option][226]=16');
  });

  it('builds the currency form from a role, an empty code, or no field', () => {
    assert.deepEqual(currencyForm(currency('other')), { currency: 'EUR' });
    assert.deepEqual(currencyForm(currency('other'), (c) => c.toLowerCase()), { currency: 'eur' });
    assert.deepEqual(currencyForm(currency('(empty code)')), { currency: '' });
    assert.deepEqual(currencyForm(currency('(no field)')), {});
  });
});

describe('reading the cart', () => {
  it('sums quantities by product_id over lines', () => {
    const cart = { ...observed39, products: [...observed39.products, line('4', '40', '2', '$123.20', '$246.40')] };
    assert.deepEqual(quantitiesById(cart), { '40': 3, '30': 1, '43': 1 });
  });

  it('orders option lines by product_option_id and value id, and keeps only the documented fields', () => {
    const a = { product_option_id: '223', product_option_value_id: '9', name: 'Checkbox', value: 'Checkbox 2', type: 'checkbox' };
    const b = { product_option_id: '217', product_option_value_id: '4', name: 'Select', value: 'Red', type: 'select' };
    const c = { ...a, product_option_value_id: '10', extra: 'x' } as typeof a;
    assert.deepEqual(sortedOptions([c, a, b]).map((o) => `${o.product_option_id}/${o.product_option_value_id}`), ['217/4', '223/9', '223/10']);
    assert.ok(!('extra' in sortedOptions([c])[0]));
  });
});

describe('cart arithmetic', () => {
  it('accepts line totals that are price × quantity, as recorded', () => {
    assert.deepEqual(lineTotalProblems(observed39.products), []);
    assert.deepEqual(lineTotalProblems([line('2', '30', '21', '$98.00', '$2,058.00')]), []);
  });

  it('finds a line total that is not price × quantity, or not formatted like the price', () => {
    assert.equal(lineTotalProblems([line('1', '40', '2', '$123.20', '$123.20')]).length, 1);
    assert.match(lineTotalProblems([line('1', '40', '10', '$123.20', '$1232.00')])[0], /not formatted like its price/);
  });

  it('allows the total to be rounded once, not unit by unit (two iPhones in euros, as the reference store shows them)', () => {
    // 2 × 123.20 × 0.78460002 = 193.3255 → 193.33€, while the unit shows 96.66€.
    assert.deepEqual(lineTotalProblems([line('6', '40', '2', '96.66€', '193.33€')]), []);
  });

  it('allows half a cent a unit when the unit price has more decimals than it shows', () => {
    // A unit of 9.995 shows as $10.00 (rounded half up); three of them are 29.985, shown as $29.99.
    assert.deepEqual(lineTotalProblems([line('1', '1', '3', '$10.00', '$29.99')]), []);
  });

  it('accepts totals that add up (recorded exchange 39, 42, 64)', () => {
    assert.deepEqual(totalsProblems(observed39, true), []);
    const withVoucher: CartContents = {
      products: [line('6', '28', '1', '$122.00', '$122.00'), line('1', '40', '1', '$123.20', '$123.20')],
      vouchers: [voucher(893445794)],
      totals: totals(['Sub-Total', '$226.00'], ['Eco Tax (-2.00)', '$4.00'], ['VAT (20%)', '$40.20'], ['Total', '$270.20']),
    };
    assert.deepEqual(totalsProblems(withVoucher, true), []);
  });

  it('finds a Total that is not the sum of the lines above it', () => {
    const wrong = { ...observed39, totals: totals(['Sub-Total', '$681.00'], ['Eco Tax (-2.00)', '$6.00'], ['VAT (20%)', '$136.20'], ['Total', '$817.20']) };
    assert.ok(totalsProblems(wrong, false).some((p) => /add up to 823.20/.test(p)));
  });

  it('finds totals whose taxes do not match the lines priced with tax', () => {
    // Sub-Total + taxes = Total, but the lines with tax cost 823.20, not 800.00.
    const wrong = { ...observed39, totals: totals(['Sub-Total', '$681.00'], ['VAT (20%)', '$119.00'], ['Total', '$800.00']) };
    assert.deepEqual(totalsProblems(wrong, false), []);
    assert.match(totalsProblems(wrong, true)[0], /not what the lines cost with tax: 823.20/);
  });

  it('wants at least a Sub-Total and a Total', () => {
    assert.equal(totalsProblems({ ...observed39, totals: totals(['Total', '$0.00']) }, false).length, 1);
  });

  it('checks the Sub-Total against the prices before tax and the gift vouchers', () => {
    const exTax = { '40': '$101.00', '30': '$80.00', '43': '$500.00' };
    assert.deepEqual(subTotalProblems(observed39, exTax), []);
    assert.equal(subTotalProblems({ ...observed39, vouchers: [voucher(1)] }, exTax).length, 1);
    assert.deepEqual(subTotalProblems({ ...observed39, vouchers: [voucher(1)], totals: totals(['Sub-Total', '$706.00'], ['Total', '$0']) }, exTax), []);
    assert.match(subTotalProblems(observed39, { '40': '$101.00' })[0], /no price before tax is known for product 30/);
  });
});

describe('amounts in another currency', () => {
  const inEuro: CartContents = {
    products: [line('1', '40', '1', '96.66€', '96.66€'), line('2', '30', '1', '76.89€', '76.89€'), line('3', '43', '1', '472.33€', '472.33€')],
    vouchers: [],
    totals: totals(['Sub-Total', '534.31€'], ['Eco Tax (-2.00)', '4.71€'], ['VAT (20%)', '106.86€'], ['Total', '645.88€']),
  };

  it('reads the fixture rate relative to the default currency', () => {
    assert.equal(currencyRate(currency('other')), 0.78460002);
  });

  it('accepts every amount converted at the rate and written like the currency sample', () => {
    assert.deepEqual(conversionProblems(observed39, inEuro, 0.78460002, '96.66€'), []);
    assert.deepEqual(conversionProblems(observed39, observed39, 1, '$123.20'), []);
  });

  it('finds amounts left in the old currency, or written with the wrong symbol', () => {
    assert.equal(conversionProblems(observed39, observed39, 0.78460002, '96.66€').length, 10);
    const dollarsAtEuroRate = { ...inEuro, totals: inEuro.totals.map((t) => ({ ...t, text: `$${t.text.replace('€', '')}` })) };
    assert.deepEqual(conversionProblems(observed39, dollarsAtEuroRate, 0.78460002, '96.66€'), [
      'totals "Sub-Total": $534.31 is not formatted like 96.66€',
      'totals "Eco Tax (-2.00)": $4.71 is not formatted like 96.66€',
      'totals "VAT (20%)": $106.86 is not formatted like 96.66€',
      'totals "Total": $645.88 is not formatted like 96.66€',
    ]);
  });

  it('finds a cart whose lines changed in between', () => {
    assert.match(conversionProblems(observed39, { ...inEuro, products: inEuro.products.slice(1) }, 0.78460002, '96.66€')[0], /the cart changed/);
  });
});

// The answer types are written by hand (the project generates no types from schemas/), so each interface's keys and
// optional keys are listed here: the compiler holds each list to its interface, and the test holds it to schemas/cart.json.
type Exactly<Keys extends PropertyKey, K extends readonly PropertyKey[]> = [Exclude<Keys, K[number]>, Exclude<K[number], Keys>] extends [never, never] ? K : never;
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
const keysOf = <T>() => <const K extends readonly (keyof T)[], const O extends readonly (keyof T)[]>(keys: Exactly<keyof T, K>, optional: Exactly<OptionalKeys<T>, O>) => ({ keys, optional });
const ANSWER_TYPES = {
  CartContents: keysOf<CartContents>()(['error', 'products', 'vouchers', 'totals'], ['error']),
  CartProduct: keysOf<CartProduct>()(['cart_id', 'product_id', 'name', 'model', 'option', 'quantity', 'stock', 'shipping', 'price', 'total', 'reward'], []),
  CartOption: keysOf<CartOption>()(['product_option_id', 'product_option_value_id', 'name', 'value', 'type'], []),
  CartVoucher: keysOf<CartVoucher>()(['code', 'description', 'from_name', 'from_email', 'to_name', 'to_email', 'voucher_theme_id', 'message', 'price', 'amount'], []),
  CartTotal: keysOf<TotalLine>()(['title', 'text'], []),
};

describe('the cart answer types', () => {
  const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'schemas', 'cart.json'), 'utf8')) as { $defs: Record<string, { properties?: object; required?: string[] }> };
  for (const [name, { keys, optional }] of Object.entries(ANSWER_TYPES)) {
    it(`${name} has the properties of schemas/cart.json, optional where the schema does not require them`, () => {
      const d = schema.$defs[name];
      assert.ok(d?.properties, `schemas/cart.json has no ${name} with properties`);
      assert.deepEqual([...keys].sort(), Object.keys(d.properties).sort(), `the keys of ${name}`);
      assert.deepEqual([...optional].sort(), keys.filter((k) => !(d.required ?? []).includes(k)).sort(), `the optional keys of ${name}`);
    });
  }
});
