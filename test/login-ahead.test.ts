// Logins made ahead (src/login-ahead.ts): each worker makes the next scenario's login while the current one runs; every
// session is handed over once, fresh, and a login that did not give a clean token is never handed over.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LoginsAhead, settleWorkerLoginsAhead, workerLoginsAhead, type LoginMadeAhead } from '../src/login-ahead';
import { closeWorkerClient, type RunParameters } from '../src/run-parameters';
import type { ApiResponse } from '../src/client';
import { createStore, type ReferenceStore } from '../store';

/** A login that answers when told to, numbered in the order it was started. */
function controlledLogins() {
  const started: Array<{ n: number; resolve: (v: LoginMadeAhead | undefined) => void; reject: (e: Error) => void }> = [];
  const make = () => new Promise<LoginMadeAhead | undefined>((resolve, reject) => started.push({ n: started.length + 1, resolve, reject }));
  const made = (n: number) => ({ session: {}, answer: { text: `login ${n}` } }) as unknown as LoginMadeAhead;
  return { started, make, made };
}

describe('logins made ahead', () => {
  it('has none to give the first time, and starts the next login at once', async () => {
    const c = controlledLogins();
    const ahead = new LoginsAhead(c.make);
    assert.equal(await ahead.take(), undefined);
    assert.equal(c.started.length, 1);
  });

  it('hands each login over once, after its answer, and starts the next as it hands one over', async () => {
    const c = controlledLogins();
    const ahead = new LoginsAhead(c.make);
    await ahead.take();
    const second = ahead.take();
    assert.equal(c.started.length, 2, 'the next login is under way while the first one is still answering');
    let handed: LoginMadeAhead | undefined;
    void second.then((v) => (handed = v));
    await new Promise((r) => setImmediate(r));
    assert.equal(handed, undefined, 'not before its answer');
    c.started[0].resolve(c.made(1));
    assert.equal(((await second)?.answer as ApiResponse).text, 'login 1');
    c.started[1].resolve(c.made(2));
    assert.equal(((await ahead.take())?.answer as ApiResponse).text, 'login 2');
    assert.equal(c.started.length, 3);
  });

  it('hands over nothing for a login that failed or gave no token (the scenario logs in itself)', async () => {
    const c = controlledLogins();
    const ahead = new LoginsAhead(c.make);
    await ahead.take();
    c.started[0].reject(new Error('the store is gone'));
    assert.equal(await ahead.take(), undefined);
    c.started[1].resolve(undefined);
    assert.equal(await ahead.take(), undefined);
  });

  it('waits for the login in flight when the worker ends, and keeps none for later', async () => {
    const c = controlledLogins();
    const ahead = new LoginsAhead(c.make);
    await ahead.take();
    let settled = false;
    const settling = ahead.settle().then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(settled, false);
    c.started[0].resolve(c.made(1));
    await settling;
    assert.equal(await ahead.take(), undefined, 'the dropped login is not handed over');
  });
});

describe('a worker\'s logins made ahead, against the reference store', () => {
  let store: ReferenceStore;
  let params: RunParameters;
  before(async () => {
    store = createStore();
    const baseUrl = await store.listen(0, '127.0.0.1');
    params = { baseUrl, embedded: true, apiUsername: 'invotide-suite', apiKey: store.apiKey, allowWrites: false, timeoutMs: 5000, fixturesFile: '', secrets: [] };
  });
  after(async () => {
    await settleWorkerLoginsAhead();
    await closeWorkerClient();
    await store.close();
  });

  it('gives each scenario a session of its own, logged in as the configured user, reporting to that scenario from then on', async () => {
    const ahead = workerLoginsAhead(params, false);
    assert.equal(await ahead.take(), undefined);
    const first = await ahead.take();
    const second = await workerLoginsAhead(params, false).take();
    assert.ok(first && second);
    assert.equal(first.answer.route, 'api/login');
    assert.match(first.answer.request.body, /username=invotide-suite/);
    assert.equal(typeof first.session.token, 'string');
    assert.notEqual(first.session.token, second.session.token, 'never the same session twice');
    assert.notEqual(first.session, second.session);
    const seen: string[] = [];
    first.session.reportTo((r) => seen.push(r.route));
    const cart = await first.session.call({ route: 'api/cart/products' });
    assert.deepEqual(seen, ['api/cart/products']);
    assert.ok(Array.isArray((cart.json as { products?: unknown }).products), cart.text);
  });

  it('makes none with a wrong key: the scenario logs in itself and sees the refusal', async () => {
    const wrong = workerLoginsAhead({ ...params, apiKey: 'wrong-key' }, false);
    await wrong.take();
    assert.equal(await wrong.take(), undefined);
  });
});
