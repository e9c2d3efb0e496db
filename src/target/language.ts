// The store's language: the texts it answers its messages with. OpenCart reads them from catalog/language/<code>/
// (api/*.php, extension/total/*.php, <code>.php for the decimal point), en-gb's first, so a key a pack lacks stays
// English (system/library/language.php:64-76); Design > Language Editor rows override single keys. A fixtures file names
// a folder holding the store's files (`"language": {"code": "de-de", "texts": "de-de"}`): they are read here as data
// (lines `$_['key'] = 'text';`), never executed, and the message scenarios compare with them (src/api/messages.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';
import type { FixtureValue, Fixtures } from '../fixtures';
import type { LanguageFinding } from './profile';

/** A language's texts by `<file>.<key>`: `api/cart.text_success`, `de-de.decimal_point`. */
export type LanguageTexts = Record<string, string>;

/** PHP string escapes: single-quoted strings know only \' and \\; double-quoted ones the usual few. */
function phpString(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === "'") return body.replace(/\\(['\\])/g, '$1');
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', f: '\f', e: '\x1b', '\\': '\\', $: '$', '"': '"', '0': '\0' };
  return body.replace(/\\(.)/g, (all, c: string) => escapes[c] ?? all);
}

/**
 * The `$_['key'] = 'text';` assignments of a PHP language file, read as data. Anything else (comments, the opening
 * tag) is passed over; a value that is not a plain string literal (a concatenation, a constant) is refused, naming it.
 */
export function parseLanguageFile(text: string, file = 'the file'): Record<string, string> {
  const out: Record<string, string> = {};
  const assignment = /\$_\[\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1\s*\]\s*=\s*([^;]*?)\s*;/gs;
  for (const m of text.matchAll(assignment)) {
    const value = m[3];
    if (!/^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")$/s.test(value)) {
      throw new ConfigError(`${file}: $_['${m[2]}'] is not a plain string (${value.slice(0, 60)}); the suite reads language files as data and cannot evaluate it`);
    }
    out[phpString(`${m[1]}${m[2]}${m[1]}`)] = phpString(value);
  }
  return out;
}

/** Every `.php` file under a folder, as `<file>.<key>` texts (file relative to the folder, without `.php`). */
export function readLanguageFolder(folder: string): LanguageTexts {
  let entries: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    entries = readdirSync(folder, { recursive: true }) as string[];
  } catch (error) {
    throw new ConfigError(`the fixtures' language.texts is ${folder}, which is not a readable folder (${(error as Error).message}): name the folder that holds the store's catalog/language/<code>/ files`);
  }
  const texts: LanguageTexts = {};
  for (const entry of entries.filter((e) => e.endsWith('.php')).sort()) {
    const file = entry.split(path.sep).join('/').replace(/\.php$/, '');
    const parsed = parseLanguageFile(readFileSync(path.join(folder, entry), 'utf8'), path.join(folder, entry));
    for (const [key, value] of Object.entries(parsed)) texts[`${file}.${key}`] = value;
  }
  if (!Object.keys(texts).length) throw new ConfigError(`the fixtures' language.texts folder ${folder} holds no language file ($_['key'] = 'text'; lines in .php files)`);
  return texts;
}

/** The files a language's texts come from (`api/cart`, `de-de`). */
export const languageFiles = (texts: LanguageTexts): Set<string> => new Set(Object.keys(texts).map((k) => k.slice(0, k.lastIndexOf('.'))));

/** A text of the store's language: its own, en-gb's where its file lacks the key (as OpenCart falls back). */
export function languageText(texts: LanguageTexts | undefined, file: string, key: string, english: string): string | undefined {
  if (!texts) return undefined;
  const own = texts[`${file}.${key}`];
  if (own !== undefined) return own;
  return languageFiles(texts).has(file) ? english : undefined;
}

/** The decimal point and thousands separator a language's <code>.php gives (number_format's, for every amount). */
export function numberSeparators(texts: LanguageTexts | undefined, code: string): { point?: string; thousands?: string } {
  return { point: texts?.[`${code}.decimal_point`], thousands: texts?.[`${code}.thousand_point`] };
}

/**
 * The language as the fixtures declare it: its code (en-gb unless named) and, when they name a folder of its files,
 * its texts. The fixture check then tells from the store's answers whether its messages are en-gb's
 * (src/target/learners/language.ts).
 */
export function declaredLanguage(fixtures: Fixtures): LanguageFinding {
  const section = (fixtures.language ?? {}) as { code?: string; texts?: string };
  const code = section.code ?? 'en-gb';
  const finding: LanguageFinding = { code, source: section.code ? 'declared' : 'default', english: code === 'en-gb' };
  if (section.texts) {
    finding.texts = readLanguageFolder(section.texts);
    finding.textsFrom = section.texts;
  }
  return finding;
}

/**
 * The language finding the fixtures carry: the profile's own (declaredProfile puts it in the fixtures' language
 * section), or else the one they declare.
 */
export function languageOf(fixtures: Fixtures): LanguageFinding {
  const section = fixtures.language as Partial<LanguageFinding> | undefined;
  return typeof section?.english === 'boolean' ? (section as LanguageFinding) : declaredLanguage(fixtures);
}

/** What the fixture check learned of the store's language, written into the profile's finding. */
export function settleLanguage(fixtures: Fixtures, learned: { english: boolean; evidence: string }): LanguageFinding {
  const finding = languageOf(fixtures);
  Object.assign(finding, learned, finding.source === 'default' ? { source: 'learned' } : {});
  fixtures.language = finding as unknown as FixtureValue;
  return finding;
}
