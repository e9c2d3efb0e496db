// The client takes undici's Pool, its dispatchers' request and its decompress interceptor from their own files (src/client/index.ts), not from the
// package's index, which loads all of undici: they must be the very ones the package exports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import * as undici from 'undici';

describe('undici\'s parts the client loads', () => {
  it('are the package\'s own Pool, dispatcher request and decompress interceptor', () => {
    assert.equal(require('undici/lib/dispatcher/pool'), undici.Pool);
    assert.equal(require('undici/lib/api').request, undici.Dispatcher.prototype.request);
    assert.equal(require('undici/lib/interceptor/decompress'), undici.interceptors.decompress);
  });

  it('leave the rest of undici unloaded', () => {
    const loaded = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e',
      "require('./src/client'); console.log(Object.keys(require.cache).filter((f) => f.includes('/node_modules/undici/')).length)"], { cwd: `${__dirname}/..`, encoding: 'utf8' });
    const all = execFileSync(process.execPath, ['-e', "require('undici'); console.log(Object.keys(require.cache).length)"], { cwd: `${__dirname}/..`, encoding: 'utf8' });
    assert.ok(Number(loaded) > 0 && Number(loaded) < Number(all) / 2, `the client loads ${loaded.trim()} of undici's modules; its index ${all.trim()}`);
  });
});
