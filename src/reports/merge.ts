// Shards of one run (--shard i/n) merge into one report: scenarios side by side, coverage united, and the gate's
// verdict decided again over the whole, under the policy the shards ran with.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { summarize, undocumentedCount, type Coverage, type OperationCoverage } from '../runner/coverage';
import { gateVerdict, parseFailOn, type GatePolicy } from '../runner/gate';
import { REPORT_FORMAT_VERSION, totalsOf, type RunReport } from './results';
import { verdictCounts } from './vocabulary';

export type ShardReport = RunReport & { coverage?: Coverage };

export class MergeError extends Error {
  override name = 'MergeError';
}

export function readShard(dir: string): ShardReport {
  const file = path.join(dir, 'report.json');
  if (!existsSync(file)) throw new MergeError(`no report.json in ${dir}: is it the reports folder of a run?`);
  let report: ShardReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as ShardReport;
  } catch (error) {
    throw new MergeError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (report.formatVersion !== REPORT_FORMAT_VERSION) {
    throw new MergeError(`${file} has report format ${report.formatVersion ?? 1}, this suite reads format ${REPORT_FORMAT_VERSION}: run that shard again with this version.`);
  }
  return report;
}

/** The policy the shards' gate ran under; shards that disagree cannot be judged as one run. */
function sharedPolicy(shards: ShardReport[]): { policy: GatePolicy; requireCoverage: boolean } {
  const gates = shards.map((s) => JSON.stringify(s.gate ?? null));
  if (new Set(gates).size > 1) throw new MergeError(`the shards ran under different gates (${[...new Set(gates)].join(' vs ')}): merge shards of one run only.`);
  const gate = shards[0].gate ?? { failOn: [], certify: false, requireCoverage: false };
  return {
    policy: { failOn: parseFailOn(gate.failOn.join(',')), certify: gate.certify, deviations: [], today: '', allowThinRun: Boolean(gate.allowThinRun) },
    requireCoverage: gate.requireCoverage,
  };
}

export function mergeReports(shards: ShardReport[]): ShardReport {
  if (!shards.length) throw new MergeError('nothing to merge: name the reports folders, e.g. --merge shard-1/reports shard-2/reports');
  const [first] = shards;
  const failed = shards.find((s) => s.error);
  const scenarios = shards.flatMap((s) => s.scenarios);
  const coverage = mergeCoverage(shards.map((s) => s.coverage).filter((c): c is Coverage => Boolean(c)));
  const merged: ShardReport = {
    ...first,
    startedAt: shards.map((s) => s.startedAt).sort()[0],
    durationMs: Math.max(...shards.map((s) => s.durationMs)),
    scenarios,
    coverage,
    totals: totalsOf(scenarios),
    counts: verdictCounts(scenarios),
    selection: mergedSelection(shards),
  };
  if (failed) {
    // One shard that could not run makes the whole run one that did not take place: its reports say so.
    merged.error = failed.error;
    merged.verdict = { exitCode: 2, line: `gate: FAIL: ${failed.error!.kind} error in a shard` };
  } else {
    delete merged.error;
    const { policy, requireCoverage } = sharedPolicy(shards);
    const short = requireCoverage && coverage && (coverage.operationsCovered < coverage.operations.length || coverage.variantsCovered < coverage.variantsTotal);
    merged.verdict = gateVerdict(scenarios, policy, coverage ? undocumentedCount(coverage) : 0, short ? ['spec coverage incomplete (--require-coverage)'] : []);
  }
  merged.exitCode = merged.verdict.exitCode;
  return merged;
}

/** What the shards selected together: the whole suite when every shard of one --shard I/N is there and none took --tags. */
function mergedSelection(shards: ShardReport[]): NonNullable<RunReport['selection']> {
  const tags = shards.find((s) => s.selection?.tags)?.selection?.tags;
  const parts = shards.map((s) => /^(\d+)\/(\d+)$/.exec(s.selection?.shard ?? ''));
  const total = Number(parts[0]?.[2]);
  const every = parts.every((p) => p && Number(p[2]) === total) && new Set(parts.map((p) => p![1])).size === total;
  const shard = every || parts.every((p) => !p) ? undefined : shards.map((s) => s.selection?.shard ?? 'all').join(', ');
  return { ...(tags ? { tags } : {}), ...(shard ? { shard } : {}) };
}

/** The examples (route → variant → answer) of several runs in one: the first shard's answer of each variant. */
export function mergeExamples(dirs: string[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const dir of dirs) {
    const file = path.join(dir, 'examples.json');
    if (!existsSync(file)) continue;
    const examples = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    for (const [route, variants] of Object.entries(examples)) for (const [variant, body] of Object.entries(variants)) if (!(variant in (merged[route] ??= {}))) merged[route][variant] = body;
  }
  return merged;
}

/** The gate policy a merged report was judged under (for its JUnit). */
export function policyOf(report: ShardReport): GatePolicy {
  return sharedPolicy([report]).policy;
}

function mergeCoverage(all: Coverage[]): Coverage | undefined {
  if (!all.length) return undefined;
  const operations: OperationCoverage[] = all[0].operations.map((op) => {
    const same = all.map((c) => c.operations.find((o) => o.operationId === op.operationId)).filter((o): o is OperationCoverage => Boolean(o));
    const unite = (pick: (o: OperationCoverage) => { covered: string[]; missing: string[] }): { covered: string[]; missing: string[] } => {
      const covered = new Set(same.flatMap((o) => pick(o).covered));
      const every = [...new Set(same.flatMap((o) => [...pick(o).covered, ...pick(o).missing]))];
      return { covered: every.filter((x) => covered.has(x)), missing: every.filter((x) => !covered.has(x)) };
    };
    const variants = unite((o) => o.variants);
    const unreachable = [...new Set(same.flatMap((o) => o.variants.unreachable ?? []))].filter((v) => !variants.covered.includes(v));
    return { ...op, variants: { ...variants, missing: variants.missing.filter((v) => !unreachable.includes(v)), unreachable }, fields: unite((o) => o.fields), undocumented: [...new Set(same.flatMap((o) => o.undocumented))].sort() };
  });
  return summarize(operations);
}
