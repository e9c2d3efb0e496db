// Known deviations: scenario ids a store is known to fail, each with its reason (targets/*.deviations.yaml, or the
// user's own file). A listed failure does not fail the gate and is reported as a known deviation everywhere.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../config';

export interface Deviation {
  id: string;
  reason: string;
  ticket?: string;
  /** ISO date (YYYY-MM-DD); after it the entry no longer excuses a failure. */
  expires?: string;
}

export function loadDeviations(file: string | undefined): Deviation[] {
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
    return { id: e.id, reason: e.reason, ticket: e.ticket, expires };
  });
}

