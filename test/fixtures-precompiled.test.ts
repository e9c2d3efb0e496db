// The fixtures schema's validator as code, written by the build (src/fixtures.ts): the same verdicts and the same
// errors as the schema compiled at run time, and named by the digest of the schema it was made from.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { FIXTURES_SCHEMA, writeFixturesPrecompiled } from '../src/fixtures';

const ROOT = path.join(__dirname, '..');

describe('the precompiled fixtures validator', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-fixtures-schema-')), 'fixtures-schema.precompiled.js');
  writeFixturesPrecompiled(file);
  const precompiled = require(file) as ((data: unknown) => boolean) & { errors?: unknown[]; digest: string };
  const compiled = new Ajv2020({ strict: true, allowUnionTypes: true, verbose: true }).compile(JSON.parse(readFileSync(FIXTURES_SCHEMA, 'utf8')));

  it('is named by the digest of the schema it was made from', () => {
    assert.equal(precompiled.digest, createHash('sha256').update(readFileSync(FIXTURES_SCHEMA, 'utf8')).digest('hex'));
  });

  it('judges fixtures files as the schema compiled at run time does, with the same errors', () => {
    const shipped = JSON.parse(readFileSync(path.join(ROOT, 'targets', 'provisioned.json'), 'utf8')) as Record<string, unknown>;
    const cases: unknown[] = [
      shipped,
      { name: 'staging', extends: 'provisioned.json', store: { url: 'http://127.0.0.1:1/' } },
      { name: 'staging', store: { nme: 'a typo' } },
      { name: 'staging', currencies: { default: { code: 7 } } },
      { name: 'staging', shipping_methods: { flat: { cost: ['7.50'] } } },
      { nam: 'no name' },
    ];
    for (const data of cases) {
      const verdict = compiled(data);
      assert.equal(precompiled(data), verdict, JSON.stringify(data));
      const strip = (errors: unknown) => JSON.parse(JSON.stringify(errors ?? null)) as unknown;
      assert.deepEqual(strip(precompiled.errors), strip(compiled.errors), JSON.stringify(data));
    }
  });
});
