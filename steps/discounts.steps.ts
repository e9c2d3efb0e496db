// Coupons (api/coupon), gift vouchers (api/voucher, api/voucher/add) and reward points (api/reward, api/reward/maximum,
// api/reward/available), and what they do to the totals of api/cart/products. The arithmetic is in src/api/discounts.ts.
import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertErrorMessage, assertSuccess, valueAt } from '../src/answers';
import { couponDiscount, discountLineTitle, discountProblems, shippingCouponProblems, formatLike, parseMoney, rewardDiscount, voucherDiscount, type CouponType, type TotalLine } from '../src/api/discounts';
import { customerForm } from '../src/api/checkout';
import { fixtureMoney } from '../src/api/cart';
import { MESSAGES } from '../src/api/messages';
import { MissingDatumError } from '../src/fixtures';
import type { ApiResponse, Form } from '../src/client';
import type { ConformanceWorld } from './support/world';

interface CartProduct { cart_id: string; product_id: string; quantity: string; total: string }
interface CartVoucher { code: unknown; description: unknown; from_name: unknown; from_email: unknown; to_name: unknown; to_email: unknown; voucher_theme_id: unknown; message: unknown; price: unknown; amount: unknown }
interface Cart { products: CartProduct[]; vouchers: CartVoucher[]; totals: TotalLine[] }

interface DiscountState {
  /** Products this scenario put in the cart, by fixture role. */
  lines: Array<{ role: string; quantity: number }>;
  /** The cart as noted before the discount. */
  before?: Cart;
  /** The cart as noted before a shipping method was chosen. */
  withoutShipping?: Cart;
  /** The cart as last read. */
  cart?: Cart;
  /** The reward points last posted to api/reward. */
  redeemed?: string;
  bought?: { amount: number; to_name: string };
}
const states = new WeakMap<ConformanceWorld, DiscountState>();
function state(world: ConformanceWorld): DiscountState {
  let s = states.get(world);
  if (!s) states.set(world, (s = { lines: [] }));
  return s;
}

// Roles in parentheses are not fixtures: they send an empty code or no code field at all.
const NO_FIELD = '(no field)';
const EMPTY_CODE = '(empty code)';

/** Posts the code of a coupon or gift voucher role to api/coupon or api/voucher, and answers the response (not yet checked). */
async function postCode(world: ConformanceWorld, field: 'coupon' | 'voucher', role: string): Promise<ApiResponse> {
  const form: Form = role === NO_FIELD ? {} : { [field]: role === EMPTY_CODE ? '' : stringFixture(world, `${field}s.${role}.code`) };
  return world.call(`api/${field}`, form);
}

function numberFixture(world: ConformanceWorld, path: string): number {
  const v = world.fixture(path);
  // A missing fixture is the harness's problem, not the store's: not an assertion error.
  if (!(typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))))) throw MissingDatumError.inFixtures(path);
  return Number(v);
}

function stringFixture(world: ConformanceWorld, path: string): string {
  const v = world.fixture(path);
  if (typeof v !== 'string' && typeof v !== 'number') throw MissingDatumError.inFixtures(path);
  return String(v);
}

/** api/cart/products, checked as the cart the discounts work on. */
async function readCart(world: ConformanceWorld): Promise<Cart> {
  await world.call('api/cart/products');
  const body = world.answer().json as Partial<Cart> | undefined;
  assert.ok(body && Array.isArray(body.products) && Array.isArray(body.vouchers) && Array.isArray(body.totals), `api/cart/products answered no cart: ${world.answer().text.slice(0, 200)}`);
  return (state(world).cart = body as Cart);
}

function noted(world: ConformanceWorld): Cart {
  const before = state(world).before;
  assert.ok(before, 'the scenario noted no cart totals before the discount');
  return before;
}

/** The points the cart carries: the fixture points of each product this scenario added, times its quantity. */
function cartPoints(world: ConformanceWorld): number {
  return state(world).lines.reduce((sum, l) => sum + numberFixture(world, `products.${l.role}.points`) * l.quantity, 0);
}

/** The problems of the totals after a discount, as one readable failure. */
function assertTotals(problems: string[]): void {
  assert.deepEqual(problems, [], `the cart totals are wrong: ${problems.join('; ')}`);
}

async function buyVoucher(world: ConformanceWorld, overrides: Form = {}): Promise<ApiResponse> {
  const form: Form = {
    from_name: 'Alice', from_email: 'alice@invotide.example', to_name: 'Bob', to_email: 'bob@invotide.example',
    voucher_theme_id: stringFixture(world, 'vouchers.theme_id'), message: 'Happy birthday', amount: 25, ...overrides,
  };
  return world.call('api/voucher/add', form);
}

// Givens: the session the discount works on.

Given('the {string} customer is set for the discount', async function (this: ConformanceWorld, role: string) {
  await this.call('api/customer', customerForm(this, role));
  assertSuccess(this.answer());
});

Given('my cart holds {int} of the {string} product for a discount', async function (this: ConformanceWorld, quantity: number, role: string) {
  await this.call('api/cart/add', { product_id: stringFixture(this, `products.${role}.product_id`), quantity });
  assertSuccess(this.answer());
  state(this).lines.push({ role, quantity });
});

Given('my cart carries more reward points than the {string} customer has', async function (this: ConformanceWorld, role: string) {
  const balance = numberFixture(this, `customers.${role}.reward_points`);
  const quantity = Math.ceil((balance + 101) / numberFixture(this, 'products.with points.points'));
  await this.call('api/cart/add', { product_id: stringFixture(this, 'products.with points.product_id'), quantity });
  assertSuccess(this.answer());
  state(this).lines.push({ role: 'with points', quantity });
});

Given('I note the cart totals before the discount', async function (this: ConformanceWorld) {
  state(this).before = await readCart(this);
});

Given('I note the cart totals before a shipping method is chosen', async function (this: ConformanceWorld) {
  state(this).withoutShipping = await readCart(this);
});

Given('my cart carries at least as many reward points as the {string} customer has', async function (this: ConformanceWorld, role: string) {
  const quantity = Math.ceil(numberFixture(this, `customers.${role}.reward_points`) / numberFixture(this, 'products.with points.points'));
  await this.call('api/cart/add', { product_id: stringFixture(this, 'products.with points.product_id'), quantity });
  assertSuccess(this.answer());
  state(this).lines.push({ role: 'with points', quantity });
});

Given('the {string} coupon is applied', async function (this: ConformanceWorld, role: string) {
  await postCode(this, 'coupon', role);
  assertSuccess(this.answer());
});

Given('the {string} gift voucher is applied', async function (this: ConformanceWorld, role: string) {
  await postCode(this, 'voucher', role);
  assertSuccess(this.answer());
});

When('I take every product out of the cart', async function (this: ConformanceWorld) {
  for (const line of (await readCart(this)).products) {
    await this.call('api/cart/remove', { key: line.cart_id });
    assertSuccess(this.answer());
  }
  state(this).lines = [];
});

Then('the cart totals show no {string} line', async function (this: ConformanceWorld, kind: 'coupon' | 'gift voucher' | 'reward points') {
  const cart = await readCart(this);
  const titles = cart.totals.map((l) => l.title);
  const prefix = discountLineTitle(({ coupon: 'coupon', 'gift voucher': 'voucher', 'reward points': 'reward' } as const)[kind], '').replace('()', '(');
  assert.ok(!titles.some((t) => t.startsWith(prefix)), `the totals show a ${kind} line with nothing it could take off: ${cart.totals.map((l) => `${l.title} ${l.text}`).join(', ')}`);
});

Given('I switch to the {string} currency for the gift voucher', async function (this: ConformanceWorld, role: string) {
  await this.call('api/currency', { currency: stringFixture(this, `currencies.${role}.code`) });
  assertSuccess(this.answer());
});

// Coupons.

When('I apply the {string} coupon', async function (this: ConformanceWorld, role: string) {
  await postCode(this, 'coupon', role);
});


Then('the cart totals show the discount of the {string} coupon', async function (this: ConformanceWorld, role: string) {
  const before = noted(this);
  const after = await readCart(this);
  const code = stringFixture(this, `coupons.${role}.code`);
  const amount = couponDiscount(stringFixture(this, `coupons.${role}.type`) as CouponType, numberFixture(this, `coupons.${role}.discount`), parseMoney(before.totals[0].text));
  assertTotals(discountProblems(before.totals, after.totals, { title: discountLineTitle('coupon', code), amount, taxes: 'reduced' }));
});

Then('the cart totals show the discount of the {string} coupon on the {string} product only', async function (this: ConformanceWorld, role: string, product: string) {
  const before = noted(this);
  const after = await readCart(this);
  // The base is the coupon's product only: its price ex tax times the quantity this scenario put in the cart.
  const base = state(this).lines.filter((l) => l.role === product).reduce((sum, l) => sum + parseMoney(stringFixture(this, `products.${product}.price_ex_tax`)) * l.quantity, 0);
  assert.ok(base > 0, `the scenario put no "${product}" product in the cart`);
  assert.ok(base < parseMoney(before.totals[0].text), 'the cart holds only the coupon\'s product, so a restricted coupon cannot be told from one for the whole cart');
  const amount = couponDiscount(stringFixture(this, `coupons.${role}.type`) as CouponType, numberFixture(this, `coupons.${role}.discount`), base);
  assertTotals(discountProblems(before.totals, after.totals, { title: discountLineTitle('coupon', stringFixture(this, `coupons.${role}.code`)), amount, taxes: 'reduced' }));
});

Then('the cart totals show the discount of the {string} coupon with the {string} shipping', async function (this: ConformanceWorld, role: string, shippingRole: string) {
  const before = noted(this);
  const products = state(this).withoutShipping;
  assert.ok(products, 'the scenario noted no cart totals before the shipping method was chosen');
  const after = await readCart(this);
  const shippingTitle = stringFixture(this, `shipping_methods.${shippingRole}.title`);
  const shippingLine = before.totals.find((l) => l.title === shippingTitle);
  assert.ok(shippingLine, `the cart totals have no "${shippingTitle}" line before the coupon: ${before.totals.map((l) => l.title).join(', ')}`);
  const sub = parseMoney(before.totals[0].text);
  const productsDiscount = couponDiscount(stringFixture(this, `coupons.${role}.type`) as CouponType, numberFixture(this, `coupons.${role}.discount`), sub);
  const freeShipping = this.fixture(`coupons.${role}.shipping`) === true;
  assertTotals(shippingCouponProblems(before.totals, products.totals, after.totals, {
    title: discountLineTitle('coupon', stringFixture(this, `coupons.${role}.code`)), sub, productsDiscount, shipping: shippingLine, freeShipping,
  }));
});

Then('the cart totals are the same as before the discount', async function (this: ConformanceWorld) {
  const before = noted(this);
  const after = await readCart(this);
  const lines = (c: Cart) => c.products.map((p) => `${p.product_id} × ${p.quantity} = ${p.total}`);
  assert.deepEqual(lines(after), lines(before), 'the cart lines changed');
  assert.deepEqual(after.vouchers, before.vouchers, 'the gift vouchers in the cart changed');
  assert.deepEqual(after.totals, before.totals, 'the cart totals changed');
});

// The order of the lines.

Then('the cart totals are in the documented order, with the {string} coupon, the {string} shipping and the {string} gift voucher', async function (this: ConformanceWorld, coupon: string, shipping: string, voucher: string) {
  const cart = await readCart(this);
  const order = this.fixture('totals.order');
  if (!Array.isArray(order)) throw MissingDatumError.inFixtures('totals.order');
  const known = new Map<string, string>([
    [discountLineTitle('coupon', stringFixture(this, `coupons.${coupon}.code`)), 'coupon'],
    [discountLineTitle('voucher', stringFixture(this, `vouchers.${voucher}.code`)), 'voucher'],
    [discountLineTitle('credit', ''), 'credit'],
    [stringFixture(this, `shipping_methods.${shipping}.title`), 'shipping'],
  ]);
  if (state(this).redeemed !== undefined) known.set(discountLineTitle('reward', state(this).redeemed!), 'reward');
  // The first line is the Sub-Total and the last the Total; any other line not named above is a tax.
  const kinds = cart.totals.map((l, i) => (i === 0 ? 'sub_total' : i === cart.totals.length - 1 ? 'total' : known.get(l.title) ?? 'tax'));
  const described = cart.totals.map((l, i) => `${l.title} (${kinds[i]})`).join(', ');
  for (const kind of [...known.values(), 'tax']) if (kind !== 'credit') assert.ok(kinds.includes(kind), `the totals have no ${kind} line: ${described}`);
  const rank = kinds.map((k) => order.indexOf(k));
  assert.ok(rank.every((r, i) => i === 0 || rank[i - 1] <= r), `the totals are not in the order ${order.join(', ')}: ${described}`);
  const taxes = cart.totals.filter((_, i) => kinds[i] === 'tax').map((l) => l.title);
  assert.deepEqual(taxes, [...taxes].sort(), 'the tax lines tie on their sort order and must be sorted by title');
});

// Store credit.

Then('the cart totals show the store credit of the {string} customer', async function (this: ConformanceWorld, role: string) {
  const cart = await readCart(this);
  const title = discountLineTitle('credit', '');
  const line = cart.totals.find((l) => l.title === title);
  assert.ok(line, `the customer has store credit, but the totals have no "${title}" line: ${cart.totals.map((l) => `${l.title} ${l.text}`).join(', ')}`);
  const others = cart.totals.filter((l) => l !== line);
  const payable = others.slice(0, -1).reduce((sum, l) => sum + parseMoney(l.text), 0);
  const expected = Math.min(numberFixture(this, `customers.${role}.store_credit`), payable);
  assert.ok(Math.abs(parseMoney(line.text) + expected) < 0.011, `"${title}" is ${line.text}, expected −${expected.toFixed(2)}: the balance, at most the ${payable.toFixed(2)} the lines before it come to`);
  const total = cart.totals[cart.totals.length - 1];
  assert.equal(cart.totals.indexOf(line), cart.totals.length - 2, `with no gift voucher, "${title}" comes last before ${total.title}, after the taxes: ${cart.totals.map((l) => l.title).join(', ')}`);
  assert.ok(Math.abs(parseMoney(total.text) - (payable - expected)) < 0.005 * cart.totals.length + 0.001, `the last line ${total.title} is ${total.text}, but the lines above it add up to ${(payable - expected).toFixed(2)}`);
});

Then('the cart totals show no store credit', async function (this: ConformanceWorld) {
  const cart = await readCart(this);
  const title = discountLineTitle('credit', '');
  assert.ok(!cart.totals.some((l) => l.title === title), `the totals have a "${title}" line although there is nothing to pay: ${cart.totals.map((l) => `${l.title} ${l.text}`).join(', ')}`);
});

// Gift vouchers: applying one.

When('I apply the {string} gift voucher', async function (this: ConformanceWorld, role: string) {
  await postCode(this, 'voucher', role);
});


Then('the cart totals show the discount of the {string} gift voucher', async function (this: ConformanceWorld, role: string) {
  const before = noted(this);
  const after = await readCart(this);
  const amount = voucherDiscount(numberFixture(this, `vouchers.${role}.amount`), parseMoney(before.totals[before.totals.length - 1].text));
  const title = discountLineTitle('voucher', stringFixture(this, `vouchers.${role}.code`));
  assertTotals(discountProblems(before.totals, after.totals, { title, amount, taxes: 'unchanged' }));
});

// Gift vouchers: buying one (a cart item).

When('I buy a gift voucher of {int} for {string}', async function (this: ConformanceWorld, amount: number, toName: string) {
  await buyVoucher(this, { amount, to_name: toName, to_email: `${toName.toLowerCase()}@invotide.example` });
  state(this).bought = { amount, to_name: toName };
});

// A value "(65 characters)" stands for a text that long, "(an address of 96 characters)" for a valid e-mail address that long.
When('I buy a gift voucher with {string} set to {string}', async function (this: ConformanceWorld, field: string, value: string) {
  const length = /^\((\d+) characters?\)$/.exec(value);
  const address = /^\(an address of (\d+) characters\)$/.exec(value);
  // A local part of 40 characters and one domain label: both within the limits of a valid address.
  const email = (n: number): string => `${'a'.repeat(40)}@${'b'.repeat(n - 45)}.com`;
  await buyVoucher(this, { [field]: length ? 'x'.repeat(Number(length[1])) : address ? email(Number(address[1])) : this.interpolate(value) });
});

Then('the cart holds the gift voucher of {int} for {string}', async function (this: ConformanceWorld, amount: number, toName: string) {
  const cart = await readCart(this);
  const v = cart.vouchers.find((x) => x.to_name === toName);
  assert.ok(v, `no gift voucher for ${toName} in the cart: ${JSON.stringify(cart.vouchers)}`);
  assert.ok(Number.isInteger(v.code), `the gift voucher code is ${JSON.stringify(v.code)}, expected an integer`);
  const text = formatLike(stringFixture(this, 'currencies.default.sample'), amount);
  assert.equal(v.description, `${text} Gift Certificate for ${toName}`);
  assert.equal(v.amount, amount, 'the gift voucher amount (a number in the store currency)');
  assert.equal(v.price, text, 'the gift voucher price (the formatted amount)');
  assert.equal(v.from_name, 'Alice', 'the gift voucher keeps the sender\'s name as posted');
  assert.equal(v.from_email, 'alice@invotide.example', 'the gift voucher keeps the sender\'s address as posted');
  assert.equal(v.to_email, `${toName.toLowerCase()}@invotide.example`, 'the gift voucher keeps the recipient\'s address as posted');
  assert.equal(String(v.voucher_theme_id), stringFixture(this, 'vouchers.theme_id'), 'the gift voucher keeps the theme as posted');
  assert.equal(v.message, 'Happy birthday', 'the gift voucher keeps the message as posted');
});

Then('the cart holds the gift voucher of {int} {string} for {string}', async function (this: ConformanceWorld, amount: number, currency: string, toName: string) {
  const cart = await readCart(this);
  const v = cart.vouchers.find((x) => x.to_name === toName);
  assert.ok(v, `no gift voucher for ${toName} in the cart: ${JSON.stringify(cart.vouchers)}`);
  const value = numberFixture(this, `currencies.${currency}.value`);
  assert.ok(typeof v.amount === 'number' && Math.abs(v.amount - amount / value) < 0.0001, `the gift voucher amount is ${JSON.stringify(v.amount)}, expected ${amount} ÷ ${value} = ${amount / value} (the posted amount converted to the store currency)`);
  const text = formatLike(stringFixture(this, `currencies.${currency}.sample`), amount);
  assert.equal(v.price, text, 'the gift voucher price (the amount formatted in the session currency)');
  assert.equal(v.description, `${text} Gift Certificate for ${toName}`, 'the gift voucher description (the amount formatted in the session currency)');
});

Then('the cart sub-total and total grew by {int}', function (this: ConformanceWorld, amount: number) {
  const before = noted(this).totals;
  const after = state(this).cart?.totals ?? [];
  const first = (t: TotalLine[]) => parseMoney(t[0]?.text ?? 'none');
  const last = (t: TotalLine[]) => parseMoney(t[t.length - 1]?.text ?? 'none');
  assert.equal(after[0]?.title, before[0].title, 'the first totals line');
  assert.ok(Math.abs(first(after) - first(before) - amount) < 0.001, `${before[0].title} went from ${before[0].text} to ${after[0]?.text}, expected ${amount} more`);
  assert.ok(Math.abs(last(after) - last(before) - amount) < 0.001, `the total went from ${before[before.length - 1].text} to ${after[after.length - 1]?.text}, expected ${amount} more`);
  assert.deepEqual(after.slice(1, -1), before.slice(1, -1), 'the tax lines changed');
});

When('I remove the bought gift voucher from the cart', async function (this: ConformanceWorld) {
  const v = state(this).cart?.vouchers.find((x) => x.to_name === state(this).bought?.to_name);
  assert.ok(v, 'the scenario read no bought gift voucher from the cart');
  await this.call('api/cart/remove', { key: String(v.code) });
});

Then('the cart holds no gift vouchers', async function (this: ConformanceWorld) {
  const cart = await readCart(this);
  assert.deepEqual(cart.vouchers, []);
  const before = state(this).before;
  if (before) assert.deepEqual(cart.totals, before.totals, 'the cart totals are not back to what they were');
});

Then('the error {string} gives the gift voucher amount bounds in the {string} currency', function (this: ConformanceWorld, key: string, role: string) {
  const [minimum, maximum] = ['minimum', 'maximum'].map((bound) => fixtureMoney(this, `vouchers.${bound}_amount`, role));
  assertErrorMessage(this.answer(), key, MESSAGES.voucherAmount(minimum, maximum));
});

// Reward points.

async function redeem(world: ConformanceWorld, reward: string | undefined): Promise<void> {
  state(world).redeemed = reward;
  await world.call('api/reward', reward === undefined ? {} : { reward });
}

When('I redeem {int} reward points', async function (this: ConformanceWorld, points: number) {
  await redeem(this, String(points));
});

When('I redeem {string} reward points', async function (this: ConformanceWorld, points: string) {
  await redeem(this, points === NO_FIELD ? undefined : points);
});

When('I redeem more reward points than the {string} customer has', async function (this: ConformanceWorld, role: string) {
  await redeem(this, String(numberFixture(this, `customers.${role}.reward_points`) + 100));
});

When('I redeem more reward points than the cart carries', async function (this: ConformanceWorld) {
  await redeem(this, String(cartPoints(this) + 1));
});

When('I redeem as many reward points as the cart carries', async function (this: ConformanceWorld) {
  await redeem(this, String(cartPoints(this)));
});

When('I redeem all the reward points the {string} customer has', async function (this: ConformanceWorld, role: string) {
  await redeem(this, String(numberFixture(this, `customers.${role}.reward_points`)));
});


Then('the error says the customer does not have the reward points asked for', function (this: ConformanceWorld) {
  assertErrorMessage(this.answer(), undefined, MESSAGES.rewardOverBalance(state(this).redeemed ?? ''));
});

Then('the error gives the points the cart carries as the maximum', function (this: ConformanceWorld) {
  assertErrorMessage(this.answer(), undefined, MESSAGES.rewardOverMaximum(cartPoints(this)));
});

Then('the available reward points are none', function (this: ConformanceWorld) {
  assert.equal(valueAt(this.answer(), 'points'), null);
});

Then('the available reward points are a whole number in a string', function (this: ConformanceWorld) {
  const points = valueAt(this.answer(), 'points');
  assert.ok(typeof points === 'string' && /^-?\d+$/.test(points), `points is ${JSON.stringify(points)}, expected a whole number in a string such as "1000"`);
});

Then('the available reward points are the balance of the {string} customer', function (this: ConformanceWorld, role: string) {
  assert.equal(valueAt(this.answer(), 'points'), String(numberFixture(this, `customers.${role}.reward_points`)));
});

Then('the reward maximum is a whole number', function (this: ConformanceWorld) {
  const maximum = valueAt(this.answer(), 'maximum');
  assert.ok(Number.isInteger(maximum), `maximum is ${JSON.stringify(maximum)}, expected an integer`);
});

Then('the reward maximum is the points the cart carries', function (this: ConformanceWorld) {
  assert.equal(valueAt(this.answer(), 'maximum'), cartPoints(this));
});

Then('the cart totals show the discount of the redeemed reward points', async function (this: ConformanceWorld) {
  const before = noted(this);
  const after = await readCart(this);
  const redeemed = Number(state(this).redeemed);
  // The points share over the lines that carry points: their price ex tax times the quantity this scenario put in the cart.
  const base = state(this).lines
    .filter((l) => numberFixture(this, `products.${l.role}.points`) > 0)
    .reduce((sum, l) => sum + parseMoney(stringFixture(this, `products.${l.role}.price_ex_tax`)) * l.quantity, 0);
  const amount = rewardDiscount(base, redeemed, cartPoints(this));
  assertTotals(discountProblems(before.totals, after.totals, { title: discountLineTitle('reward', redeemed), amount, taxes: 'reduced' }));
});

// The batch form of api/voucher/add (voucher[i][field]): the client names each voucher's code itself.
When('I send a batch of gift vouchers: {int} for {string} with code {string}, one without a message and one that is a plain value', async function (this: ConformanceWorld, amount: number, toName: string, code: string) {
  const complete = {
    code, from_name: 'Alice', from_email: 'alice@invotide.example', to_name: toName, to_email: `${toName.toLowerCase()}@invotide.example`,
    voucher_theme_id: stringFixture(this, 'vouchers.theme_id'), message: 'From the batch', amount,
  };
  const { message: _left, ...incomplete } = { ...complete, code: `${code}-INCOMPLETE`, to_name: 'Nobody' };
  await this.call('api/voucher/add', { voucher: [complete, incomplete, 'not-a-voucher'] });
});

Then('the cart\'s gift vouchers are exactly the one of {int} for {string} with code {string}', async function (this: ConformanceWorld, amount: number, toName: string, code: string) {
  const cart = await readCart(this);
  assert.deepEqual(cart.vouchers.map((v) => [v.code, v.to_name, v.amount]), [[code, toName, amount]], 'the batch replaces the vouchers, and an incomplete entry is skipped');
  const text = formatLike(stringFixture(this, 'currencies.default.sample'), amount);
  assert.equal(cart.vouchers[0].description, `${text} Gift Certificate for ${toName}`);
});
