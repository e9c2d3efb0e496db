// Every mutant Stryker is told to ignore is a stated equivalent or an unreachable branch, with its reason in the
// comment: `// Stryker disable next-line <Mutators>: <equivalent|unreachable|not observable|dead code> — <why>`.
// This keeps the list honest (no bare `disable`, no reason-less ignore) and prints it for the README's readers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const STORE = path.resolve(__dirname, '../store');
const KINDS = /^(equivalent|unreachable|not observable|dead code)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

const exclusions = sources(STORE).flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ where: `${path.relative(path.dirname(STORE), file)}:${i + 1}`, text: text.trim() }))
    .filter((l) => /^\/\/\s*Stryker\s+disable/.test(l.text)),
);

test('every Stryker exclusion in the store names its mutators and says why, in one line', () => {
  assert.ok(exclusions.length > 0, 'no exclusions found: the scan is broken');
  for (const { where, text } of exclusions) {
    const m = /^\/\/\s*Stryker\s+disable(?:\s+next-line)?\s+(\S+):\s*(.+)$/.exec(text);
    assert.ok(m, `${where}: an exclusion needs "<Mutators>: <reason>": ${text}`);
    assert.ok(KINDS.test(m[2]), `${where}: the reason should start with equivalent, unreachable, not observable or dead code: ${m[2]}`);
    assert.ok(m[2].split(/\s+/).length >= 5, `${where}: the reason is too short to explain anything: ${m[2]}`);
  }
});

test('a block exclusion is closed again in the same file', () => {
  for (const file of new Set(exclusions.filter((e) => !/next-line/.test(e.text)).map((e) => e.where.split(':')[0]))) {
    const text = readFileSync(path.join(path.dirname(STORE), file), 'utf8');
    const opened = (text.match(/\/\/\s*Stryker\s+disable\s+(?!next-line)/g) ?? []).length;
    const closed = (text.match(/\/\/\s*Stryker\s+restore\s/g) ?? []).length;
    assert.equal(closed, opened, `${file}: ${opened} block exclusion(s) but ${closed} restore(s)`);
  }
});
