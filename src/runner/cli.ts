// The command line: `invotide-conformance [command] [options]`, also `npm run conformance|report|docs|store -- [options]`
// in a clone. Running the suite is the default command; the others each have a module and a --help of their own.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_KEYS, ConfigError, loadConfig, type ConfigKey } from '../config';
import { annotation, inGitHubActions } from '../reports/annotations';
import { SqliteUnavailableError } from '../../store/db/database';
import { FAIL_ON_VALUES } from './gate';
import { loadExchanges } from '../exchanges/record';
import { loadAcceptFile } from '../exchanges/diff-cli';
import { PreflightError } from './preflight';
import { EXIT, OUTPUT_FORMATS, runConformance, writeErrorReports, type OutputFormat } from './run';

/** The commands, each with what it does, for the top-level --help; `run` is also what no command means. */
export const COMMANDS = {
  run: 'run the suite against a store (the default command)',
  provision: "print the SQL that adds the suite's data to a store's database (or removes it: --teardown)",
  report: "the Allure HTML report of the last run; --merge: the reports of several runs (shards) as one",
  docs: 'the living documentation of the last run (OpenAPI reference, conformance matrix, a page per route)',
  store: 'start the reference store on its own, and print the .env lines that point the suite at it',
  diff: 'what the store answers differently between two runs (two reports folders): exit 0 alike, 1 differ',
} as const;
export type Command = keyof typeof COMMANDS;

export const HELP = `Usage: invotide-conformance [options]             run the suite (also: invotide-conformance run [options])
       invotide-conformance COMMAND [options]     COMMAND --help lists its options

Commands:
${Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(10)} ${what}`).join('\n')}

Runs the Invotide API conformance suite against a store. With no target configured it starts
the embedded reference store on a free loopback port and runs against that.

Options:
  --target URL        base URL of the store (the folder holding index.php)
  --env-file FILE     read configuration from FILE instead of ./.env
  --fixtures FILE     target data (product ids, coupon codes, ...); default: the suite's targets/provisioned.json
  --tags EXPR         only scenarios matching a cucumber tag expression, e.g. "@route:cart/add and not @writes"
  --parallel N|auto   run scenarios in N worker processes (default 1); auto: as many as the target's round trip
                      pays for (up to 8, measured before the run), serial for the embedded store
  --allow-writes      allow scenarios that create, change or delete orders on the target
  --hardened          run the embedded reference store hardened (every @security scenario passes there); default:
                      as a stock OpenCart 3.0.5.0, with its security findings
  --timeout MS        per-request timeout in milliseconds (default 10000)
  --reports-dir DIR   where reports go (default ./reports)
  --report            also build the Allure HTML report, one file: reports/allure-report/index.html
  --format FORMAT     compact (default: a line per feature, failures in full, skips grouped by reason) or verbose
                      (a line per scenario, and the per-route table); with GITHUB_ACTIONS=true, failures are also
                      printed as annotations
  --fail-on LIST      also fail the gate on: ${FAIL_ON_VALUES.join(', ')} (default: only @must failures;
                      security: findings of the @security scenarios, which are otherwise reported apart)
  --strict            the same as --fail-on undocumented: fields the contract does not document fail the run
  --certify           ignore known deviations and allow no skips: the run whose result an operator can publish
  --allow-thin-run    let the gate pass a run in which more than 10% of the @must scenarios were skipped for data
                      the target lacks (by default such a run fails: apply \`invotide-conformance provision\`)
  --deviations FILE   known deviations of this target (default targets/<fixtures>.deviations.yaml if present)
  --shard I/N         run only shard I of N (merge with: invotide-conformance report --merge DIR DIR ...)
  --require-coverage  fail unless every operation and response variant of openapi.yaml was exercised
  --diff-against DIR  after the run, what the store answers differently from the run whose reports are in DIR
                      (its exchanges.json): by route, scenario and JSON pointer (diff.md, diff.json, summary.md)
  --diff-reference    after the run, run the embedded reference store configured like the target (its release and
                      settings) into <reports-dir>/reference, and diff the two: what the assertions do not cover
  --noise DIR         with a diff: a second run of the BEFORE store; what differs between the two is noise
  --accept FILE       with a diff: known differences (YAML; see invotide-conformance diff --help)
                      (--fail-on diff: any difference that is neither noise nor accepted fails the gate)
  -h, --help          this text

Configuration keys (.env, environment; flags win):
${Object.entries(CONFIG_KEYS).map(([k, v]) => `  ${k.padEnd(34)} ${v}`).join('\n')}

Exit codes: 0 the target conforms, 1 non-conformance found (the "gate:" line says what failed the gate),
2 configuration or infrastructure error (the reports then say so, and hold nothing of an earlier run).

Examples:
  npx invotide-conformance                              # against the embedded reference store
  npx invotide-conformance --target https://staging.example.com/ --env-file .env.staging
  npx invotide-conformance --tags "@area:cart" --parallel 2 --report
  npx invotide-conformance provision --help
  npx invotide-conformance diff BEFORE AFTER           # what changed between two runs (diff --help: --noise, --accept)
`;

/**
 * The command line. Resolves to the exit code; for \`store\`, never: the store serves until it is stopped and ends the
 * process itself. \`parent\` is the process that started this one, read before anything loaded (see store/main.ts).
 */
export async function main(argv: string[], parent = process.ppid): Promise<number> {
  const [first, ...rest] = argv;
  if (first !== undefined && !first.startsWith('-')) {
    if (!(first in COMMANDS)) {
      // Nothing is written to a reports folder: the command meant may have been \`report\`, to read it.
      console.error(`invotide-conformance: unknown command "${first}"; the commands are ${Object.keys(COMMANDS).join(', ')} (see --help)`);
      return EXIT.infrastructure;
    }
    switch (first as Command) {
      case 'run':
        return runMain(rest);
      case 'provision':
        return (await import('../provision/cli')).provisionMain(rest);
      case 'report':
        return (await import('../reports/report-cli')).main(rest);
      case 'docs':
        return (await import('../docs/build')).main(rest);
      case 'store':
        (await import('../../store/main')).main(rest, parent);
        return new Promise<number>(() => undefined);
      case 'diff':
        return (await import('../exchanges/diff-cli')).main(rest);
    }
  }
  return runMain(argv);
}

/** \`invotide-conformance [run] [options]\`: one conformance run. */
async function runMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        target: { type: 'string' },
        'env-file': { type: 'string' },
        fixtures: { type: 'string' },
        tags: { type: 'string' },
        parallel: { type: 'string' },
        'allow-writes': { type: 'boolean' },
        hardened: { type: 'boolean' },
        timeout: { type: 'string' },
        report: { type: 'boolean' },
        'reports-dir': { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        strict: { type: 'boolean' },
        certify: { type: 'boolean' },
        'allow-thin-run': { type: 'boolean' },
        deviations: { type: 'string' },
        shard: { type: 'string' },
        'require-coverage': { type: 'boolean' },
        'diff-against': { type: 'string' },
        'diff-reference': { type: 'boolean' },
        noise: { type: 'string' },
        accept: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // Where the reports would have gone is unknown: an existing ./reports is overwritten, so it is not read as this run's.
    const message = `${(error as Error).message} (see --help)`;
    return fail('configuration', message, existsSync('reports') ? path.resolve('reports') : undefined, message);
  }
  const v = parsed.values;
  if (v.help) {
    console.log(HELP);
    return EXIT.conforms;
  }
  const reportsDir = path.resolve(v['reports-dir'] ?? 'reports');
  try {
    if (v.format !== undefined && !OUTPUT_FORMATS.includes(v.format as OutputFormat)) {
      throw new ConfigError(`--format takes ${OUTPUT_FORMATS.join(' or ')}; got "${v.format}".`);
    }
    const flags: Partial<Record<ConfigKey, string>> = {};
    if (v.target !== undefined) flags.INVOTIDE_TARGET_URL = v.target;
    if (v.fixtures !== undefined) flags.INVOTIDE_FIXTURES = v.fixtures;
    if (v.timeout !== undefined) flags.INVOTIDE_TIMEOUT_MS = v.timeout;
    if (v['allow-writes']) flags.INVOTIDE_ALLOW_WRITES = 'true';
    if (v.hardened) flags.INVOTIDE_REFERENCE_HARDENED = 'true';
    const config = loadConfig({
      envFile: v['env-file'],
      flags,
      tags: v.tags,
      parallel: v.parallel === undefined ? 1 : v.parallel === 'auto' ? 'auto' : Number(v.parallel),
      buildHtmlReport: v.report,
      failOn: v['fail-on'],
      strict: v.strict,
      certify: v.certify,
      deviationsFile: v.deviations,
      shard: v.shard,
      requireCoverage: v['require-coverage'],
      reportsDir: v['reports-dir'],
    });
    Object.assign(config, {
      diffAgainst: v['diff-against'],
      diffReference: v['diff-reference'],
      noiseDir: v.noise,
      acceptFile: v.accept,
    });
    if (config.diffAgainst && config.diffReference) throw new ConfigError('--diff-against and --diff-reference each name the run to diff with: give one');
    if ((config.noiseDir || config.acceptFile) && !config.diffAgainst && !config.diffReference) throw new ConfigError('--noise and --accept go with --diff-against DIR or --diff-reference');
    if (/(^|,)\s*diff\s*(,|$)/.test(config.failOn) && !config.diffAgainst && !config.diffReference) throw new ConfigError('--fail-on diff needs a diff to fail on: --diff-against DIR or --diff-reference');
    // Checked before the run: a diff that cannot be made is a configuration error, not a finding at the end.
    for (const [flag, dir] of [['--diff-against', config.diffAgainst], ['--noise', config.noiseDir]] as const) {
      const record = dir === undefined ? undefined : loadExchanges(path.resolve(dir));
      if (typeof record === 'string') throw new ConfigError(`${flag}: ${record}`);
    }
    if (config.acceptFile) {
      try {
        loadAcceptFile(path.resolve(config.acceptFile));
      } catch (error) {
        throw new ConfigError((error as Error).message);
      }
    }
    const { exitCode } = await runConformance(config, console.log, { format: v.format as OutputFormat | undefined, allowThinRun: v['allow-thin-run'] });
    if (config.buildHtmlReport) {
      const { buildAllureHtml } = await import('../reports/allure');
      console.log(`Allure report: ${await buildAllureHtml(config.reportsDir)}`);
    }
    return exitCode;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (error instanceof ConfigError) return fail('configuration', message, reportsDir, `configuration error: ${message}`);
    if (error instanceof PreflightError) return fail('infrastructure', message, reportsDir, message);
    if (error instanceof SqliteUnavailableError) return fail('configuration', message, reportsDir, `configuration error: ${message}`);
    return fail('internal', message, reportsDir, `internal error: ${message}`);
  }
}

/** Ends a run that could not take place: one line on stderr (and an annotation in CI), and reports that say so. */
function fail(kind: 'configuration' | 'infrastructure' | 'internal', message: string, reportsDir: string | undefined, line: string): number {
  console.error(`invotide-conformance: ${line}`);
  if (inGitHubActions()) console.log(annotation('error', message, { title: `invotide-conformance: ${kind} error` }));
  try {
    if (reportsDir) writeErrorReports(reportsDir, { kind, message });
  } catch {
    // an unwritable reports folder must not hide the error that ended the run
  }
  return EXIT.infrastructure;
}
