// The living documentation: `npm run docs` builds a self-contained site from openapi.yaml, the features and the last
// run, and a browser finds on it every operation of the contract, every route page's sections, and the API reference.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import YAML from 'yaml';
import { buildDocs } from '../src/docs/build';
import { escapeHtml, markdown } from '../src/docs/html';
import { tally, tallyText, type RunScenario } from '../src/docs/results';
import { closingLine } from '../src/reports/summary';
import { countOutcomes } from '../src/reports/results';
import { readScenarios } from '../src/features';
import { chromiumMissing, launchBrowser, type Browser } from './support/browser';
import { serveStatic, type StaticServer } from './support/static-server';

const ROOT = path.resolve(__dirname, '..');
const routeFileOf = (operationId: string): string => `routes/${operationId}.html`;
const HOSTILE = '<script>alert("owned")</script>';

/** The operations of openapi.yaml, read independently of the docs code. */
function contractOperations(): Array<{ operationId: string; route: string; summary: string }> {
  const doc = YAML.parse(readFileSync(path.join(ROOT, 'openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, Record<string, unknown>>> };
  return Object.values(doc.paths).flatMap((item) =>
    Object.values(item)
      .filter((op) => typeof op?.operationId === 'string')
      .map((op) => ({ operationId: String(op.operationId), route: String(op['x-route']), summary: String(op.summary ?? '') })),
  );
}

function result(id: string, name: string, routes: string[], outcome: RunScenario['outcome'], reason?: string): RunScenario {
  return { id, name, uri: 'features/x.feature', tags: [], routes, outcome, reason, level: 'must', durationMs: 1, feature: 'F', area: 'x', class: 'conformance', contractViolations: 0, exchanges: 0 };
}

/**
 * A small last run made from the scenarios as written: three login scenarios (passed, failed with a hostile reason,
 * skipped), a journey that calls login without a @route tag, and both example rows of one Scenario Outline.
 */
function writeFixtureRun(dir: string) {
  const written = readScenarios(path.join(ROOT, 'features')).filter((s) => s.id);
  const login = written.filter((s) => s.routes.length === 1 && s.routes[0] === 'api/login');
  assert.ok(login.length >= 3, 'the fixture needs three scenarios tagged @route:login only');
  const outline = written.find((s) => s.examples.some((e) => e.rows.length >= 2) && !s.routes.includes('api/login'));
  assert.ok(outline, 'the fixture needs a Scenario Outline with two example rows');
  const fixture = {
    passed: login[0],
    failed: login[1],
    skipped: login[2],
    outline,
    journey: result('journey-fixture', 'a fixture journey', ['api/login'], 'passed'),
    // A security finding on api/login: shown in the security section, never in the route's counts.
    security: { ...result('security-fixture', 'the token as a cookie from anywhere', ['api/login'], 'failed', 'the cookie opened the session'), class: 'security' as const, tags: ['@security'] },
  };
  const scenarios: RunScenario[] = [
    { ...result(fixture.passed.id!, fixture.passed.name, fixture.passed.routes, 'passed'), uri: fixture.passed.uri },
    { ...result(fixture.failed.id!, fixture.failed.name, fixture.failed.routes, 'failed', `expected [] but got ${HOSTILE}`), uri: fixture.failed.uri },
    { ...result(fixture.skipped.id!, fixture.skipped.name, fixture.skipped.routes, 'skipped', 'no restricted user configured'), uri: fixture.skipped.uri },
    fixture.journey,
    fixture.security,
    { ...result(`${outline.id}#1`, outline.name, outline.routes, 'passed'), uri: outline.uri },
    { ...result(`${outline.id}#2`, outline.name, outline.routes, 'passed'), uri: outline.uri },
  ];
  const report = { suite: { name: 'invotide-conformance', version: '0' }, target: { url: 'embedded', embedded: true, fixtures: 'targets/provisioned.json' }, startedAt: '2025-01-02T03:04:05.000Z', durationMs: 1, scenarios };
  const examples = {
    'api/login': { LoginSuccess: { success: 'Success: API session successfully started!', api_token: '[REDACTED]' }, EmptyAnswer: [] },
    'api/currency': { CurrencyInvalid: { error: HOSTILE } },
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
  writeFileSync(path.join(dir, 'examples.json'), JSON.stringify(examples));
  return fixture;
}

describe('living documentation: the rules', () => {
  it('a route conforms only when its scenarios ran and none failed', () => {
    const r = (outcome: RunScenario['outcome']) => result('x', 'x', ['api/login'], outcome);
    assert.equal(tally([]).status, 'not-run');
    assert.equal(tally([r('skipped'), r('skipped')]).status, 'not-run', 'skipped scenarios prove nothing');
    assert.equal(tally([r('passed'), r('passed'), r('skipped')]).status, 'conforms');
    const mostlySkipped = tally([...Array(4).fill(r('passed')), ...Array(38).fill(r('skipped'))]);
    assert.equal(mostlySkipped.status, 'not-proven', '4 passed and 38 skipped prove little');
    assert.equal(tallyText(mostlySkipped), '4 passed, 0 failed, 38 skipped');
    assert.equal(tally([r('passed'), r('failed')]).status, 'fails');
    const deviates = tally([r('passed'), r('known-deviation')]);
    assert.equal(deviates.status, 'deviates', 'a known deviation is its own status, never "fails"');
    assert.equal(tallyText(deviates), '1 passed, 0 failed, 1 known deviation, 0 skipped', 'counted apart from failures');
    assert.equal(tally([r('failed'), r('known-deviation')]).status, 'fails');
    assert.equal(tally([r('passed'), r('infrastructure')]).status, 'errors');
    const mixed = tally([r('passed'), r('failed'), r('skipped'), r('harness-error')]);
    assert.deepEqual({ ...mixed, status: undefined }, { passed: 1, failed: 1, knownDeviations: 0, skipped: 1, notApplicable: 0, errors: 1, harnessErrors: 1, infrastructureErrors: 0, status: undefined });
    assert.equal(tallyText(mixed), '1 passed, 1 failed, 1 harness error, 1 skipped', 'the words and order of every report');
  });

  it('descriptions are escaped before Markdown is applied', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const out = markdown(`Say **${HOSTILE}** and \`<b>\`\n\n- one\n  continued\n- two\n\n| a | b |\n|---|---|\n| 1 | <i> |`).value;
    assert.doesNotMatch(out, /<script|<b>|<i>/);
    assert.match(out, /<strong>&lt;script&gt;/);
    assert.match(out, /<code>&lt;b&gt;<\/code>/);
    assert.match(out, /<ul><li>one continued<\/li><li>two<\/li><\/ul>/);
    assert.match(out, /<th scope="col">a<\/th>.*<td>&lt;i&gt;<\/td>/s);
  });
});

describe('living documentation: the build', () => {
  const operations = contractOperations();

  it('builds every page, saying "not run yet", when there is no run', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-docs-norun-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const { pages } = await buildDocs({ root: ROOT, reportsDir: path.join(dir, 'reports'), outDir: path.join(dir, 'docs'), apiReference: false });
    assert.equal(pages.length, operations.length + 1);
    const index = readFileSync(path.join(dir, 'docs', 'index.html'), 'utf8');
    assert.match(index, /not run yet/);
    for (const op of operations) {
      assert.ok(index.includes(`routes/${op.operationId}.html`), `index links ${op.operationId}`);
      assert.match(readFileSync(path.join(dir, 'docs', 'routes', `${op.operationId}.html`), 'utf8'), /not run yet/);
    }
  });

  it('escapes what the run recorded and never loads an external asset', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-docs-escape-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFixtureRun(path.join(dir, 'reports'));
    await buildDocs({ root: ROOT, reportsDir: path.join(dir, 'reports'), outDir: path.join(dir, 'docs'), apiReference: false });
    const files = ['index.html', ...readdirSync(path.join(dir, 'docs', 'routes')).map((f) => `routes/${f}`)];
    for (const f of files) {
      const text = readFileSync(path.join(dir, 'docs', f), 'utf8');
      assert.doesNotMatch(text, /<script/i, `${f} has no script`);
      assert.doesNotMatch(text, /<(link|img|iframe)\b|\bsrc=|url\(/i, `${f} loads nothing`);
    }
    assert.match(readFileSync(path.join(dir, 'docs', 'routes', 'currency.html'), 'utf8'), /&lt;script&gt;alert\(\\&quot;owned\\&quot;\)/);
  });

  it('shows security scenarios in a section of their own, counted apart from the routes', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-docs-security-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFixtureRun(path.join(dir, 'reports'));
    await buildDocs({ root: ROOT, reportsDir: path.join(dir, 'reports'), outDir: path.join(dir, 'docs'), apiReference: false });
    const index = readFileSync(path.join(dir, 'docs', 'index.html'), 'utf8');
    assert.match(index, /<h2 id="security">Security<\/h2>/);
    assert.match(index, /<tr data-scenario-id="security-fixture"><th scope="row">the token as a cookie from anywhere[\s\S]*?<span class="badge badge-red badge-security-finding">security finding<\/span>/);
    assert.match(index, /<dt>Conformance scenarios<\/dt><dd id="conformance-counts">4 passed, 1 failed, 1 skipped<\/dd>/);
    assert.match(index, /<dt>Security scenarios<\/dt><dd id="security-counts">0 passed, 1 finding, 0 skipped<\/dd>/);
    assert.doesNotMatch(index, /could not run/);
  });

  it('shows a route whose only failures are known deviations with a badge of its own, counted as every report counts', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-docs-deviation-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const login = readScenarios(path.join(ROOT, 'features')).filter((s) => s.id && s.routes.length === 1 && s.routes[0] === 'api/login');
    const scenarios: RunScenario[] = [
      { ...result(login[0].id!, login[0].name, ['api/login'], 'passed'), uri: login[0].uri },
      { ...result(login[1].id!, login[1].name, ['api/login'], 'known-deviation', 'api/login answered HTTP 500\nexpected undefined, got \'HTTP 500\''), uri: login[1].uri, deviation: { reason: 'PHP 8 TypeError in api/login', ticket: 'SHOP-9' } },
      { ...result('x-na', 'ages rows', ['api/login'], 'not-applicable', 'only the embedded store'), uri: login[0].uri },
    ];
    const judgedUnder = { release: '3.0.5.0', releaseSource: 'learned' as const, language: 'en-gb', languageSource: 'default' as const, settings: [{ key: 'config_stock_checkout' as const, value: true, source: 'declared' as const, label: 'System > Settings > Option > Stock Checkout' }] };
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'reports', 'report.json'), JSON.stringify({ formatVersion: 3, target: { url: 'http://shop.example/', embedded: false, fixtures: 'targets/provisioned.json', judgedUnder }, scenarios }));
    await buildDocs({ root: ROOT, reportsDir: path.join(dir, 'reports'), outDir: path.join(dir, 'docs'), apiReference: false });
    const index = readFileSync(path.join(dir, 'docs', 'index.html'), 'utf8');
    const loginOp = contractOperations().find((o) => o.route === 'api/login')!;
    const row = new RegExp(`<tr data-operation-id="${loginOp.operationId}">[\\s\\S]*?</tr>`).exec(index)![0];
    assert.match(row, /<td class="num">1<\/td>\s*<td class="num">0<\/td>\s*<td class="num">1<\/td>\s*<td class="num">0<\/td>\s*<td><span class="badge badge-purple badge-deviates">known deviations<\/span>/);
    assert.doesNotMatch(index, /class="badge badge-red|badge-fails/, 'nothing reads as a failure');
    const counts = closingLine(countOutcomes(scenarios)).replace(/^conformance: /, '');
    assert.equal(counts, '1 passed, 0 failed, 1 known deviation, 0 skipped, 1 not applicable');
    assert.match(index, new RegExp(`<dd id="conformance-counts">${counts}</dd>`), 'the counts of the terminal and summary.md');
    assert.match(index, /<h3 id="judged-under">Judged under<\/h3>[\s\S]*OpenCart <strong>3\.0\.5\.0<\/strong> \(learned from the store&#39;s answers\)[\s\S]*<tr data-setting="config_stock_checkout"><th scope="row"><code>config_stock_checkout<\/code><\/th><td><code>true<\/code> \(not the default\)<\/td><td>named in the fixtures<\/td>/);
    const page = readFileSync(path.join(dir, 'docs', routeFileOf(loginOp.operationId)), 'utf8');
    assert.match(page, /<span class="badge badge-purple badge-known-deviation">known deviation<\/span>[\s\S]*?<p class="deviation">Known deviation: PHP 8 TypeError in api\/login \(SHOP-9\)<\/p><pre class="reason"><code>[^<]*expected undefined, got &#39;HTTP 500&#39;/);
  });

  it('after a run that did not take place, says so instead of showing an earlier one', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-docs-error-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'reports', 'report.json'), JSON.stringify({ formatVersion: 2, scenarios: [], exitCode: 2, error: { kind: 'configuration', message: 'INVOTIDE_TIMEOUT_MS must be a whole number' } }));
    await buildDocs({ root: ROOT, reportsDir: path.join(dir, 'reports'), outDir: path.join(dir, 'docs'), apiReference: false });
    assert.match(readFileSync(path.join(dir, 'docs', 'index.html'), 'utf8'), /The last run did not take place: configuration error \(exit code 2\): INVOTIDE_TIMEOUT_MS must be a whole number/);
  });

  it('npm run docs takes --reports-dir, the word of the run and of npm run report', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-docs-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFixtureRun(path.join(dir, 'reports'));
    const run = spawnSync('npm', ['run', '--silent', 'docs', '--', '--reports-dir', path.join(dir, 'reports'), '--out', path.join(dir, 'site')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(readFileSync(path.join(dir, 'site', 'index.html'), 'utf8'), /<dt>Conformance scenarios<\/dt><dd id="conformance-counts">4 passed/);
    const wrong = spawnSync('npm', ['run', '--silent', 'docs', '--', '--reports', path.join(dir, 'reports')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr.trim(), /^docs: Unknown option '--reports'/);
    assert.doesNotMatch(wrong.stderr, /    at /, 'no stack trace');
  });
});

describe('living documentation in a browser', () => {
  // Each test carries the skip, so a machine without Chromium counts them as skipped, never as passed.
  const skip = chromiumMissing;
  const operations = contractOperations();
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let fixture: ReturnType<typeof writeFixtureRun>;

  before(async () => {
    if (skip) return;
    dir = mkdtempSync(path.join(tmpdir(), 'invotide-docs-'));
    fixture = writeFixtureRun(path.join(dir, 'reports'));
    await buildDocs({ root: ROOT, reportsDir: path.join(dir, 'reports'), outDir: path.join(dir, 'docs') });
    server = await serveStatic(path.join(dir, 'docs'));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the matrix lists every operation of openapi.yaml with its last result', { skip }, async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}index.html`);
    assert.equal(response?.status(), 200);
    const rows = page.locator('#matrix tbody tr');
    assert.equal(await rows.count(), operations.length);
    for (const op of operations) {
      const row = page.locator(`#matrix tr[data-operation-id="${op.operationId}"]`);
      assert.equal(await row.count(), 1, `a row for ${op.operationId}`);
      assert.equal(await row.locator('th a').innerText(), op.route);
      assert.match(await row.innerText(), new RegExp(escapeRegExp(op.summary)));
    }
    // login: two passed (a scenario and the journey), one failed, one skipped.
    const login = operations.find((o) => o.route === 'api/login')!;
    const cells = await page.locator(`#matrix tr[data-operation-id="${login.operationId}"] td`).allInnerTexts();
    assert.deepEqual(cells.slice(2), ['2', '1', '0', '1', 'fails']);
    const outlineOp = operations.find((o) => o.route === fixture.outline.routes[0])!;
    assert.equal(await page.locator(`#matrix tr[data-operation-id="${outlineOp.operationId}"] .badge`).innerText(), 'conforms');
    const untouched = operations.find((o) => !['api/login', ...fixture.outline.routes].includes(o.route))!;
    assert.equal(await page.locator(`#matrix tr[data-operation-id="${untouched.operationId}"] .badge`).innerText(), 'not run');
    // Into the test's own folder: a test never writes into the user's reports/.
    await page.screenshot({ path: path.join(dir, 'docs-screenshot.png'), fullPage: true });
    // The link to the route page works.
    await page.locator(`#matrix tr[data-operation-id="${login.operationId}"] th a`).click();
    await page.waitForURL(/routes\/login\.html$/);
    await page.close();
  });

  it('every route page has its description, fields, answers and scenarios', { skip }, async () => {
    const written = readScenarios(path.join(ROOT, 'features'));
    const page = await browser.newPage();
    for (const op of operations) {
      const response = await page.goto(`${server.url}routes/${op.operationId}.html`);
      assert.equal(response?.status(), 200, op.operationId);
      assert.equal(await page.locator('h1').innerText(), op.route);
      for (const id of ['description', 'fields', 'variants', 'scenarios']) {
        assert.ok(await page.locator(`section#${id}`).isVisible(), `${op.operationId}: section ${id}`);
      }
      assert.ok((await page.locator('section#description').innerText()).length > 40, `${op.operationId} has a description`);
      assert.ok((await page.locator('section#variants .variant').count()) >= 1, `${op.operationId} lists its answers`);
      const tagged = written.filter((s) => s.routes.includes(op.route)).length;
      assert.equal(await page.locator('section#scenarios .scenario').count(), tagged, `${op.operationId}: its ${tagged} scenarios`);
    }
    // The login page shows the recorded example, the failed scenario's reason (escaped) and the skipped one.
    await page.goto(`${server.url}routes/login.html`);
    const success = page.locator('.variant[data-variant="LoginSuccess"]');
    assert.match(await success.innerText(), /Recorded in the last run[\s\S]*"api_token": "\[REDACTED\]"/);
    const failed = page.locator(`.scenario[data-scenario-id="${fixture.failed.id}"]`);
    assert.equal(await failed.locator('h4 .badge').innerText(), 'failed');
    assert.ok((await failed.locator('pre.reason').innerText()).includes(HOSTILE), 'the reason shows as text');
    assert.ok((await failed.locator('ol.steps li').count()) >= 1, 'with its steps');
    assert.equal(await page.locator(`.scenario[data-scenario-id="${fixture.skipped.id}"] h4 .badge`).innerText(), 'skipped');
    assert.match(await page.locator('section#scenarios').innerText(), /a fixture journey/);
    // The outline shows its Examples table and both rows' results.
    const outlineOp = operations.find((o) => o.route === fixture.outline.routes[0])!;
    await page.goto(`${server.url}routes/${outlineOp.operationId}.html`);
    const outline = page.locator(`.scenario[data-scenario-id="${fixture.outline.id}"]`);
    assert.ok((await outline.locator('table').count()) >= 1, 'the Examples table');
    assert.equal(await outline.locator('ul.results li').count(), 2);
    await page.close();
  });

  it('the API reference renders offline and shows a known operation', { skip }, async () => {
    const op = operations.find((o) => o.route === 'api/cart/add') ?? operations[0];
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}api.html`);
    assert.equal(response?.status(), 200);
    await page.getByText('Invotide API', { exact: true }).first().waitFor();
    // From the route page, the reference link lands on the operation.
    await page.goto(`${server.url}routes/${op.operationId}.html`);
    await page.locator('#reference-link').click();
    await page.waitForURL(/api\.html#\//);
    await page.getByRole('heading', { name: op.summary }).first().waitFor();
    assert.ok(await page.getByText(`/index.php#route=${op.route}`).first().isVisible(), 'the request sample names the route');
    await page.close();
  });

  it('no page asked for anything outside the docs', { skip }, () => {
    assert.deepEqual(browser.offsite, []);
    assert.deepEqual(browser.errors, []);
    // Chromium asks every site for /favicon.ico by itself; anything else would be an asset a page loads.
    const outside = server.requested.filter((p) => !/^\/(index\.html|api\.html|routes\/\w+\.html|favicon\.ico)$/.test(p));
    assert.deepEqual(outside, [], 'every request was for a page of the site');
    assert.ok(existsSync(path.join(dir, 'docs-screenshot.png')));
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
