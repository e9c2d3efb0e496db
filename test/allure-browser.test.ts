// The Allure report as a reader meets it: a run with --report against the reference store builds the HTML, a browser
// finds every scenario of the run in it, and an exchange attachment shows the request and answer with the key and
// the token blanked. No file of the run holds the key.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import type { RunReport } from '../src/runner/results';
import { chromiumMissing, launchBrowser, type Browser } from './support/browser';
import { runCli, type CliRun } from './support/cli';
import { serveStatic, type StaticServer } from './support/static-server';

const ROOT = path.resolve(__dirname, '..');
const KEY = 'k'.repeat(64);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('the Allure report in a browser', { timeout: 60_000 }, () => {
  // Each test carries the skip, so a machine without Chromium counts them as skipped, never as passed.
  const skip = chromiumMissing;
  let store: ReferenceStore;
  let cwd: string;
  let run: CliRun;
  let report: RunReport;
  let server: StaticServer;
  let browser: Browser;

  before(async () => {
    if (skip) return;
    store = createStore({ apiKey: KEY });
    const url = await store.listen(0, '127.0.0.1');
    cwd = mkdtempSync(path.join(tmpdir(), 'invotide-allure-'));
    run = await runCli(['--target', url, '--tags', '@area:login', '--report'], { INVOTIDE_API_KEY: KEY }, cwd);
    assert.ok(run.code === 0 || run.code === 1, `the run ended with exit code ${run.code}\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
    assert.ok(existsSync(path.join(cwd, 'reports', 'allure-report', 'index.html')), `--report built the Allure HTML\n${run.stdout.slice(-1000)}`);
    report = JSON.parse(readFileSync(path.join(cwd, 'reports', 'report.json'), 'utf8')) as RunReport;
    server = await serveStatic(path.join(cwd, 'reports', 'allure-report'));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it('lists every scenario of the run', { skip }, async () => {
    assert.ok(report.scenarios.length >= 10, `the login area has scenarios (${report.scenarios.length})`);
    const page = await browser.newPage();
    await page.goto(`${server.url}index.html#suites`);
    const names = page.locator('.node__name');
    await names.first().waitFor();
    const shown = new Set((await names.allInnerTexts()).map((n) => n.trim()));
    for (const s of report.scenarios) assert.ok(shown.has(s.name), `Allure lists "${s.name}"`);
    await page.close();
  });

  it('shows an exchange attachment of a test with the key and the token blanked', { skip }, async () => {
    const login = report.scenarios.find((s) => s.id === 'login-success');
    assert.ok(login, 'the run has the scenario login-success');
    assert.equal(login.outcome, 'passed');
    const page = await browser.newPage();
    await page.goto(`${server.url}index.html#suites`);
    await page.locator('.node__name', { hasText: login.name }).first().click();
    // The steps of the test result; the login request is an attachment of the step that sent it.
    const step = page.locator('.step__title', { hasText: /I log in/ }).first();
    await step.click();
    const attachment = page.locator('.attachment-row', { hasText: /POST api\/login → 200/ }).first();
    await attachment.locator('.attachment-row__name').click();
    const content = page.locator('.attachment-row__content').first();
    await content.getByText('"response"').first().waitFor();
    const text = await content.innerText();
    assert.match(text, /"key=\[REDACTED\]/, 'the posted key is blanked');
    assert.match(text, /"api_token": "\[REDACTED\]"/, 'the token in the answer is blanked');
    assert.ok(!text.includes(KEY), 'the key does not show');
    mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'reports', 'allure-screenshot.png') });
    await page.close();
  });

  // Allure 2 puts a Google Analytics tag in index.html unless ALLURE_NO_ANALYTICS=true when it generates
  // (src/runner/allure.ts sets it).
  it('the report loads nothing from outside itself', { skip }, () => {
    assert.deepEqual(browser.offsite, []);
  });

  it('no file of the run, and no output, holds the key', { skip }, () => {
    const files = filesUnder(path.join(cwd, 'reports'));
    assert.ok(files.length > 20, `the run wrote its reports (${files.length} files)`);
    const leaking = files.filter((f) => readFileSync(f).includes(KEY));
    assert.deepEqual(leaking.map((f) => path.relative(cwd, f)), []);
    assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY), 'not in the output either');
  });
});
