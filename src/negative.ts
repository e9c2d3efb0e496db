// Requests built to break a store, generated with fast-check from each operation's request body schema (openapi.yaml
// and schemas/forms.json), from a fixed seed so every run sends the same requests and a failure can be replayed.
// They come in families, so that each way a store can fail has scenario ids of its own:
//   hostile-input  values of the kind each field documents (text for a text field; an object or a list only where
//                  the contract documents one), hostile in content: SQL-looking, markup, oversized, numbers as text,
//                  unicode of the Basic Multilingual Plane; any subset of the fields, plus unknown extra fields.
//   list-for-text  a field documented as a single value sent as a list (`currency[]=EUR`, `email[0]=a@b.c`).
//   astral-text    well-formed requests whose text holds characters outside the Basic Multilingual Plane (4 bytes
//                  in UTF-8: emoji, U+1D158...), which a store storing text as 3-byte UTF-8 cannot compare or keep.
// A conforming store answers each with documented JSON (an error or an acceptance), never a 5xx or a PHP error.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Contract } from './contract';
import { isObject, type SchemaFiles, type SchemaNode } from './contract/schemas';
import { encodeForm, type ApiResponse, type Form, type FormValue } from './client';
import { ABSENT_ID } from './provision/dataset';

export const DEFAULT_SEED = 20261129;

export const FAMILIES = ['hostile-input', 'list-for-text', 'astral-text'] as const;
export type Family = (typeof FAMILIES)[number];

// ---- what the contract documents for each field -------------------------------------------------------------------

/** The kind of value the request body schema documents for a form field. */
export type FieldShape =
  | { kind: 'text' }
  | { kind: 'list'; items: FieldShape }
  /** Named properties, and/or any key (matching `keyPattern` when given) holding `values`. */
  | { kind: 'object'; properties: Record<string, FieldShape>; values?: FieldShape; keyPattern?: string }
  | { kind: 'choice'; of: FieldShape[] };

export interface FieldSchema {
  name: string;
  shape: FieldShape;
}

const TEXT: FieldShape = { kind: 'text' };
function at(value: unknown, ...keys: string[]): unknown {
  let v = value;
  for (const k of keys) v = isObject(v) ? v[k] : undefined;
  return v;
}

/** The shape a schema node documents; scalars of any type are sent as text. */
function shapeOf(files: SchemaFiles, node: SchemaNode): FieldShape {
  const n = files.deref(node);
  const s = n.schema;
  const branches = [s.anyOf, s.oneOf].flatMap((list) => (Array.isArray(list) ? list.filter(isObject) : []));
  if (branches.length) return { kind: 'choice', of: branches.map((b) => shapeOf(files, { schema: b, base: n.base })) };
  if (s.type === 'array') return { kind: 'list', items: isObject(s.items) ? shapeOf(files, { schema: s.items, base: n.base }) : TEXT };
  if (s.type === 'object' || isObject(s.properties) || isObject(s.additionalProperties)) {
    const properties: Record<string, FieldShape> = {};
    for (const part of files.expand(n)) {
      if (!isObject(part.schema.properties)) continue;
      for (const [k, v] of Object.entries(part.schema.properties)) if (isObject(v)) properties[k] = shapeOf(files, { schema: v, base: part.base });
    }
    const extra = s.additionalProperties;
    const pattern = at(s, 'propertyNames', 'pattern');
    return {
      kind: 'object',
      properties,
      values: isObject(extra) ? shapeOf(files, { schema: extra, base: n.base }) : undefined,
      keyPattern: typeof pattern === 'string' ? pattern : undefined,
    };
  }
  return TEXT;
}

/**
 * The documented form fields of an operation with the shape of each, in the order of the contract's request fields
 * (a field whose schema cannot be found counts as text).
 */
export function requestSchema(route: string, contract: Contract = Contract.load()): FieldSchema[] {
  const op = contract.operation(route);
  const files = contract.files;
  const props = new Map<string, FieldShape>();
  for (const part of op.requestSchema ? files.expand(op.requestSchema) : []) {
    if (!isObject(part.schema.properties)) continue;
    for (const [k, v] of Object.entries(part.schema.properties)) if (isObject(v) && !props.has(k)) props.set(k, shapeOf(files, { schema: v, base: part.base }));
  }
  return contract.operation(route).requestFields.map((name) => ({ name, shape: props.get(name) ?? TEXT }));
}

// ---- text --------------------------------------------------------------------------------------------------------

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** One character of the Basic Multilingual Plane (1 to 3 bytes in UTF-8): printable ASCII most of the time. */
const bmpChar = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xfffd }).filter((c) => !isSurrogate(c)) },
).map((c) => String.fromCharCode(c));

/** One character outside the Basic Multilingual Plane (4 bytes in UTF-8). */
const astralChar = fc.oneof(
  fc.constantFrom('😀', '\u{1D158}', '𝄞', '𠜎', '🏳'),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);

/** Hostile content, every character of it in the Basic Multilingual Plane. */
const hostileWords = fc.constantFrom(
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
  'Ünïcödé ✓ 日本語 ☃',
  'e\u0301\u0327 ﷽ ǅ İ ß',
  '\u202Eevil',
  'null',
  'true',
);

/** Short hostile text (at most a few dozen characters), BMP only. */
const shortText = fc.oneof(hostileWords, fc.string({ unit: bmpChar, maxLength: 40 }));

/** Hostile text for the hostile-input family: short, or oversized (2000 to 12000 characters), BMP only. */
const hostileText = fc.oneof(
  hostileWords,
  fc.string({ unit: bmpChar, maxLength: 40 }),
  fc.string({ minLength: 2000, maxLength: 12000 }).map((s) => s.padEnd(2000, 'x')),
);

/**
 * Text holding at least one character outside the Basic Multilingual Plane. A number in it is an id no store has (the
 * conformance data keeps it free), so a store that reads it as a number never adds a real product to a test cart.
 */
const astralText = fc.oneof(
  fc.constantFrom('😀', 'Ünïcödé ✓ 日本語 😀', '\u{1D158}\u{1D165}', 'EUR😀', `${ABSENT_ID}😀`, 'a😀@invotide.example', '𠜎𠜱𠝹'),
  fc
    .tuple(fc.string({ unit: bmpChar, maxLength: 12 }), fc.array(astralChar, { minLength: 1, maxLength: 3 }), fc.string({ unit: bmpChar, maxLength: 12 }))
    .map(([before, astral, after]) => before + astral.join('') + after),
);

/** Whether a text holds a character outside the Basic Multilingual Plane. */
export function hasAstral(text: string): boolean {
  return /[\u{10000}-\u{10FFFF}]/u.test(text);
}

// ---- values of a documented shape --------------------------------------------------------------------------------

/** Keys to use for a map-like object: these few, those matching its documented key pattern. */
const KEY_CANDIDATES = ['0', '1', '226', '42', 'x', 'name'];

function keysFor(pattern: string | undefined): string[] {
  if (!pattern) return KEY_CANDIDATES;
  const re = new RegExp(pattern, 'u');
  return KEY_CANDIDATES.filter((k) => re.test(k));
}

/** A value of the documented shape, with `text` at its text leaves. */
function valueOf(shape: FieldShape, text: fc.Arbitrary<string>): fc.Arbitrary<FormValue> {
  switch (shape.kind) {
    case 'text':
      return text;
    case 'list':
      return fc.array(valueOf(shape.items, text), { minLength: 1, maxLength: 3 });
    case 'choice':
      return fc.oneof(...shape.of.map((s) => valueOf(s, text)));
    case 'object': {
      const named = Object.entries(shape.properties);
      const keys = shape.values ? keysFor(shape.keyPattern) : [];
      const props = named.length
        ? fc.record(Object.fromEntries(named.map(([k, s]) => [k, valueOf(s, text)])), { requiredKeys: [] })
        : fc.constant({});
      const extra = shape.values && keys.length ? fc.dictionary(fc.constantFrom(...keys), valueOf(shape.values, text), { maxKeys: 3 }) : fc.constant({});
      return fc.tuple(props, extra).map(([p, e]) => ({ ...e, ...p }) as FormValue);
    }
  }
}

/** Unknown extra fields (some are names OpenCart reads from the query string, never from the body). */
const EXTRA_FIELDS = ['extra', 'route', 'api_token', 'order_id', '__proto__x', 'debug'];

function formOf(chosen: string[], values: FormValue[]): Form {
  const form: Form = {};
  chosen.forEach((name, i) => (form[name] = values[i]));
  return form;
}

/** Any subset of the documented fields, each a value of its shape with `text` at its leaves. */
function documentedForm(fields: FieldSchema[], text: fc.Arbitrary<string>, minFields = 0): fc.Arbitrary<Form> {
  if (!fields.length) return fc.constant({});
  const byName = new Map(fields.map((f) => [f.name, f.shape]));
  return fc
    .subarray(fields.map((f) => f.name), { minLength: Math.min(minFields, fields.length) })
    .chain((chosen) => fc.tuple(...chosen.map((name) => valueOf(byName.get(name) ?? TEXT, text))).map((values) => formOf(chosen, values)));
}

/** A single value sent as a list: `field[]=a&field[]=b`, or with indices, `field[0]=a`. */
const listOfText: fc.Arbitrary<FormValue> = fc.oneof(
  fc.array(shortText, { minLength: 1, maxLength: 3 }),
  fc.array(shortText, { minLength: 1, maxLength: 2 }).map((items) => Object.fromEntries(items.map((v, i) => [String(i), v]))),
);

function familyForm(family: Family, fields: FieldSchema[]): fc.Arbitrary<Form> {
  switch (family) {
    case 'hostile-input':
      return fc
        .tuple(documentedForm(fields, hostileText), fc.dictionary(fc.constantFrom(...EXTRA_FIELDS), hostileText, { maxKeys: fields.length ? 2 : 3 }))
        .map(([form, extra]) => ({ ...form, ...extra }));
    case 'list-for-text': {
      const single = fields.filter((f) => f.shape.kind === 'text').map((f) => f.name);
      // A route that reads no single-value field still gets lists, in unknown fields.
      const names = single.length ? single : EXTRA_FIELDS;
      // Any of the chosen fields may be a list or text; one of them, any, is a list.
      return fc
        .subarray(names, { minLength: 1 })
        .chain((chosen) =>
          fc
            .tuple(fc.nat(chosen.length - 1), listOfText, fc.tuple(...chosen.map(() => fc.oneof(listOfText, shortText))))
            .map(([listed, list, values]) => formOf(chosen, values.map((v, i) => (i === listed ? list : v)))),
        );
    }
    case 'astral-text':
      // Text fields and the text inside documented objects and lists; at least one value holds an astral character.
      return (fields.length ? documentedForm(fields, astralText, 1) : fc.dictionary(fc.constantFrom(...EXTRA_FIELDS), astralText, { minKeys: 1, maxKeys: 2 })).filter((form) =>
        leaves(form).some(hasAstral),
      );
  }
}

/** Every text value of a form. */
export function leaves(value: FormValue): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [String(value)];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap(leaves);
}

/** The first `count` requests of a family for a route, always the same for a seed. */
export function negativeForms(family: Family, route: string, count: number, seed = DEFAULT_SEED, contract: Contract = Contract.load()): Form[] {
  return fc.sample(familyForm(family, requestSchema(route, contract)), { seed, numRuns: count });
}

// ---- judging the answers ------------------------------------------------------------------------------------------

/**
 * Why an answer is not documented JSON, or undefined when it is (an error or an acceptance, either is fine). A store
 * that shows PHP's warnings (config_error_display) prints them before its JSON as its configuration promises: then
 * the JSON is judged.
 */
export function problemWith(r: ApiResponse, noticesShown = false): string | undefined {
  if (r.status >= 500) return `HTTP ${r.status}`;
  if (r.status !== 200) return `HTTP ${r.status} (every API route answers 200)`;
  if (r.phpNotice && !(noticesShown && r.json !== undefined)) return `PHP output before the JSON: ${r.phpNotice.slice(0, 120)}`;
  if (r.json === undefined) return `not JSON (${r.parseError}): ${r.text.slice(0, 120)}`;
  if (r.validation && !r.validation.ok) {
    const v = r.validation.violations[0];
    return `not a documented answer: ${v ? `${v.pointer || '/'} expected ${v.expected}` : 'no variant matches'}`;
  }
  return undefined;
}

/** Requests longer than this are shown by their beginning (the whole request is attached to the scenario). */
const SHOWN = 600;

/**
 * One line naming a failing request so it can be replayed: its index in the family, the seed, the route and the
 * form as sent (application/x-www-form-urlencoded, PHP bracket syntax).
 */
export function describeFailure(family: Family, index: number, seed: number, route: string, form: Form, problem: string): string {
  const body = encodeForm(form);
  const shown = body.length <= SHOWN ? body : `${body.slice(0, 300)}… (${body.length} characters; the whole request is attached to the scenario)`;
  return `#${index} (${family}, seed ${seed}) ${route} ${shown} → ${problem}`;
}

// ---- the scenario's run ---------------------------------------------------------------------------------------------

/** What a run of generated requests found (a field of the World). */
export interface NegativeRun {
  problems: string[];
  sent: number;
}

export const newNegativeRun = (): NegativeRun => ({ problems: [], sent: 0 });

/** What a negative scenario needs of the World (ConformanceWorld satisfies it). */
export interface NegativeWorld {
  readonly negative: NegativeRun;
  readonly target: { settings: { config_error_display: boolean } };
  call(route: string, form?: Form, options?: { allowViolation?: boolean }): Promise<ApiResponse>;
  answer(): ApiResponse;
}

/** Sends the family's first `count` requests for the route (seed: INVOTIDE_SEED), noting each undocumented answer. */
export async function sendGenerated(w: NegativeWorld, family: Family, count: number, route: string): Promise<void> {
  const seed = Number(process.env.INVOTIDE_SEED ?? DEFAULT_SEED);
  for (const [i, form] of negativeForms(family, route, count, seed).entries()) {
    const problem = problemWith(await w.call(route, form, { allowViolation: true }), w.target.settings.config_error_display);
    w.negative.sent++;
    if (problem) w.negative.problems.push(describeFailure(family, i, seed, route, form, problem));
  }
}

export function expectAllDocumented(w: NegativeWorld): void {
  w.answer();
  const { sent, problems } = w.negative;
  assert.ok(sent > 0, 'no generated request was sent');
  // The first problems lead the message, so the summary shows an input to replay.
  assert.ok(problems.length === 0, `${problems.length} of ${sent} answers were not documented JSON:\n${problems.slice(0, 10).join('\n')}`);
}
