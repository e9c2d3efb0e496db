// The order totals extensions: which are enabled (total_<code>_status) and the order their lines come in (their sort
// orders, the fixtures' `totals.order`). api/cart/products runs every enabled total extension in the order of its sort
// order and lists their lines so (catalog/controller/api/cart.php:221-244). One throwaway session fills a cart in which
// every total of a fresh install shows a line: a registered customer with reward points and store credit, a taxed
// product and one with points, flat shipping, a coupon, points redeemed and a gift voucher.
//
// Neither is learned: a disabled total and a broken one answer alike (api/coupon, api/voucher and api/reward still
// answer success while their total is disabled, and show no line, exactly as a store that drops the line would), and a
// store whose sort orders put the lines in another order answers like one that sorts them wrongly. So the fixtures
// declare both (a fresh install's by default) and the check verifies them: a contradiction stops the run with both
// readings. `totals.order` is verified, not learned, also because it is what the scenario totals-line-order judges:
// learned from the very answer that scenario reads, it could never fail.
// The Handling Fee and the Low Order Fee show only beyond a threshold the API does not tell (handling.php:4,
// low_order_fee.php:4): a fee line seen says the fee is enabled, no line says nothing.
import type { Form } from '../../client';
import { addressForm, customerForm, shippingQuotes } from '../../api/checkout';
import { Coupon, Customer, GiftVoucher, Product, fixtureText } from '../../api/roles';
import type { TotalLine } from '../../api/cart';
import { TOTAL_NAMES, STATUS_SETTING, codesInOrder, lineCode, type TotalCode } from '../../api/totals';
import { MissingDatumError } from '../../fixtures';
import { NotApplicableError, type LanguageFinding } from '../profile';
import type { Probe, SettingLearner, SettingObservation } from '../learn-settings';

/** The roles of the probe cart. */
const PROBE = { customer: 'with credit and an affiliate account', taxed: 'simple', points: 'with points', address: 'uk', shipping: 'flat', coupon: 'percent', voucher: 'valid' };

export interface TotalsSeen {
  /** The cart's totals lines, each with the total it belongs to. */
  lines: Array<TotalLine & { code: TotalCode }>;
  /** The totals whose line the cart must show while they are enabled (what the session was given). */
  expected: TotalCode[];
  /** What the session was given, in a phrase. */
  cart: string;
}

const ok = (r: { json?: unknown } | undefined): boolean => typeof (r?.json as { success?: unknown } | undefined)?.success === 'string';

/** Fills the probe cart, step by step, and reads its totals; undefined when the store would not even take the products. */
export async function observeTotals(probe: Probe): Promise<TotalsSeen | undefined> {
  const expected: TotalCode[] = [];
  const given: string[] = [];
  const attempt = async (what: string, codes: TotalCode[], route: string, form: () => Form): Promise<boolean> => {
    let r;
    try {
      r = await probe.send(route, form());
    } catch (error) {
      // A datum the fixtures do not name: the totals that needed it are not looked at.
      if (error instanceof MissingDatumError) return false;
      throw error;
    }
    if (!ok(r)) return false;
    expected.push(...codes);
    if (what) given.push(what);
    return true;
  };
  const customer = await attempt('a customer with reward points and store credit', ['credit'], 'api/customer', () => customerForm(new Customer(probe, PROBE.customer)));
  const taxed = new Product(probe, PROBE.taxed);
  if (!(await attempt('a taxed product', ['sub_total', 'tax', 'total'], 'api/cart/add', () => ({ product_id: taxed.id, quantity: 1 })))) return undefined;
  const points = customer && (await attempt('', [], 'api/cart/add', () => ({ product_id: new Product(probe, PROBE.points).id, quantity: 1 })));
  let shippingTitle: string | undefined;
  if (await attempt('', [], 'api/shipping/address', () => addressForm(probe, PROBE.address))) {
    const quotes = await probe.send('api/shipping/methods');
    const code = fixtureText(probe, `shipping_methods.${PROBE.shipping}.code`);
    const quote = quotes && shippingQuotes(quotes).get(code);
    if (quote && (await attempt('flat shipping', ['shipping'], 'api/shipping/method', () => ({ shipping_method: code })))) shippingTitle = quote.title;
  }
  await attempt('a coupon', ['coupon'], 'api/coupon', () => ({ coupon: new Coupon(probe, PROBE.coupon).code ?? '' }));
  if (points) await attempt('1 reward point', ['reward'], 'api/reward', () => ({ reward: 1 }));
  await attempt('a gift voucher', ['voucher'], 'api/voucher', () => ({ voucher: new GiftVoucher(probe, PROBE.voucher).code ?? '' }));
  const totals = (await probe.send('api/cart/products'))?.json as { totals?: TotalLine[] } | undefined;
  if (!Array.isArray(totals?.totals)) return undefined;
  // The lines are told by their titles in the store's language (the fixture check has learned it by now).
  const section = probe.fixture('language') as Partial<LanguageFinding> | undefined;
  const language = typeof section?.english === 'boolean' ? (section as LanguageFinding) : undefined;
  try {
    return { lines: totals.totals.map((l) => ({ ...l, code: lineCode(probe, l, shippingTitle, language) })), expected, cart: given.join(', ') };
  } catch (error) {
    // A language without texts: its titles cannot be told, and the scenarios that read them are not applicable.
    if (error instanceof NotApplicableError) return undefined;
    throw error;
  }
}

/** What the lines say of each total's status; a fee is told only by its line. */
export function statusObservations(seen: TotalsSeen): SettingObservation[] {
  const shown = new Set(seen.lines.map((l) => l.code));
  const titles = seen.lines.map((l) => l.title).join(', ');
  const observations: SettingObservation[] = [];
  for (const code of seen.expected) {
    const name = TOTAL_NAMES[code];
    observations.push(shown.has(code)
      ? { key: STATUS_SETTING[code], value: true, evidence: `api/cart/products of a cart with ${seen.cart} shows a ${name} line (${titles})`, orBroken: `the store shows the ${name} line of a disabled total` }
      : { key: STATUS_SETTING[code], value: false, evidence: `api/cart/products of a cart with ${seen.cart} shows no ${name} line (${titles})`, orBroken: `the store leaves the ${name} line out although the total is enabled` });
  }
  for (const code of ['handling', 'low_order_fee'] as const) {
    if (shown.has(code)) observations.push({ key: STATUS_SETTING[code], value: true, evidence: `api/cart/products of a cart with ${seen.cart} shows a ${TOTAL_NAMES[code]} line (${titles})`, orBroken: `the store charges a ${TOTAL_NAMES[code]} it has disabled` });
  }
  return observations;
}

/** The order of the totals the cart showed, a run of tax lines as one. */
export const shownOrder = (seen: TotalsSeen): TotalCode[] => codesInOrder(seen.lines.map((l) => l.code));

export const learnTotalStatuses: SettingLearner = async (session) => {
  const seen = await observeTotals(await session());
  return seen ? statusObservations(seen) : [];
};
