// Target data (ids, codes, names) lives in one fixtures file per target; scenarios name roles, never ids.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config';

export type FixtureValue = string | number | boolean | null | FixtureValue[] | { [key: string]: FixtureValue };
export type Fixtures = { name: string } & { [section: string]: FixtureValue };

export function loadFixtures(file: string): Fixtures {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`fixtures file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || typeof (data as { name?: unknown }).name !== 'string') {
    throw new ConfigError(`fixtures file ${file} must be a JSON object with a "name".`);
  }
  return data as Fixtures;
}

/**
 * Looks up a dotted path ("products.simple.product_id"; segments may contain spaces).
 * Returns undefined when the target's fixtures do not name that datum, so a scenario can skip with a reason.
 */
export function fixtureAt(fixtures: Fixtures, dottedPath: string): FixtureValue | undefined {
  let node: FixtureValue | undefined = fixtures as unknown as FixtureValue;
  for (const segment of dottedPath.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as { [key: string]: FixtureValue })[segment];
    if (node === undefined) return undefined;
  }
  return node;
}

/** Replaces every {{dotted.path}} in a feature-table cell with its fixture value. */
export function interpolate(fixtures: Fixtures, text: string): string {
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, p: string) => {
    const v = fixtureAt(fixtures, p);
    if (v === undefined || (typeof v === 'object' && v !== null)) {
      throw new MissingFixtureError(p);
    }
    return String(v);
  });
}

export class MissingFixtureError extends Error {
  override name = 'MissingFixtureError';
  constructor(readonly fixturePath: string) {
    super(`the fixtures file names no "${fixturePath}"`);
  }
}
