// Spec coverage: which operations, response variants and request fields of openapi.yaml a run exercised.
import type { Contract } from '../contract';
import type { ResultCollector, RunReport } from '../reports/results';

export interface OperationCoverage {
  route: string;
  operationId: string;
  variants: { covered: string[]; missing: string[]; unreachable: string[] };
  fields: { covered: string[]; missing: string[] };
  undocumented: string[];
}

export interface Coverage {
  operations: OperationCoverage[];
  operationsCovered: number;
  variantsCovered: number;
  variantsTotal: number;
  fieldsCovered: number;
  fieldsTotal: number;
}

export function computeCoverage(contract: Contract, exercised: ResultCollector['exercised']): Coverage {
  const operations = contract.operations().map((op) => {
    const seen = exercised.get(op.route);
    const split = (all: string[], got: Set<string> | undefined) => ({ covered: all.filter((x) => got?.has(x)), missing: all.filter((x) => !got?.has(x)) });
    const variants = split(op.variants, seen?.variants);
    // A variant the demo data cannot reach is excused with the contract's stated reason, not silently dropped.
    const unreachable = variants.missing.filter((v) => v in op.unreachableVariants);
    return {
      route: op.route,
      operationId: op.operationId,
      variants: { covered: variants.covered, missing: variants.missing.filter((v) => !unreachable.includes(v)), unreachable },
      fields: split(op.requestFields, seen?.fields),
      undocumented: [...(seen?.undocumented ?? [])].sort(),
    };
  });
  return summarize(operations);
}

/** The totals over operations' coverage (also used to merge shards). */
export function summarize(operations: OperationCoverage[]): Coverage {
  const sum = (f: (o: OperationCoverage) => number) => operations.reduce((n, o) => n + f(o), 0);
  return {
    operations,
    operationsCovered: operations.filter((o) => o.variants.covered.length > 0).length,
    variantsCovered: sum((o) => o.variants.covered.length),
    variantsTotal: sum((o) => o.variants.covered.length + o.variants.missing.length),
    fieldsCovered: sum((o) => o.fields.covered.length),
    fieldsTotal: sum((o) => o.fields.covered.length + o.fields.missing.length),
  };
}

const pct = (a: number, b: number) => (b === 0 ? '100' : ((100 * a) / b).toFixed(0));

/** Whether a run (or a merge of shards) ran the whole suite, so that what it did not exercise is a gap of the suite. */
export function wholeSuite(report: Pick<RunReport, 'selection'>): boolean {
  return !report.selection?.tags && !report.selection?.shard;
}

/**
 * The coverage summary line, then the gaps: every variant not exercised when the whole suite ran; after a selection
 * (--tags, one shard) one line instead, since what it left out is not a gap of the suite.
 */
export function coverageLines(c: Coverage, whole = true): string[] {
  const lines = [
    `spec coverage: ${c.operationsCovered}/${c.operations.length} operations (${pct(c.operationsCovered, c.operations.length)}%), ` +
      `${c.variantsCovered}/${c.variantsTotal} response variants (${pct(c.variantsCovered, c.variantsTotal)}%), ` +
      `${c.fieldsCovered}/${c.fieldsTotal} request fields (${pct(c.fieldsCovered, c.fieldsTotal)}%)` +
      (whole ? '' : ' of the scenarios selected'),
  ];
  const gaps = c.operations.filter((o) => o.variants.missing.length);
  if (whole) for (const o of gaps) lines.push(`  not exercised: ${o.route} → ${o.variants.missing.join(', ')}`);
  else if (gaps.length) lines.push(`  ${gaps.length} operation${gaps.length === 1 ? '' : 's'} with variants this selection did not exercise (the whole suite's gaps are listed after a run without --tags or --shard)`);
  if (whole) for (const o of c.operations) if (o.variants.unreachable?.length) lines.push(`  not reachable on the demo data (see x-unreachable-variants): ${o.route} → ${o.variants.unreachable.join(', ')}`);
  const undocumented = c.operations.filter((o) => o.undocumented.length);
  for (const o of undocumented) lines.push(`  undocumented fields: ${o.route} → ${o.undocumented.join(', ')}`);
  return lines;
}

export function undocumentedCount(c: Coverage): number {
  return c.operations.reduce((n, o) => n + o.undocumented.length, 0);
}
