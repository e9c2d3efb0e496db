// Coupon validity (api/coupon and, again, every time totals are computed) and the coupon history it leaves behind
// when an order enters a processing or complete status.
import { sqlDate } from '../db/database';
import type { Registry } from '../context';
import type { Db } from '../db/database';
import { compare, toNumber } from '../php';

export interface CouponInfo {
  coupon_id: number;
  code: string;
  type: string;
  discount: number;
  shipping: number;
  total: string;
  /** Cart products the coupon is restricted to (empty: the whole cart). */
  product: number[];
}

interface CouponRow {
  coupon_id: number;
  code: string;
  type: string;
  discount: string;
  logged: number;
  shipping: number;
  total: string;
  uses_total: number;
  uses_customer: string;
}

const usesByCode = (db: Db, code: string): number =>
  db.get<{ n: number }>('SELECT COUNT(*) AS n FROM in_coupon_history ch JOIN in_coupon c ON ch.coupon_id = c.coupon_id WHERE c.code = rtrim(?)', code)!.n;

const usesByCustomer = (db: Db, code: string, customerId: number): number =>
  db.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM in_coupon_history ch JOIN in_coupon c ON ch.coupon_id = c.coupon_id WHERE c.code = rtrim(?) AND ch.customer_id = ?',
    code,
    customerId,
  )!.n;

/** The coupon if it can be used now by this session's cart and customer (model extension/total/coupon getCoupon). */
export function getCoupon(r: Registry, code: string): CouponInfo | undefined {
  const now = sqlDate(r.now);
  const row = r.db.get<CouponRow>(
    `SELECT * FROM in_coupon WHERE code = rtrim(?)
        AND (date_start = '0000-00-00' OR date_start < ?) AND (date_end = '0000-00-00' OR date_end > ?) AND status = 1
      ORDER BY coupon_id LIMIT 1`,
    code,
    now,
    now,
  );
  if (!row) return undefined;
  let valid = true;
  if (compare(row.total, r.cart.getSubTotal()) > 0) valid = false;
  if (row.uses_total > 0 && usesByCode(r.db, code) >= row.uses_total) valid = false;
  if (row.logged && !r.customer.getId()) valid = false;
  if (r.customer.getId()) {
    if (compare(row.uses_customer, 0) > 0 && compare(usesByCustomer(r.db, code, r.customer.getId()), row.uses_customer) >= 0) valid = false;
  }
  const couponProducts = r.db.all<{ product_id: number }>('SELECT product_id FROM in_coupon_product WHERE coupon_id = ?', row.coupon_id).map((p) => p.product_id);
  // A category restriction covers its sub-categories (category_path).
  const couponCategories = r.db
    .all<{ category_id: number | null }>(
      'SELECT cp.category_id FROM in_coupon_category cc LEFT JOIN in_category_path cp ON cc.category_id = cp.path_id WHERE cc.coupon_id = ?',
      row.coupon_id,
    )
    .map((c) => c.category_id);
  const product: number[] = [];
  if (couponProducts.length || couponCategories.length) {
    for (const line of r.cart.getProducts()) {
      if (couponProducts.includes(line.product_id)) {
        product.push(line.product_id);
        continue;
      }
      for (const categoryId of couponCategories) {
        if (categoryId !== null && r.db.get('SELECT 1 FROM in_product_to_category WHERE product_id = ? AND category_id = ?', line.product_id, categoryId)) {
          product.push(line.product_id);
        }
      }
    }
    if (!product.length) valid = false;
  }
  if (!valid) return undefined;
  return { coupon_id: row.coupon_id, code: row.code, type: row.type, discount: toNumber(row.discount), shipping: row.shipping, total: row.total, product };
}

/** The code between the first "(" and the last ")" of a total's title: how confirm() finds what was used. */
export function codeFromTitle(title: string): string {
  const start = title.indexOf('(') + 1;
  const end = title.lastIndexOf(')');
  return end > 0 && end >= start ? title.slice(start, end) : '';
}

export interface OrderRef {
  order_id: number;
  customer_id: number;
}

/**
 * Records the coupon's use when the order is confirmed, if it still has uses left; false when it has none (the order
 * then takes the store's fraud status: coupon.php:222).
 */
export function confirmCoupon(db: Db, order: OrderRef, title: string, value: number, now: Date): boolean {
  const code = codeFromTitle(title);
  // Stryker disable next-line ConditionalExpression: equivalent — no coupon has an empty code, so the lookup below finds none
  if (!code) return true;
  const row = db.get<CouponRow>('SELECT * FROM in_coupon WHERE code = rtrim(?) AND status = 1 ORDER BY coupon_id LIMIT 1', code);
  // Stryker disable next-line ConditionalExpression: unreachable through the API — no catalog route disables or deletes a coupon after an order used it
  if (!row) return false;
  if (row.uses_total > 0 && usesByCode(db, code) >= row.uses_total) return false;
  if (order.customer_id && compare(row.uses_customer, 0) > 0 && compare(usesByCustomer(db, code, order.customer_id), row.uses_customer) >= 0) return false;
  db.insert('in_coupon_history', { coupon_id: row.coupon_id, order_id: order.order_id, customer_id: order.customer_id, amount: value, date_added: sqlDate(now) });
  return true;
}

export function unconfirmCoupon(db: Db, orderId: number): void {
  db.run('DELETE FROM in_coupon_history WHERE order_id = ?', orderId);
}
