// `invotide-conformance report` (`npm run report` in a clone): the Allure HTML report from the last run's results
// (reports/allure-results → reports/allure-report/index.html, one file that opens from the disk; its trend kept per
// target in reports/history/). `report --merge DIR DIR ...`: the reports folders of several runs (e.g. CI shards) merged
// into one: report.json, summary.md and junit.xml, the gate's verdict over the whole, and one Allure report over all
// results.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXCHANGES_FILE, mergeExchanges } from '../exchanges/record';
import { parseArgs } from 'node:util';
import { buildAllureHtml } from './allure';
import { coverageLines, wholeSuite } from '../runner/coverage';
import { renderErrorJunit, renderJunit } from './junit';
import { copyShardResults, prepareMergeFolder } from './folder';
import { mergeExamples, mergeReports, policyOf, readShard } from './merge';
import { closingLines, renderMarkdown } from './summary';

export const REPORT_HELP = `Usage: invotide-conformance report [--reports-dir DIR] [--merge DIR DIR ...] [--no-html]
       (in a clone of the suite: npm run report -- [options])

  (no option)          the Allure HTML report of the last run: reports/allure-results → reports/allure-report/index.html,
                       one file a browser opens from the disk; its trend is kept per target in reports/history/
  --reports-dir DIR    the reports folder to read and write (default ./reports), as the run's --reports-dir
  --merge DIR DIR ...  merge the reports folders of several runs (e.g. --shard 1/2 and 2/2) into --reports-dir:
                       report.json, examples.json, summary.md, junit.xml and their Allure results, the gate's verdict
                       over the whole, one Allure report (--merge A --merge B works too). The folder is emptied of an
                       earlier run's reports first (its Allure history is kept); a folder that holds other files is
                       refused, and so is one of the folders merged
  --no-html            write no Allure HTML (no Java needed)
  -h, --help           this text

Exit codes: 0 the reports were written, 2 they could not be (the reason is printed).`;

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { merge: { type: 'string', multiple: true }, 'reports-dir': { type: 'string' }, 'no-html': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(REPORT_HELP);
      return 0;
    }
    // `--merge A B` as people write it: the folders after --merge are positionals to parseArgs.
    if (positionals.length && !values.merge) throw new Error(`unexpected argument "${positionals[0]}" (to merge reports folders: --merge DIR DIR ...)`);
    const reports = path.resolve(cwd, values['reports-dir'] ?? 'reports');
    const resultsDirs = [path.join(reports, 'allure-results')];
    if (values.merge) {
      const dirs = [...values.merge, ...positionals].map((d) => path.resolve(cwd, d));
      const shards = dirs.map((dir) => ({ dir, report: readShard(dir) }));
      const examples = mergeExamples(dirs);
      // Judged before the folder is touched: shards that cannot be merged leave it as it was.
      const merged = mergeReports(shards.map((s) => s.report));
      prepareMergeFolder(reports, dirs);
      // Rewrites the merged scenarios' attachments to the copies.
      copyShardResults(shards, reports);
      const { formatVersion, exitCode, verdict, counts, totals } = merged;
      writeFileSync(path.join(reports, 'report.json'), JSON.stringify({ formatVersion, exitCode, verdict, counts, totals, ...merged }, null, 2));
      writeFileSync(path.join(reports, 'examples.json'), JSON.stringify(examples, null, 2));
      const exchanges = mergeExchanges(dirs);
      if (exchanges) writeFileSync(path.join(reports, EXCHANGES_FILE), JSON.stringify(exchanges));
      writeFileSync(path.join(reports, 'summary.md'), renderMarkdown(merged, merged.coverage ? coverageLines(merged.coverage, wholeSuite(merged)) : []));
      writeFileSync(path.join(reports, 'junit.xml'), merged.error ? renderErrorJunit(merged.error, merged.startedAt) : renderJunit(merged, policyOf(merged)));
      console.log(`merged ${dirs.length} reports into ${path.relative(cwd, reports) || '.'}`);
      for (const line of [merged.verdict!.line, ...closingLines(merged.scenarios)]) console.log(line);
    } else {
      // An Allure report of no results would read as a run that found nothing.
      const last = path.join(reports, 'report.json');
      const error = existsSync(last) ? (JSON.parse(readFileSync(last, 'utf8')) as { error?: { kind: string; message: string } }).error : undefined;
      if (error) throw new Error(`the last run did not take place (${error.kind} error: ${error.message.split('\n')[0]}): nothing to report`);
    }
    if (!values['no-html']) console.log(`Allure report: ${await buildAllureHtml(reports, resultsDirs)}`);
    return 0;
  } catch (error) {
    // parseArgs explains positionals that start with '-' at length; the option's name is what the user needs.
    const message = (error as Error).message.replace(/\. To specify a positional argument[\s\S]*$/, '');
    console.error(`report: ${message}${(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? ' (see --help)' : ''}`);
    return 2;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
