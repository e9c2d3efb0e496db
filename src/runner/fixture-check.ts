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
import { FORMAT_QUANTITY, readCurrency, settleCurrency, settleDefault } from '../target/learners/currencies';
import { hearMessages, judgeLanguage } from '../target/learners/language';
import { messageTemplate, sprintf } from '../api/messages';
import { NotApplicableError } from '../target/profile';
import { languageOf, settleLanguage } from '../target/language';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import type { SettingObservation } from '../target/learn-settings';
import { declaredProfile } from '../target/profile';
import { describeSetting, type StoreSettings } from '../target/settings';
import { learnVoucherLimits } from '../target/learners/vouchers';
import { observeTotals, shownOrder } from '../target/learners/totals';
import { checkOrderStatuses } from '../target/learners/order-statuses';
import { FRESH_TOTALS_ORDER, isTotalCode, orderProblems } from '../api/totals';
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
/** A fresh install's gift voucher limits (install/opencart.sql:3331-3332), as targets/provisioned.json names them. */
const FRESH_VOUCHER_LIMITS = { minimum_amount: 1, maximum_amount: 1000, amount_below_minimum: '0.99', amount_above_maximum: '1000.01' };
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
  async send(route: string, form?: Form, query?: Record<string, string | number>): Promise<ApiResponse | undefined> {
    this.onRequest();
    return wellFormed(() => this.session.call({ route, form, query, allowViolation: true }));
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
  // What the learners find, and the settings the checks below compare with: how prices are shown (config_tax)
  // decides what the shipping quote checks expect.
  // The store's language, which the totals lines' titles are in: learned first, for the learners and checks that read them.
  const language = checkLanguage(session, () => new CheckSession(client, fixtures, () => result.requests++, (r) => durations.push(r.durationMs)), fixtures, result);
  const learned = language.then(() => allSettledOrThrow(SETTING_LEARNERS.map((learn) => learn(session)))).then((found) => found.flat());
  const shown = learned.then((found) => shownSettings(fixtures, found));
  // Independent groups, each in a session of its own, all at once: the check costs a few round trips, not seventy.
  const others = allSettledOrThrow<unknown>([
    ...chunks(products, PRODUCTS_PER_SESSION).map(async (some) => checkProducts(await session(), some, result)),
    checkCurrencies(session, fixtures, shown, result),
    ...halves(coupons).map(async (some) => checkCoupons(await withEveryProduct(), some, result)),
    (async () => checkVouchers(await withEveryProduct(), fixtures, result, language))(),
    (async () => checkVoucherLimits(await session(), fixtures, result))(),
    (async () => checkTotalsOrder(await language.then(session), fixtures, result))(),
    ...halves(customers).map(async (some) => checkCustomers(await session(), some, result)),
    (async () => checkPaymentConfiguration(await session(), fixtures, result))(),
    ...quoted.map(async (address) => checkShippingQuote(await session(), fixtures, address, shown, result)),
    checkRestrictedUser(client, params, result),
    language,
    (async () => learnRelease(await session(), await session(), fixtures, result))(),
    (async () => result.settingObservations.push(...(await learned)))(),
  ]);
  // With writes allowed, one order shows the default status and whether it is active: its session is prepared beside
  // the other checks, and it is placed after them, whose customers' points it would otherwise change under them
  // (src/target/learners/order-statuses.ts). It redeems a point only where the totals show the Reward Points line.
  const rewardLineShown = learned.then((found) => found.find((o) => o.key === 'total_reward_status')?.value !== false, () => false);
  const statuses = params.allowWrites ? (async () => checkOrderStatuses(await session(), others, rewardLineShown))() : Promise.resolve({});
  const [, statusMismatches] = await allSettledOrThrow<unknown>([others, statuses]);
  Object.assign(result.mismatches, statusMismatches as Record<string, string>);
  settleDisabledCurrencies(result);
  durations.sort((x, y) => x - y);
  result.roundTripMs = durations[Math.floor(durations.length / 2)] ?? NaN;
  return result;
}

/**
 * The settings as the store's answers show them, for the checks whose expectations follow them: a value the answers
 * carry, else what the fixtures say (or a fresh install's). A learned value that contradicts the fixtures is reported
 * by the settings (settleSettings); the checks compare with what the store shows, so they do not blame another key.
 */
export function shownSettings(fixtures: Fixtures, observations: SettingObservation[]): StoreSettings {
  const settings = Object.fromEntries(Object.entries(declaredProfile(fixtures).settings).map(([k, f]) => [k, f.value])) as unknown as Record<string, unknown>;
  for (const o of observations) if (o.orBroken === undefined) settings[o.key] = o.value;
  return settings as unknown as StoreSettings;
}

/**
 * Waits for every check, then throws the first failure: with Promise.all, one failure (a timeout) would end the check
 * while the others still have requests in flight, and closing the client under them would crash the run.
 */
async function allSettledOrThrow<T>(checks: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(checks);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Products checked per session: each is added in a request of its own, so fewer per session is fewer round trips in a row. */
const PRODUCTS_PER_SESSION = 5;
const chunks = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
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

/**
 * Each gift voucher applies and pays its balance of a larger cart (where the store has the Gift Voucher total enabled:
 * with it disabled, api/voucher still accepts the code and nothing is paid, which the scenarios follow).
 */
async function checkVouchers(s: CheckSession, fixtures: Fixtures, result: FixtureCheckResult, language: Promise<void>): Promise<void> {
  const paying = declaredProfile(fixtures).settings.total_voucher_status.value === true;
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
      if (!succeeded(r) || !paying) return;
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
async function checkCurrencies(session: () => Promise<CheckSession>, fixtures: Fixtures, shown: Promise<StoreSettings>, result: FixtureCheckResult): Promise<void> {
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
  // The price the store shows is the one with tax, or before tax where it shows prices so (config_tax): the other one
  // only to say that tax, not the currency, is what differs.
  const withTax = (await shown).config_tax;
  const bases = (withTax ? ['unit_price', 'price_ex_tax'] : ['price_ex_tax', 'unit_price'])
    .map((k) => ({ amount: Number(fixtureAt(fixtures, `products.simple.${k}`)), what: `products.simple.${k}` }))
    .filter((b) => Number.isFinite(b.amount) && b.amount > 0);
  const settled = settleDefault(defaultRole, fresh, chosen, bases);
  Object.assign(result.mismatches, settled.mismatches);
  if (!settled.base || !settled.format) return;
  if (settled.base !== bases[0] && bases[0]?.what.endsWith(withTax ? 'unit_price' : 'price_ex_tax')) {
    const how = `${withTax ? 'with tax' : 'before tax'}, as the store shows prices (${describeSetting('config_tax', withTax)})`;
    result.mismatches['currencies.default'] = `a new session shows ${FORMAT_QUANTITY} of the simple product at ${fresh.lineTotal}, its price ${withTax ? 'before' : 'with'} tax ` +
      `(${settled.base.what}), where its price ${how} was expected: ` +
      (withTax ? 'the suite\'s tax does not apply on this store (provision it again), or its Taxes total is off, or it shows prices without tax while its totals show no tax'
        : 'the store shows prices with tax after all (leave config_tax out of the fixtures)');
    return;
  }
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

/** The addresses the store accepts, and the payment methods it offers for a cart to ship. */
async function checkPaymentConfiguration(s: CheckSession, fixtures: Fixtures, result: FixtureCheckResult): Promise<void> {
  if (!(await cartToShip(s, fixtures))) return;
  // The addresses a store accepts name their country; the others are there to be refused.
  for (const [role] of roles(fixtures, 'addresses', (a) => typeof a.country === 'string' && a.country !== '')) {
    const payment = await s.send('api/payment/address', addressForm(s, role));
    if (refused(payment)) result.mismatches[`addresses.${role}`] = `api/payment/address refuses it: ${brief(payment)}`;
  }
  const methods = await s.send('api/payment/methods');
  const [last] = roles(fixtures, 'addresses', (a) => typeof a.country === 'string' && a.country !== '').slice(-1);
  if (methods) checkPaymentMethods(fixtures, methods, last?.[0] ?? '(none)', result);
}

/**
 * The gift voucher limits (src/target/learners/vouchers.ts): learned from the store's refusal, which quotes them, and
 * written into the fixtures the scenarios read, with the amounts just outside them. A file that names limits of its own
 * (other than a fresh install's, which targets/provisioned.json names) must name the store's. A store that sells a gift
 * voucher of any amount has no limits to learn: the fixtures' stay, and the voucher scenarios judge the store by them.
 */
async function checkVoucherLimits(s: CheckSession, fixtures: Fixtures, result: FixtureCheckResult): Promise<void> {
  const found = await learnVoucherLimits(s);
  const vouchers = fixtures.vouchers;
  if (!found || !('limits' in found) || !isRecord(vouchers)) return;
  const { minimum, maximum, evidence } = found.limits;
  const learned = { minimum_amount: minimum, maximum_amount: maximum };
  const named = (['minimum_amount', 'maximum_amount'] as const).filter((k) => vouchers[k] !== undefined && Number(vouchers[k]) !== FRESH_VOUCHER_LIMITS[k]);
  const contradicted = named.filter((k) => Number(vouchers[k]) !== learned[k]);
  if (contradicted.length) {
    result.mismatches['vouchers.minimum_amount'] = `the store's gift voucher limits are ${minimum} to ${maximum} (${evidence}), the fixtures say ` +
      `${vouchers.minimum_amount} to ${vouchers.maximum_amount}: leave them out, the check learns them`;
    return;
  }
  for (const [key, outside, fresh] of [['amount_below_minimum', minimum - 0.01, FRESH_VOUCHER_LIMITS.amount_below_minimum], ['amount_above_maximum', maximum + 0.01, FRESH_VOUCHER_LIMITS.amount_above_maximum]] as const) {
    if (vouchers[key] === undefined || String(vouchers[key]) === fresh) vouchers[key] = outside.toFixed(2);
  }
  Object.assign(vouchers, learned);
}

/**
 * The order of the totals lines (src/target/learners/totals.ts says why it is verified, not learned): the lines of a
 * cart in which every total shows one must come in the fixtures' `totals.order` (a fresh install's when they name none).
 */
async function checkTotalsOrder(s: CheckSession, fixtures: Fixtures, result: FixtureCheckResult): Promise<void> {
  const seen = await observeTotals(s);
  if (!seen) return;
  const declared = fixtureAt(fixtures, 'totals.order');
  const order = Array.isArray(declared) ? declared.filter(isTotalCode) : FRESH_TOTALS_ORDER;
  const problems = orderProblems(seen.lines.map((l) => l.code), order);
  if (!problems.length) return;
  const shown = shownOrder(seen);
  // The order to write: the one shown, with the totals it did not show where the fixtures put them.
  const suggested = [...shown];
  for (const code of order.filter((c) => !shown.includes(c))) {
    const before = order.slice(0, order.indexOf(code)).reverse().find((c) => suggested.includes(c));
    suggested.splice(before === undefined ? 0 : suggested.indexOf(before) + 1, 0, code);
  }
  result.mismatches['totals.order'] = `api/cart/products of a cart with ${seen.cart} lists ${seen.lines.map((l) => l.title).join(', ')}: ${problems.join('; ')}. ` +
    `Either the store's order totals run in that order (Extensions > Extensions > Order Totals, their sort orders: then write "totals": { "order": ${JSON.stringify(suggested)} } in the fixtures), ` +
    'or the store does not list its totals by their sort order';
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

/**
 * The shipping methods the store quotes for one address: each the fixtures price there, at that price: its cost with
 * the address's taxes, or its cost alone where the store shows prices without tax (config_tax).
 */
async function checkShippingQuote(s: CheckSession, fixtures: Fixtures, address: string, shown: Promise<StoreSettings>, result: FixtureCheckResult): Promise<void> {
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
    const withTax = (await shown).config_tax || m.cost === undefined;
    const expected = fixtureMoney(s, withTax ? key : `shipping_methods.${role}.cost`);
    if (quote.text !== expected) {
      result.mismatches[key] = `the store quotes ${quote.text} (cost ${quote.cost}), the fixtures expect ${expected}` +
        (withTax ? '' : ` (its cost: the store shows prices without tax, ${describeSetting('config_tax', false)})`);
    }
    if (m.cost !== undefined && quote.cost !== String(m.cost)) result.mismatches[`shipping_methods.${role}.cost`] = `the store quotes a cost of ${quote.cost}, the fixtures say ${m.cost}`;
    if (m.title !== undefined && quote.title !== String(m.title)) result.mismatches[`shipping_methods.${role}.title`] = `the store calls it "${quote.title}", the fixtures "${m.title}"`;
  }
}

function checkPaymentMethods(fixtures: Fixtures, r: ApiResponse, address: string, result: FixtureCheckResult): void {
  const mismatch = (key: string, what: string): void => {
    result.mismatches[key] = what;
  };
  const offered = paymentMethods(r);
  // Free checkout is offered only for a total of zero: checked by the scenarios that build one.
  for (const [role, m] of roles(fixtures, 'payment_methods', (m) => m.title !== undefined && m['zero total cart'] === undefined)) {
    const method = offered.get(String(m.code));
    if (!method) {
      mismatch(`payment_methods.${role}.code`, `the store offers no ${m.code} payment for a cart to ship (1 "simple" product, no shipping chosen yet, at the "${address}" payment address): ` +
        `the method is disabled, or limited to a geo zone without that address, or (cash on delivery) its minimum total is above the cart's: ${brief(r)}`);
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
