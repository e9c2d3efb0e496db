// The one way the suite speaks to a store: undici keep-alive pools, OpenCart's URL and form shapes,
// and contract validation of every answer (never a step someone must remember).
import { readFileSync } from 'node:fs';
import type { Dispatcher } from 'undici';
import { Contract, ContractViolationError, type ValidationResult } from '../contract';
import { suiteSessionId } from '../provision/dataset';
import { encodeForm, type Form } from './form';

// The parts of undici the client uses, from their own files: undici's index loads all of undici (fetch, WebSocket,
// caches, mocks), a fifth of the CPU a worker spends loading modules, which each worker of a parallel run repeats.
// undici 7 has no exports map; these are the very Pool, request and interceptor its index exports (the index also
// puts request on every dispatcher's prototype, so the client calls it on the pool instead; test/undici-parts.test.ts).
const Pool: typeof import('undici').Pool = require('undici/lib/dispatcher/pool');
const dispatcherRequest: Dispatcher['request'] = require('undici/lib/api').request;
const decompress: typeof import('undici').interceptors.decompress = require('undici/lib/interceptor/decompress');

export { encodeForm, flattenForm, type Form, type FormValue } from './form';

/** What pool.request does once undici's index has run: the request API, called on this dispatcher. */
const requestOn = (dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> =>
  (dispatcherRequest as unknown as (this: Dispatcher, o: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>).call(dispatcher, options);

/** The store could not be asked or did not answer: infrastructure, not non-conformance. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    readonly kind: 'refused' | 'timeout' | 'reset' | 'tls' | 'dns' | 'too-large' | 'other',
    message: string,
  ) {
    super(message);
  }
}

/** The store printed a PHP warning or notice before its JSON: real stores do, and it breaks strict JSON clients. */
export class PhpNoticeError extends Error {
  override name = 'PhpNoticeError';
  constructor(route: string, notice: string) {
    super(`${route} printed PHP output before its JSON: "${notice.slice(0, 160)}"`);
  }
}

export interface ApiRequest {
  /** The route as OpenCart names it, e.g. 'api/cart/add'. */
  route: string;
  form?: Form;
  /** Raw body instead of a form (e.g. JSON, to prove it is ignored). */
  rawBody?: string;
  query?: Record<string, string | number | undefined>;
  token?: string;
  method?: 'POST' | 'GET' | 'PUT';
  headers?: Record<string, string>;
  /** Local source address for this request (IP allow-list scenarios). */
  localAddress?: string;
}

export interface ApiResponse {
  /** What was sent; `headers` are the request's own and the session's cookie, as they went out. */
  request: { method: string; url: string; body: string; localAddress?: string; headers?: Record<string, string> };
  route: string;
  status: number;
  headers: Record<string, string>;
  contentType?: string;
  text: string;
  /** Parsed JSON when the body (after any PHP notice) is JSON. */
  json?: unknown;
  parseError?: string;
  /** PHP warning or notice printed before the JSON, as real stores with display_errors do. */
  phpNotice?: string;
  durationMs: number;
  validation?: ValidationResult;
  /** JSON pointers of fields no variant of the operation documents (stores add fields; reported, not failed). */
  undocumented?: string[];
}

export interface ClientOptions {
  baseUrl: string;
  timeoutMs: number;
  caFile?: string;
  contract?: Contract;
  /** Called with every exchange (reporting, recording); must not throw. */
  onExchange?: (response: ApiResponse) => void;
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 16 * 1024 * 1024;

export class ApiClient {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly base: URL;
  private readonly ca?: string;
  private routes?: Set<string>;

  constructor(private readonly options: ClientOptions) {
    this.base = new URL(options.baseUrl);
    this.ca = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined;
  }

  get baseUrl(): string {
    return this.base.toString();
  }

  /** The real URL of a route: index.php?route=api/...&api_token=...&order_id=... */
  url(route: string, token?: string, query: ApiRequest['query'] = {}): string {
    const u = new URL('index.php', this.base);
    u.searchParams.set('route', route);
    if (token !== undefined) u.searchParams.set('api_token', token);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    // OpenCart routes read best unescaped; the slash is legal in a query.
    return u.toString().replace(/%2F/g, '/');
  }

  /** Sends and validates against the contract; a violation throws unless the caller asked for the raw answer. */
  async call(request: ApiRequest): Promise<ApiResponse> {
    const response = await this.send(request);
    if (response.validation && !response.validation.ok) throw new ContractViolationError(response.validation);
    return response;
  }

  /** Sends and validates, returning the validation result instead of throwing on a violation. */
  async send(request: ApiRequest): Promise<ApiResponse> {
    const method = request.method ?? 'POST';
    const url = this.url(request.route, request.token, request.query);
    const body = request.rawBody ?? (request.form ? encodeForm(request.form) : '');
    const headers = withSuiteSession({ 'user-agent': 'invotide-conformance', ...request.headers });
    if (method !== 'GET' && request.rawBody === undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const target = new URL(url);
    const pool = this.pool(target.origin, request.localAddress);
    const started = performance.now();
    let status: number;
    let responseHeaders: Record<string, string>;
    let raw: Buffer;
    try {
      const res = await requestOn(pool, {
        path: target.pathname + target.search,
        method,
        headers,
        body: method === 'GET' ? undefined : body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = res.statusCode;
      responseHeaders = flattenHeaders(res.headers);
      raw = await readLimited(res.body, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY);
    } catch (error) {
      throw toTransportError(error, target.origin, this.options.timeoutMs, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY);
    }
    const text = raw.toString('utf8');
    const response: ApiResponse = {
      request: { method, url, body, localAddress: request.localAddress, headers },
      route: request.route,
      status,
      headers: responseHeaders,
      contentType: responseHeaders['content-type'],
      text,
      durationMs: performance.now() - started,
      ...parseBody(text),
    };
    response.validation = this.validate(response);
    this.options.onExchange?.(response);
    return response;
  }

  private validate(response: ApiResponse): ValidationResult | undefined {
    const contract = this.options.contract;
    if (!contract) return undefined;
    this.routes ??= new Set(contract.operations().map((o) => o.route));
    if (!this.routes.has(response.route)) return undefined;
    if (response.json === undefined) {
      return {
        operationId: contract.operation(response.route).operationId,
        ok: false,
        violations: [{
          operationId: contract.operation(response.route).operationId,
          pointer: '',
          expected: 'a JSON body',
          excerpt: `${response.parseError}: ${response.text.slice(0, 160)}`,
        }],
      };
    }
    // Stores add fields (extensions, themes): they are reported as undocumented, and the answer is judged on the
    // documented rest, so an addition alone never breaks the gate (unless --strict asks it to).
    const undocumented = contract.undocumentedFields(response.route, response.json);
    if (undocumented.length) response.undocumented = undocumented;
    return contract.validate(response.route, response.status, response.contentType, withoutPointers(response.json, undocumented));
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
  }

  private pool(origin: string, localAddress?: string): Dispatcher {
    const key = `${origin} ${localAddress ?? ''}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Pool(origin, {
        connections: 16,
        keepAliveTimeout: 10_000,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        // undici honours localAddress only as a top-level option; inside `connect` it is silently ignored.
        localAddress,
        connect: this.ca ? { ca: this.ca } : undefined,
      }).compose(decompression(this.options.maxBodyBytes ?? DEFAULT_MAX_BODY));
      this.pools.set(key, pool);
    }
    return pool;
  }
}

/**
 * The headers with an OCSESSID cookie of the suite's reserved shape added when they name no session: OpenCart writes a
 * row to its `session` table for every request without an api_token, under the id this cookie gives or a random one,
 * and only an id of the suite's own lets `provision --teardown` tell the rows runs made from everyone else's. A
 * session the request names itself (a scenario's own OCSESSID) is left as it is; the store's Set-Cookie keeps an
 * ApiSession on the one id.
 */
export function withSuiteSession(headers: Record<string, string>): Record<string, string> {
  const name = Object.keys(headers).find((k) => k.toLowerCase() === 'cookie');
  const cookie = name === undefined ? '' : headers[name];
  if (/(?:^|;)\s*OCSESSID=/.test(cookie)) return headers;
  const session = `OCSESSID=${suiteSessionId()}`;
  return { ...headers, [name ?? 'cookie']: cookie.trim() ? `${cookie}; ${session}` : session };
}

/**
 * PHP's own error display (`<br />\n<b>Warning</b>:  … in <b>file</b> on line <b>N</b><br />`) and OpenCart's handler's
 * (`<b>Unknown</b>: … on line <b>N</b>`, one after another with nothing between: deprecations are "Unknown" there).
 */
const PHP_NOTICE = /^\s*(?:<br\s*\/?>\s*)*(?:<b>)?(?:Warning|Notice|Deprecated|Unknown|Strict Standards|Fatal error|Parse error|Error)(?:<\/b>)?:\s[\s\S]*? on line (?:<b>)?\d+(?:<\/b>)?(?:\s*<br\s*\/?>)?/i;

/** The PHP notices at the start of a body, as text, and what follows them. */
function splitNotices(text: string): { notices: string[]; rest: string } {
  const notices: string[] = [];
  let rest = text;
  for (let m = PHP_NOTICE.exec(rest); m; m = PHP_NOTICE.exec(rest)) {
    notices.push(m[0].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
    rest = rest.slice(m[0].length);
  }
  return { notices, rest: rest.trim() };
}

/**
 * A PHP notice before the JSON is recognised and split off, so it can be reported as its own kind of fault: the first
 * notice, and how many there were when more than one.
 */
export function parseBody(text: string): Pick<ApiResponse, 'json' | 'parseError' | 'phpNotice'> {
  const trimmed = text.trim();
  if (trimmed === '') return { parseError: 'empty body' };
  try {
    return { json: JSON.parse(trimmed) };
  } catch (error) {
    const { notices, rest } = splitNotices(trimmed);
    if (notices.length) {
      const phpNotice = notices.length === 1 ? notices[0] : `${notices[0]} (and ${notices.length - 1} more PHP notices)`;
      try {
        return { json: JSON.parse(rest), phpNotice };
      } catch {
        return { parseError: 'PHP error output instead of JSON', phpNotice };
      }
    }
    return { parseError: (error as Error).message };
  }
}

/** A copy of a JSON value without the members at these JSON pointers. */
export function withoutPointers(value: unknown, pointers: string[]): unknown {
  if (!pointers.length) return value;
  const copy = structuredClone(value);
  for (const pointer of pointers) {
    const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop();
    let node: unknown = copy;
    for (const p of parts) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
    if (last !== undefined && node && typeof node === 'object' && !Array.isArray(node)) delete (node as Record<string, unknown>)[last];
  }
  return copy;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join('\n') : v;
  return out;
}

async function readLimited(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new TransportError('too-large', `the answer is larger than ${mebibytes(limit)} MiB; no API answer is that large`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * gzip, deflate and br answers decoded as they stream in, error pages too (a PHP error page is evidence), and never to
 * more than the body limit, so a small compressed answer cannot unpack into gigabytes. undici announces this
 * interceptor as experimental once per process; the suite pins undici and tests the interceptor, so that notice is
 * kept out of the user's terminal.
 */
function decompression(maxSize: number): Dispatcher.DispatcherComposeInterceptor {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning).includes('DecompressInterceptor')) (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return decompress({ skipErrorResponses: false, maxSize });
  } finally {
    process.emitWarning = emitWarning;
  }
}

const mebibytes = (bytes: number): number => Math.round(bytes / 1048576);

function toTransportError(error: unknown, origin: string, timeoutMs: number, maxBodyBytes: number): TransportError {
  if (error instanceof TransportError) return error;
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code)) {
    return new TransportError('timeout', `no answer from ${origin} within ${timeoutMs} ms`);
  }
  if (code === 'ECONNREFUSED') return new TransportError('refused', `connection refused by ${origin}: is the store running?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('dns', `cannot resolve the host of ${origin}`);
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new TransportError('too-large', `the answer unpacks to more than ${mebibytes(maxBodyBytes)} MiB; no API answer is that large`);
  if (origin.startsWith('https:') && /before secure TLS connection was established|wrong version number|packet length too long/i.test(e.message ?? '')) {
    return new TransportError('tls', `${origin} does not speak TLS on that port: is it a plain HTTP port? (try ${origin.replace(/^https:/, 'http:')})`);
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new TransportError('reset', `${origin} closed the connection before the answer was complete`);
  }
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code) || /certificate/i.test(e.message ?? '')) {
    return new TransportError('tls', `TLS failed for ${origin}: ${e.message} (set INVOTIDE_CA_FILE to trust a private CA)`);
  }
  return new TransportError('other', `request to ${origin} failed: ${e.message ?? String(error)}${code ? ` (${code})` : ''}`);
}
