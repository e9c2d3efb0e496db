// One command for everything a user does: `invotide-conformance` runs the suite, and provision, report, docs, store and diff
// are its subcommands, each with a --help of its own; a mistyped command or option is one line and exit code 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS } from '../src/runner/cli';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin/invotide-conformance.js');
const cli = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });

function assertOneLine(run: ReturnType<typeof cli>, pattern: RegExp): void {
  assert.equal(run.status, 2, `exit code 2 expected, got ${run.status}\n${run.stdout}\n${run.stderr}`);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], pattern);
}

describe('invotide-conformance and its commands', () => {
  it('lists every command in --help, each with what it does', () => {
    const run = cli(['--help']);
    assert.equal(run.status, 0, run.stderr);
    for (const [command, what] of Object.entries(COMMANDS)) assert.ok(run.stdout.includes(`  ${command.padEnd(10)} ${what}`), command);
  });

  for (const command of Object.keys(COMMANDS)) {
    it(`${command} --help prints its usage and exits 0`, () => {
      const run = cli([command, '--help']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.match(run.stdout, command === 'run' ? /^Usage: invotide-conformance \[options\]/ : new RegExp(`^Usage: invotide-conformance ${command} `));
    });
  }

  it('answers a mistyped command with the commands there are, and leaves the reports folder alone', (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'invotide-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'reports', 'report.json'), '{"the":"last run"}');
    assertOneLine(cli(['repot', '--merge', 'a', 'b'], dir), /^invotide-conformance: unknown command "repot"; the commands are run, provision, report, docs, store, diff \(see --help\)$/);
    assert.equal(readFileSync(path.join(dir, 'reports', 'report.json'), 'utf8'), '{"the":"last run"}');
  });

  it('answers an unknown option of docs and of report in one line', () => {
    assertOneLine(cli(['docs', '--bogus']), /^docs: Unknown option '--bogus' \(see --help\)$/);
    assertOneLine(cli(['report', '--bogus']), /^report: Unknown option '--bogus' \(see --help\)$/);
    assertOneLine(cli(['diff', '--bogus']), /^diff: Unknown option '--bogus' \(see --help\)$/);
  });

  it('refuses --fail-on diff, --noise and --accept without a diff to make, in one line', () => {
    assertOneLine(cli(['--fail-on', 'diff', '--reports-dir', path.join(mkdtempSync(path.join(tmpdir(), 'invotide-cli-')), 'reports')]), /--fail-on diff needs a diff to fail on: --diff-against DIR or --diff-reference$/);
    assertOneLine(cli(['--noise', 'x', '--reports-dir', path.join(mkdtempSync(path.join(tmpdir(), 'invotide-cli-')), 'reports')]), /--noise and --accept go with --diff-against DIR or --diff-reference$/);
    assertOneLine(cli(['--diff-against', '/nonexistent-folder', '--reports-dir', path.join(mkdtempSync(path.join(tmpdir(), 'invotide-cli-')), 'reports')]), /--diff-against: \/nonexistent-folder: no such folder$/);
  });

  it('answers npm run docs -- --help and npm run report -- --help in a clone (docs said "Unknown option")', () => {
    for (const script of ['docs', 'report']) {
      const run = spawnSync('npm', ['run', '--silent', script, '--', '--help'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Usage: invotide-conformance ${script} `));
    }
  });
});
