// `invotide-conformance diff BEFORE AFTER`: what the store answers differently between two runs (two reports folders),
// as `diff` does: exit 0 alike, 1 differ, 2 cannot compare. Also the last step of `run --diff-reference` and
// `run --diff-against DIR`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { diffRuns, type AcceptRule, type DiffResult, type Where } from './diff';
import { loadExchanges, type ExchangesFile } from './record';
import { renderDiffMarkdown, renderDiffTerminal, type DiffSides } from './render';

export const DIFF_HELP = `Usage: invotide-conformance diff BEFORE AFTER [options]

Compares what the store answered in two runs (two reports folders, each with the exchanges.json every run writes):
for each scenario both ran, every JSON pointer whose presence, type or value differs, every status, content type and
header that differs, grouped by route; fields the contract (openapi.yaml) does not document are marked undocumented.
Values that change on every run (tokens, order and cart ids, dates) are placeholders in the record, so they never differ.

Options:
  --noise DIR       a second run of BEFORE's store: pointers that differ between BEFORE and DIR are noise, not counted
                    (listed as such)
  --accept FILE     known differences (YAML): "accept:" entries are accepted (each with a reason, optionally expires),
                    "noise:" entries are declared noise; each entry matches by route, scenario, where, pointer
  --out DIR         where diff.json and diff.md go (default: AFTER)
  -h, --help        this text

Exit codes: 0 the runs answer alike (or differ only in noise and accepted differences), 1 they differ,
2 they cannot be compared (a folder without exchanges.json, no scenario run in both, a bad accept file).

Accept file:
  accept:
    - route: api/cart/products
      pointer: /products/*/reward       # * is one segment, a trailing /** any depth
      reason: our rewards extension adds the field
      expires: 2027-03-31
  noise:
    - route: api/order/info
      pointer: /order/date_modified
`;

const WHERE: Where[] = ['outcome', 'exchange', 'request', 'status', 'content-type', 'header', 'body', 'notice'];
const RULE_KEYS = new Set(['route', 'scenario', 'where', 'pointer', 'reason', 'expires', 'ticket']);

export class DiffInputError extends Error {}

/** The accept file's two lists, checked: an entry that could match anything, or says no reason, is refused. */
export function loadAcceptFile(file: string): { accept: AcceptRule[]; noise: AcceptRule[] } {
  if (!existsSync(file)) throw new DiffInputError(`--accept ${file}: no such file`);
  let doc: unknown;
  try {
    doc = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw new DiffInputError(`--accept ${file}: not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const lists = doc as { accept?: unknown; noise?: unknown };
  const rules = (name: 'accept' | 'noise'): AcceptRule[] => {
    const list = lists[name] ?? [];
    if (!Array.isArray(list)) throw new DiffInputError(`--accept ${file}: "${name}" must be a list`);
    return list.map((raw, i) => {
      const at = `${file}: ${name}[${i}]`;
      if (!raw || typeof raw !== 'object') throw new DiffInputError(`${at} is not a mapping`);
      const entry = raw as Record<string, unknown>;
      for (const k of Object.keys(entry)) if (!RULE_KEYS.has(k)) throw new DiffInputError(`${at}: unknown key "${k}" (keys: ${[...RULE_KEYS].join(', ')})`);
      if (!entry.route && !entry.scenario && !entry.pointer) throw new DiffInputError(`${at} names no route, scenario or pointer: it would match every difference`);
      if (name === 'accept' && (typeof entry.reason !== 'string' || !entry.reason.trim())) throw new DiffInputError(`${at} gives no reason`);
      if (entry.where !== undefined && !WHERE.includes(entry.where as Where)) throw new DiffInputError(`${at}: where is one of ${WHERE.join(', ')}`);
      const expires = entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : entry.expires === undefined ? undefined : String(entry.expires);
      return { ...(entry as unknown as AcceptRule), reason: String(entry.reason ?? 'declared noise'), ...(expires ? { expires } : {}) };
    });
  };
  return { accept: rules('accept'), noise: rules('noise') };
}

export interface CompareOptions {
  noise?: string;
  accept?: string;
  /** Where diff.json and diff.md go. */
  out: string;
  /** How the folders are named in what is written (default: as given). */
  sides?: DiffSides;
  /** BEFORE's record, read before AFTER's run wrote over it (a diff against the same folder's last run). */
  beforeRecord?: ExchangesFile;
}

export interface Compared {
  result: DiffResult;
  sides: DiffSides;
  lines: string[];
}

function load(dir: string, role: string): ExchangesFile {
  const f = loadExchanges(dir);
  if (typeof f === 'string') throw new DiffInputError(`${role}: ${f}`);
  return f;
}

/** Compares two reports folders and writes diff.json and diff.md; throws DiffInputError when they cannot be. */
export function compareFolders(before: string, after: string, options: CompareOptions): Compared {
  const a = options.beforeRecord ?? load(before, 'BEFORE');
  const b = load(after, 'AFTER');
  const noise = options.noise ? load(options.noise, '--noise') : undefined;
  const rules = options.accept ? loadAcceptFile(options.accept) : { accept: [], noise: [] };
  const result = diffRuns(a, b, { noise, accept: rules.accept, declaredNoise: rules.noise });
  const sides = options.sides ?? { before, after, ...(options.noise ? { noise: options.noise } : {}) };
  mkdirSync(options.out, { recursive: true });
  writeFileSync(path.join(options.out, 'diff.json'), JSON.stringify({ before: { dir: sides.before, ...a.target, startedAt: a.startedAt }, after: { dir: sides.after, ...b.target, startedAt: b.startedAt }, ...result }, null, 1));
  writeFileSync(path.join(options.out, 'diff.md'), renderDiffMarkdown(result, sides));
  return { result, sides, lines: renderDiffTerminal(result, sides) };
}

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        noise: { type: 'string' },
        accept: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(DIFF_HELP);
      return 0;
    }
    if (positionals.length !== 2) throw new DiffInputError(`takes two reports folders, BEFORE and AFTER; got ${positionals.length} (see --help)`);
    const [before, after] = positionals;
    const started = performance.now();
    const { result, lines } = compareFolders(path.resolve(cwd, before), path.resolve(cwd, after), {
      noise: values.noise && path.resolve(cwd, values.noise),
      accept: values.accept && path.resolve(cwd, values.accept),
      out: path.resolve(cwd, values.out ?? after),
      sides: { before, after, ...(values.noise ? { noise: values.noise } : {}) },
    });
    for (const line of lines) console.log(line);
    console.log(`(compared in ${Math.round(performance.now() - started)} ms; diff.md and diff.json in ${values.out ?? after})`);
    return result.exitCode;
  } catch (error) {
    const parse = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`diff: ${(error as Error).message.replace(/\. To specify a positional argument[\s\S]*$/, '')}${parse ? ' (see --help)' : ''}`);
    return 2;
  }
}
