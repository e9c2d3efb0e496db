// The Allure results writer: the same names from run to run, written over in place, leftovers deleted, every file
// redacted, and each result pointing at its attachments under their new names.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { allureCategories } from '../src/reports/allure-labels';
import { PlainResultsWriter } from '../src/reports/allure-writer';
import { Redactor } from '../src/redact';
import type { ScenarioResult } from '../src/reports/results';

const KEY = 'k3y'.repeat(10);

type Result = Parameters<PlainResultsWriter['writeResult']>[0];

function result(uuid: string, attachmentSources: string[]): Result {
  return {
    uuid,
    name: `scenario ${uuid}`,
    status: 'passed',
    steps: [{ name: 'When I post', attachments: attachmentSources.map((source) => ({ name: 'exchange', type: 'application/json', source })), steps: [] }],
    attachments: [],
  } as unknown as Result;
}

/** One run's worth of files: attachments first, then the result naming them, as allure-js-commons writes them. */
function run(dir: string, scenarios: number, body: (n: number) => string): PlainResultsWriter {
  const writer = new PlainResultsWriter(dir, new Redactor([KEY]));
  for (let n = 0; n < scenarios; n++) {
    const uuid = `uuid-${Math.random().toString(16).slice(2)}`;
    writer.writeAttachment(`${uuid}-a-attachment.json`, Buffer.from(body(n)));
    writer.writeAttachment(`${uuid}-b-attachment.csv`, Buffer.from('field,value\nkey,' + KEY));
    writer.writeResult(result(uuid, [`${uuid}-a-attachment.json`, `${uuid}-b-attachment.csv`]));
  }
  writer.pruneLeftovers();
  return writer;
}

test('names repeat from run to run, and a rerun writes over the same files', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-writer-')), 'allure-results');
  run(dir, 3, (n) => `{"long answer number ${n}": "${'x'.repeat(200)}"}`);
  const first = readdirSync(dir).sort();
  assert.deepEqual(first, ['1-attachment.csv', '1-attachment.json', '1-result.json', '2-attachment.csv', '2-attachment.json', '2-result.json', '3-attachment.csv', '3-attachment.json', '3-result.json']);
  const inodes = first.map((f) => statSync(path.join(dir, f)).ino);

  run(dir, 3, (n) => `{"short ${n}": 1}`);
  assert.deepEqual(readdirSync(dir).sort(), first);
  assert.deepEqual(first.map((f) => statSync(path.join(dir, f)).ino), inodes, 'the same files, not new ones');
  // Shorter content leaves no tail of the longer one.
  assert.equal(readFileSync(path.join(dir, '2-attachment.json'), 'utf8'), '{"short 1": 1}');
});

test('results point at the attachments under their written names', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-writer-')), 'allure-results');
  run(dir, 2, () => '{}');
  const written = JSON.parse(readFileSync(path.join(dir, '2-result.json'), 'utf8')) as { steps: Array<{ attachments: Array<{ source: string }> }> };
  assert.deepEqual(written.steps[0].attachments.map((a) => a.source), ['2-attachment.json', '2-attachment.csv']);
});

test('what an earlier, longer run left is deleted, and so is a file no run of this writer makes', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-writer-')), 'allure-results');
  run(dir, 4, () => '{}');
  writeFileSync(path.join(dir, '0f1e-result.json'), '{}');
  run(dir, 2, () => '{}');
  assert.deepEqual(readdirSync(dir).sort(), ['1-attachment.csv', '1-attachment.json', '1-result.json', '2-attachment.csv', '2-attachment.json', '2-result.json']);
});

test('secrets are blanked in attachments and results alike', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-writer-')), 'allure-results');
  const writer = new PlainResultsWriter(dir, new Redactor([KEY]));
  writer.writeAttachment('u-attachment.json', Buffer.from(`{"api_token":"abcdef0123456789abcdef0123","key":"${KEY}"}`));
  writer.writeResult({ ...result('u', []), name: `logs in with ${KEY}` } as Result);
  const texts = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8'));
  assert.equal(texts.length, 2);
  for (const text of texts) {
    assert.ok(!text.includes(KEY) && !text.includes('abcdef0123456789abcdef0123'), text);
    assert.match(text, /\[REDACTED\]/);
  }
});

test('a binary attachment is written byte for byte', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-writer-')), 'allure-results');
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0xfe]);
  new PlainResultsWriter(dir, new Redactor([KEY])).writeAttachment('u-attachment.png', bytes);
  assert.deepEqual(readFileSync(path.join(dir, '1-attachment.png')), bytes);
});

test('a result is labelled from the scenario it belongs to, and a failure names its exchange at a real path', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-writer-')), 'allure-results');
  const scenario: ScenarioResult = {
    id: 'cart-add-simple', name: 'scenario u', feature: 'The cart', uri: 'features/cart.feature', area: 'cart', rule: 'a product is added', class: 'conformance',
    tags: [], routes: ['api/cart/add', 'api/cart/products'], level: 'should', outcome: 'failed', durationMs: 1, contractViolations: 0, exchanges: 1,
  };
  const writer = new PlainResultsWriter(dir, new Redactor([KEY]), () => scenario);
  writer.writeAttachment('u-a-attachment.json', Buffer.from('{}'));
  writer.writeResult({ ...result('u', ['u-a-attachment.json']), labels: [{ name: 'severity', value: 'normal' }, { name: 'tag', value: '@should' }] } as unknown as Result);
  const written = JSON.parse(readFileSync(path.join(dir, '1-result.json'), 'utf8')) as { testCaseId: string; historyId: string; labels: Array<{ name: string; value: string }> };
  const labels = written.labels.map((l) => `${l.name}=${l.value}`).sort();
  assert.deepEqual(labels.filter((l) => !l.startsWith('_')), ['epic=cart', 'parentSuite=cart', 'severity=normal', 'story=api/cart/add', 'story=api/cart/products', 'subSuite=a product is added', 'suite=api/cart/add', 'tag=@should']);
  assert.equal(written.historyId, written.testCaseId);
  assert.equal(scenario.attachment, 'allure-results/1-attachment.json', 'relative to the reports folder');
  assert.equal(path.resolve(path.dirname(dir), scenario.attachment), path.join(dir, '1-attachment.json'));
});

test("each verdict is written with its Allure status and a message that starts with its word; a known deviation is never \"failed\"", () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-writer-')), 'allure-results');
  const base: ScenarioResult = {
    id: 'x', name: 'scenario u', feature: 'F', uri: 'features/x.feature', area: 'x', class: 'conformance', tags: [], routes: [], level: 'must', outcome: 'passed', durationMs: 1, contractViolations: 0, exchanges: 0,
  };
  const cases: Array<[Partial<ScenarioResult>, string, string | undefined]> = [
    [{ outcome: 'passed' }, 'passed', undefined],
    [{ outcome: 'failed', reason: 'r' }, 'failed', 'failed: the node message\nexpected 1, got 2'],
    [{ outcome: 'failed', class: 'security', reason: 'r' }, 'failed', 'security finding: the node message\nexpected 1, got 2'],
    [{ outcome: 'known-deviation', reason: 'r', deviation: { reason: 'PHP 8 TypeError', ticket: 'SHOP-7' } }, 'unknown', 'known deviation: PHP 8 TypeError (SHOP-7)\n\nThe failure it excuses:\nthe node message\nexpected 1, got 2'],
    [{ outcome: 'skipped', reason: 'needs a restricted API user' }, 'skipped', 'skipped: needs a restricted API user'],
    [{ outcome: 'not-applicable', reason: 'ages session rows' }, 'skipped', 'not applicable: ages session rows'],
    [{ outcome: 'infrastructure', reason: 'no answer within 300 ms' }, 'broken', 'infrastructure error: the node message\nexpected 1, got 2'],
    [{ outcome: 'harness-error', reason: 'x is undefined' }, 'broken', 'harness error: the node message\nexpected 1, got 2'],
  ];
  const categories = allureCategories();
  for (const [over, status, message] of cases) {
    const scenario = { ...base, ...over };
    const writer = new PlainResultsWriter(dir, new Redactor([KEY]), () => scenario);
    const failing = over.outcome !== 'passed' && over.outcome !== 'skipped' && over.outcome !== 'not-applicable';
    writer.writeResult({ ...result('u', []), labels: [], status: 'failed', statusDetails: failing ? { message: "the node message\n+ actual - expected\n\n+ 2\n- 1", trace: 'AssertionError' } : {} } as unknown as Result);
    const written = JSON.parse(readFileSync(path.join(dir, '1-result.json'), 'utf8')) as { status: string; statusDetails?: { message?: string } };
    assert.equal(written.status, status, JSON.stringify(over));
    assert.equal(written.statusDetails?.message, message, JSON.stringify(over));
    // Allure matches a category's regex against the whole message (Java's matches()): exactly one category takes it.
    const matching = categories.filter((c) => c.matchedStatuses.includes(written.status) && new RegExp(`^(?:${c.messageRegex})$`).test(written.statusDetails?.message ?? ''));
    assert.deepEqual(matching.map((c) => c.name), message ? [{ failed: 'Failures', unknown: 'Known deviations', broken: over.outcome === 'infrastructure' ? 'Infrastructure errors' : 'Harness errors', skipped: over.outcome === 'skipped' ? 'Skipped' : 'Not applicable' }[status] ?? ''].map((n) => (over.class === 'security' ? 'Security findings' : n)) : []);
  }
});
