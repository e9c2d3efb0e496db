// PHP 8 semantics that the real store's answers depend on: arrays with ordered keys, casts, loose comparison,
// float-to-string, round(), number_format(), json_encode()/json_decode(), htmlspecialchars() and
// filter_var(FILTER_VALIDATE_EMAIL). Each helper does what the PHP function does for the inputs an API client can send.
import { randomBytes, randomInt } from 'node:crypto';

export type PhpKey = string | number;
export type PhpScalar = string | number | boolean | null;
/** A PHP value as the store sees it. A PHP array is a Map, because PHP keeps insertion order and a JS object does not. */
export type PhpValue = PhpScalar | PhpArray;
export type PhpArray = Map<PhpKey, PhpValue>;

export const isArray = (v: unknown): v is PhpArray => v instanceof Map;

const INT_KEY = /^(0|-?[1-9][0-9]*)$/;

/** PHP turns a key that is a canonical decimal integer into an int key ("5" and 5 are the same key, "05" is not). */
export function phpKey(key: PhpKey): PhpKey {
  if (typeof key === 'number') return key;
  if (INT_KEY.test(key) && key.length < 19) return Number(key);
  return key;
}

/** `$array[] = $value`: the next integer key. */
export function appendKey(array: PhpArray): number {
  let next = 0;
  for (const key of array.keys()) if (typeof key === 'number' && key >= next) next = key + 1;
  return next;
}

export function arrayGet(array: PhpValue | undefined, key: PhpKey): PhpValue | undefined {
  return isArray(array) ? array.get(phpKey(key)) : undefined;
}

/** A list is what json_encode writes as `[...]`: keys exactly 0..n-1 in order. */
export function isList(array: PhpArray): boolean {
  let i = 0;
  for (const key of array.keys()) if (key !== i++) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Casts and comparison (PHP 8 "saner string to number" rules)

const WS = '[ \\t\\n\\r\\v\\f]*';
const NUM = '[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
const NUMERIC_STRING = new RegExp(`^${WS}${NUM}${WS}$`);
const LEADING_NUMERIC = new RegExp(`^${WS}(${NUM})`);

export function isNumericString(s: string): boolean {
  return NUMERIC_STRING.test(s);
}

const LONG_MAX = 9223372036854775807;

/** `(int)$value`. Strings convert like is_numeric_string with errors allowed; overflow saturates. */
export function toInt(v: PhpValue | undefined): number {
  if (v === undefined || v === null || v === false) return 0;
  if (v === true) return 1;
  if (isArray(v)) return v.size ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) || 0 : 0;
  const m = LEADING_NUMERIC.exec(v);
  if (!m) return 0;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return 0;
  if (n >= LONG_MAX) return LONG_MAX;
  if (n <= -LONG_MAX) return -LONG_MAX;
  return Math.trunc(n) || 0;
}

/** `(float)$value`. */
export function toFloat(v: PhpValue | undefined): number {
  if (v === undefined || v === null || v === false) return 0;
  if (v === true) return 1;
  if (isArray(v)) return v.size ? 1 : 0;
  if (typeof v === 'number') return v;
  const m = LEADING_NUMERIC.exec(v);
  return m ? Number(m[1]) : 0;
}

/**
 * A value used in arithmetic (`$a * $b`). PHP 8 throws a TypeError for a non-numeric string; the store answers JSON
 * instead, so such a value counts as 0 (see the report: a documented divergence, never reached by valid input).
 */
export function toNumber(v: PhpValue | undefined): number {
  if (typeof v === 'number') return v;
  const n = toFloat(v);
  return Number.isFinite(n) ? n : 0;
}

/** PHP truthiness, as in `if ($value)` and `empty()`. */
export function truthy(v: PhpValue | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v !== '' && v !== '0';
  return v.size > 0;
}

export const isEmpty = (v: PhpValue | undefined): boolean => !truthy(v);

function byteCompare(a: string, b: string): number {
  const c = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** `$a <=> $b` for the values a request can carry (PHP 8 comparison table). */
export function compare(a: PhpValue | undefined, b: PhpValue | undefined): number {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (isArray(x) || isArray(y)) {
    if (isArray(x) && isArray(y)) return sign(x.size - y.size);
    if (x === null || y === null || typeof x === 'boolean' || typeof y === 'boolean') return sign(Number(truthy(x)) - Number(truthy(y)));
    return isArray(x) ? 1 : -1;
  }
  if (typeof x === 'boolean' || typeof y === 'boolean') return sign(Number(truthy(x)) - Number(truthy(y)));
  if (x === null && y === null) return 0;
  if (x === null) return typeof y === 'string' ? compare('', y) : sign(Number(false) - Number(truthy(y)));
  if (y === null) return typeof x === 'string' ? compare(x, '') : sign(Number(truthy(x)) - Number(false));
  if (typeof x === 'number' && typeof y === 'number') return sign(x - y);
  if (typeof x === 'string' && typeof y === 'string') {
    if (isNumericString(x) && isNumericString(y)) return sign(Number(x.trim()) - Number(y.trim()));
    return byteCompare(x, y);
  }
  // number <=> string
  if (typeof x === 'number') {
    const s = y as string;
    return isNumericString(s) ? sign(x - Number(s.trim())) : byteCompare(toPhpString(x), s);
  }
  const s = x as string;
  return isNumericString(s) ? sign(Number(s.trim()) - (y as number)) : byteCompare(s, toPhpString(y as number));
}

export const looseEquals = (a: PhpValue | undefined, b: PhpValue | undefined): boolean => compare(a, b) === 0;

/** `in_array($needle, $haystack)` with loose comparison. */
export const inArray = (needle: PhpValue | undefined, haystack: readonly PhpValue[]): boolean =>
  haystack.some((v) => looseEquals(needle, v));

// ---------------------------------------------------------------------------------------------------------------
// Strings

/** `(string)$value` / string interpolation: floats use `precision` = 14. */
export function toPhpString(v: PhpValue | undefined): string {
  if (v === undefined || v === null || v === false) return '';
  if (v === true) return '1';
  if (typeof v === 'string') return v;
  if (isArray(v)) return 'Array';
  return Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : formatFloat(v, 14, 'E');
}

/**
 * Decimal digits and decimal-point position of a finite non-zero number, `significant` digits or shortest: the text PHP
 * writes for a float (with `precision` = 14 when it goes into SQL, which db/columns.ts rounds as MySQL does).
 */
export function digitsOf(x: number, significant?: number): { digits: string; point: number } {
  const [mantissa, exponent] = (significant ? Math.abs(x).toExponential(significant - 1) : Math.abs(x).toExponential()).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, point: Number(exponent) + 1 };
}

/** zend_gcvt: `precision` significant digits (0 = shortest), scientific form outside the fixed range. */
function formatFloat(x: number, precision: number, e: 'E' | 'e'): string {
  if (Number.isNaN(x)) return 'NAN';
  if (!Number.isFinite(x)) return x > 0 ? 'INF' : '-INF';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const minus = x < 0 ? '-' : '';
  const { digits, point } = digitsOf(x, precision || undefined);
  const limit = precision || 17;
  if (point - 1 < -4 || point > limit) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : `${digits}.0`;
    const exp = point - 1;
    return `${minus}${mantissa}${e}${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
  }
  if (point <= 0) return `${minus}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${minus}${digits}${'0'.repeat(point - digits.length)}`;
  return `${minus}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** PHP `trim()` default characters. */
export const phpTrim = (s: string): string => s.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');

/** `utf8_strlen()` = mb_strlen(): characters, not bytes. */
export const utf8Length = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** `htmlspecialchars($s, ENT_COMPAT, 'UTF-8')` as OpenCart's Request::clean applies it to every GET/POST/COOKIE key and value. */
export const htmlspecialchars = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `sprintf()` with `%s` and `%d` only, which is all the language strings use. */
export function sprintf(format: string, ...args: PhpValue[]): string {
  let i = 0;
  return format.replace(/%([sd%])/g, (_, c: string) => (c === '%' ? '%' : c === 'd' ? String(toInt(args[i++])) : toPhpString(args[i++])));
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/** Half-away-from-zero rounding of a decimal digit string at `places` decimals (PHP's round() and MySQL's DECIMAL alike). */
export function roundDecimalString(digits: string, point: number, places: number, minus: boolean): string {
  // Work on an integer of the digits scaled so that `places` decimals remain, plus the first dropped digit.
  const keep = point + places;
  if (keep < 0) return '0';
  let kept = digits.slice(0, keep).padEnd(keep, '0');
  const dropped = digits.charAt(keep) || '0';
  if (dropped >= '5') {
    const incremented = (BigInt(kept || '0') + 1n).toString();
    kept = incremented.padStart(keep, '0');
  }
  // Pad on the left so that the integer part has at least one digit.
  kept = kept.padStart(places + 1, '0');
  const intPart = places > 0 ? kept.slice(0, kept.length - places) || '0' : kept;
  const frac = places > 0 ? kept.slice(kept.length - places).padStart(places, '0') : '';
  const normalized = intPart.replace(/^0+(?=\d)/, '');
  const body = frac ? `${normalized}.${frac}` : normalized;
  const zero = /^[0.]*$/.test(body);
  return (minus && !zero ? '-' : '') + body;
}

/** PHP `round($value, $places)`: pre-rounds to 15 significant digits, then rounds half away from zero. */
export function phpRound(value: number, places = 0): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const { digits, point } = digitsOf(value, 15);
  return Number(roundDecimalString(digits, point, places, value < 0));
}

/** PHP `number_format($value, $decimals, '.', ',')` (PHP 8: never "-0"). */
export function numberFormat(value: number, decimals: number, point = '.', thousands = ','): string {
  const rounded = phpRound(value, decimals);
  if (!Number.isFinite(rounded)) return rounded > 0 ? 'inf' : rounded < 0 ? '-inf' : 'nan';
  const fixed = Math.abs(rounded).toFixed(decimals);
  const [intPart, frac] = fixed.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const minus = rounded < 0 && Number(fixed) !== 0 ? '-' : '';
  return minus + grouped + (decimals > 0 ? point + frac : '');
}

/** PHP `mt_rand()`: 0..2147483647. */
export const mtRand = (): number => randomInt(0, 2147483647);

/** OpenCart `token($length)`: random letters and digits. */
export function token(length: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[randomInt(0, chars.length)];
  return out;
}

/** A session id as OpenCart 3.0.5 makes it: the first 26 hex characters of 26 random bytes. */
export const sessionId = (): string => randomBytes(13).toString('hex');

// ---------------------------------------------------------------------------------------------------------------
// json_encode / json_decode

/** Raised when json_encode would return false (INF or NAN): the real store then sends an empty body. */
export class JsonEncodeError extends Error {}

function encodeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '/') out += '\\/';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c > 0x7e) out += c === 0x7f ? ch : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** An already-encoded JSON fragment, inserted verbatim. */
export class RawJson {
  constructor(readonly text: string) {}
}

export type Jsonable = PhpValue | undefined | RawJson | readonly Jsonable[] | { readonly [key: string]: Jsonable } | Map<PhpKey, Jsonable>;

/**
 * PHP `json_encode()` with default flags: `/` escaped, non-ASCII as \uXXXX, an empty array as `[]`, a Map as a PHP
 * array (a list when its keys are 0..n-1), a plain object as an object in its own key order (use a Map whenever keys
 * can be numeric: a JS object would reorder them).
 */
export function jsonEncode(value: Jsonable): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new JsonEncodeError('Inf and NaN cannot be JSON encoded');
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return Object.is(value, -0) ? '-0' : String(value);
    return formatFloat(value, 0, 'e');
  }
  if (typeof value === 'string') return encodeString(value);
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => jsonEncode(v)).join(',')}]`;
  if (value instanceof Map) {
    if (value.size === 0) return '[]';
    if (isList(value as PhpArray)) return `[${[...value.values()].map((v) => jsonEncode(v)).join(',')}]`;
    return `{${[...value].map(([k, v]) => `${encodeString(String(k))}:${jsonEncode(v)}`).join(',')}}`;
  }
  const entries = Object.entries(value as { [key: string]: Jsonable }).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '[]';
  return `{${entries.map(([k, v]) => `${encodeString(k)}:${jsonEncode(v)}`).join(',')}}`;
}

/** `json_decode($text, true)`: objects and arrays become ordered PHP arrays; invalid text gives null. */
export function jsonDecode(text: string): PhpValue {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError('bad json');
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): string => {
    let out = '';
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const ch = text[i++];
      if (ch === '"') return out;
      if (ch === '\\') {
        const esc = text[i++];
        if (esc === 'u') {
          const hex = text.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else {
          const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (!(esc in map)) fail();
          out += map[esc];
        }
      } else if (ch < ' ') fail();
      else out += ch;
    }
  };
  const val = (): PhpValue => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      const map: PhpArray = new Map();
      ws();
      if (text[i] === '}') {
        i++;
        return map;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = str();
        ws();
        if (text[i++] !== ':') fail();
        map.set(phpKey(key), val());
        ws();
        const sep = text[i++];
        if (sep === '}') return map;
        if (sep !== ',') fail();
      }
    }
    if (ch === '[') {
      i++;
      const list: PhpArray = new Map();
      ws();
      if (text[i] === ']') {
        i++;
        return list;
      }
      for (;;) {
        list.set(list.size, val());
        ws();
        const sep = text[i++];
        if (sep === ']') return list;
        if (sep !== ',') fail();
      }
    }
    if (ch === '"') return str();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail();
  };
  try {
    const v = val();
    ws();
    return i === text.length ? v : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// filter_var($email, FILTER_VALIDATE_EMAIL): PHP's own pattern (ext/filter/logical_filters.c), non-unicode form.

// The two leading length look-aheads of PHP's pattern are replaced by direct checks (below), and the domain's nested
// `{1,126}){1,}` by `+`: same language, but no catastrophic backtracking in a JS engine that has no backtrack limit.
const LOCAL_ATOM = '(?:(?:[\\x21\\x23-\\x27\\x2A\\x2B\\x2D\\x2F-\\x39\\x3D\\x3F\\x5E-\\x7E]+)|(?:\\x22(?:[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x21\\x23-\\x5B\\x5D-\\x7F]|(?:\\x5C[\\x00-\\x7F]))*\\x22))';
const OCTET = '(?:(?:25[0-5])|(?:2[0-4][0-9])|(?:1[0-9]{2})|(?:[1-9]?[0-9]))';
const EMAIL = new RegExp(
  `^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*@` +
    '(?:(?:(?!.*[^.]{64,})(?:(?:xn--)?[a-z0-9]+(?:-+[a-z0-9]+)*\\.)+(?:(?:[a-z][a-z0-9]*)|(?:(?:xn--)[a-z0-9]+))(?:-+[a-z0-9]+)*)' +
    '|(?:\\[(?:(?:IPv6:(?:(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){7})|(?:(?!(?:.*[a-f0-9][:\\]]){7,})(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,5})?::(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,5})?)))' +
    '|(?:(?:IPv6:(?:(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){5}:)|(?:(?!(?:.*[a-f0-9]:){5,})(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,3})?::(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,3}:)?)))?' +
    `${OCTET}(?:\\.${OCTET}){3}))\\]))$`,
  'i',
);

/** Units of PHP's look-aheads: a character, a backslash pair, quotes not counted. */
function units(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') continue;
    if (s[i] === '\\') i++;
    n++;
  }
  return n;
}

export function isValidEmail(value: PhpValue | undefined): boolean {
  if (typeof value !== 'string') return false;
  // PHP rejects anything over 320 bytes before running the pattern; the pattern is ASCII-only.
  if (Buffer.byteLength(value) > 320 || /[^\x00-\x7f]/.test(value)) return false;
  const at = value.lastIndexOf('@');
  if (units(value) >= 255 || (at >= 0 && units(value.slice(0, at)) >= 65)) return false;
  return EMAIL.test(value);
}
