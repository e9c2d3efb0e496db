// Reward points spent on an order (deducted when the order is confirmed) and store credit used by it.
import { sqlDate, type Db } from '../db/database';
import { messages } from '../language';
import { compare, sprintf, toNumber } from '../php';
import { codeFromTitle, type OrderRef } from './coupon';
import { rewardPoints } from './customer';

/**
 * Deducts the points named in the title ("Reward Points (300)") if the customer still has them; false when not (the
 * order then takes the store's fraud status: reward.php:71).
 */
export function confirmReward(db: Db, order: OrderRef, title: string, now: Date): boolean {
  const points = codeFromTitle(title);
  if (compare(rewardPoints(db, order.customer_id), points) < 0) return false;
  db.insert('in_customer_reward', {
    customer_id: order.customer_id,
    order_id: order.order_id,
    description: sprintf(messages.reward.orderId, order.order_id),
    // `points = '(float)-$points'`: the INT column rounds the float.
    points: -toNumber(points),
    date_added: sqlDate(now),
  });
  return true;
}

export function unconfirmReward(db: Db, orderId: number): void {
  db.run('DELETE FROM in_customer_reward WHERE order_id = ? AND points < 0', orderId);
}

/** Store credit used by a registered customer's order becomes a (negative) transaction. */
export function confirmCredit(db: Db, order: OrderRef, value: number, now: Date): void {
  // Stryker disable next-line ConditionalExpression: unreachable — only a logged-in customer's cart has a Store Credit line
  if (!order.customer_id) return;
  db.insert('in_customer_transaction', {
    customer_id: order.customer_id,
    order_id: order.order_id,
    description: sprintf(messages.totals.creditOrderId, order.order_id),
    amount: value,
    date_added: sqlDate(now),
  });
}

export function unconfirmCredit(db: Db, orderId: number): void {
  db.run('DELETE FROM in_customer_transaction WHERE order_id = ?', orderId);
}
