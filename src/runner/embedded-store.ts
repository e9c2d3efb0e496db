// The embedded reference store as a target: started on a free loopback port with fresh random keys, stock or hardened
// (INVOTIDE_REFERENCE_HARDENED), its control door for scenarios only it can run, and the run parameters that point
// scenarios at it.
import { randomBytes } from 'node:crypto';
import type { RunParameters } from '../run-parameters';
import { startEmbeddedControl } from './embedded-control';
import { API_USERS } from '../provision/dataset';
import { loadFixtures } from '../fixtures';
import { declaredProfile } from '../target/profile';
import { storeConfigurationOf, type StoreConfiguration } from '../target/store-configuration';

/** Where the embedded store listens, and so the address it sees the suite's requests come from. */
export const EMBEDDED_HOST = '127.0.0.1';

/** A target the run talks to, and how to let it go afterwards. */
export interface ResolvedTarget {
  params: RunParameters;
  close(): Promise<void>;
}

export interface EmbeddedStoreOptions extends Pick<RunParameters, 'timeoutMs' | 'fixturesFile' | 'caFile' | 'alternateSourceAddress'> {
  /** The hardened reference store (SuiteConfig.referenceHardened) instead of the stock one. */
  hardened?: boolean;
  /** Configured so (a target's release and settings, for a diff against it) instead of as the fixtures declare. */
  configuration?: StoreConfiguration;
  /** Scenarios get only what the target had: its writes, its users, its alternate address (SuiteConfig.referenceLike). */
  like?: { allowWrites: boolean; restricted: boolean; disabled: boolean; alternateSourceAddress?: string };
}

/** The reference store's release, settings and rates, as the fixtures file declares them. */
export function embeddedConfiguration(fixturesFile: string): StoreConfiguration {
  return storeConfigurationOf(declaredProfile(loadFixtures(fixturesFile)));
}

export async function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<ResolvedTarget> {
  const { hardened, configuration: given, like, ...common } = options;
  // Loaded only when needed, so a run against a remote target never opens a database.
  const { createStore } = await import('../../store');
  const configuration = given ?? embeddedConfiguration(common.fixturesFile);
  const key = (): string => randomBytes(32).toString('hex');
  const store = createStore({ apiKey: key(), restrictedKey: key(), provisionedKeys: { suite: key() }, hardened, ...configuration });
  const baseUrl = await store.listen(0, EMBEDDED_HOST);
  const control = await startEmbeddedControl(store);
  const params: RunParameters = {
    ...common,
    baseUrl,
    embedded: true,
    // The suite's own API user, as on a provisioned store: a run never logs in as Default.
    apiUsername: API_USERS.suite.username,
    apiKey: store.provisionedKeys.suite,
    // Except to see that the key alone logs in as Default: this store's Default is no one's.
    defaultUserKey: store.apiKey,
    // The API users of the conformance data, as on a provisioned store.
    restrictedUsername: API_USERS.restricted.username,
    restrictedKey: store.provisionedKeys.restricted,
    disabledUsername: API_USERS.disabled.username,
    disabledKey: store.provisionedKeys.disabled,
    // Linux routes all of 127.0.0.0/8 to loopback, so this reaches the store from an address it does not allow.
    alternateSourceAddress: common.alternateSourceAddress ?? '127.0.0.2',
    allowWrites: true,
    secrets: [store.apiKey, store.restrictedKey, ...Object.values(store.provisionedKeys)],
    controlUrl: control.url,
  };
  if (like) {
    params.allowWrites = like.allowWrites;
    params.alternateSourceAddress = like.alternateSourceAddress;
    if (!like.restricted) params.restrictedUsername = params.restrictedKey = undefined;
    if (!like.disabled) params.disabledUsername = params.disabledKey = undefined;
    // Like a remote store: the token-ageing door and the Default key are the embedded store's alone.
    params.controlUrl = undefined;
    params.defaultUserKey = undefined;
  }
  return {
    params,
    close: async () => {
      await control.close();
      await store.close();
    },
  };
}
