// `npm run bench -- --latency 50`: the full run against a store across a network, serial and with --parallel 2, 4
// and 8: the reference store behind a latency proxy (bench/latency-proxy.ts). `npm run bench -- --env-file FILE`: the
// same against the store FILE configures (a real OpenCart, say). Medians of --reps repetitions from one run; a script,
// never a timed test.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore } from '../store';
import { API_USERS } from '../src/provision/dataset';
import type { RunReport } from '../src/reports/results';
import { startLatencyProxy } from './latency-proxy';
import { networkFloor } from './network-floor';

const ROOT = path.resolve(__dirname, '..');
const TICK_MS = 10; // /proc reports CPU in clock ticks of 1/100 s

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** CPU of this process's children that have exited (the CLI, and the workers it waited for), in ms. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS; // cutime, cstime
}

interface Run { wallMs: number; cpuMs: number; coordinatorCpuMs: number; code: number | null; report?: RunReport; workers: string }

function runSuite(args: string[], env: Record<string, string>): Promise<Run> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'invotide-bench-remote-'));
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/invotide-conformance.js'), ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      let report: RunReport | undefined;
      try {
        report = JSON.parse(readFileSync(path.join(cwd, 'reports', 'report.json'), 'utf8')) as RunReport;
      } catch {
        console.error(`bench: the run ${args.join(' ')} wrote no report (exit ${code}):\n${stdout.slice(-1500)}`);
      }
      const workers = /^workers: (.*)$/m.exec(stdout)?.[1] ?? '';
      resolve({ wallMs, cpuMs: childrenCpuMs() - cpu0, coordinatorCpuMs: report?.processCpuMs ?? NaN, code, report, workers });
    });
  });
}

export async function remoteBench(options: { latencyMs?: number; envFile?: string; reps: number; parallel: number[] }): Promise<void> {
  let env: Record<string, string>;
  let close = async (): Promise<void> => undefined;
  let what: string;
  if (options.envFile) {
    env = { INVOTIDE_FIXTURES: process.env.INVOTIDE_FIXTURES ?? path.join(ROOT, 'targets/provisioned.json') };
    what = `the store configured by ${options.envFile}`;
  } else {
    const store = createStore();
    const storeUrl = await store.listen(0, '127.0.0.1');
    const proxy = await startLatencyProxy(storeUrl, options.latencyMs ?? 50);
    // The store is reached under the proxy's address, so its own address (what orders record) is named.
    const fixtures = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-bench-fixtures-')), 'behind-proxy.json');
    writeFileSync(fixtures, JSON.stringify({ name: 'behind-proxy', extends: path.join(ROOT, 'targets/provisioned.json'), store: { url: storeUrl } }));
    close = async () => {
      await proxy.close();
      await store.close();
    };
    env = {
      INVOTIDE_TARGET_URL: proxy.url, INVOTIDE_API_KEY: store.apiKey, INVOTIDE_ALLOW_WRITES: 'true', INVOTIDE_ALTERNATE_SOURCE_ADDRESS: '127.0.0.2',
      INVOTIDE_RESTRICTED_USERNAME: API_USERS.restricted.username, INVOTIDE_RESTRICTED_KEY: store.provisionedKeys.restricted,
      INVOTIDE_DISABLED_USERNAME: API_USERS.disabled.username, INVOTIDE_DISABLED_KEY: store.provisionedKeys.disabled,
      INVOTIDE_FIXTURES: fixtures,
    };
    what = `the reference store behind a ${options.latencyMs ?? 50} ms round trip (bench/latency-proxy.ts)`;
  }
  const base = options.envFile ? ['--env-file', options.envFile, '--allow-writes'] : [];
  console.log(`bench: full runs against ${what}; ${options.reps} repetition(s) each, medians`);
  try {
    const rows: Array<{ label: string; runs: Run[] }> = [];
    for (const n of [1, ...options.parallel, 'auto' as const]) {
      const runs: Run[] = [];
      for (let i = 0; i < (n === 'auto' ? 1 : options.reps); i++) runs.push(await runSuite([...base, ...(n === 1 ? [] : ['--parallel', String(n)])], env));
      rows.push({ label: n === 1 ? 'serial' : `--parallel ${n}`, runs });
    }
    const serial = median(rows[0].runs.map((r) => r.wallMs));
    const first = rows[0].runs[0].report;
    if (first) {
      const exchanges = first.scenarios.map((s) => s.exchanges ?? 0);
      console.log(`exchanges: ${exchanges.reduce((a, b) => a + b, 0)} in ${exchanges.length} scenarios, median ${median(exchanges)} per scenario, at most ${Math.max(...exchanges)}`);
    }
    // The round trip the floor is made of: the proxy's, or what the fixture check measured against a configured store.
    const measured = rows.flatMap((r) => r.runs).map((r) => Number(/median round trip (\d+) ms/.exec(r.workers)?.[1])).find((ms) => ms > 0);
    const roundTripMs = options.latencyMs ?? measured;
    // Every row runs the same scenarios: the floor is that of the run that made the most exchanges (a run whose
    // scenarios failed early made fewer, and would lower its own floor).
    const exchangesOf = (r?: RunReport): number => r?.scenarios.reduce((sum, s) => sum + (s.exchanges ?? 0), 0) ?? -1;
    const complete = rows.flatMap((r) => r.runs).map((r) => r.report).reduce<RunReport | undefined>((most, r) => (exchangesOf(r) > exchangesOf(most) ? r : most), undefined);
    console.log(`floor: the larger of exchanges × round trip / workers and the longest scenario's chain × round trip, at ${roundTripMs === undefined ? 'an unknown' : `a ${roundTripMs} ms${options.latencyMs === undefined ? ' (measured)' : ''}`} round trip; scenarios: the first scenario's start to the last one's end`);
    console.log('| run | wall | floor | wall / floor | scenarios | before and after them | speed-up | CPU (all processes) | CPU per worker | suite CPU / wall | outcome |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const { label, runs } of rows) {
      const wall = median(runs.map((r) => r.wallMs));
      const cpu = median(runs.map((r) => r.cpuMs));
      const workers = label === 'serial' ? 1 : Number(label.replace(/\D+/g, '')) || Number(runs[0].workers.split(' ')[0]) || 1;
      const perWorker = workers > 1 ? (cpu - median(runs.map((r) => r.coordinatorCpuMs))) / workers : cpu;
      const phase = median(runs.map((r) => r.report?.scenarioPhaseMs ?? NaN));
      const last = runs[runs.length - 1];
      const counts = last.report ? `${last.report.scenarios.filter((s) => s.outcome === 'passed').length} passed, exit ${last.code}` : `exit ${last.code}`;
      const floor = complete && roundTripMs !== undefined ? networkFloor(complete.scenarios.map((s) => ({ exchanges: s.exchanges ?? 0 })), roundTripMs, workers) : undefined;
      const floorText = floor ? `${sec(floor.floorMs)} (${floor.spreadMs >= floor.chainMs ? `${floor.exchanges} × ${roundTripMs} ms / ${workers}` : `chain ${floor.longestChain} × ${roundTripMs} ms`})` : '–';
      console.log(`| ${label}${runs[0].workers ? ` (${runs[0].workers})` : ''} | ${sec(wall)} | ${floorText} | ${floor ? `**${(wall / floor.floorMs).toFixed(2)}×**` : '–'} | ${sec(phase)} | ${sec(wall - phase)} | ${(serial / wall).toFixed(2)}× | ${sec(cpu)} | ${sec(perWorker)} | ${((100 * cpu) / wall).toFixed(0)} % | ${counts} |`);
    }
  } finally {
    await close();
  }
}
