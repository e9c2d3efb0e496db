// One reference store per test file, and a fresh logged-in client for every test: the set-up the store's unit
// tests share. Unexpected store errors are collected, so a test can assert there were none.
import { after, before, beforeEach } from 'node:test';
import { createStore, type ReferenceStore, type StoreOptions } from '../../store';
import { StoreClient } from '../../store/testing';

export interface StoreForTests {
  store: ReferenceStore;
  base: string;
  client: StoreClient;
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
