// Renders a run report for people: the terminal (a line per feature as it finishes, then failures in full, skips
// grouped by reason, the security section and the closing lines) and summary.md (the same, with a per-route table).
import path from 'node:path';
import { countOutcomes, ofClass, type Counts, type Outcome, type RunReport, type ScenarioResult } from './results';

export { countOutcomes, type Counts } from './results';

/** One word for each outcome, the same in every report; a failed security scenario is a finding. */
export function outcomeWord(s: Pick<ScenarioResult, 'outcome'> & Partial<Pick<ScenarioResult, 'class'>>): string {
  if (s.class === 'security' && s.outcome === 'failed') return 'finding';
  return s.outcome.replace(/-/g, ' ');
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What neither passed nor failed on the store: known deviations, and the errors of the target or of the suite. */
function apartCounts(c: Counts): string[] {
  return [
    c.knownDeviations ? plural(c.knownDeviations, 'known deviation') : '',
    c.infrastructure ? plural(c.infrastructure, 'infrastructure error') : '',
    c.harnessErrors ? plural(c.harnessErrors, 'harness error') : '',
  ].filter(Boolean);
}

/**
 * The closing line CI reads, for conformance scenarios: `conformance: N passed, M failed, K skipped[, J not applicable]`,
 * after a line of what is counted apart (known deviations, infrastructure and harness errors), if any.
 */
export function closingLine(c: Counts): string {
  const apart = apartCounts(c);
  const notApplicable = c.notApplicable ? `, ${c.notApplicable} not applicable` : '';
  return `${apart.length ? `(${apart.join(', ')})\n` : ''}conformance: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${notApplicable}`;
}

/** `security: N passed, M findings, K skipped`, for a run in which security scenarios ran (else nothing). */
export function securityLine(scenarios: ScenarioResult[]): string | undefined {
  const security = ofClass(scenarios, 'security');
  if (!security.length) return undefined;
  const c = countOutcomes(security);
  const more = [c.notApplicable ? `${c.notApplicable} not applicable` : '', ...apartCounts(c)].filter(Boolean);
  return `security: ${c.passed} passed, ${plural(c.failed, 'finding')}, ${c.skipped} skipped${more.length ? `, ${more.join(', ')}` : ''}`;
}

/** The closing lines: conformance, then security when any security scenario ran. */
export function closingLines(scenarios: ScenarioResult[]): string[] {
  const security = securityLine(scenarios);
  return [...closingLine(countOutcomes(ofClass(scenarios, 'conformance'))).split('\n'), ...(security ? [security] : [])];
}

export interface RouteRow { route: string; passed: number; failed: number; knownDeviations: number; skipped: number; errors: number; violations: number }

/** Conformance scenarios per route; a scenario counts once for each route it touches. */
export function routeRows(scenarios: ScenarioResult[]): RouteRow[] {
  const rows = new Map<string, RouteRow>();
  const column: Record<Outcome, keyof Omit<RouteRow, 'route' | 'violations'>> = {
    passed: 'passed', failed: 'failed', 'known-deviation': 'knownDeviations', skipped: 'skipped', 'not-applicable': 'skipped', infrastructure: 'errors', 'harness-error': 'errors',
  };
  for (const s of ofClass(scenarios, 'conformance')) {
    for (const route of s.routes) {
      const row = rows.get(route) ?? { route, passed: 0, failed: 0, knownDeviations: 0, skipped: 0, errors: 0, violations: 0 };
      row[column[s.outcome]]++;
      row.violations += s.contractViolations;
      rows.set(route, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.route.localeCompare(b.route));
}

export const ROUTE_TABLE_NOTE = 'A scenario counts once for each route it touches, so the rows add up to more than the scenarios.';

/** Anything that neither passed nor was left out on purpose (a known deviation included: it did fail). */
export const isFailure = (s: ScenarioResult): boolean => s.outcome !== 'passed' && s.outcome !== 'skipped' && s.outcome !== 'not-applicable';

/** What the failure lists show in full; a known deviation, already explained in the deviations file, gets one line. */
const isNewFailure = (s: ScenarioResult): boolean => isFailure(s) && s.outcome !== 'known-deviation';

const knownDeviationLine = (s: ScenarioResult): string => `${s.id}: ${(s.reason ?? '').split('\n')[0].replace(/^known deviation: /, '')}`;

/** `✓ cart.feature: 50 passed, 4 skipped`: a feature's results in one line, as it finishes. */
export function featureLine(uri: string, results: ScenarioResult[]): string {
  const c = countOutcomes(results);
  const security = results.some((s) => s.class === 'security');
  const parts = [
    `${c.passed} passed`,
    c.failed ? `${c.failed} ${security ? (c.failed === 1 ? 'finding' : 'findings') : 'failed'}` : '',
    ...apartCounts(c),
    c.skipped ? `${c.skipped} skipped` : '',
    c.notApplicable ? `${c.notApplicable} not applicable` : '',
  ].filter(Boolean);
  return `${results.some(isFailure) ? '✗' : '✓'} ${path.basename(uri)}: ${parts.join(', ')}`;
}

/** `✓ [12/501] The session cart: a product … is added`: one scenario as it finishes (--format verbose). */
export function scenarioLine(s: ScenarioResult, done: number, total: number): string {
  const mark = { passed: '✓', skipped: '-', 'not-applicable': '·', failed: '✗', 'known-deviation': '~', infrastructure: '!', 'harness-error': '?' }[s.outcome];
  const why = s.outcome === 'skipped' || s.outcome === 'not-applicable' ? ` (${outcomeWord(s)}: ${s.reason})` : '';
  return `${mark} [${done}/${total}] ${s.feature}: ${s.name}${why}`;
}

function failureBlock(f: ScenarioResult): string[] {
  return [
    `  ✗ ${f.name} [${outcomeWord(f)}] (${f.id}, @${f.level}, ${f.uri}${f.line ? `:${f.line}` : ''})`,
    `    step: ${f.failedStep ?? '?'}`,
    ...(f.reason ?? '').split('\n').map((l) => `    ${l}`),
    ...(f.attachment ? [`    attachment: ${f.attachment}`] : []),
  ];
}

const NOT_RUN = [['skipped', 'Skipped'], ['not-applicable', 'Not applicable to this target']] as const;

/** Scenarios of one outcome (skipped, or not applicable), one group per reason, the largest first. */
function reasonGroups(scenarios: ScenarioResult[], outcome: Outcome): Array<{ n: number; reason: string; ids: string[] }> {
  const groups = new Map<string, { n: number; reason: string; ids: string[] }>();
  for (const s of scenarios.filter((x) => x.outcome === outcome)) {
    const reason = s.reason ?? outcomeWord(s);
    const g = groups.get(reason) ?? { n: 0, reason, ids: [] };
    g.n++;
    g.ids.push(s.id);
    groups.set(reason, g);
  }
  return [...groups.values()].sort((a, b) => b.n - a.n);
}

/** `Skipped (12):` then `  12 × writes orders, …`: one line per reason, for each outcome that left scenarios out. */
function notRunLines(scenarios: ScenarioResult[], indent = ''): string[] {
  return NOT_RUN.flatMap(([outcome, heading]) => {
    const groups = reasonGroups(scenarios, outcome);
    if (!groups.length) return [];
    return [`${indent}${heading} (${groups.reduce((n, g) => n + g.n, 0)}):`, ...groups.map((g) => `${indent}  ${g.n} × ${g.reason}`)];
  });
}

export interface TerminalOptions {
  /** --format verbose: the per-route table too (the per-scenario lines stream during the run). */
  verbose?: boolean;
}

/** What the terminal shows after the run's streamed lines. */
export function renderTerminal(report: RunReport, options: TerminalOptions = {}): string {
  const out: string[] = [];
  if (options.verbose) {
    const rows = routeRows(report.scenarios);
    const width = Math.max(5, ...rows.map((r) => r.route.length));
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    out.push('', `${'route'.padEnd(width)}  passed  failed  known-dev  skipped  errors  violations`);
    for (const r of rows) out.push(`${r.route.padEnd(width)}  ${pad(r.passed, 6)}  ${pad(r.failed, 6)}  ${pad(r.knownDeviations, 9)}  ${pad(r.skipped, 7)}  ${pad(r.errors, 6)}  ${pad(r.violations, 10)}`);
    out.push(`(${ROUTE_TABLE_NOTE})`);
  }
  const conformance = ofClass(report.scenarios, 'conformance');
  const failures = conformance.filter(isNewFailure);
  if (failures.length) out.push('', 'Failures:', ...failures.flatMap(failureBlock));
  const known = report.scenarios.filter((s) => s.outcome === 'known-deviation');
  if (known.length) out.push('', `Known deviations (${known.length}, listed in the deviations file):`, ...known.map((s) => `  ~ ${knownDeviationLine(s)}`));
  const notRun = notRunLines(conformance);
  if (notRun.length) out.push('', ...notRun);
  const security = ofClass(report.scenarios, 'security');
  if (security.length) {
    const findings = security.filter(isNewFailure);
    out.push('', `Security (${plural(security.length, 'scenario')}, reported apart; gated only with --fail-on security):`);
    out.push(...(findings.length ? findings.flatMap(failureBlock) : ['  no findings']));
    out.push(...notRunLines(security, '  '));
  }
  return out.join('\n');
}

/** summary.md: the same result as the terminal, for a CI job summary or a pull request. */
export function renderMarkdown(report: RunReport, coverage: string[] = []): string {
  if (report.error) return renderErrorMarkdown(report);
  const lines = [
    `# Invotide API conformance`,
    '',
    `Target: ${report.target.embedded ? 'embedded reference store' : report.target.url} · fixtures: ${report.target.fixtures} · ` +
      `suite ${report.suite.version} · ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    [...(report.verdict ? [report.verdict.line] : []), ...closingLines(report.scenarios)].map((l) => `**${l}**`).join('  \n'),
    '',
    '| route | passed | failed | known deviations | skipped | harness or infrastructure errors | contract violations |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...routeRows(report.scenarios).map((r) => `| ${r.route} | ${r.passed} | ${r.failed} | ${r.knownDeviations} | ${r.skipped} | ${r.errors} | ${r.violations} |`),
    '',
    `_${ROUTE_TABLE_NOTE}_`,
  ];
  if (coverage.length) lines.push('', '```', ...coverage, '```');
  const failures = ofClass(report.scenarios, 'conformance').filter(isNewFailure);
  if (failures.length) lines.push('', '## Failures', '', ...failures.flatMap(markdownFailure));
  const known = report.scenarios.filter((s) => s.outcome === 'known-deviation');
  if (known.length) lines.push('', '## Known deviations', '', ...known.map((s) => `- ${knownDeviationLine(s)}`));
  const security = ofClass(report.scenarios, 'security');
  if (security.length) {
    lines.push('', '## Security', '', 'Reported apart from conformance; these gate only with `--fail-on security`.', '');
    lines.push('| scenario | level | result | why |', '|---|---|---|---|');
    for (const s of security) lines.push(`| ${cell(s.name)} (\`${s.id}\`) | @${s.level} | ${outcomeWord(s)} | ${cell((s.reason ?? '').split('\n')[0])} |`);
    const findings = security.filter(isNewFailure);
    if (findings.length) lines.push('', '### Findings', '', ...findings.flatMap(markdownFailure));
  }
  for (const [outcome, heading] of NOT_RUN) {
    const groups = reasonGroups(ofClass(report.scenarios, 'conformance'), outcome);
    if (!groups.length) continue;
    lines.push('', `## ${heading}`, '');
    for (const g of groups) lines.push(`- ${g.n} × ${g.reason} (${g.ids.map((id) => `\`${id}\``).join(', ')})`);
  }
  return lines.join('\n') + '\n';
}

function markdownFailure(f: ScenarioResult): string[] {
  return [
    `- **${f.name}** (\`${f.id}\`, @${f.level}, ${outcomeWord(f)}) — ${f.uri}${f.line ? `:${f.line}` : ''}`,
    `  - step: ${f.failedStep ?? '?'}`,
    `  - ${(f.reason ?? '').split('\n').join(' · ')}`,
    `  - attachment: ${f.attachment ?? 'none (no answer was recorded)'}`,
  ];
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** summary.md of a run that ended before its scenarios (exit code 2): what went wrong, and nothing of an earlier run. */
export function renderErrorMarkdown(report: RunReport): string {
  const error = report.error!;
  return [
    '# Invotide API conformance',
    '',
    `**The run did not take place: ${error.kind} error (exit code 2).**`,
    '',
    '```',
    error.message,
    '```',
    '',
    'No scenario ran; these reports hold no result of an earlier run.',
    '',
  ].join('\n');
}
