// The CLI runs from dist/ only while the build is newer than every source, so an edit is never masked by a stale build;
// an installed package, which has its build and no sources, always runs from it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..');
const { isFresh, hasSources } = require('../bin/build') as { isFresh(root?: string): boolean; hasSources(root?: string): boolean };

function project(): { root: string; touch(file: string, at: number): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'invotide-build-'));
  const touch = (file: string, at: number) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
    utimesSync(path.join(root, file), at, at);
  };
  return { root, touch };
}

test('a project never built is not fresh', () => {
  const p = project();
  p.touch('src/runner/cli.ts', 1000);
  assert.equal(isFresh(p.root), false);
});

test('a build newer than every source is fresh; editing any source, deep or SQL, makes it stale', () => {
  const p = project();
  p.touch('src/runner/cli.ts', 1000);
  p.touch('store/db/schema.sql', 1000);
  p.touch('steps/support/world.ts', 1000);
  p.touch('dist/.built', 2000);
  assert.equal(isFresh(p.root), true);
  p.touch('steps/support/world.ts', 3000);
  assert.equal(isFresh(p.root), false);
  p.touch('dist/.built', 4000);
  p.touch('store/db/schema.sql', 5000);
  assert.equal(isFresh(p.root), false);
});

test('files that are not sources (notes, reports) do not make the build stale', () => {
  const p = project();
  p.touch('src/runner/cli.ts', 1000);
  p.touch('dist/.built', 2000);
  p.touch('src/README.md', 3000);
  assert.equal(isFresh(p.root), true);
});

test('an installed package (its build, no sources) is fresh: it never needs ts-node or TypeScript', () => {
  const p = project();
  p.touch('dist/.built', 1000);
  p.touch('dist/src/runner/cli.js', 1000);
  p.touch('features/cart.feature', 3000);
  assert.equal(isFresh(p.root), true);
  assert.equal(hasSources(p.root), false);
});

/** bin/ copied into a project of its own, with what `files` names of it and nothing else. */
function installedBin(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'invotide-bin-'));
  mkdirSync(path.join(root, 'bin'));
  for (const file of ['invotide-conformance.js', 'build.js']) copyFileSync(path.join(ROOT, 'bin', file), path.join(root, 'bin', file));
  writeFileSync(path.join(root, 'package.json'), '{"name":"invotide-conformance","version":"0.0.0"}\n');
  return root;
}

test('a copy with neither its build nor its sources says so in one line, exit 2', (t) => {
  const root = installedBin();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const run = spawnSync(process.execPath, [path.join(root, 'bin/invotide-conformance.js'), '--help'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `invotide-conformance: this copy of the suite has no build (${path.join(root, 'dist')}) and no sources to run: reinstall the package\n`);
});

test('npm run build in an installed package (no sources) builds nothing and succeeds', (t) => {
  const root = installedBin();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const run = spawnSync(process.execPath, [path.join(root, 'bin/build.js')], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(!existsSync(path.join(root, 'dist')));
});
