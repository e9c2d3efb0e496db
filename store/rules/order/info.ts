// Reading an order back (model checkout/order getOrder, for api/order/info) and whether one exists.
import type { Db } from '../../db/database';
import { LANGUAGE_CODE } from '../../config';
import { jsonDecode, type PhpArray } from '../../php';

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
