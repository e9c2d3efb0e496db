// The exchange record of a run, reports/exchanges.json: per scenario id, its steps and every exchange it made,
// normalised (normalise.ts). Each worker appends its scenarios as they end, one line each, to a file of its own under
// reports/.exchanges/ (no attachment: Allure would write a file per exchange); the runner gathers them under the
// scenario ids when the run is over. One line of JSON: it loads in milliseconds.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Outcome, RunReport } from '../reports/results';
import type { ExchangeRecord } from './normalise';

export const EXCHANGES_FILE = 'exchanges.json';
/** Bumped when a field changes meaning: a diff of records of two versions cannot compare them. */
export const EXCHANGES_FORMAT_VERSION = 1;
const PARTS_DIR = '.exchanges';

export interface ScenarioExchanges {
  outcome?: Outcome;
  /** The text of each step, in order (a record's `step` is its 1-based index here). */
  steps: string[];
  exchanges: ExchangeRecord[];
}

export interface ExchangesFile {
  formatVersion: number;
  target: { url: string; embedded: boolean; fixtures: string; release?: string };
  startedAt?: string;
  scenarios: Record<string, ScenarioExchanges>;
}

/** Where the workers of a run write their parts. */
export const exchangePartsDir = (reportsDir: string): string => path.join(reportsDir, PARTS_DIR);

/** A worker's record of one scenario (by its pickle's id, which the runner maps to the scenario's id). */
export function appendScenario(partsDir: string, pickleId: string, scenario: ScenarioExchanges): void {
  mkdirSync(partsDir, { recursive: true });
  appendFileSync(path.join(partsDir, `${process.pid}.ndjson`), JSON.stringify({ pickleId, ...scenario }) + '\n');
}

/** Empties the parts folder before a run, so no earlier run's part is gathered with this one's. */
export function resetParts(reportsDir: string): void {
  rmSync(exchangePartsDir(reportsDir), { recursive: true, force: true });
}

/** Gathers the workers' parts into exchanges.json under the scenarios' ids; a retried scenario keeps its last try. */
export function writeExchanges(reportsDir: string, report: RunReport, scenarioIds: Map<string, string>): ExchangesFile {
  const dir = exchangePartsDir(reportsDir);
  const outcomes = new Map(report.scenarios.map((s) => [s.id, s.outcome]));
  const scenarios: Record<string, ScenarioExchanges> = {};
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
        if (!line) continue;
        const { pickleId, ...part } = JSON.parse(line) as ScenarioExchanges & { pickleId: string };
        const id = scenarioIds.get(pickleId);
        if (id) scenarios[id] = { ...part, outcome: outcomes.get(id) };
      }
    }
  }
  const sorted = Object.fromEntries(Object.keys(scenarios).sort().map((id) => [id, scenarios[id]]));
  const file: ExchangesFile = {
    formatVersion: EXCHANGES_FORMAT_VERSION,
    target: { url: report.target.url, embedded: report.target.embedded, fixtures: report.target.fixtures, release: report.target.judgedUnder?.release },
    startedAt: report.startedAt,
    scenarios: sorted,
  };
  writeFileSync(path.join(reportsDir, EXCHANGES_FILE), JSON.stringify(file));
  rmSync(dir, { recursive: true, force: true });
  return file;
}

/** The record of the run whose reports are in `dir`; why not, when it cannot be read. */
export function loadExchanges(dir: string): ExchangesFile | string {
  const file = path.join(dir, EXCHANGES_FILE);
  if (!existsSync(dir)) return `${dir}: no such folder`;
  if (!existsSync(file)) return `${dir} holds no ${EXCHANGES_FILE} (a run of this version of the suite writes one)`;
  let parsed: ExchangesFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as ExchangesFile;
  } catch (error) {
    return `${file}: not JSON (${(error as Error).message})`;
  }
  if (parsed.formatVersion !== EXCHANGES_FORMAT_VERSION) return `${file} is of format ${parsed.formatVersion}, this suite reads ${EXCHANGES_FORMAT_VERSION}`;
  return parsed;
}

/** The records of several runs (shards) as one; none when a shard has none. */
export function mergeExchanges(dirs: string[]): ExchangesFile | undefined {
  const files = dirs.map(loadExchanges);
  if (!files.length || files.some((f) => typeof f === 'string')) return undefined;
  const [first, ...rest] = files as ExchangesFile[];
  const scenarios = { ...first.scenarios };
  for (const f of rest) Object.assign(scenarios, f.scenarios);
  return { ...first, scenarios: Object.fromEntries(Object.keys(scenarios).sort().map((id) => [id, scenarios[id]])) };
}
