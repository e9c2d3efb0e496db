// What an order consumes while it is in a processing or complete status (features/order-status.feature): reward points
// redeemed, coupon uses, gift voucher balance, store credit and stock, each seen through another route.
import assert from 'node:assert/strict';
import { assertErrorMessage, assertSuccess, errorMessage } from '../answers';
import { holdInCart, readCart } from './cart';
import { parseMoney } from './money';
import { knownMessage } from './messages';
import { currentOrderId, emptyCart, placeOrder, statusId, type OrderWorld } from './order';
import { Product, fixtureText, type CodedRole, type Customer } from './roles';

/** Redeems reward points on the next order: half of what the cart allows, or half the customer's balance. */
export async function redeemHalf(w: OrderWorld, of: 'the cart' | Customer): Promise<void> {
  let points: number;
  if (of === 'the cart') {
    const max = await w.call('api/reward/maximum');
    points = Math.floor(Number((max.json as { maximum?: unknown }).maximum) / 2);
    assert.ok(points > 0, `the cart allows too few reward points: ${max.text.slice(0, 200)}`);
  } else points = Math.floor(of.rewardPoints / 2);
  assertSuccess(await w.call('api/reward', { reward: points }));
  w.order.placedWith.redeemed = points;
}

/** order/add with a posted first status. */
export async function placeOrderInStatus(w: OrderWorld, status: string): Promise<void> {
  assertSuccess(await placeOrder(w, { order_status_id: statusId(w, status) }));
}

/** order/history: the scenario's nth order (1 is its first; the last placed by default) enters the status. */
export async function moveOrder(w: OrderWorld, status: string, n?: number): Promise<void> {
  const orderId = n === undefined ? currentOrderId(w) : w.order.orderIds[n - 1];
  assert.ok(orderId, `this scenario placed no order ${n}`);
  assertSuccess(await w.call('api/order/history', { order_status_id: statusId(w, status) }, { query: { order_id: orderId } }));
}

/** The customer's reward points are its balance less the points redeemed, used `times` times. */
export async function expectRewardPointsUsed(w: OrderWorld, customer: Customer, times: number, why: string): Promise<void> {
  const balance = customer.rewardPoints;
  const redeemed = w.order.placedWith.redeemed;
  assert.ok(redeemed, 'the scenario redeemed no reward points');
  const r = await w.call('api/reward/available');
  w.answer();
  const points = Number((r.json as { points?: unknown }).points);
  assert.equal(points, balance - times * redeemed, `the customer's reward points (${points}) are not the balance of ${balance} less ${times} × ${redeemed}: ${why}`);
}

/** Whether api/coupon or api/voucher still accepts a coupon or gift voucher role's code. */
export async function expectCodeUsable(w: OrderWorld, kind: 'coupon' | 'voucher', code: CodedRole, usable: boolean): Promise<void> {
  const r = await w.call(`api/${kind}`, { [kind]: code.code });
  w.answer();
  // The texts where the store's language is known; the answer's kind in any language.
  const said = knownMessage(`${kind}${usable ? 'Success' : 'Invalid'}`);
  if (usable) assertSuccess(r, said);
  else if (said !== undefined) assertErrorMessage(r, undefined, said);
  else assert.equal(typeof errorMessage(r), 'string', `api/${kind} refused ${String(code.code)} without a message: ${r.text.slice(0, 200)}`);
}

/** Whether the customer's store credit shows in the cart (spent: the order recorded its use). */
export async function expectStoreCredit(w: OrderWorld, customer: Customer, spent: boolean): Promise<void> {
  const credit = customer.storeCredit;
  const line = await storeCreditLine(w);
  w.answer();
  if (spent) assert.equal(line, undefined, `the cart still shows store credit (${JSON.stringify(line)}): the order that used the ${credit} of credit did not record it, or recorded something else`);
  else {
    assert.ok(line, `the cart shows no store credit: the customer's ${credit} was not given back`);
    assert.equal(parseMoney(line.text), -credit, `the store credit line (${line.text}) is not minus the customer's credit of ${credit}`);
  }
}

/** The store has the product's stock less `taken` left (see {@link stockProblems}). */
export async function expectStockLeft(w: OrderWorld, product: Product, taken: number, why: string): Promise<void> {
  const problems = await stockProblems(w, product, product.stock - taken);
  w.answer();
  assert.deepEqual(problems, [], why);
}

/**
 * Problems with the stock a product has left, as the cart shows it: a line of `left` is in stock and a line of
 * `left + 1` is not. The probe uses the cart and leaves it empty.
 */
export async function stockProblems(w: OrderWorld, product: Product, left: number): Promise<string[]> {
  const problems: string[] = [];
  await emptyCart(w);
  const lineStock = async (): Promise<{ cart_id: string; stock: unknown }> => {
    const lines = (await readCart(w)).products;
    assert.equal(lines.length, 1, `the stock probe expects one cart line: ${JSON.stringify(lines).slice(0, 200)}`);
    return lines[0];
  };
  await holdInCart(w, product, Math.max(left, 1));
  let line = await lineStock();
  if (left > 0) {
    if (line.stock !== true) problems.push(`a line of ${left} ${product} is out of stock: the store has fewer than ${left} left`);
    assertSuccess(await w.call('api/cart/edit', { key: line.cart_id, quantity: left + 1 }));
    line = await lineStock();
  }
  if (line.stock !== false) problems.push(`a line of ${left + 1} ${product} is in stock: the store has more than ${left} left`);
  await emptyCart(w);
  return problems;
}

/** The Store Credit line of the cart (a product is put in an empty cart first: credit only covers a total above zero). */
export async function storeCreditLine(w: OrderWorld): Promise<{ title: string; text: string } | undefined> {
  let cart = await readCart(w);
  if (!cart.products.length) {
    await holdInCart(w, new Product(w, 'simple'), 1);
    cart = await readCart(w);
  }
  const title = fixtureText(w, 'total_titles.credit');
  return cart.totals.find((t) => t.title === title);
}
