// @negative: generated requests per route, in families (src/negative.ts); every answer must be documented JSON and
// the session must survive.
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { DEFAULT_SEED, describeFailure, negativeForms, problemWith, type Family } from '../src/negative';
import type { ConformanceWorld } from './support/world';

interface NegativeState { problems: string[]; sent: number }
const state = new WeakMap<ConformanceWorld, NegativeState>();

async function sendGenerated(world: ConformanceWorld, family: Family, count: number, route: string): Promise<void> {
  const seed = Number(process.env.INVOTIDE_SEED ?? DEFAULT_SEED);
  const s: NegativeState = { problems: [], sent: 0 };
  state.set(world, s);
  for (const [i, form] of negativeForms(family, route, count, seed).entries()) {
    const problem = problemWith(await world.call(route, form, { allowViolation: true }));
    s.sent++;
    if (problem) s.problems.push(describeFailure(family, i, seed, route, form, problem));
  }
}

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
  this.answer();
  const s = state.get(this);
  assert.ok(s && s.sent > 0, 'no generated request was sent');
  // The first problems lead the message, so the summary shows an input to replay.
  assert.ok(s.problems.length === 0, `${s.problems.length} of ${s.sent} answers were not documented JSON:\n${s.problems.slice(0, 10).join('\n')}`);
});

Then('the answer is documented JSON', function (this: ConformanceWorld) {
  const problem = problemWith(this.answer());
  assert.equal(problem, undefined, `the answer is not documented JSON: ${problem}`);
});

Then('my session still works', async function (this: ConformanceWorld) {
  const r = await this.call('api/cart/products');
  assert.equal(this.answer().validation?.variant, 'CartContents', `cart/products afterwards: ${r.text.slice(0, 200)}`);
});
