// The target data a scenario names by role ("the "simple" product", "the "percent" coupon"), as typed records. A step
// gets one from a cucumber parameter type (steps/support/parameter-types.ts); its fields are read from the fixtures
// only when the step reads them, so a datum the target lacks skips the scenario from inside the step (MissingDatumError)
// and a role the scenario never reads costs nothing.
import { MissingDatumError, type FixtureValue } from '../fixtures';

/** What a role needs of the scenario: its fixtures (ConformanceWorld satisfies it). */
export interface FixtureReader {
  fixture(path: string): FixtureValue | undefined;
}

export type FixtureRecord = { [key: string]: FixtureValue };

/** A fixture scalar as text, for data that are not a role's (`shipping_methods.flat.title`); a lacking one skips the scenario. */
export function fixtureText(fixtures: FixtureReader, path: string): string {
  const v = fixtures.fixture(path);
  if (v === undefined || (v !== null && typeof v === 'object')) throw MissingDatumError.inFixtures(path);
  return String(v ?? '');
}

/** Roles in parentheses are not fixtures: they send an empty code or no field at all. */
export const NO_FIELD = '(no field)';
export const EMPTY_CODE = '(empty code)';

/** One named record of a fixtures section (`products.simple`). */
export class Role {
  constructor(
    readonly fixtures: FixtureReader,
    readonly section: string,
    readonly name: string,
  ) {}

  /** The fixtures path of one of its data, e.g. "products.simple.points". */
  path(key?: string): string {
    return key === undefined ? `${this.section}.${this.name}` : `${this.section}.${this.name}.${key}`;
  }

  /** The datum, undefined when the fixtures do not name it (a lacking datum still skips the scenario). */
  optional(key: string): FixtureValue | undefined {
    return this.fixtures.fixture(this.path(key));
  }

  has(key: string): boolean {
    return this.optional(key) !== undefined;
  }

  /** A scalar datum as text, undefined when the fixtures do not name it. */
  optionalText(key: string): string | undefined {
    const v = this.optional(key);
    return v === undefined || v === null || typeof v === 'object' ? undefined : String(v);
  }

  /** A scalar datum as text. */
  text(key: string): string {
    const v = this.optional(key);
    if (v === undefined || v === null || typeof v === 'object') throw MissingDatumError.inFixtures(this.path(key));
    return String(v);
  }

  /** A numeric datum (a number, or a string that is one). */
  number(key: string): number {
    const v = this.optional(key);
    if (!(typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))))) throw MissingDatumError.inFixtures(this.path(key));
    return Number(v);
  }

  /** A nested record (the whole role when no key is given). */
  record(key?: string): FixtureRecord {
    const v = this.fixtures.fixture(this.path(key));
    if (v === undefined || v === null || typeof v !== 'object' || Array.isArray(v)) throw MissingDatumError.inFixtures(this.path(key));
    return v;
  }

  toString(): string {
    return `"${this.name}"`;
  }
}

/** One option of a product: a choice (`values` by name → product_option_value_id) or a text-like one (`value`). */
export interface ProductOption {
  /** The option's role: its type (`select`, `checkbox`, `date` …). */
  type: string;
  /** The product_option_id. */
  id: string;
  name: string;
  values?: Record<string, string>;
  value?: string;
}

export class Product extends Role {
  constructor(fixtures: FixtureReader, name: string) {
    super(fixtures, 'products', name);
  }
  get id(): string {
    return this.text('product_id');
  }
  get displayName(): string {
    return this.text('name');
  }
  /** The reward points one unit carries. */
  get points(): number {
    return this.number('points');
  }
  get stock(): number {
    return this.number('stock');
  }
  get minimum(): number {
    return this.number('minimum');
  }
  /** The price before tax, in the default currency. */
  get priceExTax(): number {
    return this.number('price_ex_tax');
  }
  /** The unit price with tax, in the default currency. */
  get unitPrice(): number {
    return this.number('unit_price');
  }
  get unitPriceWithEveryOption(): number {
    return this.number('unit_price_with_every_option');
  }
  /** The quantity from which the product's quantity discount applies. */
  get discountQuantity(): number {
    return this.number('quantity_discount.quantity');
  }
  /** The option roles the fixtures name (each named after its type). */
  get optionRoles(): string[] {
    const options = this.optional('options');
    return options && typeof options === 'object' && !Array.isArray(options) ? Object.keys(options) : [];
  }
  option(type: string): ProductOption {
    const o = this.record(`options.${type}`);
    const values = o.values === undefined ? undefined : Object.fromEntries(Object.keys(this.record(`options.${type}.values`)).map((v) => [v, this.text(`options.${type}.values.${v}`)]));
    return { type, id: this.text(`options.${type}.product_option_id`), name: this.text(`options.${type}.name`), values, value: values ? undefined : this.optionalText(`options.${type}.value`) };
  }
  /** The value of a choice option that has little stock, which other scenarios buy up. */
  get lowStockValue(): string | undefined {
    return this.optionalText('low stock value.name');
  }
}

/** A coupon, gift voucher or currency: something the API is given by its code. */
export class CodedRole extends Role {
  /** The code to send; undefined for `(no field)`, '' for `(empty code)`. */
  get code(): string | undefined {
    if (this.name === NO_FIELD) return undefined;
    if (this.name === EMPTY_CODE) return '';
    return this.text('code');
  }
}

export type CouponType = 'P' | 'F';

export class Coupon extends CodedRole {
  constructor(fixtures: FixtureReader, name: string) {
    super(fixtures, 'coupons', name);
  }
  /** P: a percentage of the products' Sub-Total; F: a fixed amount. */
  get type(): CouponType {
    const type = this.text('type');
    if (type !== 'P' && type !== 'F') throw MissingDatumError.inFixtures(this.path('type'));
    return type;
  }
  get discount(): number {
    return this.number('discount');
  }
  /** Whether the coupon also takes the shipping off. */
  get freeShipping(): boolean {
    return this.optional('shipping') === true;
  }
}

export class GiftVoucher extends CodedRole {
  constructor(fixtures: FixtureReader, name: string) {
    super(fixtures, 'vouchers', name);
  }
  /** Its balance, in the default currency. */
  get amount(): number {
    return this.number('amount');
  }
}

export class Customer extends Role {
  constructor(fixtures: FixtureReader, name: string) {
    super(fixtures, 'customers', name);
  }
  get rewardPoints(): number {
    return this.number('reward_points');
  }
  /** The balance of their credit transactions, in the default currency. */
  get storeCredit(): number {
    return this.number('store_credit');
  }
}

export class Currency extends CodedRole {
  constructor(fixtures: FixtureReader, name: string) {
    super(fixtures, 'currencies', name);
  }
  /** Its rate against the store's default currency (the store's `value`). */
  get value(): number {
    return this.number('value');
  }
  /** An amount as the store formats it in this currency (its symbols and separators). */
  get sample(): string {
    return this.text('sample');
  }
}
