// The fault matrix at the client: every misbehaviour becomes a one-line reason, within the configured timeout.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ApiClient, TransportError, type ApiResponse } from '../src/client';
import { refusedUrl, startFaultServer, TEST_CA_FILE, type Fault, type FaultServer } from './support/fault-server';

const TIMEOUT = 600;
const servers: FaultServer[] = [];
after(async () => Promise.all(servers.map((s) => s.close())));

async function askFault(fault: Fault, extra: { tls?: boolean; caFile?: string; timeoutMs?: number } = {}): Promise<{ result?: ApiResponse; error?: unknown; ms: number }> {
  const server = await startFaultServer({ fault, slowMs: 3000, tls: extra.tls });
  servers.push(server);
  const client = new ApiClient({ baseUrl: server.url, timeoutMs: extra.timeoutMs ?? TIMEOUT, caFile: extra.caFile });
  const t0 = performance.now();
  try {
    return { result: await client.send({ route: 'api/login', form: { username: 'Default', key: 'secret-key-value' } }), ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  } finally {
    await client.close();
  }
}

function assertTransport(outcome: { error?: unknown; ms: number }, kind: TransportError['kind'], message: RegExp, timeoutMs = TIMEOUT): void {
  assert.ok(outcome.error instanceof TransportError, `expected a TransportError, got ${String(outcome.error ?? 'an answer')}`);
  assert.equal(outcome.error.kind, kind);
  assert.match(outcome.error.message, message);
  assert.doesNotMatch(outcome.error.message, /\n/, 'one line');
  assert.ok(outcome.ms < timeoutMs + 1500, `took ${Math.round(outcome.ms)} ms, past the timeout of ${timeoutMs} ms`);
}

describe('misbehaving targets, at the client', () => {
  it('connection refused', async () => {
    const client = new ApiClient({ baseUrl: await refusedUrl(), timeoutMs: TIMEOUT });
    const t0 = performance.now();
    const error = await client.send({ route: 'api/login' }).catch((e: unknown) => e);
    assertTransport({ error, ms: performance.now() - t0 }, 'refused', /connection refused/);
  });

  it('accepts and never answers', async () => assertTransport(await askFault('hang'), 'timeout', new RegExp(`within ${TIMEOUT} ms`)));
  it('answers slowly past the timeout', async () => assertTransport(await askFault('slow'), 'timeout', /within/));
  it('resets mid-body', async () => assertTransport(await askFault('reset'), 'reset', /closed the connection/));
  // 16 MiB must arrive before the limit can stop them: a timeout of its own, so a busy machine does not turn this into a timeout.
  it('sends tens of megabytes', async () => assertTransport(await askFault('huge-body', { timeoutMs: 5000 }), 'too-large', /larger than 16 MiB/, 5000));
  it('uses a self-signed certificate without the CA configured', async () => assertTransport(await askFault('ok', { tls: true }), 'tls', /INVOTIDE_CA_FILE/));

  it('trusts the self-signed certificate once its CA is configured', async () => {
    const { result } = await askFault('ok', { tls: true, caFile: TEST_CA_FILE });
    assert.equal((result?.json as { api_token?: string }).api_token?.length, 26);
  });

  it('answers HTTP 500 with an HTML page: an answer, but not JSON', async () => {
    const { result } = await askFault('html-500');
    assert.equal(result?.status, 500);
    assert.ok(result?.parseError);
  });

  it('prints a PHP warning before valid JSON: parsed, with the notice kept apart', async () => {
    const { result } = await askFault('php-warning');
    assert.ok(result?.json);
    assert.match(result?.phpNotice ?? '', /^Warning: {1,2}Undefined array key "currency"/);
  });

  for (const [fault, reason] of [['invalid-json', /JSON|Unexpected|Unterminated/], ['empty-body', /empty body/]] as const) {
    it(`answers ${fault}`, async () => {
      const { result } = await askFault(fault);
      assert.match(result?.parseError ?? '', reason);
    });
  }

  it('redirects to a login page: not followed, reported as it is', async () => {
    const { result } = await askFault('redirect-login');
    assert.equal(result?.status, 302);
  });

  for (const fault of ['gzip', 'chunked'] as const) {
    it(`answers with a ${fault} body: read as usual`, async () => {
      const { result } = await askFault(fault);
      assert.equal((result?.json as { api_token?: string }).api_token?.length, 26);
    });
  }
});
