// What the runner hands every cucumber worker (as worldParameters), and the per-process objects built from it.
import { ApiClient } from './client';
import { Contract } from './contract';
import type { TargetProfile } from './target/profile';

export interface RunParameters {
  baseUrl: string;
  /** True when the target is the embedded reference store started by the runner. */
  embedded: boolean;
  apiUsername: string;
  apiKey?: string;
  /**
   * The key of the store's user named Default, for the one scenario that logs in with a key alone (OpenCart then logs
   * in as Default): the embedded store's only, whose Default is no one's. A run leaves a real store's Default alone.
   */
  defaultUserKey?: string;
  restrictedUsername?: string;
  restrictedKey?: string;
  disabledUsername?: string;
  disabledKey?: string;
  alternateSourceAddress?: string;
  allowWrites: boolean;
  timeoutMs: number;
  fixturesFile: string;
  caFile?: string;
  /** Embedded store only: where @embedded-only scenarios age their token's data (src/runner/embedded-control.ts). */
  controlUrl?: string;
  /**
   * What the suite knows of the target (release, settings, language, data roles, what it lacks), built once by the
   * runner from the fixtures and the fixture check; absent only before the check has run.
   */
  profile?: TargetProfile;
  /**
   * Where the workers of a parallel run, started while the fixture check runs, read the profile once the check is done
   * (src/runner/profile-handoff.ts); absent when they start after it, with the profile in hand.
   */
  profileFile?: string;
  /** The @security login storm may run (INVOTIDE_SECURITY_LOGIN_STORM). */
  loginStorm?: boolean;
  /** Values to blank in every report (keys); tokens are blanked by shape. */
  secrets: string[];
  /** Where each worker writes the exchange record of its scenarios (src/exchanges/record.ts); none: not recorded. */
  exchangesDir?: string;
}

let client: ApiClient | undefined;

/** One client (one keep-alive pool per target) per worker process. */
export function workerClient(p: RunParameters): ApiClient {
  client ??= new ApiClient({ baseUrl: p.baseUrl, timeoutMs: p.timeoutMs, caFile: p.caFile, contract: Contract.load() });
  return client;
}

export async function closeWorkerClient(): Promise<void> {
  await client?.close();
  client = undefined;
}
