#!/usr/bin/env node
// `npm run build` (also run by `npm ci` and `npm pack`, through `prepare`): compiles the runner, steps and store to
// dist/ so a run loads no TypeScript compiler (about 1 s less per process); the package ships that build. The CLI uses dist/ only while it is newer than every
// source it was built from, and runs the TypeScript sources through ts-node otherwise, so an edit is never masked
// by a stale build.
const { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.built');
const SOURCES = ['src', 'store', 'steps'];
const ASSETS = ['store/db/schema.sql'];

function newestSource(dir, top) {
  let newest = 0;
  for (const name of top ? SOURCES : readdirSync(dir)) {
    const file = path.join(dir, name);
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) newest = Math.max(newest, newestSource(file, false));
    else if (/\.(ts|sql)$/.test(name)) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** Whether dist/ (under root) was built after the last change to any source. */
function isFresh(root = ROOT) {
  const built = statSync(path.join(root, 'dist', '.built'), { throwIfNoEntry: false });
  return Boolean(built) && built.mtimeMs >= newestSource(root, true);
}

function build() {
  const { execFileSync } = require('node:child_process');
  // From scratch: a module moved or deleted in the sources must not live on in dist/.
  rmSync(DIST, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  for (const asset of ASSETS) cpSync(path.join(ROOT, asset), path.join(DIST, asset));
  // The contract's validators as code, so a worker neither parses openapi.yaml nor compiles schemas (precompiled.ts).
  require(path.join(DIST, 'src/contract')).Contract.load(ROOT).writePrecompiled();
  // The fixtures schema's validator too: compiling it was a third of a second of every run's start (src/fixtures.ts).
  require(path.join(DIST, 'src/fixtures')).writeFixturesPrecompiled();
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** Whether this copy has the TypeScript sources: a clone does, an installed package has only its build. */
function hasSources(root = ROOT) {
  return existsSync(path.join(root, 'src', 'runner', 'cli.ts'));
}

/** Why a module of the project cannot be loaded here, in one line for the user. */
class NoBuildError extends Error {}

/**
 * Loads a module of the project (a path like 'src/runner/cli') from the build while it is fresh, else from its
 * TypeScript source through ts-node in transpile-only mode (type-checking is `npm run typecheck`). An installed
 * package has no sources, so its build is always fresh: it never needs ts-node or TypeScript.
 */
function requireProject(relative) {
  if (isFresh()) {
    process.setSourceMapsEnabled(true); // stack traces name the TypeScript lines
    return require(path.join(DIST, relative));
  }
  if (!hasSources()) throw new NoBuildError(`this copy of the suite has no build (${DIST}) and no sources to run: reinstall the package`);
  try {
    require.resolve('ts-node');
  } catch {
    throw new NoBuildError('the build (dist/) is older than the sources and ts-node is not installed: run npm ci, or npm run build');
  }
  // cucumber's requireModule registers ts-node again, which looks for a tsconfig from the working directory: point it
  // at ours, so the suite runs from any folder (npx in a user's own project).
  process.env.TS_NODE_PROJECT ??= path.join(ROOT, 'tsconfig.json');
  process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';
  require('ts-node').register({ transpileOnly: true, project: process.env.TS_NODE_PROJECT });
  return require(path.join(ROOT, relative));
}

module.exports = { isFresh, hasSources, requireProject, NoBuildError };

if (require.main === module) {
  // An installed package (its build shipped, no sources) has nothing to build, and no compiler to build with.
  if (!hasSources()) process.exit(0);
  try {
    build();
  } catch {
    console.error('build: tsc failed (see above)');
    process.exit(1);
  }
}
