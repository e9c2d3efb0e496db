// The cart (api/cart/add, edit, remove, products) and the session currency (api/currency). Products and currencies are
// fixture roles ({product}, {currency}); the forms, tasks and checks are in src/api/cart.ts. Steps phrased "my cart
// holds …" prepare the cart and assert that the store took it (the one phrase for that in every feature); "I add …",
// "I change …", "I remove …", "I choose …" only send, and a Then step checks the answer.
import { Given, Then, When, type DataTable } from './support/cucumber';
import assert from 'node:assert/strict';
import { assertErrorKeys, assertErrorMessage, errorMessage, valueAt } from '../src/answers';
import {
  UNKNOWN_CART_KEY, addEachValue, addForm, answeredCart, assertEveryLineOfItsRole, assertLineAtPrice, assertLinePerValue, assertLinesPricedBy,
  assertLinesWithoutOptions, assertMinimumPerLine, assertNotedAmountsIn, assertOptionsShown, assertRewardMaximumByValue, assertShippingKept, assertShippingLine,
  batchForm, batchFormShifted, batchItems, cartKeyOf, cartNow, changeMyLine, checkboxAsSingleValue, chooseCurrency, everyOption, everyOptionBut,
  expectEmptyCart, foreignOption, holdDiscountQuantitySplit, holdEachValue, holdInCart, keyUsedBefore, lineTotalProblems, linesOf, minimumWarning,
  noteCart, oneLineOf, optionChoice, optionWithAnotherForeignValue, optionWithForeignValue, optionsWithOneEmpty, quantitiesById, subTotalProblemsOf, tableQuantities, totalsProblems,
} from '../src/api/cart';
import { MESSAGES, message } from '../src/api/messages';
import { assertNotedAmountsAfterDisabled, disabledCurrency } from '../src/api/currency';
import { parseMoney } from '../src/api/money';
import type { Currency, Product } from '../src/api/roles';
import { priceShown, priceWithTax, pricesWithTax, productWithTax, requireStockWarning, shownPrice, warnsOfStock } from '../src/api/settings';
import { requireFrame, requireNoFees, requireTotals, totalEnabled } from '../src/api/totals';
import type { ConformanceWorld } from './support/world';

// ---- preparing the cart (asserts that the store took it) ------------------------------------------------------

Given('my cart holds {int} of the {product} product', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await holdInCart(this, product, quantity);
});

Given('my cart holds {int} of the {product} product with every option', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await holdInCart(this, product, quantity, everyOption(product));
});

Given('my cart holds {int} of the {product} product with its {string} option {string}', async function (this: ConformanceWorld, quantity: number, product: Product, option: string, value: string) {
  await holdInCart(this, product, quantity, everyOption(product, { [option]: value }));
});

Given('my cart holds {int} of the {product} product with every option, once for each value of its {string} option', async function (this: ConformanceWorld, quantity: number, product: Product, option: string) {
  await holdEachValue(this, product, quantity, option);
});

Given('my cart holds more of the {product} product than its stock', async function (this: ConformanceWorld, product: Product) {
  await holdInCart(this, product, product.stock + 1, everyOption(product));
});

Given('my cart holds all the stock of the {product} product', async function (this: ConformanceWorld, product: Product) {
  await holdInCart(this, product, product.stock, everyOption(product));
});

Given('my cart holds the quantity discount\'s quantity of the {product} product, split over the values of its {string} option', async function (this: ConformanceWorld, product: Product, option: string) {
  await holdDiscountQuantitySplit(this, product, option);
});

Given('my cart holds one less than the quantity discount\'s quantity of the {product} product', async function (this: ConformanceWorld, product: Product) {
  await holdInCart(this, product, product.discountQuantity - 1, everyOption(product));
});

Given('my cart holds as many of the {product} product as the quantity discount\'s quantity of the {product} product', async function (this: ConformanceWorld, product: Product, discounted: Product) {
  await holdInCart(this, product, discounted.discountQuantity);
});

Given('my cart holds as many of the {product} product as the {product} product\'s minimum', async function (this: ConformanceWorld, product: Product, other: Product) {
  await holdInCart(this, product, other.minimum);
});

Given('the other session\'s cart holds {int} of the {product} product', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await holdInCart(this, product, quantity, [], 'other');
});

Given('nothing is in my cart yet', async function (this: ConformanceWorld) {
  await expectEmptyCart(this);
});

// ---- api/cart/add ----------------------------------------------------------------------------------------------

When('I add {int} of the {product} product to the cart', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await this.call('api/cart/add', addForm(product, quantity));
});

When('the cart changes by adding the {product} product', async function (this: ConformanceWorld, product: Product) {
  await holdInCart(this, product, 1);
});

When('I add {int} of the {product} product to the cart with every option', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await this.call('api/cart/add', addForm(product, quantity, everyOption(product)));
});

When('I add {int} of the {product} product to the cart without its {string} option', async function (this: ConformanceWorld, quantity: number, product: Product, option: string) {
  assert.ok(product.optionRoles.includes(option), `the fixtures name no "${option}" option of the ${product} product`);
  await this.call('api/cart/add', addForm(product, quantity, everyOptionBut(product, option)));
});

When('I add {int} of the {product} product to the cart with its {string} option sent empty', async function (this: ConformanceWorld, quantity: number, product: Product, option: string) {
  await this.call('api/cart/add', addForm(product, quantity, optionsWithOneEmpty(product, option)));
});

When('I add {int} of the {product} product to the cart with every option, once for each value of its {string} option', async function (this: ConformanceWorld, quantity: number, product: Product, option: string) {
  await addEachValue(this, product, quantity, option);
});

When('I add the {product} product to the cart without a quantity', async function (this: ConformanceWorld, product: Product) {
  await this.call('api/cart/add', addForm(product, undefined));
});

When('I add the {product} product to the cart with the quantity {string}', async function (this: ConformanceWorld, product: Product, quantity: string) {
  await this.call('api/cart/add', addForm(product, quantity));
});

When('I add a quantity but no product to the cart', async function (this: ConformanceWorld) {
  await this.call('api/cart/add', { quantity: 1 });
});

When('I add the {product} product to the cart in the query string', async function (this: ConformanceWorld, product: Product) {
  await this.call('api/cart/add', undefined, { query: { product_id: product.id, quantity: 1 } });
});

When('I replace the cart with a batch of:', async function (this: ConformanceWorld, table: DataTable) {
  await this.call('api/cart/add', batchForm(batchItems(this, table.hashes())));
});

When('the other session adds {int} of the {product} product to its cart', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await this.call('api/cart/add', addForm(product, quantity), { session: 'other' });
});

Then('the cart add names only the {string} option of the {product} product as missing', function (this: ConformanceWorld, option: string, product: Product) {
  assert.deepEqual(Object.keys(errorMessage(this.answer(), 'option') as object), [product.option(option).id], 'error.option names the product_option_ids left out');
});

Then('the cart add names every option of the {product} product as missing', function (this: ConformanceWorld, product: Product) {
  const ids = product.optionRoles.map((o) => product.option(o).id);
  assert.deepEqual(Object.keys(errorMessage(this.answer(), 'option') as object).sort(), ids.sort(), 'error.option names every product_option_id left out');
});

Then('the error names the {string} option of the {product} product as required', function (this: ConformanceWorld, option: string, product: Product) {
  const o = product.option(option);
  assertErrorMessage(this.answer(), `option.${o.id}`, MESSAGES.cartOptionRequired(o.name));
});

// ---- option values the store does not expect ------------------------------------------------------------------

When('I add {int} of the {product} product to the cart with the {string} option of the {product} product', async function (this: ConformanceWorld, quantity: number, product: Product, option: string, other: Product) {
  await this.call('api/cart/add', addForm(product, quantity, [foreignOption(product, option, other)]));
});

When('I add {int} of the {product} product to the cart with the {string} option of the {product} product sent empty', async function (this: ConformanceWorld, quantity: number, product: Product, option: string, other: Product) {
  await this.call('api/cart/add', addForm(product, quantity, [{ ...optionChoice(other, option), sent: '' }]));
});

When('I add {int} of the {product} product to the cart with its {string} option set to a value of the {product} product', async function (this: ConformanceWorld, quantity: number, product: Product, option: string, other: Product) {
  await this.call('api/cart/add', addForm(product, quantity, [optionWithForeignValue(product, option, other)]));
});

When('I add {int} of the {product} product to the cart with its {string} option set to another value of the {product} product', async function (this: ConformanceWorld, quantity: number, product: Product, option: string, other: Product) {
  await this.call('api/cart/add', addForm(product, quantity, [optionWithAnotherForeignValue(product, option, other)]));
});

When('I add {int} of the {product} product to the cart with every option, its checkbox sent as a single value', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await this.call('api/cart/add', addForm(product, quantity, checkboxAsSingleValue(product)));
});

When('I replace the cart with a batch whose first item is not a list, then:', async function (this: ConformanceWorld, table: DataTable) {
  // Any documented answer will do (an error or a success), so the answer is judged by the Then step, not here.
  await this.call('api/cart/add', batchFormShifted(batchItems(this, table.hashes())), { allowViolation: true });
});

// ---- api/cart/edit and api/cart/remove -------------------------------------------------------------------------

When('I change the quantity of my {product} line to {int}', async function (this: ConformanceWorld, product: Product, quantity: number) {
  await changeMyLine(this, product, 'api/cart/edit', { quantity });
});

When('I change the quantity of the other session\'s {product} line to {int}', async function (this: ConformanceWorld, product: Product, quantity: number) {
  await this.call('api/cart/edit', { key: await cartKeyOf(this, product, 'other'), quantity });
});

When('I change the quantity of a cart key no session has to {int}', async function (this: ConformanceWorld, quantity: number) {
  await this.call('api/cart/edit', { key: UNKNOWN_CART_KEY, quantity });
});

When('I remove my {product} line from the cart', async function (this: ConformanceWorld, product: Product) {
  await changeMyLine(this, product, 'api/cart/remove');
});

When('I remove my {product} line from the cart again', async function (this: ConformanceWorld, product: Product) {
  await this.call('api/cart/remove', { key: keyUsedBefore(this, product) });
});

When('I remove the other session\'s {product} line from my cart', async function (this: ConformanceWorld, product: Product) {
  await this.call('api/cart/remove', { key: await cartKeyOf(this, product, 'other') });
});

When('I remove a cart key no session has', async function (this: ConformanceWorld) {
  await this.call('api/cart/remove', { key: UNKNOWN_CART_KEY });
});

// ---- the cart's lines (each step reads the cart, unless the last call just did) ---------------------------------

// Prices as the store shows them: with tax, or before tax where it shows prices without tax (config_tax).
Then('the cart holds {int} of the {product} product at its unit price', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await assertLineAtPrice(this, product, quantity, shownPrice(this, product, product.unitPrice), priceShown(this));
});

Then('the cart holds {int} of the {product} product at the price of the store\'s default customer group', async function (this: ConformanceWorld, quantity: number, product: Product) {
  // The fixtures' prices (a special, a quantity discount, reward points, the tax) are the default group's.
  await assertLineAtPrice(this, product, quantity, shownPrice(this, product, product.unitPrice), `${priceShown(this)}: the price of the store's default customer group, for which the session is priced`);
});

Then('the cart holds {int} of the {product} product at its price with every option', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await assertLineAtPrice(this, product, quantity, shownPrice(this, product, product.unitPriceWithEveryOption), priceShown(this));
});

Then('the cart line of the {product} product shows every option chosen', async function (this: ConformanceWorld, product: Product) {
  await assertOptionsShown(this, product);
});

Then('the cart line of the {product} product shows every option chosen but the {string}', async function (this: ConformanceWorld, product: Product, option: string) {
  await assertOptionsShown(this, product, option);
});

Then('the cart holds one line of the {product} product for each value of its {string} option', async function (this: ConformanceWorld, product: Product, option: string) {
  await assertLinePerValue(this, product, option);
});

Then('the cart holds {int} line(s) of the {product} product, none showing an option', async function (this: ConformanceWorld, count: number, product: Product) {
  await assertLinesWithoutOptions(this, product, count);
});

Then('the cart holds no {product} product', async function (this: ConformanceWorld, product: Product) {
  const lines = linesOf(await cartNow(this), product);
  assert.equal(lines.length, 0, `the cart holds ${lines.length} line(s) of the ${product} product: ${JSON.stringify(lines).slice(0, 300)}`);
});

Then('the cart holds only:', async function (this: ConformanceWorld, table: DataTable) {
  assert.deepEqual(quantitiesById(await cartNow(this)), tableQuantities(this, table.hashes()), 'quantities in my cart by product_id');
});

Then('the other session\'s cart holds only:', async function (this: ConformanceWorld, table: DataTable) {
  assert.deepEqual(quantitiesById(await cartNow(this, 'other')), tableQuantities(this, table.hashes()), 'quantities in the other session\'s cart by product_id');
});

Then('the cart totals show the {string} shipping line', async function (this: ConformanceWorld, role: string) {
  requireTotals(this, ['shipping'], 'a shipping line');
  await assertShippingLine(this, role, true);
});

Then('the cart totals show the {string} shipping line, unless the store has the Shipping total disabled', async function (this: ConformanceWorld, role: string) {
  await assertShippingKept(this, role);
});

Then('the cart totals show no {string} shipping line', async function (this: ConformanceWorld, role: string) {
  requireTotals(this, ['shipping'], 'the absence of a shipping line');
  await assertShippingLine(this, role, false);
});

// ---- a product priced by its options and quantity (lines of one product with different option values) ---------

Then('each line of the {product} product is priced for its {string} value', async function (this: ConformanceWorld, product: Product, option: string) {
  await assertLinesPricedBy(this, product, option, 'unit_price_by_value',
    'the unit price is the product\'s price with its option value\'s price added (+) or taken away (-), and no quantity discount');
});

Then('each line of the {product} product is priced at the quantity discount for its {string} value', async function (this: ConformanceWorld, product: Product, option: string) {
  await assertLinesPricedBy(this, product, option, 'quantity_discount.unit_price_by_value',
    'the quantity discount applies to the quantity of all lines of the product together, and the option value\'s price is added to it');
});

Then('the reward maximum counts each line of the {product} product at its points for its {string} value', async function (this: ConformanceWorld, product: Product, option: string) {
  await assertRewardMaximumByValue(this, valueAt(this.answer(), 'maximum'), product, option);
});

// ---- api/cart/products: the answer just read -------------------------------------------------------------------

When('I read the cart with GET', async function (this: ConformanceWorld) {
  await this.call('api/cart/products', undefined, { method: 'GET' });
});

Then('the cart has no lines and its totals are zero', function (this: ConformanceWorld) {
  const cart = answeredCart(this);
  assert.deepEqual([cart.products, cart.vouchers], [[], []], 'an empty cart has no product lines and no gift vouchers');
  const lines = (['sub_total', 'total'] as const).filter((c) => totalEnabled(this, c)).length;
  assert.ok(cart.totals.length >= lines && cart.totals.every((t) => parseMoney(t.text) === 0), `an empty cart has a line for each of the Sub-Total and Total the store has enabled (${lines}), every total zero: ${JSON.stringify(cart.totals)}`);
});

Then('each cart line shows its product\'s name, model, shipping and reward points', function (this: ConformanceWorld) {
  assertEveryLineOfItsRole(this);
});

Then('every line total of the cart is its price times its quantity', function (this: ConformanceWorld) {
  const cart = answeredCart(this);
  assert.ok(cart.products.length > 0, 'the cart has no lines to look at');
  assert.deepEqual(lineTotalProblems(cart.products), []);
});

Then('the cart totals add up', function (this: ConformanceWorld) {
  requireTotals(this, ['tax'], 'a Total that is what the lines cost with tax');
  requireFrame(this, 'a Total that is the sum of the lines above it');
  requireNoFees(this, 'a Total that is what the lines cost with tax');
  // Lines shown before tax (config_tax off) still cost their price with tax: the Total says so.
  const withTax = pricesWithTax(this) ? undefined : productWithTax(this);
  assert.deepEqual(totalsProblems(answeredCart(this), true, withTax), []);
});

Then('the cart Sub-Total is the sum of the lines\' prices before tax', function (this: ConformanceWorld) {
  requireFrame(this, 'the Sub-Total');
  assert.deepEqual(subTotalProblemsOf(this), []);
});

Then('the cart lists {int} gift voucher(s)', function (this: ConformanceWorld, count: number) {
  assert.equal(answeredCart(this).vouchers.length, count, 'gift vouchers in the cart');
});

Then('the cart totals begin with the Sub-Total line and end with the Total line', function (this: ConformanceWorld) {
  requireFrame(this, 'the titles of the first and last lines');
  const titles = answeredCart(this).totals.map((t) => t.title);
  assert.deepEqual([titles[0], titles[titles.length - 1]], [MESSAGES.subTotalLine, MESSAGES.totalLine], `totals titles: ${titles.join(', ')}`);
});

Then('the cart reports no warning', function (this: ConformanceWorld) {
  const cart = answeredCart(this);
  assert.ok(!('error' in cart), `the cart reports ${JSON.stringify(cart.error)}`);
});

// ---- the stock warning, as the store's settings make it (config_stock_checkout, config_stock_warning) ----------

Given('the store warns of a line beyond its stock', function (this: ConformanceWorld) {
  requireStockWarning(this);
});

// A line beyond the stock: out of stock with the warning (and no other), or, where the store sells beyond its stock
// without the warning, in stock with no warning at all. The warning's text is the @should scenario's to judge.
Then('the cart line of the {product} product is marked as the store\'s stock settings say', function (this: ConformanceWorld, product: Product) {
  const cart = answeredCart(this);
  const warned = warnsOfStock(this);
  const how = warned ? 'out of stock, with the stock warning, where the store warns of it' : `in stock, without a warning, where ${this.target.describeSetting('config_stock_checkout')} and ${this.target.describeSetting('config_stock_warning')}`;
  assert.equal(oneLineOf(cart, product).stock, !warned, `the ${product} line's stock flag: a line beyond the stock is ${how}`);
  if (warned) assertErrorKeys(this.answer(), ['stock']);
  else assert.ok(!('error' in cart), `the cart reports ${JSON.stringify(cart.error)}, expected no warning: a line beyond the stock is ${how}`);
});

Then('the cart line of the {product} product is out of stock', function (this: ConformanceWorld, product: Product) {
  assert.equal(oneLineOf(answeredCart(this), product).stock, false, `the ${product} line's stock flag`);
});

Then('the cart line of the {product} product is in stock', function (this: ConformanceWorld, product: Product) {
  assert.equal(oneLineOf(answeredCart(this), product).stock, true, `the ${product} line's stock flag`);
});

Then('the minimum warning is given once for each line of the {product} product', function (this: ConformanceWorld, product: Product) {
  assertMinimumPerLine(this, product);
});

Then('the minimum warning names the {product} product and its minimum', function (this: ConformanceWorld, product: Product) {
  assert.deepEqual(answeredCart(this).error?.minimum, [minimumWarning(product)], 'error.minimum');
});

// ---- api/currency ----------------------------------------------------------------------------------------------

Given('the session currency is the {currency} currency', async function (this: ConformanceWorld, currency: Currency) {
  await chooseCurrency(this, currency, { expect: true });
});

When('the other session chooses the {currency} currency', async function (this: ConformanceWorld, currency: Currency) {
  await chooseCurrency(this, currency, { session: 'other', expect: true });
});

When('I choose the {currency} currency', async function (this: ConformanceWorld, currency: Currency) {
  await chooseCurrency(this, currency);
});

When('I choose the currency the store has disabled', async function (this: ConformanceWorld) {
  await chooseCurrency(this, disabledCurrency(this));
});

When('I choose the {currency} currency in lower case', async function (this: ConformanceWorld, currency: Currency) {
  await chooseCurrency(this, currency, { lowerCase: true });
});

When('I choose the {currency} currency in the query string', async function (this: ConformanceWorld, currency: Currency) {
  await chooseCurrency(this, currency, { inQuery: true });
});

// ---- noting the cart, for a later step to compare with ---------------------------------------------------------

Given('I note the cart', async function (this: ConformanceWorld) {
  await noteCart(this);
});

Then('the cart shows the noted amounts in the {currency} currency', async function (this: ConformanceWorld, currency: Currency) {
  await assertNotedAmountsIn(this, currency);
});

Then('the cart shows the noted amounts as the store\'s release does after a disabled currency', async function (this: ConformanceWorld) {
  await assertNotedAmountsAfterDisabled(this);
});
