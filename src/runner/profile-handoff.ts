// A parallel run starts its workers while the fixture check runs: each worker loads cucumber, the steps and the
// contract (most of a second of CPU each, all at once), which then overlaps with the check's waiting on the store
// instead of following it. The workers learn the target's profile, which the check settles, from a file the runner
// writes when the check is done; until then each waits in a BeforeAll hook, before any scenario. A check that ends the
// run (exit 2) writes that instead, and the workers leave without running anything.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunParameters } from '../run-parameters';
import type { TargetProfile } from '../target/profile';

type Handed = { profile: TargetProfile } | { abort: true };

/** The runner's side: one file, written once, then removed with its folder. */
export class ProfileHandoff {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'invotide-profile-'));
  readonly file = path.join(this.dir, 'profile.json');

  /** The check is done: the workers may run their scenarios under this profile. */
  deliver(profile: TargetProfile): void {
    this.write({ profile });
  }

  /** The run ends before its scenarios: the workers leave. */
  abort(): void {
    this.write({ abort: true });
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Whole or not at all: a worker never reads half a file. */
  private write(handed: Handed): void {
    if (existsSync(this.file)) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify(handed));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

const POLL_MS = 10;

/**
 * A worker's side: waits until the runner hands over the target's profile and puts it into the run parameters (the
 * World of every scenario is made from them), or until the runner ends the run or is gone. Returns at once when the
 * parameters hold the profile already, as they do when the workers start after the check.
 */
export async function awaitTargetProfile(p: RunParameters, connected: () => boolean | undefined = () => process.connected): Promise<'ready' | 'aborted'> {
  if (p.profile || !p.profileFile) return 'ready';
  for (;;) {
    if (existsSync(p.profileFile)) {
      const handed = JSON.parse(readFileSync(p.profileFile, 'utf8')) as Handed;
      if ('abort' in handed) return 'aborted';
      p.profile = handed.profile;
      return 'ready';
    }
    // A worker whose runner is gone (its channel closed) has no one to wait for.
    if (connected() === false) return 'aborted';
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
