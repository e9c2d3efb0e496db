// Where a failure's evidence is: the last request/response attachment of each failing scenario's failing step,
// found in the Allure results so the summary can name the file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScenarioResult } from './results';

interface AllureStep { name: string; status?: string; attachments?: Array<{ source: string }>; steps?: AllureStep[] }
interface AllureResult { name: string; status: string; steps: AllureStep[] }

function attachmentsUnder(step: AllureStep): string[] {
  return [...(step.attachments ?? []).map((a) => a.source), ...(step.steps ?? []).flatMap(attachmentsUnder)];
}

/** Sets `attachment` (a path under reportsDir) on each failed scenario whose Allure result names one. */
export function linkFailureAttachments(reportsDir: string, scenarios: ScenarioResult[]): void {
  const dir = path.join(reportsDir, 'allure-results');
  const unlinked = scenarios.filter((x) => x.outcome !== 'passed' && x.outcome !== 'skipped');
  if (!unlinked.length || !existsSync(dir)) return;
  const failedResults = readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as AllureResult)
    .filter((r) => r.status === 'failed' || r.status === 'broken');
  for (const s of unlinked) {
    const i = failedResults.findIndex((r) => r.name === s.name);
    if (i < 0) continue;
    const [result] = failedResults.splice(i, 1);
    const failing = result.steps.find((st) => st.status === 'failed' || st.status === 'broken');
    // The failing step's own exchange, else the last exchange before it.
    const before = result.steps.slice(0, failing ? result.steps.indexOf(failing) + 1 : result.steps.length);
    const source = before.flatMap(attachmentsUnder).pop();
    if (source) s.attachment = path.join(path.basename(reportsDir), 'allure-results', source);
  }
}
