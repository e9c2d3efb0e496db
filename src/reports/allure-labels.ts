// What the Allure report shows of each scenario, taken from the run's result model: a test case id and history id of
// its own (two scenarios may share a name, and Allure would take one for a retry of the other), suites by area, route
// and rule (security scenarios under a parent suite of their own), severity from the level; and, for a failure, the
// exchange attachment that shows it.
import { createHash } from 'node:crypto';
import type { Label, StepResult, TestResult } from 'allure-js-commons';
import { isFailure } from './summary';
import type { Level, ScenarioResult } from './results';

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

function attachmentsUnder(step: Pick<StepResult, 'attachments' | 'steps'>): string[] {
  return [...(step.attachments ?? []).map((a) => a.source), ...(step.steps ?? []).flatMap(attachmentsUnder)];
}

/** The source of the failing step's own exchange, else of the last exchange before it (undefined: none). */
export function failureAttachment(result: TestResult, s: ScenarioResult): string | undefined {
  if (!isFailure(s)) return undefined;
  const failing = result.steps.findIndex((st) => st.status === 'failed' || st.status === 'broken');
  return result.steps.slice(0, failing < 0 ? result.steps.length : failing + 1).flatMap(attachmentsUnder).pop();
}
