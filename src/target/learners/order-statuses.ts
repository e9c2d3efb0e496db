// The order statuses: the status a new order takes (config_order_status_id, read at catalog/controller/api/order.php:349;
// the fixtures' order_statuses.default) and whether it is active, in the store's processing or complete statuses
// (config_processing_status, config_complete_status: catalog/model/checkout/order.php:302), so that the order holds its
// coupon, gift voucher, points, credit and stock at once. No answer shows them without placing an order: the fixtures
// declare them (a fresh install's: 1, Pending, active), and where writes are allowed the fixture check places one order
// and deletes it again (order.php's deleteOrder voids it first: whatever it held is given back).
// A store that gives new orders another status than its setting, or does not confirm an order entering an active status,
// answers like one configured so: the check reports both readings.
import type { Form } from '../../client';
import type { FixtureValue } from '../../fixtures';
import { addressForm, customerForm, shippingQuotes } from '../../api/checkout';
import { Customer, Product, Role, fixtureText } from '../../api/roles';
import { MissingDatumError } from '../../fixtures';
import type { Probe } from '../learn-settings';
import { SETTINGS, parseSettingValue, settingJson, type SettingKey } from '../settings';

/** The customer whose point pays part of the probe order, and how the order is placed. */
const PROBE = { customer: 'registered with points', product: 'with points', address: 'uk', shipping: 'flat', payment: 'cod' };

const ok = (r: { json?: unknown } | undefined): boolean => typeof (r?.json as { success?: unknown } | undefined)?.success === 'string';

/** A list setting as the fixtures declare it, or a fresh install's. */
function declaredList(probe: Probe, key: SettingKey): number[] {
  const raw = probe.fixture(`settings.${key}`);
  return (raw === undefined ? SETTINGS[key].default : parseSettingValue(key, raw as FixtureValue)) as number[];
}

/** What the probe order needs of the fixtures; undefined when they do not name it all. */
function probeData(probe: Probe) {
  try {
    const customer = new Customer(probe, PROBE.customer);
    return {
      customer,
      balance: customer.rewardPoints,
      declaredDefault: new Role(probe, 'order_statuses', 'default').text('order_status_id'),
      shippingCode: fixtureText(probe, `shipping_methods.${PROBE.shipping}.code`),
      paymentCode: fixtureText(probe, `payment_methods.${PROBE.payment}.code`),
      steps: [
        ['api/customer', customerForm(customer)],
        ['api/cart/add', { product_id: new Product(probe, PROBE.product).id, quantity: 1 }],
        ['api/payment/address', addressForm(probe, PROBE.address)],
        ['api/shipping/address', addressForm(probe, PROBE.address)],
      ] as Array<[string, Form]>,
    };
  } catch (error) {
    if (error instanceof MissingDatumError) return undefined;
    throw error;
  }
}

/**
 * Places one order from a session prepared as the scenarios prepare theirs, with one reward point redeemed, reads its
 * status and the customer's points back, and deletes it; returns the contradictions of the fixtures (key → both readings).
 * The session is prepared at once; the order waits for `mayPlace` (the other checks, which read the points it changes).
 */
export async function checkOrderStatuses(probe: Probe, mayPlace: Promise<unknown> = Promise.resolve(), rewardLineShown: Promise<boolean> | boolean = true): Promise<Record<string, string>> {
  const data = probeData(probe);
  if (!data) return {};
  const { customer, balance, declaredDefault, shippingCode, paymentCode } = data;
  for (const [route, form] of data.steps) if (!ok(await probe.send(route, form))) return {};
  const quotes = await probe.send('api/shipping/methods');
  if (!quotes || !shippingQuotes(quotes).has(shippingCode) || !ok(await probe.send('api/shipping/method', { shipping_method: shippingCode }))) return {};
  await probe.send('api/payment/methods');
  if (!ok(await probe.send('api/payment/method', { payment_method: paymentCode }))) return {};
  // The point shows whether the order holds what it uses, where the store has the Reward Points total enabled (as the
  // fixtures say, and as the totals check saw it: a disabled total is its mismatch to report, not a status's).
  const rewardTotal = probe.fixture('settings.total_reward_status');
  const points = (await rewardLineShown) && (rewardTotal === undefined || parseSettingValue('total_reward_status', rewardTotal as FixtureValue) === true) && ok(await probe.send('api/reward', { reward: 1 }));
  await mayPlace;
  const added = await probe.send('api/order/add');
  const orderId = (added?.json as { order_id?: unknown } | undefined)?.order_id;
  if (typeof orderId !== 'number') return {};
  let status: string | undefined;
  let name: string | undefined;
  let left: number | undefined;
  try {
    const info = (await probe.send('api/order/info', undefined, { order_id: orderId }))?.json as { order?: { order_status_id?: unknown; order_status?: unknown } } | undefined;
    status = info?.order?.order_status_id === undefined ? undefined : String(info.order.order_status_id);
    name = typeof info?.order?.order_status === 'string' ? info.order.order_status : undefined;
    if (points) left = Number(((await probe.send('api/reward/available'))?.json as { points?: unknown } | undefined)?.points);
  } finally {
    await probe.send('api/order/delete', undefined, { order_id: orderId });
  }
  const mismatches: Record<string, string> = {};
  if (status === undefined) return mismatches;
  const described = `status ${status}${name ? ` (${name})` : ''}`;
  if (status !== declaredDefault) {
    mismatches['order_statuses.default'] = `an order placed through api/order/add without a status is in ${described}, and the fixtures say ${declaredDefault}. ` +
      `Either the store's Order Status (System > Settings > Option: config_order_status_id) is ${status} (then write "order_statuses": { "default": { "order_status_id": ${status}${name ? `, "name": ${JSON.stringify(name)}` : ''} } } in the fixtures), ` +
      'or the store gives new orders another status than its setting';
    return mismatches;
  }
  if (left === undefined || !Number.isFinite(left)) return mismatches;
  const [processing, complete] = [declaredList(probe, 'config_processing_status'), declaredList(probe, 'config_complete_status')];
  const declaredActive = [...processing, ...complete].includes(Number(status));
  const held = left === balance - 1;
  if (held !== declaredActive && (held || left === balance)) {
    const evidence = `an order in ${described} that redeemed 1 of the ${customer} customer's ${balance} reward points left ${left}: it ${held ? 'holds' : 'does not hold'} what it uses, as an order in an ${held ? '' : 'in'}active status does`;
    mismatches['settings.config_processing_status'] = `${evidence}, and the fixtures' config_processing_status ${settingJson(processing)} and config_complete_status ${settingJson(complete)} ${declaredActive ? 'include' : 'do not include'} ${status}. ` +
      `Either the store's Processing or Complete Order Status ${held ? 'includes' : 'does not include'} ${status} (then write "settings": { "config_processing_status": [...] } (and "config_complete_status") in the fixtures as the store has them), ` +
      `or the store ${held ? 'confirms an order entering a status that is not active' : 'does not confirm an order entering an active status'}`;
  }
  return mismatches;
}
