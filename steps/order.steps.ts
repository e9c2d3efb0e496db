// Orders (api/order/add, info, edit, history, delete) and the checkout journey that leads to them. The session is set
// with the cart, checkout and discount steps; the tasks are in src/api/order.ts and src/api/order-status.ts.
import { Given, Then, When, type DataTable } from './support/cucumber';
import assert from 'node:assert/strict';
import {
  ORDER_REFS, addLowStockValue, addressCodeFields, addressFields, affiliateFields, buyGiftVoucher,
  callForOrder, customerFields, expectCartAsNoted, expectCommentKept, expectCurrencyValue, expectDocumentedKeyOrder, expectNoShippingAddress, expectOneLineInStock,
  expectOrder, expectOrderCreated, expectOrderBeyondStockAsSet, expectOrderRefused, expectOrderUnchanged, expectPlacedOrder, expectStoreNamed, expectTotalAsNoted, FORWARDED_ADDRESS,
  havePlacedOrder, methodFields, noteCartTotal, orderInfo, orderQuery, placeOrder, placeOrderForwarded, placeOrderWithComment,
  prepareOrder, prepareOrderExcept, statusFields, useGiftVoucher,
} from '../src/api/order';
import {
  expectCodeAsStatusSays, expectCodeUsable, expectFraudStatus, expectRewardPointsAsStatusSays, expectRewardPointsUsed, expectStockAsStatusSays, expectStockLeft,
  expectStoreCredit, expectStoreCreditAsStatusSays, havePlacedActiveOrderOfLowStock, moveOrder, placeActiveOrder, placeOrderInStatus, redeemHalf,
} from '../src/api/order-status';
import { cartNow, everyOption, holdInCart } from '../src/api/cart';
import { assertNoCouponLine } from '../src/api/discounts';
import { voucherAmountWithin } from '../src/api/gift-vouchers';
import { requireTotalLast, requireTotals, totalEnabled, totalsNamed } from '../src/api/totals';
import { expectNoPaymentMethod, listPaymentMethods } from '../src/api/checkout';
import type { Coupon, Currency, Customer, GiftVoucher, Product } from '../src/api/roles';
import { requireStockWarning } from '../src/api/settings';
import { formFrom } from './common.steps';
import type { ConformanceWorld } from './support/world';

/** Why stock cannot be read where a store sells beyond its stock without a warning (every line shows in stock). */
const STOCK_UNSEEN = 'every cart line shows in stock, so the API does not show how much stock is left';

// ---- the cart of the order ----------------------------------------------------------------------------------
// A product is "my cart holds {int} of the {product} product" (steps/cart.steps.ts); the journey pays some carts with a
// gift voucher as it fills them.

Given('my cart holds {int} of the {product} product with its {string} option {string}, paid by the {voucher} gift voucher', async function (this: ConformanceWorld, quantity: number, product: Product, option: string, value: string, voucher: GiftVoucher) {
  requireTotals(this, ['voucher'], 'a cart paid by a gift voucher');
  await holdInCart(this, product, quantity, everyOption(product, { [option]: value }));
  await useGiftVoucher(this, voucher);
});

Given('my cart holds a gift voucher of {int} within the store\'s limits, paid by the {voucher} gift voucher', async function (this: ConformanceWorld, amount: number, voucher: GiftVoucher) {
  requireTotals(this, ['voucher'], 'a cart paid by a gift voucher');
  await buyGiftVoucher(this, voucherAmountWithin(this, amount, { amount: voucher.amount, why: `the balance of the ${voucher} gift voucher that pays for it` }));
  await useGiftVoucher(this, voucher);
});

Given('my cart holds a gift voucher of {int} within the store\'s limits', async function (this: ConformanceWorld, amount: number) {
  await buyGiftVoucher(this, voucherAmountWithin(this, amount));
});

Given('my cart holds {int} of the {product} product with its low stock value', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await addLowStockValue(this, product, quantity);
});

// ---- the rest of the session ----------------------------------------------------------------------------------

Given('the order is prepared for the {customer} customer at the {string} address with {string} shipping and {string} payment', async function (this: ConformanceWorld, customer: Customer, address: string, shipping: string, payment: string) {
  await prepareOrder(this, { customer: customer.name, address, shipping, payment });
});

Given('the order session is prepared except that {}', async function (this: ConformanceWorld, states: string) {
  await prepareOrderExcept(this, states.split(' and '));
});

// The Total is the cart's last line only while the store has the Total total enabled (total_total_status).
Given('I note the cart\'s Total', async function (this: ConformanceWorld) {
  requireTotalLast(this, 'the cart\'s Total');
  await noteCartTotal(this);
});

// With the Coupon total disabled the coupon shows no line (api/coupon still accepts it) and takes nothing off.
Given('I note the cart\'s Total, with the {coupon} coupon applied', async function (this: ConformanceWorld, coupon: Coupon) {
  requireTotalLast(this, 'the cart\'s Total');
  if (totalEnabled(this, 'coupon')) return noteCartTotal(this, coupon);
  await noteCartTotal(this);
  assertNoCouponLine(await cartNow(this), coupon);
});

Given('I have placed an order', async function (this: ConformanceWorld) {
  await havePlacedOrder(this);
});

Given('I have placed an order for {int} {product} product(s)', async function (this: ConformanceWorld, quantity: number, product: Product) {
  await havePlacedOrder(this, product, quantity);
});

Given('I have placed an order for all the stock of the {product} product\'s low stock value', async function (this: ConformanceWorld, product: Product) {
  requireStockWarning(this, STOCK_UNSEEN);
  await havePlacedOrder(this, product, 'all of its low stock value');
});

// ---- the order routes -----------------------------------------------------------------------------------------

When(/^I place the order(?: again)?$/, async function (this: ConformanceWorld) {
  await placeOrder(this);
});

When('I place the order with:', async function (this: ConformanceWorld, table: DataTable) {
  await placeOrder(this, formFrom(this, table));
});

When('I place the order from a request with the {string} header', async function (this: ConformanceWorld, header: string) {
  await placeOrderForwarded(this, header);
});

When('I place the order with a comment of {int} {string} and one {string}', async function (this: ConformanceWorld, count: number, filler: string, tail: string) {
  await placeOrderWithComment(this, filler.repeat(count) + tail);
});

When('I ask which payment methods the order can use', async function (this: ConformanceWorld) {
  await listPaymentMethods(this);
});

for (const [phrase, ref] of Object.entries(ORDER_REFS)) {
  When(`I call {string} ${phrase}`, async function (this: ConformanceWorld, route: string) {
    await callForOrder(this, route, ref);
  });
  When(`I call {string} ${phrase} with:`, async function (this: ConformanceWorld, route: string, table: DataTable) {
    await callForOrder(this, route, ref, formFrom(this, table));
  });
}

When('I look the order up with {word}', async function (this: ConformanceWorld, method: string) {
  await orderInfo(this, 'mine', method);
});

When('I look the order up with its id in the body instead of the query', async function (this: ConformanceWorld) {
  await this.call('api/order/info', { order_id: orderQuery(this, 'mine').order_id });
});

// ---- what the store answered ------------------------------------------------------------------------------------

Then('the order is created', function (this: ConformanceWorld) {
  expectOrderCreated(this);
});

Then('the order is refused with the {string} message', function (this: ConformanceWorld, name: string) {
  expectOrderRefused(this, name);
});

Then('the order is taken where the store sells beyond its stock, and refused where it does not', function (this: ConformanceWorld) {
  expectOrderBeyondStockAsSet(this);
});

Then('the order cart is left as it was', async function (this: ConformanceWorld) {
  await expectCartAsNoted(this);
});

Then('the order cart holds no products but still the gift voucher', function (this: ConformanceWorld) {
  const b = this.answer().json as { products?: unknown[]; vouchers?: unknown[] };
  assert.deepEqual(b.products, [], 'order/add empties the cart of products');
  assert.equal(b.vouchers?.length, 1, 'the gift voucher bought stays in the session');
});

Then(/^the order cart's line is (in|out of) stock$/, function (this: ConformanceWorld, stock: string) {
  requireStockWarning(this, STOCK_UNSEEN);
  expectOneLineInStock(this.answer(), stock === 'in');
});

Then('no payment method is offered', function (this: ConformanceWorld) {
  expectNoPaymentMethod(this.answer());
});

Then('the order keeps the {customer} customer', function (this: ConformanceWorld, customer: Customer) {
  expectOrder(this, customerFields(customer));
});

Then('the order\'s {word} address is the {string} address', function (this: ConformanceWorld, kind: string, address: string) {
  expectOrder(this, addressFields(this, kind, address));
});

Then('the order\'s {word} method is {string}', function (this: ConformanceWorld, kind: string, method: string) {
  expectOrder(this, methodFields(this, kind, method));
});

Then('the order\'s currency is the {currency} currency', function (this: ConformanceWorld, currency: Currency) {
  expectOrder(this, { currency_code: currency.code });
});

Then('the order\'s currency value is the rate of the {currency} currency', function (this: ConformanceWorld, currency: Currency) {
  expectCurrencyValue(this, currency);
});

Then('the order is the one I placed', function (this: ConformanceWorld) {
  expectPlacedOrder(this);
});

Then('the order\'s status is {string}', function (this: ConformanceWorld, status: string) {
  expectOrder(this, statusFields(this, status));
});

Then('the order has status id 0 and no status name', function (this: ConformanceWorld) {
  expectOrder(this, { order_status_id: '0', order_status: null });
});

Then('the order total is the cart\'s Total I noted', function (this: ConformanceWorld) {
  expectTotalAsNoted(this);
});

Then('the order\'s fields come in the documented order', function (this: ConformanceWorld) {
  expectDocumentedKeyOrder(this);
});

Then('the order is unchanged', async function (this: ConformanceWorld) {
  await expectOrderUnchanged(this);
});

Then('the order names the store that took it', function (this: ConformanceWorld) {
  expectStoreNamed(this, this.parameters.baseUrl);
});

Then('the order\'s {word} address carries the codes of the {string} address', function (this: ConformanceWorld, kind: string, address: string) {
  expectOrder(this, addressCodeFields(this, kind, address), `the ${kind} country's ISO codes and zone code are not looked up from its country and zone ids`);
});

Then('the order\'s affiliate is the {customer} customer, with its commission on the sub-total of 1 {product} product', function (this: ConformanceWorld, affiliate: Customer, product: Product) {
  expectOrder(this, affiliateFields(affiliate, product), 'the affiliate_id posted names an affiliate: the order keeps it, with commission = sub-total / 100 × its rate');
});

Then('the order has no affiliate', function (this: ConformanceWorld) {
  expectOrder(this, { affiliate_id: '0', commission: '0.0000' }, 'an order for which no affiliate was posted has none');
});

Then('the order\'s forwarded_ip is the address the header gave', function (this: ConformanceWorld) {
  assert.ok(this.order.placedWith.header, 'the scenario sent no forwarding header');
  expectOrder(this, { forwarded_ip: FORWARDED_ADDRESS }, `the order's forwarded_ip is not the ${this.order.placedWith.header} header`);
});

Then('the order has no comment, no forwarded address and no accepted language', function (this: ConformanceWorld) {
  expectOrder(this, { comment: '', forwarded_ip: '', accept_language: '' },
    'an order/add without a comment, and without X-Forwarded-For, Client-IP or Accept-Language headers, leaves comment, forwarded_ip and accept_language empty');
});

Then('the order has no shipping address', function (this: ConformanceWorld) {
  expectNoShippingAddress(this);
});

Then('the order\'s comment is what a TEXT column keeps of it', function (this: ConformanceWorld) {
  expectCommentKept(this);
});

// ---- order statuses: what an order consumes while it is processing or complete (order-status.feature) ----------

// What a scenario's orders use shows only through the order's totals: where the store has one disabled, the order
// holds nothing of it (and without the Sub-Total, its products cost nothing), so the scenario is not applicable.
Given(/^the store has its (.+) order totals enabled$/, function (this: ConformanceWorld, names: string) {
  requireTotals(this, totalsNamed(names), 'what these orders use');
});

Given('the order redeems half the reward points the cart allows', async function (this: ConformanceWorld) {
  await redeemHalf(this, 'the cart');
});

Given('the order redeems half the reward points of the {customer} customer', async function (this: ConformanceWorld, customer: Customer) {
  await redeemHalf(this, customer);
});

Given('I have placed an order, in an active status, for all the stock of the {product} product\'s low stock value', async function (this: ConformanceWorld, product: Product) {
  await havePlacedActiveOrderOfLowStock(this, product);
});

When('I place the order in an active status', async function (this: ConformanceWorld) {
  await placeActiveOrder(this);
});

Given('I have placed the order in the {string} status', async function (this: ConformanceWorld, status: string) {
  await placeOrderInStatus(this, status);
});

When('I move the order to the {string} status', async function (this: ConformanceWorld, status: string) {
  await moveOrder(this, status);
});

When('I move order {int} of this scenario to the {string} status', async function (this: ConformanceWorld, n: number, status: string) {
  await moveOrder(this, status, n);
});

Then('the {coupon} coupon is used up', async function (this: ConformanceWorld, coupon: Coupon) {
  await expectCodeUsable(this, 'coupon', coupon, false);
});

Then('the {coupon} coupon can be used again', async function (this: ConformanceWorld, coupon: Coupon) {
  await expectCodeUsable(this, 'coupon', coupon, true);
});

Then('the {voucher} gift voucher is spent', async function (this: ConformanceWorld, voucher: GiftVoucher) {
  await expectCodeUsable(this, 'voucher', voucher, false);
});

Then('the {voucher} gift voucher can be used again', async function (this: ConformanceWorld, voucher: GiftVoucher) {
  await expectCodeUsable(this, 'voucher', voucher, true);
});

// "… as the order's status says": used while the order's status is active, given back while it is not (a new order
// takes the store's default status).
Then('the {coupon} coupon is used as the order\'s status says', async function (this: ConformanceWorld, coupon: Coupon) {
  await expectCodeAsStatusSays(this, 'coupon', coupon);
});

Then('the {voucher} gift voucher is spent as the order\'s status says', async function (this: ConformanceWorld, voucher: GiftVoucher) {
  await expectCodeAsStatusSays(this, 'voucher', voucher);
});

Then('the {customer} customer\'s redeemed reward points are spent as the order\'s status says', async function (this: ConformanceWorld, customer: Customer) {
  await expectRewardPointsAsStatusSays(this, customer);
});

Then('the {customer} customer\'s store credit is spent as the order\'s status says', async function (this: ConformanceWorld, customer: Customer) {
  await expectStoreCreditAsStatusSays(this, customer);
});

Then('the store has the {product} product\'s stock less {int} as the order\'s status says', async function (this: ConformanceWorld, product: Product, ordered: number) {
  requireStockWarning(this, STOCK_UNSEEN);
  await expectStockAsStatusSays(this, product, ordered);
});

Then('the {customer} customer has used the redeemed reward points {int} time(s)', async function (this: ConformanceWorld, customer: Customer, times: number) {
  await expectRewardPointsUsed(this, customer, times, 'an order entering a processing status uses its points only while the customer still has them');
});

Then('order {int} of this scenario is in the store\'s fraud status, or in the {string} status where the store has none', async function (this: ConformanceWorld, n: number, asked: string) {
  await expectFraudStatus(this, n, asked);
});

Then('the {customer} customer has all reward points', async function (this: ConformanceWorld, customer: Customer) {
  await expectRewardPointsUsed(this, customer, 0, 'the order left a status that uses them and still holds them');
});

Then('the {customer} customer has fewer reward points', async function (this: ConformanceWorld, customer: Customer) {
  await expectRewardPointsUsed(this, customer, 1, 'the order redeemed them, once');
});

Then('the {customer} customer\'s store credit is spent', async function (this: ConformanceWorld, customer: Customer) {
  await expectStoreCredit(this, customer, true);
});

Then('the {customer} customer\'s store credit is all there', async function (this: ConformanceWorld, customer: Customer) {
  await expectStoreCredit(this, customer, false);
});

Then('the store has all the {product} product\'s stock', async function (this: ConformanceWorld, product: Product) {
  requireStockWarning(this, STOCK_UNSEEN);
  await expectStockLeft(this, product, 0, 'the stock an order took was not given back when it left the processing and complete statuses');
});

Then('the store has the {product} product\'s stock less {int}', async function (this: ConformanceWorld, product: Product, ordered: number) {
  requireStockWarning(this, STOCK_UNSEEN);
  await expectStockLeft(this, product, ordered, `an order of ${ordered} in a processing or complete status takes exactly that much stock, once`);
});
