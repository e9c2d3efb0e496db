// api/order/add, edit, delete, info, history. `order_id` comes only from the query string.
import type { Registry } from '../context';
import { messages } from '../language';
import { toInt, type Jsonable } from '../php';
import { field } from '../request';
import { buildOrder } from '../rules/order/build';
import { addOrderHistory } from '../rules/order/history';
import { getOrderInfo, orderExists } from '../rules/order/info';
import { validateOrderSession } from '../rules/order/validate';
import { addOrder, deleteOrder, editOrder } from '../rules/order/write';
import { hasApiSession, permissionString } from './permission';

const queryOrderId = (r: Registry): number => toInt(field(r.request.get, 'order_id') ?? 0);
const postedStatus = (r: Registry): string =>
  field(r.request.post, 'order_status_id') ?? r.config.get('config_order_status_id') ??
  // Stryker disable next-line StringLiteral: unreachable — the store always has config_order_status_id
  '';

export function add(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  const error = validateOrderSession(r);
  if (error) return { error };
  const order = buildOrder(r);
  const orderId = addOrder(r.db, order, r.now);
  // Stryker disable next-line StringLiteral,BooleanLiteral: not observable — the history's comment and notify flag are read by no catalog API route
  addOrderHistory(r.db, r.config, orderId, postedStatus(r), '', false, false, r.now);
  // The cart is emptied; customer, addresses, methods, vouchers, coupon and reward stay in the session.
  r.cart.clear();
  // Read before the history is added (order.php:97), so a reward's confirm() cannot change it, unlike history's.
  return { success: messages.order.success, order_id: orderId };
}

export function edit(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  const orderId = queryOrderId(r);
  if (!orderExists(r.db, orderId)) return { error: messages.order.errorNotFound };
  const error = validateOrderSession(r);
  if (error) return { error };
  editOrder(r.db, r.config, orderId, buildOrder(r), r.now);
  const status = postedStatus(r);
  // Stryker disable next-line StringLiteral,BooleanLiteral: not observable — the history's comment and notify flag are read by no catalog API route
  addOrderHistory(r.db, r.config, orderId, status, '', false, false, r.now);
  // The void written by the edit is dropped from the history once the order has a real status again.
  // Stryker disable next-line ConditionalExpression: not observable — no catalog API route reads the order history
  if (toInt(status)) r.db.run('DELETE FROM in_order_history WHERE order_id = ? AND order_status_id = 0', orderId);
  // Read before the history is added (order.php:467), as in add.
  return { success: messages.order.success };
}

export function remove(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  const orderId = queryOrderId(r);
  if (!orderExists(r.db, orderId)) return { error: messages.order.errorNotFound };
  deleteOrder(r.db, r.config, orderId, r.now);
  return { success: messages.order.success };
}

export function info(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  const order = getOrderInfo(r.db, queryOrderId(r));
  if (!order) return { error: messages.order.errorNotFound };
  return { order, success: messages.order.success };
}

export function history(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  const orderId = queryOrderId(r);
  if (!orderExists(r.db, orderId)) return { error: messages.order.errorNotFound };
  const post = r.request.post;
  // Stryker disable next-line StringLiteral: equivalent — a missing status reads as 0 from '' and from any other non-numeric text; comment and notify are read by no API route
  const value = (name: string): string => field(post, name) ?? '';
  const rewardConfirmed = addOrderHistory(
    r.db, r.config, orderId, value('order_status_id'),
    // Stryker disable next-line StringLiteral: not observable — the history's comment and notify flag are read by no catalog API route, and override is unused without fraud extensions
    value('comment'), value('notify'), value('override'),
    r.now,
  );
  return { success: successAfterHistory(rewardConfirmed) };
}

/**
 * history reads its text_success after addOrderHistory (order.php:801): the reward's, once a reward line's confirm()
 * loaded extension/total/reward (see addOrderHistory).
 */
const successAfterHistory = (rewardConfirmed: boolean): string => (rewardConfirmed ? messages.reward.success : messages.order.success);
