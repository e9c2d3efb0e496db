// `npm run store` as a user types it: a .env block the suite accepts as it is, fixed port and keys from flags or the
// environment, and no store left running once npm stops, by Ctrl-C or by a SIGTERM to npm alone.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config';
import { HELP } from '../store/main';

const ROOT = path.resolve(__dirname, '..');

interface StartedStore { npm: ChildProcess; block: string; stderr: () => string; exit: Promise<number | null> }

/** `npm run store -- ARGS` in a process group of its own (as a terminal runs it), once its .env block is out. */
function npmRunStore(args: string[], env: Record<string, string> = {}): Promise<StartedStore> {
  const npm = spawn('npm', ['run', 'store', '--', ...args], { cwd: ROOT, detached: true, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  npm.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    npm.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      // npm prints its own "> script" banner first; the store's output starts at its first comment.
      const block = stdout.slice(stdout.indexOf('\n# ') + 1);
      if (stdout.includes('\n# ') && /^INVOTIDE_ALLOW_WRITES=.*\n/m.test(block)) resolve({ npm, block, stderr: () => stderr, exit });
    });
    void exit.then((code) => reject(new Error(`npm run store exited (${code}) before printing its .env block: ${stdout}${stderr}`)));
  });
}

/** Live processes of a process group, from /proc (field 5 of stat is the group; zombies have exited). */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}

async function groupGone(pgid: number, withinMs: number): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  let left = groupMembers(pgid);
  while (left.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = groupMembers(pgid);
  }
  return left;
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function login(base: string, username: string, key: string): Promise<unknown> {
  const answer = await fetch(`${base}index.php?route=api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, key }).toString(),
  });
  return answer.json();
}

/** cart/products with no api_token, the session named by the OCSESSID cookie instead: a stock OpenCart serves it. */
async function cartThroughCookie(base: string, token: string): Promise<string> {
  const answer = await fetch(`${base}index.php?route=api/cart/products`, { method: 'POST', headers: { cookie: `OCSESSID=${token}` } });
  return answer.text();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('npm run store', () => {
  it('prints a .env the suite reads as it is, whose users log in as the embedded run expects, and stops with npm on SIGTERM', async () => {
    const store = await npmRunStore(['--api-key', 'default-key-1']);
    const pgid = store.npm.pid!;
    try {
      const envFile = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-store-env-')), '.env');
      writeFileSync(envFile, store.block);
      const config = loadConfig({ envFile, env: {} });
      assert.match(config.targetUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.equal(config.apiKey, 'default-key-1');
      assert.equal(config.allowWrites, true);
      assert.equal(config.alternateSourceAddress, '127.0.0.2');
      const loggedIn = (await login(config.targetUrl!, config.apiUsername, config.apiKey!)) as { api_token?: string };
      assert.equal(typeof loggedIn.api_token, 'string', 'the Default user logs in from here');
      assert.doesNotMatch(await cartThroughCookie(config.targetUrl!, loggedIn.api_token!), /permission/, 'without --hardened, the stock weakness');
      // OpenCart answers a disabled user's login with an empty list, and an address off the allow-list with an error.
      assert.deepEqual(await login(config.targetUrl!, config.disabledUsername!, config.disabledKey!), []);
      const restricted = (await login(config.targetUrl!, config.restrictedUsername!, config.restrictedKey!)) as { error?: { ip?: string }; api_token?: unknown };
      assert.match(restricted.error?.ip ?? '', /127\.0\.0\.1/, `the restricted user is refused from 127.0.0.1: ${JSON.stringify(restricted)}`);

      // SIGTERM to npm alone (as a supervisor or `kill <npm pid>` sends it): npm passes it to its `sh -c`, not further.
      process.kill(pgid, 'SIGTERM');
      assert.deepEqual(await groupGone(pgid, 30_000), [], 'no process of `npm run store` outlives npm');
    } finally {
      killGroup(pgid);
    }
  });

  it('stops on Ctrl-C (SIGINT to the whole process group) and takes its port and keys from the environment', async () => {
    const port = await freePort();
    const env = { INVOTIDE_STORE_PORT: String(port), INVOTIDE_STORE_API_KEY: 'env-default', INVOTIDE_STORE_RESTRICTED_KEY: 'env-restricted', INVOTIDE_STORE_DISABLED_KEY: 'env-disabled' };
    const store = await npmRunStore([], env);
    const pgid = store.npm.pid!;
    try {
      assert.match(store.block, new RegExp(`^INVOTIDE_TARGET_URL=http://127\\.0\\.0\\.1:${port}/$`, 'm'));
      for (const line of ['INVOTIDE_API_KEY=env-default', 'INVOTIDE_RESTRICTED_KEY=env-restricted', 'INVOTIDE_DISABLED_KEY=env-disabled']) {
        assert.match(store.block, new RegExp(`^${line}$`, 'm'));
      }
      // A second store on the same port: one line, exit 2, while the first serves on.
      const second = spawn(process.execPath, [path.join(ROOT, 'bin/store.js'), '--port', String(port)], { cwd: ROOT });
      let secondErr = '';
      second.stderr.on('data', (d: Buffer) => (secondErr += d.toString()));
      const secondCode = await new Promise<number | null>((resolve) => second.on('exit', resolve));
      assert.equal(secondCode, 2);
      assert.equal(secondErr, `store: port ${port} on 127.0.0.1 is in use.\n`);

      process.kill(-pgid, 'SIGINT');
      assert.deepEqual(await groupGone(pgid, 30_000), [], 'Ctrl-C leaves no process of `npm run store`');
      // The processes are gone, but what they wrote last may still wait in the pipe: read it to its end first.
      if (!store.npm.stderr!.closed) await new Promise((resolve) => store.npm.stderr!.once('close', resolve));
      assert.match(store.stderr(), /store: SIGINT, stopping/);
    } finally {
      killGroup(pgid);
    }
  });

  it('--hardened closes what a stock store leaves open: the session cookie does not open the API', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/store.js'), '--hardened', '--api-key', 'hardened-key'], { cwd: ROOT });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const url = /^INVOTIDE_TARGET_URL=(.*)$/m.exec(out)?.[1];
          if (url) resolve(url);
        });
        child.on('exit', (code) => reject(new Error(`the store exited (${code}): ${out}`)));
      });
      const { api_token: token } = (await login(base, 'Default', 'hardened-key')) as { api_token: string };
      assert.match(await cartThroughCookie(base, token), /You do not have permission to access the API/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('--fixtures starts the store configured like a fixtures file: its release and settings', async () => {
    const profile = path.join(ROOT, 'test/fixtures/profiles/release-3.0.3.8.json');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/store.js'), '--fixtures', profile, '--api-key', 'profile-key'], { cwd: ROOT });
    try {
      let out = '';
      const base = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const url = /^INVOTIDE_TARGET_URL=(.*)$/m.exec(out)?.[1];
          if (url) resolve(url);
        });
        child.on('exit', (code) => reject(new Error(`the store exited (${code}): ${out}`)));
      });
      assert.match(out, /as OpenCart 3\.0\.3\.8 configured like .*release-3\.0\.3\.8\.json/);
      const { api_token: token } = (await login(base, 'Default', 'profile-key')) as { api_token: string };
      const answer = await fetch(`${base}index.php?route=api/cart/products&api_token=${token}`, { method: 'POST' });
      assert.equal(answer.headers.get('expires'), null, 'a 3.0.3.8 store sends no cache headers');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a bad option with one line and exit code 2, and documents every option with its environment variable', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/store.js'), '--api-key', 'has space'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 2);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /^store: --api-key \(or INVOTIDE_STORE_API_KEY\) must be/);
    for (const option of ['--port', 'INVOTIDE_STORE_PORT', '--api-key', 'INVOTIDE_STORE_API_KEY', '--restricted-key', 'INVOTIDE_STORE_RESTRICTED_KEY', '--disabled-key', 'INVOTIDE_STORE_DISABLED_KEY', '--hardened', '--db', '--seed', '--host', '--fixtures', 'INVOTIDE_FIXTURES']) {
      assert.ok(HELP.includes(option), `--help names ${option}`);
    }
  });
});
