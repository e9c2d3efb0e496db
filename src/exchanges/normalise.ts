// Every exchange of a scenario as a record two runs can be compared on: the request and the answer with what changes
// from run to run (tokens and session ids, order and cart ids, dates of now, the store's own URL) replaced by
// placeholders numbered in the order the scenario meets them, so "the order id of step 3 is the one of step 1" survives
// (both are `<order_id#1>`), and with no key, password or token left in it.
import type { ApiResponse } from '../client';

export interface RequestRecord {
  method: string;
  /** The query but `route`; `api_token` as its placeholder. */
  query?: Record<string, string>;
  /** A form body as its pairs, in the order sent. */
  form?: Array<[string, string]>;
  /** A body that is not a form (JSON, to prove it is ignored). */
  body?: string;
  /** The headers a scenario chose (the user agent and the form's content type are the client's, always the same). */
  headers?: Record<string, string>;
  /** Sent from the alternate source address (IP allow-list scenarios). */
  from?: 'alternate address';
}

export interface ResponseRecord {
  status: number;
  /** The content type. */
  type?: string;
  /** The headers that say something of the API (transport and server identity left out, see IGNORED_HEADERS). */
  headers?: Record<string, string>;
  json?: unknown;
  /** The body, when it is not JSON (cut to 2,000 characters). */
  text?: string;
  /** A PHP notice printed before the JSON. */
  notice?: string;
}

export interface ExchangeRecord {
  /** The pickle step (1-based) whose code made the request; 0 for the clean-up after the last step. */
  step: number;
  route: string;
  request: RequestRecord;
  response: ResponseRecord;
  /** JSON pointers of answer fields the contract does not document (as the client found them). */
  undocumented?: string[];
}

/**
 * Response headers left out of the record: the transport's (length, encoding, connection) and the server's identity
 * and clock, which differ between any two servers without the API behaving differently.
 */
export const IGNORED_HEADERS = new Set([
  'date', 'server', 'x-powered-by', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'content-encoding',
  'vary', 'etag', 'last-modified', 'age', 'via', 'content-type', 'alt-svc', 'x-request-id', 'cf-ray', 'cf-cache-status', 'report-to', 'nel',
  // PHP's built-in server (php -S) echoes the request's Host in its answers; Apache and nginx do not.
  'host',
]);
/** Request headers every request carries, the same on every run. */
const CLIENT_HEADERS = new Set(['user-agent', 'content-type']);

/** Kinds of per-run values, each numbered apart: `<session#1>`, `<order_id#2>`. */
type Kind = 'session' | 'order_id' | 'cart_id' | 'order_product_id' | 'voucher_code' | 'key' | 'id' | 'api_user';

/** Answer and form fields whose value is made anew by every run (auto-increment rows, random codes). */
const FIELD_KINDS: Record<string, Kind> = {
  api_token: 'session',
  order_id: 'order_id',
  cart_id: 'cart_id',
  order_product_id: 'order_product_id',
  order_option_id: 'id',
  order_voucher_id: 'id',
  order_total_id: 'id',
  order_history_id: 'id',
  voucher_id: 'id',
};

/** Form fields that name a cart line (api/cart/edit, api/cart/remove). */
const CART_KEY_FIELDS = new Set(['key', 'remove']);

/** Dates within this distance of the record are the run's own (`date_added` of an order just made). */
const DAY_MS = 24 * 3600 * 1000;
const NOW_WINDOW_MS = 2 * DAY_MS;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$|^\d{4}-\d{2}-\d{2}$|^[A-Z][a-z]{2}, \d{2}[ -][A-Z][a-z]{2}[ -]\d{4} \d{2}:\d{2}:\d{2} GMT$/;

export interface NormaliserOptions {
  /** The store's base URL, `<store url>` wherever it appears. */
  baseUrl: string;
  /** Secret values by the name the record shows instead (`api key`): never written, whatever the field. */
  secrets: Record<string, string | undefined>;
  now?: number;
}

/** One per scenario: the placeholders it has handed out, so that each value keeps its own through the scenario. */
export class ExchangeNormaliser {
  private readonly byKind = new Map<Kind, Map<string, string>>();
  /** Every value a placeholder stands for, to replace where it shows inside other text (a token in a header). */
  private readonly longValues = new Map<string, string>();
  private readonly secrets: Array<[string, string]>;
  private readonly baseUrls: string[];
  private readonly now: number;

  constructor(options: NormaliserOptions) {
    this.secrets = Object.entries(options.secrets)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0)
      .map(([name, value]) => [value, `<${name}>`]);
    const base = options.baseUrl.replace(/\/+$/, '');
    this.baseUrls = [base + '/', base, base.replace(/^https?:\/\//, '')];
    this.now = options.now ?? Date.now();
  }

  /** Adds a secret the scenario came to know (the key of an API user it made). */
  addSecret(name: string, value: string): void {
    if (value) this.secrets.push([value, `<${name}>`]);
  }

  /** A value the scenario had made for it (the name of an API user of its own): its placeholder wherever it shows. */
  perRunValue(kind: 'api_user', value: string): void {
    this.placeholder(kind, value);
  }

  record(r: ApiResponse, step: number): ExchangeRecord {
    return {
      step,
      route: r.route,
      request: this.request(r),
      response: this.response(r),
      ...(r.undocumented?.length ? { undocumented: r.undocumented } : {}),
    };
  }

  private request(r: ApiResponse): RequestRecord {
    const url = new URL(r.request.url);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) if (k !== 'route') query[k] = this.field(k, v, r.route);
    const out: RequestRecord = { method: r.request.method };
    if (Object.keys(query).length) out.query = query;
    const headers: Record<string, string> = {};
    let formBody = true;
    for (const [name, value] of Object.entries(r.request.headers ?? {})) {
      const k = name.toLowerCase();
      if (k === 'content-type') formBody = /x-www-form-urlencoded/.test(value);
      if (CLIENT_HEADERS.has(k)) continue;
      headers[k] = k === 'cookie' ? this.cookies(value) : this.text(value);
    }
    if (r.request.body) {
      if (formBody) out.form = [...new URLSearchParams(r.request.body)].map(([k, v]) => [k, this.field(k, v, r.route)]);
      else out.body = this.text(r.request.body);
    }
    if (Object.keys(headers).length) out.headers = headers;
    if (r.request.localAddress) out.from = 'alternate address';
    return out;
  }

  private response(r: ApiResponse): ResponseRecord {
    const out: ResponseRecord = { status: r.status };
    if (r.contentType !== undefined) out.type = r.contentType;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(r.headers)) {
      if (IGNORED_HEADERS.has(name)) continue;
      headers[name] = name === 'set-cookie' ? value.split('\n').map((line) => this.setCookie(line)).join('\n') : this.text(value);
    }
    if (Object.keys(headers).length) out.headers = sortedKeys(headers);
    if (r.json !== undefined) out.json = this.json(r.json, undefined, undefined);
    else out.text = this.text(r.text.slice(0, 2000));
    if (r.phpNotice) out.notice = this.text(r.phpNotice);
    return out;
  }

  /** A form or query field: by its name's kind, else as text. */
  private field(name: string, value: string, route: string): string {
    const base = name.replace(/\[.*$/, '');
    if (this.secretName(value)) return this.secretName(value)!;
    if (route === 'api/login' && base === 'key') return this.placeholder('key', value);
    if (base === 'password') return '<password>';
    if ((route === 'api/cart/edit' || route === 'api/cart/remove') && CART_KEY_FIELDS.has(base)) return this.placeholder('cart_id', value);
    if (base === 'OCSESSID') return this.placeholder('session', value);
    const kind = FIELD_KINDS[base];
    return kind ? this.placeholder(kind, value) : this.text(value);
  }

  /** An answer's JSON; `list` is the key of the array an item is in (`vouchers`). */
  private json(value: unknown, key: string | undefined, list: string | undefined): unknown {
    if (Array.isArray(value)) return value.map((v) => this.json(v, undefined, key));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.json(v, k, list);
      return out;
    }
    if (typeof value !== 'string' && typeof value !== 'number') return value;
    // A gift voucher bought in the session gets a random code (OpenCart's mt_rand()).
    const kind = key === 'code' ? (list === 'vouchers' ? 'voucher_code' : undefined) : key === undefined ? undefined : FIELD_KINDS[key];
    if (kind && value !== '' && value !== 0 && value !== '0') return this.placeholder(kind, String(value));
    return typeof value === 'string' ? this.text(value) : value;
  }

  /** `OCSESSID=…; currency=EUR` with the session as its placeholder. */
  private cookies(header: string): string {
    return header.split(/;\s*/).map((pair) => {
      const at = pair.indexOf('=');
      if (at < 0) return this.text(pair);
      const name = pair.slice(0, at);
      return `${name}=${this.field(name, pair.slice(at + 1), '')}`;
    }).join('; ');
  }

  /** A Set-Cookie line: its value by kind, an expiry of now's as `<date>`. */
  private setCookie(line: string): string {
    const [first, ...attributes] = line.split(/;\s*/);
    return canonicalSetCookie([this.cookies(first), ...attributes.map((a) => /^expires=/i.test(a) ? `expires=${this.expiry(a.slice(8))}` : this.text(a))].join('; '));
  }

  /** A cookie's expiry as its distance from now (`<now+30d>`), which is what the store chose; a fixed date as it is. */
  private expiry(value: string): string {
    const at = Date.parse(value);
    if (!Number.isFinite(at) || Math.abs(at - this.now) > 400 * DAY_MS) return value;
    const days = Math.round((at - this.now) / DAY_MS);
    return `<now${days < 0 ? '-' : '+'}${Math.abs(days)}d>`;
  }

  /** Free text: secrets, known per-run values and the store's URL replaced wherever they stand; a date of now as `<date>`. */
  private text(value: string): string {
    const trimmed = value.trim();
    if (DATE_TIME.test(trimmed)) {
      const at = Date.parse(/GMT$/.test(trimmed) ? trimmed : trimmed.replace(' ', 'T'));
      if (Number.isFinite(at) && Math.abs(at - this.now) < NOW_WINDOW_MS) return '<date>';
    }
    let out = value;
    for (const [secret, name] of this.secrets) if (out.includes(secret)) out = out.split(secret).join(name);
    for (const [known, placeholder] of this.longValues) if (out.includes(known)) out = out.split(known).join(placeholder);
    for (const base of this.baseUrls) if (out.includes(base)) out = out.split(base).join('<store url>');
    return out;
  }

  private secretName(value: string): string | undefined {
    return this.secrets.find(([secret]) => secret === value)?.[1];
  }

  private placeholder(kind: Kind, value: string): string {
    let values = this.byKind.get(kind);
    if (!values) this.byKind.set(kind, (values = new Map()));
    let name = values.get(value);
    if (!name) {
      name = `<${kind}#${values.size + 1}>`;
      values.set(value, name);
      // Long enough to be unmistakable inside other text (tokens, session ids, codes): replaced there too.
      if (value.length >= 16) this.longValues.set(value, name);
    }
    return name;
  }
}

/**
 * A cookie's Max-Age of a day or more in whole days (`Max-Age=<30d>`): PHP computes it as the expiry less the clock,
 * which ticks between the two (2592000 one time, 2591999 the next). Also applied by the diff to older records.
 */
export function canonicalSetCookie(value: string): string {
  return value.replace(/(max-age=)(\d+)/gi, (all, name: string, seconds: string) => (Number(seconds) >= DAY_MS / 1000 ? `${name}<${Math.round(Number(seconds) / (DAY_MS / 1000))}d>` : all));
}

function sortedKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
