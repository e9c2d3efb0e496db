// Renders a run report for people: the terminal (a line per feature as it finishes, then failures bounded, known
// deviations one line each, skips grouped by reason, the security section and the closing lines) and summary.md (the
// same, with what the store was judged under and a per-route table). Words, colours and symbols come from
// vocabulary.ts, so every report tells a scenario's verdict alike.
import path from 'node:path';
import { boundText, countOutcomes, deviationText, ofClass, type Bounds, type Counts, type Outcome, type RunReport, type ScenarioResult } from './results';
import { judgedUnderLine, judgedUnderMarkdown } from './judged-under';
import { COUNT_ORDER, VOCABULARY, countText, paint, verdictOf, verdictWord, worstVerdict, type Verdict } from './vocabulary';

export { countOutcomes, type Counts } from './results';

/** One word for each outcome, the same in every report (vocabulary.ts); a failed security scenario is a security finding. */
export const outcomeWord = verdictWord;

/**
 * How much of a failure's message the terminal and summary.md show; the rest is in report.json and the Allure results.
 * A line holds a replayable request of the negative suite whole (its body is cut at 600 characters, src/negative.ts).
 */
export const SHOWN_REASON: Bounds = { chars: 3000, lineChars: 800, lines: 12 };

/** Counts in the vocabulary's order: passed, failed and skipped always, the others when there are any. */
function countParts(c: Counts, security: boolean, colour: boolean): string[] {
  const always = new Set<Verdict>(['passed', security ? 'security-finding' : 'failed', 'skipped']);
  return COUNT_ORDER.filter((v) => VOCABULARY[v].class !== (security ? 'conformance' : 'security')).flatMap((v) => {
    const n = c[VOCABULARY[v].count];
    if (!n && !always.has(v)) return [];
    return [paint(countText(n, v, security), VOCABULARY[v].colour, colour && n > 0)];
  });
}

/** `534 passed, 0 failed, 13 known deviations, 0 skipped, 3 not applicable` (security: `6 passed, 2 findings, …`). */
export function countsText(c: Counts, security = false, colour = false): string {
  return countParts(c, security, colour).join(', ');
}

/**
 * The closing line CI reads, for conformance scenarios: every count in one line,
 * `conformance: 534 passed, 0 failed, 13 known deviations, 0 skipped, 3 not applicable`.
 */
export function closingLine(c: Counts, colour = false): string {
  return `conformance: ${countsText(c, false, colour)}`;
}

/** `security: 6 passed, 2 findings, 1 skipped`, for a run in which security scenarios ran (else nothing). */
export function securityLine(scenarios: ScenarioResult[], colour = false): string | undefined {
  const security = ofClass(scenarios, 'security');
  if (!security.length) return undefined;
  return `security: ${countsText(countOutcomes(security), true, colour)}`;
}

/** The closing lines: conformance, then security when any security scenario ran. */
export function closingLines(scenarios: ScenarioResult[], colour = false): string[] {
  const security = securityLine(scenarios, colour);
  return [closingLine(countOutcomes(ofClass(scenarios, 'conformance')), colour), ...(security ? [security] : [])];
}

/** The gate's line with its verdict in the colour of what decided it. */
export function gateLine(line: string, colour = false): string {
  return line.replace(/^gate: (PASS|FAIL)/, (_, v: string) => `gate: ${paint(v, v === 'PASS' ? 'green' : 'red', colour)}`);
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

/** What the failure lists show; a known deviation, already explained in the deviations file, gets one line apart. */
const isNewFailure = (s: ScenarioResult): boolean => isFailure(s) && s.outcome !== 'known-deviation';

/** A text cut to one line of about `width` characters, at a word where it can. */
export function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  if (flat.length <= width) return flat;
  const cut = flat.slice(0, width - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > width * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** `~ cart-edit-unknown-key: our theme answers edits of unknown lines with an error (SHOP-12)`, on one line. */
const knownDeviationLine = (s: ScenarioResult, width = 200): string => `${s.id}: ${oneLine(s.deviation ? deviationText(s.deviation) : s.reason ?? '', Math.max(40, width - s.id.length - 4))}`;

/** `15, listed in the deviations file`, or `15: 13 known defects of the store's release, 2 listed in the deviations file`. */
function knownDeviationsWhence(known: ScenarioResult[]): string {
  const defects = known.filter((s) => s.deviation?.source === 'known defect').length;
  if (!defects) return `${known.length}, listed in the deviations file`;
  const listed = known.length - defects;
  return `${known.length}: ${defects} known defect${defects === 1 ? '' : 's'} of the store's release${listed ? `, ${listed} listed in the deviations file` : ''}`;
}

/** `✓ cart.feature: 50 passed, 4 skipped`: a feature's results in one line, as it finishes, marked by its worst verdict. */
export function featureLine(uri: string, results: ScenarioResult[], colour = false): string {
  const c = countOutcomes(results);
  const security = results.some((s) => s.class === 'security');
  const parts = COUNT_ORDER.filter((v) => v === 'passed' || c[VOCABULARY[v].count] > 0)
    .filter((v) => VOCABULARY[v].class !== (security ? 'conformance' : 'security'))
    .map((v) => paint(countText(c[VOCABULARY[v].count], v, security), VOCABULARY[v].colour, colour && v !== 'passed'));
  const worst = worstVerdict(results) ?? 'passed';
  const mark = worst === 'skipped' || worst === 'not-applicable' ? VOCABULARY.passed : VOCABULARY[worst];
  return `${paint(mark.symbol, mark.colour, colour)} ${path.basename(uri)}: ${parts.join(', ')}`;
}

/** `✓ [12/501] The session cart: a product … is added`: one scenario as it finishes (--format verbose). */
export function scenarioLine(s: ScenarioResult, done: number, total: number, colour = false): string {
  const style = VOCABULARY[verdictOf(s)];
  const why = s.outcome === 'skipped' || s.outcome === 'not-applicable' ? ` (${style.word}: ${s.reason})` : s.outcome === 'known-deviation' ? ` (${style.word})` : '';
  return `${paint(style.symbol, style.colour, colour)} [${done}/${total}] ${s.feature}: ${s.name}${why}`;
}

/** A failure's message as shown: bounded, saying where the rest is. */
function shownReason(s: ScenarioResult): string[] {
  const { text, omitted } = boundText(s.reason ?? '', SHOWN_REASON);
  return [...text.split('\n'), ...(omitted ? [`… (${omitted} more characters: the whole message is in report.json)`] : [])];
}

/** Where a scenario's exchange is, as a person at this terminal reaches it. */
const exchangeAt = (s: ScenarioResult, reportsDir: string | undefined): string | undefined => s.attachment && (reportsDir ? path.join(reportsDir, s.attachment) : s.attachment);

function failureBlock(f: ScenarioResult, o: TerminalOptions): string[] {
  const style = VOCABULARY[verdictOf(f)];
  const attachment = exchangeAt(f, o.reportsDir);
  return [
    `  ${paint(style.symbol, style.colour, Boolean(o.colour))} ${f.name} [${style.word}] (${f.id}, @${f.level}, ${f.uri}${f.line ? `:${f.line}` : ''})`,
    `    step: ${f.failedStep ?? '?'}`,
    ...shownReason(f).map((l) => `    ${l}`),
    ...(attachment ? [`    attachment: ${attachment} (the request and the answer)`] : []),
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
  /** The reports folder as the user reaches it (attachments are named relative to it). */
  reportsDir?: string;
  /** ANSI colours (a terminal; see colourWanted). */
  colour?: boolean;
}

/** The terminal's header line of what the store was judged under (nothing for a report without it). */
export function judgedUnderHeader(report: RunReport): string | undefined {
  return report.target.judgedUnder && judgedUnderLine(report.target.judgedUnder);
}

/** What the terminal shows after the run's streamed lines. */
export function renderTerminal(report: RunReport, options: TerminalOptions = {}): string {
  const colour = Boolean(options.colour);
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
  if (failures.length) out.push('', 'Failures:', ...failures.flatMap((f) => failureBlock(f, options)));
  const known = report.scenarios.filter((s) => s.outcome === 'known-deviation');
  if (known.length) {
    const mark = paint(VOCABULARY['known-deviation'].symbol, VOCABULARY['known-deviation'].colour, colour);
    out.push('', `Known deviations (${knownDeviationsWhence(known)}; not gated):`, ...known.map((s) => `  ${mark} ${knownDeviationLine(s)}`));
  }
  const notRun = notRunLines(conformance);
  if (notRun.length) out.push('', ...notRun);
  const security = ofClass(report.scenarios, 'security');
  if (security.length) {
    const findings = security.filter(isNewFailure);
    out.push('', `Security (${security.length} scenario${security.length === 1 ? '' : 's'}, reported apart; gated only with --fail-on security):`);
    out.push(...(findings.length ? findings.flatMap((f) => failureBlock(f, options)) : ['  no findings']));
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
  if (report.target.judgedUnder) lines.push('', ...judgedUnderMarkdown(report.target.judgedUnder));
  if (coverage.length) lines.push('', '```', ...coverage, '```');
  const failures = ofClass(report.scenarios, 'conformance').filter(isNewFailure);
  if (failures.length) lines.push('', '## Failures', '', ATTACHMENT_NOTE, '', ...failures.flatMap(markdownFailure));
  const known = report.scenarios.filter((s) => s.outcome === 'known-deviation');
  if (known.length) {
    lines.push('', '## Known deviations', '', 'Failures the deviations file lists, each with its reason: not gated, and never counted as failed.', '');
    lines.push('| scenario | deviation | the failure |', '|---|---|---|');
    for (const s of known) lines.push(`| \`${s.id}\` | ${cell(oneLine(s.deviation ? deviationText(s.deviation) : '', 400))} | ${cell(oneLine(s.reason ?? '', 200))} |`);
  }
  const security = ofClass(report.scenarios, 'security');
  if (security.length) {
    lines.push('', '## Security', '', 'Reported apart from conformance; these gate only with `--fail-on security`.', '');
    lines.push('| scenario | level | result | why |', '|---|---|---|---|');
    for (const s of security) lines.push(`| ${cell(s.name)} (\`${s.id}\`) | @${s.level} | ${outcomeWord(s)} | ${cell(whyCell(s))} |`);
    const findings = security.filter(isNewFailure);
    if (findings.length) lines.push('', '### Findings', '', ATTACHMENT_NOTE, '', ...findings.flatMap(markdownFailure));
  }
  for (const [outcome, heading] of NOT_RUN) {
    const groups = reasonGroups(ofClass(report.scenarios, 'conformance'), outcome);
    if (!groups.length) continue;
    lines.push('', `## ${heading}`, '');
    for (const g of groups) lines.push(`- ${g.n} × ${g.reason} (${g.ids.map((id) => `\`${id}\``).join(', ')})`);
  }
  return lines.join('\n') + '\n';
}

/** A CI job summary is read away from the files: say where an attachment is, rather than link a path of the runner. */
const ATTACHMENT_NOTE = "Each attachment is a file of the reports folder (the run's artifact in CI): `allure-results/<n>-attachment.json` holds the request and the answer; the Allure report shows it with the scenario.";

/** The security table's "why": the reason whole on one line, bounded at a word, never cut after its colon. */
function whyCell(s: ScenarioResult): string {
  if (s.outcome === 'known-deviation') return `${oneLine(s.deviation ? deviationText(s.deviation) : '', 240)}`;
  return oneLine(s.reason ?? '', 240);
}

function markdownFailure(f: ScenarioResult): string[] {
  return [
    `- **${f.name}** (\`${f.id}\`, @${f.level}, ${outcomeWord(f)}) — ${f.uri}${f.line ? `:${f.line}` : ''}`,
    `  - step: ${f.failedStep ?? '?'}`,
    `  - ${shownReason(f).join(' · ')}`,
    `  - attachment: ${f.attachment ? `\`${f.attachment}\` in the reports folder` : 'none (no answer was recorded)'}`,
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
