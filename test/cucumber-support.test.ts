// The steps take cucumber-js's support-code functions from steps/support/cucumber.ts, which loads them without the
// package's command line (a third of a worker's start-up): they must be the package's very own.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cucumber from '@cucumber/cucumber';
import * as facade from '../steps/support/cucumber';

const ROOT = path.join(__dirname, '..');

describe('cucumber-js\'s support-code functions, without its command line', () => {
  it('are the methods of the support code library @cucumber/cucumber exports, and its World and Status', () => {
    // The package's own instance (cucumber refuses support code defined on another one).
    const builder = require('@cucumber/cucumber/lib/support_code_library_builder/index').default as unknown;
    assert.equal(builder, cucumber.supportCodeLibraryBuilder);
    assert.equal(facade.World, cucumber.World);
    assert.equal(facade.Status, cucumber.Status);
    // Its methods are a proxy that wraps each function anew on every read: the same names, each a function of it.
    const names = Object.keys(facade).filter((k) => !['__esModule', 'World', 'Status'].includes(k));
    assert.ok(names.length >= 11, names.join(', '));
    for (const name of names) {
      assert.equal(typeof (facade as Record<string, unknown>)[name], 'function', name);
      assert.equal(typeof (cucumber as Record<string, unknown>)[name], 'function', `@cucumber/cucumber exports ${name}`);
      assert.ok(name in cucumber.supportCodeLibraryBuilder.methods, name);
    }
  });

  it('load without the command line, the argument parser or the formatters', () => {
    const loaded = JSON.parse(execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', `require(${JSON.stringify(path.join(ROOT, 'steps/support/cucumber.ts'))}); console.log(JSON.stringify(Object.keys(require.cache)))`], { cwd: ROOT, encoding: 'utf8' })) as string[];
    const cucumberFiles = loaded.filter((f) => f.includes(`${path.sep}@cucumber${path.sep}cucumber${path.sep}lib${path.sep}`)).map((f) => f.replace(/^.*@cucumber\/cucumber\/lib\//, ''));
    assert.ok(cucumberFiles.includes('support_code_library_builder/index.js'));
    for (const heavy of ['cli/index.js', 'api/index.js', 'configuration/index.js', 'formatter/progress_formatter.js']) assert.ok(!cucumberFiles.includes(heavy), `${heavy} is loaded`);
  });
});
