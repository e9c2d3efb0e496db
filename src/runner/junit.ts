// cucumber's JUnit formatter knows passed, failed and skipped only. A known deviation (listed in the target's
// deviations file) must not fail a CI gate that reads the XML, so its <failure> becomes <skipped> with the reason.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ScenarioResult } from './results';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function markKnownDeviations(junitFile: string, scenarios: ScenarioResult[]): number {
  const deviations = scenarios.filter((s) => s.outcome === 'known-deviation');
  if (!deviations.length || !existsSync(junitFile)) return 0;
  let text = readFileSync(junitFile, 'utf8');
  let changed = 0;
  for (const s of deviations) {
    const name = xml(s.name);
    const re = new RegExp(`(<testcase [^>]*name="(?:[^"]* - )?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>\\s*)<failure[\\s\\S]*?</failure>`);
    const reason = xml((s.reason ?? 'known deviation').split('\n')[0]);
    const next = text.replace(re, `$1<skipped message="${reason}"/>`);
    if (next !== text) {
      changed++;
      text = next;
    }
  }
  // The suite's counters follow the cases.
  text = text.replace(/<testsuite [^>]*>/, (tag) =>
    tag.replace(/failures="(\d+)"/, (_m, n: string) => `failures="${Number(n) - changed}"`).replace(/skipped="(\d+)"/, (_m, n: string) => `skipped="${Number(n) + changed}"`),
  );
  writeFileSync(junitFile, text);
  return changed;
}
