// One conformance run: resolve the target (the embedded reference store when none is configured), preflight it,
// run cucumber, then write report.json, summary.md, JUnit and Allure results, and decide the exit code.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { ConfigError, type SuiteConfig } from '../config';
import type { RunParameters } from '../run-parameters';
import { Contract } from '../contract';
import { computeCoverage, coverageLines, undocumentedCount, type Coverage } from './coverage';
import { applyDeviations, gateVerdict, loadDeviations, parseFailOn, type GateNotes, type GatePolicy } from './gate';
import { linkFailureAttachments } from './allure-attachments';
import { PlainResultsWriter } from './allure-writer';
import { markKnownDeviations } from './junit';
import { startEmbeddedStore, type ResolvedTarget } from './embedded-store';
import { PreflightError, preflight } from './preflight';
import { checkFixtures, type FixtureCheckResult } from './fixture-check';
import { ApiClient, TransportError } from '../client';
import { PROVISION_HINT, loadFixtures } from '../fixtures';
import { autoWorkers, featuresLongestFirst } from './scheduling';
import { ResultCollector, type RunReport, type ScenarioResult } from './results';
import { closingLine, countOutcomes, renderMarkdown, renderTerminal } from './summary';
import { Redactor } from '../redact';
import { COMPILED, PROJECT_ROOT } from '../paths';
import { sweepSecrets } from './sweep';

export const EXIT = { conforms: 0, nonConformance: 1, infrastructure: 2 } as const;

export interface RunOutcome {
  exitCode: number;
  report: RunReport;
  coverage: Coverage;
}

const ROOT = PROJECT_ROOT;

export async function runConformance(config: SuiteConfig, print: (line: string) => void = console.log): Promise<RunOutcome> {
  const started = Date.now();
  // Failure reasons quote answers; a login answer holds a token. Everything printed goes through the redactor.
  const redactor = new Redactor([config.apiKey, config.restrictedKey, config.disabledKey]);
  const log = (line: string) => print(redactor.redact(line));
  // Settled before anything runs, so a bad deviations file or --fail-on is a configuration error (exit 2).
  const policy: GatePolicy = {
    failOn: parseFailOn(config.failOn),
    certify: config.certify,
    deviations: config.certify ? [] : loadDeviations(config.deviationsFile),
    today: new Date().toISOString().slice(0, 10),
  };
  const target = await resolveTarget(config);
  target.params.secrets.forEach((secret) => redactor.add(secret));
  try {
    await preflight(target.params.baseUrl, { ...config, apiUsername: target.params.apiUsername, apiKey: target.params.apiKey });
    log(`Target: ${target.params.embedded ? `embedded reference store at ${target.params.baseUrl}` : target.params.baseUrl}${config.certify ? ' (certify: no deviations, no skips)' : ''}`);
    const check = await checkTargetData(config, target.params, log);
    target.params.lacking = check.lacking;
    const workers = config.parallel === 'auto' ? autoWorkers(target.params.embedded, check.roundTripMs) : config.parallel;
    if (config.parallel === 'auto') log(`workers: ${workers} (--parallel auto: ${target.params.embedded ? 'the embedded store is CPU-bound' : `median round trip ${check.roundTripMs.toFixed(0)} ms`})`);
    const { report, collector } = await runScenarios(config, target.params, workers, log, redactor);
    report.durationMs = Date.now() - started;
    const cpu = process.cpuUsage();
    report.processCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    const notes = applyDeviations(report.scenarios, policy);
    linkFailureAttachments(config.reportsDir, report.scenarios);
    markKnownDeviations(path.join(config.reportsDir, 'junit.xml'), report.scenarios);
    const coverage = computeCoverage(Contract.load(), collector.exercised);
    writeReports(config, report, coverage, target.params.secrets);
    const counts = countOutcomes(report.scenarios);
    log(renderTerminal(report));
    log('');
    for (const line of [...coverageLines(coverage), ...gateNoteLines(notes)]) log(line);
    const coverageShort = config.requireCoverage && (coverage.operationsCovered < coverage.operations.length || coverage.variantsCovered < coverage.variantsTotal);
    if (coverageShort) log('spec coverage is incomplete: every operation and documented response variant must be exercised (--require-coverage)');
    const verdict = gateVerdict(report.scenarios, policy, undocumentedCount(coverage), coverageShort ? ['spec coverage incomplete (--require-coverage)'] : []);
    log(verdict.line);
    log(closingLine(counts));
    const exitCode = verdict.exitCode;
    return { exitCode, report, coverage };
  } finally {
    await target.close();
  }
}

/**
 * The fixture check (src/runner/fixture-check.ts): what the target lacks is handed to the scenarios, which skip when
 * they need it; store configuration the fixtures contradict, or missing data under --certify, ends the run (exit 2).
 */
async function checkTargetData(config: SuiteConfig, params: RunParameters, log: (line: string) => void): Promise<FixtureCheckResult> {
  const fixtures = loadFixtures(params.fixturesFile);
  const client = new ApiClient({ baseUrl: params.baseUrl, timeoutMs: params.timeoutMs, caFile: params.caFile, contract: Contract.load() });
  let check: FixtureCheckResult;
  try {
    check = await checkFixtures(client, params, fixtures);
  } catch (error) {
    if (error instanceof TransportError) throw new PreflightError(`target unreachable during the fixture check: ${error.message}.`);
    throw error;
  } finally {
    await client.close();
  }
  const mismatches = Object.entries(check.mismatches);
  if (mismatches.length) {
    throw new ConfigError(`the store's configuration is not what the fixtures (${path.relative(process.cwd(), params.fixturesFile)}) name:\n${mismatches.map(([key, what]) => `  ${key}: ${what}`).join('\n')}`);
  }
  const lacking = Object.entries(check.lacking);
  if (lacking.length && config.certify) {
    throw new ConfigError(`--certify needs every datum the fixtures name, and the target lacks ${lacking.length} (${PROVISION_HINT}):\n${lacking.map(([datum, what]) => `  ${datum}: ${what}`).join('\n')}`);
  }
  log(`fixture check: ${check.requests} requests; ${lacking.length ? `the target lacks ${lacking.length} of the data the fixtures name (the scenarios that need them are skipped, ${PROVISION_HINT}):` : 'the target has every datum the fixtures name'}`);
  for (const [datum, what] of lacking) log(`  ${datum}: ${what}`);
  return check;
}

function gateNoteLines(notes: GateNotes): string[] {
  return [
    ...notes.expired.map((d) => `deviation expired (${d.expires}), its failure counts again: ${d.id}`),
    ...notes.nowPassing.map((d) => `deviation listed but the scenario now passes (remove it from the file): ${d.id}`),
    ...notes.unknown.map((d) => `deviation names no scenario of this run: ${d.id}`),
  ];
}

async function resolveTarget(config: SuiteConfig): Promise<ResolvedTarget> {
  const common = { timeoutMs: config.timeoutMs, fixturesFile: config.fixturesFile, caFile: config.caFile };
  if (config.targetUrl) {
    return {
      params: {
        ...common,
        baseUrl: config.targetUrl,
        embedded: false,
        apiUsername: config.apiUsername,
        apiKey: config.apiKey,
        restrictedUsername: config.restrictedUsername,
        restrictedKey: config.restrictedKey,
        disabledUsername: config.disabledUsername,
        disabledKey: config.disabledKey,
        alternateSourceAddress: config.alternateSourceAddress,
        allowWrites: config.allowWrites,
        secrets: [config.apiKey, config.restrictedKey, config.disabledKey].filter((s): s is string => Boolean(s)),
      },
      close: async () => undefined,
    };
  }
  return startEmbeddedStore({ ...common, alternateSourceAddress: config.alternateSourceAddress });
}

async function runScenarios(config: SuiteConfig, params: RunParameters, workers: number, log: (line: string) => void, redactor: Redactor): Promise<{ report: RunReport; collector: ResultCollector }> {
  const reports = config.reportsDir;
  // Not emptied first: the writer overwrites the last run's files in place and deletes only what it did not rewrite.
  const allureWriter = new PlainResultsWriter(path.join(reports, 'allure-results'), redactor);
  const version = suiteVersion();
  const environment = { cwd: ROOT, stdout: process.stdout, stderr: process.stderr };
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: {
      ...suiteProfile(),
      // In parallel, the feature files whose scenarios take longest go first, so no worker ends on a long one alone.
      ...(workers > 1 ? { paths: featuresLongestFirst(path.join(ROOT, 'features'), path.join(reports, 'report.json')) } : {}),
      format: [path.join(ROOT, 'src/runner/quiet-formatter.js'), `junit:${path.join(reports, 'junit.xml')}`, `allure-cucumberjs/reporter:${path.join(reports, 'allure.log')}`],
      formatOptions: {
        junit: { suiteName: 'Invotide API conformance' },
        resultsDir: path.join(reports, 'allure-results'),
        writer: allureWriter,
        // Each scenario links to its route's page of the living documentation (npm run docs → reports/docs/).
        links: {
          docs: {
            pattern: [/@route:(.*)/],
            urlTemplate: (tag: string) => docsPage(tag),
            nameTemplate: (tag: string) => `${tag.replace(/^@route:/, 'api/')} in the living documentation`,
          },
        },
        labels: [
          { pattern: [/@area:(.*)/], name: 'epic' },
          { pattern: [/@route:(.*)/], name: 'story' },
        ],
        environmentInfo: { target: params.embedded ? 'embedded reference store' : params.baseUrl, suite_version: version, fixtures: path.basename(params.fixturesFile) },
        categories: [
          { name: 'Contract violations', matchedStatuses: ['failed'], traceRegex: '[\\s\\S]*ContractViolationError[\\s\\S]*' },
          { name: 'Infrastructure errors', matchedStatuses: ['failed', 'broken'], traceRegex: '[\\s\\S]*TransportError[\\s\\S]*' },
          { name: 'Behaviour mismatches', matchedStatuses: ['failed'], traceRegex: '[\\s\\S]*AssertionError[\\s\\S]*' },
          { name: 'Harness errors', matchedStatuses: ['broken', 'failed'] },
        ],
      } as never,
      // Workers receive these as plain JSON, so pass exactly that.
      worldParameters: JSON.parse(JSON.stringify(params)),
      parallel: workers > 1 ? workers : 0,
      ...(config.tags ? { tags: config.tags } : {}),
      ...(config.shard ? { shard: config.shard } : {}),
    },
  }, environment);
  const collector = new ResultCollector((s, done, total) => log(progressLine(s, done, total)));
  const startedAt = new Date().toISOString();
  try {
    await runCucumber(runConfiguration, environment, (e) => collector.handle(e));
  } finally {
    allureWriter.pruneLeftovers();
  }
  const report: RunReport = {
    suite: { name: 'invotide-conformance', version },
    target: { url: params.embedded ? 'embedded' : params.baseUrl, embedded: params.embedded, fixtures: path.relative(ROOT, params.fixturesFile) },
    startedAt,
    durationMs: 0,
    scenarioPhaseMs: collector.scenarioPhaseMs,
    scenarios: collector.scenarios,
    examples: collector.examples,
  };
  return { report, collector };
}

/** cucumber.js's default profile; from the build (dist/), the compiled steps without a TypeScript compiler. */
function suiteProfile(): { require: string[]; requireModule: string[] } {
  const profile = (require(path.join(ROOT, 'cucumber.js')) as { default: { require: string[]; requireModule: string[] } }).default;
  if (!COMPILED) return profile;
  return { ...profile, requireModule: [], require: profile.require.map((glob) => path.join('dist', glob.replace(/\.ts$/, '.js'))) };
}

/** The living-documentation page of a `@route:` tag, relative to reports/allure-report/ (never throws: a formatter must not). */
function docsPage(tag: string): string {
  const op = Contract.load().operations().find((o) => o.route === tag.replace(/^@route:/, 'api/'));
  return op ? `../docs/routes/${op.operationId}.html` : '../docs/index.html';
}

function progressLine(s: ScenarioResult, done: number, total: number): string {
  const mark = { passed: '✓', skipped: '-', 'not-applicable': '·', failed: '✗', 'known-deviation': '~', infrastructure: '!', 'harness-error': '?' }[s.outcome];
  return `${mark} [${done}/${total}] ${s.feature}: ${s.name}${s.outcome === 'skipped' || s.outcome === 'not-applicable' ? ` (${s.outcome.replace('-', ' ')}: ${s.reason})` : ''}`;
}

function writeReports(config: SuiteConfig, report: RunReport, coverage: Coverage, secrets: string[]): void {
  const { examples, ...rest } = report;
  writeFileSync(path.join(config.reportsDir, 'report.json'), JSON.stringify({ ...rest, coverage }, null, 2));
  writeFileSync(path.join(config.reportsDir, 'examples.json'), JSON.stringify(examples ?? {}, null, 2));
  writeFileSync(path.join(config.reportsDir, 'summary.md'), renderMarkdown(report, coverageLines(coverage)));
  sweepSecrets(config.reportsDir, secrets);
}

function suiteVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
