// GitHub Actions workflow commands (when GITHUB_ACTIONS=true): each failure becomes an annotation on its line of the
// feature file, an error when it fails the gate, a warning when it does not, a notice for a known deviation; so is
// a skip that fails the gate.
import { gateReason, type GatePolicy } from '../runner/gate';
import { SHOWN_REASON, isFailure, outcomeWord } from './summary';
import { boundText, deviationText, type ScenarioResult } from './results';

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions: data and property values are
// escaped so a newline or a comma in a message cannot end the command early.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const inGitHubActions = (env: NodeJS.ProcessEnv = process.env): boolean => env.GITHUB_ACTIONS === 'true';

export function annotation(kind: 'error' | 'warning' | 'notice', message: string, where: { file?: string; line?: number; title?: string } = {}): string {
  const props = [where.file ? `file=${escapeProperty(where.file)}` : '', where.line ? `line=${where.line}` : '', where.title ? `title=${escapeProperty(where.title)}` : ''].filter(Boolean);
  return `::${kind}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}

export function scenarioAnnotations(scenarios: ScenarioResult[], policy: GatePolicy): string[] {
  // Every failure, and whatever else fails the gate (a skip under --fail-on skipped or --certify).
  return scenarios.filter((s) => isFailure(s) || gateReason(s, policy)).map((s) => {
    const gated = gateReason(s, policy);
    const kind = gated ? 'error' : s.outcome === 'known-deviation' ? 'notice' : 'warning';
    const title = `${s.id} (@${s.level}, ${gated ?? `${outcomeWord(s)}, not gated`})`;
    const deviation = s.deviation ? `known deviation: ${deviationText(s.deviation)}\n` : '';
    return annotation(kind, `${s.name}\n${deviation}${s.failedStep ? `step: ${s.failedStep}\n` : ''}${boundText(s.reason ?? '', SHOWN_REASON).text}`, { file: s.uri, line: s.line, title });
  });
}
