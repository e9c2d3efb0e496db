// Hostile input generated from the contract's request fields (fast-check, seeded, so every run sends the same
// requests and a failure can be replayed): wrong types, missing fields, oversized, unicode, markup and SQL-looking
// values, array-vs-scalar confusion and unknown extra fields. A conforming store answers each with documented JSON.
import fc from 'fast-check';
import type { Form, FormValue } from './client';
import type { ApiResponse } from './client';

export const DEFAULT_SEED = 20261129;

const hostileText = fc.oneof(
  fc.constantFrom(
    "' OR '1'='1' -- ",
    '1; DROP TABLE in_cart; --',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '../../../../etc/passwd',
    '%00',
    '${7*7}{{7*7}}',
    'NaN',
    '-1',
    '0',
    '1e309',
    '9999999999999999999999',
    '-2147483649',
    ' ',
    '',
    'Ünïcödé ✓ 日本語 😀',
    '\u202Eevil',
    'null',
    'true',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 2000, maxLength: 12000 }).map((s) => s.padEnd(2000, 'x')),
);

const hostileValue: fc.Arbitrary<FormValue> = fc.oneof(
  { weight: 6, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.array(hostileText, { minLength: 1, maxLength: 3 }) }, // quantity[]=1
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('0', '1', '226', 'x'), hostileText, { maxKeys: 3 }) }, // option[x]=…
);

/** Requests for one operation: any subset of its documented fields with hostile values, plus unknown fields. */
export function hostileForms(fields: string[], count: number, seed = DEFAULT_SEED): Form[] {
  const known = fields.length ? fields : ['unused'];
  const form = fc
    .tuple(
      fc.subarray(known),
      fc.array(hostileValue, { minLength: known.length, maxLength: known.length }),
      fc.dictionary(fc.constantFrom('extra', 'route', 'api_token', 'order_id', '__proto__x', 'debug'), hostileText, { maxKeys: 2 }),
    )
    .map(([chosen, values, extra]) => {
      const f: Form = {};
      chosen.forEach((name, i) => (f[name] = values[i]));
      return { ...f, ...extra };
    });
  return fc.sample(form, { seed, numRuns: count });
}

/** Why an answer is not documented JSON, or undefined when it is (an error or an acceptance, either is fine). */
export function problemWith(r: ApiResponse): string | undefined {
  if (r.status >= 500) return `HTTP ${r.status}`;
  if (r.status !== 200) return `HTTP ${r.status} (every API route answers 200)`;
  if (r.phpNotice) return `PHP output before the JSON: ${r.phpNotice.slice(0, 120)}`;
  if (r.json === undefined) return `not JSON (${r.parseError}): ${r.text.slice(0, 120)}`;
  if (r.validation && !r.validation.ok) {
    const v = r.validation.violations[0];
    return `not a documented answer: ${v ? `${v.pointer || '/'} expected ${v.expected}` : 'no variant matches'}`;
  }
  return undefined;
}
