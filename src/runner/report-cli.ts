// `npm run report`: the Allure HTML report from the last run's results.
// `npm run report -- --merge DIR ...`: several runs' reports/ folders (e.g. CI shards) merged into ./reports:
// one report.json and summary.md, and one Allure report over all their results.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAllureHtml } from './allure';
import { coverageLines } from './coverage';
import { mergeReports, readShard } from './merge';
import { closingLine, countOutcomes, renderMarkdown } from './summary';

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { merge: { type: 'string', multiple: true }, 'no-html': { type: 'boolean' } }, allowPositionals: false });
  const reports = path.resolve(cwd, 'reports');
  try {
    let resultsDirs = [path.join(reports, 'allure-results')];
    if (values.merge?.length) {
      const dirs = values.merge.map((d) => path.resolve(cwd, d));
      const merged = mergeReports(dirs.map(readShard));
      mkdirSync(reports, { recursive: true });
      writeFileSync(path.join(reports, 'report.json'), JSON.stringify(merged, null, 2));
      writeFileSync(path.join(reports, 'summary.md'), renderMarkdown(merged, merged.coverage ? coverageLines(merged.coverage) : []));
      console.log(`merged ${dirs.length} reports: ${closingLine(countOutcomes(merged.scenarios)).split('\n').pop()}`);
      resultsDirs = dirs.map((d) => path.join(d, 'allure-results'));
    }
    if (!values['no-html']) console.log(`Allure report: ${await buildAllureHtml(reports, resultsDirs)}`);
    return 0;
  } catch (error) {
    console.error(`report: ${(error as Error).message}`);
    return 2;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
