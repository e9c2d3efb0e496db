// Cucumber matches steps through regexp-match-indices, whose own check for native match indices uses a regexp without
// the `d` flag, never finds them, and parses every step expression with a JavaScript regexp engine (0.3 s of each
// run and of each parallel worker). package.json overrides it with src/shims/regexp-match-indices: the engine's own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CucumberExpression, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';

const fromCucumber = (id: string): string => require.resolve(id, { paths: [require.resolve('@cucumber/cucumber-expressions')] });

describe('step matching', () => {
  it('takes the native path: the module cucumber loads is the shim, and the JavaScript engine is not installed', () => {
    const exec = require(fromCucumber('regexp-match-indices')) as { native?: boolean };
    assert.equal(exec.native, true, `cucumber-expressions loads ${fromCucumber('regexp-match-indices')}`);
    assert.throws(() => fromCucumber('regexp-tree'), /Cannot find module/);
  });

  it('gives the indices the original did, optional groups included, and leaves the regexp as it was', () => {
    const exec = require(fromCucumber('regexp-match-indices')) as (re: RegExp, s: string) => RegExpExecArray & { indices: Array<[number, number] | undefined> };
    const re = /(a+)(x)?(b)/;
    const match = exec(re, 'caab');
    assert.deepEqual([...match.indices], [[1, 4], [1, 3], undefined, [3, 4]]);
    assert.equal(re.flags, '', 'the caller\'s regexp is not changed');
  });

  it('matches a step with parameters, as cucumber does', () => {
    const expression = new CucumberExpression('my cart holds {int} of the {string} product', new ParameterTypeRegistry());
    const args = expression.match('my cart holds 2 of the "simple" product');
    assert.deepEqual(args?.map((a) => a.getValue(null)), [2, 'simple']);
  });
});
