// The request as a PHP controller sees it: $_GET, $_POST and $_COOKIE parsed the way PHP parses them (bracket syntax,
// `.` and space in names turned into `_`, at most 1000 variables, 64 levels), then OpenCart's Request::clean, which
// HTML-escapes every key and value (`<` arrives as `&lt;`; invalid UTF-8 arrives as an empty string).
import type { IncomingMessage } from 'node:http';
import { appendKey, htmlspecialchars, isArray, phpKey, phpTrim, type PhpArray, type PhpKey, type PhpValue } from './php';

export interface ServerVars {
  REMOTE_ADDR: string;
  HTTP_HOST: string;
  HTTP_USER_AGENT?: string;
  HTTP_ACCEPT_LANGUAGE?: string;
  HTTP_X_FORWARDED_FOR?: string;
  HTTP_CLIENT_IP?: string;
}

export interface PhpRequest {
  method: string;
  /** $this->request->get / post / cookie: cleaned. */
  get: PhpArray;
  post: PhpArray;
  cookie: PhpArray;
  /** $_COOKIE as PHP parsed it, before cleaning: the session startup reads the session id from here. */
  rawCookie: Map<string, string>;
  server: ServerVars;
}

const MAX_INPUT_VARS = 1000;
const MAX_NESTING = 64;

/** urldecode() over a byte string (latin1-encoded JS string): `+` is a space, `%XX` a byte, a bad escape stays as is. */
function urldecode(bin: string): string {
  return bin.replace(/\+/g, ' ').replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

type RawArray = Map<PhpKey, RawValue>;
type RawValue = string | RawArray;

/** php_register_variable_ex: store `value` under a name that may carry `[index]` parts. */
function register(target: RawArray, rawName: string, value: string): void {
  let name = rawName.split('\0')[0].replace(/^ +/, '');
  let base = '';
  let p = 0;
  for (; p < name.length && name[p] !== '['; p++) base += name[p] === ' ' || name[p] === '.' ? '_' : name[p];
  if (!base) return;
  const indices: Array<string | null> = [];
  if (p < name.length) {
    let rest = name.slice(p);
    for (;;) {
      if (indices.length + 1 > MAX_NESTING) return;
      const close = rest.indexOf(']', 1);
      if (close < 0) {
        // An unclosed `[` is not an index: at the first level it becomes part of the name.
        if (indices.length === 0) base += `_${rest.slice(1).replace(/[ .[]/g, '_')}`;
        break;
      }
      const index = rest.slice(1, close);
      indices.push(index === '' ? null : index);
      rest = rest.slice(close + 1);
      if (rest[0] !== '[') break;
    }
  }
  name = base;
  let table = target;
  let key: PhpKey | null = phpKey(name);
  for (const index of indices) {
    let next: RawValue | undefined = key === null ? undefined : table.get(key);
    if (!(next instanceof Map)) {
      next = new Map();
      table.set(key === null ? appendKey(table as PhpArray) : key, next);
    }
    table = next;
    key = index === null ? null : phpKey(index);
  }
  table.set(key === null ? appendKey(table as PhpArray) : key, value);
}

/** PHP's treat_data for a query string or an urlencoded body. */
export function parseVariables(bin: string): RawArray {
  const target: RawArray = new Map();
  let count = 0;
  for (const pair of bin.split('&')) {
    if (!pair) continue;
    if (++count > MAX_INPUT_VARS) break;
    const eq = pair.indexOf('=');
    const name = urldecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : urldecode(pair.slice(eq + 1));
    register(target, name, value);
  }
  return target;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes → text; htmlspecialchars() without ENT_SUBSTITUTE returns '' for invalid UTF-8. */
function utf8OrEmpty(bin: string): string {
  try {
    return decoder.decode(Buffer.from(bin, 'latin1'));
  } catch {
    return '';
  }
}

/** Request::clean: HTML-escape every key and every value, recursively; from 3.0.5.0 also trim them. */
export function clean(raw: RawArray, trim = false): PhpArray {
  const out: PhpArray = new Map();
  const text = (s: string): string => (trim ? phpTrim(htmlspecialchars(utf8OrEmpty(s))) : htmlspecialchars(utf8OrEmpty(s)));
  for (const [key, value] of raw) {
    const cleanKey = phpKey(typeof key === 'number' ? String(key) : text(key));
    out.set(cleanKey, value instanceof Map ? clean(value, trim) : text(value));
  }
  return out;
}

/** Cookie header → $_COOKIE: `;`-separated, values url-decoded, the first cookie of a name wins. */
export function parseCookies(header: string | undefined): RawArray {
  const target: RawArray = new Map();
  if (!header) return target;
  let count = 0;
  for (const part of Buffer.from(header, 'utf8').toString('latin1').split(';')) {
    const pair = part.replace(/^[ \t]+/, '');
    if (!pair) continue;
    if (++count > MAX_INPUT_VARS) break;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (target.has(phpKey(name))) continue;
    register(target, name, eq < 0 ? '' : urldecode(pair.slice(eq + 1)));
  }
  return target;
}

/** The client's address as PHP's REMOTE_ADDR shows it: the socket peer, an IPv4-mapped IPv6 address as plain IPv4. */
export function remoteAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** Builds the PHP view of one HTTP request. `body` is the raw request body; `trim`: Request::clean trims (3.0.5.0 on). */
export function buildRequest(req: IncomingMessage, body: Buffer, trim = false): PhpRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const query = q < 0 ? '' : url.slice(q + 1).split('#')[0];
  const method = (req.method ?? 'GET').toUpperCase();
  // PHP fills $_POST only for POST requests with an urlencoded (or multipart) body; PUT, JSON and GET bodies are ignored.
  const contentType = (header(req, 'content-type') ?? '').toLowerCase();
  let post: RawArray = new Map();
  if (method === 'POST' && contentType.split(';')[0].trim() === 'application/x-www-form-urlencoded') {
    post = parseVariables(body.toString('latin1'));
  } else if (method === 'POST' && contentType.startsWith('multipart/form-data')) {
    post = parseMultipart(body, contentType);
  }
  const rawCookies = parseCookies(header(req, 'cookie'));
  const rawCookie = new Map<string, string>();
  for (const [k, v] of rawCookies) if (typeof v === 'string') rawCookie.set(String(k), utf8OrEmpty(v));
  return {
    method,
    get: clean(parseVariables(Buffer.from(query, 'utf8').toString('latin1')), trim),
    post: clean(post, trim),
    cookie: clean(rawCookies, trim),
    rawCookie,
    server: {
      REMOTE_ADDR: remoteAddress(req),
      HTTP_HOST: header(req, 'host') ?? '',
      HTTP_USER_AGENT: header(req, 'user-agent'),
      HTTP_ACCEPT_LANGUAGE: header(req, 'accept-language'),
      HTTP_X_FORWARDED_FOR: header(req, 'x-forwarded-for'),
      HTTP_CLIENT_IP: header(req, 'client-ip'),
    },
  };
}

/** multipart/form-data fields (files are ignored: the API has no upload route). */
function parseMultipart(body: Buffer, contentType: string): RawArray {
  const target: RawArray = new Map();
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return target;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  let count = 0;
  for (const part of body.toString('latin1').split(delimiter)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(head);
    if (!name || /\bfilename="/i.test(head)) continue;
    if (++count > MAX_INPUT_VARS) break;
    register(target, name[1], part.slice(split + 4).replace(/\r\n$/, ''));
  }
  return target;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading fields the way the controllers do.

/**
 * A scalar field: `undefined` when absent (PHP's isset() is false), else its string. An array posted where a scalar is
 * expected reads as '' (PHP would raise a TypeError and answer an empty 500; see the report).
 */
export function field(source: PhpArray, name: string): string | undefined {
  const value = source.get(phpKey(name));
  if (value === undefined || value === null) return undefined;
  return isArray(value) ? '' : String(value);
}

/** An array field: its entries, or an empty array when absent or posted as a plain string. */
export function arrayField(source: PhpArray, name: string): PhpArray | undefined {
  const value = source.get(phpKey(name));
  if (value === undefined || value === null) return undefined;
  return isArray(value) ? value : new Map();
}

export type { PhpValue };
