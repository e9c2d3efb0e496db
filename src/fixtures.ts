// Target data lives in the fixtures, and scenarios name roles, never ids. The data the suite brings (products,
// coupons, customers … as `invotide-conformance provision` adds them) is the base of every fixtures file; a file names
// the store's own configuration (currencies, shipping, order statuses …) and may build on another with "extends".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { ConfigError } from './config';
import { PROJECT_ROOT } from './paths';
import { provisionedFixtures } from './provision/dataset';

/** The JSON Schema of a fixtures file; each file of an "extends" chain is checked against it as it is read. */
export const FIXTURES_SCHEMA = path.join(PROJECT_ROOT, 'targets', 'fixtures.schema.json');

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
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolved, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new ConfigError(e.code === 'ENOENT' ? `fixtures file ${file} does not exist.` : `fixtures file ${file} is not valid JSON: ${e.message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`fixtures file ${file} must be a JSON object.`);
  assertFixturesShape(file, data);
  const { extends: base, ...own } = data as { [key: string]: FixtureValue };
  if (base === undefined) return own;
  // The schema holds "extends" to a string.
  return deepMerge(readChain(path.resolve(path.dirname(resolved), base as string), [...seen, resolved]), own);
}

let validate: ValidateFunction | undefined;

/** Throws a ConfigError naming the file and the JSON path of the first datum that does not fit the fixtures schema. */
export function assertFixturesShape(file: string, data: unknown): void {
  validate ??= new Ajv2020({ strict: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(FIXTURES_SCHEMA, 'utf8')));
  if (validate(data)) return;
  const e = validate.errors![0];
  const at = e.instancePath === '' ? '' : `${e.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.')}: `;
  const what = e.keyword === 'additionalProperties' ? `has no section "${(e.params as { additionalProperty: string }).additionalProperty}"` : e.message;
  throw new ConfigError(`fixtures file ${file} does not fit ${path.relative(PROJECT_ROOT, FIXTURES_SCHEMA)}: ${at}${what}`);
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
    return new MissingDatumError(datum, `the target lacks ${describeDatum(datum)}${found ? ` (${found})` : ''}: ${PROVISION_HINT}`);
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
