// @negative: generated requests per route, in families (src/negative.ts); every answer must be documented JSON and
// the session must survive.
import { Then, When } from './support/cucumber';
import assert from 'node:assert/strict';
import { expectAllDocumented, problemWith, sendGenerated } from '../src/negative';
import type { ConformanceWorld } from './support/world';

When('I send {int} generated hostile requests to {string}', async function (this: ConformanceWorld, count: number, route: string) {
  await sendGenerated(this, 'hostile-input', count, route);
});

When('I send {int} generated requests to {string} with a list where a single value is documented', async function (this: ConformanceWorld, count: number, route: string) {
  await sendGenerated(this, 'list-for-text', count, route);
});

When('I send {int} generated requests to {string} with text outside the Basic Multilingual Plane', async function (this: ConformanceWorld, count: number, route: string) {
  await sendGenerated(this, 'astral-text', count, route);
});

Then('every answer was documented JSON', function (this: ConformanceWorld) {
  expectAllDocumented(this);
});

Then('the answer is documented JSON', function (this: ConformanceWorld) {
  const problem = problemWith(this.answer(), this.target.settings.config_error_display);
  assert.equal(problem, undefined, `the answer is not documented JSON: ${problem}`);
});

Then('my session still works', async function (this: ConformanceWorld) {
  const r = await this.call('api/cart/products');
  assert.equal(this.answer().validation?.variant, 'CartContents', `cart/products afterwards: ${r.text.slice(0, 200)}`);
});
