// A reports folder: what a run and a merge write in it, and how a merge gets a clean one. A merge writes every file of
// its result into a folder emptied of what an earlier run or merge left (its Allure results, examples and docs would
// otherwise be read as the merge's), keeps Allure's history (history/<target>/), and refuses a folder that holds
// anything else: it is not a reports folder, and nothing of it is the suite's to delete.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MergeError } from './merge';
import type { ShardReport } from './merge';

/** What a run, a merge, `report` and `docs` write at the top of a reports folder. */
export const GENERATED = ['report.json', 'examples.json', 'exchanges.json', 'diff.json', 'diff.md', '.exchanges', 'reference', 'summary.md', 'junit.xml', 'allure.log', 'allure-results', 'allure-report', 'docs'];

/** What a reports folder keeps from run to run: Allure's history, one folder per target (allure.ts). */
export const KEPT = ['history'];

/**
 * Makes `out` ready for a merge of `inputs`: created, or emptied of generated files. Refuses a folder that is one of
 * the inputs (or holds one), and one that holds files a run does not write.
 */
export function prepareMergeFolder(out: string, inputs: string[]): void {
  for (const input of inputs) {
    const within = path.relative(out, input);
    if (within === '' || (!within.startsWith('..') && !path.isAbsolute(within) && GENERATED.includes(within.split(path.sep)[0]))) {
      throw new MergeError(`--reports-dir ${out} would overwrite ${input}, one of the folders to merge: merge into another folder`);
    }
  }
  if (!existsSync(out)) {
    mkdirSync(out, { recursive: true });
    return;
  }
  if (!statSync(out).isDirectory()) throw new MergeError(`--reports-dir ${out} is a file, not a folder`);
  const entries = readdirSync(out);
  const foreign = entries.filter((name) => !name.startsWith('.') && !GENERATED.includes(name) && !KEPT.includes(name) && !isShardInput(path.join(out, name), inputs));
  if (foreign.length) {
    throw new MergeError(
      `--reports-dir ${out} is not a reports folder (it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}): ` +
        'merge into a new or empty folder, or into the reports folder of a run (whose reports it replaces)',
    );
  }
  for (const name of entries) if (GENERATED.includes(name)) rmSync(path.join(out, name), { recursive: true, force: true });
}

/** A folder under `out` that holds one of the inputs (`--reports-dir . --merge shards/reports-1 …`). */
function isShardInput(entry: string, inputs: string[]): boolean {
  return inputs.some((input) => {
    const within = path.relative(entry, input);
    return within === '' || (!within.startsWith('..') && !path.isAbsolute(within));
  });
}

/** Files of Allure's results that name attachments (`source`), rewritten when the attachments are renamed. */
const NAMES_ATTACHMENTS = /-(result|container)\.json$/;
/** Written once per run, the same in every shard: the first shard's are kept. */
const ONCE = new Set(['environment.properties', 'categories.json', 'executor.json']);

/**
 * Copies the Allure results of each shard into `out/allure-results`, each file prefixed with its shard (`shard2-`)
 * so that names repeating from shard to shard (`1-result.json`) do not collide, and rewrites each report's
 * attachments to the copies: the merged folder holds everything it names.
 */
export function copyShardResults(shards: Array<{ dir: string; report: ShardReport }>, out: string): void {
  const results = path.join(out, 'allure-results');
  mkdirSync(results, { recursive: true });
  shards.forEach(({ dir, report }, i) => {
    const prefix = `shard${i + 1}-`;
    const from = path.join(dir, 'allure-results');
    const names = existsSync(from) ? readdirSync(from).filter((name) => statSync(path.join(from, name)).isFile()) : [];
    const renamed = new Set(names.filter((name) => !ONCE.has(name)));
    for (const name of names) {
      if (ONCE.has(name)) {
        if (i === 0) copyFileSync(path.join(from, name), path.join(results, name));
        continue;
      }
      if (!NAMES_ATTACHMENTS.test(name)) {
        copyFileSync(path.join(from, name), path.join(results, prefix + name));
        continue;
      }
      const json = JSON.parse(readFileSync(path.join(from, name), 'utf8'), (key, value: unknown) =>
        key === 'source' && typeof value === 'string' && renamed.has(value) ? prefix + value : value,
      ) as unknown;
      writeFileSync(path.join(results, prefix + name), JSON.stringify(json));
    }
    for (const s of report.scenarios) {
      if (!s.attachment) continue;
      const own = path.relative(path.join(dir, 'allure-results'), path.resolve(dir, s.attachment));
      s.attachment = renamed.has(own) ? path.join('allure-results', prefix + own) : path.relative(out, path.resolve(dir, s.attachment));
    }
  });
}
