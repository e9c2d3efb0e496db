// The fault matrix at the client: every misbehaviour becomes a one-line reason of its own kind. No wall time is
// asserted: a timeout is proven on a server that never answers within it (so a loaded machine cannot make it pass or
// fail), and every other fault is met under a timeout so generous that only the fault itself can end the request.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ApiClient, TransportError, type ApiResponse } from '../src/client';
import { refusedUrl, startFaultServer, TEST_CA_FILE, type Fault, type FaultServer } from './support/fault-server';

/** For the faults that must end in a timeout: the server never answers (hang) or answers long after it (slow). */
const TIMEOUT = 600;
/** For every other fault: far beyond what any of them takes, even with other work on every core. */
const GENEROUS = 60_000;
const servers: FaultServer[] = [];
after(async () => Promise.all(servers.map((s) => s.close())));

async function askFault(fault: Fault, extra: { tls?: boolean; caFile?: string; timeoutMs?: number } = {}): Promise<{ result?: ApiResponse; error?: unknown }> {
  // slow answers a minute after the request: never within TIMEOUT, however loaded the machine (its timer is cleared
  // when the client gives up, so nothing is left pending).
  const server = await startFaultServer({ fault, slowMs: 60_000, tls: extra.tls });
  servers.push(server);
  const client = new ApiClient({ baseUrl: server.url, timeoutMs: extra.timeoutMs ?? GENEROUS, caFile: extra.caFile });
  try {
    return { result: await client.send({ route: 'api/login', form: { username: 'Default', key: 'secret-key-value' } }) };
  } catch (error) {
    return { error };
  } finally {
    await client.close();
  }
}

function assertTransport(outcome: { error?: unknown }, kind: TransportError['kind'], message: RegExp): void {
  assert.ok(outcome.error instanceof TransportError, `expected a TransportError, got ${String(outcome.error ?? 'an answer')}`);
  assert.equal(outcome.error.kind, kind, outcome.error.message);
  assert.match(outcome.error.message, message);
  assert.doesNotMatch(outcome.error.message, /\n/, 'one line');
}

describe('misbehaving targets, at the client', () => {
  it('connection refused', async () => {
    const client = new ApiClient({ baseUrl: await refusedUrl(), timeoutMs: GENEROUS });
    const error = await client.send({ route: 'api/login' }).catch((e: unknown) => e);
    await client.close();
    assertTransport({ error }, 'refused', /connection refused/);
  });

  it('accepts and never answers', async () => assertTransport(await askFault('hang', { timeoutMs: TIMEOUT }), 'timeout', new RegExp(`within ${TIMEOUT} ms`)));
  it('answers slowly past the timeout', async () => assertTransport(await askFault('slow', { timeoutMs: TIMEOUT }), 'timeout', new RegExp(`within ${TIMEOUT} ms`)));
  it('resets mid-body', async () => assertTransport(await askFault('reset'), 'reset', /closed the connection/));
  // The size limit, not a timeout, must end it: 16 MiB have to arrive first, which takes a while on a loaded machine.
  it('sends tens of megabytes', async () => assertTransport(await askFault('huge-body'), 'too-large', /larger than 16 MiB/));
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
