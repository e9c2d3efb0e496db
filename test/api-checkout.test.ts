import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addressForm, chooseCodeForm, customerForm, expandValue, onlyFields, paymentMethods, prepareCheckout, shippingQuotes, type CheckoutWorld,
} from '../src/api/checkout';
import type { ApiResponse, Form } from '../src/client';
import { Customer } from '../src/api/roles';
import { fixtureAt, MissingDatumError, type Fixtures } from '../src/fixtures';
import { Target, declaredProfile } from '../src/target/profile';

const fixtures = {
  name: 'test',
  customers: { guest: { customer_id: 0, customer_group_id: 1, firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com', telephone: '0123456789' } },
  addresses: { uk: { firstname: 'Jane', lastname: 'Doe', company: 'ACME', address_1: '1 High Street', address_2: '', city: 'Lancaster', postcode: 'LA1 1AA', country_id: 222, zone_id: 3563, country: 'United Kingdom' } },
  shipping_methods: { flat: { code: 'flat.flat' } },
  payment_methods: { cod: { code: 'cod' } },
} as unknown as Fixtures;

function answer(route: string, json: unknown): ApiResponse {
  return { route, json, text: JSON.stringify(json), status: 200, headers: {}, durationMs: 0, request: { method: 'POST', url: route, body: '' } };
}

const FLAT = { flat: { title: 'Flat Rate', quote: { flat: { code: 'flat.flat', title: 'Flat Shipping Rate', cost: '5.00', tax_class_id: '9', text: '$8.00' } }, sort_order: '1', error: false } };
const COD = { cod: { code: 'cod', title: 'Cash On Delivery', terms: '', sort_order: '5' } };

/** A World that answers like a store that accepts everything, and records the calls. */
function fakeWorld(): CheckoutWorld & { calls: Array<[string, Form | undefined]> } {
  const calls: Array<[string, Form | undefined]> = [];
  return {
    calls,
    fixture: (path) => fixtureAt(fixtures, path),
    target: new Target(declaredProfile(fixtures)),
    async call(route, form) {
      calls.push([route, form]);
      if (route === 'api/shipping/methods') return answer(route, { shipping_methods: FLAT });
      if (route === 'api/payment/methods') return answer(route, { payment_methods: COD });
      return answer(route, { success: 'ok' });
    },
  };
}

describe('expandValue', () => {
  it('repeats a unit as often as the notation says', () => {
    assert.equal(expandValue('<33 × a>'), 'a'.repeat(33));
    assert.equal(expandValue('<3 x 1>'), '111');
    assert.equal(expandValue('<2 × é>'), 'éé');
  });

  it('expands inside other text and names a space', () => {
    assert.equal(expandValue('<64 × a>@<27 × b>.com').length, 96);
    assert.equal(expandValue('<2 × a><2 × space>'), 'aa  ');
    assert.equal(expandValue('<3 × space>'), '   ');
  });

  it('reads <empty> as the empty string and keeps plain text', () => {
    assert.equal(expandValue('<empty>'), '');
    assert.equal(expandValue('jane@@example'), 'jane@@example');
    assert.equal(expandValue('LA1 1AA'), 'LA1 1AA');
  });
});

describe('forms from fixture roles', () => {
  const w = fakeWorld();

  it('sends every customer field as text, with changes applied', () => {
    assert.deepEqual(customerForm(new Customer(w, 'guest'), { firstname: '' }), {
      customer_id: '0', customer_group_id: '1', firstname: '', lastname: 'Doe', email: 'jane@example.com', telephone: '0123456789',
    });
  });

  it('sends only the address fields the routes read, not the names of country and zone', () => {
    const form = addressForm(w, 'uk');
    assert.deepEqual(Object.keys(form), ['firstname', 'lastname', 'company', 'address_1', 'address_2', 'city', 'postcode', 'country_id', 'zone_id']);
    assert.equal(form.country_id, '222');
  });

  it('keeps only the named fields, or none', () => {
    assert.deepEqual(onlyFields(addressForm(w, 'uk'), ['country_id', 'zone_id']), { country_id: '222', zone_id: '3563' });
    assert.deepEqual(onlyFields(addressForm(w, 'uk'), ['nothing']), {});
    assert.throws(() => onlyFields(addressForm(w, 'uk'), ['country']), /not a field/);
  });

  it('names a missing role as a missing fixture', () => {
    assert.throws(() => addressForm(w, 'mars'), MissingDatumError);
  });

  it('chooses a method by its fixture code, or sends no or an empty field', () => {
    assert.deepEqual(chooseCodeForm(w, 'shipping', 'flat'), { shipping_method: 'flat.flat' });
    assert.deepEqual(chooseCodeForm(w, 'payment', '(empty)'), { payment_method: '' });
    assert.deepEqual(chooseCodeForm(w, 'payment', '(no field)'), {});
  });
});

describe('reading the method lists', () => {
  it('indexes shipping quotes by <extension>.<quote>', () => {
    const quotes = shippingQuotes(answer('api/shipping/methods', { shipping_methods: FLAT }));
    assert.deepEqual([...quotes.keys()], ['flat.flat']);
    assert.equal(quotes.get('flat.flat')?.text, '$8.00');
  });

  it('reads an empty list (PHP encodes an empty array as []) as no methods', () => {
    assert.equal(shippingQuotes(answer('api/shipping/methods', { shipping_methods: [] })).size, 0);
    assert.equal(paymentMethods(answer('api/payment/methods', { payment_methods: [], error: 'none' })).size, 0);
  });

  it('refuses an answer without the list', () => {
    assert.throws(() => paymentMethods(answer('api/payment/methods', { error: 'Warning: Payment address required!' })), /no payment_methods/);
  });
});

describe('prepareCheckout', () => {
  it('sets the customer, both addresses, then lists and chooses shipping before payment', async () => {
    const w = fakeWorld();
    await prepareCheckout(w, { customer: 'guest', address: 'uk', shippingMethod: 'flat', paymentMethod: 'cod' });
    assert.deepEqual(w.calls.map(([route]) => route), [
      'api/customer', 'api/payment/address', 'api/shipping/address', 'api/shipping/methods', 'api/shipping/method', 'api/payment/methods', 'api/payment/method',
    ]);
    assert.deepEqual(w.calls[4][1], { shipping_method: 'flat.flat' });
  });

  it('leaves out the shipping address and method for a cart with nothing to ship', async () => {
    const w = fakeWorld();
    await prepareCheckout(w, { customer: 'guest', address: 'uk', shippingMethod: null, paymentMethod: 'cod' });
    assert.deepEqual(w.calls.map(([route]) => route), ['api/customer', 'api/payment/address', 'api/payment/methods', 'api/payment/method']);
  });

  it('fails naming the role when a method is not offered', async () => {
    const w = fakeWorld();
    w.call = async (route) => answer(route, route === 'api/payment/methods' ? { payment_methods: [], error: 'none' } : { success: 'ok' });
    await assert.rejects(prepareCheckout(w, { address: 'uk', paymentMethod: 'cod' }), /payment method cod \("cod"\) is not offered/);
  });
});
