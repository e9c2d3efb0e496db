// What every report says the store was judged under (report.json's target.judgedUnder, built in src/target/profile.ts):
// the release, the language of its messages and the shop settings, each with where it came from (declared in the
// fixtures, learned from the store's answers, or a fresh install's default).
import { SETTINGS } from '../target/settings';
import type { JudgedUnder } from '../target/profile';

export type { JudgedUnder };

type Setting = JudgedUnder['settings'][number];

const SOURCE: Record<string, string> = { declared: 'named in the fixtures', learned: "learned from the store's answers", default: "a fresh install's default" };

/** Whether a setting's value differs from a fresh OpenCart 3.0.x install's. */
export function notAtDefault(s: Setting): boolean {
  const spec = (SETTINGS as Record<string, { default: unknown } | undefined>)[s.key];
  return !spec || JSON.stringify(spec.default) !== JSON.stringify(s.value);
}

const settingText = (s: Setting): string => `${s.key} = ${JSON.stringify(s.value)} (${s.source})`;

/** `judged under: release 3.0.5.0 (learned), language en-gb (default), every shop setting at a fresh install's value`. */
export function judgedUnderLine(j: JudgedUnder): string {
  const changed = j.settings.filter(notAtDefault);
  const settings = changed.length ? `settings not at a fresh install's value: ${changed.map(settingText).join(', ')}` : "every shop setting at a fresh install's value";
  return `judged under: release ${j.release} (${j.releaseSource}), language ${j.language} (${j.languageSource}), ${settings}`;
}

/** summary.md's section: the release, the language and every setting, with its admin label and where it came from. */
export function judgedUnderMarkdown(j: JudgedUnder): string[] {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  return [
    '## Judged under',
    '',
    `The release and settings the store's answers were judged under (${Object.entries(SOURCE).map(([k, v]) => `${k}: ${v}`).join('; ')}).`,
    '',
    '| what | value | from | where an operator sets it |',
    '|---|---|---|---|',
    `| release | ${j.release} | ${j.releaseSource} | |`,
    `| language | ${j.language} | ${j.languageSource} | System > Settings > Local > Language |`,
    ...j.settings.map((s) => `| \`${s.key}\` | \`${cell(JSON.stringify(s.value))}\`${notAtDefault(s) ? ' (not the default)' : ''} | ${s.source} | ${cell(s.label)} |`),
  ];
}

/** Name/value pairs for JUnit properties and Allure's environment: `release`, `language`, `setting.<key>`. */
export function judgedUnderProperties(j: JudgedUnder): Array<[string, string]> {
  return [
    ['release', `${j.release} (${j.releaseSource})`],
    ['language', `${j.language} (${j.languageSource})`],
    ...j.settings.map((s): [string, string] => [`setting.${s.key}`, `${JSON.stringify(s.value)} (${s.source})`]),
  ];
}

export const SOURCE_WORDS = SOURCE;
