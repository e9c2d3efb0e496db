// Shards of one run (--shard i/n) merge into one report: scenarios side by side, coverage united.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { summarize, type Coverage, type OperationCoverage } from './coverage';
import type { RunReport } from './results';

export type ShardReport = RunReport & { coverage?: Coverage };

export function readShard(dir: string): ShardReport {
  const file = path.join(dir, 'report.json');
  if (!existsSync(file)) throw new Error(`no report.json in ${dir}: is it a reports/ folder of a run?`);
  return JSON.parse(readFileSync(file, 'utf8')) as ShardReport;
}

export function mergeReports(shards: ShardReport[]): ShardReport {
  if (!shards.length) throw new Error('nothing to merge');
  const [first] = shards;
  return {
    ...first,
    durationMs: Math.max(...shards.map((s) => s.durationMs)),
    scenarios: shards.flatMap((s) => s.scenarios),
    coverage: mergeCoverage(shards.map((s) => s.coverage).filter((c): c is Coverage => Boolean(c))),
  };
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
