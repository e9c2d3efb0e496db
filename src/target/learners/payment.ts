// payment_free_checkout_status and payment_cod_total, from the payment methods offered for a cart to ship whose total
// is zero: the free method's "zero total cart" of the fixtures (a product paid by a gift voucher), at the first address
// the store accepts. Free Checkout is offered for a total of zero when it is enabled
// (catalog/controller/api/payment.php:202, catalog/model/extension/payment/free_checkout.php:6); Cash On Delivery too
// when it has no minimum total (catalog/model/extension/payment/cod.php:8: `payment_cod_total > 0 && … > $total`).
// - Free Checkout offered: it is enabled (learned). Not offered: disabled, or a store that does not offer it for a
//   total of zero (a broken one answers alike: the value stays what the fixtures say).
// - Cash On Delivery offered: no minimum total (0), or a store that ignores its minimum (both readings). Not offered: a
//   minimum, which sessions of its own bound by bisecting carts of growing totals (an untaxed product priced by its
//   option value and quantity: totals a unit apart): offered from one total, not at the one below. A fixtures value
//   between the two is the store's; another is refused with both readings (a store that compares its minimum with
//   another amount answers alike). The scenarios that pay a cart by cash on delivery follow the value
//   (src/api/checkout.ts: not applicable below it).
import { addressForm, paymentMethods } from '../../api/checkout';
import type { Form } from '../../client';
import { SETTINGS } from '../settings';
import type { Probe, SettingLearner, SettingObservation } from '../learn-settings';
import { declaredSetting } from './declared';

type Record_ = Record<string, unknown>;
const isRecord = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);
const succeeded = (json: unknown): boolean => typeof (json as { success?: unknown } | undefined)?.success === 'string';

/** The payment method role whose fixtures name a zero-total cart, and its recipe. */
function zeroTotalRecipe(probe: Probe): { role: string; recipe: Record_ } | undefined {
  const methods = probe.fixture('payment_methods');
  for (const [role, m] of Object.entries(isRecord(methods) ? methods : {})) {
    if (isRecord(m) && isRecord(m['zero total cart'])) return { role, recipe: m['zero total cart'] };
  }
  return undefined;
}

/** Fills the zero-total cart and sets a payment address; the address role, or undefined when the cart is not at zero. */
async function zeroTotalSession(s: Probe, recipe: Record_): Promise<string | undefined> {
  const product = s.fixture(`products.${String(recipe.product)}`);
  const voucher = s.fixture(`vouchers.${String(recipe['gift voucher'])}.code`);
  if (!isRecord(product) || typeof voucher !== 'string') return undefined;
  const option = (isRecord(product.options) ? product.options : {})[String(recipe.option)];
  const valueId = isRecord(option) && isRecord(option.values) ? option.values[String(recipe.value)] : undefined;
  if (!isRecord(option) || valueId === undefined) return undefined;
  const add: Form = { product_id: String(product.product_id), quantity: 1, option: { [String(option.product_option_id)]: String(valueId) } };
  if (!succeeded((await s.send('api/cart/add', add))?.json) || !succeeded((await s.send('api/voucher', { voucher }))?.json)) return undefined;
  const totals = ((await s.send('api/cart/products'))?.json as { totals?: Array<{ text: string }> } | undefined)?.totals;
  if (!totals?.length || !/^\D*0\.00\D*$/.test(totals[totals.length - 1].text)) return undefined;
  const addresses = s.fixture('addresses');
  for (const [role, a] of Object.entries(isRecord(addresses) ? addresses : {})) {
    if (!isRecord(a) || typeof a.country !== 'string' || a.country === '') continue;
    return succeeded((await s.send('api/payment/address', addressForm(s, role)))?.json) ? role : undefined;
  }
  return undefined;
}

/** A cart to ship the learner can fill to many totals: an untaxed product priced by its option value and quantity. */
interface Ladder {
  productId: string;
  optionId: string;
  /** Option value ids by name, with their unit prices below and from the quantity discount. */
  values: Array<{ id: string; price: number; discounted: number }>;
  discountFrom: number;
}

function ladderOf(probe: Probe): Ladder | undefined {
  const products = probe.fixture('products');
  for (const p of Object.values(isRecord(products) ? products : {})) {
    if (!isRecord(p) || p.shipping !== true || p.unit_price !== p.price_ex_tax || !isRecord(p.unit_price_by_value) || !isRecord(p.quantity_discount)) continue;
    const select = isRecord(p.options) && isRecord(p.options.select) ? p.options.select : undefined;
    const discounted = p.quantity_discount.unit_price_by_value;
    if (!select || !isRecord(select.values) || !isRecord(discounted)) continue;
    const values = Object.entries(select.values).map(([name, id]) => ({ id: String(id), price: Number((p.unit_price_by_value as Record_)[name]), discounted: Number(discounted[name]) }));
    if (values.length < 2 || values.some((v) => !(v.price > 0 && v.discounted > 0))) continue;
    return { productId: String(p.product_id), optionId: String(select.product_option_id), values: values.slice(0, 2), discountFrom: Number(p.quantity_discount.quantity) };
  }
  return undefined;
}

/** The totals of carts of up to `most` units of the ladder's product, two lines (one per value), lowest first. */
function ladderTotals(l: Ladder, most = 40): Array<{ total: number; quantities: [number, number] }> {
  const byTotal = new Map<number, [number, number]>();
  for (let a = 0; a <= most; a++) {
    for (let b = a === 0 ? 1 : 0; a + b <= most; b++) {
      const discount = a + b >= l.discountFrom;
      const total = Math.round(100 * (a * (discount ? l.values[0].discounted : l.values[0].price) + b * (discount ? l.values[1].discounted : l.values[1].price))) / 100;
      if (!byTotal.has(total)) byTotal.set(total, [a, b]);
    }
  }
  return [...byTotal.entries()].map(([total, quantities]) => ({ total, quantities })).sort((x, y) => x.total - y.total);
}

/** Carts the bisection of cash on delivery's minimum tries at once, each in a session of its own. */
export const COD_PROBES_AT_ONCE = 6;

/**
 * The first index at which a probe that answers false, then true along the indexes (0 to n - 1) answers true, found
 * by probing up to `width` indexes at a time (`lane` says which of the `width` is asked): `atMost` that index, `above`
 * the last one that answered false (-1 when none did). The first round includes the last index, which must answer
 * true. Undefined when a probe gives no answer, or the answers do not go false, then true.
 */
export async function firstTrue(n: number, width: number, probe: (index: number, lane: number) => Promise<boolean | undefined>): Promise<{ above: number; atMost: number } | undefined> {
  let above = -1;
  let atMost = n - 1;
  if (n < 1 || width < 1) return undefined;
  for (let round = 0; round === 0 || atMost - above > 1; round++) {
    const inside = between(above, atMost, round === 0 ? width - 1 : width);
    const points = round === 0 ? [...inside, atMost] : inside;
    const answers = await Promise.all(points.map((index, lane) => probe(index, lane)));
    if (answers.some((a) => a === undefined) || (round === 0 && answers[answers.length - 1] !== true)) return undefined;
    for (const [j, index] of points.entries()) {
      if (answers[j]) atMost = Math.min(atMost, index);
      else above = Math.max(above, index);
    }
    if (above >= atMost) return undefined;
  }
  return { above, atMost };
}

/** Up to `count` indexes strictly between lo and hi, evenly spaced. */
function between(lo: number, hi: number, count: number): number[] {
  const points = new Set<number>();
  for (let j = 1; j <= count; j++) points.add(lo + Math.round((j * (hi - lo)) / (count + 1)));
  return [...points].filter((i) => i > lo && i < hi).sort((a, b) => a - b);
}

/**
 * Cash on delivery's minimum total, bounded by the totals at which it is offered: carts of the ladder's product (no
 * shipping chosen, so the Total is the lines'), bisected a few carts at a time, each in a session of its own whose
 * payment address is set (each cart replaces the last: api/cart/add with a list of products empties the cart first).
 * Undefined when the answers do not bound it.
 */
async function codMinimumBounds(sessions: Probe[], l: Ladder, codCode: string): Promise<{ above: number; atMost: number } | undefined> {
  const totals = ladderTotals(l);
  const offeredAt = async (i: number, lane: number): Promise<boolean | undefined> => {
    const s = sessions[lane];
    const [a, b] = totals[i].quantities;
    const items = [[a, l.values[0].id], [b, l.values[1].id]].filter(([q]) => Number(q) > 0);
    const product = Object.fromEntries(items.map(([q, value], n) => [String(n), { product_id: l.productId, quantity: Number(q), option: { [l.optionId]: String(value) } }]));
    if (!succeeded((await s.send('api/cart/add', { product }))?.json)) return undefined;
    const r = await s.send('api/payment/methods');
    if (!r) return undefined;
    try {
      return paymentMethods(r).has(codCode);
    } catch {
      return undefined;
    }
  };
  const found = await firstTrue(totals.length, sessions.length, offeredAt);
  return found && { above: found.above < 0 ? 0 : totals[found.above].total, atMost: totals[found.atMost].total };
}

export const learnPaymentMethods: SettingLearner = async (session) => {
  const s = await session();
  const zero = zeroTotalRecipe(s);
  const codCode = s.fixture('payment_methods.cod.code');
  if (!zero) return [];
  const address = await zeroTotalSession(s, zero.recipe);
  const r = address === undefined ? undefined : await s.send('api/payment/methods');
  if (!r) return [];
  let offered: Set<string>;
  try {
    offered = new Set(paymentMethods(r).keys());
  } catch {
    return [];
  }
  const cart = `a cart to ship whose total is 0 (the "${zero.role}" method's zero total cart) at the "${address}" address`;
  const observations: SettingObservation[] = [];
  const freeCode = s.fixture(`payment_methods.${zero.role}.code`);
  if (typeof freeCode === 'string') {
    observations.push(offered.has(freeCode)
      ? { key: 'payment_free_checkout_status', value: true, evidence: `api/payment/methods offers ${freeCode} for ${cart}` }
      : { key: 'payment_free_checkout_status', value: false, evidence: `api/payment/methods does not offer ${freeCode} for ${cart}`, orBroken: 'the store does not offer Free Checkout for a total of zero although it is enabled' });
  }
  if (typeof codCode !== 'string') return observations;
  if (offered.has(codCode)) {
    observations.push({ key: 'payment_cod_total', value: 0, evidence: `api/payment/methods offers ${codCode} for ${cart}`, orBroken: 'the store offers Cash On Delivery below its minimum total' });
    return observations;
  }
  // Not for a total of zero: a minimum, which carts of growing totals bound (in a session without the gift voucher).
  const ladder = ladderOf(s);
  const ladderSessions = ladder ? await Promise.all(Array.from({ length: COD_PROBES_AT_ONCE }, async () => {
    const each = await session();
    return succeeded((await each.send('api/payment/address', addressForm(each, address!)))?.json) ? each : undefined;
  })) : [];
  const placed = ladderSessions.length > 0 && ladderSessions.every((each) => each !== undefined);
  const bounds = ladder && placed ? await codMinimumBounds(ladderSessions as Probe[], ladder, codCode) : undefined;
  const declared = Number(declaredSetting(s, 'payment_cod_total'));
  if (bounds) {
    if (declared > bounds.above && declared <= bounds.atMost) return observations;
    observations.push({
      key: 'payment_cod_total', value: bounds.atMost,
      evidence: `api/payment/methods offers ${codCode} for a cart to ship whose total is ${bounds.atMost.toFixed(2)}, and not for ${bounds.above.toFixed(2)}` +
        ` (at the "${address}" address): its minimum total is above ${bounds.above.toFixed(2)} and at most ${bounds.atMost.toFixed(2)}`,
      orBroken: 'the store refuses Cash On Delivery to a total it should take (it compares its minimum with another amount than the Total)',
    });
  } else if (declared <= 0) {
    observations.push({
      key: 'payment_cod_total', value: SETTINGS.payment_cod_total.default,
      evidence: `api/payment/methods does not offer ${codCode} for ${cart}, so Cash On Delivery has a minimum total above 0 (a fresh install's is ${SETTINGS.payment_cod_total.default}; name the store's own)`,
      orBroken: 'Cash On Delivery is not offered at that address (its geo zone), or the store does not offer it for a total of zero although it has no minimum',
    });
  }
  return observations;
};
