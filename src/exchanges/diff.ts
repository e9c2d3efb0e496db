// What changed between two runs: each scenario both ran, exchange by exchange (paired by step, route and order), every
// JSON pointer whose presence, type or value differs, every status, content type and header that differs. What differs
// between two runs of the same store is noise (as Twitter's Diffy learns it from two instances of the known-good
// version); what an accept file lists is accepted. Pure: records in, differences out (rendering in render.ts).
import { IGNORED_HEADERS, canonicalSetCookie, type ExchangeRecord } from './normalise';
import type { ExchangesFile, ScenarioExchanges } from './record';

export type Where = 'outcome' | 'exchange' | 'request' | 'status' | 'content-type' | 'header' | 'body' | 'notice';
export type Kind = 'added' | 'removed' | 'type' | 'value' | 'order';

export interface Difference {
  scenario: string;
  route: string;
  /** The step of the exchange (1-based; 0: the clean-up after the steps). */
  step: number;
  /** The exchange's place in the scenario (1-based, in BEFORE; in AFTER for one only AFTER made). */
  exchange: number;
  where: Where;
  /** A JSON pointer into the answer (body) or the request record (request), a header's name, else ''. */
  pointer: string;
  kind: Kind;
  before?: unknown;
  after?: unknown;
  /** body: whether the contract documents the field (false: an extension's or theme's addition). */
  documented?: boolean;
  /** Not counted: learned or declared noise, or a difference the accept file accepts (with its reason). */
  treatedAs?: 'noise' | 'accepted';
  reason?: string;
}

/** An entry of the accept file: which differences it matches (every field given must match), and why. */
export interface AcceptRule {
  scenario?: string;
  route?: string;
  where?: Where;
  /** A JSON pointer; `*` stands for one segment, a trailing `/**` for any depth. */
  pointer?: string;
  reason: string;
  expires?: string;
}

export interface DiffOptions {
  /** A second run of BEFORE's store: what differs between the two is noise. */
  noise?: ExchangesFile;
  accept?: AcceptRule[];
  /** Declared noise: differences these match are noise whatever the runs show. */
  declaredNoise?: AcceptRule[];
  today?: string;
}

export interface NoisePointer {
  where: Where;
  route: string;
  pointer: string;
  /** learned: it differed between two runs of one store; declared: a rule of the accept file says so. */
  source: 'learned' | 'declared';
  /** How many differences of BEFORE and AFTER it covered. */
  covered: number;
}

export interface DiffResult {
  compared: number;
  notCompared: Array<{ scenario: string; why: string }>;
  differences: Difference[];
  noise: NoisePointer[];
  counts: { differences: number; documented: number; undocumented: number; noise: number; accepted: number; scenarios: number; routes: number };
  /** 0 alike, 1 differ, 2 cannot compare. */
  exitCode: 0 | 1 | 2;
  why?: string;
}

/** Outcomes under which a scenario's exchanges say what the store does (a skipped scenario made none). */
const RAN = new Set(['passed', 'failed', 'known-deviation']);

export function diffRuns(before: ExchangesFile, after: ExchangesFile, options: DiffOptions = {}): DiffResult {
  const { differences, compared, notCompared } = rawDiff(before, after);
  const noise: NoisePointer[] = [];
  if (options.noise) {
    const learned = new Map<string, NoisePointer>();
    for (const d of rawDiff(before, options.noise).differences) {
      const key = noiseKey(d);
      if (!learned.has(key)) learned.set(key, { where: d.where, route: d.route, pointer: noiseScope(d), source: 'learned', covered: 0 });
    }
    for (const d of differences) {
      const n = learned.get(noiseKey(d));
      if (!n) continue;
      d.treatedAs = 'noise';
      n.covered++;
    }
    noise.push(...learned.values());
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  for (const rule of options.declaredNoise ?? []) {
    const n: NoisePointer = { where: rule.where ?? 'body', route: rule.route ?? '*', pointer: rule.pointer ?? '*', source: 'declared', covered: 0 };
    for (const d of differences) {
      if (d.treatedAs || !matches(rule, d)) continue;
      d.treatedAs = 'noise';
      n.covered++;
    }
    noise.push(n);
  }
  for (const rule of options.accept ?? []) {
    if (rule.expires && rule.expires < today) continue;
    for (const d of differences) {
      if (d.treatedAs || !matches(rule, d)) continue;
      d.treatedAs = 'accepted';
      d.reason = rule.reason;
    }
  }
  const counted = differences.filter((d) => !d.treatedAs);
  const counts = {
    differences: counted.length,
    documented: counted.filter((d) => d.where === 'body' && d.documented !== false).length,
    undocumented: counted.filter((d) => d.documented === false).length,
    noise: differences.filter((d) => d.treatedAs === 'noise').length,
    accepted: differences.filter((d) => d.treatedAs === 'accepted').length,
    scenarios: new Set(counted.map((d) => d.scenario)).size,
    routes: new Set(counted.map((d) => d.route)).size,
  };
  if (!compared) {
    return { compared, notCompared, differences, noise, counts, exitCode: 2, why: 'no scenario ran in both runs: nothing to compare' };
  }
  return { compared, notCompared, differences, noise, counts, exitCode: counted.length ? 1 : 0 };
}

function rawDiff(before: ExchangesFile, after: ExchangesFile): { differences: Difference[]; compared: number; notCompared: DiffResult['notCompared'] } {
  const differences: Difference[] = [];
  const notCompared: DiffResult['notCompared'] = [];
  let compared = 0;
  const ids = [...new Set([...Object.keys(before.scenarios), ...Object.keys(after.scenarios)])].sort();
  for (const id of ids) {
    const a = before.scenarios[id];
    const b = after.scenarios[id];
    if (!a || !b) {
      notCompared.push({ scenario: id, why: `not in ${a ? 'AFTER' : 'BEFORE'} (another selection of scenarios)` });
      continue;
    }
    const ranA = RAN.has(a.outcome ?? 'passed');
    const ranB = RAN.has(b.outcome ?? 'passed');
    if (!ranA || !ranB) {
      notCompared.push({ scenario: id, why: `${!ranA ? `${a.outcome} in BEFORE` : ''}${!ranA && !ranB ? ', ' : ''}${!ranB ? `${b.outcome} in AFTER` : ''}` });
      continue;
    }
    compared++;
    diffScenario(id, a, b, differences);
  }
  return { differences, compared, notCompared };
}

function diffScenario(id: string, a: ScenarioExchanges, b: ScenarioExchanges, out: Difference[]): void {
  const outcome = (o: string | undefined): string => (o === 'known-deviation' ? 'failed' : o ?? 'passed');
  if (outcome(a.outcome) !== outcome(b.outcome)) {
    out.push({ scenario: id, route: '', step: 0, exchange: 0, where: 'outcome', pointer: '', kind: 'value', before: a.outcome, after: b.outcome });
  }
  // Paired by step and route, in order: the n-th call of a route in a step is the n-th call of it in the other run.
  const keyed = (list: ExchangeRecord[]): Map<string, Array<{ e: ExchangeRecord; at: number }>> => {
    const m = new Map<string, Array<{ e: ExchangeRecord; at: number }>>();
    list.forEach((e, i) => {
      const k = `${e.step} ${e.route}`;
      const l = m.get(k) ?? [];
      l.push({ e, at: i + 1 });
      m.set(k, l);
    });
    return m;
  };
  const ka = keyed(a.exchanges);
  const kb = keyed(b.exchanges);
  for (const [k, la] of ka) {
    const lb = kb.get(k) ?? [];
    la.forEach(({ e, at }, i) => {
      const other = lb[i];
      if (!other) out.push({ scenario: id, route: e.route, step: e.step, exchange: at, where: 'exchange', pointer: '', kind: 'removed', before: `${e.request.method} ${e.route}` });
      else diffExchange(id, at, e, other.e, out);
    });
    for (const { e, at } of lb.slice(la.length)) out.push({ scenario: id, route: e.route, step: e.step, exchange: at, where: 'exchange', pointer: '', kind: 'added', after: `${e.request.method} ${e.route}` });
  }
  for (const [k, lb] of kb) {
    if (ka.has(k)) continue;
    for (const { e, at } of lb) out.push({ scenario: id, route: e.route, step: e.step, exchange: at, where: 'exchange', pointer: '', kind: 'added', after: `${e.request.method} ${e.route}` });
  }
}

function diffExchange(scenario: string, exchange: number, a: ExchangeRecord, b: ExchangeRecord, out: Difference[]): void {
  const at = { scenario, route: a.route, step: a.step, exchange };
  for (const d of diffJson(a.request, b.request)) out.push({ ...at, where: 'request', ...d });
  if (a.response.status !== b.response.status) out.push({ ...at, where: 'status', pointer: '', kind: 'value', before: a.response.status, after: b.response.status });
  if (a.response.type !== b.response.type) out.push({ ...at, where: 'content-type', pointer: '', kind: presence(a.response.type, b.response.type), before: a.response.type, after: b.response.type });
  if (a.response.notice !== b.response.notice) out.push({ ...at, where: 'notice', pointer: '', kind: presence(a.response.notice, b.response.notice), before: a.response.notice, after: b.response.notice });
  const ha = a.response.headers ?? {};
  const hb = b.response.headers ?? {};
  for (const name of [...new Set([...Object.keys(ha), ...Object.keys(hb)])].sort()) {
    // A record of an earlier version may hold a header this one leaves out.
    const same = name === 'set-cookie' && ha[name] !== undefined && hb[name] !== undefined ? canonicalSetCookie(ha[name]) === canonicalSetCookie(hb[name]) : ha[name] === hb[name];
    if (!IGNORED_HEADERS.has(name) && !same) out.push({ ...at, where: 'header', pointer: name, kind: presence(ha[name], hb[name]), before: ha[name], after: hb[name] });
  }
  const bodyA = a.response.json !== undefined ? a.response.json : a.response.text;
  const bodyB = b.response.json !== undefined ? b.response.json : b.response.text;
  const undocumented = [...(a.undocumented ?? []), ...(b.undocumented ?? [])];
  for (const d of diffJson(bodyA, bodyB)) {
    out.push({ ...at, where: 'body', ...d, documented: !undocumented.some((u) => d.pointer === u || d.pointer.startsWith(`${u}/`)) });
  }
}

const presence = (a: unknown, b: unknown): Kind => (a === undefined ? 'added' : b === undefined ? 'removed' : 'value');

type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'undefined';
const typeOf = (v: unknown): JsonType => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The differences of two JSON values, by pointer: a member on one side only (once, at its top), another type (an
 * empty PHP array `[]` where an object `{}` was), another value, or an object's shared keys in another order.
 */
export function diffJson(a: unknown, b: unknown, pointer = ''): Array<Pick<Difference, 'pointer' | 'kind' | 'before' | 'after'>> {
  const out: Array<Pick<Difference, 'pointer' | 'kind' | 'before' | 'after'>> = [];
  walk(a, b, pointer, out);
  return out;
}

function walk(a: unknown, b: unknown, pointer: string, out: Array<Pick<Difference, 'pointer' | 'kind' | 'before' | 'after'>>): void {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb) {
    out.push({ pointer, kind: ta === 'undefined' ? 'added' : tb === 'undefined' ? 'removed' : 'type', before: a, after: b });
    return;
  }
  if (ta === 'array') {
    const la = a as unknown[];
    const lb = b as unknown[];
    for (let i = 0; i < Math.max(la.length, lb.length); i++) walk(la[i], lb[i], `${pointer}/${i}`, out);
    return;
  }
  if (ta === 'object') {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    const ka = Object.keys(oa);
    const kb = Object.keys(ob);
    for (const k of ka) walk(oa[k], Object.prototype.hasOwnProperty.call(ob, k) ? ob[k] : undefined, `${pointer}/${escape(k)}`, out);
    for (const k of kb) if (!Object.prototype.hasOwnProperty.call(oa, k)) walk(undefined, ob[k], `${pointer}/${escape(k)}`, out);
    const sharedA = ka.filter((k) => k in ob);
    const sharedB = kb.filter((k) => k in oa);
    if (sharedA.some((k, i) => k !== sharedB[i])) out.push({ pointer, kind: 'order', before: sharedA, after: sharedB });
    return;
  }
  if (a !== b) out.push({ pointer, kind: 'value', before: a, after: b });
}

/** Noise is learned per route and pointer (any scenario), and per scenario and step for whole exchanges and outcomes. */
function noiseKey(d: Difference): string {
  return `${d.where}|${noiseScope(d)}|${d.route}`;
}
const noiseScope = (d: Difference): string => (d.where === 'outcome' || d.where === 'exchange' ? `${d.scenario} step ${d.step}` : d.pointer);

function matches(rule: AcceptRule, d: Difference): boolean {
  if (rule.where && rule.where !== d.where) return false;
  if (rule.route && !glob(rule.route).test(d.route)) return false;
  if (rule.scenario && !glob(rule.scenario).test(d.scenario)) return false;
  if (rule.pointer !== undefined && !pointerGlob(rule.pointer).test(d.pointer)) return false;
  return true;
}

const globs = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) globs.set(pattern, (re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)));
  return re;
}

/** `/products/*\/reward`: `*` is one segment; a trailing `/**` is the pointer and everything under it. */
function pointerGlob(pattern: string): RegExp {
  let re = globs.get(`pointer ${pattern}`);
  if (!re) {
    const deep = pattern.endsWith('/**');
    const body = (deep ? pattern.slice(0, -3) : pattern).split('/').map((seg) => (seg === '*' ? '[^/]*' : seg.replace(/[.+?^${}()|[\]\\*]/g, '\\$&'))).join('/');
    re = new RegExp(`^${body}${deep ? '(/.*)?' : ''}$`);
    globs.set(`pointer ${pattern}`, re);
  }
  return re;
}
