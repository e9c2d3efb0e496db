// The behaviour diff (src/exchanges/diff.ts, `invotide-conformance diff`) on recorded runs: two runs of the reference
// store (test/fixtures/exchanges/, recorded with `--tags` below) diff to nothing, and the changes an extension makes
// (a field added, a message reworded, the totals in another order) are named exactly, by route, scenario and pointer.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { diffJson, diffRuns, type Difference } from '../src/exchanges/diff';
import { loadAcceptFile, main as diffMain } from '../src/exchanges/diff-cli';
import { loadExchanges, type ExchangesFile } from '../src/exchanges/record';

/** Recorded from the reference store with: --tags "$RECORDED_TAGS" --reports-dir test/fixtures/exchanges/{before,noise}. */
export const RECORDED_TAGS = '@id:cart-products-totals or @id:cart-edit-quantity or @id:order-add-happy-path or @id:cart-add-unknown-product-message or @id:cart-products-totals-with-gift-voucher';
const FIXTURES = path.join(__dirname, 'fixtures', 'exchanges');

function recorded(name: 'before' | 'noise'): ExchangesFile {
  const f = loadExchanges(path.join(FIXTURES, name));
  assert.ok(typeof f !== 'string', String(f));
  return f;
}

type Json = Record<string, unknown>;
const answerOf = (run: ExchangesFile, scenario: string, route: string, nth = 0): Json => {
  const exchanges = run.scenarios[scenario].exchanges.filter((e) => e.route === route);
  assert.ok(exchanges[nth], `${scenario} calls ${route}`);
  return exchanges[nth].response.json as Json;
};

/** The changes an extension or a theme makes, applied to a copy of a recorded run. */
function changed(): ExchangesFile {
  const run = structuredClone(recorded('before'));
  // 1. A field added to one route's answer (every cart/products answer of one scenario).
  for (const e of run.scenarios['cart-products-totals'].exchanges) {
    if (e.route !== 'api/cart/products') continue;
    const json = e.response.json as { products: Json[] };
    for (const p of json.products) p.loyalty_badge = 'gold';
    e.undocumented = json.products.map((_, i) => `/products/${i}/loyalty_badge`);
  }
  // 2. A message reworded.
  const added = answerOf(run, 'cart-add-unknown-product-message', 'api/cart/add') as { error: { store?: string } | string };
  if (typeof added.error === 'object') added.error.store = 'Warning: That product cannot be found!';
  else (added as { error: string }).error = 'Warning: That product cannot be found!';
  // 3. Two totals in another order.
  const totals = (answerOf(run, 'cart-products-totals', 'api/cart/products') as { totals: unknown[] }).totals;
  [totals[0], totals[1]] = [totals[1], totals[0]];
  return run;
}

const named = (ds: Difference[]): string[] => [...new Set(ds.filter((d) => !d.treatedAs).map((d) => `${d.scenario} ${d.route} ${d.where} ${d.pointer} ${d.kind}`))].sort();

describe('the behaviour diff', () => {
  it('finds nothing between two recorded runs of the same store: every per-run value is a placeholder', () => {
    const result = diffRuns(recorded('before'), recorded('noise'));
    assert.deepEqual(named(result.differences), []);
    assert.equal(result.compared, 5);
    assert.equal(result.exitCode, 0);
  });

  it('names exactly the changes an extension makes: a field added, a message reworded, totals reordered', () => {
    const result = diffRuns(recorded('before'), changed());
    const totals = (answerOf(recorded('before'), 'cart-products-totals', 'api/cart/products') as { totals: Array<{ title: string; text: string }> }).totals;
    const expected = [
      'cart-add-unknown-product-message api/cart/add body /error/store value',
      ...[0, 1].flatMap((i) => ['title', 'text'].filter((k) => totals[0][k as 'title'] !== totals[1][k as 'title']).map((k) => `cart-products-totals api/cart/products body /totals/${i}/${k} value`)),
    ];
    const products = (answerOf(recorded('before'), 'cart-products-totals', 'api/cart/products') as { products: unknown[] }).products;
    expected.push(...products.map((_, i) => `cart-products-totals api/cart/products body /products/${i}/loyalty_badge added`));
    assert.deepEqual(named(result.differences), expected.sort());
    assert.equal(result.exitCode, 1);
    const badge = result.differences.find((d) => d.pointer.endsWith('/loyalty_badge'))!;
    assert.equal(badge.documented, false, 'the added field is told apart as undocumented');
    assert.equal(badge.after, 'gold');
    const message = result.differences.find((d) => d.route === 'api/cart/add')!;
    assert.equal(message.documented, true);
    assert.equal(message.after, 'Warning: That product cannot be found!');
  });

  it('tells a presence, a type ({} where [] was, as PHP gives an empty array) and a key order apart, each at its top', () => {
    assert.deepEqual(diffJson({ a: { b: 1, c: [1, 2] } }, { a: { b: 1 }, d: { e: 1 } }), [
      { pointer: '/a/c', kind: 'removed', before: [1, 2], after: undefined },
      { pointer: '/d', kind: 'added', before: undefined, after: { e: 1 } },
    ]);
    assert.deepEqual(diffJson({ error: {} }, { error: [] }), [{ pointer: '/error', kind: 'type', before: {}, after: [] }]);
    assert.deepEqual(diffJson({ x: '1' }, { x: 1 }), [{ pointer: '/x', kind: 'type', before: '1', after: 1 }]);
    assert.deepEqual(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 }), [{ pointer: '', kind: 'order', before: ['a', 'b'], after: ['b', 'a'] }]);
    assert.deepEqual(diffJson({ 'a/b': 1 }, { 'a/b': 2 }), [{ pointer: '/a~1b', kind: 'value', before: 1, after: 2 }]);
  });

  it('compares status, content type and headers, and a scenario whose outcome changed', () => {
    const after = structuredClone(recorded('before'));
    const login = after.scenarios['order-add-happy-path'].exchanges[0];
    login.response.status = 500;
    login.response.type = 'text/html';
    delete login.response.headers?.['cache-control'];
    after.scenarios['order-add-happy-path'].outcome = 'failed';
    const result = diffRuns(recorded('before'), after);
    assert.deepEqual(named(result.differences), [
      'order-add-happy-path  outcome  value',
      'order-add-happy-path api/login content-type  value',
      'order-add-happy-path api/login header cache-control removed',
      'order-add-happy-path api/login status  value',
    ]);
  });

  it('does not count a cookie whose Max-Age PHP computed a second later (the clock ticked between expiry and now)', () => {
    const after = structuredClone(recorded('before'));
    const headers = after.scenarios['order-add-happy-path'].exchanges[0].response.headers!;
    assert.match(headers['set-cookie'], /Max-Age=(2592000|<30d>)/);
    headers['set-cookie'] = headers['set-cookie'].replace(/Max-Age=(2592000|<30d>)/, 'Max-Age=2591999');
    assert.deepEqual(named(diffRuns(recorded('before'), after).differences), []);
    headers['set-cookie'] = headers['set-cookie'].replace('Max-Age=2591999', 'Max-Age=86400');
    assert.deepEqual(named(diffRuns(recorded('before'), after).differences), ['order-add-happy-path api/login header set-cookie value']);
  });

  it('treats as noise what differs between two runs of the BEFORE store, and says which pointers it treated so', () => {
    const noise = structuredClone(recorded('noise'));
    const after = changed();
    // A field that changes on every run of the store (an extension's timestamp): it differs in the noise run too.
    for (const run of [noise, after]) (answerOf(run, 'cart-add-unknown-product-message', 'api/cart/add') as Json).error = `stamp ${run === noise ? 1 : 2}`;
    const result = diffRuns(recorded('before'), after, { noise });
    assert.deepEqual(result.noise.filter((n) => n.covered).map((n) => `${n.route} ${n.where} ${n.pointer} ${n.source}`), ['api/cart/add body /error learned']);
    assert.ok(!named(result.differences).some((d) => d.includes('api/cart/add')), 'the noisy pointer is not counted');
    assert.ok(named(result.differences).some((d) => d.includes('loyalty_badge')), 'the rest still is');
  });

  it('accepts the differences an accept file lists, with their reason, and refuses an entry that would accept anything', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-accept-'));
    const file = path.join(dir, 'accepted.yaml');
    writeFileSync(file, [
      'accept:',
      '  - route: api/cart/products',
      '    pointer: /products/*/loyalty_badge',
      '    reason: our loyalty extension adds the badge',
      '  - route: api/cart/products',
      '    pointer: /totals/**',
      '    reason: an expired acceptance counts no more',
      '    expires: 2020-01-01',
      'noise:',
      '  - route: api/cart/add',
      '    pointer: /error/store',
    ].join('\n'));
    const rules = loadAcceptFile(file);
    const result = diffRuns(recorded('before'), changed(), { accept: rules.accept, declaredNoise: rules.noise });
    assert.ok(result.differences.filter((d) => d.pointer.endsWith('/loyalty_badge')).every((d) => d.treatedAs === 'accepted' && d.reason === 'our loyalty extension adds the badge'));
    assert.ok(result.differences.filter((d) => d.route === 'api/cart/add').every((d) => d.treatedAs === 'noise'));
    assert.ok(named(result.differences).every((d) => d.includes('/totals/')), named(result.differences).join('\n'));
    assert.equal(result.exitCode, 1);
    writeFileSync(file, 'accept:\n  - reason: everything\n');
    assert.throws(() => loadAcceptFile(file), /names no route, scenario or pointer/);
    writeFileSync(file, 'accept:\n  - route: api/cart/add\n');
    assert.throws(() => loadAcceptFile(file), /gives no reason/);
  });

  it('as a command: exit 0 alike, 1 differ, 2 cannot compare; diff.md and diff.json in AFTER', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-diff-'));
    const before = path.join(FIXTURES, 'before');
    const alike = path.join(dir, 'alike');
    cpSync(path.join(FIXTURES, 'noise'), alike, { recursive: true });
    const after = path.join(dir, 'after');
    cpSync(before, after, { recursive: true });
    writeFileSync(path.join(after, 'exchanges.json'), JSON.stringify(changed()));
    const quiet = <T>(fn: () => Promise<T>): Promise<T> => {
      const log = console.log;
      const error = console.error;
      console.log = console.error = () => undefined;
      return fn().finally(() => Object.assign(console, { log, error }));
    };
    assert.equal(await quiet(() => diffMain([before, alike])), 0);
    assert.equal(await quiet(() => diffMain([before, after])), 1);
    const md = readFileSync(path.join(after, 'diff.md'), 'utf8');
    assert.match(md, /## api\/cart\/products/);
    assert.match(md, /body \/products\/0\/loyalty_badge \(undocumented\) added: "gold"/);
    const json = JSON.parse(readFileSync(path.join(after, 'diff.json'), 'utf8')) as { exitCode: number; counts: { undocumented: number } };
    assert.equal(json.exitCode, 1);
    assert.ok(json.counts.undocumented > 0);
    assert.equal(await quiet(() => diffMain([before, path.join(dir, 'nowhere')])), 2);
    assert.equal(await quiet(() => diffMain([before])), 2);
  });
});
