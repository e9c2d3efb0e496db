// One reference store per test file, and a fresh logged-in client for every test: the set-up the store's unit
// tests share. Unexpected store errors are collected, so a test can assert there were none.
import { after, before, beforeEach } from 'node:test';
import { createStore, type ReferenceStore, type StoreOptions } from '../../store';
import { StoreClient } from './store-client';

export interface StoreForTests {
  store: ReferenceStore;
  base: string;
  client: StoreClient;
}

/** One reference store for the enclosing describe (or the file), listening on a loopback port while its tests run. */
export function listeningStore(options: StoreOptions = {}): { readonly store: ReferenceStore; readonly url: string } {
  const s = {} as { store: ReferenceStore; url: string };
  before(async () => {
    s.store = createStore(options);
    s.url = await s.store.listen(0, '127.0.0.1');
  });
  after(() => s.store.close());
  return s;
}

/** Registers the hooks; `use` receives the store once it listens, and again with each test's new client. */
export function storeForEachTest(key: string, options: StoreOptions, use: (s: StoreForTests) => void): unknown[] {
  const errors: unknown[] = [];
  let store: ReferenceStore;
  let base: string;
  before(async () => {
    store = createStore({ ...options, apiKey: key, onError: (e) => errors.push(e) });
    base = await store.listen();
  });
  after(() => store.close());
  beforeEach(async () => {
    const client = new StoreClient(base);
    await client.login(key);
    use({ store, base, client });
  });
  return errors;
}
