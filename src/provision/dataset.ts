// The data the conformance suite brings to a store: products, options, a category, coupons, gift vouchers, customers,
// a tax class and three API users (the one runs log in as among them), as OpenCart 3.0.x rows. One definition serves
// three readers: the SQL that `invotide-conformance provision` prints for a real store (src/provision/sql.ts), the
// reference store's seed (store/db/seed.ts runs the same INSERT statements), and the fixtures the scenarios name by
// role (provisionedFixtures).
//
// Every row either has an id of its own in the reserved block or hangs off a row that has one, so provisioning never
// touches a row it did not add, and teardown removes exactly what it added. Codes start with IVT-, e-mail addresses
// end with @invotide.example, names start with "Invotide ", the session ids the suite's client sends with invotide-:
// findable in the admin and in the database, and removable.
//
// Prices are in the store's default currency. The taxed products use the tax class added here, whose two rates apply
// on the store's own address ("store"-based rules in a geo zone of the store's country), so a product's price with tax
// is the same whatever the store's own taxes and whatever address a session sets: 20 % plus 2.00.

import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/** First id of the reserved block: every id the suite adds is ID_BLOCK + n with n < 1000. */
export const ID_BLOCK = 9_990_000;
const id = (n: number): number => ID_BLOCK + n;
/** An id of the block that provisioning never uses and checks is free: "a product (customer, group…) the store does not have". */
export const ABSENT_ID = id(999);
export const CODE_PREFIX = 'IVT-';
export const EMAIL_DOMAIN = 'invotide.example';
/** date_added of every row: a fixed instant, so two provisionings write the same bytes. */
const ADDED = '2026-01-01 00:00:00';
const AVAILABLE = '2020-01-01';

/** A value read from the store's settings (store 0) when the SQL runs, e.g. its default customer group. */
export interface StoreSetting {
  setting: string;
}
export type SqlValue = string | number | StoreSetting;
export const setting = (key: string): StoreSetting => ({ setting: key });
const DEFAULT_GROUP = setting('config_customer_group_id');
const STORE_COUNTRY = setting('config_country_id');

/** One row to insert. `perLanguage`: one copy for each of the store's languages (language_id filled in). */
export interface Insert {
  table: string;
  row: Record<string, SqlValue>;
  perLanguage?: boolean;
  /**
   * The column and id that make the row the suite's: its own reserved id (`reserved`), or the id of the row it belongs
   * to (a description, a link, a history line).
   */
  owner: { column: string; id: number; reserved?: true };
}

/** The tax the provisioned products carry: one percentage and one fixed rate, on every address. */
export const TAX = {
  classId: id(1),
  percentage: { id: id(1), name: 'Invotide VAT (20%)', rate: 20 },
  fixed: { id: id(2), name: 'Invotide Eco Tax (2.00)', rate: 2 },
};
const withTax = (price: number): number => Math.round((price * (1 + TAX.percentage.rate / 100) + TAX.fixed.rate) * 100) / 100;

// ---------------------------------------------------------------------------------------------------------------
// Options: one of each type, with the values the products choose from

type OptionType = 'select' | 'radio' | 'checkbox' | 'text' | 'textarea' | 'file' | 'date' | 'time' | 'datetime';
interface OptionDef { id: number; type: OptionType; name: string; values?: Record<string, number> }

const OPTIONS: OptionDef[] = [
  { id: id(1), type: 'radio', name: 'Invotide Radio', values: { Small: id(1), Medium: id(2), Large: id(3) } },
  { id: id(2), type: 'checkbox', name: 'Invotide Checkbox', values: { 'Checkbox 1': id(4), 'Checkbox 2': id(5), 'Checkbox 3': id(6), 'Checkbox 4': id(7) } },
  { id: id(3), type: 'text', name: 'Invotide Text' },
  { id: id(4), type: 'select', name: 'Invotide Select', values: { Red: id(8), Blue: id(9), Green: id(10), Yellow: id(11) } },
  { id: id(5), type: 'textarea', name: 'Invotide Textarea' },
  { id: id(6), type: 'file', name: 'Invotide File' },
  { id: id(7), type: 'date', name: 'Invotide Date' },
  { id: id(8), type: 'time', name: 'Invotide Time' },
  // Stored HTML-escaped, as the admin stores what it is given: the API shows names as stored.
  { id: id(9), type: 'datetime', name: 'Invotide Date &amp; Time' },
];
const option = (type: OptionType): OptionDef => OPTIONS.find((o) => o.type === type)!;

// ---------------------------------------------------------------------------------------------------------------
// Products

interface OptionValueDef {
  /** The option value's name (a key of the option's values). */
  value: string;
  id: number;
  quantity: number;
  subtract: 0 | 1;
  price: number;
  pricePrefix?: '+' | '-';
  points?: number;
  pointsPrefix?: '+' | '-';
}
interface ProductOptionDef {
  id: number;
  type: OptionType;
  required: 0 | 1;
  /** The default value of a text-like option, and the value the fixtures send for it. */
  value?: string;
  values?: OptionValueDef[];
  /** The values the fixtures name, in the order scenarios choose them (default: every value). */
  named?: string[];
}
interface ProductDef {
  role: string;
  id: number;
  name: string;
  model: string;
  price: number;
  quantity: number;
  taxed: boolean;
  points?: number;
  /** Reward points of the store's default customer group. */
  reward?: number;
  minimum?: number;
  shipping?: 0 | 1;
  categories?: number[];
  specials?: Array<{ id: number; priority: number; price: number }>;
  discounts?: Array<{ id: number; quantity: number; priority: number; price: number }>;
  options?: ProductOptionDef[];
  /** More facts the scenarios use, beyond what the rows say. */
  extra?: Record<string, unknown>;
}

const LAPTOPS = { id: id(1), name: 'Invotide Laptops' };

const PRODUCTS: ProductDef[] = [
  { role: 'simple', id: id(1), name: 'Invotide Simple', model: 'IVT-SIMPLE', price: 101, quantity: 970, taxed: true, reward: 0 },
  { role: 'with points', id: id(2), name: 'Invotide With Points', model: 'IVT-POINTS', price: 100, quantity: 939, taxed: true, points: 200, reward: 400 },
  {
    role: 'with a required select', id: id(3), name: 'Invotide Required Select', model: 'IVT-SELECT', price: 100, quantity: 7, taxed: true, reward: 200,
    // Specials outrank quantity discounts; of two specials the lower priority number wins.
    specials: [{ id: id(1), priority: 2, price: 90 }, { id: id(2), priority: 1, price: 80 }],
    options: [{
      id: id(1), type: 'select', required: 1,
      values: [{ value: 'Red', id: id(1), quantity: 2, subtract: 1, price: 0 }, { value: 'Blue', id: id(2), quantity: 5, subtract: 1, price: 0 }],
    }],
    extra: { 'low stock value': { name: 'Red', stock: 2 } },
  },
  {
    role: 'with every option type', id: id(4), name: 'Invotide Every Option 30&quot;', model: 'IVT-OPTIONS', price: 100, quantity: 990, taxed: true,
    points: 400, reward: 100, minimum: 2,
    specials: [{ id: id(3), priority: 1, price: 90 }],
    discounts: [{ id: id(1), quantity: 10, priority: 1, price: 88 }, { id: id(2), quantity: 20, priority: 1, price: 77 }, { id: id(3), quantity: 30, priority: 1, price: 66 }],
    options: [
      { id: id(2), type: 'text', required: 1, value: 'test' },
      { id: id(3), type: 'textarea', required: 1, value: 'some text' },
      {
        id: id(4), type: 'select', required: 1, named: ['Red', 'Blue'],
        values: [
          { value: 'Green', id: id(3), quantity: 100, subtract: 0, price: 1 },
          { value: 'Yellow', id: id(4), quantity: 200, subtract: 1, price: 2 },
          { value: 'Blue', id: id(5), quantity: 300, subtract: 0, price: 3 },
          { value: 'Red', id: id(6), quantity: 92, subtract: 1, price: 4 },
        ],
      },
      {
        id: id(5), type: 'radio', required: 1, named: ['Small', 'Medium'],
        values: [
          { value: 'Small', id: id(7), quantity: 96, subtract: 1, price: 10, points: 1 },
          { value: 'Medium', id: id(8), quantity: 146, subtract: 1, price: 20, points: 2, pointsPrefix: '-' },
          { value: 'Large', id: id(9), quantity: 300, subtract: 1, price: 30, points: 3 },
        ],
      },
      { id: id(6), type: 'date', required: 1, value: '2011-02-20' },
      { id: id(7), type: 'datetime', required: 1, value: '2011-02-20 22:25' },
      { id: id(8), type: 'time', required: 1, value: '22:25' },
      // No upload has this code: the store refuses it, which is what the file scenarios check.
      { id: id(9), type: 'file', required: 1, value: 'nonexistent-upload-code' },
      {
        id: id(10), type: 'checkbox', required: 1, named: ['Checkbox 1', 'Checkbox 2'],
        values: [
          { value: 'Checkbox 1', id: id(10), quantity: 48, subtract: 1, price: 10 },
          { value: 'Checkbox 2', id: id(11), quantity: 194, subtract: 1, price: 20 },
          { value: 'Checkbox 3', id: id(12), quantity: 2696, subtract: 1, price: 30 },
          { value: 'Checkbox 4', id: id(13), quantity: 3998, subtract: 1, price: 40 },
        ],
      },
    ],
    // The special (90) plus the first named value of each choice option: Red +4, Small +10, Checkbox 1 +10.
    extra: { unit_price_with_every_option: withTax(90 + 4 + 10 + 10) },
  },
  { role: 'not shippable', id: id(5), name: 'Invotide Not Shippable', model: 'IVT-NOSHIP', price: 500, quantity: 929, taxed: true, reward: 600, shipping: 0, categories: [LAPTOPS.id] },
  {
    // Untaxed, with a quantity discount (and no special to hide it), a stock of 5, points to buy it, no reward points,
    // and a select whose values add to the price and points (Red) or take from them (Blue).
    role: 'priced by quantity', id: id(6), name: 'Invotide Priced By Quantity', model: 'IVT-QTY', price: 10, quantity: 5, taxed: false, points: 50,
    discounts: [{ id: id(4), quantity: 4, priority: 1, price: 8 }],
    options: [{
      id: id(11), type: 'select', required: 1,
      values: [
        { value: 'Red', id: id(14), quantity: 1000, subtract: 0, price: 2, points: 5 },
        { value: 'Blue', id: id(15), quantity: 1000, subtract: 0, price: 1, pricePrefix: '-', points: 3, pointsPrefix: '-' },
      ],
    }],
    extra: {
      unit_price_by_value: { Red: 12, Blue: 9 },
      points_by_value: { Red: 55, Blue: 47 },
      quantity_discount: { quantity: 4, unit_price_by_value: { Red: 10, Blue: 7 } },
    },
  },
  { role: 'three in stock', id: id(7), name: 'Invotide Three In Stock', model: 'IVT-STOCK3', price: 10, quantity: 3, taxed: true },
];

// ---------------------------------------------------------------------------------------------------------------
// Coupons. Valid from 2014 to 2099 with 100 uses unless a row says otherwise.

interface CouponDef {
  role: string;
  id: number;
  code: string;
  name: string;
  type?: 'P' | 'F';
  discount?: number;
  logged?: 0 | 1;
  shipping?: 0 | 1;
  total?: number;
  dateStart?: string;
  dateEnd?: string;
  usesTotal?: number;
  usesCustomer?: number;
  status?: 0 | 1;
  /** Uses recorded before any order: the customer of each (0: a guest). */
  used?: Array<{ id: number; customer: number }>;
  products?: Array<{ id: number; product: number }>;
  categories?: number[];
  /** What the fixtures say of it beyond its code (only the coupons that apply say how). */
  fixture?: Record<string, unknown>;
}

const CUSTOMER = { points: id(1), disabled: id(2), credit: id(3), affiliate: id(4), threeOrders: id(5), storeCredit: id(6) };
const MACBOOK = id(5);

const P10 = { type: 'P', discount: 10 } as const;
const COUPONS: CouponDef[] = [
  { role: 'percent', id: id(1), code: 'IVT-VALID10', name: 'Invotide -10%', fixture: { ...P10 } },
  { role: 'fixed', id: id(2), code: 'IVT-FIXED10', name: 'Invotide -10.00', type: 'F', total: 10, fixture: { type: 'F', discount: 10, minimum_total: 10 } },
  { role: 'disabled', id: id(3), code: 'IVT-DISABLED', name: 'Invotide disabled', status: 0 },
  { role: 'expired', id: id(4), code: 'IVT-EXPIRED', name: 'Invotide expired', dateEnd: '2020-01-01' },
  { role: 'not yet valid', id: id(5), code: 'IVT-FUTURE', name: 'Invotide not yet valid', dateStart: '2098-01-01' },
  { role: 'used up', id: id(6), code: 'IVT-USEDUP', name: 'Invotide used up', usesTotal: 1, used: [{ id: id(1), customer: 0 }] },
  { role: 'used up by the customer', id: id(7), code: 'IVT-PERCUSTOMER', name: 'Invotide once per customer', usesCustomer: 1, used: [{ id: id(2), customer: CUSTOMER.points }] },
  { role: 'above the cart total', id: id(8), code: 'IVT-MINTOTAL', name: 'Invotide minimum total', total: 10000, fixture: { minimum_total: 10000 } },
  { role: 'for one product', id: id(9), code: 'IVT-PRODUCTONLY', name: 'Invotide one product', products: [{ id: id(1), product: MACBOOK }], fixture: { ...P10, product: 'not shippable' } },
  { role: 'for one category', id: id(10), code: 'IVT-CATEGORYONLY', name: 'Invotide one category', categories: [LAPTOPS.id], fixture: { ...P10, product: 'not shippable' } },
  { role: 'for logged-in customers', id: id(11), code: 'IVT-LOGGEDONLY', name: 'Invotide logged-in customers', logged: 1 },
  { role: 'used once by a guest', id: id(12), code: 'IVT-GUESTUSED', name: 'Invotide once per customer, used by a guest', usesCustomer: 1, used: [{ id: id(3), customer: 0 }], fixture: { ...P10 } },
  { role: 'without use limits', id: id(13), code: 'IVT-NOLIMIT', name: 'Invotide no use limits', usesTotal: 0, usesCustomer: 0, fixture: { ...P10 } },
  { role: 'with the simple product price as minimum', id: id(14), code: 'IVT-MIN101', name: 'Invotide minimum 101.00', total: 101, fixture: { ...P10, minimum_total: 101 } },
  { role: 'free shipping', id: id(15), code: 'IVT-FREESHIP', name: 'Invotide free shipping', discount: 0, shipping: 1, fixture: { type: 'P', discount: 0, shipping: true } },
  { role: 'worth more than the cart', id: id(16), code: 'IVT-FIXED500', name: 'Invotide -500.00', type: 'F', discount: 500, fixture: { type: 'F', discount: 500 } },
  { role: 'fixed for one product', id: id(17), code: 'IVT-FIXEDMAC', name: 'Invotide one product -10.00', type: 'F', products: [{ id: id(2), product: MACBOOK }], fixture: { type: 'F', discount: 10, product: 'not shippable' } },
  // Order status scenarios only (features/order-status.feature): an order in a processing status uses them up.
  { role: 'once, for order statuses', id: id(18), code: 'IVT-ORDERONCE', name: 'Invotide one use, order statuses', usesTotal: 1, fixture: { ...P10 } },
  { role: 'once, for three orders', id: id(19), code: 'IVT-ORDERCOUNT', name: 'Invotide one use, three orders', usesTotal: 1, fixture: { ...P10 } },
  { role: 'once per customer, for order statuses', id: id(20), code: 'IVT-ORDERPERCUST', name: 'Invotide once per customer, order statuses', usesCustomer: 1, fixture: { ...P10 } },
  { role: 'once per customer, without a total limit', id: id(21), code: 'IVT-ORDERNOTOTAL', name: 'Invotide once per customer, no total limit', usesTotal: 0, usesCustomer: 1, fixture: { ...P10 } },
  { role: 'once, without a customer limit', id: id(22), code: 'IVT-ORDERNOCUST', name: 'Invotide once, no customer limit', usesTotal: 1, usesCustomer: 0, fixture: { ...P10 } },
];
/** The coupon roles that name codes the store must refuse although they exist: their fixtures are their codes only. */
const REFUSED_COUPON_ROLES = ['disabled', 'expired', 'not yet valid', 'used up', 'used up by the customer', 'for logged-in customers'];

// ---------------------------------------------------------------------------------------------------------------
// Gift vouchers (codes of at most 10 characters: OpenCart's column)

/** A gift voucher needs a theme with a name in the store's language, or the store does not find it. */
const VOUCHER_THEME = { id: id(1), name: 'Invotide' };

interface VoucherDef { role: string; id: number; code: string; amount: number; orderId?: number; spent?: Array<{ id: number; amount: number }>; balance?: number }
const VOUCHERS: VoucherDef[] = [
  { role: 'valid', id: id(1), code: 'IVT-G100', amount: 100, balance: 100 },
  // Spent by the order scenarios, so that "valid" keeps its whole balance while orders run in parallel.
  { role: 'for orders', id: id(2), code: 'IVT-GORD', amount: 200, balance: 200 },
  { role: 'partly spent', id: id(3), code: 'IVT-GPART', amount: 100, spent: [{ id: id(1), amount: 30 }], balance: 70 },
  { role: 'spent', id: id(4), code: 'IVT-GSPENT', amount: 50, spent: [{ id: id(2), amount: 50 }] },
  { role: 'of an unknown order', id: id(5), code: 'IVT-GNOORD', amount: 100, orderId: ABSENT_ID },
  { role: 'for order statuses', id: id(6), code: 'IVT-GSTAT', amount: 10, balance: 10 },
  { role: 'for two orders', id: id(7), code: 'IVT-GTWICE', amount: 10, balance: 10 },
];

// ---------------------------------------------------------------------------------------------------------------
// Customers (all in the store's default customer group)

interface CustomerDef {
  role: string;
  id: number;
  firstname: string;
  lastname: string;
  status?: 0 | 1;
  rewards?: Array<{ id: number; points: number }>;
  transactions?: Array<{ id: number; amount: number }>;
  affiliateCommission?: number;
  fixture?: Record<string, unknown>;
}
const CUSTOMERS: CustomerDef[] = [
  { role: 'registered with points', id: CUSTOMER.points, firstname: 'Rita', lastname: 'Rewards', rewards: [{ id: id(1), points: 1000 }], fixture: { reward_points: 1000 } },
  // Exists but disabled: api/customer answers "You must select a customer!" for it.
  { role: 'disabled', id: CUSTOMER.disabled, firstname: 'Dora', lastname: 'Disabled', status: 0, fixture: { disabled: true } },
  { role: 'registered with store credit', id: CUSTOMER.credit, firstname: 'Cora', lastname: 'Credit', transactions: [{ id: id(1), amount: 15 }, { id: id(2), amount: -5 }], fixture: { store_credit: 10 } },
  {
    role: 'with credit and an affiliate account', id: CUSTOMER.affiliate, firstname: 'Olga', lastname: 'Orders',
    rewards: [{ id: id(2), points: 1000 }], transactions: [{ id: id(3), amount: 5 }], affiliateCommission: 5,
    fixture: { reward_points: 1000, store_credit: 5, affiliate_commission: 5 },
  },
  { role: 'with reward points for three orders', id: CUSTOMER.threeOrders, firstname: 'Rolf', lastname: 'Twice', rewards: [{ id: id(3), points: 1000 }], fixture: { reward_points: 1000 } },
  { role: 'with store credit', id: CUSTOMER.storeCredit, firstname: 'Carla', lastname: 'Credit', transactions: [{ id: id(4), amount: 50 }], fixture: { store_credit: 50 } },
];
const emailOf = (firstname: string): string => `${firstname.toLowerCase()}@${EMAIL_DOMAIN}`;

// ---------------------------------------------------------------------------------------------------------------
// API users: the suite's own, which runs log in as (so they never touch the store's `Default`, the user real
// integrations use), allowed from the addresses the operator names; one disabled; one whose allow-list holds only an
// address no client has (TEST-NET-1, RFC 5737).

export const API_USERS = {
  disabled: { id: id(1), username: 'invotide-disabled', status: 0 },
  restricted: { id: id(2), username: 'invotide-restricted', status: 1 },
  suite: { id: id(3), username: 'invotide-suite', status: 1 },
};
export type ApiUserRole = keyof typeof API_USERS;
export type ApiKeys = Record<ApiUserRole, string>;
/** The only address invotide-restricted is allowed from. */
export const RESTRICTED_IP = '192.0.2.1';
/** How many addresses the suite user's allow-list may hold: its api_ip rows take ids SUITE_IP_IDS_FROM onwards. */
export const MAX_SUITE_IPS = 100;
const SUITE_IP_IDS_FROM = id(100);

/**
 * What is wrong with an allow-list for the suite user, or undefined when nothing: OpenCart 3.0 compares the client's
 * address with each entry as text (no ranges, no host names), in a column of 40 characters.
 */
export function allowListProblem(ips: readonly string[]): string | undefined {
  if (ips.length === 0) return 'it is empty';
  if (ips.length > MAX_SUITE_IPS) return `it has ${ips.length} addresses, more than ${MAX_SUITE_IPS}`;
  const bad = ips.find((ip) => isIP(ip) === 0);
  if (bad !== undefined) {
    return `"${bad}" is not an IP address${/\//.test(bad) ? ' (OpenCart 3.0 compares each address exactly: list the addresses, not a range)' : ''}`;
  }
  const twice = ips.find((ip, i) => ips.indexOf(ip) !== i);
  if (twice !== undefined) return `${twice} is given twice`;
  return undefined;
}

/** Each API user's allow-list, with the id of each api_ip row. */
function allowLists(suiteIps: readonly string[]): Record<ApiUserRole, Array<{ id: number; ip: string }>> {
  return {
    disabled: [],
    restricted: [{ id: API_USERS.restricted.id, ip: RESTRICTED_IP }],
    suite: suiteIps.map((ip, i) => ({ id: SUITE_IP_IDS_FROM + i, ip })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The sessions runs open. OpenCart 3.0 writes a row to `session` for every request it starts a session for: the
// API session a login opens (its id is the api_token, recorded in `api_session`, its data starts with the user's
// api_id) and, for every request without an api_token (api/login included), the storefront session the OCSESSID
// cookie names, or a new one with a random id of 26 hex digits. Nothing in that row says whose it is, so the suite's
// client always sends an OCSESSID of its own reserved shape, which no id OpenCart makes can have: teardown removes
// exactly the suite's rows.

/** The start of every session id the suite's client chooses (OpenCart's own ids are hex digits only). */
export const SESSION_ID_PREFIX = 'invotide-';
/** OpenCart 3.0 keeps session ids in a varchar(32), and accepts 22 to 52 letters, digits, ',' or '-'. */
const SESSION_ID_LENGTH = 32;

/** A new session id of the suite's reserved shape: the prefix and random hex digits, 32 characters in all. */
export function suiteSessionId(): string {
  return SESSION_ID_PREFIX + randomBytes(SESSION_ID_LENGTH).toString('hex').slice(0, SESSION_ID_LENGTH - SESSION_ID_PREFIX.length);
}

// ---------------------------------------------------------------------------------------------------------------
// The rows

const decimal = (n: number, places = 4): string => n.toFixed(places);

/**
 * Every row provisioning adds. `suiteIps`: the addresses the suite's API user may log in from (empty only for
 * teardown, which removes its allow-list whatever it holds).
 */
export function provisionInserts(keys: ApiKeys, suiteIps: readonly string[] = []): Insert[] {
  if (suiteIps.length) {
    const problem = allowListProblem(suiteIps);
    if (problem) throw new Error(`the suite user's allow-list: ${problem}`);
  }
  const out: Insert[] = [];
  const add = (table: string, owner: Insert['owner'], row: Insert['row'], perLanguage = false): void => {
    out.push({ table, row, owner, ...(perLanguage ? { perLanguage } : {}) });
  };
  const own = (table: string, column: string, rowId: number, row: Insert['row']): void => add(table, { column, id: rowId, reserved: true }, { [column]: rowId, ...row });

  // Tax: a class whose rates apply on the store's own address (store-based rules in a geo zone of the store's country).
  const geoZone = id(1);
  own('geo_zone', 'geo_zone_id', geoZone, { name: 'Invotide store country', description: 'The store country, for the Invotide tax class' });
  own('zone_to_geo_zone', 'zone_to_geo_zone_id', id(1), { country_id: STORE_COUNTRY, zone_id: 0, geo_zone_id: geoZone });
  own('tax_class', 'tax_class_id', TAX.classId, { title: 'Invotide Taxable Goods', description: 'Taxed goods of the conformance suite' });
  for (const [rate, type, priority, rule] of [[TAX.percentage, 'P', 1, id(1)], [TAX.fixed, 'F', 2, id(2)]] as const) {
    own('tax_rate', 'tax_rate_id', rate.id, { geo_zone_id: geoZone, name: rate.name, rate: decimal(rate.rate), type });
    add('tax_rate_to_customer_group', { column: 'tax_rate_id', id: rate.id }, { tax_rate_id: rate.id, customer_group_id: DEFAULT_GROUP });
    own('tax_rule', 'tax_rule_id', rule, { tax_class_id: TAX.classId, tax_rate_id: rate.id, based: 'store', priority });
  }

  own('category', 'category_id', LAPTOPS.id, { parent_id: 0, status: 1 });
  add('category_description', { column: 'category_id', id: LAPTOPS.id }, { category_id: LAPTOPS.id, name: LAPTOPS.name }, true);
  add('category_path', { column: 'category_id', id: LAPTOPS.id }, { category_id: LAPTOPS.id, path_id: LAPTOPS.id, level: 0 });

  OPTIONS.forEach((o, i) => {
    own('option', 'option_id', o.id, { type: o.type, sort_order: i + 1 });
    add('option_description', { column: 'option_id', id: o.id }, { option_id: o.id, name: o.name }, true);
    Object.entries(o.values ?? {}).forEach(([name, valueId], j) => {
      own('option_value', 'option_value_id', valueId, { option_id: o.id, sort_order: j + 1 });
      add('option_value_description', { column: 'option_value_id', id: valueId }, { option_value_id: valueId, option_id: o.id, name }, true);
    });
  });

  for (const p of PRODUCTS) {
    own('product', 'product_id', p.id, {
      model: p.model, quantity: p.quantity, stock_status_id: 7, shipping: p.shipping ?? 1, price: decimal(p.price), points: p.points ?? 0,
      tax_class_id: p.taxed ? TAX.classId : 0, date_available: AVAILABLE, subtract: 1, minimum: p.minimum ?? 1, sort_order: 0, status: 1,
      date_added: ADDED, date_modified: ADDED,
    });
    const of = { column: 'product_id', id: p.id };
    add('product_description', of, { product_id: p.id, name: p.name, description: '' }, true);
    add('product_to_store', of, { product_id: p.id, store_id: 0 });
    for (const category of p.categories ?? []) add('product_to_category', of, { product_id: p.id, category_id: category });
    if (p.reward) own('product_reward', 'product_reward_id', p.id, { product_id: p.id, customer_group_id: DEFAULT_GROUP, points: p.reward });
    for (const s of p.specials ?? []) {
      own('product_special', 'product_special_id', s.id, { product_id: p.id, customer_group_id: DEFAULT_GROUP, priority: s.priority, price: decimal(s.price), date_start: '0000-00-00', date_end: '0000-00-00' });
    }
    for (const d of p.discounts ?? []) {
      own('product_discount', 'product_discount_id', d.id, { product_id: p.id, customer_group_id: DEFAULT_GROUP, quantity: d.quantity, priority: d.priority, price: decimal(d.price), date_start: '0000-00-00', date_end: '0000-00-00' });
    }
    for (const po of p.options ?? []) {
      const o = option(po.type);
      own('product_option', 'product_option_id', po.id, { product_id: p.id, option_id: o.id, value: po.value ?? '', required: po.required });
      for (const v of po.values ?? []) {
        own('product_option_value', 'product_option_value_id', v.id, {
          product_option_id: po.id, product_id: p.id, option_id: o.id, option_value_id: o.values![v.value], quantity: v.quantity, subtract: v.subtract,
          price: decimal(v.price), price_prefix: v.pricePrefix ?? '+', points: v.points ?? 0, points_prefix: v.pointsPrefix ?? '+',
          weight: decimal(0, 8), weight_prefix: '+',
        });
      }
    }
  }

  for (const c of COUPONS) {
    own('coupon', 'coupon_id', c.id, {
      name: c.name, code: c.code, type: c.type ?? 'P', discount: decimal(c.discount ?? 10), logged: c.logged ?? 0, shipping: c.shipping ?? 0,
      total: decimal(c.total ?? 0), date_start: c.dateStart ?? '2014-01-01', date_end: c.dateEnd ?? '2099-12-31',
      uses_total: c.usesTotal ?? 100, uses_customer: String(c.usesCustomer ?? 100), status: c.status ?? 1, date_added: ADDED,
    });
    const of = { column: 'coupon_id', id: c.id };
    for (const u of c.used ?? []) own('coupon_history', 'coupon_history_id', u.id, { coupon_id: c.id, order_id: 0, customer_id: u.customer, amount: decimal(-10), date_added: ADDED });
    for (const cp of c.products ?? []) own('coupon_product', 'coupon_product_id', cp.id, { coupon_id: c.id, product_id: cp.product });
    for (const category of c.categories ?? []) add('coupon_category', of, { coupon_id: c.id, category_id: category });
  }

  own('voucher_theme', 'voucher_theme_id', VOUCHER_THEME.id, { image: '' });
  add('voucher_theme_description', { column: 'voucher_theme_id', id: VOUCHER_THEME.id }, { voucher_theme_id: VOUCHER_THEME.id, name: VOUCHER_THEME.name }, true);
  for (const v of VOUCHERS) {
    own('voucher', 'voucher_id', v.id, {
      order_id: v.orderId ?? 0, code: v.code, from_name: 'Invotide', from_email: `shop@${EMAIL_DOMAIN}`, to_name: 'Invotide', to_email: `gifts@${EMAIL_DOMAIN}`,
      voucher_theme_id: VOUCHER_THEME.id, message: '', amount: decimal(v.amount), status: 1, date_added: ADDED,
    });
    for (const s of v.spent ?? []) own('voucher_history', 'voucher_history_id', s.id, { voucher_id: v.id, order_id: 0, amount: decimal(-s.amount), date_added: ADDED });
  }

  for (const c of CUSTOMERS) {
    own('customer', 'customer_id', c.id, {
      customer_group_id: DEFAULT_GROUP, store_id: 0, firstname: c.firstname, lastname: c.lastname, email: emailOf(c.firstname),
      telephone: '0123456789', password: '', custom_field: '', ip: '', status: c.status ?? 1, safe: 0, date_added: ADDED,
    });
    for (const r of c.rewards ?? []) own('customer_reward', 'customer_reward_id', r.id, { customer_id: c.id, order_id: 0, description: 'Invotide', points: r.points, date_added: ADDED });
    for (const t of c.transactions ?? []) own('customer_transaction', 'customer_transaction_id', t.id, { customer_id: c.id, order_id: 0, description: 'Invotide', amount: decimal(t.amount), date_added: ADDED });
    if (c.affiliateCommission !== undefined) own('customer_affiliate', 'customer_id', c.id, { commission: decimal(c.affiliateCommission, 2), status: 1, date_added: ADDED });
  }

  const ips = allowLists(suiteIps);
  for (const [role, user] of Object.entries(API_USERS) as Array<[ApiUserRole, (typeof API_USERS)[ApiUserRole]]>) {
    own('api', 'api_id', user.id, { username: user.username, key: keys[role], status: user.status, date_added: ADDED, date_modified: ADDED });
    for (const entry of ips[role]) own('api_ip', 'api_ip_id', entry.id, { api_id: user.id, ip: entry.ip });
  }
  return out;
}

/** Ids of the block that must stay free, per table: the "unknown" product, customer, customer group and order. */
export const ABSENT_ROWS: Array<{ table: string; column: string }> = [
  { table: 'product', column: 'product_id' },
  { table: 'customer', column: 'customer_id' },
  { table: 'customer_group', column: 'customer_group_id' },
  { table: 'order', column: 'order_id' },
];

/**
 * What runs leave behind that teardown also removes: rows that name the suite's customers, products, coupons or API
 * users (and the suite user's allow-list, whatever addresses it was given). The `session` rows its runs opened come
 * first (src/provision/sql.ts, sessionRemovals): they are found through `api_session`.
 */
export const RUN_TRACES: Array<{ table: string; column: string; of: string }> = [
  { table: 'customer_ip', column: 'customer_id', of: 'customer' },
  { table: 'customer_activity', column: 'customer_id', of: 'customer' },
  { table: 'customer_online', column: 'customer_id', of: 'customer' },
  { table: 'cart', column: 'product_id', of: 'product' },
  { table: 'cart', column: 'customer_id', of: 'customer' },
  { table: 'cart', column: 'api_id', of: 'api' },
  { table: 'api_session', column: 'api_id', of: 'api' },
  { table: 'api_ip', column: 'api_id', of: 'api' },
];

// ---------------------------------------------------------------------------------------------------------------
// The fixtures the scenarios read (the data sections of a fixtures file; the store's own configuration is named apart)

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function productFixture(p: ProductDef): Json {
  const special = p.specials?.length ? [...p.specials].sort((a, b) => a.priority - b.priority)[0].price : undefined;
  const exTax = special ?? p.price;
  const fixture: Record<string, Json> = {
    product_id: p.id, name: p.name, model: p.model, shipping: (p.shipping ?? 1) === 1,
    price_ex_tax: exTax, unit_price: p.taxed ? withTax(exTax) : exTax, reward: p.reward ?? 0, points: p.points ?? 0,
  };
  // Only what a scenario can run into: a minimum above 1, and a stock small enough to buy up.
  if ((p.minimum ?? 1) > 1) fixture.minimum = p.minimum!;
  if (p.quantity < 100) fixture.stock = p.quantity;
  if (p.options) {
    const options: Record<string, Json> = {};
    for (const po of p.options) {
      const o = option(po.type);
      const base: Record<string, Json> = { product_option_id: po.id, name: o.name };
      if (po.values) {
        const named = po.named ?? po.values.map((v) => v.value);
        base.values = Object.fromEntries(named.map((n) => [n, po.values!.find((v) => v.value === n)!.id]));
      } else base.value = po.value ?? '';
      options[po.type] = base;
    }
    fixture.options = options;
  }
  return { ...fixture, ...(p.extra as Record<string, Json> | undefined) };
}

/** The data sections of the fixtures: every role the scenarios name, as provisioned. */
export function provisionedFixtures(): Record<string, Json> {
  const customer = (c: CustomerDef): Json => ({
    customer_id: c.id, firstname: c.firstname, lastname: c.lastname, email: emailOf(c.firstname), telephone: '0123456789', ...(c.fixture as Record<string, Json>),
  });
  const guestLike = { firstname: 'Jane', lastname: 'Doe', email: `jane@${EMAIL_DOMAIN}`, telephone: '0123456789' };
  return {
    products: {
      ...Object.fromEntries(PRODUCTS.map((p) => [p.role, productFixture(p)])),
      unknown: { product_id: ABSENT_ID, exists: false },
    },
    customers: {
      guest: { customer_id: 0, ...guestLike },
      ...Object.fromEntries(CUSTOMERS.map((c) => [c.role, customer(c)])),
      unknown: { customer_id: ABSENT_ID, ...guestLike, exists: false },
      'in a group the store does not offer': { customer_id: 0, ...guestLike, customer_group_id: ABSENT_ID },
    },
    coupons: {
      ...Object.fromEntries(COUPONS.map((c) => [c.role, REFUSED_COUPON_ROLES.includes(c.role) ? { code: c.code } : { code: c.code, ...(c.fixture as Record<string, Json>) }])),
      unknown: { code: `${CODE_PREFIX}NO-SUCH`, exists: false },
      // The refusal scenarios name these two roles too: the product and category coupons, with a cart of other products.
      'for other products': { code: COUPONS.find((c) => c.role === 'for one product')!.code },
      'for other categories': { code: COUPONS.find((c) => c.role === 'for one category')!.code },
    },
    vouchers: {
      ...Object.fromEntries(VOUCHERS.map((v) => [v.role, v.balance === undefined ? { code: v.code } : { code: v.code, amount: v.balance }])),
      unknown: { code: `${CODE_PREFIX}NONE`, exists: false },
      theme_id: VOUCHER_THEME.id,
    },
    api_users: Object.fromEntries(Object.entries(API_USERS).map(([role, u]) => [role, { username: u.username }])),
    taxes: { percentage: { title: TAX.percentage.name, rate: TAX.percentage.rate }, fixed: { title: TAX.fixed.name, rate: TAX.fixed.rate } },
  };
}
