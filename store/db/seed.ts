// The data of a fresh OpenCart 3.0 install (install/opencart.sql) that the catalog API touches, the two API users an
// operator would configure, and the conformance data that provisioning adds to any store (the API user runs log in
// as, invotide-suite, among it).
import type { Db } from './database';
import { provisionInserts, type ApiKeys } from '../../src/provision/dataset';
import { insertStatement } from '../../src/provision/sql';

export type Seed = 'conformance' | 'demo' | 'none';

export interface SeedOptions {
  seed: Seed;
  apiKey: string;
  restrictedKey: string;
  /**
   * Keys of the API users the conformance data adds (the suite's own, one disabled, one allowed only from an address
   * no client has).
   */
  provisionedKeys: ApiKeys;
  /** Allow-list of 'Default' and of the suite's own user (invotide-suite), the users a client of this store logs in as. */
  allowedIps: string[];
  restrictedIps: string[];
  /** Install date: the year goes into the invoice prefix like the installer does. */
  installedAt: string;
}

const insert = (db: Db, table: string, row: Record<string, unknown>): void => {
  const columns = Object.keys(row);
  db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, ...columns.map((c) => row[c]));
};

// -------------------------------------------------------------------------------------------------------------------
// Settings, extensions, API users: what the store cannot run without.

function settings(installedAt: string): Record<string, string | string[]> {
  return {
    config_name: 'Your Store',
    config_url: 'http://localhost/',
    config_invoice_prefix: `INV-${installedAt.slice(0, 4)}-00`,
    config_language: 'en-gb',
    config_currency: 'USD',
    config_country_id: '222',
    config_zone_id: '3563',
    config_tax: '1',
    config_tax_default: 'shipping',
    config_tax_customer: 'shipping',
    config_customer_group_id: '1',
    config_customer_group_display: ['1'],
    config_stock_display: '0',
    config_stock_warning: '0',
    config_stock_checkout: '0',
    config_order_status_id: '1',
    config_processing_status: ['5', '1', '2', '12', '3'],
    config_complete_status: ['5', '3'],
    config_voucher_min: '1',
    config_voucher_max: '1000',
    // The recording ran with warnings hidden; this store never emits PHP warnings.
    config_error_display: '0',
    config_api_id: '1',
    shipping_flat_cost: '5.00',
    shipping_flat_tax_class_id: '9',
    shipping_flat_geo_zone_id: '0',
    shipping_flat_status: '1',
    shipping_flat_sort_order: '1',
    payment_cod_total: '0.01',
    payment_cod_order_status_id: '1',
    payment_cod_geo_zone_id: '0',
    payment_cod_status: '1',
    payment_cod_sort_order: '5',
    payment_free_checkout_order_status_id: '1',
    payment_free_checkout_status: '1',
    payment_free_checkout_sort_order: '1',
    total_sub_total_status: '1',
    total_sub_total_sort_order: '1',
    total_reward_status: '1',
    total_reward_sort_order: '2',
    total_shipping_status: '1',
    total_shipping_estimator: '1',
    total_shipping_sort_order: '3',
    total_coupon_status: '1',
    total_coupon_sort_order: '4',
    total_tax_status: '1',
    total_tax_sort_order: '5',
    total_credit_status: '1',
    total_credit_sort_order: '7',
    total_voucher_status: '1',
    total_voucher_sort_order: '8',
    total_total_status: '1',
    total_total_sort_order: '9',
    // Installed but never enabled in the demo data.
    total_handling_sort_order: '3',
    total_low_order_fee_sort_order: '4',
  };
}

/** The `code` column groups a setting with its extension (`total_sub_total_status` belongs to `total_sub_total`). */
function settingCode(key: string): string {
  if (key.startsWith('config_')) return 'config';
  const extension = EXTENSIONS.find(([type, code]) => key.startsWith(`${type}_${code}_`));
  return extension ? `${extension[0]}_${extension[1]}` : key;
}

const EXTENSIONS: Array<[string, string]> = [
  ['payment', 'cod'],
  ['payment', 'free_checkout'],
  ['total', 'shipping'],
  ['total', 'sub_total'],
  ['total', 'tax'],
  ['total', 'total'],
  ['total', 'credit'],
  ['total', 'handling'],
  ['total', 'low_order_fee'],
  ['total', 'coupon'],
  ['total', 'reward'],
  ['total', 'voucher'],
  ['shipping', 'flat'],
];

function seedEssentials(db: Db, o: SeedOptions): void {
  for (const [key, value] of Object.entries(settings(o.installedAt))) {
    insert(db, 'in_setting', {
      store_id: 0,
      code: settingCode(key),
      key,
      value: Array.isArray(value) ? JSON.stringify(value) : value,
      serialized: Array.isArray(value) ? 1 : 0,
    });
  }
  for (const [type, code] of EXTENSIONS) insert(db, 'in_extension', { type, code });

  insert(db, 'in_language', { language_id: 1, name: 'English', code: 'en-gb', locale: 'en-US,en_US.UTF-8,en_US,en-gb,english', sort_order: 1, status: 1 });

  const currencies: Array<[number, string, string, string, string, string]> = [
    [1, 'Pound Sterling', 'GBP', '£', '', '0.61250001'],
    [2, 'US Dollar', 'USD', '$', '', '1.00000000'],
    [3, 'Euro', 'EUR', '', '€', '0.78460002'],
  ];
  for (const [currency_id, title, code, symbol_left, symbol_right, value] of currencies) {
    insert(db, 'in_currency', { currency_id, title, code, symbol_left, symbol_right, decimal_place: '2', value, status: 1, date_modified: o.installedAt });
  }

  const statuses: Array<[number, string]> = [
    [1, 'Pending'], [2, 'Processing'], [3, 'Shipped'], [5, 'Complete'], [7, 'Canceled'], [8, 'Denied'], [9, 'Canceled Reversal'],
    [10, 'Failed'], [11, 'Refunded'], [12, 'Reversed'], [13, 'Chargeback'], [14, 'Expired'], [15, 'Processed'], [16, 'Voided'],
  ];
  for (const [order_status_id, name] of statuses) insert(db, 'in_order_status', { order_status_id, language_id: 1, name });

  insert(db, 'in_customer_group', { customer_group_id: 1, approval: 0, sort_order: 1 });
  insert(db, 'in_customer_group_description', { customer_group_id: 1, language_id: 1, name: 'Default', description: 'test' });

  // Countries and zones: the ones the API tests name, plus neighbours so that lists are not trivially small.
  const countries: Array<[number, string, string, string, number]> = [
    [13, 'Australia', 'AU', 'AUS', 0],
    [38, 'Canada', 'CA', 'CAN', 0],
    [81, 'Germany', 'DE', 'DEU', 1],
    [103, 'Ireland', 'IE', 'IRL', 0],
    [222, 'United Kingdom', 'GB', 'GBR', 1],
    [223, 'United States', 'US', 'USA', 0],
  ];
  // The address formats of OpenCart's install/opencart.sql (the others are empty there too); api/order/info shows them.
  // The behaviour diff against a real 3.0.5.0 found them missing here.
  const addressFormats: Record<number, string> = {
    81: '{company}\r\n{firstname} {lastname}\r\n{address_1}\r\n{address_2}\r\n{postcode} {city}\r\n{country}',
    223: '{firstname} {lastname}\r\n{company}\r\n{address_1}\r\n{address_2}\r\n{city}, {zone} {postcode}\r\n{country}',
  };
  for (const [country_id, name, iso_code_2, iso_code_3, postcode_required] of countries) {
    insert(db, 'in_country', { country_id, name, iso_code_2, iso_code_3, address_format: addressFormats[country_id] ?? '', postcode_required, status: 1 });
  }
  const zones: Array<[number, number, string, string]> = [
    [1256, 81, 'Berlin', 'BER'],
    [1257, 81, 'Brandenburg', 'BRA'],
    [3513, 222, 'Aberdeen', 'ABN'],
    [3523, 222, 'Bristol', 'BRST'],
    [3553, 222, 'Greater London', 'GTLON'],
    [3563, 222, 'Lancashire', 'LANCS'],
    [3569, 222, 'Merseyside', 'MSY'],
    [3610, 222, 'Yorkshire, North', 'NYK'],
    [3613, 223, 'Alabama', 'AL'],
    [3624, 223, 'California', 'CA'],
    [3655, 223, 'New York', 'NY'],
    [3669, 223, 'Texas', 'TX'],
  ];
  for (const [zone_id, country_id, name, code] of zones) insert(db, 'in_zone', { zone_id, country_id, name, code, status: 1 });

  // Taxes: class 9 "Taxable Goods" = VAT 20 % + Eco Tax 2.00, both on the shipping address, in the UK only.
  insert(db, 'in_geo_zone', { geo_zone_id: 3, name: 'UK VAT Zone', description: 'UK VAT' });
  insert(db, 'in_geo_zone', { geo_zone_id: 4, name: 'UK Shipping', description: 'UK Shipping Zones' });
  insert(db, 'in_zone_to_geo_zone', { country_id: 222, zone_id: 0, geo_zone_id: 3 });
  insert(db, 'in_zone_to_geo_zone', { country_id: 222, zone_id: 0, geo_zone_id: 4 });
  insert(db, 'in_tax_class', { tax_class_id: 9, title: 'Taxable Goods', description: 'Taxed goods' });
  insert(db, 'in_tax_class', { tax_class_id: 10, title: 'Downloadable Products', description: 'Downloadable' });
  insert(db, 'in_tax_rate', { tax_rate_id: 86, geo_zone_id: 3, name: 'VAT (20%)', rate: '20.0000', type: 'P' });
  insert(db, 'in_tax_rate', { tax_rate_id: 87, geo_zone_id: 3, name: 'Eco Tax (-2.00)', rate: '2.0000', type: 'F' });
  insert(db, 'in_tax_rule', { tax_rule_id: 120, tax_class_id: 10, tax_rate_id: 87, based: 'store', priority: 0 });
  insert(db, 'in_tax_rule', { tax_rule_id: 121, tax_class_id: 10, tax_rate_id: 86, based: 'payment', priority: 1 });
  insert(db, 'in_tax_rule', { tax_rule_id: 127, tax_class_id: 9, tax_rate_id: 87, based: 'shipping', priority: 2 });
  insert(db, 'in_tax_rule', { tax_rule_id: 128, tax_class_id: 9, tax_rate_id: 86, based: 'shipping', priority: 1 });
  insert(db, 'in_tax_rate_to_customer_group', { tax_rate_id: 86, customer_group_id: 1 });
  insert(db, 'in_tax_rate_to_customer_group', { tax_rate_id: 87, customer_group_id: 1 });

  for (const [voucher_theme_id, name, image] of [[6, 'Christmas', 'catalog/demo/canon_eos_5d_2.jpg'], [7, 'Birthday', 'catalog/demo/gift-voucher-birthday.jpg'], [8, 'General', 'catalog/demo/apple_logo.jpg']] as const) {
    insert(db, 'in_voucher_theme', { voucher_theme_id, image });
    insert(db, 'in_voucher_theme_description', { voucher_theme_id, language_id: 1, name });
  }

  // API users. The installer creates only 'Default' and no allowed IPs; the operator adds them. 'Restricted' is the
  // user whose allow-list never contains the test runner, so that IP rejection can be proven.
  insert(db, 'in_api', { api_id: 1, username: 'Default', key: o.apiKey, status: 1, date_added: o.installedAt, date_modified: o.installedAt });
  insert(db, 'in_api', { api_id: 2, username: 'Restricted', key: o.restrictedKey, status: 1, date_added: o.installedAt, date_modified: o.installedAt });
  for (const ip of o.allowedIps) insert(db, 'in_api_ip', { api_id: 1, ip });
  for (const ip of o.restrictedIps) insert(db, 'in_api_ip', { api_id: 2, ip });
}

// -------------------------------------------------------------------------------------------------------------------
// Demo catalogue (products used by the API tests and their options), demo coupons.

interface DemoProduct {
  id: number;
  name: string;
  model: string;
  price: string;
  quantity: number;
  points: number;
  reward: number;
  minimum: number;
  shipping: number;
  categories: number[];
}

const PRODUCTS: DemoProduct[] = [
  { id: 28, name: 'HTC Touch HD', model: 'Product 1', price: '100.0000', quantity: 939, points: 200, reward: 400, minimum: 1, shipping: 1, categories: [20, 24] },
  { id: 30, name: 'Canon EOS 5D', model: 'Product 3', price: '100.0000', quantity: 7, points: 0, reward: 200, minimum: 1, shipping: 1, categories: [20, 33] },
  { id: 33, name: 'Samsung SyncMaster 941BW', model: 'Product 6', price: '200.0000', quantity: 0, points: 0, reward: 0, minimum: 1, shipping: 1, categories: [20, 28] },
  { id: 40, name: 'iPhone', model: 'product 11', price: '101.0000', quantity: 970, points: 0, reward: 0, minimum: 1, shipping: 1, categories: [20, 24] },
  { id: 41, name: 'iMac', model: 'Product 14', price: '100.0000', quantity: 977, points: 0, reward: 0, minimum: 1, shipping: 1, categories: [27] },
  { id: 42, name: 'Apple Cinema 30&quot;', model: 'Product 15', price: '100.0000', quantity: 990, points: 400, reward: 100, minimum: 2, shipping: 1, categories: [20, 28] },
  { id: 43, name: 'MacBook', model: 'Product 16', price: '500.0000', quantity: 929, points: 0, reward: 600, minimum: 1, shipping: 0, categories: [18] },
];

const CATEGORIES: Array<[number, number, string]> = [
  [18, 0, 'Laptops &amp; Notebooks'],
  [20, 0, 'Desktops'],
  [24, 0, 'Phones &amp; PDAs'],
  [27, 20, 'Mac'],
  [28, 25, 'Monitors'],
  [25, 0, 'Components'],
  [33, 0, 'Cameras'],
];

// option_id, type, name, sort_order
const OPTIONS: Array<[number, string, string, number]> = [
  [1, 'radio', 'Radio', 1],
  [2, 'checkbox', 'Checkbox', 2],
  [4, 'text', 'Text', 3],
  [5, 'select', 'Select', 4],
  [6, 'textarea', 'Textarea', 5],
  [7, 'file', 'File', 6],
  [8, 'date', 'Date', 7],
  [9, 'time', 'Time', 8],
  [10, 'datetime', 'Date &amp; Time', 9],
];

// option_value_id, option_id, name
const OPTION_VALUES: Array<[number, number, string]> = [
  [23, 2, 'Checkbox 1'], [24, 2, 'Checkbox 2'], [44, 2, 'Checkbox 3'], [45, 2, 'Checkbox 4'],
  [31, 1, 'Medium'], [32, 1, 'Small'], [43, 1, 'Large'],
  [39, 5, 'Red'], [40, 5, 'Blue'], [41, 5, 'Green'], [42, 5, 'Yellow'],
];

// product_option_id, product_id, option_id, default value, required
const PRODUCT_OPTIONS: Array<[number, number, number, string, number]> = [
  [208, 42, 4, 'test', 1],
  [209, 42, 6, '', 1],
  [217, 42, 5, '', 1],
  [218, 42, 1, '', 1],
  [219, 42, 8, '2011-02-20', 1],
  [220, 42, 10, '2011-02-20 22:25', 1],
  [221, 42, 9, '22:25', 1],
  [222, 42, 7, '', 1],
  [223, 42, 2, '', 1],
  [226, 30, 5, '', 1],
];

// product_option_value_id, product_option_id, product_id, option_id, option_value_id, quantity, subtract, price, points, points_prefix
const PRODUCT_OPTION_VALUES: Array<[number, number, number, number, number, number, number, string, number, string]> = [
  [1, 217, 42, 5, 41, 100, 0, '1.0000', 0, '+'],
  [2, 217, 42, 5, 42, 200, 1, '2.0000', 0, '+'],
  [3, 217, 42, 5, 40, 300, 0, '3.0000', 0, '+'],
  [4, 217, 42, 5, 39, 92, 1, '4.0000', 0, '+'],
  [5, 218, 42, 1, 32, 96, 1, '10.0000', 1, '+'],
  [6, 218, 42, 1, 31, 146, 1, '20.0000', 2, '-'],
  [7, 218, 42, 1, 43, 300, 1, '30.0000', 3, '+'],
  [8, 223, 42, 2, 23, 48, 1, '10.0000', 0, '+'],
  [9, 223, 42, 2, 24, 194, 1, '20.0000', 0, '+'],
  [10, 223, 42, 2, 44, 2696, 1, '30.0000', 0, '+'],
  [11, 223, 42, 2, 45, 3998, 1, '40.0000', 0, '+'],
  [15, 226, 30, 5, 39, 2, 1, '0.0000', 0, '+'],
  [16, 226, 30, 5, 40, 5, 1, '0.0000', 0, '+'],
];

function seedCatalogue(db: Db, installedAt: string): void {
  for (const [category_id, parent_id, name] of CATEGORIES) {
    insert(db, 'in_category', { category_id, parent_id, status: 1 });
    insert(db, 'in_category_description', { category_id, language_id: 1, name });
  }
  for (const [category_id] of CATEGORIES) {
    // category_path: every ancestor (and itself) with its level, as the admin model maintains it.
    const chain: number[] = [];
    for (let id: number | undefined = category_id; id; id = CATEGORIES.find(([c]) => c === id)?.[1]) chain.unshift(id);
    chain.forEach((path_id, level) => insert(db, 'in_category_path', { category_id, path_id, level }));
  }
  for (const p of PRODUCTS) {
    insert(db, 'in_product', {
      product_id: p.id, model: p.model, quantity: p.quantity, shipping: p.shipping, price: p.price, points: p.points, tax_class_id: 9,
      date_available: '2009-02-03', subtract: 1, minimum: p.minimum, status: 1, date_added: '2009-02-03 16:06:50', date_modified: installedAt,
    });
    insert(db, 'in_product_description', { product_id: p.id, language_id: 1, name: p.name, description: '' });
    insert(db, 'in_product_to_store', { product_id: p.id, store_id: 0 });
    insert(db, 'in_product_reward', { product_id: p.id, customer_group_id: 1, points: p.reward });
    for (const category_id of p.categories) insert(db, 'in_product_to_category', { product_id: p.id, category_id });
  }
  // Specials outrank quantity discounts; the Canon has two specials and the lower priority number wins.
  insert(db, 'in_product_special', { product_special_id: 419, product_id: 30, customer_group_id: 1, priority: 2, price: '90.0000' });
  insert(db, 'in_product_special', { product_special_id: 438, product_id: 42, customer_group_id: 1, priority: 1, price: '90.0000' });
  insert(db, 'in_product_special', { product_special_id: 439, product_id: 30, customer_group_id: 1, priority: 1, price: '80.0000' });
  insert(db, 'in_product_discount', { product_discount_id: 440, product_id: 42, customer_group_id: 1, quantity: 30, priority: 1, price: '66.0000' });
  insert(db, 'in_product_discount', { product_discount_id: 441, product_id: 42, customer_group_id: 1, quantity: 20, priority: 1, price: '77.0000' });
  insert(db, 'in_product_discount', { product_discount_id: 442, product_id: 42, customer_group_id: 1, quantity: 10, priority: 1, price: '88.0000' });

  for (const [option_id, type, name, sort_order] of OPTIONS) {
    insert(db, 'in_option', { option_id, type, sort_order });
    insert(db, 'in_option_description', { option_id, language_id: 1, name });
  }
  OPTION_VALUES.forEach(([option_value_id, option_id, name], sort_order) => {
    insert(db, 'in_option_value', { option_value_id, option_id, sort_order });
    insert(db, 'in_option_value_description', { option_value_id, language_id: 1, option_id, name });
  });
  for (const [product_option_id, product_id, option_id, value, required] of PRODUCT_OPTIONS) {
    insert(db, 'in_product_option', { product_option_id, product_id, option_id, value, required });
  }
  for (const [id, poId, productId, optionId, valueId, quantity, subtract, price, points, pointsPrefix] of PRODUCT_OPTION_VALUES) {
    insert(db, 'in_product_option_value', {
      product_option_value_id: id, product_option_id: poId, product_id: productId, option_id: optionId, option_value_id: valueId,
      quantity, subtract, price, price_prefix: '+', points, points_prefix: pointsPrefix, weight: price.replace(/0+$/, '0'), weight_prefix: '+',
    });
  }
}

interface CouponRow {
  coupon_id?: number;
  name: string;
  code: string;
  type: 'P' | 'F';
  discount: string;
  logged: number;
  shipping: number;
  total: string;
  date_start: string;
  date_end: string;
  uses_total: number;
  uses_customer: string;
  status: number;
}

const addCoupon = (db: Db, c: CouponRow, dateAdded: string): number => {
  insert(db, 'in_coupon', { ...c, date_added: dateAdded });
  return Number(db.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id);
};

function seedDemoCoupons(db: Db): void {
  // As installed: all three disabled and expired.
  addCoupon(db, { coupon_id: 4, name: '-10% Discount', code: '2222', type: 'P', discount: '10.0000', logged: 0, shipping: 0, total: '0.0000', date_start: '2014-01-01', date_end: '2020-01-01', uses_total: 10, uses_customer: '10', status: 0 }, '2009-01-27 13:55:03');
  addCoupon(db, { coupon_id: 5, name: 'Free Shipping', code: '3333', type: 'P', discount: '0.0000', logged: 0, shipping: 1, total: '100.0000', date_start: '2014-01-01', date_end: '2014-02-01', uses_total: 10, uses_customer: '10', status: 0 }, '2009-03-14 21:13:53');
  addCoupon(db, { coupon_id: 6, name: '-10.00 Discount', code: '1111', type: 'F', discount: '10.0000', logged: 0, shipping: 0, total: '10.0000', date_start: '2014-01-01', date_end: '2020-01-01', uses_total: 100000, uses_customer: '10000', status: 0 }, '2009-03-14 21:15:18');
}

// -------------------------------------------------------------------------------------------------------------------
// The conformance data: what `invotide-conformance provision` adds to a real store, by the very same INSERT statements,
// so the reference store and a provisioned store hold the same data (src/provision/dataset.ts).

function seedProvisioned(db: Db, keys: ApiKeys, suiteIps: string[], only?: (table: string) => boolean): void {
  for (const insert of provisionInserts(keys, suiteIps)) if (!only || only(insert.table)) db.run(insertStatement(insert, 'in_'));
}

/** The API users of the conformance data alone, for a store seeded with nothing else: runs log in as invotide-suite. */
const API_USER_TABLES = (table: string): boolean => table === 'api' || table === 'api_ip';

/**
 * What the recording changed in the database before its exchange 154: coupons 2222/3333/1111 enabled and valid
 * until 2099, customer 1 "Rita Rewards" with 1000 reward points, gift voucher GIFT100.
 */
export function applyRecordingFixtures(db: Db, at = '2026-11-28 20:04:12'): void {
  db.transaction(() => {
    db.run("UPDATE in_coupon SET status = 1, date_start = '2014-01-01', date_end = '2099-12-31' WHERE code IN ('2222', '3333', '1111')");
    if (!db.get('SELECT 1 FROM in_customer WHERE customer_id = 1')) {
      insert(db, 'in_customer', {
        customer_id: 1, customer_group_id: 1, store_id: 0, firstname: 'Rita', lastname: 'Rewards', email: 'rita@example.com',
        telephone: '0123456789', status: 1, date_added: at,
      });
      insert(db, 'in_customer_reward', { customer_id: 1, order_id: 0, description: 'Fixture', points: 1000, date_added: at });
    }
    if (!db.get("SELECT 1 FROM in_voucher WHERE code = 'GIFT100'")) {
      insert(db, 'in_voucher', {
        order_id: 0, code: 'GIFT100', from_name: 'Shop', from_email: 'shop@example.com', to_name: 'Rita', to_email: 'rita@example.com',
        voucher_theme_id: 8, message: '', amount: '100.0000', status: 1, date_added: at,
      });
    }
  });
}

export function seedDatabase(db: Db, o: SeedOptions): void {
  db.transaction(() => {
    seedEssentials(db, o);
    if (o.seed === 'none') return seedProvisioned(db, o.provisionedKeys, o.allowedIps, API_USER_TABLES);
    seedCatalogue(db, o.installedAt);
    seedDemoCoupons(db);
    seedProvisioned(db, o.provisionedKeys, o.allowedIps);
  });
  if (o.seed === 'conformance') applyRecordingFixtures(db, o.installedAt);
}
