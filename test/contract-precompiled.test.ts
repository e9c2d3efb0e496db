// The build's precompiled validators (src/contract/precompiled.ts) must judge every answer exactly as the schemas
// compiled at run time do, and must never be used for a contract other than the one they were made from.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Contract } from '../src/contract';
import { contractDigest, loadPrecompiled, PRECOMPILED_FILE, readOpenapi } from '../src/contract/precompiled';

const ROOT = path.join(__dirname, '..');
const recorded = (JSON.parse(readFileSync(path.join(__dirname, 'fixtures/observed/exchanges.json'), 'utf8')) as Array<{ body?: string }>)
  .map((e) => { try { return JSON.parse(e.body ?? ''); } catch { return undefined; } })
  .filter((b) => b !== undefined);

describe('precompiled contract', () => {
  // Inside the project, as the build's own is: the generated code requires Ajv's runtime from node_modules.
  mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  const file = path.join(ROOT, 'dist', `.precompiled-test-${process.pid}.js`);
  Contract.load(ROOT, null).writePrecompiled(file);
  const fromBuild = Contract.load(ROOT, file);
  const compiledHere = Contract.load(ROOT, null);
  process.on('exit', () => rmSync(file, { force: true }));

  it('is used when it was made from this contract', () => {
    assert.equal(fromBuild.precompiledByBuild, true);
    assert.equal(compiledHere.precompiledByBuild, false);
  });

  it('gives every variant the same verdict as run-time compilation, on every recorded answer and on odd bodies', () => {
    const bodies = [...recorded, {}, [], null, 'x', { error: { warning: 7 } }, { success: 'Success', extra: [1] }];
    assert.ok(recorded.length > 100, `the recording has answers (${recorded.length})`);
    let matches = 0;
    for (const title of compiledHere.variantTitles()) {
      for (const body of bodies) {
        const expected = compiledHere.validateVariant(title, body);
        assert.deepEqual(fromBuild.validateVariant(title, body), expected, `${title} on ${JSON.stringify(body).slice(0, 80)}`);
        if (expected.length === 0) matches++;
      }
    }
    assert.ok(matches >= recorded.length, `the recorded answers match their variants (${matches} matches)`);
  });

  it("the build's own file is used whenever it was made from the current contract", () => {
    const current = contractDigest(readOpenapi(ROOT), compiledHere.files);
    const built = existsSync(PRECOMPILED_FILE) ? (require(PRECOMPILED_FILE) as { digest: string }).digest : undefined;
    // In a clone just installed (CI), `npm ci` built it; after an edit of the contract it is compiled at run time.
    if (process.env.CI) assert.equal(built, current, 'npm ci (its build) writes the precompiled contract');
    if (built !== current) return;
    assert.equal(Contract.load(ROOT).precompiledByBuild, true);
  });

  it('is refused for any other contract', () => {
    assert.equal(loadPrecompiled('0'.repeat(64), file), undefined);
    assert.equal(loadPrecompiled('anything', path.join(path.dirname(file), 'absent.js')), undefined);
  });
});
