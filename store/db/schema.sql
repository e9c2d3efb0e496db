-- The `in_` tables of an OpenCart 3.0 install that the catalog API reads or writes, as SQLite.
-- Conventions that keep the answers identical to MySQL's:
--   * AUTOINCREMENT wherever an id is visible (cart_id, order_id …): InnoDB never reuses an id after a delete.
--   * COLLATE NOCASE on the codes, keys and session ids that the store compares with `=`: MySQL's default collation is
--     case-insensitive, so `usd`, a coupon `abc` or an upper-case api_token match.
--   * DECIMAL columns are TEXT holding the decimal as MySQL returns it ("123.2000"); the API shows them verbatim.
--   * Dates are TEXT 'YYYY-MM-DD HH:MM:SS' in UTC, written from the store's clock (so tests can move time).

CREATE TABLE in_setting (
  setting_id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_id INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  serialized INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX in_setting_key ON in_setting (store_id, key);

CREATE TABLE in_extension (
  extension_id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  code TEXT NOT NULL
);

CREATE TABLE in_api (
  api_id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL COLLATE NOCASE,
  key TEXT NOT NULL COLLATE NOCASE,
  status INTEGER NOT NULL,
  date_added TEXT NOT NULL,
  date_modified TEXT NOT NULL
);

CREATE TABLE in_api_ip (
  api_ip_id INTEGER PRIMARY KEY AUTOINCREMENT,
  api_id INTEGER NOT NULL,
  ip TEXT NOT NULL COLLATE NOCASE
);

CREATE TABLE in_api_session (
  api_session_id INTEGER PRIMARY KEY AUTOINCREMENT,
  api_id INTEGER NOT NULL,
  session_id TEXT NOT NULL COLLATE NOCASE,
  ip TEXT NOT NULL,
  date_added TEXT NOT NULL,
  date_modified TEXT NOT NULL
);
CREATE INDEX in_api_session_session ON in_api_session (session_id);
-- The expiry sweeps of every request (store/session.ts) would otherwise read every row: a run leaves thousands.
CREATE INDEX in_api_session_modified ON in_api_session (date_modified);

CREATE TABLE in_session (
  session_id TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  data TEXT NOT NULL,
  expire TEXT NOT NULL
);
CREATE INDEX in_session_expire ON in_session (expire);

CREATE TABLE in_language (
  language_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  code TEXT NOT NULL,
  locale TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL
);

CREATE TABLE in_currency (
  currency_id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  code TEXT NOT NULL COLLATE NOCASE,
  symbol_left TEXT NOT NULL,
  symbol_right TEXT NOT NULL,
  decimal_place TEXT NOT NULL,
  value TEXT NOT NULL,
  status INTEGER NOT NULL,
  date_modified TEXT NOT NULL
);

CREATE TABLE in_country (
  country_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  iso_code_2 TEXT NOT NULL,
  iso_code_3 TEXT NOT NULL,
  address_format TEXT NOT NULL,
  postcode_required INTEGER NOT NULL,
  status INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE in_zone (
  zone_id INTEGER PRIMARY KEY AUTOINCREMENT,
  country_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL,
  status INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE in_geo_zone (
  geo_zone_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  description TEXT NOT NULL
);

CREATE TABLE in_zone_to_geo_zone (
  zone_to_geo_zone_id INTEGER PRIMARY KEY AUTOINCREMENT,
  country_id INTEGER NOT NULL,
  zone_id INTEGER NOT NULL DEFAULT 0,
  geo_zone_id INTEGER NOT NULL
);

CREATE TABLE in_tax_class (
  tax_class_id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  description TEXT NOT NULL
);

CREATE TABLE in_tax_rate (
  tax_rate_id INTEGER PRIMARY KEY AUTOINCREMENT,
  geo_zone_id INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  rate TEXT NOT NULL,
  type TEXT NOT NULL
);

CREATE TABLE in_tax_rule (
  tax_rule_id INTEGER PRIMARY KEY AUTOINCREMENT,
  tax_class_id INTEGER NOT NULL,
  tax_rate_id INTEGER NOT NULL,
  based TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE in_tax_rate_to_customer_group (
  tax_rate_id INTEGER NOT NULL,
  customer_group_id INTEGER NOT NULL,
  PRIMARY KEY (tax_rate_id, customer_group_id)
);

CREATE TABLE in_customer_group (
  customer_group_id INTEGER PRIMARY KEY AUTOINCREMENT,
  approval INTEGER NOT NULL,
  sort_order INTEGER NOT NULL
);

CREATE TABLE in_customer_group_description (
  customer_group_id INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (customer_group_id, language_id)
);

CREATE TABLE in_custom_field (
  custom_field_id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  validation TEXT NOT NULL,
  location TEXT NOT NULL,
  status INTEGER NOT NULL,
  sort_order INTEGER NOT NULL
);

CREATE TABLE in_custom_field_description (
  custom_field_id INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (custom_field_id, language_id)
);

CREATE TABLE in_custom_field_customer_group (
  custom_field_id INTEGER NOT NULL,
  customer_group_id INTEGER NOT NULL,
  required INTEGER NOT NULL,
  PRIMARY KEY (custom_field_id, customer_group_id)
);

CREATE TABLE in_customer (
  customer_id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_group_id INTEGER NOT NULL,
  store_id INTEGER NOT NULL DEFAULT 0,
  language_id INTEGER NOT NULL DEFAULT 1,
  firstname TEXT NOT NULL,
  lastname TEXT NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  telephone TEXT NOT NULL,
  password TEXT NOT NULL DEFAULT '',
  custom_field TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  status INTEGER NOT NULL,
  safe INTEGER NOT NULL DEFAULT 0,
  date_added TEXT NOT NULL
);

CREATE TABLE in_customer_reward (
  customer_reward_id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL DEFAULT 0,
  order_id INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL,
  points INTEGER NOT NULL DEFAULT 0,
  date_added TEXT NOT NULL
);

CREATE TABLE in_customer_transaction (
  customer_transaction_id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL,
  order_id INTEGER NOT NULL,
  description TEXT NOT NULL,
  amount TEXT NOT NULL,
  date_added TEXT NOT NULL
);

CREATE TABLE in_customer_affiliate (
  customer_id INTEGER PRIMARY KEY,
  commission TEXT NOT NULL DEFAULT '0.00',
  status INTEGER NOT NULL,
  date_added TEXT NOT NULL
);

CREATE TABLE in_category (
  category_id INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL
);

CREATE TABLE in_category_description (
  category_id INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (category_id, language_id)
);

CREATE TABLE in_category_path (
  category_id INTEGER NOT NULL,
  path_id INTEGER NOT NULL,
  level INTEGER NOT NULL,
  PRIMARY KEY (category_id, path_id)
);

CREATE TABLE in_product (
  product_id INTEGER PRIMARY KEY AUTOINCREMENT,
  model TEXT NOT NULL,
  quantity INTEGER NOT NULL DEFAULT 0,
  stock_status_id INTEGER NOT NULL DEFAULT 7,
  shipping INTEGER NOT NULL DEFAULT 1,
  price TEXT NOT NULL DEFAULT '0.0000',
  points INTEGER NOT NULL DEFAULT 0,
  tax_class_id INTEGER NOT NULL,
  date_available TEXT NOT NULL,
  weight TEXT NOT NULL DEFAULT '0.00000000',
  subtract INTEGER NOT NULL DEFAULT 1,
  minimum INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL DEFAULT 0,
  date_added TEXT NOT NULL,
  date_modified TEXT NOT NULL
);

CREATE TABLE in_product_description (
  product_id INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (product_id, language_id)
);

CREATE TABLE in_product_to_store (
  product_id INTEGER NOT NULL,
  store_id INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, store_id)
);

CREATE TABLE in_product_to_category (
  product_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  PRIMARY KEY (product_id, category_id)
);

CREATE TABLE in_product_special (
  product_special_id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id INTEGER NOT NULL,
  customer_group_id INTEGER NOT NULL,
  priority INTEGER NOT NULL DEFAULT 1,
  price TEXT NOT NULL DEFAULT '0.0000',
  date_start TEXT NOT NULL DEFAULT '0000-00-00',
  date_end TEXT NOT NULL DEFAULT '0000-00-00'
);

CREATE TABLE in_product_discount (
  product_discount_id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id INTEGER NOT NULL,
  customer_group_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL DEFAULT 0,
  priority INTEGER NOT NULL DEFAULT 1,
  price TEXT NOT NULL DEFAULT '0.0000',
  date_start TEXT NOT NULL DEFAULT '0000-00-00',
  date_end TEXT NOT NULL DEFAULT '0000-00-00'
);

CREATE TABLE in_product_reward (
  product_reward_id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id INTEGER NOT NULL DEFAULT 0,
  customer_group_id INTEGER NOT NULL DEFAULT 0,
  points INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE in_option (
  option_id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);

CREATE TABLE in_option_description (
  option_id INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (option_id, language_id)
);

CREATE TABLE in_option_value (
  option_value_id INTEGER PRIMARY KEY AUTOINCREMENT,
  option_id INTEGER NOT NULL,
  sort_order INTEGER NOT NULL
);

CREATE TABLE in_option_value_description (
  option_value_id INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  option_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (option_value_id, language_id)
);

CREATE TABLE in_product_option (
  product_option_id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id INTEGER NOT NULL,
  option_id INTEGER NOT NULL,
  value TEXT NOT NULL,
  required INTEGER NOT NULL
);

CREATE TABLE in_product_option_value (
  product_option_value_id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_option_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  option_id INTEGER NOT NULL,
  option_value_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  subtract INTEGER NOT NULL,
  price TEXT NOT NULL,
  price_prefix TEXT NOT NULL,
  points INTEGER NOT NULL,
  points_prefix TEXT NOT NULL,
  weight TEXT NOT NULL,
  weight_prefix TEXT NOT NULL
);

-- Cart lines are keyed by (api_id, customer_id, session_id, product_id, recurring_id, option); the index is also the
-- order in which MySQL hands the lines back (see rules/cart.ts).
CREATE TABLE in_cart (
  cart_id INTEGER PRIMARY KEY AUTOINCREMENT,
  api_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  session_id TEXT NOT NULL COLLATE NOCASE,
  product_id INTEGER NOT NULL,
  recurring_id INTEGER NOT NULL,
  option TEXT NOT NULL COLLATE NOCASE,
  quantity INTEGER NOT NULL,
  date_added TEXT NOT NULL
);
CREATE INDEX in_cart_key ON in_cart (api_id, customer_id, session_id, product_id, recurring_id);

CREATE TABLE in_coupon (
  coupon_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  code TEXT NOT NULL COLLATE NOCASE,
  type TEXT NOT NULL,
  discount TEXT NOT NULL,
  logged INTEGER NOT NULL,
  shipping INTEGER NOT NULL,
  total TEXT NOT NULL,
  date_start TEXT NOT NULL DEFAULT '0000-00-00',
  date_end TEXT NOT NULL DEFAULT '0000-00-00',
  uses_total INTEGER NOT NULL,
  uses_customer TEXT NOT NULL,
  status INTEGER NOT NULL,
  date_added TEXT NOT NULL
);

CREATE TABLE in_coupon_product (
  coupon_product_id INTEGER PRIMARY KEY AUTOINCREMENT,
  coupon_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL
);

CREATE TABLE in_coupon_category (
  coupon_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  PRIMARY KEY (coupon_id, category_id)
);

CREATE TABLE in_coupon_history (
  coupon_history_id INTEGER PRIMARY KEY AUTOINCREMENT,
  coupon_id INTEGER NOT NULL,
  order_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  amount TEXT NOT NULL,
  date_added TEXT NOT NULL
);

CREATE TABLE in_voucher (
  voucher_id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL,
  code TEXT NOT NULL COLLATE NOCASE,
  from_name TEXT NOT NULL,
  from_email TEXT NOT NULL,
  to_name TEXT NOT NULL,
  to_email TEXT NOT NULL,
  voucher_theme_id INTEGER NOT NULL,
  message TEXT NOT NULL,
  amount TEXT NOT NULL,
  status INTEGER NOT NULL,
  date_added TEXT NOT NULL
);

CREATE TABLE in_voucher_history (
  voucher_history_id INTEGER PRIMARY KEY AUTOINCREMENT,
  voucher_id INTEGER NOT NULL,
  order_id INTEGER NOT NULL,
  amount TEXT NOT NULL,
  date_added TEXT NOT NULL
);

CREATE TABLE in_voucher_theme (
  voucher_theme_id INTEGER PRIMARY KEY AUTOINCREMENT,
  image TEXT NOT NULL
);

CREATE TABLE in_voucher_theme_description (
  voucher_theme_id INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (voucher_theme_id, language_id)
);

CREATE TABLE in_order_status (
  order_status_id INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (order_status_id, language_id)
);

CREATE TABLE in_order (
  order_id INTEGER PRIMARY KEY AUTOINCREMENT,
  invoice_no INTEGER NOT NULL DEFAULT 0,
  invoice_prefix TEXT NOT NULL,
  store_id INTEGER NOT NULL DEFAULT 0,
  store_name TEXT NOT NULL,
  store_url TEXT NOT NULL,
  customer_id INTEGER NOT NULL DEFAULT 0,
  customer_group_id INTEGER NOT NULL DEFAULT 0,
  firstname TEXT NOT NULL,
  lastname TEXT NOT NULL,
  email TEXT NOT NULL,
  telephone TEXT NOT NULL,
  custom_field TEXT NOT NULL,
  payment_firstname TEXT NOT NULL,
  payment_lastname TEXT NOT NULL,
  payment_company TEXT NOT NULL,
  payment_address_1 TEXT NOT NULL,
  payment_address_2 TEXT NOT NULL,
  payment_city TEXT NOT NULL,
  payment_postcode TEXT NOT NULL,
  payment_country TEXT NOT NULL,
  payment_country_id INTEGER NOT NULL,
  payment_zone TEXT NOT NULL,
  payment_zone_id INTEGER NOT NULL,
  payment_address_format TEXT NOT NULL,
  payment_custom_field TEXT NOT NULL,
  payment_method TEXT NOT NULL,
  payment_code TEXT NOT NULL,
  shipping_firstname TEXT NOT NULL,
  shipping_lastname TEXT NOT NULL,
  shipping_company TEXT NOT NULL,
  shipping_address_1 TEXT NOT NULL,
  shipping_address_2 TEXT NOT NULL,
  shipping_city TEXT NOT NULL,
  shipping_postcode TEXT NOT NULL,
  shipping_country TEXT NOT NULL,
  shipping_country_id INTEGER NOT NULL,
  shipping_zone TEXT NOT NULL,
  shipping_zone_id INTEGER NOT NULL,
  shipping_address_format TEXT NOT NULL,
  shipping_custom_field TEXT NOT NULL,
  shipping_method TEXT NOT NULL,
  shipping_code TEXT NOT NULL,
  comment TEXT NOT NULL,
  total TEXT NOT NULL DEFAULT '0.0000',
  order_status_id INTEGER NOT NULL DEFAULT 0,
  affiliate_id INTEGER NOT NULL,
  commission TEXT NOT NULL,
  marketing_id INTEGER NOT NULL,
  tracking TEXT NOT NULL,
  language_id INTEGER NOT NULL,
  currency_id INTEGER NOT NULL,
  currency_code TEXT NOT NULL,
  currency_value TEXT NOT NULL DEFAULT '1.00000000',
  ip TEXT NOT NULL,
  forwarded_ip TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  accept_language TEXT NOT NULL,
  date_added TEXT NOT NULL,
  date_modified TEXT NOT NULL
);

CREATE TABLE in_order_product (
  order_product_id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  model TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  price TEXT NOT NULL DEFAULT '0.0000',
  total TEXT NOT NULL DEFAULT '0.0000',
  tax TEXT NOT NULL DEFAULT '0.0000',
  reward INTEGER NOT NULL
);
CREATE INDEX in_order_product_order ON in_order_product (order_id);

CREATE TABLE in_order_option (
  order_option_id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL,
  order_product_id INTEGER NOT NULL,
  product_option_id INTEGER NOT NULL,
  product_option_value_id INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  type TEXT NOT NULL
);

CREATE TABLE in_order_voucher (
  order_voucher_id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL,
  voucher_id INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL,
  code TEXT NOT NULL,
  from_name TEXT NOT NULL,
  from_email TEXT NOT NULL,
  to_name TEXT NOT NULL,
  to_email TEXT NOT NULL,
  voucher_theme_id INTEGER NOT NULL,
  message TEXT NOT NULL,
  amount TEXT NOT NULL
);

CREATE TABLE in_order_total (
  order_total_id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  value TEXT NOT NULL DEFAULT '0.0000',
  sort_order INTEGER NOT NULL
);
CREATE INDEX in_order_total_order ON in_order_total (order_id);

CREATE TABLE in_order_history (
  order_history_id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL,
  order_status_id INTEGER NOT NULL,
  notify INTEGER NOT NULL DEFAULT 0,
  comment TEXT NOT NULL,
  date_added TEXT NOT NULL
);
