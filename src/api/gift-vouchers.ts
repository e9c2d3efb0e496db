// Gift vouchers bought through api/voucher/add: an item of the session's cart, bought of an amount within the store's
// limits (config_voucher_min and config_voucher_max, which the fixture check learns: src/target/learners/vouchers.ts),
// and what the cart then shows. Redeeming a gift voucher (api/voucher) is a discount: ./discounts.
import assert from 'node:assert/strict';
import type { ApiResponse, Form } from '../client';
import { assertErrorMessage, assertMessageWith } from '../answers';
import { NotApplicableError } from '../target/profile';
import { MESSAGES } from './messages';
import { cartNow, notedCart, readCart, type CartWorld, type TotalLine } from './cart';
import { fixtureMoney, formatLike, parseMoney, withinRounding } from './money';
import { Currency, fixtureText, type FixtureReader } from './roles';
import { requireFrame } from './totals';
import type { DiscountWorld } from './discounts';

/** The recipient and sender of a bought gift voucher; a step changes the fields it names. */
const VOUCHER_FORM: Form = { from_name: 'Alice', from_email: 'alice@invotide.example', to_name: 'Bob', to_email: 'bob@invotide.example', message: 'Happy birthday' };

/** The amounts the store sells a gift voucher of through api/voucher/add (config_voucher_min/max: the fixture check learns them). */
export function voucherLimits(w: FixtureReader): { minimum: number; maximum: number } {
  const [minimum, maximum] = ['minimum', 'maximum'].map((bound) => Number(fixtureText(w, `vouchers.${bound}_amount`)));
  return { minimum, maximum };
}

/**
 * The amount of a gift voucher to buy: `wanted` where the store's limits allow it, else the nearest limit. The store
 * compares the amount as posted, in whatever currency the session has, with its limits (voucher.php:105), so this holds
 * in every currency. `ceiling` is the most a scenario can use (a gift voucher that must pay for it), with why.
 */
export function voucherAmountWithin(w: FixtureReader, wanted: number, ceiling?: { amount: number; why: string }): number {
  const { minimum, maximum } = voucherLimits(w);
  if (minimum > maximum) throw new NotApplicableError(`the store sells no gift voucher: its minimum amount (config_voucher_min ${minimum}) is above its maximum (config_voucher_max ${maximum})`);
  const amount = Math.min(Math.max(wanted, minimum), maximum);
  if (ceiling && amount > ceiling.amount) throw new NotApplicableError(`the store's smallest gift voucher (config_voucher_min ${minimum}) is above ${ceiling.amount}, ${ceiling.why}`);
  return amount;
}

/** Buys a gift voucher (api/voucher/add) with the standard form, some fields changed; the answer is for a Then step. */
export async function buyVoucher(w: DiscountWorld, changes: Form = {}): Promise<ApiResponse> {
  const amount = changes.amount ?? voucherAmountWithin(w, STANDARD_VOUCHER_AMOUNT);
  const form: Form = { ...VOUCHER_FORM, voucher_theme_id: fixtureText(w, 'vouchers.theme_id'), ...changes, amount };
  w.discounts.bought = form;
  return w.call('api/voucher/add', form);
}

/** What the scenarios buy a gift voucher of where the store's limits allow it. */
export const STANDARD_VOUCHER_AMOUNT = 25;

/** A gift voucher of an amount for a recipient (their address made from their name). */
export const voucherFor = (amount: number, toName: string): Form => ({ amount, to_name: toName, to_email: `${toName.toLowerCase()}@invotide.example` });

/** The amount of the gift voucher the scenario bought last. */
export function boughtAmount(w: DiscountWorld): number {
  const amount = w.discounts.bought?.amount;
  assert.ok(amount !== undefined, 'the scenario bought no gift voucher');
  return Number(amount);
}

/** A value of a voucher field: "(65 characters)" is a text that long, "(an address of 96 characters)" a valid e-mail address that long. */
export function voucherFieldValue(value: string): string {
  const length = /^\((\d+) characters?\)$/.exec(value);
  const address = /^\(an address of (\d+) characters\)$/.exec(value);
  // A local part of 40 characters and one domain label: both within the limits of a valid address.
  if (address) return `${'a'.repeat(40)}@${'b'.repeat(Number(address[1]) - 45)}.com`;
  return length ? 'x'.repeat(Number(length[1])) : value;
}

/** The batch form of api/voucher/add (voucher[i][field]), the client naming each code: a complete entry, one without a message, and a plain value. */
export function voucherBatch(w: CartWorld, amount: number, toName: string, code: string): Form {
  // The batch form is not held to the store's limits (voucher.php:62-86 checks no amount).
  const complete = { ...VOUCHER_FORM, ...voucherFor(amount, toName), code, voucher_theme_id: fixtureText(w, 'vouchers.theme_id'), message: 'From the batch' };
  const { message: _left, ...incomplete } = { ...complete, code: `${code}-INCOMPLETE`, to_name: 'Nobody' };
  return { voucher: [complete, incomplete, 'not-a-voucher'] };
}

/** Removes the gift voucher the scenario bought (by its code, as the cart shows it) from the cart. */
export async function removeBoughtVoucher(w: DiscountWorld): Promise<void> {
  const v = (await cartNow(w)).vouchers.find((x) => x.to_name === w.discounts.bought?.to_name);
  assert.ok(v, 'the cart holds no gift voucher the scenario bought');
  await w.call('api/cart/remove', { key: String(v.code) });
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** The gift voucher of an amount for a recipient, bought in the session currency (`currency`: amount posted in it). */
export async function assertBoughtVoucher(w: DiscountWorld, amount: number, toName: string, currency?: Currency): Promise<void> {
  const vouchers = (await readCart(w)).vouchers;
  const v = vouchers.find((x) => x.to_name === toName);
  assert.ok(v, `no gift voucher for ${toName} in the cart: ${JSON.stringify(vouchers)}`);
  const text = formatLike((currency ?? new Currency(w, 'default')).sample, amount);
  assert.equal(v.price, text, 'the gift voucher price (the amount formatted in the session currency)');
  assertMessageWith(v.description, 'voucherFor', [text, toName], 'the gift voucher description (the amount formatted in the session currency)');
  if (currency) {
    assert.ok(typeof v.amount === 'number' && withinRounding(v.amount, amount / currency.value, 0), `the gift voucher amount is ${JSON.stringify(v.amount)}, expected ${amount} ÷ ${currency.value} = ${amount / currency.value} (the posted amount converted to the store currency)`);
    return;
  }
  assert.ok(Number.isInteger(v.code), `the gift voucher code is ${JSON.stringify(v.code)}, expected an integer`);
  assert.equal(v.amount, amount, 'the gift voucher amount (a number in the store currency)');
  // The cart keeps what was posted: sender, recipient, theme and message.
  const posted = w.discounts.bought ?? {};
  const keys = ['from_name', 'from_email', 'to_name', 'to_email', 'voucher_theme_id', 'message'] as const;
  assert.deepEqual(Object.fromEntries(keys.map((k) => [k, String(v[k])])), Object.fromEntries(keys.map((k) => [k, String(posted[k])])), 'the gift voucher keeps what was posted');
}

/** The cart's gift vouchers are the batch's complete entry only (an incomplete entry is skipped). */
export async function assertBatchVouchers(w: CartWorld, amount: number, toName: string, code: string): Promise<void> {
  const vouchers = (await readCart(w)).vouchers;
  assert.deepEqual(vouchers.map((v) => [v.code, v.to_name, v.amount]), [[code, toName, amount]], 'the batch replaces the vouchers, and an incomplete entry is skipped');
  assertMessageWith(vouchers[0].description, 'voucherFor', [formatLike(new Currency(w, 'default').sample, amount), toName], 'the gift voucher description');
}

/** The Sub-Total and Total grew by an amount since the cart was noted, the tax lines the same. */
export async function assertGrewBy(w: DiscountWorld, amount: number): Promise<void> {
  requireFrame(w, 'the growth of the Sub-Total and the Total');
  const before = notedCart(w).totals;
  const after = (await cartNow(w)).totals;
  const [first, last] = [(t: TotalLine[]) => parseMoney(t[0]?.text ?? 'none'), (t: TotalLine[]) => parseMoney(t[t.length - 1]?.text ?? 'none')];
  assert.equal(after[0]?.title, before[0].title, 'the first totals line');
  assert.ok(withinRounding(first(after) - first(before), amount, 0), `${before[0].title} went from ${before[0].text} to ${after[0]?.text}, expected ${amount} more`);
  assert.ok(withinRounding(last(after) - last(before), amount, 0), `the total went from ${before[before.length - 1].text} to ${after[after.length - 1]?.text}, expected ${amount} more`);
  assert.deepEqual(after.slice(1, -1), before.slice(1, -1), 'the tax lines changed');
}

/** The cart holds no gift vouchers, and its totals are back to the ones noted (when one was). */
export async function assertNoGiftVouchers(w: CartWorld): Promise<void> {
  const cart = await readCart(w);
  assert.deepEqual(cart.vouchers, []);
  if (w.cart.noted.length) assert.deepEqual(cart.totals, notedCart(w).totals, 'the cart totals are not back to what they were');
}

/** The gift voucher amount bounds in a currency, as the amount error gives them. */
export function assertVoucherBounds(w: CartWorld, key: string, currency: Currency): void {
  const [minimum, maximum] = ['minimum', 'maximum'].map((bound) => fixtureMoney(w, `vouchers.${bound}_amount`, currency.name));
  assertErrorMessage(w.answer(), key, MESSAGES.voucherAmount(minimum, maximum));
}
