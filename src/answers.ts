// Assertions on store answers, in the API's own terms. They throw node:assert errors, which the runner counts as
// non-conformance (not as a broken harness). Each says what was expected and what the store answered, in one line.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { ApiResponse } from './client';
import { messageTemplate, sprintf, type MessageName } from './api/messages';
import { NotApplicableError } from './target/profile';

type Json = unknown;

/** A value as a message quotes it: JSON, cut to a readable length. */
function shown(value: Json): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** Fails with `<what>: expected <expected>, got <actual>` unless the two are deeply equal. */
export function expectEqual(actual: Json, expected: Json, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) assert.fail(`${what}: expected ${shown(expected)}, got ${shown(actual)}`);
}

function body(r: ApiResponse): Json {
  assert.ok(r.json !== undefined, `${r.route} answered no JSON (${r.parseError}): ${r.text.slice(0, 120)}`);
  return r.json;
}

function obj(r: ApiResponse): Record<string, Json> {
  const b = body(r);
  assert.ok(b !== null && typeof b === 'object' && !Array.isArray(b), `${r.route} answered ${JSON.stringify(b).slice(0, 120)}, expected a JSON object`);
  return b as Record<string, Json>;
}

/** The contract variant the answer matched (named in openapi.yaml), e.g. "PermissionDeniedObject". */
export function assertVariant(r: ApiResponse, variant: string): void {
  if (r.validation?.variant !== variant) assert.fail(`${r.route} answered the ${r.validation?.variant ?? 'unknown'} variant, expected ${variant}: ${r.text.slice(0, 200)}`);
}

export function assertEmptyAnswer(r: ApiResponse): void {
  if (!isDeepStrictEqual(body(r), [])) assert.fail(`${r.route} answered ${r.text.slice(0, 120)}, expected []`);
}

export function assertSuccess(r: ApiResponse, message?: string): void {
  const b = obj(r);
  assert.ok(!('error' in b), `${r.route} answered an error: ${String(JSON.stringify(b.error)).slice(0, 200)}`);
  assert.equal(typeof b.success, 'string', `${r.route} answered no success message: ${r.text.slice(0, 200)}`);
  if (message !== undefined) expectEqual(b.success, message, `${r.route}: success`);
}

/** A success answer to a call that prepares the session; a failure says what the scenario was doing. */
export function expectSuccess(r: ApiResponse, doing: string): ApiResponse {
  try {
    assertSuccess(r);
  } catch (error) {
    if (error instanceof assert.AssertionError) error.message = `${doing}: ${error.message}`;
    throw error;
  }
  return r;
}

/** The error message: `key` undefined for a string error (`{error: "..."}`), else `error[key]`. */
export function errorMessage(r: ApiResponse, key?: string): Json {
  const b = obj(r);
  assert.ok('error' in b, `${r.route} answered no error: ${r.text.slice(0, 200)}`);
  if (key === undefined) return b.error;
  const e = b.error;
  assert.ok(e !== null && typeof e === 'object' && !Array.isArray(e), `${r.route} answered error ${JSON.stringify(e)}, expected an object with "${key}"`);
  const path = key.split('.');
  let node: Json = e;
  for (const p of path) {
    assert.ok(node !== null && typeof node === 'object' && p in (node as object), `${r.route} answered error keys ${Object.keys(e as object).join(', ')}, expected "${key}"`);
    node = (node as Record<string, Json>)[p];
  }
  return node;
}

export function assertErrorMessage(r: ApiResponse, key: string | undefined, message: string): void {
  expectEqual(errorMessage(r, key), message, `${r.route}: error${key ? `.${key}` : ''}`);
}

/** Exactly these keys under `error` (the combination the store returns, no more, no fewer). */
export function assertErrorKeys(r: ApiResponse, keys: string[], under?: string): void {
  const e = under ? errorMessage(r, under) : errorMessage(r);
  assert.ok(e !== null && typeof e === 'object', `${r.route} answered error ${JSON.stringify(e)}, expected keys ${keys.join(', ')}`);
  expectEqual(Object.keys(e as object).sort(), [...keys].sort(), `${r.route}: error keys`);
}

/** A value at a dotted path of the answer, e.g. "products.0.quantity". */
export function valueAt(r: ApiResponse, dotted: string): Json {
  let node: Json = body(r);
  for (const p of dotted.split('.')) {
    assert.ok(node !== null && typeof node === 'object' && p in (node as object), `${r.route} answered no "${dotted}": ${r.text.slice(0, 200)}`);
    node = (node as Record<string, Json>)[p];
  }
  return node;
}

/**
 * A text that a message with arguments fills in, inside an answer another scenario is about (the gift voucher's
 * description): the message exactly, in the store's language; where the store's texts are unknown (another language,
 * no files named), at least what any language's message shows: each argument.
 */
export function assertMessageWith(actual: unknown, name: MessageName, args: Array<string | number>, what: string, route?: string): void {
  let template: string | undefined;
  try {
    template = messageTemplate(name, route);
  } catch (error) {
    if (!(error instanceof NotApplicableError)) throw error;
  }
  if (template !== undefined) {
    assert.equal(actual, sprintf(template, ...args), what);
    return;
  }
  assert.equal(typeof actual, 'string', `${what}: ${JSON.stringify(actual)} is not a text`);
  for (const arg of args) assert.ok((actual as string).includes(String(arg)), `${what}: "${String(actual)}" does not name ${String(arg)} (the store's texts are unknown, so only what the message fills in is checked)`);
}
