// What the Allure report shows of each scenario, taken from the run's result model: a test case id and history id of
// its own (two scenarios may share a name, and Allure would take one for a retry of the other), suites by area, route
// and rule (security scenarios under a parent suite of their own), severity from the level, the status and category
// of its verdict (vocabulary.ts: a known deviation is "unknown" under "Known deviations", never "failed"); and, for a
// failure, the exchange attachment that shows it.
import { createHash } from 'node:crypto';
import type { Label, Status, StepResult, TestResult } from 'allure-js-commons';
import { isFailure } from './summary';
import { deviationText, readableFailure, type Level, type ScenarioResult } from './results';
import { VOCABULARY, verdictOf } from './vocabulary';

export const SEVERITY: Record<Level, string> = { must: 'critical', should: 'normal', may: 'minor' };
export const SECURITY_SUITE = 'Security';

/** The labels the result model sets; any the reporter set under these names are replaced. */
const OWN = new Set(['parentSuite', 'suite', 'subSuite', 'severity', 'epic', 'story', '_fallbackTestCaseId']);

export function labelResult(result: TestResult, s: ScenarioResult): void {
  const id = createHash('md5').update(`${s.uri}#${s.id}`).digest('hex');
  result.testCaseId = id;
  result.historyId = id;
  const security = s.class === 'security';
  const labels: Label[] = [
    { name: 'parentSuite', value: security ? SECURITY_SUITE : s.area },
    { name: 'suite', value: s.routes[0] ?? s.area },
    { name: 'subSuite', value: s.rule ?? s.feature },
    { name: 'severity', value: SEVERITY[s.level] },
    { name: 'epic', value: security ? SECURITY_SUITE : s.area },
    ...s.routes.map((route) => ({ name: 'story', value: route })),
    { name: '_fallbackTestCaseId', value: id },
  ];
  result.labels = [...result.labels.filter((l) => !OWN.has(l.name)), ...labels];
}

/**
 * Allure's categories, one per verdict that is not a pass, each matched by its status and the word its message starts
 * with (see applyVerdict): the Categories tab counts what every other report counts.
 */
export function allureCategories(): Array<{ name: string; matchedStatuses: string[]; messageRegex: string }> {
  return Object.values(VOCABULARY).flatMap((style) =>
    style.allure.category ? [{ name: style.allure.category, matchedStatuses: [style.allure.status], messageRegex: `${style.word}: [\\s\\S]*` }] : [],
  );
}

/**
 * The result's status and message from the scenario's verdict: the message starts with the verdict's word, so each
 * lands in its category; a known deviation says the deviation, then the failure it excuses; a skip says its reason.
 */
export function applyVerdict(result: TestResult, s: ScenarioResult): void {
  const verdict = verdictOf(s);
  const style = VOCABULARY[verdict];
  result.status = style.allure.status as Status;
  if (verdict === 'passed') return;
  const failure = result.statusDetails?.message ? readableFailure(result.statusDetails.message) : s.reason ?? '';
  const why = verdict === 'known-deviation' && s.deviation ? `${deviationText(s.deviation)}\n\nThe failure it excuses:\n${failure}` : failure;
  result.statusDetails = { ...result.statusDetails, message: `${style.word}: ${why}` };
}

function attachmentsUnder(step: Pick<StepResult, 'attachments' | 'steps'>): string[] {
  return [...(step.attachments ?? []).map((a) => a.source), ...(step.steps ?? []).flatMap(attachmentsUnder)];
}

/** The source of the failing step's own exchange, else of the last exchange before it (undefined: none). */
export function failureAttachment(result: TestResult, s: ScenarioResult): string | undefined {
  if (!isFailure(s)) return undefined;
  const failing = result.steps.findIndex((st) => st.status === 'failed' || st.status === 'broken');
  return result.steps.slice(0, failing < 0 ? result.steps.length : failing + 1).flatMap(attachmentsUnder).pop();
}
