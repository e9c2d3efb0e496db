// A small client for tests of the reference store: form-encodes like a browser (PHP bracket names allowed), keeps an
// api_token, and can send from another local address (Linux routes all of 127.0.0.0/8 to loopback).
import http from 'node:http';

export type Form = string | Array<[string, string]> | Record<string, string | number>;

export interface Answer {
  status: number;
  type: string;
  body: string;
  /** The body parsed as JSON, undefined when it is not JSON. */
  json: unknown;
  headers: http.IncomingHttpHeaders;
}

export interface CallOptions {
  token?: string;
  method?: string;
  /** Extra query parameters (e.g. order_id). */
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  localAddress?: string;
  /** Send the body as is (with this content type) instead of form-encoding. */
  contentType?: string;
}

/** Forms the store's tests share, on the demo data's customers, countries and zones. */
export const GUEST = { customer_id: 0, customer_group_id: 1, firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com', telephone: '0123456789' };
export const RITA = { customer_id: 1, customer_group_id: 1, firstname: 'Rita', lastname: 'Rewards', email: 'rita@example.com', telephone: '0123456789' };
export const UK = { firstname: 'Jane', lastname: 'Doe', address_1: '1 High Street', city: 'Lancaster', postcode: 'LA1 1AA', country_id: 222, zone_id: 3563 };
export const US = { firstname: 'John', lastname: 'Smith', address_1: '5th Avenue 1', city: 'New York', country_id: 223, zone_id: 3655 };
export const METHODS = { payment_method: 'cod', shipping_method: 'flat.flat' };

export function encodeForm(form: Form | undefined): string {
  if (form === undefined) return '';
  if (typeof form === 'string') return form;
  const pairs = Array.isArray(form) ? form : Object.entries(form).map(([k, v]): [string, string] => [k, String(v)]);
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export class StoreClient {
  token = '';

  constructor(readonly base: string, readonly localAddress?: string) {}

  call(route: string, form?: Form, options: CallOptions = {}): Promise<Answer> {
    const url = new URL(this.base);
    const token = options.token ?? this.token;
    const query = new URLSearchParams({ route });
    if (token) query.set('api_token', token);
    for (const [k, v] of Object.entries(options.query ?? {})) query.set(k, String(v));
    const method = options.method ?? 'POST';
    const body = method === 'GET' || method === 'HEAD' ? undefined : encodeForm(form);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path: `/index.php?${query.toString().replace(/%2F/g, '/')}`,
          headers: {
            ...(body !== undefined ? { 'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } : {}),
            ...options.headers,
          },
          localAddress: options.localAddress ?? this.localAddress,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text, json, headers: res.headers });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Logs in and keeps the token; returns the answer. */
  async login(key: string, username?: string): Promise<Answer> {
    const answer = await this.call('api/login', username === undefined ? { key } : { username, key }, { token: '' });
    const token = (answer.json as { api_token?: string } | undefined)?.api_token;
    if (token) this.token = token;
    return answer;
  }
}
