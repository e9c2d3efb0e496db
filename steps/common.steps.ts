// Steps every API area shares: logging in, calling a route, and reading the answer in the contract's terms.
import { Given, Then, When, type DataTable } from './support/cucumber';
import assert from 'node:assert/strict';
import { assertEmptyAnswer, assertErrorKeys, assertErrorMessage, assertSuccess, assertVariant, valueAt } from '../src/answers';
import { message } from '../src/api/messages';
import type { Form } from '../src/client';
import { logInFirst } from '../src/api/login';
import type { ConformanceWorld } from './support/world';

/** A two-column table (field | value) as a form; values may name fixtures as {{products.simple.product_id}}. */
export function formFrom(world: ConformanceWorld, table?: DataTable): Form {
  const form: Form = {};
  for (const [field, value] of table?.raw() ?? []) form[world.interpolate(field)] = world.interpolate(value);
  return form;
}

Given('I am logged in', async function (this: ConformanceWorld) {
  await logInFirst(this);
});

Given('another session is logged in', async function (this: ConformanceWorld) {
  await logInFirst(this, 'other');
});

When('I call {string}', async function (this: ConformanceWorld, route: string) {
  await this.call(route);
});

When('I call {string} with:', async function (this: ConformanceWorld, route: string, table: DataTable) {
  await this.call(route, formFrom(this, table));
});

When('the other session calls {string}', async function (this: ConformanceWorld, route: string) {
  await this.call(route, undefined, { session: 'other' });
});

When('the other session calls {string} with:', async function (this: ConformanceWorld, route: string, table: DataTable) {
  await this.call(route, formFrom(this, table), { session: 'other' });
});

When('I call {string} without a token', async function (this: ConformanceWorld, route: string) {
  await this.call(route, undefined, { withoutToken: true });
});

When('I call {string} with an invalid token', async function (this: ConformanceWorld, route: string) {
  // 26 lowercase hex characters: the shape of a real token, but never issued.
  await this.call(route, undefined, { token: 'deadbeef'.repeat(3) + 'ab' });
});

When('I call {string} with an empty token', async function (this: ConformanceWorld, route: string) {
  await this.call(route, undefined, { token: '' });
});

When('I call {string} with the token in the body instead of the query', async function (this: ConformanceWorld, route: string) {
  await this.call(route, { api_token: this.session().token ?? '' }, { withoutToken: true });
});

When('I call {string} from the alternate source address', async function (this: ConformanceWorld, route: string) {
  await this.call(route, undefined, { localAddress: this.parameters.alternateSourceAddress });
});

Then('the answer is the {string} variant', function (this: ConformanceWorld, variant: string) {
  assertVariant(this.answer(), variant);
});

Then('the answer is an empty list', function (this: ConformanceWorld) {
  assertEmptyAnswer(this.answer());
});

Then('the answer is a success', function (this: ConformanceWorld) {
  assertSuccess(this.answer());
});

Then('the answer is a success saying the {string} message', function (this: ConformanceWorld, name: string) {
  assertSuccess(this.answer(), message(name, this.answer().route));
});

Then('the error is the {string} message', function (this: ConformanceWorld, name: string) {
  assertErrorMessage(this.answer(), undefined, message(name, this.answer().route));
});

Then('the error {string} is the {string} message', function (this: ConformanceWorld, key: string, name: string) {
  assertErrorMessage(this.answer(), this.interpolate(key), message(name, this.answer().route));
});

Then('the error {string} says {string}', function (this: ConformanceWorld, key: string, text: string) {
  assertErrorMessage(this.answer(), this.interpolate(key), this.interpolate(text));
});

Then('the error keys are {string}', function (this: ConformanceWorld, keys: string) {
  assertErrorKeys(this.answer(), splitList(this.interpolate(keys)));
});

Then('the answer field {string} is {string}', function (this: ConformanceWorld, path: string, expected: string) {
  assert.equal(String(valueAt(this.answer(), this.interpolate(path))), this.interpolate(expected));
});

export function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}
