// Every command the README or docs/ tells someone to type is run by a test, exactly as written: a documented command
// that silently broke is a defect we have shipped before. This test reads each sh block, and every command line in it
// must be either run here or named in the ledger below with the test that runs it, which must hold the command's text
// (as a string, or in the pattern it matches the README with). A new documented command without an entry fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';

const ROOT = path.resolve(__dirname, '..');
const DOCUMENTS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The command lines of a document's sh blocks, without their comments; `.env` lines (NAME=value alone) are settings. */
function documentedCommands(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)]
    .flatMap((m) => m[1].split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !/^[A-Z][A-Z0-9_]*=\S*$/.test(line));
}

/** Where each documented command runs (a test file that holds its text), or `here` (this file runs it). */
const LEDGER: Record<string, { test: string; holds?: string } | 'here'> = {
  // test/package.test.ts runs the README's "Use it from your own repository" in an installed project on Node 20, 22, 24.
  // .ci/run runs `npm ci` then `npm test`, whose last step is `npm run conformance`.
  'npm ci && npm run conformance': { test: 'package.json', holds: 'npm run conformance' },
  'npm ci && npm test': { test: '.ci/run', holds: 'npm test' },
  'npx invotide-conformance provision --prefix oc_ --allow-ip 203.0.113.7 > provision.sql': { test: 'test/package.test.ts' },
  // The provisioning SQL applied with the mysql client to a private MariaDB.
  'mysql -u shopuser -p shop < provision.sql': { test: 'test/provision-mariadb.test.ts', holds: 'mysql' },
  'npx invotide-conformance --env-file .env --report': 'here',
  'npm run store -- --port 8080 --api-key local-default': { test: 'test/store-main.test.ts', holds: "'--api-key'" },
  'INVOTIDE_STORE_PORT=8080 INVOTIDE_STORE_API_KEY=local-default npm run store': { test: 'test/store-main.test.ts', holds: 'INVOTIDE_STORE_API_KEY' },
  'npm install --save-dev invotide-conformance': { test: 'test/package.test.ts' },
  'npm install --save-dev better-sqlite3': { test: 'test/package.test.ts' },
  'npx invotide-conformance --help': { test: 'test/package.test.ts' },
  'npx invotide-conformance --tags @area:cart': { test: 'test/package.test.ts' },
  'echo \'{ "name": "staging", "extends": "provisioned.json" }\' > staging.json': { test: 'test/package.test.ts' },
  'npx invotide-conformance --fixtures staging.json --tags @area:cart': { test: 'test/package.test.ts' },
  'npx invotide-conformance --shard 1/2 --reports-dir shards/1': { test: 'test/package.test.ts' },
  'npx invotide-conformance --shard 2/2 --reports-dir shards/2': { test: 'test/package.test.ts' },
  'npx invotide-conformance report --merge shards/1 shards/2 --no-html': { test: 'test/package.test.ts' },
  'npx invotide-conformance docs': { test: 'test/package.test.ts' },
  // test/diff-readme.test.ts runs the README's "What changed: a behaviour diff" from the clone.
  'npm run conformance -- --tags @area:currency --reports-dir tmp/before': { test: 'test/diff-readme.test.ts' },
  'npm run conformance -- --tags @area:currency --reports-dir tmp/after': { test: 'test/diff-readme.test.ts' },
  'npm run conformance -- diff tmp/before tmp/after': { test: 'test/diff-readme.test.ts' },
  'npm run conformance -- --tags @area:currency --reports-dir tmp/after --diff-against tmp/before --fail-on diff': { test: 'test/diff-readme.test.ts' },
  'npm run conformance -- --tags @area:currency --reports-dir tmp/reference-diff --diff-reference': { test: 'test/diff-readme.test.ts' },
};

describe('every documented command', () => {
  const commands = DOCUMENTS.flatMap((file) => documentedCommands(file).map((command) => ({ file, command })));

  it('is in the ledger, and the test it names holds it', () => {
    assert.ok(commands.length >= 15, `only ${commands.length} documented commands found`);
    const missing = commands.filter(({ command }) => !(command in LEDGER));
    assert.deepEqual(missing, [], 'documented commands no test runs: add each to LEDGER with the test that runs it exactly as written');
    for (const { command } of commands) {
      const entry = LEDGER[command];
      if (entry === 'here') continue;
      const text = readFileSync(path.join(ROOT, entry.test), 'utf8');
      // The test holds the command's text, or a pattern it matches the documented line with (`command: /^…$/`).
      const patterns = [...text.matchAll(/command: \/(.+)\/,$/gm)].map((m) => new RegExp(m[1]));
      assert.ok(text.includes(entry.holds ?? command) || patterns.some((p) => p.test(command)), `${entry.test} does not hold "${entry.holds ?? command}", so it does not run \`${command}\``);
    }
  });

  it('lists no command the documents no longer give', () => {
    const documented = new Set(commands.map((c) => c.command));
    assert.deepEqual(Object.keys(LEDGER).filter((c) => !documented.has(c)), []);
  });
});

describe('npx invotide-conformance --env-file .env --report, as the README\'s "Running against your store" gives it', () => {
  let store: ReferenceStore;
  let project: string;
  before(async () => {
    store = createStore({});
    const url = await store.listen(0, '127.0.0.1');
    // A project of the user's with the suite installed: npx finds the command in node_modules/.bin.
    project = mkdtempSync(path.join(tmpdir(), 'invotide-documented-'));
    mkdirSync(path.join(project, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(path.join(ROOT, 'bin', 'invotide-conformance.js'), path.join(project, 'node_modules', '.bin', 'invotide-conformance'));
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'staging-store', private: true }));
    writeFileSync(path.join(project, '.env'), [
      `INVOTIDE_TARGET_URL=${url}`, `INVOTIDE_API_KEY=${store.apiKey}`, 'INVOTIDE_RESTRICTED_USERNAME=Restricted', `INVOTIDE_RESTRICTED_KEY=${store.restrictedKey}`,
      'INVOTIDE_ALTERNATE_SOURCE_ADDRESS=127.0.0.2', `INVOTIDE_FIXTURES=${path.join(ROOT, 'targets', 'provisioned.json')}`, '',
    ].join('\n'));
  });
  after(async () => store?.close());

  it('judges the store and writes every report', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|INVOTIDE_|NODE_TEST_CONTEXT$)/i.test(k))) as NodeJS.ProcessEnv;
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('sh', ['-c', 'npx invotide-conformance --env-file .env --report'], { cwd: project, env: { ...env, npm_config_update_notifier: 'false' } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
    assert.equal(run.code, 0, run.out.slice(-3000));
    assert.match(run.out, /^conformance: \d+ passed, 0 failed/m);
    for (const file of ['report.json', 'summary.md', 'junit.xml', 'allure-report/index.html']) {
      assert.ok(existsSync(path.join(project, 'reports', file)), `reports/${file}`);
    }
  });
});
