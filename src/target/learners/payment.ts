// payment_free_checkout_status and payment_cod_total, from the payment methods offered for a cart to ship whose total
// is zero: the free method's "zero total cart" of the fixtures (a product paid by a gift voucher), at the first address
// the store accepts. Free Checkout is offered for a total of zero when it is enabled
// (catalog/controller/api/payment.php:202, catalog/model/extension/payment/free_checkout.php:6); Cash On Delivery too
// when it has no minimum total (catalog/model/extension/payment/cod.php:8: `payment_cod_total > 0 && … > $total`).
// - Free Checkout offered: it is enabled (learned). Not offered: disabled, or a store that does not offer it for a
//   total of zero (a broken one answers alike: the value stays what the fixtures say).
// - Cash On Delivery offered: no minimum total (0), or a store that ignores its minimum (both readings). Not offered:
//   a minimum above 0, or a store that does not offer it at this address (its geo zone) or for a total of zero; said
//   only where the fixtures say there is no minimum. What minimum exactly the answers cannot tell: the fixtures name
//   it, and the scenarios that pay a cart by cash on delivery follow it (src/api/checkout.ts).
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
  if (typeof codCode === 'string') {
    if (offered.has(codCode)) {
      observations.push({ key: 'payment_cod_total', value: 0, evidence: `api/payment/methods offers ${codCode} for ${cart}`, orBroken: 'the store offers Cash On Delivery below its minimum total' });
    } else if (Number(declaredSetting(s, 'payment_cod_total')) <= 0) {
      observations.push({
        key: 'payment_cod_total', value: SETTINGS.payment_cod_total.default,
        evidence: `api/payment/methods does not offer ${codCode} for ${cart}, so Cash On Delivery has a minimum total above 0 (a fresh install's is ${SETTINGS.payment_cod_total.default}; name the store's own)`,
        orBroken: 'Cash On Delivery is not offered at that address (its geo zone), or the store does not offer it for a total of zero although it has no minimum',
      });
    }
  }
  return observations;
};
