// Before any scenario, the fixture check asks the target, through the API, whether what the fixtures name is there and
// as named: each product can be added, each coupon that should apply applies, each customer can be set and has its
// reward points, each gift voucher has its balance, the restricted API user exists; and whether the store's own
// configuration the fixtures name (currencies, shipping and payment methods, addresses, gift voucher limits) is what
// the store shows. A datum the target lacks is one outcome everywhere: the scenarios that need it are skipped, naming
// it. A configuration value the store contradicts is a configuration error naming the fixtures key (exit 2).
// Only a well-formed, documented answer is judged: a broken one (no answer, HTTP 500, a PHP notice, an undocumented
// shape) says nothing about the fixtures, and is left to the scenarios, which report it as what it is.
import { ApiSession } from '../session';
import { TransportError, type ApiClient, type ApiResponse, type Form } from '../client';
import { addForm, batchForm, everyOption } from '../api/cart';
import { addressForm, customerForm, paymentMethods, shippingQuotes } from '../api/checkout';
import { fixtureMoney, moneyText, parseMoney, sampleOf, withinRounding, type MoneyFormat } from '../api/money';
import { Currency, Customer, Product, type FixtureReader } from '../api/roles';
import { MissingDatumError, fixtureAt, type FixtureValue, type Fixtures } from '../fixtures';
import type { RunParameters } from '../run-parameters';
import { SETTING_LEARNERS } from '../target/learners';
import { readCurrency, settleCurrency, settleDefault } from '../target/learners/currencies';
import { hearMessages, judgeLanguage } from '../target/learners/language';
import { messageTemplate, sprintf } from '../api/messages';
import { NotApplicableError } from '../target/profile';
import { languageOf, settleLanguage } from '../target/language';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import type { SettingObservation } from '../target/learn-settings';
import { observeCacheHeaders, observeCookieDomain, observeShippingCity, observeTrimming, releasesMatching, type ReleaseObservation } from '../target/learn-release';
import { describeReleases } from '../target/release';

export interface FixtureCheckResult {
  /** Data the fixtures name that the target lacks or holds otherwise: datum ("coupons.percent") → what was found. */
  lacking: Record<string, string>;
  /** Store configuration the fixtures name that the store contradicts: fixtures key → what the store shows. */
  mismatches: Record<string, string>;
  /** How many requests the check made. */
  requests: number;
  /** Median time from request to whole answer over the check's requests, in ms: what --parallel auto goes by. */
  roundTripMs: number;
  /** What the store's answers tell of its release (src/target/learn-release.ts). */
  releaseObservations: ReleaseObservation[];
  /** What the store's answers tell of its settings (src/target/learners/). */
  settingObservations: SettingObservation[];
}

type Record_ = { [key: string]: FixtureValue };
const isRecord = (v: FixtureValue | undefined): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);
const succeeded = (r: ApiResponse | undefined): r is ApiResponse => typeof (r?.json as { success?: unknown } | undefined)?.success === 'string';
/** Refused with a well-formed answer (as opposed to no well-formed answer at all, `undefined`). */
const refused = (r: ApiResponse | undefined): r is ApiResponse => r !== undefined && !succeeded(r);

/** The answer when it is well-formed and documented, else undefined (the scenarios will report what is wrong with it). */
async function wellFormed(send: () => Promise<ApiResponse>): Promise<ApiResponse | undefined> {
  try {
    const r = await send();
    return r.status === 200 && r.json !== undefined && !r.phpNotice && r.validation?.ok !== false ? r : undefined;
  } catch (error) {
    if (error instanceof TransportError) return undefined;
    throw error;
  }
}
const brief = (r: ApiResponse | undefined): string => r?.text.slice(0, 160) ?? '';

/** One throwaway API session with the fixtures, which the roles read (the cart and checkout forms come from them). */
export class CheckSession implements FixtureReader {
  private readonly session: ApiSession;
  /** The answer to this session's login (the store's headers are on every answer). */
  loginAnswer?: ApiResponse;
  constructor(client: ApiClient, private readonly fixtures: Fixtures, private readonly onRequest: () => void, onAnswer: (r: ApiResponse) => void) {
    this.session = new ApiSession(client, onAnswer);
  }

  fixture(path: string): FixtureValue | undefined {
    return fixtureAt(this.fixtures, path);
  }

  /** The login's answer (its headers are the store's on every answer). */
  async login(p: RunParameters): Promise<ApiResponse> {
    this.onRequest();
    const r = await this.session.login(p.apiUsername, p.apiKey ?? '', { allowViolation: true });
    if (!this.session.token) throw new Error(`the fixture check could not log in: ${brief(r)}`);
    this.loginAnswer = r;
    return r;
  }

  /** The store's well-formed answer, or undefined when it gave none (see wellFormed). */
  async send(route: string, form?: Form): Promise<ApiResponse | undefined> {
    this.onRequest();
    return wellFormed(() => this.session.call({ route, form, allowViolation: true }));
  }

  /** The store's answer whatever its form; undefined only when there was none. */
  async raw(route: string, form?: Form): Promise<ApiResponse | undefined> {
    this.onRequest();
    try {
      return await this.session.call({ route, form, allowViolation: true });
    } catch (error) {
      if (error instanceof TransportError) return undefined;
      throw error;
    }
  }
}

/** The roles of a fixtures section that exist on a provisioned store (an `exists: false` role names what must not). */
function roles(fixtures: Fixtures, section: string, keep: (record: Record_) => boolean = () => true): Array<[string, Record_]> {
  const s = fixtures[section];
  if (!isRecord(s)) return [];
  return Object.entries(s).filter((e): e is [string, Record_] => isRecord(e[1]) && e[1].exists !== false && keep(e[1]));
}

export async function checkFixtures(client: ApiClient, params: RunParameters, fixtures: Fixtures): Promise<FixtureCheckResult> {
  const result: FixtureCheckResult = { lacking: {}, mismatches: {}, requests: 0, roundTripMs: NaN, releaseObservations: [], settingObservations: [] };
  const durations: number[] = [];
  const session = async (): Promise<CheckSession> => {
    const s = new CheckSession(client, fixtures, () => result.requests++, (r) => durations.push(r.durationMs));
    await s.login(params);
    return s;
  };
  // A session whose cart holds one of every product the fixtures name, in one batch request (the per-product check
  // says which ones the store lacks; a coupon for a missing product then does not apply, and is reported too).
  const products = roles(fixtures, 'products', (p) => p.product_id !== undefined);
  const withEveryProduct = async (): Promise<CheckSession> => {
    const s = await session();
    const items = products.map(([role, p]) => ({ product: new Product(s, role), quantity: Number(p.minimum ?? 1), options: new Product(s, role).optionRoles }));
    await guardedDatum(result, 'products', () => s.send('api/cart/add', batchForm(items)));
    return s;
  };
  const coupons = roles(fixtures, 'coupons', (c) => c.type !== undefined && typeof c.code === 'string');
  const customers = roles(fixtures, 'customers', (c) => Number(c.customer_id) > 0 && c.disabled !== true && c.customer_group_id === undefined);
  const quoted = Object.keys((fixtureAt(fixtures, 'shipping_methods.flat.text_by_address') as Record_ | undefined) ?? {});
  // The store's language, which the gift voucher lines' titles are in.
  const language = checkLanguage(session, () => new CheckSession(client, fixtures, () => result.requests++, (r) => durations.push(r.durationMs)), fixtures, result);
  // Independent groups, each in a session of its own, all at once: the check costs a few round trips, not seventy.
  await Promise.all([
    (async () => checkProducts(await session(), products, result))(),
    checkCurrencies(session, fixtures, result),
    ...halves(coupons).map(async (some) => checkCoupons(await withEveryProduct(), some, result)),
    (async () => checkVouchers(await withEveryProduct(), fixtures, result, language))(),
    ...halves(customers).map(async (some) => checkCustomers(await session(), some, result)),
    (async () => checkPaymentConfiguration(await session(), fixtures, result))(),
    ...quoted.map(async (address) => checkShippingQuote(await session(), fixtures, address, result)),
    checkRestrictedUser(client, params, result),
    language,
    (async () => learnRelease(await session(), await session(), fixtures, result))(),
    ...SETTING_LEARNERS.map(async (learn) => result.settingObservations.push(...(await learn(session)))),
  ]);
  settleDisabledCurrencies(result);
  durations.sort((x, y) => x - y);
  result.roundTripMs = durations[Math.floor(durations.length / 2)] ?? NaN;
  return result;
}

const halves = <T>(list: T[]): T[][] => [list.slice(0, Math.ceil(list.length / 2)), list.slice(Math.ceil(list.length / 2))].filter((h) => h.length);

/** Runs a check of one datum; a datum the fixtures name incompletely (a role without its code) is reported as lacking. */
async function guardedDatum<T>(result: FixtureCheckResult, datum: string, check: () => Promise<T>): Promise<T | undefined> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof MissingDatumError)) throw error;
    result.lacking[datum] = error.message;
    return undefined;
  }
}

/** Each product can be added (with its options) and the cart lists it under the name and model the fixtures give. */
async function checkProducts(s: CheckSession, products: Array<[string, Record_]>, result: FixtureCheckResult): Promise<void> {
  const added: string[] = [];
  for (const [role, p] of products) {
    await guardedDatum(result, `products.${role}`, async () => {
      const product = new Product(s, role);
      const r = await s.send('api/cart/add', addForm(product, Number(p.minimum ?? 1), everyOption(product)));
      if (succeeded(r)) added.push(role);
      else if (refused(r)) result.lacking[`products.${role}`] = `api/cart/add of product ${p.product_id} answered ${brief(r)}`;
    });
  }
  const cart = (await s.send('api/cart/products'))?.json as { products?: Array<{ product_id: string; name: string; model: string }> } | undefined;
  for (const role of cart ? added : []) {
    const p = products.find(([r]) => r === role)![1];
    const line = cart?.products?.find((l) => l.product_id === String(p.product_id));
    const differs = (['name', 'model'] as const).filter((k) => p[k] !== undefined && line && line[k] !== String(p[k]));
    if (!line) result.lacking[`products.${role}`] = `product ${p.product_id} was added but the cart does not list it`;
    else if (differs.length) result.lacking[`products.${role}`] = `product ${p.product_id} is not the provisioned one (${differs.map((k) => `${k} "${line[k]}"`).join(', ')})`;
  }
}

/** Each coupon that should apply does, to a cart of every product. */
async function checkCoupons(s: CheckSession, coupons: Array<[string, Record_]>, result: FixtureCheckResult): Promise<void> {
  for (const [role, c] of coupons) {
    const r = await s.send('api/coupon', { coupon: String(c.code) });
    if (refused(r)) result.lacking[`coupons.${role}`] = `coupon ${c.code} does not apply to a cart of every product: ${brief(r)}`;
  }
}

/** Each gift voucher applies and pays its balance of a larger cart. */
async function checkVouchers(s: CheckSession, fixtures: Fixtures, result: FixtureCheckResult, language: Promise<void>): Promise<void> {
  await language;
  const title = (code: string): string | undefined => {
    try {
      return sprintf(messageTemplate('voucherLine', undefined, languageOf(fixtures)), code);
    } catch (error) {
      // The store's language, with no files of it named: its line cannot be told, and its scenarios are not applicable.
      if (error instanceof NotApplicableError) return undefined;
      throw error;
    }
  };
  for (const [role, v] of roles(fixtures, 'vouchers', (v) => v.amount !== undefined && typeof v.code === 'string')) {
    await guardedDatum(result, `vouchers.${role}`, async () => {
      const r = await s.send('api/voucher', { voucher: String(v.code) });
      if (refused(r)) result.lacking[`vouchers.${role}`] = `gift voucher ${v.code} is refused: ${brief(r)}`;
      if (!succeeded(r)) return;
      const totals = ((await s.send('api/cart/products'))?.json as { totals?: Array<{ title: string; text: string }> } | undefined)?.totals;
      const titled = title(String(v.code));
      if (!totals || titled === undefined) return;
      const line = totals.find((t) => t.title === titled);
      const balance = line ? -parseMoney(line.text) : undefined;
      const expected = moneyText(new Currency(s, 'default'), Number(v.amount));
      // The line and the balance formatted: two roundings (money's rule).
      if (balance === undefined || !withinRounding(balance, parseMoney(expected), 2)) {
        result.lacking[`vouchers.${role}`] = `gift voucher ${v.code} pays ${line?.text ?? 'nothing'} of a larger cart, not its balance of ${expected}`;
      }
    });
  }
}

/**
 * The currencies the fixtures name, as the store holds them (src/target/learners/currencies.ts): each one's exact rate
 * and how the store writes its amounts are learned and written into the fixtures (`value`, `sample`), so the scenarios
 * judge the store by its own rates. What the fixtures say of a currency must agree: a value rounded to its own decimals
 * does, and the run stops naming the exact rate when it does not; the default currency must be the one a new session
 * shows. A currency named `"enabled": false` must exist; whether the store then shows it tells the release.
 */
async function checkCurrencies(session: () => Promise<CheckSession>, fixtures: Fixtures, result: FixtureCheckResult): Promise<void> {
  const simple = fixtureAt(fixtures, 'products.simple.product_id');
  const section = fixtures.currencies;
  if (simple === undefined || !isRecord(section) || !isRecord(section.default) || typeof section.default.code !== 'string') return;
  type Declared = { code: string; value?: FixtureValue; sample?: string; enabled?: boolean };
  const declared = (record: Record_): Declared => ({ code: String(record.code), value: record.value, sample: typeof record.sample === 'string' ? record.sample : undefined, enabled: record.enabled === false ? false : undefined });
  // A role that names neither a value nor a sample is a code the store does not have ("unknown").
  const others = roles(fixtures, 'currencies', (c) => typeof c.code === 'string' && (c.value !== undefined || c.sample !== undefined || c.enabled === false)).filter(([role]) => role !== 'default');
  const voucherAmounts = [...new Set(['vouchers.minimum_amount', 'vouchers.maximum_amount'].map((p) => Number(fixtureAt(fixtures, p))).filter((n) => Number.isFinite(n) && n > 0).concat([25, 1]))];
  const read = async (code: string | undefined) => readCurrency(await session(), String(simple), code, voucherAmounts);
  const defaultRole = declared(section.default);
  const [fresh, chosen, ...readings] = await Promise.all([read(undefined), read(defaultRole.code), ...others.map(([, c]) => read(String(c.code)))]);
  if (!fresh) return;
  const bases = (['unit_price', 'price_ex_tax'] as const)
    .map((k) => ({ amount: Number(fixtureAt(fixtures, `products.simple.${k}`)), what: `products.simple.${k}` }))
    .filter((b) => Number.isFinite(b.amount) && b.amount > 0);
  const settled = settleDefault(defaultRole, fresh, chosen, bases);
  Object.assign(result.mismatches, settled.mismatches);
  if (!settled.base || !settled.format) return;
  const defaults = { value: settled.value ?? 1, base: settled.base, lineTotal: fresh.lineTotal, format: settled.format };
  const learned: Array<[Record_, { value?: number; format?: MoneyFormat }]> = [[section.default, { format: settled.format }]];
  others.forEach(([role, record], i) => {
    const reading = readings[i];
    if (!reading) return;
    const c = declared(record);
    if (c.enabled === false && !reading.refused) {
      const fellBack = reading.lineTotal === fresh.lineTotal;
      if (reading.lineTotal) observeDisabledCurrency(role, c.code, fellBack, result);
      // Shown in it (a release before 3.0.3.7): its rate and format are learned like an enabled one's.
      if (fellBack || !reading.lineTotal) return;
    }
    const finding = settleCurrency(role, c, reading, defaults);
    Object.assign(result.mismatches, finding.mismatches);
    if (!Object.keys(finding.mismatches).length) learned.push([record, finding]);
  });
  // Only a consistent reading is written: a mismatch stops the run anyway.
  if (Object.keys(result.mismatches).some((k) => k.startsWith('currencies.'))) return;
  for (const [record, finding] of learned) {
    if (finding.value !== undefined) record.value = finding.value;
    if (finding.format) record.sample = sampleOf({ ...finding.format, thousands: finding.format.thousands || settled.format.thousands, point: finding.format.decimals ? finding.format.point : settled.format.point });
  }
}

/** The observations of currencies the fixtures name disabled, by the role that names them. */
const disabledCurrencyRoles = new WeakMap<ReleaseObservation, { role: string; code: string }>();

/** Whether a currency the fixtures name disabled is then used tells the release (src/target/release.ts). */
function observeDisabledCurrency(role: string, code: string, fellBack: boolean, result: FixtureCheckResult): void {
  const observation: ReleaseObservation = {
    trait: 'ignoresDisabledCurrency',
    value: fellBack,
    evidence: fellBack
      ? `after api/currency of ${code}, which the fixtures name disabled (currencies.${role}), amounts are shown in the default currency`
      : `after api/currency of ${code}, which the fixtures name disabled (currencies.${role}), amounts are shown in it (so the store is older than 3.0.3.7, or ${code} is enabled)`,
  };
  disabledCurrencyRoles.set(observation, { role, code });
  result.releaseObservations.push(observation);
}

/**
 * A currency named disabled that the store uses, where its other answers tell a release that drops a disabled currency
 * (or the reverse): the currency is not what the fixtures say, and the release stays what the other answers tell.
 */
function settleDisabledCurrencies(result: FixtureCheckResult): void {
  const others = result.releaseObservations.filter((o) => !disabledCurrencyRoles.has(o));
  for (const o of result.releaseObservations.filter((x) => disabledCurrencyRoles.has(x))) {
    const fits = releasesMatching(others);
    if (!fits.length || releasesMatching([...others, o]).length) continue;
    result.releaseObservations.splice(result.releaseObservations.indexOf(o), 1);
    const { role, code } = disabledCurrencyRoles.get(o)!;
    result.mismatches[`currencies.${role}.enabled`] = o.value
      ? `${o.evidence}, which release ${describeReleases(fits)} (as the store's other answers tell) does not do with a disabled currency (it uses it): either the store runs another release (name it, "release"), or it is broken`
      : `${o.evidence}; release ${describeReleases(fits)} (as the store's other answers tell) would show the default currency if ${code} were disabled: ${code} is enabled (leave out "enabled": false, or disable it)`;
  }
}

/**
 * The store's language (src/target/learners/language.ts): whether its messages are en-gb's, learned into the profile's
 * language finding; messages that contradict the language files the fixtures name stop the run, naming both texts; and
 * the permission error must be one the contract tells from a route's own errors (schemas/common.json).
 */
async function checkLanguage(session: () => Promise<CheckSession>, stranger: () => CheckSession, fixtures: Fixtures, result: FixtureCheckResult): Promise<void> {
  const heard = await hearMessages(session, stranger);
  if (!heard.length) return;
  const finding = languageOf(fixtures);
  const { english, evidence, contradictions } = judgeLanguage(finding, heard);
  if (contradictions.length) {
    result.mismatches['language.texts'] = `the store's messages are not those of the language files the fixtures name: ${contradictions.slice(0, 3).join('; ')}` +
      `${contradictions.length > 3 ? ` (and ${contradictions.length - 3} more)` : ''}. Name the folder of the store's own catalog/language/<code>/ files (with its Language Editor changes)`;
  }
  const permission = new RegExp(permissionPattern());
  for (const h of heard.filter((x) => x.name === 'permission' && !permission.test(x.text))) {
    result.mismatches.language = `${h.route} without a token answers "${h.text}", which names neither permission nor the API: the contract tells the permission error from a route's own errors by that ` +
      `(schemas/common.json PermissionMessage, /${permission.source}/), so the store's permission message (api/*.php error_permission) must name one of them`;
  }
  settleLanguage(fixtures, { english, evidence });
}

/** The pattern by which the contract tells the permission error (schemas/common.json). */
function permissionPattern(): string {
  const common = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'schemas', 'common.json'), 'utf8')) as { $defs: { PermissionMessage: { pattern: string } } };
  return common.$defs.PermissionMessage.pattern;
}

/** Each customer that should exist can be set, and has the reward points the fixtures give it. */
async function checkCustomers(s: CheckSession, customers: Array<[string, Record_]>, result: FixtureCheckResult): Promise<void> {
  for (const [role, c] of customers) {
    await guardedDatum(result, `customers.${role}`, async () => {
      const r = await s.send('api/customer', customerForm(new Customer(s, role)));
      if (refused(r)) result.lacking[`customers.${role}`] = `customer ${c.customer_id} cannot be set: ${brief(r)}`;
      if (!succeeded(r) || c.reward_points === undefined) return;
      const available = await s.send('api/reward/available');
      const points = Number((available?.json as { points?: unknown } | undefined)?.points);
      if (available && points !== Number(c.reward_points)) result.lacking[`customers.${role}`] = `customer ${c.customer_id} has ${points} reward points, not ${c.reward_points}`;
    });
  }
}

/** A cart to ship (the simple product) in a new session; false when the store will not take it. */
async function cartToShip(s: CheckSession, fixtures: Fixtures): Promise<boolean> {
  const simple = fixtureAt(fixtures, 'products.simple.product_id');
  return simple !== undefined && succeeded(await s.send('api/cart/add', { product_id: String(simple), quantity: 1 }));
}

/** The addresses the store accepts, the payment methods it offers for a cart to ship, and the gift voucher limits. */
async function checkPaymentConfiguration(s: CheckSession, fixtures: Fixtures, result: FixtureCheckResult): Promise<void> {
  if (!(await cartToShip(s, fixtures))) return;
  // The addresses a store accepts name their country; the others are there to be refused.
  for (const [role] of roles(fixtures, 'addresses', (a) => typeof a.country === 'string' && a.country !== '')) {
    const payment = await s.send('api/payment/address', addressForm(s, role));
    if (refused(payment)) result.mismatches[`addresses.${role}`] = `api/payment/address refuses it: ${brief(payment)}`;
  }
  const methods = await s.send('api/payment/methods');
  if (methods) checkPaymentMethods(fixtures, methods, result);

  const below = fixtureAt(fixtures, 'vouchers.amount_below_minimum');
  if (below !== undefined && fixtureAt(fixtures, 'vouchers.minimum_amount') !== undefined && fixtureAt(fixtures, 'currencies.default.sample') !== undefined) {
    const r = await s.send('api/voucher/add', { from_name: 'Invotide', from_email: 'check@invotide.example', to_name: 'Invotide', to_email: 'check@invotide.example', voucher_theme_id: 0, message: '', amount: String(below) });
    const said = (r?.json as { error?: { amount?: unknown } } | undefined)?.error?.amount;
    const [min, max] = ['minimum', 'maximum'].map((bound) => fixtureMoney(s, `vouchers.${bound}_amount`));
    if (r && (typeof said !== 'string' || !said.includes(min) || !said.includes(max))) {
      result.mismatches['vouchers.minimum_amount'] = `a gift voucher of ${below} is answered ${brief(r)}; the fixtures' limits give ${min} and ${max}`;
    }
  }
}

/** The answers on which releases differ (src/target/learn-release.ts), in two sessions: one for a customer, one to ship. */
async function learnRelease(customer: CheckSession, shipping: CheckSession, fixtures: Fixtures, result: FixtureCheckResult): Promise<void> {
  const found = (o: ReleaseObservation | undefined) => o && result.releaseObservations.push(o);
  if (customer.loginAnswer) {
    found(observeCacheHeaders(customer.loginAnswer));
    found(observeCookieDomain(customer.loginAnswer));
  }
  await guardedDatum(result, 'customers.guest', async () => found(await observeTrimming(customer)));
  const [address] = roles(fixtures, 'addresses', (a) => typeof a.country === 'string' && a.country !== '');
  if (address && (await cartToShip(shipping, fixtures))) found(await observeShippingCity(shipping, address[0]));
}

/** The shipping methods the store quotes for one address: each the fixtures price there, at that price. */
async function checkShippingQuote(s: CheckSession, fixtures: Fixtures, address: string, result: FixtureCheckResult): Promise<void> {
  if (!(await cartToShip(s, fixtures))) return;
  const shipping = await guardedDatum(result, `addresses.${address}`, () => s.send('api/shipping/address', addressForm(s, address)));
  if (refused(shipping)) result.mismatches[`addresses.${address}`] = `api/shipping/address refuses it: ${brief(shipping)}`;
  const r = succeeded(shipping) ? await s.send('api/shipping/methods') : undefined;
  if (!r) return;
  for (const [role, m] of roles(fixtures, 'shipping_methods', (m) => isRecord(m.text_by_address))) {
    const quote = shippingQuotes(r).get(String(m.code));
    if (!quote) {
      result.mismatches[`shipping_methods.${role}.code`] = `the store quotes no ${m.code} for the "${address}" address: ${brief(r)}`;
      continue;
    }
    const key = `shipping_methods.${role}.text_by_address.${address}`;
    const expected = fixtureMoney(s, key);
    if (quote.text !== expected) result.mismatches[key] = `the store quotes ${quote.text} (cost ${quote.cost}), the fixtures expect ${expected}`;
    if (m.cost !== undefined && quote.cost !== String(m.cost)) result.mismatches[`shipping_methods.${role}.cost`] = `the store quotes a cost of ${quote.cost}, the fixtures say ${m.cost}`;
    if (m.title !== undefined && quote.title !== String(m.title)) result.mismatches[`shipping_methods.${role}.title`] = `the store calls it "${quote.title}", the fixtures "${m.title}"`;
  }
}

function checkPaymentMethods(fixtures: Fixtures, r: ApiResponse, result: FixtureCheckResult): void {
  const mismatch = (key: string, what: string): void => {
    result.mismatches[key] = what;
  };
  const offered = paymentMethods(r);
  // Free checkout is offered only for a total of zero: checked by the scenarios that build one.
  for (const [role, m] of roles(fixtures, 'payment_methods', (m) => m.title !== undefined && m['zero total cart'] === undefined)) {
    const method = offered.get(String(m.code));
    if (!method) {
      mismatch(`payment_methods.${role}.code`, `the store offers no ${m.code} payment for a cart to ship: ${brief(r)}`);
      continue;
    }
    for (const k of ['title', 'sort_order', 'terms'] as const) {
      if (m[k] !== undefined && method[k] !== String(m[k])) mismatch(`payment_methods.${role}.${k}`, `the store says "${method[k]}", the fixtures "${m[k]}"`);
    }
  }
}

/**
 * The restricted API user exists: refused naming the address, not for its key. (One that logs in is left to the
 * scenarios: a store that ignores its allow-list is the store's failure, not the configuration's.)
 */
async function checkRestrictedUser(client: ApiClient, params: RunParameters, result: FixtureCheckResult): Promise<void> {
  if (!params.restrictedUsername) return;
  result.requests++;
  const r = await wellFormed(() => new ApiSession(client).login(params.restrictedUsername, params.restrictedKey ?? '', { allowViolation: true }));
  if (Array.isArray(r?.json)) {
    result.lacking['api_users.restricted'] = `${params.restrictedUsername} is refused without naming the address: its key (INVOTIDE_RESTRICTED_KEY) is wrong, or the user is missing or disabled, which the API answers alike: ${brief(r)}`;
  }
}
