// The contract compiled at build time (`npm run build`): openapi.yaml as JSON, and every response variant's validator
// as Ajv standalone code (https://ajv.js.org/standalone.html). Each parallel worker loads the contract, and parsing the
// YAML and compiling the schemas was most of a worker's start-up; from this file it is a require. The file names the
// digest of the contract it was made from and is used only when that digest is the current one, so an edit of
// openapi.yaml or schemas/ is never masked by a stale build (the contract is then compiled at run time, as before).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type standaloneCode from 'ajv/dist/standalone';
import type { SchemaFiles } from './schemas';
import { PROJECT_ROOT } from '../paths';

export const PRECOMPILED_FILE = path.join(PROJECT_ROOT, 'dist', 'contract.precompiled.js');

export interface Precompiled {
  digest: string;
  doc: unknown;
  validators: Record<string, (body: unknown) => boolean>;
}

/** The digest of openapi.yaml's text and every schema file, as the contract read them. */
export function contractDigest(openapiText: string, files: SchemaFiles): string {
  const hash = createHash('sha256').update(openapiText);
  for (const [id, schema] of files.byId) hash.update(`\0${id}\0${JSON.stringify(schema)}`);
  return hash.digest('hex');
}

/** The precompiled contract when it was made from exactly this contract, else undefined. */
export function loadPrecompiled(digest: string, file = PRECOMPILED_FILE): Precompiled | undefined {
  let module: Precompiled;
  try {
    module = require(file) as Precompiled;
  } catch {
    return undefined;
  }
  return module.digest === digest ? module : undefined;
}

/** Writes the precompiled module: `refs` are the variants' schema refs, compiled by `ajv` (made with code.source). */
export function writePrecompiled(digest: string, openapiText: string, ajv: Parameters<typeof standaloneCode>[0], refs: string[], file = PRECOMPILED_FILE): void {
  // Build time only: a run loads neither.
  const standalone = (require('ajv/dist/standalone') as { default: typeof standaloneCode }).default;
  const validators = standalone(ajv, Object.fromEntries(refs.map((ref) => [ref, ref])));
  const doc = JSON.stringify((require('yaml') as typeof import('yaml')).parse(openapiText));
  // standaloneCode writes `exports["ref"] = …` beside "use strict"; the validators object gathers them.
  writeFileSync(file, `${validators}\nexports.validators = Object.assign({}, exports);\nexports.digest = ${JSON.stringify(digest)};\nexports.doc = ${doc};\n`);
}

/** Reads openapi.yaml's text (one place, so the digest and the parse see the same bytes). */
export function readOpenapi(rootDir: string): string {
  return readFileSync(path.join(rootDir, 'openapi.yaml'), 'utf8');
}
