// The customer (api/customer), the payment and shipping addresses (api/payment/address, api/shipping/address) and their
// methods (api/payment/methods|method, api/shipping/methods|method). Forms come from fixture roles with one field
// changed; values may use the `<33 × a>` notation (src/api/checkout.ts expands it). Calls without a role use the
// common steps (`When I call "api/payment/methods"`); the cart is filled with the cart steps ("my cart holds …").
import { Given, Then, When } from './support/cucumber';
import assert from 'node:assert/strict';
import { assertErrorMessage, valueAt } from '../src/answers';
import {
  addressForm, assertAddressFormat, assertCustomFieldKept, assertPaymentMethodsOffered, assertQuoteOffered, assertQuotePricedFor,
  chooseCodeForm, choosePaymentMethod, chooseShippingMethod, customerForm, expandValue, listPaymentMethods, listShippingMethods, onlyFields,
  setBothAddresses, setCustomer, setPaymentAddress, setShippingAddress, zeroTotalCart, assertZeroTotalMethods,
} from '../src/api/checkout';
import { message } from '../src/api/messages';
import { infoOrder } from '../src/api/order';
import type { Customer } from '../src/api/roles';
import { requirePaymentMethod } from '../src/api/settings';
import { splitList } from './common.steps';
import { requireTotals } from '../src/api/totals';
import type { ConformanceWorld } from './support/world';

// ---- the session the checkout works on (each asserts that the store took it) -----------------------------------

Given('the {customer} customer is set', async function (this: ConformanceWorld, customer: Customer) {
  await setCustomer(this, customer);
  this.answer();
});

Given('my cart holds the zero-total cart of the {string} payment method', async function (this: ConformanceWorld, role: string) {
  requireTotals(this, ['voucher'], 'a cart a gift voucher brings to a total of zero');
  const unreachable = await zeroTotalCart(this, role);
  if (unreachable) return this.skip(unreachable);
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

// ---- what the store's settings offer (each makes a scenario not applicable where the store is set otherwise) -----

Given('the store offers the {string} payment method', function (this: ConformanceWorld, role: string) {
  requirePaymentMethod(this, role);
});

// ---- custom field values sent with the checkout, as the order keeps them ------------------------------------

Given('the {customer} customer is set with the custom field {string} set to {string}', async function (this: ConformanceWorld, customer: Customer, id: string, value: string) {
  await setCustomer(this, customer, { custom_field: { [id]: value } });
});

Given('the {string} payment and shipping addresses are set with the custom field {string} set to {string}', async function (this: ConformanceWorld, role: string, id: string, value: string) {
  await setBothAddresses(this, role, { custom_field: { [id]: value } });
});

Then('the order keeps the custom field {string} set to {string} for the customer and both addresses', function (this: ConformanceWorld, id: string, value: string) {
  assertCustomFieldKept(infoOrder(this.answer()), id, value);
});

Then('the order\'s addresses have the address format of the {string} address', function (this: ConformanceWorld, role: string) {
  assertAddressFormat(infoOrder(this.answer()), this, role);
});

// ---- customer --------------------------------------------------------------------------------------------------

When('I set the {customer} customer', async function (this: ConformanceWorld, customer: Customer) {
  await this.call('api/customer', customerForm(customer));
});

When('I set the {customer} customer with {word} {string}', async function (this: ConformanceWorld, customer: Customer, field: string, value: string) {
  await this.call('api/customer', customerForm(customer, { [field]: expandValue(value) }));
});

When('I set only the {string} of the {customer} customer', async function (this: ConformanceWorld, fields: string, customer: Customer) {
  await this.call('api/customer', onlyFields(customerForm(customer), splitList(fields)));
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

Then('the shipping methods offer the {string} quote', function (this: ConformanceWorld, role: string) {
  assertQuoteOffered(this.answer(), this, role);
});

Then('the {string} quote is priced for the {string} address', function (this: ConformanceWorld, role: string, address: string) {
  assertQuotePricedFor(this.answer(), this, role, address);
});

Then('the shipping methods list is empty', function (this: ConformanceWorld) {
  const r = this.answer();
  assert.deepEqual(r.json, { shipping_methods: [] }, `${r.route} answered ${r.text.slice(0, 200)}`);
});

Then('the payment methods offered are {string}', function (this: ConformanceWorld, roles: string) {
  assertPaymentMethodsOffered(this.answer(), this, splitList(roles));
});

Then('the payment methods offered for a total of zero are {string} where the store offers it', function (this: ConformanceWorld, free: string) {
  assertZeroTotalMethods(this.answer(), this, free);
});

Then('the payment methods offered for a total of zero are {string} where the store offers it, and {string} where it has no minimum total', function (this: ConformanceWorld, free: string, cod: string) {
  assertZeroTotalMethods(this.answer(), this, free, cod);
});

Then('no payment method is offered, with the {string} message', function (this: ConformanceWorld, name: string) {
  const r = this.answer();
  assert.deepEqual(valueAt(r, 'payment_methods'), [], `${r.route} answered ${r.text.slice(0, 200)}, expected no payment methods`);
  assertErrorMessage(r, undefined, message(name, r.route));
});
