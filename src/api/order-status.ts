// What an order consumes while it is in a processing or complete status (features/order-status.feature): reward points
// redeemed, coupon uses, gift voucher balance, store credit and stock, each seen through another route.
// An order uses them while its status is active: in the store's processing or complete statuses (config_processing_status,
// config_complete_status). A new order takes the store's default status (config_order_status_id: the fixtures'
// order_statuses.default), which a store may keep out of them, so that an order uses nothing until it is moved into
// one. None of it can be seen without placing orders: the statuses are declared, and a check that fails where the
// declaration could be wrong says so, with both readings.
import assert from 'node:assert/strict';
import { assertErrorMessage, assertSuccess, errorMessage } from '../answers';
import { holdInCart, readCart } from './cart';
import { parseMoney } from './money';
import { knownMessage, message } from './messages';
import { DEFAULT_PREPARATION, addLowStockValue, currentOrderId, emptyCart, infoOrder, placeOrder, prepareOrder, role, statusId, type OrderWorld } from './order';
import { Product, fixtureText, type CodedRole, type Customer } from './roles';
import { NotApplicableError } from '../target/profile';
import type { TargetWorld } from './totals';

/** What these tasks need of the scenario's World (ConformanceWorld satisfies it). */
export type OrderStatusWorld = OrderWorld & TargetWorld;

// ---------------------------------------------------------------------------------------------------------------
// The statuses

/** The store's active statuses: an order in one holds what it uses. */
export function activeStatuses(w: TargetWorld): number[] {
  return [...w.target.settings.config_processing_status, ...w.target.settings.config_complete_status];
}

export const isActive = (w: OrderStatusWorld, status: string): boolean => activeStatuses(w).includes(Number(statusId(w, status)));

/** "status 1 (Pending)": a status role as the store names it. */
function describeStatus(w: OrderWorld, status: string): string {
  const name = role(w, 'order_statuses', status).optionalText('name');
  return `status ${statusId(w, status)}${name ? ` (${name})` : ''}`;
}

/** "config_processing_status = [5,1,2,12,3] (default), config_complete_status = [5,3] (default)". */
const describeActive = (w: TargetWorld): string => `${w.target.describeSetting('config_processing_status')}, ${w.target.describeSetting('config_complete_status')}`;

/**
 * The scenario moves orders into a status role expecting it active (or not): where the store's statuses say otherwise,
 * the scenario has nothing to judge.
 */
export function requireStatus(w: OrderStatusWorld, status: string, active: boolean): void {
  if (isActive(w, status) !== active) {
    throw new NotApplicableError(`the scenario moves orders to the "${status}" status expecting it ${active ? '' : 'not '}to be active, and the store's ${describeStatus(w, status)} is ${active ? 'not ' : ''}among its active statuses (${describeActive(w)})`);
  }
}

/**
 * What the scenarios take each status role to be: moving an order to "processing" or "complete" makes it active, to
 * "canceled" not. A store whose statuses say otherwise leaves such a scenario nothing to judge.
 */
const ROLE_ACTIVE: Record<string, boolean> = { processing: true, shipped: true, complete: true, canceled: false };

/** The status role each order of the scenario is in now, as the scenario put it there (by the scenario's order state). */
const statuses = new WeakMap<object, Map<number, string>>();
function statusesOf(w: OrderWorld): Map<number, string> {
  let m = statuses.get(w.order);
  if (!m) statuses.set(w.order, (m = new Map()));
  return m;
}

/** The status role the scenario's last order is in: the one it was placed or moved in, else the store's default. */
export const currentStatus = (w: OrderWorld): string => statusesOf(w).get(currentOrderId(w)) ?? 'default';

/**
 * What a check of the order's use should say: whether the order should hold it now, and, where the fixtures' statuses
 * could be the reason it does not, both readings.
 */
function statusReading(w: OrderStatusWorld, what: string): { held: boolean; why: string } {
  const status = currentStatus(w);
  const held = isActive(w, status);
  const where = `${describeStatus(w, status)}, which the fixtures ${held ? 'make' : 'keep out of the'} active ${held ? '' : 'statuses '}(${describeActive(w)})`;
  const declared = status === 'default' ? 'order_statuses.default (config_order_status_id), ' : `order_statuses.${status}, `;
  return {
    held,
    why: `the order is in ${where}, so it ${held ? 'holds' : 'does not hold'} ${what}: either the store ${held ? 'does not take' : 'takes'} it for an order so (a defect), ` +
      `or its statuses are not what the fixtures say (then name them: ${declared}settings.config_processing_status and config_complete_status)`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Orders

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
export async function placeOrderInStatus(w: OrderStatusWorld, status: string): Promise<void> {
  if (status in ROLE_ACTIVE) requireStatus(w, status, ROLE_ACTIVE[status]);
  assertSuccess(await placeOrder(w, { order_status_id: statusId(w, status) }));
  statusesOf(w).set(currentOrderId(w), status);
}

/**
 * order/add in an active status: the store's default where it is active (nothing posted), else the "processing"
 * status posted as the order's first (api/order/add reads `order_status_id`): the answer is for a Then step.
 */
export async function placeActiveOrder(w: OrderStatusWorld): Promise<void> {
  if (isActive(w, 'default')) {
    await placeOrder(w);
    return;
  }
  requireStatus(w, 'processing', true);
  await placeOrder(w, { order_status_id: statusId(w, 'processing') });
  if (w.order.orderIds.length) statusesOf(w).set(currentOrderId(w), 'processing');
}

/** An order, in an active status, of all the stock of a product's low stock value, from the default preparation. */
export async function havePlacedActiveOrderOfLowStock(w: OrderStatusWorld, product: Product): Promise<void> {
  await addLowStockValue(w, product, 'all');
  await prepareOrder(w, DEFAULT_PREPARATION);
  await placeActiveOrder(w);
  assertSuccess(w.answer());
}

/** order/history: the scenario's nth order (1 is its first; the last placed by default) enters the status. */
export async function moveOrder(w: OrderStatusWorld, status: string, n?: number): Promise<void> {
  const orderId = n === undefined ? currentOrderId(w) : w.order.orderIds[n - 1];
  assert.ok(orderId, `this scenario placed no order ${n}`);
  if (status in ROLE_ACTIVE) requireStatus(w, status, ROLE_ACTIVE[status]);
  assertSuccess(await w.call('api/order/history', { order_status_id: statusId(w, status) }, { query: { order_id: orderId } }));
  statusesOf(w).set(orderId, status);
}

/**
 * The scenario's nth order, which could no longer use its coupon, gift voucher or points when it was moved to the
 * `asked` status, is in the store's fraud status (config_fraud_status_id: the fixtures' `order_statuses.fraud`), or in
 * the status asked for where the store has none (a fresh install has none).
 */
export async function expectFraudStatus(w: OrderStatusWorld, n: number, asked: string): Promise<void> {
  const orderId = w.order.orderIds[n - 1];
  assert.ok(orderId, `this scenario placed no order ${n}`);
  const r = await w.call('api/order/info', undefined, { query: { order_id: orderId } });
  w.answer();
  const fraud = role(w, 'order_statuses', 'fraud').optionalText('order_status_id');
  const status = String(infoOrder(r).order_status_id);
  assert.equal(status, fraud ?? statusId(w, asked), `order ${n} could no longer use what it redeemed when it entered the ${describeStatus(w, asked)}, and is in status ${status}: ` +
    (fraud ? `the fixtures give the store's fraud status as ${fraud} (order_statuses.fraud)` : 'the fixtures name no fraud status (order_statuses.fraud), so it keeps the status asked for') +
    `: either the store does not give such an order its fraud status (a defect), or its fraud status (Settings > Option > Fraud Order Status: config_fraud_status_id) is not what the fixtures say`);
  if (fraud) statusesOf(w).set(orderId, 'fraud');
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

/** Runs a check of the order's use, adding both readings of the statuses to its failure. */
async function asStatusSays(w: OrderStatusWorld, what: string, check: (held: boolean) => Promise<void>): Promise<void> {
  const { held, why } = statusReading(w, what);
  try {
    await check(held);
  } catch (error) {
    if (error instanceof assert.AssertionError) error.message = `${why}. ${error.message}`;
    throw error;
  }
}

/** The coupon or gift voucher is used up while the order's status is active, and usable while it is not. */
export async function expectCodeAsStatusSays(w: OrderStatusWorld, kind: 'coupon' | 'voucher', code: CodedRole): Promise<void> {
  await asStatusSays(w, `the use of the ${code} ${kind === 'coupon' ? 'coupon' : 'gift voucher'}`, (held) => expectCodeUsable(w, kind, code, !held));
}

/** The redeemed reward points are spent while the order's status is active, and the customer's while it is not. */
export async function expectRewardPointsAsStatusSays(w: OrderStatusWorld, customer: Customer): Promise<void> {
  await asStatusSays(w, 'the reward points it redeemed', (held) => expectRewardPointsUsed(w, customer, held ? 1 : 0, held ? 'the order redeemed them, once' : 'an order that is not active holds no points'));
}

/** The customer's store credit is spent while the order's status is active, and all there while it is not. */
export async function expectStoreCreditAsStatusSays(w: OrderStatusWorld, customer: Customer): Promise<void> {
  await asStatusSays(w, 'the store credit it used', (held) => expectStoreCredit(w, customer, held));
}

/** The store has the product's stock less what the order took while its status is active, and all of it while not. */
export async function expectStockAsStatusSays(w: OrderStatusWorld, product: Product, ordered: number): Promise<void> {
  await asStatusSays(w, `${ordered} of the ${product} product's stock`, (held) => expectStockLeft(w, product, held ? ordered : 0, held ? `an order of ${ordered} in an active status takes exactly that much stock, once` : 'an order that is not active takes no stock'));
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
