// The README's "What changed: a behaviour diff" commands, run here as written (from the clone, as a user of it types
// them), each with what it must do: a command of the section without an expectation here fails the test, so the README
// and this test cannot drift apart.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..');

function sectionCommands(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## What changed: a behaviour diff');
  assert.ok(start >= 0, 'the README has a section "What changed: a behaviour diff"');
  const block = /^```sh\n([\s\S]*?)^```/m.exec(readme.slice(start));
  assert.ok(block, 'the section has a sh block');
  return block[1].split('\n').filter((line) => line.trim() !== '');
}

const shown = (r: SpawnSyncReturns<string>): string => `exit ${r.status}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`;
const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

const EXPECTATIONS: Array<{ command: RegExp; check(run: SpawnSyncReturns<string>): void }> = [
  {
    command: /^npm run conformance -- --tags @area:currency --reports-dir tmp\/(before|after)$/,
    check(run) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^conformance: [1-9]\d* passed, 0 failed/m);
    },
  },
  {
    command: /^npm run conformance -- diff tmp\/before tmp\/after$/,
    check(run) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^diff: no difference in [1-9]\d* scenarios/m);
      assert.ok(existsSync(path.join(ROOT, 'tmp/after/diff.md')) && existsSync(path.join(ROOT, 'tmp/after/diff.json')));
    },
  },
  {
    command: /--diff-against tmp\/before --fail-on diff$/,
    check(run) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^diff: no difference in [1-9]\d* scenarios/m);
      assert.equal((json('tmp/after/report.json').diff as { exitCode: number }).exitCode, 0);
      assert.match(readFileSync(path.join(ROOT, 'tmp/after/summary.md'), 'utf8'), /## What changed/);
    },
  },
  {
    command: /--reports-dir tmp\/reference-diff --diff-reference$/,
    check(run) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^reference store: gate: PASS/m);
      assert.match(run.stdout, /^diff: no difference in [1-9]\d* scenarios/m);
      assert.ok(existsSync(path.join(ROOT, 'tmp/reference-diff/reference/exchanges.json')));
    },
  },
];

describe("the README's behaviour diff commands", () => {
  it('run as written and do what the README says', () => {
    for (const dir of ['tmp/before', 'tmp/after', 'tmp/reference-diff']) rmSync(path.join(ROOT, dir), { recursive: true, force: true });
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INVOTIDE_|NODE_TEST_CONTEXT$)/.test(k)));
    for (const line of sectionCommands()) {
      const expectation = EXPECTATIONS.find((e) => e.command.test(line.replace(/\s+#.*$/, '')));
      assert.ok(expectation, `the README's command has an expectation here: ${line}`);
      const run = spawnSync('bash', ['-c', line], { cwd: ROOT, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 180_000 });
      expectation.check(run);
    }
  });
});
