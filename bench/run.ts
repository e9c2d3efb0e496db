// `npm run bench`: how fast is honest feedback? Medians over repetitions from one run on this machine, and ratios
// against the floor (the same HTTP exchanges replayed by bare undici). A script, never a timed test.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Contract } from '../src/contract';
const { isFresh } = require('../bin/build') as { isFresh(): boolean };
import { createStore } from '../store';
import type { RecordedExchange } from '../src/reports/recording';

const ROOT = path.resolve(__dirname, '..');
const USAGE = `npm run bench -- [--reps N] [--seconds S] [--parallel 2,4,8] [--latency MS] [--env-file FILE] [--diff]
  --reps       repetitions of each timed run (default 3); medians are reported
  --diff       only the behaviour diff: two full runs, then \`invotide-conformance diff\` of the two, timed
  --seconds    length of each load run against the store (default 5)
  --parallel   worker counts to compare with the serial run (default 2,4,8)
  --latency    put the reference store behind a proxy that adds this round trip, in ms
  --env-file   measure a configured store instead (its .env)`;

function options(): { values: { reps: string; seconds: string; latency?: string; 'env-file'?: string; parallel: string; diff?: boolean; help?: boolean } } {
  try {
    return parseArgs({
      options: {
        reps: { type: 'string', default: '3' },
        seconds: { type: 'string', default: '5' },
        // A store across a network: the reference store behind a latency proxy, or a configured store (bench/remote.ts).
        latency: { type: 'string' },
        'env-file': { type: 'string' },
        parallel: { type: 'string', default: '2,4,8' },
        diff: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const { values } = options();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const REPS = Number(values.reps);
const LOAD_SECONDS = Number(values.seconds);
for (const [name, n] of [['--reps', REPS], ['--seconds', LOAD_SECONDS]] as const) {
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench: ${name} must be a whole number of at least 1\n${USAGE}`);
    process.exit(2);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface CliRun { ms: number; code: number | null; stdout: string; scenarioPhaseMs: number; cpuMs: number }

/** One working directory per kind of run, kept across repetitions: reruns in a checkout write over their reports. */
const workDirs = new Map<string, string>();
const workDir = (kind: string) => workDirs.get(kind) ?? workDirs.set(kind, mkdtempSync(path.join(tmpdir(), `invotide-bench-${kind}-`))).get(kind)!;

function runSuite(args: string[], env: Record<string, string> = {}, kind = args.join(' ').replace(/[^a-z0-9]+/gi, '-') || 'serial'): Promise<CliRun> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const cwd = workDir(kind);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/invotide-conformance.js'), ...args], {
      cwd,
      env: { ...process.env, INVOTIDE_FIXTURES: path.join(ROOT, 'targets/provisioned.json'), ...env },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', () => undefined);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      let report = { scenarioPhaseMs: NaN, processCpuMs: NaN };
      try {
        report = JSON.parse(readFileSync(path.join(cwd, 'reports', 'report.json'), 'utf8')) as typeof report;
        rmSync(path.join(cwd, 'reports', 'report.json'));
      } catch {
        // no report: the run failed, and the caller says so
      }
      resolve({ ms, code, stdout, scenarioPhaseMs: report.scenarioPhaseMs, cpuMs: report.processCpuMs });
    });
  });
}

interface FloorRun { ms: number; replayMs: number; exchanges: number }

/** The floor as a command of its own (bench/floor.js): start-up, a fresh store, and the bare replay. */
function floorCommand(recording: string): FloorRun {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bench/floor.js'), recording], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  return { ms, ...(JSON.parse(out) as { replayMs: number; exchanges: number }) };
}

function validationRate(exchanges: RecordedExchange[]): { compileMs: number; medianMicros: number; perSecond: number; undocumentedMicros: number } {
  const t0 = performance.now();
  const contract = Contract.load();
  const compileMs = performance.now() - t0;
  const samples = exchanges.filter((e) => e.json !== undefined && contract.operations().some((o) => o.route === e.route));
  const rounds: number[] = [];
  for (let round = 0; round < 25; round++) {
    const s = performance.now();
    for (const e of samples) contract.validate(e.route, 200, 'application/json', e.json);
    rounds.push(((performance.now() - s) * 1000) / samples.length);
  }
  const medianMicros = median(rounds);
  // The walk for fields the contract does not document, done on every answer too.
  const walks: number[] = [];
  for (let round = 0; round < 25; round++) {
    const s = performance.now();
    for (const e of samples) contract.undocumentedFields(e.route, e.json);
    walks.push(((performance.now() - s) * 1000) / samples.length);
  }
  return { compileMs, medianMicros, perSecond: 1e6 / medianMicros, undocumentedMicros: median(walks) };
}

async function startupToFirstRequest(): Promise<number> {
  const store = createStore();
  const base = await store.listen(0, '127.0.0.1');
  let first: number | undefined;
  store.server.once('request', () => (first = performance.now()));
  const t0 = performance.now();
  await runSuite(['--target', base, '--tags', '@id:login-success'], { INVOTIDE_API_KEY: store.apiKey }, 'startup');
  await store.close();
  return (first ?? NaN) - t0;
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function storeThroughput(args: string[]): Promise<string[]> {
  const child = spawn(process.execPath, [...args, '--port', '0'], { cwd: ROOT });
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (/http:\/\/127\.0\.0\.1:\d+\//.test(text) && /key/i.test(text)) setTimeout(() => resolve(text), 200);
    });
    child.on('exit', () => reject(new Error(`store exited: ${text}`)));
  });
  const base = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
  const key = /(?:Default[^\n]*?key[^\n]*?|key[^\n]*?)([0-9a-f]{32,})/i.exec(out)?.[1];
  const login = await fetch(`${base}index.php?route=api/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=Default&key=${key}` });
  const token = ((await login.json()) as { api_token: string }).api_token;
  const rest = rssOf(child.pid!);
  const lines: string[] = [];
  for (const [route, body] of [['api/cart/products', ''], ['api/cart/add', 'product_id=40&quantity=1']] as const) {
    let peak = rest;
    const timer = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 100);
    const result = await autocannon({
      url: `${base}index.php?route=${route}&api_token=${token}`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      connections: 50,
      duration: LOAD_SECONDS,
    });
    clearInterval(timer);
    const errors = result.errors + result.timeouts + result.non2xx;
    lines.push(`  ${route}: ${Math.round(result.requests.average)} requests/s (median latency ${result.latency.p50} ms), ${errors} errors, memory ${rest.toFixed(0)} MB at rest, ${peak.toFixed(0)} MB peak`);
  }
  child.kill('SIGTERM');
  return lines;
}

/**
 * The behaviour diff of two full runs (their reports folders): the whole command (`invotide-conformance diff A B`, from
 * the build), and in this process the part that is the diff's own (read both records, compare, write diff.json and
 * diff.md).
 */
async function diffTimes(a: string, b: string): Promise<string> {
  const { compareFolders } = await import('../src/exchanges/diff-cli');
  const out = mkdtempSync(path.join(tmpdir(), 'invotide-diff-'));
  const whole: number[] = [];
  const own: number[] = [];
  let summary = '';
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'bin/invotide-conformance.js'), 'diff', a, b, '--out', out], { encoding: 'utf8' });
    } catch (error) {
      // exit 1: the runs differ, which is an answer too
      if ((error as { status?: number }).status !== 1) throw error;
    }
    whole.push(performance.now() - t0);
    const t1 = performance.now();
    const { result } = compareFolders(a, b, { out });
    own.push(performance.now() - t1);
    summary = `${result.compared} scenarios compared, ${result.counts.differences} differences`;
  }
  const bytes = readFileSync(path.join(a, 'exchanges.json')).length;
  return `behaviour diff of two full runs (${summary}; exchanges.json ${(bytes / 1048576).toFixed(1)} MB each): whole command ${fmt(median(whole))}; read, compare and write alone ${fmt(median(own))} (goal < 5 s)`;
}

async function diffOnly(): Promise<void> {
  if (!isFresh()) execFileSync(process.execPath, [path.join(ROOT, 'bin/build.js')], { stdio: 'inherit' });
  console.log(`bench --diff: ${REPS} repetitions, medians; Node ${process.version}, ${require('node:os').cpus().length} cores`);
  const a = await runSuite([]);
  const b = await runSuite(['--parallel', '2']);
  if (a.code !== 0 || b.code !== 0) throw new Error('a run failed');
  console.log(await diffTimes(path.join(workDir('serial'), 'reports'), path.join(workDir('-parallel-2'), 'reports')));
}

async function main(): Promise<void> {
  // The suite, the floor and the store all run from the build, as `npm ci` leaves it.
  if (!isFresh()) execFileSync(process.execPath, [path.join(ROOT, 'bin/build.js')], { stdio: 'inherit' });
  console.log(`bench: ${REPS} repetitions each, medians; Node ${process.version}, ${require('node:os').cpus().length} cores`);
  const recording = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-rec-')), 'exchanges.ndjson');
  // The recording run is also the first serial run in its directory, so the timed ones find their reports in place.
  const recorded = await runSuite([], { INVOTIDE_RECORD_EXCHANGES: recording });
  await runSuite(['--parallel', '2']);
  if (recorded.code !== 0) throw new Error(`the recording run failed:\n${recorded.stdout.slice(-2000)}`);
  const exchanges = readFileSync(recording, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RecordedExchange);

  const serial: number[] = [];
  const parallel: number[] = [];
  const serialPhase: number[] = [];
  const serialCpu: number[] = [];
  const parallelPhase: number[] = [];
  const floor: FloorRun[] = [];
  for (let i = 0; i < REPS; i++) {
    const s = await runSuite([]);
    const p = await runSuite(['--parallel', '2']);
    serial.push(s.ms);
    serialPhase.push(s.scenarioPhaseMs);
    serialCpu.push(s.cpuMs);
    parallel.push(p.ms);
    parallelPhase.push(p.scenarioPhaseMs);
    floor.push(floorCommand(recording));
  }
  const startup: number[] = [];
  for (let i = 0; i < REPS; i++) startup.push(await startupToFirstRequest());
  const v = validationRate(exchanges);

  console.log(`1. full conformance run (whole command): serial ${fmt(median(serial))}, --parallel 2 ${fmt(median(parallel))}; speed-up ${(median(serial) / median(parallel)).toFixed(2)}×`);
  const cores = median(serialCpu) / median(serial);
  console.log(`   the serial run already keeps ${cores.toFixed(2)} cores busy (${fmt(median(serialCpu))} CPU, V8's compiler and GC threads beside the main one): split over 2 cores without adding work, it could at best be ${(2 / cores).toFixed(2)}× faster`);
  console.log(`   scenario phase alone (first scenario start to last end): serial ${fmt(median(serialPhase))}, --parallel 2 ${fmt(median(parallelPhase))}`);
  const floorMs = median(floor.map((f) => f.ms));
  const replayMs = median(floor.map((f) => f.replayMs));
  console.log(`2. floor (bench/floor.js): ${floor[0].exchanges} exchanges replayed by bare undici, whole command ${fmt(floorMs)}, replay loop ${fmt(replayMs)}`);
  console.log(`   suite / floor = ${(median(serial) / floorMs).toFixed(2)} (whole command to whole command), ${(median(serialPhase) / replayMs).toFixed(2)} (scenario phase to replay loop)`);
  console.log(`3. contract: ${v.medianMicros.toFixed(1)} µs median per response (${Math.round(v.perSecond)} validations/s), undocumented-field walk ${v.undocumentedMicros.toFixed(1)} µs; compiling the validators once: ${v.compileMs.toFixed(0)} ms`);
  console.log(`4. start-up, command to first request: ${fmt(median(startup))}`);
  console.log('5. reference store under 50 connections for ' + LOAD_SECONDS + ' s (autocannon, loopback):');
  console.log('  npm run store (the compiled build):');
  for (const line of await storeThroughput([path.join(ROOT, 'bin/store.js')])) console.log(line);
  console.log('  the TypeScript sources through ts-node, for comparison:');
  for (const line of await storeThroughput(['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'store/main.ts')])) console.log(line);
  // The last serial and --parallel 2 runs: two full runs of the same store.
  console.log(`6. ${await diffTimes(path.join(workDir('serial'), 'reports'), path.join(workDir('-parallel-2'), 'reports'))}`);
}

const remote = values.latency !== undefined || values['env-file'] !== undefined;
(remote
  ? import('./remote').then(({ remoteBench }) => {
      if (!isFresh()) execFileSync(process.execPath, [path.join(ROOT, 'bin/build.js')], { stdio: 'inherit' });
      return remoteBench({ latencyMs: values.latency === undefined ? undefined : Number(values.latency), envFile: values['env-file'], reps: REPS, parallel: values.parallel.split(',').map(Number) });
    })
  : values.diff ? diffOnly() : main()
).catch((error) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
