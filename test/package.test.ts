// The suite as a store's own repository gets it: packed (`npm pack`, which builds it), installed into an empty project,
// and every command the README's "Use it from your own repository" gives run there as written, on Node 20, 22 and 24
// (the builds the npm registry serves; a version that cannot be had is skipped with the reason). Only the install line
// differs: the package's name is replaced by the tarball's path, as it is not published from here.
//
// On Node 20, better-sqlite3 installs a prebuilt binary it downloads from GitHub; where only the npm registry is
// reachable it compiles one (a minute or more of CPU). The first compiled binary is kept as a local prebuild
// (prebuild-install's npm_config_<package>_local_prebuilds) and found by the runs after it, as a download would be.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { COMMANDS } from '../src/runner/cli';

const ROOT = path.resolve(__dirname, '..');
const NODE_VERSIONS = [20, 22, 24] as const;
/** What a copy of this repository needs to be packed: everything but what is installed, built or written by runs. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'reports', '.stryker-tmp', 'tmp']);
/** better-sqlite3 binaries compiled by earlier runs, named as prebuild-install names a download. */
const PREBUILDS = path.join(tmpdir(), 'invotide-conformance-prebuilds');

/** The commands of the README's section, one per line, with their comments, as a user would paste them. */
function readmeCommands(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Use it from your own repository');
  assert.ok(start >= 0, 'the README has a section "Use it from your own repository"');
  const block = /^```sh\n([\s\S]*?)^```/m.exec(readme.slice(start));
  assert.ok(block, 'the section has a sh block');
  return block[1].split('\n').filter((line) => line.trim() !== '');
}

const withoutComment = (line: string): string => line.replace(/\s+#.*$/, '').trim();

/** An environment for a user's shell: this Node first on the PATH, nothing of this run's npm or of the suite's. */
function userEnv(nodeDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm_|INVOTIDE_|TS_NODE_|NODE_OPTIONS$|NODE_TEST_CONTEXT$)/i.test(k)),
  ) as NodeJS.ProcessEnv;
  return {
    ...env,
    PATH: `${nodeDir}${path.delimiter}${process.env.PATH ?? ''}`,
    // Only the npm registry is reachable here: what the cache holds is taken from it.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

function sh(line: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 600_000): SpawnSyncReturns<string> {
  return spawnSync('sh', ['-c', line], { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}

const shown = (run: SpawnSyncReturns<string>): string => `exit ${run.status}${run.error ? ` (${run.error.message})` : ''}\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`;

/** The Node.js binary of a major version: this one, or the registry's build through npx; undefined with why not. */
function nodeBinary(major: number): { bin?: string; why?: string } {
  if (Number(process.versions.node.split('.')[0]) === major) return { bin: process.execPath };
  const run = spawnSync('npx', ['-y', `node@${major}`, '-p', 'process.execPath'], { encoding: 'utf8', timeout: 300_000 });
  const bin = run.stdout.trim();
  if (run.status === 0 && bin && existsSync(bin)) return { bin };
  return { why: `npx -y node@${major} could not get Node ${major} from the npm registry: ${(run.stderr || run.error?.message || '').trim().split('\n').pop()}` };
}

interface Project {
  dir: string;
  env: NodeJS.ProcessEnv;
  major: number;
  tarball: string;
}

/** The binary better-sqlite3 built, as a local prebuild for the next run (the name prebuild-install looks for). */
function keepPrebuild(module: string, p: Project): void {
  const { version } = JSON.parse(readFileSync(path.join(module, 'package.json'), 'utf8')) as { version: string };
  const abi = sh('node -p process.versions.modules', p.dir, p.env).stdout.trim();
  const musl = sh('ldd --version 2>&1', p.dir, p.env).stdout.includes('musl') ? 'musl' : '';
  const name = `better-sqlite3-v${version}-node-v${abi}-${process.platform}${musl}-${process.arch}.tar.gz`;
  if (existsSync(path.join(PREBUILDS, name))) return;
  mkdirSync(PREBUILDS, { recursive: true });
  const temporary = path.join(PREBUILDS, `${name}.${process.pid}.tmp`);
  const tar = spawnSync('tar', ['-czf', temporary, '-C', module, 'build/Release/better_sqlite3.node'], { encoding: 'utf8' });
  if (tar.status === 0) renameSync(temporary, path.join(PREBUILDS, name));
}

const json = (file: string): { [key: string]: unknown } => JSON.parse(readFileSync(file, 'utf8')) as { [key: string]: unknown };
type Totals = { conformance: { passed: number; failed: number; skipped: number } };
const totals = (file: string): Totals['conformance'] => (json(file).totals as Totals).conformance;

/**
 * What each README command must do. A command of the section with no entry here fails the test, so the README and
 * this test cannot drift apart.
 */
const EXPECTATIONS: Array<{ command: RegExp; check(run: SpawnSyncReturns<string>, p: Project, match: RegExpExecArray): void }> = [
  {
    command: /^npm install --save-dev invotide-conformance$/,
    check(run, p) {
      assert.equal(run.status, 0, shown(run));
      const installed = path.join(p.dir, 'node_modules');
      assert.ok(existsSync(path.join(installed, 'invotide-conformance', 'dist', '.built')), 'the package comes built');
      for (const compiler of ['typescript', 'ts-node']) assert.ok(!existsSync(path.join(installed, compiler)), `${compiler} is not installed: nothing needs it at run time`);
      if (p.major >= 22) assert.ok(!existsSync(path.join(installed, 'better-sqlite3')), 'no native module on Node 22 and later');
      const ls = sh('npm ls --all', p.dir, p.env);
      assert.equal(ls.status, 0, `npm ls finds every dependency valid: ${shown(ls)}`);
    },
  },
  {
    command: /^npm install --save-dev better-sqlite3$/,
    check(run, p) {
      assert.equal(run.status, 0, shown(run));
      const module = path.join(p.dir, 'node_modules', 'better-sqlite3');
      assert.ok(existsSync(path.join(module, 'build', 'Release', 'better_sqlite3.node')));
      keepPrebuild(module, p);
    },
  },
  {
    command: /^npx invotide-conformance --help$/,
    check(run) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^Usage: invotide-conformance \[options\]/);
      for (const command of Object.keys(COMMANDS)) assert.match(run.stdout, new RegExp(`^  ${command} `, 'm'), `--help names ${command}`);
      assert.equal(run.stderr, '');
    },
  },
  {
    command: /^npx invotide-conformance --tags @area:cart$/,
    check(run, p) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^Target: embedded reference store at http:\/\/127\.0\.0\.1:\d+\//m);
      assert.match(run.stdout, /^gate: PASS/m);
      assert.match(run.stdout, /^conformance: [1-9]\d* passed, 0 failed, 0 skipped/m);
      // node:sqlite says it is experimental on first use; the store keeps that out of the user's output.
      assert.doesNotMatch(run.stderr, /Warning|Error/, run.stderr);
      assert.equal(totals(path.join(p.dir, 'reports', 'report.json')).failed, 0);
    },
  },
  {
    command: /^npx invotide-conformance provision --prefix oc_ --allow-ip 203\.0\.113\.7 > provision\.sql$/,
    check(run, p) {
      assert.equal(run.status, 0, shown(run));
      const sql = readFileSync(path.join(p.dir, 'provision.sql'), 'utf8');
      assert.match(sql, /INSERT INTO `?oc_product`?/);
      assert.doesNotMatch(sql, /\bin_product\b/, 'every table carries the prefix given');
      assert.match(run.stderr, /^INVOTIDE_API_KEY=\w+$/m, 'the keys of the users it adds, for .env');
      assert.match(sql, /203\.0\.113\.7/, "the address the suite's API user may log in from");
    },
  },
  {
    command: /^echo '(\{.*\})' > staging\.json$/,
    check(run, p) {
      assert.equal(run.status, 0, shown(run));
      assert.equal(json(path.join(p.dir, 'staging.json')).extends, 'provisioned.json', 'a fixtures file of the user\'s own that extends the shipped one');
      assert.ok(!existsSync(path.join(p.dir, 'provisioned.json')), 'the file it extends is the package\'s');
    },
  },
  {
    command: /^npx invotide-conformance --fixtures staging\.json --tags @area:cart$/,
    check(run, p) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^gate: PASS/m);
      const report = json(path.join(p.dir, 'reports', 'report.json'));
      assert.equal(path.basename(String((report.target as { fixtures: string }).fixtures)), 'staging.json', 'the run read the user\'s file');
      assert.equal(totals(path.join(p.dir, 'reports', 'report.json')).skipped, 0, 'nothing lacking: the shipped file it extends was found');
    },
  },
  {
    command: /^npx invotide-conformance --shard ([12])\/2 --reports-dir shards\/\1$/,
    check(run, p, match) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^gate: PASS/m);
      assert.ok(totals(path.join(p.dir, 'shards', match[1], 'report.json')).passed > 0, `shard ${match[1]} ran scenarios`);
    },
  },
  {
    command: /^npx invotide-conformance report --merge shards\/1 shards\/2 --no-html$/,
    check(run, p) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^merged 2 reports into reports$/m);
      assert.match(run.stdout, /^gate: PASS/m);
      const [one, two, merged] = ['shards/1', 'shards/2', 'reports'].map((d) => totals(path.join(p.dir, d, 'report.json')));
      assert.ok(one.passed > 0 && two.passed > 0, 'each shard ran scenarios of its own');
      assert.equal(merged.passed, one.passed + two.passed);
      assert.ok(existsSync(path.join(p.dir, 'reports', 'junit.xml')) && existsSync(path.join(p.dir, 'reports', 'summary.md')));
    },
  },
  {
    command: /^npx invotide-conformance docs$/,
    check(run, p) {
      assert.equal(run.status, 0, shown(run));
      assert.match(run.stdout, /^docs: \d+ pages in reports\/docs \(open reports\/docs\/index\.html\)$/m);
      const docs = path.join(p.dir, 'reports', 'docs');
      assert.ok(existsSync(path.join(docs, 'api.html')), 'the OpenAPI reference, rendered from the package\'s contract');
      assert.match(readFileSync(path.join(docs, 'index.html'), 'utf8'), /passed/);
      assert.equal(readdirSync(path.join(docs, 'routes')).length, 24, 'a page per route');
    },
  },
];

describe('the package, installed into a project of its own', () => {
  let work: string;
  let tarball: string;
  let entries: string[];

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'invotide-package-'));
    // Packed from a copy, so the build `npm pack` runs (prepare) never replaces this checkout's dist/ under other tests.
    const copy = path.join(work, 'suite');
    cpSync(ROOT, copy, { recursive: true, filter: (source) => !NOT_COPIED.has(path.relative(ROOT, source).split(path.sep)[0]) });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const pack = spawnSync('npm', ['pack', '--pack-destination', work], { cwd: copy, env: userEnv(path.dirname(process.execPath)), encoding: 'utf8', timeout: 600_000 });
    assert.equal(pack.status, 0, shown(pack));
    tarball = path.join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    entries = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((e) => e.replace(/^package\//, ''));
    rmSync(copy, { recursive: true, force: true });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the build, the contract, the features and the targets, and no tests, TypeScript or source maps', (t) => {
    t.diagnostic(`${path.basename(tarball)}: ${entries.length} files`);
    for (const file of ['package.json', 'LICENSE', 'README.md', 'bin/invotide-conformance.js', 'dist/.built', 'dist/src/runner/cli.js', 'dist/store/db/schema.sql', 'dist/contract.precompiled.js', 'dist/steps/support/world.js', 'src/runner/quiet-formatter.js', 'cucumber.js', 'openapi.yaml', 'redocly.yaml']) {
      assert.ok(entries.includes(file), `the tarball has ${file}`);
    }
    // The suite's data, whole: what the runs read (contract, features, shipped fixtures and deviations) and the docs.
    for (const folder of ['features', 'schemas', 'targets', 'docs']) {
      for (const file of readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true }).filter((f) => f.isFile())) {
        const relative = path.relative(ROOT, path.join(file.parentPath ?? file.path, file.name));
        assert.ok(entries.includes(relative), `the tarball has ${relative}`);
      }
    }
    const unwanted = entries.filter((e) => /^(test|bench|\.github|\.ci|store|steps)\/|^stryker|\.ts$|\.map$|^tsconfig/.test(e) || (e.startsWith('src/') && e !== 'src/runner/quiet-formatter.js'));
    assert.deepEqual(unwanted, []);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string; private?: boolean };
    assert.equal(pkg.license, 'MIT');
    assert.equal(pkg.private, undefined);
  });

  for (const major of NODE_VERSIONS) {
    it(`runs every command of the README's "Use it from your own repository" on Node ${major}`, async (t: TestContext) => {
      const { bin, why } = nodeBinary(major);
      if (!bin) return t.skip(why);
      const started = Date.now();
      const dir = path.join(work, `node-${major}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: `store-${major}`, version: '1.0.0', private: true }, null, 2)}\n`);
      const p: Project = { dir, env: userEnv(path.dirname(bin)), major, tarball };
      const version = sh('node --version', dir, p.env);
      assert.match(version.stdout, new RegExp(`^v${major}\\.`), 'the project runs the Node asked for');
      for (const line of readmeCommands()) {
        const command = withoutComment(line);
        const expectation = EXPECTATIONS.find((e) => e.command.test(command));
        assert.ok(expectation, `the README's command has an expectation here: ${command}`);
        if (/Node 20 only/.test(line) && major !== 20) continue;
        if (/better-sqlite3/.test(command)) {
          // Before it is installed, the embedded store says what it lacks, in one line.
          const without = sh('npx invotide-conformance --tags @area:cart', dir, p.env);
          await t.test('without better-sqlite3 on Node 20, the embedded store names the command that installs it', () => {
            assert.equal(without.status, 2, shown(without));
            const lines = without.stderr.trim().split('\n');
            assert.equal(lines.length, 1, without.stderr);
            assert.match(lines[0], /^invotide-conformance: configuration error: the embedded reference store needs SQLite: Node\.js 22\.13 or later has it built in, and on Node\.js 20\.\d+\.\d+ better-sqlite3 is not installed \(npm install --save-dev better-sqlite3\)\.$/);
          });
        }
        const typed = command === 'npm install --save-dev invotide-conformance' ? line.replace('invotide-conformance', tarball) : line;
        const at = Date.now();
        // npm warns of a configuration it does not know: only better-sqlite3's install is told of the local prebuilds.
        const run = sh(typed, dir, /better-sqlite3/.test(command) ? { ...p.env, npm_config_better_sqlite3_local_prebuilds: PREBUILDS } : p.env);
        let failed = false;
        await t.test(command, () => {
          try {
            expectation.check(run, p, expectation.command.exec(command)!);
          } catch (error) {
            failed = true;
            throw error;
          }
        });
        t.diagnostic(`${command}: ${((Date.now() - at) / 1000).toFixed(1)} s`);
        // What follows a failed command would only fail after it.
        if (failed) break;
      }
      t.diagnostic(`Node ${version.stdout.trim()}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    });
  }
});
