// The CLI runs from dist/ only while the build is newer than every source, so an edit is never masked by a stale build.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const { isFresh } = require('../bin/build') as { isFresh(root?: string): boolean };

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
