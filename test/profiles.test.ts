// The reference store configured like stores that differ from a fresh install (test/fixtures/profiles/): each profile's
// run must end without a failure, with the scenarios its expectations name passed or not applicable. Together the
// profiles take every branch docs/store-settings.md lists, so `npm test` judges each on the embedded store.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunReport } from '../src/reports/results';
import { runCli } from './support/cli';

const DIR = path.join(__dirname, 'fixtures', 'profiles');

interface Expectations {
  tags?: string;
  passed: string[];
  notApplicable: string[];
}

describe('the reference store configured like other stores', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'))) {
    const name = file.replace(/\.json$/, '');
    const expected = JSON.parse(readFileSync(path.join(DIR, `${name}.expect.json`), 'utf8')) as Expectations;
    it(`${name}: no failure, and each branch it names taken`, async () => {
      const args = ['--fixtures', path.join(DIR, file), '--parallel', '2', ...(expected.tags ? ['--tags', expected.tags] : [])];
      const run = await runCli(args, { INVOTIDE_FIXTURES: '' });
      const cwd = run.cwd!;
      const report = JSON.parse(readFileSync(path.join(cwd, 'reports', 'report.json'), 'utf8')) as RunReport;
      const failed = report.scenarios.filter((s) => !['passed', 'not-applicable', 'skipped'].includes(s.outcome));
      assert.deepEqual(failed.map((s) => `${s.id}: ${(s.reason ?? '').split('\n')[0]}`), [], `${name}: ${run.stdout.slice(-2000)}`);
      assert.equal(run.code, 0, run.stderr || run.stdout.slice(-2000));
      const outcome = (id: string) => report.scenarios.find((s) => s.id === id)?.outcome ?? 'not run';
      for (const id of expected.passed) assert.equal(outcome(id), 'passed', `${name}: ${id}`);
      for (const id of expected.notApplicable) assert.equal(outcome(id), 'not-applicable', `${name}: ${id}`);
    });
  }
});
