// How a run spreads over workers: how many (--parallel auto) and in which order the feature files go, so that the
// scenarios that take longest start first and no worker is left with a long one at the end.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunReport } from '../reports/results';

/**
 * About the CPU the suite spends per request on a 2-core machine (client, validation, steps, reports): a worker that
 * waits longer than this on each answer leaves room for another.
 */
const SUITE_MS_PER_REQUEST = 6;
export const MAX_AUTO_WORKERS = 8;

/**
 * --parallel auto: serial against the embedded store (CPU-bound: a second worker only adds work), else one worker per
 * SUITE_MS_PER_REQUEST of the target's median round trip, at most MAX_AUTO_WORKERS.
 */
export function autoWorkers(embedded: boolean, roundTripMs: number): number {
  if (embedded || !Number.isFinite(roundTripMs)) return 1;
  return Math.min(MAX_AUTO_WORKERS, Math.max(1, Math.round(roundTripMs / SUITE_MS_PER_REQUEST)));
}

/**
 * The feature files, the one with the longest scenario first (the most requests in the last run's report when there is
 * one, else the security and negative suites, which send the most). Cucumber hands scenarios to idle workers in this
 * order, a file's in document order: a long scenario started last would leave one worker running it alone.
 */
export function featuresLongestFirst(featuresDir: string, lastReport?: string): string[] {
  const files = readdirSync(featuresDir).filter((f) => f.endsWith('.feature')).sort();
  const weight = new Map<string, number>(files.map((f) => [f, f === 'security.feature' ? 2 : f === 'negative.feature' ? 1 : 0]));
  if (lastReport && existsSync(lastReport)) {
    try {
      const report = JSON.parse(readFileSync(lastReport, 'utf8')) as RunReport;
      const byFile = new Map<string, number[]>();
      for (const s of report.scenarios) {
        const file = path.basename(s.uri);
        if (typeof s.exchanges === 'number') byFile.set(file, [...(byFile.get(file) ?? []), s.exchanges]);
      }
      for (const [file, counts] of byFile) if (weight.has(file)) weight.set(file, Math.max(...counts));
    } catch {
      // an unreadable last report orders nothing
    }
  }
  return [...files].sort((a, b) => weight.get(b)! - weight.get(a)!).map((f) => path.join(featuresDir, f));
}
