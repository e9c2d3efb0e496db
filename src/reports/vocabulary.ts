// One vocabulary for every report: each verdict a scenario can get has one word, one colour and one symbol, and the
// terminal, summary.md, report.json, JUnit, Allure and the living documentation all take them from this table. A
// known deviation is never called, coloured or counted as a failure anywhere; a failed security scenario is a security
// finding, apart from conformance failures.
import type { Counts, Outcome, ScenarioResult } from './results';

/** What a report says of a scenario: its outcome, with a failed security scenario told apart as a finding. */
export type Verdict = Outcome | 'security-finding';

/** Allure's own statuses (allure-js-commons names only four; Allure 2 and 3 also read "unknown"). */
export type AllureStatus = 'passed' | 'failed' | 'broken' | 'skipped' | 'unknown';

export type Colour = 'green' | 'red' | 'purple' | 'yellow' | 'grey';

export interface VerdictStyle {
  /** The word in every report: `known deviation`. */
  word: string;
  /** For a count: `13 known deviations`, `534 passed`. */
  plural: string;
  /** Within lines already about security (`security: 6 passed, 2 findings`). */
  short?: { word: string; plural: string };
  colour: Colour;
  /** The terminal's mark for it (the docs badges and Allure use the colour). */
  symbol: string;
  /** The Allure status it is written with, and the category (Allure's "Categories" tab) it is listed under. */
  allure: { status: AllureStatus; category?: string };
  /** Its count in report.json's per-class totals. */
  count: keyof Counts;
  /** The class of scenarios it can belong to (undefined: both). */
  class?: 'conformance' | 'security';
}

/**
 * The table. Why each choice:
 * - known deviation: purple, Allure's "unknown" status (a status of its own, so its count is never mixed with failures
 *   or skips; never "failed"), `~`: the store deviates from the contract in a way the deviations file accepts.
 * - security finding: red like a failure (the store did what a safe store does not), Allure "failed" under a category
 *   of its own; `⚠`.
 * - infrastructure and harness errors: yellow, Allure "broken" (the run could not tell).
 * - skipped and not applicable: grey, Allure "skipped", each under its own category with its reason.
 */
export const VOCABULARY: Record<Verdict, VerdictStyle> = {
  passed: { word: 'passed', plural: 'passed', colour: 'green', symbol: '✓', allure: { status: 'passed' }, count: 'passed' },
  failed: { word: 'failed', plural: 'failed', colour: 'red', symbol: '✗', allure: { status: 'failed', category: 'Failures' }, count: 'failed', class: 'conformance' },
  'security-finding': {
    word: 'security finding', plural: 'security findings', short: { word: 'finding', plural: 'findings' }, colour: 'red', symbol: '⚠',
    allure: { status: 'failed', category: 'Security findings' }, count: 'failed', class: 'security',
  },
  'known-deviation': { word: 'known deviation', plural: 'known deviations', colour: 'purple', symbol: '~', allure: { status: 'unknown', category: 'Known deviations' }, count: 'knownDeviations' },
  infrastructure: { word: 'infrastructure error', plural: 'infrastructure errors', colour: 'yellow', symbol: '!', allure: { status: 'broken', category: 'Infrastructure errors' }, count: 'infrastructure' },
  'harness-error': { word: 'harness error', plural: 'harness errors', colour: 'yellow', symbol: '?', allure: { status: 'broken', category: 'Harness errors' }, count: 'harnessErrors' },
  skipped: { word: 'skipped', plural: 'skipped', colour: 'grey', symbol: '-', allure: { status: 'skipped', category: 'Skipped' }, count: 'skipped' },
  'not-applicable': { word: 'not applicable', plural: 'not applicable', colour: 'grey', symbol: '·', allure: { status: 'skipped', category: 'Not applicable' }, count: 'notApplicable' },
};

/** Worst first: the order of counts in every line, and which verdict marks a group (a feature, a route). */
export const VERDICT_ORDER: Verdict[] = ['failed', 'security-finding', 'infrastructure', 'harness-error', 'known-deviation', 'passed', 'skipped', 'not-applicable'];

/** The order counts are written in: `534 passed, 0 failed, 13 known deviations, 0 skipped, 3 not applicable`. */
export const COUNT_ORDER: Verdict[] = ['passed', 'failed', 'security-finding', 'known-deviation', 'infrastructure', 'harness-error', 'skipped', 'not-applicable'];

export function verdictOf(s: Pick<ScenarioResult, 'outcome'> & Partial<Pick<ScenarioResult, 'class'>>): Verdict {
  return s.class === 'security' && s.outcome === 'failed' ? 'security-finding' : s.outcome;
}

/** The word of a scenario's verdict: `known deviation`, `security finding`. */
export const verdictWord = (s: Pick<ScenarioResult, 'outcome'> & Partial<Pick<ScenarioResult, 'class'>>): string => VOCABULARY[verdictOf(s)].word;

/** `13 known deviations`, `1 harness error`, `534 passed`; `short` for lines already about security (`2 findings`). */
export function countText(n: number, verdict: Verdict, short = false): string {
  const style = VOCABULARY[verdict];
  const words = short && style.short ? style.short : style;
  return `${n} ${n === 1 ? words.word : words.plural}`;
}

/** How many scenarios got each verdict. */
export function verdictCounts(scenarios: ScenarioResult[]): Record<Verdict, number> {
  const counts = Object.fromEntries(COUNT_ORDER.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const s of scenarios) counts[verdictOf(s)]++;
  return counts;
}

/** The worst verdict among some results (undefined: none). */
export function worstVerdict(scenarios: ScenarioResult[]): Verdict | undefined {
  const present = new Set(scenarios.map(verdictOf));
  return VERDICT_ORDER.find((v) => present.has(v));
}

// ---- the terminal's colours ---------------------------------------------------------------------------------------

const ANSI: Record<Colour, number> = { green: 32, red: 31, purple: 35, yellow: 33, grey: 90 };

/** Paints text in a colour of the table when `on` (a terminal), else leaves it as it is. */
export function paint(text: string, colour: Colour, on: boolean): string {
  return on && text ? `\u001b[${ANSI[colour]}m${text}\u001b[39m` : text;
}

/** Whether the terminal gets colours: a TTY, unless NO_COLOR is set; FORCE_COLOR forces them (https://no-color.org). */
export function colourWanted(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
