// The cart (api/cart/add, edit, remove, products) and the session currency (api/currency). Products, options and
// currencies are fixture roles; the forms, the reading of cart/products and the arithmetic live in src/api/cart.ts.
// Steps phrased "my cart holds …" prepare the cart and assert that the store accepted it; "I add …", "I change …",
// "I remove …", "I choose …" only send, and a Then step checks the answer.
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertErrorMessage, errorMessage, valueAt } from '../src/answers';
import type { FormValue } from '../src/client';
import {
  fixtureMoney,   UNKNOWN_CART_KEY, addForm, batchForm, cartContents, cartKeyOf, cartState, conversionProblems, currencyForm, currencyRate,
  currencySample, everyOption, expectSuccess, fixtureString, lineTotalProblems, linesOf, oneLineOf, optionChoice, optionRoles,
  optionValueNames, optionalText, productId, productRoleOf, quantitiesById, readCart, sortedOptions, subTotalProblems,
  totalsProblems, type CartContents, type CartProduct,
} from '../src/api/cart';
import { formatLike, parseMoney } from '../src/api/discounts';
import { MESSAGES } from '../src/api/messages';
import type { ConformanceWorld } from './support/world';

// ---- helpers kept here because they tie a World to the library ------------------------------------------------

/** Reads this session's cart (or the other's) for a Then step, marking the answer checked. */
async function cartNow(w: ConformanceWorld, session?: string): Promise<CartContents> {
  const known = w.lastCartRead(session);
  const cart = known ? cartContents(known) : (await readCart(w, session)).cart;
  w.answer();
  return cart;
}

/** The last answer, which must be the cart contents. */
function answeredCart(w: ConformanceWorld): CartContents {
  return cartContents(w.answer());
}

function expectedQuantities(w: ConformanceWorld, table: DataTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of table.hashes()) out[productId(w, row.product)] = (out[productId(w, row.product)] ?? 0) + Number(row.quantity);
  return out;
}

/** A line of a product role as the fixtures describe it: id, name, model, shipping, reward points × quantity. */
function assertLineOfRole(w: ConformanceWorld, line: CartProduct, product: string): void {
  const at = `cart line ${line.cart_id} ("${product}")`;
  assert.match(line.cart_id, /^\d+$/, `${at}: cart_id is the cart key, an integer in a string`);
  assert.equal(line.name, fixtureString(w, `products.${product}.name`), `${at}: name`);
  const model = optionalText(w, `products.${product}.model`);
  if (model !== undefined) assert.equal(line.model, model, `${at}: model`);
  const shipping = optionalText(w, `products.${product}.shipping`);
  if (shipping !== undefined) assert.equal(line.shipping, shipping === 'true' ? '1' : '0', `${at}: shipping ("1" when it needs shipping)`);
  const reward = optionalText(w, `products.${product}.reward`);
  if (reward !== undefined) assert.equal(line.reward, Number(reward) * Number(line.quantity), `${at}: reward (the product's reward points × quantity)`);
}

function assertLineAtPrice(w: ConformanceWorld, cart: CartContents, product: string, quantity: number, price: string): void {
  const line = oneLineOf(cart, productId(w, product), `"${product}"`);
  assert.equal(line.quantity, String(quantity), `the "${product}" line's quantity`);
  assert.equal(line.price, price, `the "${product}" line's unit price (tax included, in the session currency)`);
  assert.deepEqual(lineTotalProblems([line]), [], `the "${product}" line's total`);
  assertLineOfRole(w, line, product);
}

// ---- preparing the cart (asserts that the store accepted it) --------------------------------------------------

Given('my cart holds {int} of the {string} product', async function (this: ConformanceWorld, quantity: number, product: string) {
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity)), `adding ${quantity} "${product}"`);
});

Given('my cart holds {int} of the {string} product with every option', async function (this: ConformanceWorld, quantity: number, product: string) {
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product))), `adding ${quantity} "${product}" with every option`);
});

Given('my cart holds {int} of the {string} product with every option, once for each value of its {string} option', async function (this: ConformanceWorld, quantity: number, product: string, option: string) {
  for (const value of optionValueNames(this, product, option)) {
    expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product, { [option]: value }))), `adding ${quantity} "${product}" with ${option} "${value}"`);
  }
});

Given('my cart holds more of the {string} product than its stock', async function (this: ConformanceWorld, product: string) {
  const quantity = Number(fixtureString(this, `products.${product}.stock`)) + 1;
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product))), `adding ${quantity} "${product}"`);
});

Given('the other session\'s cart holds {int} of the {string} product', async function (this: ConformanceWorld, quantity: number, product: string) {
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity), { session: 'other' }), `the other session adding ${quantity} "${product}"`);
});

// ---- api/cart/add ----------------------------------------------------------------------------------------------

When('I add {int} of the {string} product to the cart', async function (this: ConformanceWorld, quantity: number, product: string) {
  await this.call('api/cart/add', addForm(this, product, quantity));
});

When('I add {int} of the {string} product to the cart with every option', async function (this: ConformanceWorld, quantity: number, product: string) {
  await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product)));
});

When('I add {int} of the {string} product to the cart without its {string} option', async function (this: ConformanceWorld, quantity: number, product: string, option: string) {
  assert.ok(optionRoles(this, product).includes(option), `the fixtures name no "${option}" option of the "${product}" product`);
  await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product).filter((o) => o.line.type !== option)));
});

When('I add {int} of the {string} product to the cart with its {string} option sent empty', async function (this: ConformanceWorld, quantity: number, product: string, option: string) {
  const others = everyOption(this, product).filter((o) => o.line.type !== option);
  await this.call('api/cart/add', addForm(this, product, quantity, [...others, { ...optionChoice(this, product, option), sent: '' }]));
});

When('I add {int} of the {string} product to the cart with every option, once for each value of its {string} option', async function (this: ConformanceWorld, quantity: number, product: string, option: string) {
  const values = optionValueNames(this, product, option);
  for (const [i, value] of values.entries()) {
    const r = await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product, { [option]: value })));
    if (i < values.length - 1) expectSuccess(r, `adding ${quantity} "${product}" with ${option} "${value}"`);
  }
});

When('I add the {string} product to the cart without a quantity', async function (this: ConformanceWorld, product: string) {
  await this.call('api/cart/add', addForm(this, product, undefined));
});

When('I add the {string} product to the cart with the quantity {string}', async function (this: ConformanceWorld, product: string, quantity: string) {
  await this.call('api/cart/add', addForm(this, product, quantity));
});

When('I add a quantity but no product to the cart', async function (this: ConformanceWorld) {
  await this.call('api/cart/add', { quantity: 1 });
});

When('I add the {string} product to the cart in the query string', async function (this: ConformanceWorld, product: string) {
  await this.call('api/cart/add', undefined, { query: { product_id: productId(this, product), quantity: 1 } });
});

When('I replace the cart with a batch of:', async function (this: ConformanceWorld, table: DataTable) {
  const items = table.hashes().map((row) => ({
    product: row.product,
    quantity: Number(row.quantity),
    options: row.options === 'every option' ? optionRoles(this, row.product) : [],
  }));
  await this.call('api/cart/add', batchForm(this, items));
});

When('the other session adds {int} of the {string} product to its cart', async function (this: ConformanceWorld, quantity: number, product: string) {
  await this.call('api/cart/add', addForm(this, product, quantity), { session: 'other' });
});

Then('the cart add names only the {string} option of the {string} product as missing', function (this: ConformanceWorld, option: string, product: string) {
  const missing = errorMessage(this.answer(), 'option');
  assert.deepEqual(Object.keys(missing as object), [fixtureString(this, `products.${product}.options.${option}.product_option_id`)], 'error.option names the product_option_ids left out');
});

Then('the cart add names every option of the {string} product as missing', function (this: ConformanceWorld, product: string) {
  const missing = errorMessage(this.answer(), 'option');
  const ids = optionRoles(this, product).map((o) => fixtureString(this, `products.${product}.options.${o}.product_option_id`));
  assert.deepEqual(Object.keys(missing as object).sort(), ids.sort(), 'error.option names every product_option_id left out');
});

Then('the error names the {string} option of the {string} product as required', function (this: ConformanceWorld, option: string, product: string) {
  const base = `products.${product}.options.${option}`;
  assertErrorMessage(this.answer(), `option.${fixtureString(this, `${base}.product_option_id`)}`, MESSAGES.cartOptionRequired(fixtureString(this, `${base}.name`)));
});

// ---- api/cart/edit and api/cart/remove -------------------------------------------------------------------------

When('I change the quantity of my {string} line to {int}', async function (this: ConformanceWorld, product: string, quantity: number) {
  const key = await cartKeyOf(this, product);
  cartState(this).keys.set(product, key);
  await this.call('api/cart/edit', { key, quantity });
});

When('I change the quantity of the other session\'s {string} line to {int}', async function (this: ConformanceWorld, product: string, quantity: number) {
  await this.call('api/cart/edit', { key: await cartKeyOf(this, product, 'other'), quantity });
});

When('I change the quantity of a cart key no session has to {int}', async function (this: ConformanceWorld, quantity: number) {
  await this.call('api/cart/edit', { key: UNKNOWN_CART_KEY, quantity });
});

When('I remove my {string} line from the cart', async function (this: ConformanceWorld, product: string) {
  const key = await cartKeyOf(this, product);
  cartState(this).keys.set(product, key);
  await this.call('api/cart/remove', { key });
});

When('I remove my {string} line from the cart again', async function (this: ConformanceWorld, product: string) {
  const key = cartState(this).keys.get(product);
  assert.ok(key, `no "${product}" line was removed before in this scenario`);
  await this.call('api/cart/remove', { key });
});

When('I remove the other session\'s {string} line from my cart', async function (this: ConformanceWorld, product: string) {
  await this.call('api/cart/remove', { key: await cartKeyOf(this, product, 'other') });
});

When('I remove a cart key no session has', async function (this: ConformanceWorld) {
  await this.call('api/cart/remove', { key: UNKNOWN_CART_KEY });
});

// ---- the cart's lines (each step reads the cart) ---------------------------------------------------------------

Then('the cart holds {int} of the {string} product at its unit price', async function (this: ConformanceWorld, quantity: number, product: string) {
  assertLineAtPrice(this, await cartNow(this), product, quantity, fixtureMoney(this, `products.${product}.unit_price`));
});

Then('the cart holds {int} of the {string} product at its price with every option', async function (this: ConformanceWorld, quantity: number, product: string) {
  assertLineAtPrice(this, await cartNow(this), product, quantity, fixtureMoney(this, `products.${product}.unit_price_with_every_option`));
});

Then('the cart line of the {string} product shows every option chosen', async function (this: ConformanceWorld, product: string) {
  const line = oneLineOf(await cartNow(this), productId(this, product), `"${product}"`);
  assert.deepEqual(sortedOptions(line.option), sortedOptions(everyOption(this, product).map((o) => o.line)), `the "${product}" line's options`);
});

Then('the cart holds one line of the {string} product for each value of its {string} option', async function (this: ConformanceWorld, product: string, option: string) {
  const lines = linesOf(await cartNow(this), productId(this, product));
  const id = fixtureString(this, `products.${product}.options.${option}.product_option_id`);
  const shown = lines.map((l) => l.option.find((o) => o.product_option_id === id)?.value ?? '(none)').sort();
  assert.deepEqual(shown, optionValueNames(this, product, option).sort(), `the "${product}" lines, by their ${option} value`);
});

Then('the cart holds no {string} product', async function (this: ConformanceWorld, product: string) {
  const lines = linesOf(await cartNow(this), productId(this, product));
  assert.equal(lines.length, 0, `the cart holds ${lines.length} line(s) of the "${product}" product: ${JSON.stringify(lines).slice(0, 300)}`);
});

Then('the cart holds only:', async function (this: ConformanceWorld, table: DataTable) {
  assert.deepEqual(quantitiesById(await cartNow(this)), expectedQuantities(this, table), 'quantities in my cart by product_id');
});

Then('the other session\'s cart holds only:', async function (this: ConformanceWorld, table: DataTable) {
  assert.deepEqual(quantitiesById(await cartNow(this, 'other')), expectedQuantities(this, table), 'quantities in the other session\'s cart by product_id');
});

Then('the cart totals show the {string} shipping line', async function (this: ConformanceWorld, role: string) {
  const title = fixtureString(this, `shipping_methods.${role}.title`);
  const cart = await cartNow(this);
  assert.ok(cart.totals.some((t) => t.title === title), `the totals show no "${title}" line: ${JSON.stringify(cart.totals)}`);
});

Then('the cart totals show no {string} shipping line', async function (this: ConformanceWorld, role: string) {
  const title = fixtureString(this, `shipping_methods.${role}.title`);
  const cart = await cartNow(this);
  assert.ok(!cart.totals.some((t) => t.title === title), `the totals still show the "${title}" line: ${JSON.stringify(cart.totals)}`);
});

// ---- api/cart/products: the answer just read -------------------------------------------------------------------

When('I read the cart with GET', async function (this: ConformanceWorld) {
  await this.call('api/cart/products', undefined, { method: 'GET' });
});

Then('the cart has no lines and its totals are zero', function (this: ConformanceWorld) {
  const cart = answeredCart(this);
  assert.deepEqual([cart.products, cart.vouchers], [[], []], 'an empty cart has no product lines and no gift vouchers');
  assert.ok(cart.totals.length >= 2, `an empty cart still has a Sub-Total and a Total: ${JSON.stringify(cart.totals)}`);
  assert.deepEqual(cart.totals.filter((t) => parseMoney(t.text) !== 0), [], 'every total of an empty cart is zero');
});

Then('each cart line shows its product\'s name, model, shipping and reward points', function (this: ConformanceWorld) {
  const cart = answeredCart(this);
  assert.ok(cart.products.length > 0, 'the cart has no lines to look at');
  for (const line of cart.products) {
    const role = productRoleOf(this, line.product_id);
    assert.ok(role, `cart line ${line.cart_id} is of product ${line.product_id}, which no fixture role names`);
    assertLineOfRole(this, line, role);
  }
});

Then('every line total of the cart is its price times its quantity', function (this: ConformanceWorld) {
  const cart = answeredCart(this);
  assert.ok(cart.products.length > 0, 'the cart has no lines to look at');
  assert.deepEqual(lineTotalProblems(cart.products), []);
});

Then('the cart totals add up', function (this: ConformanceWorld) {
  assert.deepEqual(totalsProblems(answeredCart(this), true), []);
});

Then('the cart Sub-Total is the sum of the lines\' prices before tax', function (this: ConformanceWorld) {
  const cart = answeredCart(this);
  const exTax: Record<string, string> = {};
  for (const line of cart.products) {
    const role = productRoleOf(this, line.product_id);
    if (role) exTax[line.product_id] = fixtureMoney(this, `products.${role}.price_ex_tax`);
  }
  assert.deepEqual(subTotalProblems(cart, exTax), []);
});

Then('the cart lists {int} gift voucher(s)', function (this: ConformanceWorld, count: number) {
  assert.equal(answeredCart(this).vouchers.length, count, 'gift vouchers in the cart');
});

Then('the cart totals begin with {string} and end with {string}', function (this: ConformanceWorld, first: string, last: string) {
  const titles = answeredCart(this).totals.map((t) => t.title);
  assert.deepEqual([titles[0], titles[titles.length - 1]], [first, last], `totals titles: ${titles.join(', ')}`);
});

Then('the cart reports no warning', function (this: ConformanceWorld) {
  const cart = answeredCart(this);
  assert.ok(!('error' in cart), `the cart reports ${JSON.stringify(cart.error)}`);
});

Then('the cart line of the {string} product is out of stock', function (this: ConformanceWorld, product: string) {
  assert.equal(oneLineOf(answeredCart(this), productId(this, product), `"${product}"`).stock, false, `the "${product}" line's stock flag`);
});

Then('the cart line of the {string} product is in stock', function (this: ConformanceWorld, product: string) {
  assert.equal(oneLineOf(answeredCart(this), productId(this, product), `"${product}"`).stock, true, `the "${product}" line's stock flag`);
});

Then('the minimum warning is given once for each line of the {string} product', function (this: ConformanceWorld, product: string) {
  const cart = answeredCart(this);
  const minimum = cart.error?.minimum;
  assert.ok(Array.isArray(minimum), `the cart reports no minimum warning: ${JSON.stringify(cart.error)}`);
  assert.equal(minimum.length, linesOf(cart, productId(this, product)).length, `error.minimum has one entry per line of the "${product}" product`);
});

Then('the minimum warning names the {string} product and its minimum', function (this: ConformanceWorld, product: string) {
  const expected = MESSAGES.cartMinimum(fixtureString(this, `products.${product}.name`), Number(fixtureString(this, `products.${product}.minimum`)));
  assert.deepEqual(answeredCart(this).error?.minimum, [expected], 'error.minimum');
});

// ---- a product priced by its options and quantity (lines of one product with different option values) ---------

/** The value of a choice option a cart line shows (the line must show that option). */
function optionValueOf(w: ConformanceWorld, line: CartProduct, product: string, option: string): string {
  const id = fixtureString(w, `products.${product}.options.${option}.product_option_id`);
  const shown = line.option.find((o) => o.product_option_id === id);
  assert.ok(shown, `cart line ${line.cart_id} ("${product}") shows no ${option} option: ${JSON.stringify(line.option)}`);
  return shown.value;
}

/** Each line of a product is at the unit price `prices.<value of its option>` (tax included), its total price × quantity. */
async function assertLinesPricedBy(w: ConformanceWorld, product: string, option: string, prices: string, rule: string): Promise<void> {
  const lines = linesOf(await cartNow(w), productId(w, product));
  assert.ok(lines.length > 0, `the cart holds no line of the "${product}" product`);
  for (const line of lines) {
    const value = optionValueOf(w, line, product, option);
    assert.equal(line.price, fixtureMoney(w, `${prices}.${value}`), `cart line ${line.cart_id} ("${product}", ${option} ${value}, quantity ${line.quantity}): ${rule}`);
    assertLineOfRole(w, line, product);
  }
  assert.deepEqual(lineTotalProblems(lines), [], `the "${product}" line totals`);
}

const discountQuantity = (w: ConformanceWorld, product: string): number => Number(fixtureString(w, `products.${product}.quantity_discount.quantity`));

Given('my cart holds {int} of the {string} product with its {string} option {string}', async function (this: ConformanceWorld, quantity: number, product: string, option: string, value: string) {
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product, { [option]: value }))), `adding ${quantity} "${product}" with ${option} "${value}"`);
});

Given('my cart holds the quantity discount\'s quantity of the {string} product, split over the values of its {string} option', async function (this: ConformanceWorld, product: string, option: string) {
  const total = discountQuantity(this, product);
  const values = optionValueNames(this, product, option);
  assert.ok(values.length >= 2 && total >= values.length, `the "${product}" quantity discount (${total}) cannot be split over its ${option} values ${values.join(', ')}`);
  for (const [i, value] of values.entries()) {
    const quantity = Math.floor(total / values.length) + (i < total % values.length ? 1 : 0);
    expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product, { [option]: value }))), `adding ${quantity} "${product}" with ${option} "${value}"`);
  }
});

Given('my cart holds one less than the quantity discount\'s quantity of the {string} product', async function (this: ConformanceWorld, product: string) {
  const quantity = discountQuantity(this, product) - 1;
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product))), `adding ${quantity} "${product}"`);
});

Given('my cart holds as many of the {string} product as the quantity discount\'s quantity of the {string} product', async function (this: ConformanceWorld, product: string, discounted: string) {
  const quantity = discountQuantity(this, discounted);
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity)), `adding ${quantity} "${product}"`);
});

Given('my cart holds as many of the {string} product as the {string} product\'s minimum', async function (this: ConformanceWorld, product: string, other: string) {
  const quantity = Number(fixtureString(this, `products.${other}.minimum`));
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity)), `adding ${quantity} "${product}"`);
});

Given('my cart holds all the stock of the {string} product', async function (this: ConformanceWorld, product: string) {
  const quantity = Number(fixtureString(this, `products.${product}.stock`));
  expectSuccess(await this.call('api/cart/add', addForm(this, product, quantity, everyOption(this, product))), `adding ${quantity} "${product}"`);
});

Then('each line of the {string} product is priced for its {string} value', async function (this: ConformanceWorld, product: string, option: string) {
  await assertLinesPricedBy(this, product, option, `products.${product}.unit_price_by_value`,
    'the unit price is the product\'s price with its option value\'s price added (+) or taken away (-), and no quantity discount');
});

Then('each line of the {string} product is priced at the quantity discount for its {string} value', async function (this: ConformanceWorld, product: string, option: string) {
  await assertLinesPricedBy(this, product, option, `products.${product}.quantity_discount.unit_price_by_value`,
    'the quantity discount applies to the quantity of all lines of the product together, and the option value\'s price is added to it');
});

Then('the reward maximum counts each line of the {string} product at its points for its {string} value', async function (this: ConformanceWorld, product: string, option: string) {
  const maximum = valueAt(this.answer(), 'maximum');
  const cart = await cartNow(this);
  const id = productId(this, product);
  assert.deepEqual(cart.products.filter((l) => l.product_id !== id), [], `the cart should hold only "${product}" lines`);
  const lines = linesOf(cart, id).map((l) => ({ value: optionValueOf(this, l, product, option), quantity: Number(l.quantity) }));
  const expected = lines.reduce((sum, l) => sum + Number(fixtureString(this, `products.${product}.points_by_value.${l.value}`)) * l.quantity, 0);
  assert.equal(maximum, expected, `the reward maximum is not the points of every line, each the product's points with its option value's points added (+) or taken away (-), times its quantity: ${JSON.stringify(lines)}`);
});

// ---- store credit ---------------------------------------------------------------------------------------------

Then('the cart totals take the {string} customer\'s store credit off', function (this: ConformanceWorld, role: string) {
  const cart = answeredCart(this);
  const credit = Number(fixtureString(this, `customers.${role}.store_credit`));
  const lines = cart.totals.filter((t) => Math.abs(parseMoney(t.text) + credit) < 0.005);
  assert.equal(lines.length, 1, `the totals show no line taking the customer's store credit (${credit}) off: ${JSON.stringify(cart.totals)}`);
  assert.ok(cart.totals.indexOf(lines[0]) < cart.totals.length - 1, 'the store credit line comes before the Total');
  assert.deepEqual(totalsProblems(cart, false), [], 'with the store credit taken off, the Total is still the sum of the lines above it');
});

// ---- option values the store does not expect ------------------------------------------------------------------

When('I add {int} of the {string} product to the cart with the {string} option of the {string} product', async function (this: ConformanceWorld, quantity: number, product: string, option: string, other: string) {
  const choice = optionChoice(this, other, option);
  assert.ok(!optionRoles(this, product).some((o) => fixtureString(this, `products.${product}.options.${o}.product_option_id`) === choice.id), `the "${product}" product has the option ${choice.id} itself`);
  await this.call('api/cart/add', addForm(this, product, quantity, [choice]));
});

When('I add {int} of the {string} product to the cart with the {string} option of the {string} product sent empty', async function (this: ConformanceWorld, quantity: number, product: string, option: string, other: string) {
  await this.call('api/cart/add', addForm(this, product, quantity, [{ ...optionChoice(this, other, option), sent: '' }]));
});

When('I add {int} of the {string} product to the cart with its {string} option set to a value of the {string} product', async function (this: ConformanceWorld, quantity: number, product: string, option: string, other: string) {
  const own = optionChoice(this, product, option);
  const foreign = optionChoice(this, other, option);
  assert.ok(!optionValueNames(this, product, option).some((v) => fixtureString(this, `products.${product}.options.${option}.values.${v}`) === foreign.line.product_option_value_id),
    `the "${other}" product's ${option} value ${foreign.line.product_option_value_id} is also a value of the "${product}" product`);
  await this.call('api/cart/add', addForm(this, product, quantity, [{ ...own, sent: foreign.sent }]));
});

When('I add {int} of the {string} product to the cart with every option, its checkbox sent as a single value', async function (this: ConformanceWorld, quantity: number, product: string) {
  const options = everyOption(this, product).map((o) => (o.line.type === 'checkbox' ? { ...o, sent: o.line.product_option_value_id } : o));
  await this.call('api/cart/add', addForm(this, product, quantity, options));
});

When('I replace the cart with a batch whose first item is not a list, then:', async function (this: ConformanceWorld, table: DataTable) {
  const items = table.hashes().map((row) => ({ product: row.product, quantity: Number(row.quantity), options: [] }));
  const { product } = batchForm(this, items) as { product: Record<string, FormValue> };
  const shifted: Record<string, FormValue> = { 0: productId(this, items[0].product) };
  for (const [i, item] of Object.entries(product)) shifted[String(Number(i) + 1)] = item;
  // Any documented answer will do (an error or a success), so the answer is judged by the Then step, not here.
  await this.call('api/cart/add', { product: shifted }, { allowViolation: true });
});

Then('the cart holds {int} line(s) of the {string} product, none showing an option', async function (this: ConformanceWorld, count: number, product: string) {
  const lines = linesOf(await cartNow(this), productId(this, product));
  assert.equal(lines.length, count, `lines of the "${product}" product (an option the product does not have makes a line of its own): ${JSON.stringify(lines).slice(0, 300)}`);
  for (const line of lines) assert.deepEqual(line.option, [], `cart line ${line.cart_id}: an option the product does not have is not shown`);
});

Then('the cart line of the {string} product shows every option chosen but the {string}', async function (this: ConformanceWorld, product: string, option: string) {
  const line = oneLineOf(await cartNow(this), productId(this, product), `"${product}"`);
  assert.deepEqual(sortedOptions(line.option), sortedOptions(everyOption(this, product).filter((o) => o.line.type !== option).map((o) => o.line)),
    `the "${product}" line's options: a ${option} value sent as a single value rather than a list is not shown`);
});

// ---- api/currency ----------------------------------------------------------------------------------------------

Given('the session currency is the {string} currency', async function (this: ConformanceWorld, role: string) {
  expectSuccess(await this.call('api/currency', currencyForm(this, role)), `choosing the "${role}" currency`);
});

When('I choose the {string} currency', async function (this: ConformanceWorld, role: string) {
  await this.call('api/currency', currencyForm(this, role));
});

When('I choose the {string} currency in lower case', async function (this: ConformanceWorld, role: string) {
  const form = currencyForm(this, role, (code) => code.toLowerCase());
  assert.notEqual(form.currency, fixtureString(this, `currencies.${role}.code`), `the "${role}" currency code has no upper-case letter to lower`);
  await this.call('api/currency', form);
});

When('I choose the {string} currency in the query string', async function (this: ConformanceWorld, role: string) {
  await this.call('api/currency', undefined, { query: { currency: fixtureString(this, `currencies.${role}.code`) } });
});

When('the other session chooses the {string} currency', async function (this: ConformanceWorld, role: string) {
  expectSuccess(await this.call('api/currency', currencyForm(this, role), { session: 'other' }), `the other session choosing the "${role}" currency`);
});

Given('I note the cart, in the default currency', async function (this: ConformanceWorld) {
  const { cart } = await readCart(this);
  const sample = currencySample(this, 'default');
  for (const t of cart.totals) assert.equal(t.text, formatLike(sample, parseMoney(t.text)), `the cart is not in the default currency: ${t.title} ${t.text}`);
  cartState(this).noted = cart;
});

Then('the cart shows the noted amounts in the {string} currency', async function (this: ConformanceWorld, role: string) {
  const noted = cartState(this).noted;
  assert.ok(noted, 'no cart was noted in this scenario');
  assert.deepEqual(conversionProblems(noted, await cartNow(this), currencyRate(this, role), currencySample(this, role)), []);
});
