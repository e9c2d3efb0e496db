// The fixture roles a step names in quotes ("the "simple" product") as typed records: {product}, {coupon},
// {customer}, {voucher}, {currency}. A role's data are read when the step reads them (src/api/roles.ts).
import { defineParameterType } from './cucumber';
import { Coupon, Currency, Customer, GiftVoucher, Product, type FixtureReader, type Role } from '../../src/api/roles';

const QUOTED = /"([^"]*)"/;

function role<R extends Role>(name: string, make: (fixtures: FixtureReader, role: string) => R): void {
  // cucumber calls the transformer with the scenario's World as `this`.
  defineParameterType({ name, regexp: QUOTED, transformer(this: FixtureReader, role: string) { return make(this, role); }, useForSnippets: false });
}

role('product', (f, r) => new Product(f, r));
role('coupon', (f, r) => new Coupon(f, r));
role('customer', (f, r) => new Customer(f, r));
role('voucher', (f, r) => new GiftVoucher(f, r));
role('currency', (f, r) => new Currency(f, r));
