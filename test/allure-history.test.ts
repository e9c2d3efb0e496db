// The Allure report's trend is kept per target: `npm run report` keeps the history of the runs against one store URL
// with one fixtures file in reports/history/<target>/, and a run against another target starts a trend of its own
// instead of joining the first one's. The report is one file, index.html, and nothing else.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { historySlug } from '../src/reports/allure';

const ROOT = path.resolve(__dirname, '..');
const javaMissing = spawnSync('java', ['-version']).error ? 'Java is not installed (the Allure HTML report needs it)' : undefined;

function npmRunReport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'report', '--', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A reports folder as a run leaves it: report.json naming the target, and two Allure results. */
function runAgainst(reports: string, target: { url: string; embedded: boolean; fixtures: string }): void {
  mkdirSync(path.join(reports, 'allure-results'), { recursive: true });
  writeFileSync(path.join(reports, 'report.json'), JSON.stringify({ formatVersion: 3, target, scenarios: [], startedAt: new Date().toISOString(), durationMs: 1 }));
  const result = (n: number, status: string) => ({ uuid: `u${n}`, historyId: `h${n}`, testCaseId: `h${n}`, name: `scenario ${n}`, fullName: `scenario ${n}`, status, stage: 'finished', start: 1, stop: 2, labels: [], steps: [], attachments: [], parameters: [], links: [] });
  writeFileSync(path.join(reports, 'allure-results', '1-result.json'), JSON.stringify(result(1, 'passed')));
  writeFileSync(path.join(reports, 'allure-results', '2-result.json'), JSON.stringify({ ...result(2, 'unknown'), statusDetails: { message: 'known deviation: PHP 8 TypeError' } }));
}

const trend = (reports: string, slug: string): unknown[] => JSON.parse(readFileSync(path.join(reports, 'history', slug, 'history-trend.json'), 'utf8')) as unknown[];

describe('the Allure history, per target', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'invotide-allure-history-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names a target by its URL and its fixtures', () => {
    assert.equal(historySlug({ url: 'embedded', embedded: true, fixtures: 'targets/provisioned.json' }), 'embedded--provisioned');
    assert.equal(historySlug({ url: 'https://Staging.example.com:8443/shop/', embedded: false, fixtures: '/ci/targets/staging.json' }), 'staging.example.com-8443-shop--staging');
  });

  it('npm run report writes one file and keeps a trend per target, never mixing two targets', { skip: javaMissing }, async () => {
    const reports = path.join(dir, 'reports');
    const embedded = { url: 'embedded', embedded: true, fixtures: 'targets/provisioned.json' };
    const staging = { url: 'http://127.0.0.1:8080/', embedded: false, fixtures: 'targets/provisioned.json' };

    runAgainst(reports, embedded);
    const first = await npmRunReport(['--reports-dir', reports]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.match(first.stdout, new RegExp(`Allure report: ${path.join(reports, 'allure-report', 'index.html').replace(/[.]/g, '\\.')}`));
    assert.deepEqual(readdirSync(path.join(reports, 'allure-report')), ['index.html']);
    assert.equal(trend(reports, 'embedded--provisioned').length, 1);

    runAgainst(reports, embedded);
    assert.equal((await npmRunReport(['--reports-dir', reports])).code, 0);
    assert.equal(trend(reports, 'embedded--provisioned').length, 2, 'the second run against the same target extends its trend');

    runAgainst(reports, staging);
    assert.equal((await npmRunReport(['--reports-dir', reports])).code, 0);
    assert.equal(trend(reports, '127.0.0.1-8080--provisioned').length, 1, 'another target starts its own trend');
    assert.equal(trend(reports, 'embedded--provisioned').length, 2, 'and leaves the first one as it was');
    assert.ok(!existsSync(path.join(reports, 'allure-results', 'history')), 'no run\'s results were changed');
    const [latest] = trend(reports, '127.0.0.1-8080--provisioned') as Array<{ data: Record<string, number> }>;
    assert.deepEqual(latest.data, { failed: 0, broken: 0, skipped: 0, passed: 1, unknown: 1, total: 2 }, 'a known deviation counted apart from failures');
  });
});
