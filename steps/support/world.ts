// One World per scenario: its own API sessions (each logs in for itself), the last answer, and the target's fixtures.
import { World, setWorldConstructor, type IWorldOptions } from './cucumber';
import { ApiSession } from '../../src/session';
import type { ApiResponse, Form } from '../../src/client';
import type { SessionRequest } from '../../src/session';
import { loadFixtures, type FixtureValue } from '../../src/fixtures';
import { Target, declaredProfile } from '../../src/target/profile';
import { useLanguage } from '../../src/api/messages';
import { currencySamples, useCurrencyFormats } from '../../src/api/money';
import { workerClient, type RunParameters } from '../../src/run-parameters';
import { describeExchange } from '../../src/reports/exchange';
import { recordExchange } from '../../src/reports/recording';
import { ExchangeNormaliser, type ExchangeRecord } from '../../src/exchanges/normalise';
import { NOT_APPLICABLE, SKIP_REASON } from '../../src/reports/results';
import { inProcessParameters } from './in-process-store';
import { newCartState } from '../../src/api/cart';
import { newDiscountState } from '../../src/api/discounts';
import { newOrderState } from '../../src/api/order';
import { newNegativeRun } from '../../src/negative';
import { newSecurityState } from '../../src/security';
import { workerLoginsAhead } from '../../src/login-ahead';

const RECORD_FILE = process.env.INVOTIDE_RECORD_EXCHANGES;

export class ConformanceWorld extends World<RunParameters> {
  /** What the suite knows of the store under test: release, settings, language, data roles (src/target/profile.ts). */
  readonly target: Target;
  /** Named API sessions of this scenario ('default' unless a step names another). */
  readonly sessions = new Map<string, ApiSession>();
  /** The answer to the last call of the scenario. */
  last?: ApiResponse;
  /** The session of the last call. */
  private lastSession?: string;
  /** Whether a Then step has looked at the last answer (an After hook fails scenarios that never do). */
  lastChecked = false;
  // The scenario's state, one typed field per area; the tasks in src/api/ keep theirs here.
  readonly cart = newCartState();
  readonly discounts = newDiscountState();
  readonly order = newOrderState();
  readonly negative = newNegativeRun();
  readonly security = newSecurityState();
  /** Orders this scenario created, deleted in an After hook even when a step failed. */
  readonly createdOrders: Array<{ session: string; orderId: number }> = [];
  /** The routes called since the last step ended (an AfterStep hook sorts them into the two sets below). */
  readonly routesCalled = new Set<string>();
  /** The routes its Given steps called (arranged) and its When and Then steps (exercised), for the check of its @route tags. */
  readonly stepRoutes = { arranged: new Set<string>(), exercised: new Set<string>() };
  /** Keys this scenario came to know (an API user of its own): blanked in its exchanges like the run's. */
  private readonly scenarioSecrets: string[] = [];
  private strangers = 0;
  /** The step running now (1-based; 0 once the steps are over): the exchange record files each exchange under it. */
  step = 1;
  /** The scenario's exchanges, normalised as they happen (written by the After hook when the run records them). */
  readonly exchanges: ExchangeRecord[] = [];
  private normaliser?: ExchangeNormaliser;

  constructor(options: IWorldOptions<RunParameters>) {
    super({ ...options, parameters: inProcessParameters() ?? options.parameters });
    this.target = cachedTarget(this.parameters);
  }

  session(name = 'default'): ApiSession {
    let s = this.sessions.get(name);
    if (!s) {
      s = new ApiSession(workerClient(this.parameters), (r) => this.recordExchange(r), this.target.settings.config_error_display);
      this.sessions.set(name, s);
    }
    return s;
  }

  async call(route: string, form?: Form, options: Omit<SessionRequest, 'route' | 'form'> & { session?: string } = {}): Promise<ApiResponse> {
    const { session, ...request } = options;
    const response = this.answered(await this.session(session).call({ route, form, ...request }));
    this.lastSession = session ?? 'default';
    return response;
  }

  /**
   * The cart as the store answered it last, when the scenario's last call read that session's cart (nothing can have
   * changed it since): a step that checks the cart needs no second read.
   */
  lastCartRead(session = 'default'): ApiResponse | undefined {
    const cart = this.last?.route === 'api/cart/products' && this.lastSession === session ? (this.last.json as { products?: unknown } | undefined) : undefined;
    return Array.isArray(cart?.products) ? this.last : undefined;
  }

  /**
   * The session under this name, logged in ahead by this worker while an earlier scenario ran (src/login-ahead.ts): a
   * fresh one, now this scenario's, its login recorded as this scenario's exchange. Undefined when the worker has none
   * ready (the scenario logs in itself) or the scenario already has a session of that name.
   */
  async sessionLoggedInAhead(name = 'default'): Promise<ApiResponse | undefined> {
    if (this.sessions.has(name)) return undefined;
    const made = await workerLoginsAhead(this.parameters, this.target.settings.config_error_display).take();
    if (!made || this.sessions.has(name)) return undefined;
    made.session.reportTo((r) => this.recordExchange(r));
    this.sessions.set(name, made.session);
    this.recordExchange(made.answer);
    return made.answer;
  }

  /** A new session that holds nothing (no token, no cookie), as a stranger to the store would. */
  stranger(): ApiSession {
    return this.session(`stranger ${++this.strangers}`);
  }

  /** Blanks this value in every exchange the scenario attaches from now on. */
  addSecret(secret: string): void {
    this.scenarioSecrets.push(secret);
    this.normaliser?.addSecret(`scenario key ${this.scenarioSecrets.length}`, secret);
  }

  perRunValue(kind: 'api_user', value: string): void {
    this.exchangeNormaliser().perRunValue(kind, value);
  }

  /** Records a response as the scenario's last answer, not yet checked. */
  answered(response: ApiResponse): ApiResponse {
    this.last = response;
    this.lastChecked = false;
    return response;
  }

  /** The last answer, for a Then step to check (marks it checked). */
  answer(): ApiResponse {
    if (!this.last) throw new Error('no request was made in this scenario yet');
    this.lastChecked = true;
    return this.last;
  }

  /** A fixture value, undefined when the fixtures do not name it; a datum the target lacks ends the scenario as skipped. */
  fixture(path: string): FixtureValue | undefined {
    return this.target.fixture(path);
  }

  interpolate(text: string): string {
    return this.target.interpolate(text);
  }

  /** Marks the scenario skipped with a reason the summary and Allure show. */
  skip(reason: string): 'skipped' {
    this.attach(reason, { mediaType: SKIP_REASON, fileName: 'skip reason' });
    return 'skipped';
  }

  /** Marks the scenario not applicable to this kind of target (cucumber counts it skipped; the suite's reports do not). */
  notApplicable(reason: string): 'skipped' {
    this.attach(reason, { mediaType: NOT_APPLICABLE, fileName: 'not applicable' });
    return 'skipped';
  }

  private recordExchange(response: ApiResponse): void {
    this.routesCalled.add(response.route);
    const { name, body } = describeExchange(response, [...this.parameters.secrets, ...this.scenarioSecrets]);
    this.attach(body, { mediaType: 'application/json', fileName: name });
    if (RECORD_FILE) recordExchange(RECORD_FILE, response);
    if (this.parameters.exchangesDir) this.exchanges.push(this.exchangeNormaliser().record(response, this.step));
  }

  private exchangeNormaliser(): ExchangeNormaliser {
    const p = this.parameters;
    this.normaliser ??= new ExchangeNormaliser({
      baseUrl: p.baseUrl,
      // By role, so the record of another store (its own keys) reads the same.
      secrets: { 'api key': p.apiKey, 'restricted key': p.restrictedKey, 'disabled key': p.disabledKey, 'default key': p.defaultUserKey, ...Object.fromEntries(this.scenarioSecrets.map((s, i) => [`scenario key ${i + 1}`, s])) },
    });
    return this.normaliser;
  }
}

// One model per worker: the runner built the profile once and handed it over; a cucumber run without the runner (the
// in-process store of mutation testing) has only the fixtures' declared profile.
let target: { of: RunParameters; model: Target } | undefined;
function cachedTarget(p: RunParameters): Target {
  if (target?.of !== p) {
    target = { of: p, model: new Target(p.profile ?? declaredProfile(loadFixtures(p.fixturesFile))) };
    // The expected messages are the store's language's (src/api/messages.ts), its amounts written as it writes them.
    useLanguage(target.model.language);
    useCurrencyFormats(currencySamples(target.model.profile.fixtures));
  }
  return target.model;
}

setWorldConstructor(ConformanceWorld);
