// The runner as a new user meets it: bad targets end with one clear line and exit code 2; a broken route fails only
// its own scenario, and the exit code tells infrastructure (2) from non-conformance (1).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { runCli, type CliRun as Run } from './support/cli';
import { refusedUrl, startFaultServer, type FaultServer } from './support/fault-server';

function assertOneLine(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 2, `exit code 2 expected, got ${run.code}\n${run.stdout}\n${run.stderr}`);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected:\n${run.stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(run.stderr, /    at /, 'no stack trace');
}

describe('runner against bad targets', () => {
  let store: ReferenceStore;
  let storeUrl: string;
  const servers: FaultServer[] = [];
  before(async () => {
    store = createStore({ apiKey: 'k'.repeat(64) });
    storeUrl = await store.listen(0, '127.0.0.1');
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await store.close();
  });

  it('an unreachable target', async () => {
    assertOneLine(await runCli(['--target', await refusedUrl()], { INVOTIDE_API_KEY: 'x' }), /target unreachable: connection refused/);
  });

  it('a URL that serves an HTML page', async () => {
    const html = await startFaultServer({ fault: 'html-500' });
    servers.push(html);
    assertOneLine(await runCli(['--target', html.url], { INVOTIDE_API_KEY: 'x' }), /is not an Invotide store: .* answered HTTP 500 text\/html/);
  });

  it('a target that never answers, within the configured timeout', async () => {
    const hang = await startFaultServer({ fault: 'hang' });
    servers.push(hang);
    const run = await runCli(['--target', hang.url, '--timeout', '500'], { INVOTIDE_API_KEY: 'x' });
    assertOneLine(run, /target unreachable: no answer .* within 500 ms/);
  });

  it('a self-signed certificate without its CA', async () => {
    const tls = await startFaultServer({ fault: 'ok', tls: true });
    servers.push(tls);
    assertOneLine(await runCli(['--target', tls.url], { INVOTIDE_API_KEY: 'x' }), /TLS failed/);
  });

  it('a wrong key', async () => {
    assertOneLine(await runCli(['--target', storeUrl], { INVOTIDE_API_KEY: 'wrong-key' }), /rejected the API credentials/);
  });

  it('an invalid .env', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-env-'));
    writeFileSync(path.join(dir, 'bad.env'), 'INVOTIDE_TIMEOUT_MS=soon\n');
    assertOneLine(await runCli(['--env-file', path.join(dir, 'bad.env')]), /configuration error: INVOTIDE_TIMEOUT_MS must be a whole number/);
  });

  it('an unknown flag', async () => {
    assertOneLine(await runCli(['--targte', 'x']), /Unknown option '--targte'/);
  });

  describe('one broken route among working ones', () => {
    const tags = '@id:login-success or @id:token-missing-string-shape or @id:token-missing-object-shape';

    it('a hanging route fails its own scenario as infrastructure, the run goes on, exit 2', async () => {
      const proxy = await startFaultServer({ upstream: storeUrl, faults: { 'api/currency': 'hang' } });
      servers.push(proxy);
      const run = await runCli(['--target', proxy.url, '--tags', tags, '--timeout', '500'], { INVOTIDE_API_KEY: store.apiKey });
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stdout, /conformance: 2 passed, 1 failed, 0 skipped/);
      assert.match(run.stdout, /\[infrastructure\]/);
      assert.match(run.stdout, /no answer from .* within 500 ms/);
    });

    it('a PHP warning before the JSON is its own non-conformance, exit 1', async () => {
      const proxy = await startFaultServer({ upstream: storeUrl, faults: { 'api/currency': 'php-warning' } });
      servers.push(proxy);
      const run = await runCli(['--target', proxy.url, '--tags', tags], { INVOTIDE_API_KEY: store.apiKey });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /conformance: 2 passed, 1 failed, 0 skipped/);
      assert.match(run.stdout, /printed PHP output before its JSON/);
    });
  });
});
