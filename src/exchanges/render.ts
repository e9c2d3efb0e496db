// The diff of two runs as a person reads it: by route, each distinct difference once with the scenarios that show it,
// in the terminal (bounded) and in markdown (diff.md, and a section of summary.md).
import type { Difference, DiffResult } from './diff';

export interface DiffSides {
  before: string;
  after: string;
  noise?: string;
}

interface Group {
  route: string;
  sample: Difference;
  where: Array<{ scenario: string; step: number; exchange: number }>;
}

/** Distinct differences (same route, place, kind and values) with the scenarios that show each, routes in order. */
export function groupDifferences(differences: Difference[]): Map<string, Group[]> {
  const byRoute = new Map<string, Map<string, Group>>();
  for (const d of differences) {
    const route = d.route || '(scenario)';
    const groups = byRoute.get(route) ?? new Map<string, Group>();
    byRoute.set(route, groups);
    const key = JSON.stringify([d.where, d.pointer, d.kind, d.before, d.after, d.documented]);
    const g = groups.get(key) ?? { route, sample: d, where: [] };
    g.where.push({ scenario: d.scenario, step: d.step, exchange: d.exchange });
    groups.set(key, g);
  }
  return new Map([...byRoute.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([r, g]) => [r, [...g.values()]]));
}

const show = (v: unknown, max = 80): string => {
  const text = v === undefined ? 'nothing' : JSON.stringify(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** `body /totals/1/title: "VAT (20%)" → "Eco Tax (-2.00)"` */
export function describeDifference(d: Difference): string {
  const place = d.where === 'body' ? `body ${d.pointer || '/'}${d.documented === false ? ' (undocumented)' : ''}` : d.where === 'header' ? `header ${d.pointer}` : d.where === 'request' ? `request ${d.pointer}` : d.where;
  switch (d.kind) {
    case 'added':
      return `${place} added: ${show(d.after)}`;
    case 'removed':
      return `${place} removed (was ${show(d.before)})`;
    case 'type':
      return `${place} type: ${show(d.before)} → ${show(d.after)}`;
    case 'order':
      return `${place} key order: ${show(d.before)} → ${show(d.after)}`;
    default:
      return `${place}: ${show(d.before)} → ${show(d.after)}`;
  }
}

const scenarios = (g: Group, max: number): string => {
  const named = g.where.slice(0, max).map((w) => `${w.scenario} (step ${w.step || 'after'}, exchange ${w.exchange})`);
  return g.where.length > max ? `${named.join(', ')} and ${g.where.length - max} more` : named.join(', ');
};

export function closingLine(r: DiffResult): string {
  if (r.exitCode === 2) return `diff: cannot compare: ${r.why}`;
  const c = r.counts;
  const parts = [`${c.documented} in documented fields`, `${c.undocumented} in undocumented fields`, `${c.differences - c.documented - c.undocumented} of status, content type, headers, requests or outcomes`];
  const noise = `${c.noise} treated as noise, ${c.accepted} accepted`;
  return c.differences
    ? `diff: ${c.differences} differences (${parts.join(', ')}) in ${c.scenarios} of ${r.compared} scenarios on ${c.routes} routes; ${noise}`
    : `diff: no difference in ${r.compared} scenarios; ${noise}`;
}

/** The terminal's lines: at most `maxGroups` distinct differences in full, the rest counted. */
export function renderDiffTerminal(r: DiffResult, sides: DiffSides, maxGroups = 40): string[] {
  const lines = [`diff: BEFORE ${sides.before} → AFTER ${sides.after}${sides.noise ? ` (noise learned from ${sides.noise})` : ''}`];
  lines.push(`compared ${r.compared} scenarios${r.notCompared.length ? `; ${r.notCompared.length} not compared (not run in both: skipped, not applicable or not selected)` : ''}`);
  const groups = groupDifferences(r.differences.filter((d) => !d.treatedAs));
  let shown = 0;
  let total = 0;
  for (const [route, list] of groups) {
    total += list.length;
    if (shown >= maxGroups) continue;
    lines.push(`${route}: ${list.length} distinct difference${list.length === 1 ? '' : 's'}`);
    for (const g of list) {
      if (shown++ >= maxGroups) break;
      lines.push(`  ${describeDifference(g.sample)}`);
      lines.push(`    in ${scenarios(g, 3)}`);
    }
  }
  if (total > shown) lines.push(`… ${total - Math.min(shown, total)} more distinct differences in diff.md and diff.json`);
  const learned = r.noise.filter((n) => n.covered > 0);
  if (learned.length) {
    lines.push(`treated as noise (${learned.length} pointers that differ between two runs of one store, or declared so): ${learned.slice(0, 8).map((n) => `${n.route} ${n.where} ${n.pointer}`).join('; ')}${learned.length > 8 ? ` and ${learned.length - 8} more` : ''}`);
  }
  const accepted = groupDifferences(r.differences.filter((d) => d.treatedAs === 'accepted'));
  for (const [route, list] of accepted) for (const g of list) lines.push(`accepted: ${route} ${describeDifference(g.sample)} (${g.sample.reason})`);
  lines.push(closingLine(r));
  return lines;
}

const md = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** diff.md, and the section of summary.md: every distinct difference, by route. */
export function renderDiffMarkdown(r: DiffResult, sides: DiffSides, heading = '#'): string {
  const out = [`${heading} What changed`, '', `BEFORE \`${sides.before}\` → AFTER \`${sides.after}\`${sides.noise ? `; noise learned from \`${sides.noise}\`` : ''}.`, '', `**${closingLine(r)}**`, ''];
  const groups = groupDifferences(r.differences.filter((d) => !d.treatedAs));
  for (const [route, list] of groups) {
    out.push(`${heading}# ${route}`, '', '| difference | scenarios |', '|---|---|');
    for (const g of list) out.push(`| ${md(describeDifference(g.sample))} | ${md(scenarios(g, 10))} |`);
    out.push('');
  }
  const noise = r.noise.filter((n) => n.covered > 0);
  if (noise.length) {
    out.push(`${heading}# Treated as noise`, '', '| route | where | pointer | source | differences |', '|---|---|---|---|---|');
    for (const n of noise) out.push(`| ${n.route} | ${n.where} | \`${md(n.pointer)}\` | ${n.source} | ${n.covered} |`);
    out.push('');
  }
  const accepted = r.differences.filter((d) => d.treatedAs === 'accepted');
  if (accepted.length) {
    out.push(`${heading}# Accepted`, '', '| difference | why | scenarios |', '|---|---|---|');
    for (const [route, list] of groupDifferences(accepted)) for (const g of list) out.push(`| ${md(`${route} ${describeDifference(g.sample)}`)} | ${md(g.sample.reason ?? '')} | ${md(scenarios(g, 5))} |`);
    out.push('');
  }
  if (r.notCompared.length) out.push(`${r.notCompared.length} scenarios not compared (not run in both): ${r.notCompared.slice(0, 20).map((n) => `${n.scenario} (${n.why})`).join(', ')}${r.notCompared.length > 20 ? ', …' : ''}`, '');
  return out.join('\n');
}
