// Renders a run report for people: a per-route table, each failure in a few lines, and the closing count line.
import type { Outcome, RunReport, ScenarioResult } from './results';

export interface Counts {
  passed: number;
  failed: number;
  knownDeviations: number;
  skipped: number;
  notApplicable: number;
  infrastructure: number;
  harnessErrors: number;
}

export function countOutcomes(scenarios: ScenarioResult[]): Counts {
  const c: Counts = { passed: 0, failed: 0, knownDeviations: 0, skipped: 0, notApplicable: 0, infrastructure: 0, harnessErrors: 0 };
  const key: Record<Outcome, keyof Counts> = {
    passed: 'passed', failed: 'failed', 'known-deviation': 'knownDeviations', skipped: 'skipped', 'not-applicable': 'notApplicable', infrastructure: 'infrastructure', 'harness-error': 'harnessErrors',
  };
  for (const s of scenarios) c[key[s.outcome]]++;
  return c;
}

/** The plain closing line CI reads: every kind of failure counts as failed. */
export function closingLine(c: Counts): string {
  const apart = [
    c.knownDeviations ? `${c.knownDeviations} known deviations` : '',
    c.infrastructure ? `${c.infrastructure} infrastructure` : '',
    c.harnessErrors ? `${c.harnessErrors} harness errors` : '',
  ].filter(Boolean);
  const notApplicable = c.notApplicable ? `, ${c.notApplicable} not applicable` : '';
  return `${apart.length ? `(${apart.join(', ')})\n` : ''}conformance: ${c.passed} passed, ${c.failed + c.infrastructure + c.harnessErrors} failed, ${c.skipped} skipped${notApplicable}`;
}

interface RouteRow { route: string; passed: number; failed: number; knownDeviations: number; skipped: number; violations: number }

export function routeRows(scenarios: ScenarioResult[]): RouteRow[] {
  const rows = new Map<string, RouteRow>();
  for (const s of scenarios) {
    for (const route of s.routes.length ? s.routes : ['(no route tag)']) {
      const row = rows.get(route) ?? { route, passed: 0, failed: 0, knownDeviations: 0, skipped: 0, violations: 0 };
      if (s.outcome === 'passed') row.passed++;
      else if (s.outcome === 'skipped' || s.outcome === 'not-applicable') row.skipped++;
      else if (s.outcome === 'known-deviation') row.knownDeviations++;
      else row.failed++;
      row.violations += s.contractViolations;
      rows.set(route, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.route.localeCompare(b.route));
}

/** What the failure lists show: anything that neither passed nor was left out on purpose. */
const isFailure = (s: ScenarioResult): boolean => s.outcome !== 'passed' && s.outcome !== 'skipped' && s.outcome !== 'not-applicable';

export function renderMarkdown(report: RunReport, coverage: string[] = []): string {
  const c = countOutcomes(report.scenarios);
  const lines = [
    `# Invotide API conformance`,
    '',
    `Target: ${report.target.embedded ? 'embedded reference store' : report.target.url} · fixtures: ${report.target.fixtures} · ` +
      `suite ${report.suite.version} · ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    closingLine(c).split('\n').map((l) => `**${l}**`).join('  \n'),
    '',
    '| route | passed | failed | known deviations | skipped | contract violations |',
    '|---|---:|---:|---:|---:|---:|',
    ...routeRows(report.scenarios).map((r) => `| ${r.route} | ${r.passed} | ${r.failed} | ${r.knownDeviations} | ${r.skipped} | ${r.violations} |`),
  ];
  if (coverage.length) lines.push('', '```', ...coverage, '```');
  const failures = report.scenarios.filter(isFailure);
  if (failures.length) {
    lines.push('', '## Failures', '');
    for (const f of failures) {
      lines.push(`- **${f.name}** (${f.id}, ${f.outcome}) — ${f.uri}`, `  - step: ${f.failedStep ?? '?'}`);
      lines.push(`  - ${(f.reason ?? '').split('\n').join(' · ')}`, `  - attachment: ${f.attachment ?? `reports/allure-results (scenario "${f.name}")`}`);
    }
  }
  for (const [outcome, heading] of [['skipped', 'Skipped'], ['not-applicable', 'Not applicable to this target']] as const) {
    const these = report.scenarios.filter((s) => s.outcome === outcome);
    if (!these.length) continue;
    lines.push('', `## ${heading}`, '');
    for (const s of these) lines.push(`- ${s.name}: ${s.reason}`);
  }
  return lines.join('\n') + '\n';
}

export function renderTerminal(report: RunReport): string {
  const rows = routeRows(report.scenarios);
  const width = Math.max(5, ...rows.map((r) => r.route.length));
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const out = [
    '',
    `${'route'.padEnd(width)}  passed  failed  known-dev  skipped  violations`,
    ...rows.map((r) => `${r.route.padEnd(width)}  ${pad(r.passed, 6)}  ${pad(r.failed, 6)}  ${pad(r.knownDeviations, 9)}  ${pad(r.skipped, 7)}  ${pad(r.violations, 10)}`),
  ];
  const failures = report.scenarios.filter(isFailure);
  if (failures.length) {
    out.push('', 'Failures:');
    for (const f of failures) {
      out.push(`  ✗ ${f.name} [${f.outcome}] (${f.uri})`, `    step: ${f.failedStep ?? '?'}`, ...(f.reason ?? '').split('\n').map((l) => `    ${l}`));
      if (f.attachment) out.push(`    attachment: ${f.attachment}`);
    }
  }
  for (const [outcome, heading] of [['skipped', 'Skipped'], ['not-applicable', 'Not applicable to this target']] as const) {
    const these = report.scenarios.filter((s) => s.outcome === outcome);
    if (!these.length) continue;
    out.push('', `${heading}:`);
    const reasons = new Map<string, number>();
    for (const s of these) reasons.set(s.reason ?? outcome, (reasons.get(s.reason ?? outcome) ?? 0) + 1);
    for (const [reason, n] of reasons) out.push(`  - ${n} × ${reason}`);
  }
  return out.join('\n');
}
