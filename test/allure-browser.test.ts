// The Allure report as a reader meets it: a run with --report against the reference store builds one HTML file, which a
// browser opens from the disk (file://, no server), finds every scenario of the run in it, once each (as many test
// cases as scenarios), grouped by area, each verdict under its own status and category with the counts of report.json
// (a known deviation never "failed"), and an exchange attachment shows the request and answer with the key and the
// token blanked. No file of the run, nor anything the single file carries, holds the key.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import type { RunReport } from '../src/reports/results';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchBrowser, type Browser } from './support/browser';
import { runCli, type CliRun } from './support/cli';
import { VOCABULARY, verdictCounts, type Verdict } from '../src/reports/vocabulary';

const KEY = 'k'.repeat(64);

const GROUP = ".node[data-node-kind='group']";

interface SuiteNode { name: string; uid: string; parentUid?: string; tags?: string[]; children?: SuiteNode[] }
const leavesOf = (node: SuiteNode): SuiteNode[] => (node.children ? node.children.flatMap(leavesOf) : [node]);

/** Opens every group of the Suites tree (Allure renders a group's children only once it is open). */
async function expandSuites(page: Page): Promise<void> {
  await page.locator('.node__name').first().waitFor();
  for (let i = 0; i < 1000; i++) {
    const closed = page.locator(`${GROUP}:not(.node__expanded) > .node__title`);
    if ((await closed.count()) === 0) return;
    await closed.first().click();
  }
  throw new Error('the Suites tree did not finish opening');
}

/** The names of the tree's top-level groups (the parent suites). */
function topLevelGroups(page: Page): Promise<string[]> {
  // A string, run in the page: the test is compiled without the DOM's types.
  return page.evaluate(`[...document.querySelectorAll(${JSON.stringify(GROUP)})]
    .filter((n) => !n.parentElement.closest(${JSON.stringify(GROUP)}))
    .map((n) => n.querySelector('.node__name').textContent.trim())`);
}

/** The files the single-file report carries inside it (`d('data/suites.json','<base64>')`), decoded. */
function embedded(html: string): Map<string, string> {
  return new Map([...html.matchAll(/d\('([^']+)','([A-Za-z0-9+/=]*)'\)/g)].map((m) => [m[1], Buffer.from(m[2], 'base64').toString('utf8')]));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('the Allure report in a browser', { timeout: 600_000 }, () => {
  // Each test carries the skip, so a machine without Chromium counts them as skipped, never as passed.
  const skip = chromiumMissing;
  let store: ReferenceStore;
  let cwd: string;
  let run: CliRun;
  let report: RunReport;
  let reportUrl: string;
  let data: Map<string, string>;
  let browser: Browser;

  before(async () => {
    if (skip) return;
    store = createStore({ apiKey: KEY });
    const url = await store.listen(0, '127.0.0.1');
    cwd = mkdtempSync(path.join(tmpdir(), 'invotide-allure-'));
    // Two areas, the two scenarios of cart.feature that share a name, and two security findings of the stock store, one
    // of them listed as a known deviation by the run's own file.
    const tags = '@area:login or @id:cart-edit-unknown-key or @id:cart-remove-unknown-key or @id:security-cookie-token-allowed-address or @id:security-cookie-token-disallowed-address';
    const deviations = path.join(cwd, 'deviations.yaml');
    writeFileSync(deviations, 'deviations:\n  - id: security-cookie-token-allowed-address\n    reason: the stock store opens a session from the OCSESSID cookie\n');
    run = await runCli(['--target', url, '--tags', tags, '--deviations', deviations, '--report'], { INVOTIDE_API_KEY: KEY, INVOTIDE_ALTERNATE_SOURCE_ADDRESS: '127.0.0.2' }, cwd);
    assert.ok(run.code === 0 || run.code === 1, `the run ended with exit code ${run.code}\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
    const file = path.join(cwd, 'reports', 'allure-report', 'index.html');
    assert.ok(existsSync(file), `--report built the Allure HTML\n${run.stdout.slice(-1000)}`);
    assert.deepEqual(readdirSync(path.dirname(file)), ['index.html'], 'one self-contained file');
    report = JSON.parse(readFileSync(path.join(cwd, 'reports', 'report.json'), 'utf8')) as RunReport;
    data = embedded(readFileSync(file, 'utf8'));
    reportUrl = `file://${file}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await store?.close();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it('lists every scenario of the run, as many test cases as scenarios, grouped by area', { skip }, async () => {
    assert.ok(report.scenarios.length >= 10, `the login and cart areas have scenarios (${report.scenarios.length})`);
    assert.ok(new Set(report.scenarios.map((s) => s.name)).size < report.scenarios.length, 'two scenarios of the run share a name');
    const page = await browser.newPage();
    // As a person opens it: the file itself, from the disk or a downloaded artifact.
    await page.goto(`${reportUrl}#suites`);
    await expandSuites(page);
    assert.deepEqual((await topLevelGroups(page)).sort(), [...new Set(report.scenarios.map((s) => (s.class === 'security' ? 'Security' : s.area)))].sort(), 'a parent suite per area, Security apart');
    const leaves = (await page.locator('.node__leaf .node__name').allInnerTexts()).map((n) => n.trim());
    assert.equal(leaves.length, report.scenarios.length, 'one test case per scenario, none taken for a retry of another');
    const shown = new Set(leaves);
    for (const s of report.scenarios) assert.ok(shown.has(s.name), `Allure lists "${s.name}"`);
    await page.close();
  });

  it('shows an exchange attachment of a test with the key and the token blanked', { skip }, async () => {
    const login = report.scenarios.find((s) => s.id === 'login-success');
    assert.ok(login, 'the run has the scenario login-success');
    assert.equal(login.outcome, 'passed');
    // Straight to the test's page, as its link in the tree goes: #suites/<group uid>/<test uid>.
    const leaf = leavesOf(JSON.parse(data.get('data/suites.json') ?? '{}') as SuiteNode).find((n) => n.tags?.includes('@id:login-success'));
    assert.ok(leaf, 'the Suites data has the test');
    const page = await browser.newPage();
    await page.goto(`${reportUrl}#suites/${leaf.parentUid}/${leaf.uid}`);
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
    // Into the run's own folder: a test never writes into the user's reports/.
    await page.screenshot({ path: path.join(cwd, 'allure-screenshot.png') });
    await page.close();
  });

  it('counts each verdict as every other report does: a known deviation "unknown" under Known deviations, never failed', { skip }, async () => {
    const counts = verdictCounts(report.scenarios);
    // The listed finding, and whatever the shipped known defects of the store's release excuse.
    assert.ok(counts['known-deviation'] >= 1, JSON.stringify(counts));
    const summary = JSON.parse(data.get('widgets/summary.json') ?? '{}') as { statistic: Record<string, number> };
    assert.deepEqual(summary.statistic, {
      failed: counts.failed + counts['security-finding'],
      broken: counts.infrastructure + counts['harness-error'],
      skipped: counts.skipped + counts['not-applicable'],
      passed: counts.passed,
      unknown: counts['known-deviation'],
      total: report.scenarios.length,
    });
    const page = await browser.newPage();
    await page.goto(`${reportUrl}#categories`);
    await page.locator('.node__name').first().waitFor();
    const categories = (await page.locator(".node[data-node-kind='group'] > .node__title").allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    // One category per verdict that is not a pass, named and counted as in every report.
    const expected = Object.entries(VOCABULARY).flatMap(([verdict, style]) => (style.allure.category && counts[verdict as Verdict] ? [`${style.allure.category} ${counts[verdict as Verdict]}`] : [])).sort();
    assert.ok(expected.includes(`Known deviations ${counts['known-deviation']}`), expected.join(' | '));
    assert.deepEqual(categories.map((c) => c.replace(/^(.*?) (\d+)$/, '$1 $2')).sort(), expected, categories.join(' | '));
    assert.ok(!categories.some((c) => /Product defects|Failures/.test(c)), 'nothing reads as a failure');
    await page.close();
  });

  // Allure 2 puts a Google Analytics tag in index.html unless ALLURE_NO_ANALYTICS=true when it generates
  // (src/reports/allure.ts sets it).
  it('the report loads nothing from outside itself', { skip }, () => {
    assert.deepEqual(browser.offsite, []);
  });

  it('no file of the run, and no output, holds the key', { skip }, () => {
    const files = filesUnder(path.join(cwd, 'reports'));
    assert.ok(files.length > 20, `the run wrote its reports (${files.length} files)`);
    const leaking = files.filter((f) => readFileSync(f).includes(KEY));
    assert.deepEqual(leaking.map((f) => path.relative(cwd, f)), []);
    // The single file carries its data base64-encoded, where a plain search would not see a key.
    assert.ok(data.size > 20, `the report carries its data (${data.size} files)`);
    assert.deepEqual([...data].filter(([, text]) => text.includes(KEY)).map(([name]) => name), []);
    assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY), 'not in the output either');
  });
});
