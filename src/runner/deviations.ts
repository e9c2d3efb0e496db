// Known deviations: scenario ids a store is known to fail, each with its reason. Two sources: the known defects of stock
// OpenCart releases on PHP 8, shipped with the suite (targets/opencart.deviations.yaml, whose entries name the releases
// they hold for) and applied by themselves to a store of such a release; and the store's own file (--deviations, or
// targets/<fixtures name>.deviations.yaml). A listed failure does not fail the gate and is reported as a known
// deviation everywhere.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../config';
import { PROJECT_ROOT } from '../paths';
import { RELEASES, compareReleases, isRelease, type ReleaseVersion } from '../target/release';
import type { TargetProfile } from '../target/profile';

/** The known defects of stock OpenCart 3.0.x releases on PHP 8, by release. */
export const KNOWN_DEFECTS_FILE = path.join(PROJECT_ROOT, 'targets', 'opencart.deviations.yaml');

export interface Deviation {
  id: string;
  reason: string;
  ticket?: string;
  /** ISO date (YYYY-MM-DD); after it the entry no longer excuses a failure. */
  expires?: string;
  /** The releases it holds for (every release when absent). */
  releases?: ReleaseVersion[];
  /** Where it comes from: the suite's known defects of stock releases, or the store's own file. */
  source?: 'known defect' | 'store';
}

/**
 * `releases:` as an entry writes it: a release ("3.0.5.0"), a range ("3.0.3.2-3.0.4.1"), one release and those after it
 * ("3.0.5.0+"), or a list of those.
 */
function parseReleases(raw: unknown, where: string): ReleaseVersion[] | undefined {
  if (raw === undefined) return undefined;
  const items = Array.isArray(raw) ? raw : [raw];
  const out = new Set<ReleaseVersion>();
  for (const item of items.map(String)) {
    const m = /^(3\.0\.\d\.\d)(?:(\+)|\s*-\s*(3\.0\.\d\.\d))?$/.exec(item.trim());
    if (!m || !isRelease(m[1]) || (m[3] && !isRelease(m[3]))) throw new ConfigError(`${where}: "${item}" is not a 3.0.x release, a range A-B or A+ of them.`);
    const from = m[1] as ReleaseVersion;
    const to = m[2] ? RELEASES[RELEASES.length - 1] : ((m[3] ?? m[1]) as ReleaseVersion);
    for (const v of RELEASES) if (compareReleases(v, from) >= 0 && compareReleases(v, to) <= 0) out.add(v);
  }
  return RELEASES.filter((v) => out.has(v));
}

export function loadDeviations(file: string | undefined, source: Deviation['source'] = 'store'): Deviation[] {
  if (!file || !existsSync(file)) return [];
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`deviations file ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = (data as { deviations?: unknown } | null)?.deviations ?? [];
  if (!Array.isArray(list)) throw new ConfigError(`deviations file ${file}: "deviations" must be a list.`);
  return list.map((entry: unknown, i) => {
    const e = entry as Omit<Partial<Deviation>, 'expires'> & { expires?: unknown };
    if (!e || typeof e.id !== 'string' || typeof e.reason !== 'string' || !e.reason.trim()) {
      throw new ConfigError(`deviations file ${file}: entry ${i + 1} needs an "id" and a "reason".`);
    }
    const expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires;
    if (expires !== undefined && (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires))) {
      throw new ConfigError(`deviations file ${file}: entry "${e.id}" has an expiry that is not a date (YYYY-MM-DD).`);
    }
    const releases = parseReleases((e as { releases?: unknown }).releases, `deviations file ${file}: entry "${e.id}"`);
    return { id: e.id, reason: e.reason, ticket: e.ticket, expires, ...(releases ? { releases } : {}), source };
  });
}

/**
 * The entries that hold for the store judged under this profile: the store's own, and the known defects of its
 * release when it is a real OpenCart store (the reference store has none of them). A known defect holds when it holds
 * for every release the store's answers leave open.
 */
export function deviationsFor(own: Deviation[], profile: TargetProfile, embedded: boolean, knownDefects = loadDeviations(KNOWN_DEFECTS_FILE, 'known defect')): Deviation[] {
  const holds = (d: Deviation) => !d.releases || profile.release.candidates.every((v) => d.releases!.includes(v));
  return [...own.filter(holds), ...(embedded ? [] : knownDefects.filter(holds))];
}

