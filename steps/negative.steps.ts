// @negative: generated hostile requests per route; every answer must be documented JSON, the session must survive.
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { Contract } from '../src/contract';
import { encodeForm } from '../src/client';
import { DEFAULT_SEED, hostileForms, problemWith } from '../src/negative';
import type { ConformanceWorld } from './support/world';

interface NegativeState { problems: string[]; sent: number }
const state = new WeakMap<ConformanceWorld, NegativeState>();

When('I send {int} generated hostile requests to {string}', async function (this: ConformanceWorld, count: number, route: string) {
  const seed = Number(process.env.INVOTIDE_SEED ?? DEFAULT_SEED);
  const forms = hostileForms(Contract.load().operation(route).requestFields, count, seed);
  const s: NegativeState = { problems: [], sent: 0 };
  state.set(this, s);
  for (const [i, form] of forms.entries()) {
    const r = await this.call(route, form, { allowViolation: true });
    s.sent++;
    const problem = problemWith(r);
    // The input is printed whole, with the seed, so the failure can be replayed.
    if (problem) s.problems.push(`#${i} (seed ${seed}) ${route} ${encodeForm(form).slice(0, 300)} → ${problem}`);
  }
});

Then('every answer was documented JSON', function (this: ConformanceWorld) {
  this.answer();
  const s = state.get(this);
  assert.ok(s && s.sent > 0, 'no hostile request was sent');
  // The first problems lead the message, so the summary shows an input to replay.
  assert.ok(s.problems.length === 0, `${s.problems.length} of ${s.sent} answers were not documented JSON:\n${s.problems.slice(0, 10).join('\n')}`);
});

Then('my session still works', async function (this: ConformanceWorld) {
  const r = await this.call('api/cart/products');
  assert.equal(this.answer().validation?.variant, 'CartContents', `cart/products after the hostile requests: ${r.text.slice(0, 200)}`);
});
