// The runner as a new user meets it: bad targets end with one clear line and exit code 2; a broken route fails only
// its own scenario, and the exit code tells infrastructure (2) from non-conformance (1).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';
import { runCli, type CliRun as Run } from './support/cli';
import { refusedUrl, startFaultServer, TEST_CA_FILE, type Fault, type FaultServer } from './support/fault-server';

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
    const run = await runCli(['--target', await refusedUrl()], { INVOTIDE_API_KEY: 'x' });
    assertOneLine(run, /target unreachable: connection refused .*: is the store running\?$/);
  });

  it('https:// to a port that speaks plain HTTP: names the scheme', async () => {
    const run = await runCli(['--target', storeUrl.replace(/^http:/, 'https:')], { INVOTIDE_API_KEY: 'x' });
    assertOneLine(run, /does not speak TLS on that port: is it a plain HTTP port\? \(try http:\/\/127\.0\.0\.1:\d+\)/);
  });

  it('a URL that serves an HTML page', async () => {
    const html = await startFaultServer({ fault: 'html-500' });
    servers.push(html);
    assertOneLine(await runCli(['--target', html.url], { INVOTIDE_API_KEY: 'x' }), /is not an Invotide store: .* answered HTTP 500 text\/html/);
  });

  it('an OpenCart store that prints PHP notices before its JSON: said so, with the setting that hides them', async () => {
    const noisy = await startFaultServer({ fault: 'opencart-notices', upstream: storeUrl });
    servers.push(noisy);
    const run = await runCli(['--target', noisy.url], { INVOTIDE_API_KEY: 'k'.repeat(64) });
    assertOneLine(run, /is an OpenCart store that prints PHP notices before its JSON.*Creation of dynamic property Request::\$p0 .*\(and 36 more PHP notices\).*'error_display' => false in the store's system\/config\/default\.php/);
    assert.doesNotMatch(run.stderr, /not an Invotide store/);
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

  it('an unknown output format; in GitHub Actions, also as an annotation', async () => {
    const run = await runCli(['--format', 'fancy'], { GITHUB_ACTIONS: 'true' });
    assertOneLine(run, /configuration error: --format takes compact or verbose; got "fancy"/);
    assert.match(run.stdout, /^::error title=invotide-conformance%3A configuration error::--format takes compact or verbose; got "fancy"\.$/m);
  });

  it('a run that ends with exit 2 leaves reports that say so, and nothing of the run before', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-exit2-'));
    const reports = path.join(dir, 'reports');
    const good = await runCli(['--target', storeUrl, '--tags', '@id:login-success'], { INVOTIDE_API_KEY: store.apiKey }, dir);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.ok(readdirSync(path.join(reports, 'allure-results')).length > 0, 'the good run wrote Allure results');

    assertOneLine(await runCli(['--target', await refusedUrl()], { INVOTIDE_API_KEY: 'x' }, dir), /target unreachable/);
    const report = JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as { exitCode: number; scenarios: unknown[]; error?: { kind: string; message: string }; verdict: { line: string } };
    assert.equal(report.exitCode, 2);
    assert.deepEqual(report.scenarios, []);
    assert.equal(report.error?.kind, 'infrastructure');
    assert.match(report.error?.message ?? '', /target unreachable: connection refused/);
    const summary = readFileSync(path.join(reports, 'summary.md'), 'utf8');
    assert.match(summary, /The run did not take place: infrastructure error \(exit code 2\)/);
    assert.doesNotMatch(summary, /passed/, 'nothing of the good run');
    const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
    assert.match(junit, /<error message="target unreachable: connection refused[^"]*" type="infrastructure error"/);
    assert.doesNotMatch(junit, /login-success/);
    assert.deepEqual(readdirSync(path.join(reports, 'allure-results')), [], 'the Allure results are emptied');

    // A configuration error, with the reports folder named on the command line.
    assertOneLine(await runCli(['--reports-dir', reports, '--timeout', 'soon']), /configuration error: INVOTIDE_TIMEOUT_MS must be a whole number/);
    assert.equal((JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as { error?: { kind: string } }).error?.kind, 'configuration');
    assert.match(readFileSync(path.join(reports, 'junit.xml'), 'utf8'), /type="configuration error"/);
  });

  describe('one broken route among working ones: the run goes on, and the exit code tells what broke', () => {
    // Three scenarios; only the one calling api/currency meets the fault.
    const tags = '@id:login-success or @id:token-missing-string-shape or @id:token-missing-object-shape';
    // `passed` of 3; the third is failed (exit 1) or an infrastructure error, counted apart (exit 2).
    // Only hang and slow are about a timeout, and their api/currency never answers within it (slow answers after a
    // minute); the timeout is still generous, as the fixture check's and the other scenarios' requests go under it too.
    // They meet only the scenario's call without a token: the fixture check's own calls to api/currency would each wait
    // the whole timeout (it goes on past an answer that never comes; reset and huge-body show it does). Every other
    // fault runs under the default timeout (10 s), so only the fault itself (a reset, the size limit...) can end its
    // request, however loaded the machine.
    const matrix: Array<{ fault: Fault; exit: number; passed: number; reason?: RegExp; args?: string[]; timeout?: string }> = [
      { fault: 'hang', exit: 2, passed: 2, reason: /no answer from .* within 5000 ms/, timeout: '5000' },
      { fault: 'slow', exit: 2, passed: 2, reason: /no answer from .* within 5000 ms/, timeout: '5000' },
      { fault: 'reset', exit: 2, passed: 2, reason: /closed the connection before the answer was complete/ },
      { fault: 'huge-body', exit: 2, passed: 2, reason: /larger than 16 MiB/ },
      { fault: 'html-500', exit: 1, passed: 2, reason: /expected a JSON body.*<!DOCTYPE html>/ },
      { fault: 'php-warning', exit: 1, passed: 2, reason: /printed PHP output before its JSON/ },
      { fault: 'invalid-json', exit: 1, passed: 2, reason: /expected a JSON body/ },
      { fault: 'empty-body', exit: 1, passed: 2, reason: /empty body/ },
      { fault: 'redirect-login', exit: 1, passed: 2, reason: /expected a JSON body/ },
      { fault: 'gzip', exit: 0, passed: 3 },
      { fault: 'chunked', exit: 0, passed: 3 },
      { fault: 'extra-field', exit: 0, passed: 3, reason: /undocumented fields: api\/currency → \/x_extension_field/ },
      { fault: 'extra-field', exit: 1, passed: 3, reason: /undocumented fields: api\/currency → \/x_extension_field/, args: ['--strict'] },
    ];
    for (const { fault, exit, passed, reason, args = [], timeout } of matrix) {
      it(`${fault}${args.length ? ` ${args.join(' ')}` : ''} → exit ${exit}`, async () => {
        const proxy = await startFaultServer({ upstream: storeUrl, faults: { 'api/currency': fault }, faultsWithoutTokenOnly: Boolean(timeout), slowMs: 60_000 });
        servers.push(proxy);
        const run = await runCli(['--target', proxy.url, '--tags', tags, ...(timeout ? ['--timeout', timeout] : []), ...args], { INVOTIDE_API_KEY: store.apiKey });
        assert.equal(run.code, exit, run.stdout + run.stderr);
        const closing = exit === 2 ? `conformance: ${passed} passed, 0 failed, 1 infrastructure error` : `conformance: ${passed} passed, ${3 - passed} failed`;
        assert.match(run.stdout, new RegExp(`${closing}, 0 skipped`));
        if (reason) assert.match(run.stdout, reason);
        // A non-conformance names the attachment that shows it (an infrastructure failure has no answer to attach).
        if (exit === 1 && passed < 3) assert.match(run.stdout, /attachment: reports\/allure-results\/\d+-attachment\.json/);
      });
    }

    it('a known deviation does not fail the gate; an expired entry and a listed scenario that passes are reported', async () => {
      const proxy = await startFaultServer({ upstream: storeUrl, faults: { 'api/currency': 'php-warning' } });
      servers.push(proxy);
      const dir = mkdtempSync(path.join(tmpdir(), 'invotide-deviations-'));
      const file = path.join(dir, 'staging.deviations.yaml');
      writeFileSync(file, [
        'deviations:',
        '  - id: token-missing-string-shape',
        '    reason: our PHP prints notices (SHOP-7)',
        '    expires: 2999-01-01',
        '  - id: login-success',
        '    reason: fixed since, should be dropped',
        '  - id: token-missing-object-shape',
        '    reason: an excuse that ran out',
        '    expires: 2000-01-01',
      ].join('\n'));
      const run = await runCli(['--target', proxy.url, '--tags', tags, '--deviations', file], { INVOTIDE_API_KEY: store.apiKey }, dir);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /\nconformance: 2 passed, 0 failed, 1 known deviation, 0 skipped/);
      assert.match(run.stdout, /Known deviations \(1, listed in the deviations file; not gated\):\n  ~ token-missing-string-shape: our PHP prints notices \(SHOP-7\)\n/);
      assert.doesNotMatch(run.stdout, /Failures:|[1-9]\d* failed/, 'the streamed feature lines tell it as the closing line does');
      assert.match(run.stdout, /deviation expired \(2000-01-01\), its failure counts again: token-missing-object-shape/);
      assert.match(run.stdout, /deviation listed but the scenario now passes .*: login-success/);
      const junit = readFileSync(path.join(dir, 'reports', 'junit.xml'), 'utf8');
      assert.match(junit, /<skipped message="known deviation: our PHP prints notices \(SHOP-7\)"\/>/);
      assert.match(junit, /failures="0"/);
      const report = JSON.parse(readFileSync(path.join(dir, 'reports', 'report.json'), 'utf8')) as { scenarios: Array<{ id: string; outcome: string }> };
      assert.equal(report.scenarios.find((s) => s.id === 'token-missing-string-shape')?.outcome, 'known-deviation');

      // --certify judges the store by the release it runs, which the fixtures name.
      const named = path.join(dir, 'staging.json');
      writeFileSync(named, JSON.stringify({ name: 'staging', extends: 'provisioned.json', release: '3.0.5.0' }));
      const unnamed = await runCli(['--target', proxy.url, '--tags', tags, '--certify'], { INVOTIDE_API_KEY: store.apiKey });
      assert.equal(unnamed.code, 2, unnamed.stdout + unnamed.stderr);
      assert.match(unnamed.stderr, /--certify judges the store by the release it runs, which the fixtures must name \("release"\); its answers say 3\.0\.5\.0–3\.0\.5\.1/);
      const certified = await runCli(['--target', proxy.url, '--tags', tags, '--deviations', file, '--certify', '--fixtures', named], { INVOTIDE_API_KEY: store.apiKey });
      assert.equal(certified.code, 1, `--certify ignores the deviations file: ${certified.stdout}${certified.stderr}`);
    });

    it('exit 1 with "0 failed" comes with the gate line that says why', async () => {
      const run = await runCli(['--target', storeUrl, '--tags', '@id:login-success or @id:login-restricted-user', '--fail-on', 'skipped'], { INVOTIDE_API_KEY: store.apiKey });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /gate: FAIL: 1 skipped scenario \(--fail-on skipped\)\nconformance: 1 passed, 0 failed, 1 skipped\n?$/);
    });

    describe('a run with a @must failure, a @should failure and a skip, reports in a folder elsewhere, in GitHub Actions', () => {
      const levels = '@id:currency-query-string-ignored or @id:currency-success-message or @id:login-success or @id:login-restricted-user';
      let run: Run;
      let reports: string;
      before(async () => {
        const proxy = await startFaultServer({ upstream: storeUrl, faults: { 'api/currency': 'php-warning' } });
        servers.push(proxy);
        reports = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-elsewhere-')), 'x');
        run = await runCli(['--target', proxy.url, '--tags', levels, '--reports-dir', reports], { INVOTIDE_API_KEY: store.apiKey, GITHUB_ACTIONS: 'true' });
      });

      it('fails the gate on the @must failure only', () => {
        assert.equal(run.code, 1, run.stdout + run.stderr);
        assert.match(run.stdout, /gate: FAIL: 1 @must failure\nconformance: 1 passed, 2 failed, 1 skipped/);
      });

      it('prints a line per feature, failures in full, skips grouped, and no line per scenario', () => {
        assert.match(run.stdout, /^✗ currency\.feature: 0 passed, 2 failed$/m);
        assert.match(run.stdout, /^✓ login\.feature: 1 passed, 1 skipped$/m);
        assert.match(run.stdout, /Skipped \(1\):\n  1 × needs a restricted API user/);
        assert.match(run.stdout, /✗ .* \[failed\] \(currency-success-message, @should, features\/currency\.feature:\d+\)/);
        assert.doesNotMatch(run.stdout, /\[\d+\/\d+\]/);
      });

      it('prints each attachment at its real path under --reports-dir', () => {
        const paths = [...run.stdout.matchAll(/attachment: (\S+)/g)].map((m) => m[1]);
        assert.equal(paths.length, 2, run.stdout);
        for (const p of paths) {
          assert.ok(p.startsWith(path.join(reports, 'allure-results') + path.sep), p);
          assert.ok(existsSync(p), `${p} exists`);
        }
      });

      it('annotates each failure on its line of the feature file: an error when gated, a warning when not', () => {
        assert.match(run.stdout, /^::error file=features\/currency\.feature,line=\d+,title=currency-query-string-ignored \(@must%2C @must failure\)::/m);
        assert.match(run.stdout, /^::warning file=features\/currency\.feature,line=\d+,title=currency-success-message \(@should%2C failed%2C not gated\)::/m);
      });

      it('writes a JUnit file whose failures are the gate\'s, with ids, levels and skip reasons', () => {
        const junit = readFileSync(path.join(reports, 'junit.xml'), 'utf8');
        assert.match(junit, /<testsuite name="Invotide API conformance"[^>]* tests="4" failures="1" errors="0" skipped="1"/);
        assert.match(junit, /<testcase name="\[currency-query-string-ignored\] @must [^"]*" classname="currency\.currency"[^>]*>[\s\S]*?<failure message="@must failure: /);
        assert.match(junit, /<testcase name="\[currency-success-message\] @should [^"]*"[^>]*>(?:(?!<\/testcase>)[\s\S])*<system-out>failed at @should, not gated/);
        assert.match(junit, /<testcase name="\[login-restricted-user\] @must [^"]*"[^>]*>[\s\S]*?<skipped message="needs a restricted API user \(set INVOTIDE_RESTRICTED_USERNAME and INVOTIDE_RESTRICTED_KEY\)"\/>/);
      });
    });

    it('--format verbose prints a line per scenario and the per-route table', async () => {
      const run = await runCli(['--target', storeUrl, '--tags', '@id:login-success or @id:login-wrong-key', '--format', 'verbose'], { INVOTIDE_API_KEY: store.apiKey });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^✓ \[1\/2\] .*: /m);
      assert.match(run.stdout, /^route +passed +failed/m);
      assert.match(run.stdout, /A scenario counts once for each route it touches/);
    });

    it('an https target with a private CA, once the CA is configured → exit 0', async () => {
      const proxy = await startFaultServer({ upstream: storeUrl, tls: true });
      servers.push(proxy);
      const run = await runCli(['--target', proxy.url, '--tags', tags], { INVOTIDE_API_KEY: store.apiKey, INVOTIDE_CA_FILE: TEST_CA_FILE });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /conformance: 3 passed, 0 failed, 0 skipped/);
    });
  });
});
