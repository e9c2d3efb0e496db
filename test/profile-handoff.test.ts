// The workers of a parallel run start beside the fixture check and wait for the profile it settles
// (src/runner/profile-handoff.ts).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ProfileHandoff, awaitTargetProfile } from '../src/runner/profile-handoff';
import type { RunParameters } from '../src/run-parameters';
import { declaredProfile } from '../src/target/profile';
import { loadFixtures } from '../src/fixtures';

const profile = () => declaredProfile(loadFixtures(path.join(__dirname, '..', 'targets', 'provisioned.json')));
const params = (profileFile?: string): RunParameters => ({ baseUrl: 'http://127.0.0.1:1/', embedded: false, apiUsername: 'u', allowWrites: false, timeoutMs: 1000, fixturesFile: '', secrets: [], profileFile });
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('the profile handed to workers started beside the fixture check', () => {
  it('is waited for, then put into the run parameters every scenario\'s World is made from', async () => {
    const handoff = new ProfileHandoff();
    const p = params(handoff.file);
    let state = 'waiting';
    const waiting = awaitTargetProfile(p, () => true).then((s) => (state = s));
    await tick();
    assert.equal(state, 'waiting', 'no scenario before the check is done');
    const settled = profile();
    handoff.deliver(settled);
    await waiting;
    assert.equal(state, 'ready');
    assert.deepEqual(p.profile, JSON.parse(JSON.stringify(settled)));
    handoff.close();
    assert.equal(existsSync(handoff.file), false);
  });

  it('sends the workers away when the check ends the run, and only the first word counts', async () => {
    const handoff = new ProfileHandoff();
    handoff.abort();
    handoff.deliver(profile());
    const p = params(handoff.file);
    assert.equal(await awaitTargetProfile(p, () => true), 'aborted');
    assert.equal(p.profile, undefined);
    handoff.close();
  });

  it('stops waiting when the runner is gone', async () => {
    const handoff = new ProfileHandoff();
    let connected = true;
    const waiting = awaitTargetProfile(params(handoff.file), () => connected);
    await tick();
    connected = false;
    assert.equal(await waiting, 'aborted');
    handoff.close();
  });

  it('does not wait when the workers start after the check, with the profile in hand', async () => {
    assert.equal(await awaitTargetProfile({ ...params('/nonexistent/profile.json'), profile: profile() }, () => true), 'ready');
    assert.equal(await awaitTargetProfile(params(), () => true), 'ready');
  });
});
