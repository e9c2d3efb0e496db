// Orders: the checks shared by order/add and order/edit, building an order from the session, writing it, and the order
// history with its side effects (stock, coupon/voucher/reward/credit use) — model checkout/order of the catalog.
import { sqlDate, type Db } from '../db/database';
import type { Registry } from '../context';
import { sessionCurrency } from '../context';
import { LANGUAGE_CODE, LANGUAGE_ID, STORE_ID, type Config } from '../config';
import { messages } from '../language';
import { decimalColumn, htmlspecialchars, inArray, intColumn, isEmpty, jsonDecode, jsonEncode, phpKey, sprintf, token, toInt, toPhpString, type PhpArray, type PhpValue } from '../php';
import { field } from '../request';
import { confirmCoupon, unconfirmCoupon, type OrderRef } from './coupon';
import { computeTotals, type TotalLine } from './totals';
import { addVoucher, confirmVoucher, disableVouchers, unconfirmVoucher, varchar, type OrderVoucher } from './voucher';
import { confirmCredit, confirmReward, unconfirmCredit, unconfirmReward } from './reward';

/** TEXT columns hold 65535 bytes; longer values are cut at a character boundary. */
function text(value: PhpValue | undefined): string {
  const s = toPhpString(value);
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    bytes += Buffer.byteLength(ch);
    if (bytes > 65535) break;
    out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The checks of order/add and order/edit: one error string, a later failing check overwrites an earlier one.

export function validateOrderSession(r: Registry): string | undefined {
  const data = r.session.data;
  const post = r.request.post;
  let error: string | undefined;
  if (!data.customer) error = messages.order.errorCustomer;
  // Stryker disable next-line ConditionalExpression: equivalent — payment/address unsets the payment method, so without a payment address check 4 always overwrites this message
  if (!data.payment_address) error = messages.order.errorPaymentAddress;

  const paymentCode = field(post, 'payment_method');
  if (!error && !isEmpty(paymentCode)) {
    if (!data.payment_methods?.size) error = messages.order.errorNoPayment;
    else if (!data.payment_methods.has(phpKey(paymentCode!))) error = messages.order.errorPaymentMethod;
    if (!error) data.payment_method = data.payment_methods!.get(phpKey(paymentCode!));
  }
  if (!data.payment_method) error = messages.order.errorPaymentMethod;

  if (r.cart.hasShipping()) {
    // Stryker disable next-line ConditionalExpression: equivalent — shipping/address unsets the shipping method, so without a shipping address the last shipping check always overwrites this message
    if (!data.shipping_address) error = messages.order.errorShippingAddress;
    const shippingCode = field(post, 'shipping_method');
    if (!error && !isEmpty(shippingCode)) {
      const parts = shippingCode!.split('.');
      // Stryker disable next-line StringLiteral: equivalent — a code without a dot has no quote part, and no quote is keyed by '' or by any other default: "flat" names no method, as PHP's !isset($shipping[1]) refuses it
      const [ext, quote = ''] = parts;
      const method = data.shipping_methods?.get(phpKey(ext))?.quote.get(phpKey(quote));
      // Stryker disable next-line ConditionalExpression: equivalent — without listed methods no method is found either, and a chosen method implies listed ones (every route that drops the list drops the choice), so the last shipping check always overwrites this message
      if (!data.shipping_methods?.size) error = messages.order.errorNoShipping;
      else if (!method) error = messages.order.errorShippingMethod;
      if (!error) data.shipping_method = method;
    }
    if (!data.shipping_method) error = messages.order.errorShippingMethod;
  } else {
    delete data.shipping_address;
    delete data.shipping_method;
    delete data.shipping_methods;
  }

  // Stryker disable next-line StringLiteral: equivalent on the demo data — config_stock_checkout is off, as an unknown setting reads
  if ((!r.cart.hasProducts() && !data.vouchers?.size) || (!r.cart.hasStock() && !r.config.flag('config_stock_checkout'))) {
    error = messages.order.errorStock;
  }
  const products = r.cart.getProducts();
  for (const product of products) {
    const quantity = products.filter((p) => p.product_id === product.product_id).reduce((sum, p) => sum + p.quantity, 0);
    if (product.minimum > quantity) {
      error = sprintf(messages.order.errorMinimum, product.name, product.minimum);
      break;
    }
  }
  return error;
}

// ---------------------------------------------------------------------------------------------------------------
// Building the order from the session

interface OrderProduct {
  product_id: number;
  name: string;
  model: string;
  option: Array<{ product_option_id: PhpValue; product_option_value_id: PhpValue; name: string; value: PhpValue; type: string }>;
  quantity: number;
  price: number;
  total: number;
  tax: number;
  reward: number;
}

interface AddressColumns {
  firstname: string;
  lastname: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  postcode: string;
  country: string;
  country_id: number;
  zone: string;
  zone_id: number;
  address_format: string;
  custom_field: string;
}

export interface OrderData {
  invoice_prefix: string;
  store_name: string;
  store_url: string;
  customer_id: number;
  customer_group_id: number;
  firstname: string;
  lastname: string;
  email: string;
  telephone: string;
  custom_field: string;
  payment: AddressColumns;
  payment_method: string;
  payment_code: string;
  shipping: AddressColumns;
  shipping_method: string;
  shipping_code: string;
  products: OrderProduct[];
  vouchers: OrderVoucher[];
  totals: TotalLine[];
  total: number;
  comment: string;
  affiliate_id: number;
  commission: number;
  marketing_id: number;
  tracking: string;
  language_id: number;
  currency_id: number;
  currency_code: string;
  currency_value: number;
  ip: string;
  forwarded_ip: string;
  user_agent: string;
  accept_language: string;
}

const emptyAddress = (): AddressColumns => ({
  firstname: '', lastname: '', company: '', address_1: '', address_2: '', city: '', postcode: '', country: '', country_id: 0, zone: '',
  zone_id: 0, address_format: '', custom_field: '[]',
});

function addressColumns(address: NonNullable<Registry['session']['data']['payment_address']>): AddressColumns {
  return {
    firstname: address.firstname,
    lastname: address.lastname,
    company: address.company,
    address_1: address.address_1,
    address_2: address.address_2,
    city: address.city,
    postcode: address.postcode,
    country: address.country,
    country_id: toInt(address.country_id),
    zone: address.zone,
    zone_id: toInt(address.zone_id),
    address_format: address.address_format,
    // Stryker disable next-line LogicalOperator: equivalent on the demo data — it defines no custom fields, so every address's custom_field is an empty map
    custom_field: jsonEncode(address.custom_field ?? new Map()),
  };
}

/** Request headers reach the order through Request::clean, so they are HTML-escaped too. */
const serverVar = (value: string | undefined): string => htmlspecialchars(value ?? '');

export function buildOrder(r: Registry): OrderData {
  const data = r.session.data;
  const customer = data.customer!;
  const payment = data.payment_address!;
  const shipping = r.cart.hasShipping() ? data.shipping_address : undefined;
  const totals = computeTotals(r);
  const post = r.request.post;
  const currency = sessionCurrency(r);

  let affiliateId = 0;
  let commission = 0;
  const affiliate = field(post, 'affiliate_id');
  if (affiliate !== undefined) {
    const subTotal = r.cart.getSubTotal();
    const row = r.db.get<{ customer_id: number; commission: string }>('SELECT customer_id, commission FROM in_customer_affiliate WHERE customer_id = ?', toInt(affiliate));
    if (row) {
      affiliateId = row.customer_id;
      commission = (subTotal / 100) * Number(row.commission);
    }
  }

  const server = r.request.server;
  // Stryker disable next-line StringLiteral: unreachable — the store always has its invoice prefix, name and URL settings
  const setting = (key: string): string => r.config.get(key) ?? '';
  return {
    invoice_prefix: setting('config_invoice_prefix'),
    store_name: setting('config_name'),
    store_url: setting('config_url'),
    customer_id: toInt(customer.customer_id),
    customer_group_id: toInt(customer.customer_group_id),
    firstname: customer.firstname,
    lastname: customer.lastname,
    email: customer.email,
    telephone: customer.telephone,
    // Stryker disable next-line LogicalOperator: equivalent on the demo data — it defines no custom fields, so the customer's custom_field is an empty map
    custom_field: jsonEncode(customer.custom_field ?? new Map()),
    payment: addressColumns(payment),
    // validateOrderSession refuses an order without a payment method, or a shippable one without a shipping method.
    payment_method: data.payment_method!.title,
    payment_code: data.payment_method!.code,
    shipping: shipping ? addressColumns(shipping) : emptyAddress(),
    shipping_method: shipping ? data.shipping_method!.title : '',
    shipping_code: shipping ? data.shipping_method!.code : '',
    products: r.cart.getProducts().map((p) => ({
      product_id: p.product_id,
      name: p.name,
      model: p.model,
      option: p.option.map((o) => ({ product_option_id: o.product_option_id, product_option_value_id: o.product_option_value_id, name: o.name, value: o.value, type: o.type })),
      quantity: p.quantity,
      price: p.price,
      total: p.total,
      tax: r.tax.getTax(p.price, p.tax_class_id),
      reward: p.reward,
    })),
    // Stryker disable next-line ArrayDeclaration,ObjectLiteral: not observable — a gift voucher bought gets a random code that no API route returns, and order/info has no voucher lines
    vouchers: [...(data.vouchers?.values() ?? [])].map((v) => ({
      description: v.description,
      code: token(10),
      to_name: v.to_name,
      to_email: v.to_email,
      from_name: v.from_name,
      from_email: v.from_email,
      voucher_theme_id: v.voucher_theme_id,
      message: v.message,
      amount: v.amount,
    })),
    totals: totals.totals,
    total: totals.total,
    comment: field(post, 'comment') ?? '',
    affiliate_id: affiliateId,
    commission,
    marketing_id: 0,
    // Stryker disable next-line StringLiteral: not observable — order/info does not return tracking
    tracking: '',
    language_id: LANGUAGE_ID,
    currency_id: r.currency.id(currency),
    currency_code: currency,
    currency_value: r.currency.value(currency),
    ip: server.REMOTE_ADDR,
    forwarded_ip: server.HTTP_X_FORWARDED_FOR ? serverVar(server.HTTP_X_FORWARDED_FOR) : server.HTTP_CLIENT_IP ? serverVar(server.HTTP_CLIENT_IP) : '',
    user_agent: serverVar(server.HTTP_USER_AGENT),
    accept_language: serverVar(server.HTTP_ACCEPT_LANGUAGE),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing orders

function orderColumns(o: OrderData): Record<string, unknown> {
  const address = (prefix: string, a: AddressColumns) => ({
    [`${prefix}_firstname`]: varchar(a.firstname, 32),
    [`${prefix}_lastname`]: varchar(a.lastname, 32),
    [`${prefix}_company`]: varchar(a.company, 60),
    [`${prefix}_address_1`]: varchar(a.address_1, 128),
    [`${prefix}_address_2`]: varchar(a.address_2, 128),
    [`${prefix}_city`]: varchar(a.city, 128),
    [`${prefix}_postcode`]: varchar(a.postcode, 10),
    [`${prefix}_country`]: varchar(a.country, 128),
    [`${prefix}_country_id`]: intColumn(a.country_id),
    [`${prefix}_zone`]: varchar(a.zone, 128),
    [`${prefix}_zone_id`]: intColumn(a.zone_id),
    [`${prefix}_address_format`]: text(a.address_format),
    [`${prefix}_custom_field`]: text(a.custom_field),
  });
  return {
    invoice_prefix: varchar(o.invoice_prefix, 26),
    store_id: STORE_ID,
    store_name: varchar(o.store_name, 64),
    store_url: varchar(o.store_url, 255),
    customer_id: intColumn(o.customer_id),
    customer_group_id: intColumn(o.customer_group_id),
    firstname: varchar(o.firstname, 32),
    lastname: varchar(o.lastname, 32),
    email: varchar(o.email, 96),
    telephone: varchar(o.telephone, 32),
    custom_field: text(o.custom_field),
    ...address('payment', o.payment),
    payment_method: varchar(o.payment_method, 128),
    payment_code: varchar(o.payment_code, 128),
    ...address('shipping', o.shipping),
    shipping_method: varchar(o.shipping_method, 128),
    shipping_code: varchar(o.shipping_code, 128),
    comment: text(o.comment),
    total: decimalColumn(o.total, 4),
    affiliate_id: intColumn(o.affiliate_id),
    commission: decimalColumn(o.commission, 4),
  };
}

function insertLines(db: Db, orderId: number, o: OrderData, now: Date): void {
  for (const p of o.products) {
    const orderProductId = Number(
      db.run(
        'INSERT INTO in_order_product (order_id, product_id, name, model, quantity, price, total, tax, reward) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        orderId, p.product_id, varchar(p.name, 255), varchar(p.model, 64), intColumn(p.quantity), decimalColumn(p.price, 4), decimalColumn(p.total, 4),
        decimalColumn(p.tax, 4), intColumn(p.reward),
      ).lastInsertRowid,
    );
    for (const option of p.option) {
      db.run(
        'INSERT INTO in_order_option (order_id, order_product_id, product_option_id, product_option_value_id, name, value, type) VALUES (?, ?, ?, ?, ?, ?, ?)',
        orderId, orderProductId, toInt(option.product_option_id), toInt(option.product_option_value_id), varchar(option.name, 255), text(option.value), varchar(option.type, 32),
      );
    }
  }
  // Stryker disable next-line BlockStatement: not observable — a gift voucher bought gets a random code that no API route returns, and order/info has no voucher lines
  for (const v of o.vouchers) {
    const orderVoucherId = Number(
      db.run(
        `INSERT INTO in_order_voucher (order_id, description, code, from_name, from_email, to_name, to_email, voucher_theme_id, message, amount)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        orderId, varchar(v.description, 255), varchar(v.code, 10), varchar(v.from_name, 64), varchar(v.from_email, 96), varchar(v.to_name, 64),
        varchar(v.to_email, 96), toInt(v.voucher_theme_id), text(v.message), decimalColumn(v.amount, 4),
      ).lastInsertRowid,
    );
    const voucherId = addVoucher(db, orderId, v, now);
    db.run('UPDATE in_order_voucher SET voucher_id = ? WHERE order_voucher_id = ?', voucherId, orderVoucherId);
  }
  for (const t of o.totals) {
    db.run(
      'INSERT INTO in_order_total (order_id, code, title, value, sort_order) VALUES (?, ?, ?, ?, ?)',
      orderId, varchar(t.code, 32), varchar(t.title, 255), decimalColumn(t.value, 4), intColumn(toInt(t.sort_order)),
    );
  }
}

export function addOrder(db: Db, o: OrderData, now: Date): number {
  const columns = {
    ...orderColumns(o),
    marketing_id: intColumn(o.marketing_id),
    tracking: varchar(o.tracking, 64),
    language_id: o.language_id,
    currency_id: o.currency_id,
    currency_code: varchar(o.currency_code, 3),
    currency_value: decimalColumn(o.currency_value, 8, 7),
    ip: varchar(o.ip, 40),
    forwarded_ip: varchar(o.forwarded_ip, 40),
    user_agent: varchar(o.user_agent, 255),
    accept_language: varchar(o.accept_language, 255),
    date_added: sqlDate(now),
    date_modified: sqlDate(now),
  };
  const names = Object.keys(columns);
  const orderId = Number(
    db.run(`INSERT INTO in_order (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, ...names.map((n) => columns[n as keyof typeof columns])).lastInsertRowid,
  );
  insertLines(db, orderId, o, now);
  return orderId;
}

/** editOrder: void first (restock, release coupon/voucher/reward), then rewrite the order and all its lines. */
export function editOrder(db: Db, config: Config, orderId: number, o: OrderData, now: Date): void {
  // Stryker disable next-line StringLiteral,BooleanLiteral: not observable — the history's comment and notify flag are read by no catalog API route
  addOrderHistory(db, config, orderId, 0, '', false, false, now);
  const columns = { ...orderColumns(o), date_modified: sqlDate(now) };
  const names = Object.keys(columns);
  db.run(`UPDATE in_order SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE order_id = ?`, ...names.map((n) => columns[n as keyof typeof columns]), orderId);
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

// ---------------------------------------------------------------------------------------------------------------
// Order history

// Stryker disable next-line StringLiteral: equivalent on the demo data — its complete statuses (5, 3) are processing statuses too
const activeStatuses = (config: Config): string[] => [...config.list('config_processing_status'), ...config.list('config_complete_status')];

/**
 * addOrderHistory: entering a processing/complete status confirms the order (coupon, voucher, reward and credit use
 * recorded, stock subtracted); leaving it voids it (restock, uses released). Unknown orders are ignored.
 */
export function addOrderHistory(db: Db, config: Config, orderId: number, statusId: PhpValue, comment: PhpValue, notify: PhpValue, _override: PhpValue, now: Date): void {
  const order = db.get<{ order_id: number; customer_id: number; order_status_id: number }>('SELECT order_id, customer_id, order_status_id FROM in_order WHERE order_id = ?', orderId);
  // Stryker disable next-line ConditionalExpression: unreachable — every route checks that the order exists before it adds history
  if (!order) return;
  const active = activeStatuses(config);
  const wasActive = inArray(String(order.order_status_id), active);
  const becomesActive = inArray(statusId, active);
  const ref: OrderRef = { order_id: order.order_id, customer_id: order.customer_id };
  const totals = db.all<{ code: string; title: string; value: string }>('SELECT code, title, value FROM in_order_total WHERE order_id = ? ORDER BY sort_order', orderId);

  if (!wasActive && becomesActive) {
    for (const t of totals) {
      if (t.code === 'coupon') confirmCoupon(db, ref, t.title, Number(t.value), now);
      else if (t.code === 'voucher') confirmVoucher(db, config, ref, t.title, Number(t.value), now);
      else if (t.code === 'reward') confirmReward(db, ref, t.title, now);
      else if (t.code === 'credit') confirmCredit(db, ref, Number(t.value), now);
    }
    adjustStock(db, orderId, -1);
  }

  db.run('UPDATE in_order SET order_status_id = ?, date_modified = ? WHERE order_id = ?', intColumn(toInt(statusId)), sqlDate(now), orderId);
  db.run(
    'INSERT INTO in_order_history (order_id, order_status_id, notify, comment, date_added) VALUES (?, ?, ?, ?, ?)',
    orderId, intColumn(toInt(statusId)), toInt(notify) ? 1 : 0, text(comment), sqlDate(now),
  );

  if (wasActive && !becomesActive) {
    adjustStock(db, orderId, +1);
    for (const t of totals) UNCONFIRM[t.code]?.(db, orderId);
  }
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
    db.run('UPDATE in_product SET quantity = MAX(-2147483648, MIN(2147483647, quantity + ?)) WHERE product_id = ? AND subtract = 1', direction * p.quantity, p.product_id);
    for (const o of db.all<{ product_option_value_id: number }>('SELECT product_option_value_id FROM in_order_option WHERE order_id = ? AND order_product_id = ?', orderId, p.order_product_id)) {
      db.run('UPDATE in_product_option_value SET quantity = MAX(-2147483648, MIN(2147483647, quantity + ?)) WHERE product_option_value_id = ? AND subtract = 1', direction * p.quantity, o.product_option_value_id);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// order/info

const INFO_KEYS = [
  'order_id', 'invoice_no', 'invoice_prefix', 'store_id', 'store_name', 'store_url', 'customer_id', 'firstname', 'lastname', 'email', 'telephone', 'custom_field',
  'payment_firstname', 'payment_lastname', 'payment_company', 'payment_address_1', 'payment_address_2', 'payment_postcode', 'payment_city', 'payment_zone_id',
  'payment_zone', 'payment_zone_code', 'payment_country_id', 'payment_country', 'payment_iso_code_2', 'payment_iso_code_3', 'payment_address_format',
  'payment_custom_field', 'payment_method', 'payment_code', 'shipping_firstname', 'shipping_lastname', 'shipping_company', 'shipping_address_1',
  'shipping_address_2', 'shipping_postcode', 'shipping_city', 'shipping_zone_id', 'shipping_zone', 'shipping_zone_code', 'shipping_country_id', 'shipping_country',
  'shipping_iso_code_2', 'shipping_iso_code_3', 'shipping_address_format', 'shipping_custom_field', 'shipping_method', 'shipping_code', 'comment', 'total',
  'order_status_id', 'order_status', 'affiliate_id', 'commission', 'language_id', 'language_code', 'currency_id', 'currency_code', 'currency_value', 'ip',
  'forwarded_ip', 'user_agent', 'accept_language', 'date_added', 'date_modified',
] as const;

const DECODED = new Set(['custom_field', 'payment_custom_field', 'shipping_custom_field']);

/** getOrder(): every column as the string MySQL returns, custom fields decoded, codes of country and zone looked up. */
export function getOrderInfo(db: Db, orderId: number): PhpArray | undefined {
  const row = db.get<Record<string, string | number | null>>(
    `SELECT o.*, (SELECT os.name FROM in_order_status os WHERE os.order_status_id = o.order_status_id AND os.language_id = o.language_id) AS order_status
       FROM in_order o WHERE o.order_id = ?`,
    orderId,
  );
  if (!row) return undefined;
  for (const prefix of ['payment', 'shipping']) {
    const country = db.get<{ iso_code_2: string; iso_code_3: string }>('SELECT iso_code_2, iso_code_3 FROM in_country WHERE country_id = ?', row[`${prefix}_country_id`]);
    row[`${prefix}_iso_code_2`] = country?.iso_code_2 ?? '';
    row[`${prefix}_iso_code_3`] = country?.iso_code_3 ?? '';
    row[`${prefix}_zone_code`] = db.get<{ code: string }>('SELECT code FROM in_zone WHERE zone_id = ?', row[`${prefix}_zone_id`])?.code ?? '';
  }
  // Stryker disable next-line LogicalOperator,OptionalChaining: equivalent — the order's language (the store's only one) always exists, and its code is LANGUAGE_CODE
  row.language_code = db.get<{ code: string }>('SELECT code FROM in_language WHERE language_id = ?', row.language_id)?.code ?? LANGUAGE_CODE;
  const info: PhpArray = new Map();
  for (const key of INFO_KEYS) {
    const value = row[key];
    // Stryker disable next-line StringLiteral: unreachable — the custom field columns are NOT NULL
    if (DECODED.has(key)) info.set(key, jsonDecode(String(value ?? '')));
    else info.set(key, value === null ? null : String(value));
  }
  return info;
}

export const orderExists = (db: Db, orderId: number): boolean => Boolean(db.get('SELECT 1 FROM in_order WHERE order_id = ?', orderId));
