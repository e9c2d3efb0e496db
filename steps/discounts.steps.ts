// Coupons (api/coupon), gift vouchers (api/voucher, api/voucher/add) and reward points (api/reward, api/reward/maximum,
// api/reward/available), and what they do to the totals of api/cart/products. The cart is filled and noted with the
// cart steps ("my cart holds …", "I note the cart"); the arithmetic, tasks and checks are in src/api/discounts.ts.
import { Given, Then, When } from './support/cucumber';
import assert from 'node:assert/strict';
import { assertErrorMessage, assertSuccess, valueAt } from '../src/answers';
import { emptyMyCart, holdInCart } from '../src/api/cart';
import {
  applyCoupon, applyGiftVoucher, assertAvailablePoints, assertLineFollowsStatus, assertCartAsNoted, assertCouponDiscount,
  assertCouponWithShipping, assertDocumentedOrder, assertPointsLeaveNothingForCoupon, assertNoDiscountLine, assertNoStoreCredit,
  assertRewardDiscount, assertStoreCredit, assertVoucherDiscount, cartPoints, pointsProduct, quantityCarrying, redeem,
} from '../src/api/discounts';
import {
  assertBatchVouchers, assertBoughtVoucher, assertGrewBy, assertNoGiftVouchers, assertVoucherBounds, boughtAmount, buyVoucher,
  removeBoughtVoucher, voucherAmountWithin, voucherBatch, voucherFieldValue, voucherFor,
} from '../src/api/gift-vouchers';
import { MESSAGES } from '../src/api/messages';
import { NO_FIELD, type Coupon, type Currency, type Customer, type GiftVoucher, type Product } from '../src/api/roles';
import type { ConformanceWorld } from './support/world';

// ---- the cart the discounts work on ---------------------------------------------------------------------------

Given('my cart carries more reward points than the {customer} customer has', async function (this: ConformanceWorld, customer: Customer) {
  await holdInCart(this, pointsProduct(this), quantityCarrying(this, customer.rewardPoints + 101));
});

Given('my cart carries at least as many reward points as the {customer} customer has', async function (this: ConformanceWorld, customer: Customer) {
  await holdInCart(this, pointsProduct(this), quantityCarrying(this, customer.rewardPoints));
});

When('I take every product out of the cart', async function (this: ConformanceWorld) {
  await emptyMyCart(this);
});

// ---- coupons --------------------------------------------------------------------------------------------------

Given('the {coupon} coupon is applied', async function (this: ConformanceWorld, coupon: Coupon) {
  assertSuccess(await applyCoupon(this, coupon));
  this.answer();
});

When('I apply the {coupon} coupon', async function (this: ConformanceWorld, coupon: Coupon) {
  await applyCoupon(this, coupon);
});

Then('the cart totals show the discount of the {coupon} coupon', async function (this: ConformanceWorld, coupon: Coupon) {
  await assertCouponDiscount(this, coupon);
});

Then('the cart totals show the discount of the {coupon} coupon on the {product} product only', async function (this: ConformanceWorld, coupon: Coupon, product: Product) {
  await assertCouponDiscount(this, coupon, product);
});

Then('the cart totals show the discount of the {coupon} coupon with the {string} shipping', async function (this: ConformanceWorld, coupon: Coupon, shipping: string) {
  await assertCouponWithShipping(this, coupon, shipping);
});

Then('the cart totals are the same as before the discount', async function (this: ConformanceWorld) {
  await assertCartAsNoted(this);
});

Then('the cart totals show no {string} line', async function (this: ConformanceWorld, kind: string) {
  await assertNoDiscountLine(this, kind);
});

Then('the cart totals are in the documented order, with the {coupon} coupon, the {string} shipping and the {voucher} gift voucher', async function (this: ConformanceWorld, coupon: Coupon, shipping: string, voucher: GiftVoucher) {
  await assertDocumentedOrder(this, coupon, shipping, voucher);
});

Then('the cart totals show the {string} line exactly while the store has that total enabled', async function (this: ConformanceWorld, name: string) {
  await assertLineFollowsStatus(this, name);
});

// ---- store credit ---------------------------------------------------------------------------------------------

Then('the cart totals show the store credit of the {customer} customer', async function (this: ConformanceWorld, customer: Customer) {
  await assertStoreCredit(this, customer);
});

Then('the cart totals show the store credit of the {customer} customer, all there is to pay', async function (this: ConformanceWorld, customer: Customer) {
  await assertStoreCredit(this, customer, { capped: true });
});

Then('the cart totals show no store credit', async function (this: ConformanceWorld) {
  await assertNoStoreCredit(this);
});

// ---- gift vouchers: applying one ------------------------------------------------------------------------------

Given('the {voucher} gift voucher is applied', async function (this: ConformanceWorld, voucher: GiftVoucher) {
  assertSuccess(await applyGiftVoucher(this, voucher));
  this.answer();
});

When('I apply the {voucher} gift voucher', async function (this: ConformanceWorld, voucher: GiftVoucher) {
  await applyGiftVoucher(this, voucher);
});

Then('the cart totals show the discount of the {voucher} gift voucher', async function (this: ConformanceWorld, voucher: GiftVoucher) {
  await assertVoucherDiscount(this, voucher);
});

// ---- gift vouchers: buying one (a cart item) ------------------------------------------------------------------

// Each amount is bought where the store's limits allow it, else the nearest limit (the fixture check learns them).
When('I buy a gift voucher of {int} for {string}, within the store\'s limits', async function (this: ConformanceWorld, amount: number, toName: string) {
  await buyVoucher(this, voucherFor(voucherAmountWithin(this, amount), toName));
});

When('I buy a gift voucher of {int} for {string}, within the store\'s limits and worth less than the {voucher} gift voucher', async function (this: ConformanceWorld, amount: number, toName: string, voucher: GiftVoucher) {
  const ceiling = { amount: voucher.amount - 0.01, why: `the balance of the ${voucher} gift voucher, which must be worth more than the cart` };
  await buyVoucher(this, voucherFor(voucherAmountWithin(this, amount, ceiling), toName));
});

// A value "(65 characters)" stands for a text that long, "(an address of 96 characters)" for a valid e-mail address that long.
When('I buy a gift voucher with {string} set to {string}', async function (this: ConformanceWorld, field: string, value: string) {
  await buyVoucher(this, { [field]: voucherFieldValue(this.interpolate(value)) });
});

When('I send a batch of gift vouchers: {int} for {string} with code {string}, one without a message and one that is a plain value', async function (this: ConformanceWorld, amount: number, toName: string, code: string) {
  await this.call('api/voucher/add', voucherBatch(this, amount, toName, code));
});

When('I remove the bought gift voucher from the cart', async function (this: ConformanceWorld) {
  await removeBoughtVoucher(this);
});

Then('the cart holds the gift voucher bought for {string}', async function (this: ConformanceWorld, toName: string) {
  await assertBoughtVoucher(this, boughtAmount(this), toName);
});

Then('the cart holds the gift voucher bought for {string} in the {currency} currency', async function (this: ConformanceWorld, toName: string, currency: Currency) {
  await assertBoughtVoucher(this, boughtAmount(this), toName, currency);
});

Then('the cart\'s gift vouchers are exactly the one of {int} for {string} with code {string}', async function (this: ConformanceWorld, amount: number, toName: string, code: string) {
  await assertBatchVouchers(this, amount, toName, code);
});

Then('the cart sub-total and total grew by the amount of the gift voucher bought', async function (this: ConformanceWorld) {
  await assertGrewBy(this, boughtAmount(this));
});

Then('the cart holds no gift vouchers', async function (this: ConformanceWorld) {
  await assertNoGiftVouchers(this);
});

Then('the error {string} gives the gift voucher amount bounds in the {currency} currency', function (this: ConformanceWorld, key: string, currency: Currency) {
  assertVoucherBounds(this, key, currency);
});

// ---- reward points --------------------------------------------------------------------------------------------

When('I redeem {int} reward points', async function (this: ConformanceWorld, points: number) {
  await redeem(this, points);
});

When('I redeem {string} reward points', async function (this: ConformanceWorld, points: string) {
  await redeem(this, points === NO_FIELD ? undefined : points);
});

When('I redeem more reward points than the {customer} customer has', async function (this: ConformanceWorld, customer: Customer) {
  await redeem(this, customer.rewardPoints + 100);
});

When('I redeem all the reward points the {customer} customer has', async function (this: ConformanceWorld, customer: Customer) {
  await redeem(this, customer.rewardPoints);
});

When('I redeem more reward points than the cart carries', async function (this: ConformanceWorld) {
  await redeem(this, cartPoints(this) + 1);
});

When('I redeem as many reward points as the cart carries', async function (this: ConformanceWorld) {
  await redeem(this, cartPoints(this));
});

Then('the error says the customer does not have the reward points asked for', function (this: ConformanceWorld) {
  assertErrorMessage(this.answer(), undefined, MESSAGES.rewardOverBalance(this.discounts.redeemed ?? ''));
});

Then('the error gives the points the cart carries as the maximum', function (this: ConformanceWorld) {
  assertErrorMessage(this.answer(), undefined, MESSAGES.rewardOverMaximum(cartPoints(this)));
});

Then('the available reward points are none', function (this: ConformanceWorld) {
  assertAvailablePoints(this);
});

Then('the available reward points are the balance of the {customer} customer', function (this: ConformanceWorld, customer: Customer) {
  assertAvailablePoints(this, customer);
});

Then('the available reward points are a whole number in a string', function (this: ConformanceWorld) {
  const points = valueAt(this.answer(), 'points');
  assert.ok(typeof points === 'string' && /^-?\d+$/.test(points), `points is ${JSON.stringify(points)}, expected a whole number in a string such as "1000"`);
});

Then('the reward maximum is a whole number', function (this: ConformanceWorld) {
  const maximum = valueAt(this.answer(), 'maximum');
  assert.ok(Number.isInteger(maximum), `maximum is ${JSON.stringify(maximum)}, expected an integer`);
});

Then('the reward maximum is the points the cart carries', function (this: ConformanceWorld) {
  assert.equal(valueAt(this.answer(), 'maximum'), cartPoints(this));
});

Then('the cart totals show the discount of the redeemed reward points', async function (this: ConformanceWorld) {
  await assertRewardDiscount(this);
});

Then('the redeemed reward points take the whole Sub-Total and the cart totals show no coupon line', async function (this: ConformanceWorld) {
  await assertPointsLeaveNothingForCoupon(this);
});
