// An API session as a client holds it: the api_token from api/login and the storefront cookies.
// Each scenario owns its sessions, so scenarios are independent and run in parallel.
import { CookieJar } from 'tough-cookie';
import { ContractViolationError } from './contract';
import { PhpNoticeError, type ApiClient, type ApiRequest, type ApiResponse } from './client';

export interface SessionRequest extends ApiRequest {
  /** Answer even when it violates the contract (the scenario inspects the violation itself). */
  allowViolation?: boolean;
  /** Send no api_token at all, or this one instead of the session's. */
  withoutToken?: boolean;
}

export class ApiSession {
  token?: string;
  /** The store's cookies (OCSESSID, currency, language) as a browser keeps them: by path, until they expire or are deleted. */
  private readonly cookies = new CookieJar();

  constructor(
    private readonly client: ApiClient,
    private onExchange: (response: ApiResponse) => void = () => undefined,
    /**
     * The store shows PHP's warnings (config_error_display on): a notice before well-formed JSON is what its
     * configuration promises, so the answer is judged on its JSON (the exchange still shows the notice).
     */
    private readonly noticesShown = false,
  ) {}

  /** Reports this session's exchanges from now on to another scenario (a session logged in ahead, src/login-ahead.ts). */
  reportTo(onExchange: (response: ApiResponse) => void): void {
    this.onExchange = onExchange;
  }

  /** POST api/login; keeps the token when the store issues one. */
  async login(username: string | undefined, key: string, options: Partial<SessionRequest> = {}): Promise<ApiResponse> {
    const form: Record<string, string> = { key };
    if (username !== undefined) form.username = username;
    const response = await this.call({ route: 'api/login', form, withoutToken: true, ...options });
    const token = (response.json as { api_token?: unknown } | undefined)?.api_token;
    if (typeof token === 'string') this.token = token;
    return response;
  }

  async call(request: SessionRequest): Promise<ApiResponse> {
    const { allowViolation, withoutToken, ...rest } = request;
    const headers = { ...rest.headers };
    const url = this.client.url(rest.route, undefined, rest.query);
    const cookie = this.cookies.getCookieStringSync(url);
    if (cookie && !headers.cookie) headers.cookie = cookie;
    const token = 'token' in request ? request.token : withoutToken ? undefined : this.token;
    const response = await this.client.send({ ...rest, headers, token });
    // A cookie the store sets wrongly is the store's business; the API answer is what the scenario judges.
    for (const line of response.headers['set-cookie']?.split('\n') ?? []) this.cookies.setCookieSync(line, url, { ignoreError: true });
    this.onExchange(response);
    if (!allowViolation && response.phpNotice && !(this.noticesShown && response.json !== undefined)) throw new PhpNoticeError(request.route, response.phpNotice);
    if (!allowViolation && response.validation && !response.validation.ok) throw new ContractViolationError(response.validation);
    return response;
  }
}
