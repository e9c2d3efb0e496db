// Allure results as plain files, under names that repeat from run to run.
// - allure-js-commons' FileSystemWriter makes every file crash-safe for a live `allure watch`: a temp file, fsync,
//   rename and an unlink for each of ~4,500 small files. The report is built only after the run, so one write is enough.
// - Its names are random uuids, so each run deleted the last run's files and created new ones. On ext4 without a
//   journal, creating a file skips every inode deleted in the last minutes (`recently_deleted`), which made each
//   create cost up to 0.7 ms: seconds per run. Here the n-th result, container or attachment of a run is `n-result.json`,
//   `n-container.json`, `n-attachment.<ext>` (counted per suffix): a rerun writes over the files in place (see write),
//   and only leftovers are deleted.
// - Every file is redacted on its way out, so no secret reaches the results whoever wrote it.
// - Each result is labelled from the run's result model (allure-labels.ts): the writer hears of a scenario's end just
//   after the result collector does (cucumber calls runCucumber's message handler before any formatter), so the
//   scenario the collector finished last is the one being written.
import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Writer } from 'allure-js-commons/dist/types/sdk/reporter/types';
import type { Redactor } from '../redact';
import { applyVerdict, failureAttachment, labelResult } from './allure-labels';
import type { ScenarioResult } from './results';

// The package's `sdk/reporter` entry has types only under moduleResolution node16; its function is the one the default
// writer uses for environment.properties.
const { stringifyEnvInfo } = require('allure-js-commons/sdk/reporter') as { stringifyEnvInfo(info: Record<string, string | undefined>): string };

const TEXT = /\.(json|xml|md|log|txt|html|csv|yaml|ndjson)$/;

function openExisting(file: string): number | undefined {
  try {
    return openSync(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

type Args<K extends keyof Writer> = Writer[K] extends (...args: infer A) => void ? A : never;

export class PlainResultsWriter implements Writer {
  private readonly written = new Set<string>();
  /** The runtime's attachment name (`<uuid>-attachment.json`) → the stable one, to rewrite `source` in results. */
  private readonly renamed = new Map<string, string>();
  /** How many files of each suffix (`-result.json`, `-attachment.csv`, …) this run wrote: the next one's number. */
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly resultsDir: string,
    private readonly redactor: Redactor,
    /** The scenario whose result is being written (the one the result collector finished last). */
    private readonly finishedScenario: () => ScenarioResult | undefined = () => undefined,
    /**
     * environment.properties as it stands when the run ends (what the store was judged under is settled by the fixture
     * check, which a parallel run's workers start beside); else what the reporter was given.
     */
    private readonly environment?: () => Record<string, string | undefined>,
  ) {
    mkdirSync(resultsDir, { recursive: true });
  }

  writeAttachment(name: string, content: Buffer): void {
    const stable = this.rename(name);
    this.write(stable, TEXT.test(stable) ? this.redactor.redact(content.toString('utf8')) : content);
  }

  writeAttachmentFromPath(name: string, from: string): void {
    this.writeAttachment(name, readFileSync(from));
  }

  writeEnvironmentInfo(...[info]: Args<'writeEnvironmentInfo'>): void {
    this.write('environment.properties', stringifyEnvInfo(this.environment?.() ?? info));
  }

  writeCategoriesDefinitions(...[categories]: Args<'writeCategoriesDefinitions'>): void {
    this.write('categories.json', JSON.stringify(categories));
  }

  writeGroup(...[group]: Args<'writeGroup'>): void {
    this.write(this.numbered('-container.json'), this.json(group));
  }

  writeResult(...[result]: Args<'writeResult'>): void {
    const scenario = this.finishedScenario();
    if (scenario && scenario.name === result.name) {
      labelResult(result, scenario);
      applyVerdict(result, scenario);
      const source = failureAttachment(result, scenario);
      // Relative to the reports folder, so report.json, summary.md and JUnit name it where the artifact has it.
      if (source) scenario.attachment = path.relative(path.dirname(this.resultsDir), path.join(this.resultsDir, this.renamed.get(source) ?? source));
    }
    this.write(this.numbered('-result.json'), this.json(result));
  }

  /** executor.json: where the run took place (the Executors widget of the report). */
  writeExecutor(executor: Record<string, string | number | undefined>): void {
    this.write('executor.json', JSON.stringify(executor));
  }

  writeGlobals(...[name, globals]: Args<'writeGlobals'>): void {
    this.write(name, JSON.stringify(globals));
  }

  /** Deletes what an earlier run left and this one did not rewrite; returns how many files that was. */
  pruneLeftovers(): number {
    const stale = readdirSync(this.resultsDir).filter((name) => !this.written.has(name));
    for (const name of stale) rmSync(path.join(this.resultsDir, name), { recursive: true, force: true });
    return stale.length;
  }

  private rename(name: string): string {
    const at = name.lastIndexOf('-attachment');
    const stable = at < 0 ? name : this.numbered(name.slice(at));
    this.renamed.set(name, stable);
    return stable;
  }

  private numbered(suffix: string): string {
    const n = (this.counts.get(suffix) ?? 0) + 1;
    this.counts.set(suffix, n);
    return `${n}${suffix}`;
  }

  private json(value: unknown): string {
    return this.redactor.redact(JSON.stringify(value, (key, v: unknown) => (key === 'source' && typeof v === 'string' ? this.renamed.get(v) ?? v : v)));
  }

  private write(name: string, content: string | Buffer): void {
    const file = path.join(this.resultsDir, name);
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    // Over the old file's blocks, then cut to length: a truncating open frees the blocks and allocates new ones, ten
    // times slower on this disk.
    const fd = openExisting(file) ?? openSync(file, 'w');
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, at);
      ftruncateSync(fd, bytes.length);
    } finally {
      closeSync(fd);
    }
    this.written.add(name);
  }
}
