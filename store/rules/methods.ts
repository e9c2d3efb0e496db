// Shipping and payment extensions enabled in the demo data: flat rate shipping, cash on delivery and free checkout.
// Each answers for an address (and, for payment, the running order total) exactly as its model does.
import type { Registry } from '../context';
import { sessionCurrency } from '../context';
import { messages } from '../language';
import { compare, toInt, toNumber, type PhpKey } from '../php';
import type { PaymentMethod, SessionAddress, ShippingMethod, ShippingQuote } from '../session';

/** Is the address inside the extension's geo zone (geo zone 0 = everywhere)? */
function inGeoZone(r: Registry, geoZoneId: string | undefined, address: SessionAddress): boolean {
  if (!toInt(geoZoneId)) return true;
  return Boolean(
    r.db.get(
      'SELECT 1 FROM in_zone_to_geo_zone WHERE geo_zone_id = ? AND country_id = ? AND (zone_id = ? OR zone_id = 0)',
      toInt(geoZoneId),
      toInt(address.country_id),
      toInt(address.zone_id),
    ),
  );
}

type ShippingExtension = (r: Registry, address: SessionAddress) => ShippingMethod | undefined;
type PaymentExtension = (r: Registry, address: SessionAddress, total: number) => PaymentMethod | undefined;

const SHIPPING: Record<string, ShippingExtension> = {
  flat(r, address) {
    if (!inGeoZone(r, r.config.get('shipping_flat_geo_zone_id'), address)) return undefined;
    const cost = r.config.get('shipping_flat_cost') ?? '';
    const taxClassId = r.config.get('shipping_flat_tax_class_id') ?? '';
    const quote: ShippingQuote = {
      code: 'flat.flat',
      title: messages.extension.flatDescription,
      cost,
      tax_class_id: taxClassId,
      text: r.currency.format(r.tax.calculate(toNumber(cost), toInt(taxClassId), r.config.flag('config_tax')), sessionCurrency(r)),
    };
    return { title: messages.extension.flatTitle, quote: new Map<PhpKey, ShippingQuote>([['flat', quote]]), sort_order: r.config.get('shipping_flat_sort_order') ?? '', error: false };
  },
};

const PAYMENT: Record<string, PaymentExtension> = {
  cod(r, address, total) {
    const minimum = r.config.get('payment_cod_total');
    if (compare(minimum, 0) > 0 && compare(minimum, total) > 0) return undefined;
    if (!r.cart.hasShipping()) return undefined;
    if (!inGeoZone(r, r.config.get('payment_cod_geo_zone_id'), address)) return undefined;
    return { code: 'cod', title: messages.extension.codTitle, terms: '', sort_order: r.config.get('payment_cod_sort_order') ?? '' };
  },
  free_checkout(r, _address, total) {
    if (!(total <= 0)) return undefined;
    return { code: 'free_checkout', title: messages.extension.freeCheckoutTitle, terms: '', sort_order: r.config.get('payment_free_checkout_sort_order') ?? '' };
  },
};

const enabledExtensions = (r: Registry, type: 'shipping' | 'payment'): string[] =>
  r.db
    .all<{ code: string }>('SELECT code FROM in_extension WHERE type = ? ORDER BY extension_id', type)
    .map((e) => e.code)
    .filter((code) => r.config.flag(`${type}_${code}_status`));

/** array_multisort by sort_order keeps string keys; ties fall back to comparing the entries. */
function sortBySortOrder<T extends { sort_order: string }>(entries: Array<[PhpKey, T]>): Map<PhpKey, T> {
  return new Map(entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => compare(a[1].sort_order, b[1].sort_order) || i - j).map(([e]) => e));
}

export function quoteShipping(r: Registry, address: SessionAddress): Map<PhpKey, ShippingMethod> {
  const entries: Array<[PhpKey, ShippingMethod]> = [];
  for (const code of enabledExtensions(r, 'shipping')) {
    const method = SHIPPING[code]?.(r, address);
    if (method) entries.push([code, method]);
  }
  return sortBySortOrder(entries);
}

export function paymentMethods(r: Registry, address: SessionAddress, total: number): Map<PhpKey, PaymentMethod> {
  const entries: Array<[PhpKey, PaymentMethod]> = [];
  for (const code of enabledExtensions(r, 'payment')) {
    const method = PAYMENT[code]?.(r, address, total);
    if (method) entries.push([code, method]);
  }
  return sortBySortOrder(entries);
}
