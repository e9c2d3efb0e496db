// The order history (model checkout/order addOrderHistory): a new status, and what entering or leaving the store's
// processing/complete statuses does: confirm the coupon, voucher, reward and credit use and subtract the stock, or undo it.
import { intDelta, intSumSql } from '../../db/columns';
import { sqlDate, type Db } from '../../db/database';
import type { Config } from '../../config';
import { inArray, toInt, truthy, type PhpValue } from '../../php';
import { confirmCoupon, unconfirmCoupon, type OrderRef } from '../coupon';
import { confirmCredit, confirmReward, unconfirmCredit, unconfirmReward } from '../reward';
import { confirmVoucher, unconfirmVoucher } from '../voucher';

// Stryker disable next-line StringLiteral: equivalent on the demo data — its complete statuses (5, 3) are processing statuses too
const activeStatuses = (config: Config): string[] => [...config.list('config_processing_status'), ...config.list('config_complete_status')];

/**
 * addOrderHistory: entering a processing/complete status confirms the order (coupon, voucher, reward and credit use
 * recorded, stock subtracted); leaving it voids it (restock, uses released). Unknown orders are ignored. True when a
 * reward line was confirmed: OpenCart's reward confirm() loads the language file extension/total/reward, whose
 * text_success then stands for the route's own (the api/order routes answer "Success: Your reward points discount has
 * been applied!"; found by the behaviour diff against a real 3.0.5.0).
 */
export function addOrderHistory(db: Db, config: Config, orderId: number, statusId: PhpValue, comment: PhpValue, notify: PhpValue, _override: PhpValue, now: Date): boolean {
  const order = db.get<{ order_id: number; customer_id: number; order_status_id: number }>('SELECT order_id, customer_id, order_status_id FROM in_order WHERE order_id = ?', orderId);
  // Stryker disable next-line ConditionalExpression: unreachable — every route checks that the order exists before it adds history
  if (!order) return false;
  const active = activeStatuses(config);
  const wasActive = inArray(String(order.order_status_id), active);
  const becomesActive = inArray(statusId, active);
  const ref: OrderRef = { order_id: order.order_id, customer_id: order.customer_id };
  const totals = db.all<{ code: string; title: string; value: string }>('SELECT code, title, value FROM in_order_total WHERE order_id = ? ORDER BY sort_order', orderId);

  let status = statusId;
  let rewardConfirmed = false;
  if (!wasActive && becomesActive) {
    for (const t of totals) {
      let confirmed = true;
      if (t.code === 'reward') rewardConfirmed = true;
      if (t.code === 'coupon') confirmed = confirmCoupon(db, ref, t.title, Number(t.value), now);
      else if (t.code === 'voucher') confirmed = confirmVoucher(db, config, ref, t.title, Number(t.value), now);
      else if (t.code === 'reward') confirmed = confirmReward(db, ref, t.title, now);
      else if (t.code === 'credit') confirmCredit(db, ref, Number(t.value), now);
      // A use no longer possible gives the order the store's fraud status, when it has one (order.php:313-315); the
      // other uses are still confirmed and the stock still taken.
      const fraud = config.get('config_fraud_status_id');
      if (!confirmed && fraud !== undefined && truthy(fraud)) status = fraud;
    }
    adjustStock(db, orderId, -1);
  }

  db.update('in_order', { order_status_id: toInt(status), date_modified: sqlDate(now) }, 'order_id = ?', orderId);
  db.insert('in_order_history', { order_id: orderId, order_status_id: toInt(status), notify: toInt(notify) ? 1 : 0, comment, date_added: sqlDate(now) });

  // Judged with the status the order now has (a fraud status that is not active gives nothing back: it took nothing).
  if (wasActive && !inArray(status, active)) {
    adjustStock(db, orderId, +1);
    for (const t of totals) UNCONFIRM[t.code]?.(db, orderId);
  }
  return rewardConfirmed;
}

/** Each total extension's unconfirm, called once for every line of its code, as OpenCart calls them. */
const UNCONFIRM: Partial<Record<string, (db: Db, orderId: number) => void>> = {
  coupon: unconfirmCoupon,
  voucher: unconfirmVoucher,
  reward: unconfirmReward,
  credit: unconfirmCredit,
};

/** Subtracts (direction -1) or puts back (+1) the ordered quantities of products and option values with subtract = 1. */
function adjustStock(db: Db, orderId: number, direction: 1 | -1): void {
  for (const p of db.all<{ order_product_id: number; product_id: number; quantity: number }>('SELECT order_product_id, product_id, quantity FROM in_order_product WHERE order_id = ?', orderId)) {
    db.run(`UPDATE in_product SET quantity = ${intSumSql('quantity')} WHERE product_id = ? AND subtract = 1`, intDelta(direction * p.quantity), p.product_id);
    for (const o of db.all<{ product_option_value_id: number }>('SELECT product_option_value_id FROM in_order_option WHERE order_id = ? AND order_product_id = ?', orderId, p.order_product_id)) {
      db.run(`UPDATE in_product_option_value SET quantity = ${intSumSql('quantity')} WHERE product_option_value_id = ? AND subtract = 1`, intDelta(direction * p.quantity), o.product_option_value_id);
    }
  }
}
