// Two shards of the suite merge into a report equal in counts to one unsharded run, with the command line as the
// README and the workflow write it: `npm run report -- --merge DIR1 DIR2`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mergeReports, readShard } from '../src/reports/merge';
import { writeErrorReports } from '../src/runner/run';
import { countOutcomes } from '../src/reports/results';
import { createStore, type ReferenceStore } from '../store';
import { runCli, type CliRun } from './support/cli';

const ROOT = path.resolve(__dirname, '..');

/** `npm run report -- ARGS`, as typed in the project folder. */
function npmRunReport(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn('npm', ['run', '--silent', 'report', '--', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
  });
}

function assertOneLineError(run: CliRun, pattern: RegExp): void {
  assert.equal(run.code, 2, `exit code 2 expected, got ${run.code}\n${run.stdout}\n${run.stderr}`);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected:\n${run.stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(run.stderr, /    at /, 'no stack trace');
}

describe('shards', () => {
  let store: ReferenceStore;
  let url: string;
  const dirs = [mkdtempSync(path.join(tmpdir(), 'shard-all-')), mkdtempSync(path.join(tmpdir(), 'shard-1-')), mkdtempSync(path.join(tmpdir(), 'shard-2-'))];
  const reportsOf = (i: number) => path.join(dirs[i], 'reports');
  before(async () => {
    store = createStore({ apiKey: 'b'.repeat(64) });
    url = await store.listen(0, '127.0.0.1');
    const tags = '@area:login';
    const env = { INVOTIDE_API_KEY: store.apiKey, INVOTIDE_ALTERNATE_SOURCE_ADDRESS: '127.0.0.2' };
    const runs = await Promise.all([
      runCli(['--target', url, '--tags', tags], env, dirs[0]),
      runCli(['--target', url, '--tags', tags, '--shard', '1/2'], env, dirs[1]),
      runCli(['--target', url, '--tags', tags, '--shard', '2/2'], env, dirs[2]),
    ]);
    for (const r of runs) assert.match(r.stdout, /conformance: \d+ passed/, r.stdout + r.stderr);
  });
  after(() => store.close());

  it('merge into the counts of one unsharded run', () => {
    const whole = readShard(reportsOf(0));
    const shards = [readShard(reportsOf(1)), readShard(reportsOf(2))];
    assert.ok(shards.every((s) => s.scenarios.length > 0 && s.scenarios.length < whole.scenarios.length), 'each shard ran a part');
    const merged = mergeReports(shards);
    assert.deepEqual(countOutcomes(merged.scenarios), countOutcomes(whole.scenarios));
    assert.deepEqual(merged.scenarios.map((s) => s.id).sort(), whole.scenarios.map((s) => s.id).sort());
    assert.deepEqual(merged.totals, whole.totals);
    assert.deepEqual(merged.verdict, whole.verdict);
  });

  it('npm run report -- --merge DIR1 DIR2, as documented, writes the merged reports', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'shard-merged-')), 'reports');
    const run = await npmRunReport(['--merge', reportsOf(1), reportsOf(2), '--reports-dir', out, '--no-html']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const whole = readShard(reportsOf(0));
    assert.match(run.stdout, new RegExp(`merged 2 reports into .*\\n${whole.verdict!.line.replace(/[()]/g, '\\$&')}\\nconformance: ${whole.totals!.conformance.passed} passed, 0 failed`));
    const merged = readShard(out);
    assert.deepEqual(countOutcomes(merged.scenarios), countOutcomes(whole.scenarios));
    assert.equal(merged.exitCode, whole.exitCode);
    const junit = readFileSync(path.join(out, 'junit.xml'), 'utf8');
    assert.match(junit, new RegExp(`<testsuite name="Invotide API conformance"[^>]* tests="${whole.scenarios.length}"`));
    assert.match(readFileSync(path.join(out, 'summary.md'), 'utf8'), /\*\*conformance: \d+ passed/);
  });

  it('--merge A --merge B works too', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'shard-merged-')), 'reports');
    const run = await npmRunReport(['--merge', reportsOf(1), '--merge', reportsOf(2), '--reports-dir', out, '--no-html']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(readShard(out).scenarios.length, readShard(reportsOf(0)).scenarios.length);
  });

  it('npm run report -- --reports-dir DIR after a run that did not take place: says so, exit 2', async () => {
    const reports = path.join(mkdtempSync(path.join(tmpdir(), 'report-after-error-')), 'reports');
    writeErrorReports(reports, { kind: 'infrastructure', message: 'target unreachable: connection refused' });
    assertOneLineError(await npmRunReport(['--reports-dir', reports]), /^report: the last run did not take place \(infrastructure error: target unreachable: connection refused\): nothing to report$/);
  });

  it('a folder that is not a run\'s reports, a stray argument or an unknown option: one line, exit 2', async () => {
    const nowhere = path.join(tmpdir(), 'no-such-reports-folder');
    assertOneLineError(await npmRunReport(['--merge', reportsOf(1), nowhere, '--no-html', '--reports-dir', mkdtempSync(path.join(tmpdir(), 'shard-x-'))]), /^report: no report\.json in .*no-such-reports-folder: is it the reports folder of a run\?$/);
    assertOneLineError(await npmRunReport([reportsOf(1)]), /^report: unexpected argument ".*" \(to merge reports folders: --merge DIR DIR \.\.\.\)$/);
    assertOneLineError(await npmRunReport(['--mrege', reportsOf(1)]), /^report: Unknown option '--mrege'.* \(see --help\)$/);
  });
});
