// The customer (api/customer), the payment and shipping addresses (api/payment/address, api/shipping/address) and their
// methods (api/payment/methods|method, api/shipping/methods|method). Forms come from fixture roles with one field
// changed; values may use the `<33 × a>` notation (src/api/checkout.ts expands it). Calls without a role use the
// common steps (`When I call "api/payment/methods"`).
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertErrorMessage, valueAt } from '../src/answers';
import {
  addToCart, addressForm, chooseCodeForm, expectEmptyCart, choosePaymentMethod, chooseShippingMethod, customerForm, expandValue, fixtureText,
  listPaymentMethods, listShippingMethods, onlyFields, paymentMethods, setCustomer, setPaymentAddress, setShippingAddress,
  shippingQuotes, zeroTotalCart,
} from '../src/api/checkout';
import { expectSuccess, fixtureMoney } from '../src/api/cart';
import { message } from '../src/api/messages';
import { infoOrder } from '../src/api/order';
import { splitList } from './common.steps';
import type { ConformanceWorld } from './support/world';

// ---- the session the checkout works on ---------------------------------------------------------------------

Given('my cart holds the {string} product', async function (this: ConformanceWorld, product: string) {
  await addToCart(this, product);
});

Given('nothing is in my cart yet', async function (this: ConformanceWorld) {
  await expectEmptyCart(this);
});

Given('my cart holds the zero-total cart of the {string} payment method', async function (this: ConformanceWorld, role: string) {
  const unreachable = await zeroTotalCart(this, role);
  if (unreachable) return this.skip(unreachable);
});

Given('the {string} customer is set', async function (this: ConformanceWorld, role: string) {
  await setCustomer(this, role);
});

Given('the {string} payment address is set', async function (this: ConformanceWorld, role: string) {
  await setPaymentAddress(this, role);
});

Given('the {string} shipping address is set', async function (this: ConformanceWorld, role: string) {
  await setShippingAddress(this, role);
});

Given('the shipping methods are listed', async function (this: ConformanceWorld) {
  await listShippingMethods(this);
});

Given('the payment methods are listed', async function (this: ConformanceWorld) {
  await listPaymentMethods(this);
});

Given('the {string} shipping method is chosen', async function (this: ConformanceWorld, role: string) {
  await chooseShippingMethod(this, role);
});

Given('the {string} payment method is chosen', async function (this: ConformanceWorld, role: string) {
  await choosePaymentMethod(this, role);
});

// ---- custom field values sent with the checkout, as the order keeps them ------------------------------------

Given('the {string} customer is set with the custom field {string} set to {string}', async function (this: ConformanceWorld, role: string, id: string, value: string) {
  expectSuccess(await this.call('api/customer', customerForm(this, role, { custom_field: { [id]: value } })), `setting the "${role}" customer with custom_field[${id}]`);
});

Given('the {string} payment and shipping addresses are set with the custom field {string} set to {string}', async function (this: ConformanceWorld, role: string, id: string, value: string) {
  for (const route of ['api/payment/address', 'api/shipping/address']) {
    expectSuccess(await this.call(route, addressForm(this, role, { custom_field: { [id]: value } })), `sending the "${role}" address to ${route} with custom_field[${id}]`);
  }
});

Then('the order keeps the custom field {string} set to {string} for the customer and both addresses', function (this: ConformanceWorld, id: string, value: string) {
  const order = infoOrder(this.answer());
  for (const key of ['custom_field', 'payment_custom_field', 'shipping_custom_field']) {
    assert.deepEqual(order[key], { [id]: value }, `the order's ${key} is not the custom_field values sent with the ${key === 'custom_field' ? 'customer' : key.split('_')[0] + ' address'}`);
  }
});

Then('the order\'s addresses have the address format of the {string} address', function (this: ConformanceWorld, role: string) {
  const order = infoOrder(this.answer());
  const format = fixtureText(this, `addresses.${role}.address_format`);
  for (const key of ['payment_address_format', 'shipping_address_format']) {
    assert.equal(order[key], format, `the order's ${key} is not the address format of the address's country (empty for a country the store does not have)`);
  }
});

// ---- customer --------------------------------------------------------------------------------------------------

When('I set the {string} customer', async function (this: ConformanceWorld, role: string) {
  await this.call('api/customer', customerForm(this, role));
});

When('I set the {string} customer with {word} {string}', async function (this: ConformanceWorld, role: string, field: string, value: string) {
  await this.call('api/customer', customerForm(this, role, { [field]: expandValue(value) }));
});

When('I set only the {string} of the {string} customer', async function (this: ConformanceWorld, fields: string, role: string) {
  await this.call('api/customer', onlyFields(customerForm(this, role), splitList(fields)));
});

// ---- addresses -------------------------------------------------------------------------------------------------

When('I send the {string} address to {string}', async function (this: ConformanceWorld, role: string, route: string) {
  await this.call(route, addressForm(this, role));
});

When('I send the {string} address to {string} with {word} {string}', async function (this: ConformanceWorld, role: string, route: string, field: string, value: string) {
  await this.call(route, addressForm(this, role, { [field]: expandValue(value) }));
});

When('I send only the {string} of the {string} address to {string}', async function (this: ConformanceWorld, fields: string, role: string, route: string) {
  await this.call(route, onlyFields(addressForm(this, role), splitList(fields)));
});

// ---- methods ---------------------------------------------------------------------------------------------------

/** Roles name fixtures (`shipping_methods.<role>.code`); "(no field)" sends no field and "(empty)" an empty one. */
When('I choose the {string} shipping method', async function (this: ConformanceWorld, role: string) {
  await this.call('api/shipping/method', chooseCodeForm(this, 'shipping', role));
});

When('I choose the {string} payment method', async function (this: ConformanceWorld, role: string) {
  await this.call('api/payment/method', chooseCodeForm(this, 'payment', role));
});

When('the cart changes by adding the {string} product', async function (this: ConformanceWorld, product: string) {
  await addToCart(this, product);
});

Then('the shipping methods offer the {string} quote', function (this: ConformanceWorld, role: string) {
  const r = this.answer();
  const code = fixtureText(this, `shipping_methods.${role}.code`);
  const quote = shippingQuotes(r).get(code);
  assert.ok(quote, `${r.route} offers no ${code} quote: ${r.text.slice(0, 300)}`);
  assert.equal(quote.code, code, 'quote code');
  assert.equal(quote.title, fixtureText(this, `shipping_methods.${role}.title`), 'quote title');
  assert.equal(quote.cost, fixtureText(this, `shipping_methods.${role}.cost`), 'quote cost (ex tax, a string)');
  const extension = fixtureText(this, `shipping_methods.${role}.extension`);
  assert.equal(valueAt(r, `shipping_methods.${extension}.title`), fixtureText(this, `shipping_methods.${role}.extension_title`), 'shipping extension title');
  assert.equal(valueAt(r, `shipping_methods.${extension}.error`), false, 'a quote that worked has error false');
  const sortOrder = this.fixture(`shipping_methods.${role}.sort_order`);
  if (sortOrder !== undefined) assert.equal(valueAt(r, `shipping_methods.${extension}.sort_order`), String(sortOrder), 'the shipping extension\'s sort_order is its configured sort order (a string)');
});

Then('the {string} quote is priced for the {string} address', function (this: ConformanceWorld, role: string, address: string) {
  const r = this.answer();
  const code = fixtureText(this, `shipping_methods.${role}.code`);
  const quote = shippingQuotes(r).get(code);
  assert.ok(quote, `${r.route} offers no ${code} quote: ${r.text.slice(0, 300)}`);
  assert.equal(quote.text, fixtureMoney(this, `shipping_methods.${role}.text_by_address.${address}`), `the ${code} quote text (cost with the taxes of the "${address}" address)`);
});

Then('the shipping methods list is empty', function (this: ConformanceWorld) {
  const r = this.answer();
  assert.deepEqual(r.json, { shipping_methods: [] }, `${r.route} answered ${r.text.slice(0, 200)}`);
});

Then('the payment methods offered are {string}', function (this: ConformanceWorld, roles: string) {
  const r = this.answer();
  const offered = paymentMethods(r);
  const expected = splitList(roles).map((role) => fixtureText(this, `payment_methods.${role}.code`));
  assert.deepEqual([...offered.keys()].sort(), [...expected].sort(), `${r.route}: the payment method codes offered`);
  for (const role of splitList(roles)) {
    const method = offered.get(fixtureText(this, `payment_methods.${role}.code`));
    assert.equal(method?.code, fixtureText(this, `payment_methods.${role}.code`), `the "${role}" method's code field`);
    assert.equal(method?.title, fixtureText(this, `payment_methods.${role}.title`), `the "${role}" method's title`);
    for (const field of ['terms', 'sort_order'] as const) {
      const expected = this.fixture(`payment_methods.${role}.${field}`);
      if (expected !== undefined) assert.equal(method?.[field], String(expected), `the "${role}" method's ${field} is its configured ${field === 'terms' ? 'terms' : 'sort order'}`);
    }
  }
});

Then('no payment method is offered, with the {string} message', function (this: ConformanceWorld, name: string) {
  const r = this.answer();
  assert.deepEqual(valueAt(r, 'payment_methods'), [], `${r.route} answered ${r.text.slice(0, 200)}, expected no payment methods`);
  assertErrorMessage(r, undefined, message(name));
});
