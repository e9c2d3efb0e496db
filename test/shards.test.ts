// Two shards of the suite merge into a report equal in counts to one unsharded run, with the command line as the
// README and the workflow write it: `npm run report -- --merge DIR1 DIR2`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mergeReports, readShard } from '../src/reports/merge';
import { writeErrorReports } from '../src/runner/run';
import { countOutcomes } from '../src/reports/results';
import { createStore, type ReferenceStore } from '../store';
import { runCli, type CliRun } from './support/cli';
import { loadExchanges } from '../src/exchanges/record';
import { diffRuns } from '../src/exchanges/diff';

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
    // A security finding among them, so that the merged report names attachments.
    const tags = '@area:login or @id:security-cookie-token-allowed-address';
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
    assert.match(junit, new RegExp(`<testsuites tests="${whole.scenarios.length}"`));
    assert.match(readFileSync(path.join(out, 'summary.md'), 'utf8'), /\*\*conformance: \d+ passed/);
    // The shards' exchange records, united: the merged run answers as the whole run did.
    const [wholeRecord, mergedRecord] = [loadExchanges(reportsOf(0)), loadExchanges(out)];
    assert.ok(typeof wholeRecord !== 'string' && typeof mergedRecord !== 'string', `${wholeRecord} ${mergedRecord}`);
    assert.deepEqual(Object.keys(mergedRecord.scenarios), Object.keys(wholeRecord.scenarios));
    const diff = diffRuns(wholeRecord, mergedRecord);
    assert.equal(diff.exitCode, 0, JSON.stringify(diff.differences.slice(0, 3)));
  });

  it('merges into a folder that holds an earlier run\'s reports, and keeps nothing of that run but its Allure history', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'shard-over-')), 'reports');
    cpSync(reportsOf(0), out, { recursive: true });
    mkdirSync(path.join(out, 'docs', 'routes'), { recursive: true });
    writeFileSync(path.join(out, 'docs', 'index.html'), '<p>an earlier run</p>');
    writeFileSync(path.join(out, 'allure-results', 'ffff-result.json'), '{}');
    mkdirSync(path.join(out, 'history', 'embedded--provisioned'), { recursive: true });
    writeFileSync(path.join(out, 'history', 'embedded--provisioned', 'history-trend.json'), '[]');
    writeFileSync(path.join(out, 'examples.json'), JSON.stringify({ 'api/earlier': { Stale: {} } }));
    const run = await npmRunReport(['--merge', reportsOf(1), reportsOf(2), '--reports-dir', out, '--no-html']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['allure-results', 'examples.json', 'exchanges.json', 'history', 'junit.xml', 'report.json', 'summary.md']);
    assert.ok(existsSync(path.join(out, 'history', 'embedded--provisioned', 'history-trend.json')), 'the Allure history is kept');
    const results = readdirSync(path.join(out, 'allure-results'));
    const ownOf = (i: number) => readdirSync(path.join(reportsOf(i), 'allure-results')).filter((f) => !['environment.properties', 'categories.json', 'executor.json'].includes(f));
    assert.deepEqual(results.filter((f) => /-result\.json$/.test(f)).sort(), [...ownOf(1).map((f) => `shard1-${f}`), ...ownOf(2).map((f) => `shard2-${f}`)].filter((f) => /-result\.json$/.test(f)).sort(), 'the shards\' results, and no other run\'s');
    const examples = JSON.parse(readFileSync(path.join(out, 'examples.json'), 'utf8')) as Record<string, unknown>;
    assert.ok(!('api/earlier' in examples) && 'api/login' in examples, 'the shards\' examples, united');
    const merged = readShard(out);
    const finding = merged.scenarios.find((s) => s.attachment);
    assert.ok(finding, 'a merged scenario names its exchange');
    assert.match(finding.attachment!, /^allure-results\/shard[12]-\d+-attachment\.json$/);
    assert.match(readFileSync(path.join(out, finding.attachment!), 'utf8'), /"request"/, 'at a file of the merged folder');
    const result = JSON.parse(readFileSync(path.join(out, 'allure-results', results.find((f) => /^shard\d-\d+-result\.json$/.test(f) && /attachment/.test(readFileSync(path.join(out, 'allure-results', f), 'utf8')))!), 'utf8')) as { steps: Array<{ attachments: Array<{ source: string }> }> };
    for (const source of result.steps.flatMap((st) => st.attachments.map((a) => a.source))) assert.ok(existsSync(path.join(out, 'allure-results', source)), `${source} is among the merged results`);
  });

  it('refuses to merge into a folder that is not a reports folder, or into one of the folders merged: one line, exit 2, nothing changed', async () => {
    const foreign = mkdtempSync(path.join(tmpdir(), 'shard-foreign-'));
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    writeFileSync(path.join(foreign, 'report.json'), '{}');
    assertOneLineError(await npmRunReport(['--merge', reportsOf(1), reportsOf(2), '--reports-dir', foreign, '--no-html']), /^report: --reports-dir .* is not a reports folder \(it holds notes\.txt\): merge into a new or empty folder/);
    assert.deepEqual(readdirSync(foreign).sort(), ['notes.txt', 'report.json']);
    assert.equal(readFileSync(path.join(foreign, 'report.json'), 'utf8'), '{}');
    const before = readdirSync(path.join(reportsOf(1), 'allure-results')).length;
    assertOneLineError(await npmRunReport(['--merge', reportsOf(1), reportsOf(2), '--reports-dir', reportsOf(1), '--no-html']), /^report: --reports-dir .* would overwrite .*, one of the folders to merge: merge into another folder$/);
    assert.equal(readdirSync(path.join(reportsOf(1), 'allure-results')).length, before);
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
