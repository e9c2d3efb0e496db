// Target data lives in the fixtures, and scenarios name roles, never ids. The data the suite brings (products,
// coupons, customers … as `invotide-conformance provision` adds them) is the base of every fixtures file; a file names
// the store's own configuration (currencies, shipping, order statuses …) and may build on another with "extends".
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import editDistance from 'damerau-levenshtein';
import { ConfigError } from './config';
import { PROJECT_ROOT } from './paths';
import { provisionedFixtures } from './provision/dataset';

/** The fixtures files that come with the suite; a user's file extends one of them by name ("provisioned.json"). */
export const SHIPPED_TARGETS = path.join(PROJECT_ROOT, 'targets');
/** The JSON Schema of a fixtures file; each file of an "extends" chain is checked against it as it is read. */
export const FIXTURES_SCHEMA = path.join(SHIPPED_TARGETS, 'fixtures.schema.json');

export type FixtureValue = string | number | boolean | null | FixtureValue[] | { [key: string]: FixtureValue };
export type Fixtures = { name: string } & { [section: string]: FixtureValue };

/** Where a scenario that needs a datum the target lacks points its operator. */
export const PROVISION_HINT = 'apply `invotide-conformance provision`';

export function loadFixtures(file: string): Fixtures {
  const merged = deepMerge(provisionedFixtures() as { [key: string]: FixtureValue }, readChain(file, []));
  if (typeof merged.name !== 'string') throw new ConfigError(`fixtures file ${file} must be a JSON object with a "name".`);
  return merged as Fixtures;
}

/** The file with what it extends merged under it (the nearer file wins), without the "extends" keys. */
function readChain(file: string, seen: string[]): { [key: string]: FixtureValue } {
  const resolved = path.resolve(file);
  if (seen.includes(resolved)) throw new ConfigError(`fixtures file ${file} extends itself (${[...seen, resolved].map((f) => path.basename(f)).join(' → ')}).`);
  let text: string;
  try {
    text = readFileSync(resolved, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new ConfigError(e.code === 'ENOENT' ? `fixtures file ${file} does not exist.` : `fixtures file ${file} cannot be read: ${e.message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`fixtures file ${file} is not valid JSON: ${jsonErrorAt(text, (error as Error).message)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`fixtures file ${file} must be a JSON object.`);
  assertFixturesShape(file, data);
  const { extends: base, ...own } = data as { [key: string]: FixtureValue };
  // The folder of the store's language files is named relative to the file that names it.
  const language = own.language as { texts?: FixtureValue } | undefined;
  if (typeof language?.texts === 'string') own.language = { ...language, texts: path.resolve(path.dirname(resolved), language.texts) };
  if (base === undefined) return own;
  // The schema holds "extends" to a string.
  return deepMerge(readChain(extendedFile(resolved, base as string), [...seen, resolved]), own);
}

/**
 * The file an "extends" names: relative to the file that names it, or else one of the suite's own (a user's file in
 * their project extends "provisioned.json" from the installed package).
 */
function extendedFile(from: string, base: string): string {
  const near = path.resolve(path.dirname(from), base);
  const shipped = path.resolve(SHIPPED_TARGETS, base);
  return existsSync(near) || !existsSync(shipped) ? near : shipped;
}

/** A JSON.parse message with its line and column ("Unexpected token } in JSON at position 106" → "… (line 5, column 3)"). */
function jsonErrorAt(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/**
 * The fixtures schema's validator as code, written by the build (`npm run build`): compiling the schema took about a
 * third of a second of every run's start, before its first request. Used only when made from the schema as it is now.
 */
export const FIXTURES_PRECOMPILED = path.join(PROJECT_ROOT, 'dist', 'fixtures-schema.precompiled.js');

let validate: ValidateFunction | undefined;

/** The compiler, loaded here, not with the module: a run from the build, or a worker handed the profile, needs none. */
function compiler(source: boolean): import('ajv/dist/2020').default {
  const Ajv2020 = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
  return new Ajv2020({ strict: true, allowUnionTypes: true, verbose: true, code: { source } });
}

/** The schema's text and its digest (what a precompiled validator names). */
function fixturesSchema(): { text: string; digest: string } {
  const text = readFileSync(FIXTURES_SCHEMA, 'utf8');
  return { text, digest: createHash('sha256').update(text).digest('hex') };
}

function fixturesValidator(): ValidateFunction {
  const { text, digest } = fixturesSchema();
  try {
    const precompiled = require(FIXTURES_PRECOMPILED) as ValidateFunction & { digest?: string };
    if (precompiled.digest === digest) return precompiled;
  } catch {
    // no build, or an older one: compiled below
  }
  return compiler(false).compile(JSON.parse(text));
}

/** Writes the precompiled validator (bin/build.js). */
export function writeFixturesPrecompiled(file = FIXTURES_PRECOMPILED): void {
  const { text, digest } = fixturesSchema();
  const ajv = compiler(true);
  const compiled = ajv.compile(JSON.parse(text));
  const standalone = (require('ajv/dist/standalone') as { default: (ajv: unknown, fn: unknown) => string }).default;
  writeFileSync(file, `${standalone(ajv, compiled)}\nmodule.exports.digest = ${JSON.stringify(digest)};\n`);
}

/** Throws a ConfigError naming the file and the JSON path of the first datum that does not fit the fixtures schema. */
export function assertFixturesShape(file: string, data: unknown): void {
  validate ??= fixturesValidator();
  if (validate(data)) return;
  const e = validate.errors![0];
  const at = e.instancePath === '' ? '' : `${e.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.')}: `;
  throw new ConfigError(`fixtures file ${file} does not fit targets/fixtures.schema.json: ${at}${schemaProblem(e)}`);
}

/** What is wrong, in a sentence; an unknown key names the nearest one the schema knows (a typo, most likely). */
function schemaProblem(e: ErrorObject): string {
  if (e.keyword !== 'additionalProperties') return e.message ?? e.keyword;
  const unknown = (e.params as { additionalProperty: string }).additionalProperty;
  const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$comment');
  // Damerau's distance counts a swap of two letters as one edit: "cots" is nearest "cost", not "code".
  const nearest = known.map((k) => ({ k, d: editDistance(unknown, k).steps })).sort((a, b) => a.d - b.d)[0]?.k;
  const what = e.instancePath === '' ? 'has no section' : 'has no key';
  return `${what} "${unknown}"${nearest ? `; did you mean "${nearest}"?` : ''} (known: ${known.join(', ')})`;
}

function deepMerge(base: { [key: string]: FixtureValue }, over: { [key: string]: FixtureValue }): { [key: string]: FixtureValue } {
  const out: { [key: string]: FixtureValue } = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    out[key] = isRecord(under) && isRecord(value) ? deepMerge(under, value) : value;
  }
  return out;
}

const isRecord = (v: FixtureValue | undefined): v is { [key: string]: FixtureValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Looks up a dotted path ("products.simple.product_id"; segments may contain spaces).
 * Returns undefined when the fixtures do not name that datum.
 */
export function fixtureAt(fixtures: Fixtures, dottedPath: string): FixtureValue | undefined {
  let node: FixtureValue | undefined = fixtures as unknown as FixtureValue;
  for (const segment of dottedPath.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[segment];
    if (node === undefined) return undefined;
  }
  return node;
}

/** What the fixture check found the target lacks: datum ("coupons.percent") → what it found instead. */
export type Lacking = Record<string, string>;

/**
 * The datum a path belongs to, when the target lacks it: "products.priced by quantity.stock" belongs to the lacking
 * "products.priced by quantity".
 */
export function lackingDatum(lacking: Lacking, dottedPath: string): string | undefined {
  return Object.keys(lacking).find((datum) => dottedPath === datum || dottedPath.startsWith(`${datum}.`));
}

/** Throws the skip of a scenario that needs a datum the target lacks. */
export function assertNotLacking(lacking: Lacking, dottedPath: string): void {
  const datum = lackingDatum(lacking, dottedPath);
  if (datum) throw MissingDatumError.onTarget(datum, lacking[datum]);
}

/** Replaces every {{dotted.path}} in a feature-table cell with its fixture value. */
export function interpolate(fixtures: Fixtures, text: string, lacking: Lacking = {}): string {
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, p: string) => {
    assertNotLacking(lacking, p);
    const v = fixtureAt(fixtures, p);
    if (v === undefined || (typeof v === 'object' && v !== null)) throw MissingDatumError.inFixtures(p);
    return String(v);
  });
}

/**
 * A scenario needs a datum this target does not have: the fixtures name none, or the store lacks what they name. Not
 * the store's failure and not the harness's: the scenario is skipped with this reason (steps/support/hooks.ts).
 */
export class MissingDatumError extends Error {
  override name = 'MissingDatumError';
  constructor(readonly datum: string, message: string) {
    super(message);
  }

  static onTarget(datum: string, found?: string): MissingDatumError {
    // An API user's login cannot tell a wrong key from a missing or disabled user: the fix may be either.
    const hint = datum.startsWith('api_users.') ? `check its key in your configuration, or ${PROVISION_HINT} (it prints the keys)` : PROVISION_HINT;
    return new MissingDatumError(datum, `the target lacks ${describeDatum(datum)}${found ? ` (${found})` : ''}: ${hint}`);
  }

  static inFixtures(fixturePath: string): MissingDatumError {
    return new MissingDatumError(fixturePath, `the target's fixtures name no "${fixturePath}"`);
  }
}

/** "coupons.percent" → `the "percent" coupon`. */
export function describeDatum(datum: string): string {
  const [section, role, ...rest] = datum.split('.');
  const noun: Record<string, string> = { products: 'product', coupons: 'coupon', customers: 'customer', vouchers: 'gift voucher', api_users: 'API user', addresses: 'address' };
  if (!role || !noun[section]) return `"${datum}"`;
  return `the "${role}" ${noun[section]}${rest.length ? ` (${rest.join('.')})` : ''}`;
}
