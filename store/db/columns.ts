// How the real store's MySQL columns keep a value, in MySQL's non-strict mode (OpenCart's default): a VARCHAR(n) keeps
// its first n characters, a TEXT its first 65535 bytes, an INT rounds and clamps to its range, a DECIMAL(m, s) rounds
// the text PHP wrote into the SQL and clamps to its digits. SQLite keeps whatever it is given, so every write of one of
// these columns passes its value through here (Db.insert/update do so for a whole row), and the tables' MySQL types are
// defined once, below.
import { digitsOf, phpRound, roundDecimalString, toPhpString, type PhpValue } from '../php';

export type ColumnType =
  | { kind: 'varchar'; length: number }
  | { kind: 'text' }
  | { kind: 'int' }
  | { kind: 'decimal'; digits: number; scale: number };

const varchar = (length: number): ColumnType => ({ kind: 'varchar', length });
const TEXT: ColumnType = { kind: 'text' };
const INT: ColumnType = { kind: 'int' };
const decimal = (digits: number, scale: number): ColumnType => ({ kind: 'decimal', digits, scale });
const MONEY = decimal(15, 4);

const TEXT_BYTES = 65535;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** An order's payment_… and shipping_… address columns. */
function address<P extends string>(prefix: P) {
  const columns = {
    firstname: varchar(32), lastname: varchar(32), company: varchar(60), address_1: varchar(128), address_2: varchar(128), city: varchar(128),
    postcode: varchar(10), country: varchar(128), country_id: INT, zone: varchar(128), zone_id: INT, address_format: TEXT, custom_field: TEXT,
  };
  return Object.fromEntries(Object.entries(columns).map(([name, type]) => [`${prefix}_${name}`, type])) as { [K in keyof typeof columns as `${P}_${K}`]: ColumnType };
}

/**
 * The MySQL type of every column whose stored value can differ from what the store computes or the client sends
 * (OpenCart 3.0.5.0's install SQL). Keys and dates the store makes itself are stored as given and are not listed.
 */
export const TABLES = {
  in_session: { data: TEXT },
  in_cart: { product_id: INT, quantity: INT },
  in_order: {
    invoice_prefix: varchar(26), store_id: INT, store_name: varchar(64), store_url: varchar(255), customer_id: INT, customer_group_id: INT,
    firstname: varchar(32), lastname: varchar(32), email: varchar(96), telephone: varchar(32), custom_field: TEXT,
    ...address('payment'), payment_method: varchar(128), payment_code: varchar(128),
    ...address('shipping'), shipping_method: varchar(128), shipping_code: varchar(128),
    comment: TEXT, total: MONEY, order_status_id: INT, affiliate_id: INT, commission: MONEY, marketing_id: INT, tracking: varchar(64),
    language_id: INT, currency_id: INT, currency_code: varchar(3), currency_value: decimal(15, 8),
    ip: varchar(40), forwarded_ip: varchar(40), user_agent: varchar(255), accept_language: varchar(255),
  },
  in_order_product: { name: varchar(255), model: varchar(64), quantity: INT, price: MONEY, total: MONEY, tax: MONEY, reward: INT },
  in_order_option: { product_option_id: INT, product_option_value_id: INT, name: varchar(255), value: TEXT, type: varchar(32) },
  in_order_voucher: {
    description: varchar(255), code: varchar(10), from_name: varchar(64), from_email: varchar(96), to_name: varchar(64), to_email: varchar(96),
    voucher_theme_id: INT, message: TEXT, amount: MONEY,
  },
  in_order_total: { code: varchar(32), title: varchar(255), value: MONEY, sort_order: INT },
  in_order_history: { order_status_id: INT, notify: INT, comment: TEXT },
  in_voucher: {
    code: varchar(10), from_name: varchar(64), from_email: varchar(96), to_name: varchar(64), to_email: varchar(96), voucher_theme_id: INT,
    message: TEXT, amount: MONEY,
  },
  in_voucher_history: { amount: MONEY },
  in_coupon_history: { amount: MONEY },
  in_customer_reward: { description: TEXT, points: INT },
  in_customer_transaction: { description: TEXT, amount: MONEY },
} satisfies Record<string, Record<string, ColumnType>>;

export type Table = keyof typeof TABLES;
export type ColumnOf<T extends Table> = keyof (typeof TABLES)[T] & string;
/** What a column is given: text for the text columns, a number for the numeric ones. */
export type ColumnValue = PhpValue | undefined;
export type Stored = string | number;

/** VARCHAR(n): the first n characters. */
const keepVarchar = (value: ColumnValue, length: number): string => [...toPhpString(value)].slice(0, length).join('');

/** TEXT: the first 65535 bytes, cut at a character boundary. */
function keepText(value: ColumnValue): string {
  const text = toPhpString(value);
  if (Buffer.byteLength(text) <= TEXT_BYTES) return text;
  let kept = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > TEXT_BYTES) break;
    kept += ch;
  }
  return kept;
}

/** INT: a fraction rounds half away from zero, and a value out of range is clamped to it. */
const keepInt = (n: number): number => Math.max(INT_MIN, Math.min(INT_MAX, Math.trunc(phpRound(n)) || 0));

/** DECIMAL(digits, scale): PHP writes the float with 14 significant digits, MySQL rounds that text half away from zero. */
function keepDecimal(value: number, digits: number, scale: number): string {
  if (!Number.isFinite(value) || value === 0) return (0).toFixed(scale);
  const written = digitsOf(value, 14);
  const text = roundDecimalString(written.digits, written.point, scale, value < 0);
  const max = `${'9'.repeat(digits - scale)}.${'9'.repeat(scale)}`;
  if (Math.abs(Number(text)) > Number(max)) return (value < 0 ? '-' : '') + max;
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  return (text.startsWith('-') ? '-' : '') + whole + (scale ? `.${fraction.padEnd(scale, '0')}` : '');
}

/** What a column of this type keeps of a value. */
export function keepAs(type: ColumnType, value: ColumnValue): Stored {
  switch (type.kind) {
    case 'varchar':
      return keepVarchar(value, type.length);
    case 'text':
      return keepText(value);
    case 'int':
      return keepInt(value as number);
    case 'decimal':
      return keepDecimal(value as number, type.digits, type.scale);
  }
}

/** What `table`.`column` keeps of a value. */
export function keep<T extends Table>(table: T, column: ColumnOf<T>, value: ColumnValue): Stored {
  return keepAs((TABLES[table] as Record<string, ColumnType>)[column], value);
}

/** Values of a row to write: the listed columns' values, and any other column's (keys, dates) as it is to be stored. */
export type RowOf<T extends Table> = Partial<Record<ColumnOf<T>, ColumnValue>> & Record<string, unknown>;

/** A row as `table` keeps it: listed columns through their type, the others as given. */
export function keepRow<T extends Table>(table: T, row: RowOf<T>): Record<string, unknown> {
  const types = TABLES[table] as Record<string, ColumnType>;
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, column in types ? keepAs(types[column], value as ColumnValue) : value]));
}

/**
 * SQL that adds a bound delta to an INT column and clamps the sum, as MySQL does (`quantity = quantity + ?`). Bind the
 * delta through intDelta(), so that SQLite stays in integer arithmetic.
 */
export const intSumSql = (column: string): string => `MAX(${INT_MIN}, MIN(${INT_MAX}, ${column} + ?))`;

/** A delta for intSumSql(): any larger one would clamp the same, and it stays far from SQLite's integer overflow. */
export const intDelta = (n: number): number => Math.max(-4294967296, Math.min(4294967296, n));
