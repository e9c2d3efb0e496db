// A configured target without --allow-writes never receives a request that may write an order: every scenario that
// would call api/order/add, edit, delete or history is skipped with its reason, and the read-only ones still run.
// The runner goes against a reference store of its own, configured as a remote target, which records every route.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunReport } from '../src/reports/results';
import { createStore, type ReferenceStore } from '../store';
import { runCli, type CliRun } from './support/cli';

const WRITING_ROUTES = ['api/order/add', 'api/order/edit', 'api/order/delete', 'api/order/history'];

describe('a target without --allow-writes', () => {
  let store: ReferenceStore;
  const received: string[] = [];
  let run: CliRun;
  let report: RunReport;

  before(async () => {
    store = createStore({ apiKey: 'w'.repeat(64) });
    const url = await store.listen(0, '127.0.0.1');
    // Every request the store's HTTP server receives, by route, before the store handles it.
    store.server.prependListener('request', (req: IncomingMessage) => {
      received.push(new URL(req.url ?? '/', 'http://store').searchParams.get('route') ?? '');
    });
    const cwd = mkdtempSync(path.join(tmpdir(), 'invotide-writes-guard-'));
    // TS_NODE_PROJECT: cucumber's own ts-node would otherwise look for a tsconfig from the temporary working directory.
    const env = { INVOTIDE_API_KEY: store.apiKey, TS_NODE_PROJECT: path.resolve(__dirname, '..', 'tsconfig.json') };
    run = await runCli(['--target', url, '--tags', '@area:order'], env, cwd);
    const reportFile = path.join(cwd, 'reports', 'report.json');
    assert.ok(existsSync(reportFile), `the run wrote no report (exit ${run.code}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport;
  });

  after(async () => {
    await store?.close();
  });

  it('sends no request to a route that may write an order', () => {
    assert.ok(received.length > 0, `the store received nothing:\n${run.stdout}\n${run.stderr}`);
    assert.deepEqual(received.filter((r) => WRITING_ROUTES.includes(r)), []);
  });

  it('skips every @writes scenario, saying why', () => {
    const writing = report.scenarios.filter((s) => s.tags.includes('@writes'));
    assert.ok(writing.length >= 20, `the order area should have its writing scenarios, found ${writing.length}`);
    const notSkipped = writing.filter((s) => s.outcome !== 'skipped' || !/writes are not allowed/.test(s.reason ?? ''));
    assert.deepEqual(notSkipped.map((s) => `${s.id}: ${s.outcome} ${s.reason ?? ''}`), []);
    // The terminal groups skips by reason: the count is every writing scenario.
    assert.match(run.stdout, new RegExp(`${writing.length} × writes orders, and writes are not allowed for this target`));
  });

  it('still runs the read-only order scenarios', () => {
    const readOnly = report.scenarios.filter((s) => !s.tags.includes('@writes'));
    assert.ok(readOnly.length > 0, 'the order area has scenarios that write nothing');
    assert.deepEqual(readOnly.filter((s) => s.outcome === 'skipped').map((s) => s.id), []);
    assert.ok(received.includes('api/order/info'), `order/info was not called: ${[...new Set(received)].join(', ')}`);
  });
});
