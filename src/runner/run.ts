// One conformance run: resolve the target (the embedded reference store when none is configured), preflight it,
// run cucumber, decide the gate's verdict, then write report.json and every report made from it (summary.md, JUnit;
// the Allure results are written during the run). A run that ends before its scenarios leaves reports that say so.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import { ConfigError, type SuiteConfig } from '../config';
import type { RunParameters } from '../run-parameters';
import { Contract } from '../contract';
import { computeCoverage, coverageLines, undocumentedCount, wholeSuite, type Coverage } from './coverage';
import { applyDeviations, excuseKnownDeviation, gateVerdict, parseFailOn, type GateNotes, type GatePolicy } from './gate';
import { KNOWN_DEFECTS_FILE, deviationsFor, loadDeviations } from './deviations';
import { PlainResultsWriter } from '../reports/allure-writer';
import { renderErrorJunit, renderJunit } from '../reports/junit';
import { inGitHubActions, scenarioAnnotations } from '../reports/annotations';
import { startEmbeddedStore, type ResolvedTarget } from './embedded-store';
import { PreflightError, preflight, sentence } from './preflight';
import { checkFixtures, type FixtureCheckResult } from './fixture-check';
import { ApiClient, TransportError } from '../client';
import { PROVISION_HINT, loadFixtures } from '../fixtures';
import { describeReleases } from '../target/release';
import { settleSettings } from '../target/learn-settings';
import { declaredProfile, judgedUnder, settleRelease, type TargetProfile } from '../target/profile';
import { storeConfigurationOf } from '../target/store-configuration';
import { autoWorkers, featuresLongestFirst } from './scheduling';
import { ProfileHandoff } from './profile-handoff';
import { REPORT_FORMAT_VERSION, ResultCollector, totalsOf, type RunReport } from '../reports/results';
import { ROUTE_TAG_PATTERN, routeOfTag } from '../tags';
import { closingLines, featureLine, gateLine, renderMarkdown, renderTerminal, scenarioLine } from '../reports/summary';
import { allureCategories } from '../reports/allure-labels';
import { judgedUnderLine, judgedUnderProperties } from '../reports/judged-under';
import { colourWanted, verdictCounts } from '../reports/vocabulary';
import { Redactor } from '../redact';
import { COMPILED, PROJECT_ROOT } from '../paths';
import { sweepSecrets } from '../reports/sweep';
import { EXCHANGES_FILE, exchangePartsDir, loadExchanges, resetParts, writeExchanges, type ExchangesFile } from '../exchanges/record';

export const EXIT = { conforms: 0, nonConformance: 1, infrastructure: 2 } as const;

export interface RunOutcome {
  exitCode: number;
  report: RunReport;
  coverage: Coverage;
  profile?: TargetProfile;
}

/** compact: a line per feature as it finishes; verbose: a line per scenario, and the per-route table. */
export type OutputFormat = 'compact' | 'verbose';
export const OUTPUT_FORMATS: OutputFormat[] = ['compact', 'verbose'];

export interface OutputOptions {
  format?: OutputFormat;
  /** GitHub Actions annotations for each failure (default: when GITHUB_ACTIONS=true). */
  annotations?: boolean;
  /** ANSI colours, the same as every report's (default: when stdout is a terminal; NO_COLOR, FORCE_COLOR). */
  colour?: boolean;
  /** --allow-thin-run: the gate may pass a run that skipped many @must scenarios for data the target lacks. */
  allowThinRun?: boolean;
}

const ROOT = PROJECT_ROOT;

export async function runConformance(config: SuiteConfig, print: (line: string) => void = console.log, output: OutputOptions = {}): Promise<RunOutcome> {
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
    allowThinRun: Boolean(output.allowThinRun),
  };
  const colour = output.colour ?? colourWanted();
  // Read before the run, which may write over it (--diff-against the reports folder itself: this store's last run).
  const earlierRead = config.diffAgainst ? loadExchanges(path.resolve(config.diffAgainst)) : undefined;
  if (typeof earlierRead === 'string') throw new ConfigError(`--diff-against: ${earlierRead}`);
  const earlier = earlierRead;
  const verbose = output.format === 'verbose';
  const target = await resolveTarget(config);
  target.params.secrets.forEach((secret) => redactor.add(secret));
  target.params.loginStorm = config.loginStorm;
  try {
    await preflight(target.params.baseUrl, { ...config, apiUsername: target.params.apiUsername, apiKey: target.params.apiKey });
    log(`Target: ${target.params.embedded ? `embedded reference store at ${target.params.baseUrl}` : target.params.baseUrl}${config.certify ? ' (certify: no deviations, no skips)' : ''}`);
    // A parallel run of a given size starts its workers now, beside the fixture check, and they wait for the profile
    // it settles before any scenario (src/runner/profile-handoff.ts).
    const handoff = typeof config.parallel === 'number' && config.parallel > 1 ? new ProfileHandoff() : undefined;
    if (handoff) target.params.profileFile = handoff.file;
    const early = handoff && runScenarios(config, target.params, config.parallel as number, log, redactor, verbose, policy, colour);
    early?.catch(() => undefined); // awaited below; meanwhile its failure is not an unhandled one
    try {
      let learned: Awaited<ReturnType<typeof learnTarget>>;
      try {
        learned = await learnTarget(config, target.params, log);
      } catch (error) {
        handoff?.abort();
        await early?.catch(() => undefined);
        throw error;
      }
      const { check, profile } = learned;
      target.params.profile = profile;
      if (!config.certify) {
        policy.deviations = deviationsFor(policy.deviations, profile, target.params.embedded);
        const known = policy.deviations.filter((d) => d.source === 'known defect').length;
        if (known) log(`known defects: ${known} of stock OpenCart ${describeReleases(profile.release.candidates)} on PHP 8 (${path.relative(ROOT, KNOWN_DEFECTS_FILE)}), reported as known deviations if they show`);
      }
      log(judgedUnderLine(judgedUnder(profile)));
      const workers = config.parallel === 'auto' ? autoWorkers(target.params.embedded, check.roundTripMs) : config.parallel;
      if (config.parallel === 'auto') log(`workers: ${workers} (--parallel auto: ${target.params.embedded ? 'the embedded store is CPU-bound' : `median round trip ${check.roundTripMs.toFixed(0)} ms`})`);
      handoff?.deliver(profile);
      return await finish(await (early ?? runScenarios(config, target.params, workers, log, redactor, verbose, policy, colour)), profile);
    } finally {
      handoff?.close();
    }
  } finally {
    await target.close();
  }

  async function finish({ report, collector }: { report: RunReport; collector: ResultCollector }, profile: TargetProfile): Promise<RunOutcome> {
    report.durationMs = Date.now() - started;
    const cpu = process.cpuUsage();
    report.processCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    const notes = applyDeviations(report.scenarios, policy);
    const coverage = computeCoverage(Contract.load(), collector.exercised);
    const coverageShort = config.requireCoverage && (coverage.operationsCovered < coverage.operations.length || coverage.variantsCovered < coverage.variantsTotal);
    const extras = coverageShort ? ['spec coverage incomplete (--require-coverage)'] : [];
    const verdict = gateVerdict(report.scenarios, policy, undocumentedCount(coverage), extras);
    Object.assign(report, { totals: totalsOf(report.scenarios), counts: verdictCounts(report.scenarios), verdict, exitCode: verdict.exitCode });
    writeExchanges(config.reportsDir, report, collector.scenarioIds);
    const diff = await behaviourDiff(config, profile, log, earlier);
    if (diff) {
      report.diff = diff.summary;
      if (policy.failOn.has('diff') && diff.summary.counts.differences) extras.push(`${diff.summary.counts.differences} behaviour differences from ${diff.summary.before} (--fail-on diff)`);
      report.verdict = diff.summary.exitCode === 2
        ? { exitCode: 2, line: `gate: FAIL: the behaviour diff cannot compare: ${diff.summary.why}` }
        : gateVerdict(report.scenarios, policy, undocumentedCount(coverage), extras);
      report.exitCode = report.verdict.exitCode;
    }
    writeReports(config, report, coverage, policy, extras, target.params.secrets, diff?.markdown);
    const summary = renderTerminal(report, { verbose, colour, reportsDir: shownPath(config.reportsDir) });
    if (summary) log(summary);
    log('');
    for (const line of [...coverageLines(coverage, wholeSuite(report)), ...gateNoteLines(notes)]) log(line);
    if (coverageShort) log('spec coverage is incomplete: every operation and documented response variant must be exercised (--require-coverage)');
    if (output.annotations ?? inGitHubActions()) for (const line of scenarioAnnotations(report.scenarios, policy)) log(line);
    if (diff) for (const line of diff.lines) log(line);
    log(gateLine(report.verdict!.line, colour));
    for (const line of closingLines(report.scenarios, colour)) log(line);
    return { exitCode: report.exitCode!, report, coverage, profile };
  }
}

/**
 * --diff-against DIR and --diff-reference: this run's exchanges against an earlier run's, or against the reference
 * store's configured like this target (its release and settings as learned, its users, writes and addresses), run
 * into <reports>/reference. The earlier or reference run is BEFORE, this one AFTER.
 */
async function behaviourDiff(config: SuiteConfig, profile: TargetProfile, log: (line: string) => void, earlier?: ExchangesFile): Promise<{ summary: NonNullable<RunReport['diff']>; lines: string[]; markdown: string } | undefined> {
  if (!config.diffAgainst && !config.diffReference) return undefined;
  let before = config.diffAgainst ? path.resolve(config.diffAgainst) : '';
  let name = before;
  if (config.diffReference) {
    before = path.join(config.reportsDir, 'reference');
    name = 'the reference store';
    const lines: string[] = [];
    log(`reference store: the same scenarios against the embedded reference store configured like the target (release ${profile.release.version} and its settings)…`);
    await runConformance({
      ...config,
      targetUrl: undefined,
      reportsDir: before,
      buildHtmlReport: false,
      diffAgainst: undefined,
      diffReference: false,
      parallel: 1,
      requireCoverage: false,
      referenceHardened: false,
      referenceConfiguration: storeConfigurationOf(profile),
      referenceLike: config.targetUrl ? {
        allowWrites: config.allowWrites,
        restricted: Boolean(config.restrictedUsername),
        disabled: Boolean(config.disabledUsername),
        alternateSourceAddress: config.alternateSourceAddress,
      } : undefined,
    }, (line) => lines.push(line), { colour: false, annotations: false });
    log(`reference store: ${lines.filter((l) => /^(conformance|gate):/.test(l)).join('; ')} (reports in ${shownPath(before)})`);
  }
  const { compareFolders, DiffInputError } = await import('../exchanges/diff-cli');
  const { renderDiffMarkdown } = await import('../exchanges/render');
  const sides = { before: config.diffReference ? `${shownPath(before)} (the reference store)` : shownPath(before), after: `${shownPath(config.reportsDir)} (this run)`, ...(config.noiseDir ? { noise: shownPath(config.noiseDir) } : {}) };
  try {
    const { result, lines } = compareFolders(before, config.reportsDir, { noise: config.noiseDir && path.resolve(config.noiseDir), accept: config.acceptFile && path.resolve(config.acceptFile), out: config.reportsDir, sides, beforeRecord: earlier });
    const summary = { before: name, exitCode: result.exitCode, counts: result.counts, compared: result.compared, notCompared: result.notCompared.length, ...(result.why ? { why: result.why } : {}) };
    return { summary, lines, markdown: renderDiffMarkdown(result, sides, '##') };
  } catch (error) {
    if (!(error instanceof DiffInputError)) throw error;
    const why = error.message;
    const summary = { before: name, exitCode: 2 as const, counts: { differences: 0, documented: 0, undocumented: 0, noise: 0, accepted: 0, scenarios: 0, routes: 0 }, compared: 0, notCompared: 0, why };
    return { summary, lines: [`diff: cannot compare: ${why}`], markdown: `## What changed

cannot compare: ${why}
` };
  }
}

/**
 * The target's profile (src/target/profile.ts): what the fixtures declare, then the fixture check
 * (src/runner/fixture-check.ts). What the target lacks is handed to the scenarios, which skip when they need it;
 * store configuration the fixtures contradict, or missing data under --certify, ends the run (exit 2).
 */
async function learnTarget(config: SuiteConfig, params: RunParameters, log: (line: string) => void): Promise<{ check: FixtureCheckResult; profile: TargetProfile }> {
  const profile = declaredProfile(loadFixtures(params.fixturesFile));
  const client = new ApiClient({ baseUrl: params.baseUrl, timeoutMs: params.timeoutMs, caFile: params.caFile, contract: Contract.load() });
  let check: FixtureCheckResult;
  try {
    check = await checkFixtures(client, params, profile.fixtures);
  } catch (error) {
    if (error instanceof TransportError) throw new PreflightError(`target unreachable during the fixture check: ${sentence(error.message)}`);
    throw error;
  } finally {
    await client.close();
  }
  const releaseMismatch = settleRelease(profile, check.releaseObservations);
  if (releaseMismatch) check.mismatches.release = releaseMismatch;
  Object.assign(check.mismatches, settleSettings(profile, check.settingObservations));
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
  profile.lacking = check.lacking;
  log(releaseLine(profile));
  if (params.disabledUsername && !params.embedded) {
    // Said once, plainly: the one thing about the configuration the API cannot confirm.
    log(`note: a disabled API user and a wrong key are refused alike ([]), so login-disabled-user proves the refusal only if INVOTIDE_DISABLED_KEY is ${params.disabledUsername}'s key (provision prints it)`);
  }
  if (config.certify && !params.embedded && profile.release.source !== 'declared') {
    throw new ConfigError(`--certify judges the store by the release it runs, which the fixtures must name ("release"); its answers say ${describeReleases(profile.release.candidates)}.`);
  }
  return { check, profile };
}

/** "release: 3.0.3.0–3.0.3.8 (learned: …)": what the store is judged as, and how the suite knows. */
function releaseLine(profile: TargetProfile): string {
  const r = profile.release;
  const shown = r.source === 'learned' ? describeReleases(r.candidates) : r.version;
  const how = r.source === 'declared' ? 'named in the fixtures' : r.source === 'learned' ? `learned: ${r.evidence.join('; ')}` : r.evidence.length ? r.evidence.join('; ') : 'assumed';
  const hint = r.source === 'declared' ? '' : ' (name it in the fixtures, "release", to be judged as the release you run)';
  return `release: ${shown} (${how})${hint}`;
}

function gateNoteLines(notes: GateNotes): string[] {
  return [
    ...notes.expired.map((d) => `deviation expired (${d.expires}), its failure counts again: ${d.id}`),
    ...notes.nowPassing.map((d) => d.source === 'known defect'
      ? `known defect of the release did not show (the store does not have it): ${d.id}`
      : `deviation listed but the scenario now passes (remove it from the file): ${d.id}`),
    ...notes.unknown.filter((d) => d.source !== 'known defect').map((d) => `deviation names no scenario of this run: ${d.id}`),
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
  return startEmbeddedStore({ ...common, alternateSourceAddress: config.alternateSourceAddress, hardened: config.referenceHardened, configuration: config.referenceConfiguration, like: config.referenceLike });
}

async function runScenarios(
  config: SuiteConfig,
  params: RunParameters,
  workers: number,
  log: (line: string) => void,
  redactor: Redactor,
  verbose: boolean,
  policy: GatePolicy,
  colour: boolean,
): Promise<{ report: RunReport; collector: ResultCollector }> {
  const reports = config.reportsDir;
  resetParts(reports);
  params.exchangesDir = exchangePartsDir(reports);
  const collector = new ResultCollector(
    verbose ? (s, done, total) => log(scenarioLine(s, done, total, colour)) : undefined,
    verbose ? undefined : (uri, results) => log(featureLine(uri, results, colour)),
    (s) => excuseKnownDeviation(s, policy),
  );
  const version = suiteVersion();
  // What the run was judged under, as it stands when the Allure results are written: a parallel run's workers start
  // before the fixture check has settled the profile.
  const environmentInfo = (): Record<string, string> => ({
    target: params.embedded ? 'embedded reference store' : params.baseUrl,
    suite_version: version,
    fixtures: path.basename(params.fixturesFile),
    ...(params.profile ? Object.fromEntries(judgedUnderProperties(judgedUnder(params.profile))) : {}),
    tags: config.tags ?? '(all)',
    shard: config.shard ?? '(none)',
    gate: [...policy.failOn].length ? `@must, --fail-on ${[...policy.failOn].join(',')}` : '@must',
    certify: String(config.certify),
    thin_run_allowed: String(Boolean(policy.allowThinRun)),
    writes_allowed: String(params.allowWrites),
    workers: String(workers),
    node: process.version,
  });
  // Not emptied first: the writer overwrites the last run's files in place and deletes only what it did not rewrite.
  const allureWriter = new PlainResultsWriter(path.join(reports, 'allure-results'), redactor, () => collector.lastFinished, environmentInfo);
  const environment = { cwd: ROOT, stdout: process.stdout, stderr: process.stderr };
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: {
      ...suiteProfile(),
      // In parallel, the feature files whose scenarios take longest go first, so no worker ends on a long one alone.
      ...(workers > 1 ? { paths: featuresLongestFirst(path.join(ROOT, 'features'), path.join(reports, 'report.json')) } : {}),
      format: [path.join(ROOT, 'src/runner/quiet-formatter.js'), `allure-cucumberjs/reporter:${path.join(reports, 'allure.log')}`],
      formatOptions: {
        resultsDir: path.join(reports, 'allure-results'),
        writer: allureWriter,
        // Each scenario links to its route's page of the living documentation (npm run docs → reports/docs/).
        links: {
          docs: {
            pattern: [ROUTE_TAG_PATTERN],
            urlTemplate: (tag: string) => docsPage(tag),
            nameTemplate: (tag: string) => `${routeOfTag(tag)} in the living documentation`,
          },
        },
        // Suites, severity, epic and story come from the result model (allure-labels.ts), not from tag patterns; so do
        // the status and category of each verdict (a known deviation is "unknown", under "Known deviations").
        environmentInfo: environmentInfo(),
        categories: allureCategories(),
      } as never,
      // Workers receive these as plain JSON, so pass exactly that.
      worldParameters: JSON.parse(JSON.stringify(params)),
      parallel: workers > 1 ? workers : 0,
      ...(config.tags ? { tags: config.tags } : {}),
      ...(config.shard ? { shard: config.shard } : {}),
    },
  }, environment);
  const startedAt = new Date().toISOString();
  try {
    // Step definitions load once per process: a second run in it (the reference store's, for --diff-reference) would
    // find none if cucumber required them again, since Node caches the modules.
    supportLibrary ??= await loadSupport(runConfiguration, environment);
    await runCucumber({ ...runConfiguration, support: supportLibrary }, environment, (e) => collector.handle(e));
  } finally {
    allureWriter.writeExecutor(executorInfo(version));
    allureWriter.pruneLeftovers();
  }
  const report: RunReport = {
    formatVersion: REPORT_FORMAT_VERSION,
    suite: { name: 'invotide-conformance', version },
    target: {
      url: params.embedded ? 'embedded' : params.baseUrl,
      embedded: params.embedded,
      fixtures: path.relative(ROOT, params.fixturesFile),
      judgedUnder: params.profile && judgedUnder(params.profile),
    },
    startedAt,
    durationMs: 0,
    scenarioPhaseMs: collector.scenarioPhaseMs,
    gate: { failOn: [...policy.failOn], certify: policy.certify, requireCoverage: config.requireCoverage, allowThinRun: Boolean(policy.allowThinRun) },
    selection: { ...(config.tags ? { tags: config.tags } : {}), ...(config.shard ? { shard: config.shard } : {}) },
    scenarios: collector.scenarios,
    examples: collector.examples,
  };
  return { report, collector };
}

let supportLibrary: Awaited<ReturnType<typeof loadSupport>> | undefined;

/** cucumber.js's default profile; from the build (dist/), the compiled steps without a TypeScript compiler. */
function suiteProfile(): { require: string[]; requireModule: string[] } {
  const profile = (require(path.join(ROOT, 'cucumber.js')) as { default: { require: string[]; requireModule: string[] } }).default;
  if (!COMPILED) return profile;
  return { ...profile, requireModule: [], require: profile.require.map((glob) => path.join('dist', glob.replace(/\.ts$/, '.js'))) };
}

/** The living-documentation page of a `@route:` tag, relative to reports/allure-report/ (never throws: a formatter must not). */
function docsPage(tag: string): string {
  const op = Contract.load().operations().find((o) => o.route === routeOfTag(tag));
  return op ? `../docs/routes/${op.operationId}.html` : '../docs/index.html';
}

function writeReports(config: SuiteConfig, report: RunReport, coverage: Coverage, policy: GatePolicy, gateExtras: string[], secrets: string[], diffMarkdown?: string): void {
  const { examples, ...rest } = report;
  // The verdict and totals first, where a person or a CI step opening the file looks.
  const head = { formatVersion: rest.formatVersion, exitCode: rest.exitCode, verdict: rest.verdict, counts: rest.counts, totals: rest.totals };
  writeFileSync(path.join(config.reportsDir, 'report.json'), JSON.stringify({ ...head, ...rest, coverage }, null, 2));
  writeFileSync(path.join(config.reportsDir, 'examples.json'), JSON.stringify(examples ?? {}, null, 2));
  writeFileSync(path.join(config.reportsDir, 'summary.md'), renderMarkdown(report, coverageLines(coverage, wholeSuite(report))) + (diffMarkdown ? `\n${diffMarkdown}` : ''));
  writeFileSync(path.join(config.reportsDir, 'junit.xml'), renderJunit(report, policy, gateExtras));
  sweepSecrets(config.reportsDir, secrets);
}

/**
 * The reports of a run that ended before its scenarios (exit code 2): report.json, summary.md and junit.xml say what
 * went wrong, and nothing of an earlier run is left to be read as this one's (the Allure results are emptied).
 */
export function writeErrorReports(reportsDir: string, error: NonNullable<RunReport['error']>): void {
  const startedAt = new Date().toISOString();
  const verdict = { exitCode: 2 as const, line: `gate: FAIL: ${error.kind} error` };
  const report: RunReport = {
    formatVersion: REPORT_FORMAT_VERSION,
    suite: { name: 'invotide-conformance', version: suiteVersion() },
    target: { url: '', embedded: false, fixtures: '' },
    startedAt,
    durationMs: 0,
    scenarios: [],
    totals: totalsOf([]),
    counts: verdictCounts([]),
    verdict,
    exitCode: 2,
    error,
  };
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(path.join(reportsDir, 'report.json'), JSON.stringify(report, null, 2));
  writeFileSync(path.join(reportsDir, 'examples.json'), '{}\n');
  rmSync(path.join(reportsDir, EXCHANGES_FILE), { force: true });
  resetParts(reportsDir);
  writeFileSync(path.join(reportsDir, 'summary.md'), renderMarkdown(report));
  writeFileSync(path.join(reportsDir, 'junit.xml'), renderErrorJunit(error, startedAt));
  const results = path.join(reportsDir, 'allure-results');
  mkdirSync(results, { recursive: true });
  for (const name of readdirSync(results)) rmSync(path.join(results, name), { recursive: true, force: true });
}

/** executor.json for Allure's Executors widget: the CI build when there is one, else this machine. */
function executorInfo(version: string, env: NodeJS.ProcessEnv = process.env): Record<string, string | number | undefined> {
  if (env.GITHUB_ACTIONS === 'true') {
    const run = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
    return { name: 'GitHub Actions', type: 'github', buildName: `${env.GITHUB_WORKFLOW ?? 'workflow'} #${env.GITHUB_RUN_NUMBER ?? '?'}`, buildUrl: run, buildOrder: Number(env.GITHUB_RUN_NUMBER) || undefined };
  }
  return { name: `invotide-conformance ${version}`, type: 'local', buildName: `local run on ${hostname()}` };
}

/** A folder as the user reaches it from where they ran the suite: relative when under it, else absolute. */
export function shownPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(dir);
}

function suiteVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
