// Last line of defence: after a run, the files it wrote at the top of reports/ are rewritten with secrets blanked.
// This catches what a formatter wrote on its own (JUnit messages, logs); the Allure results are redacted as they are
// written (allure-writer.ts), and the folders an earlier `npm run report` or `npm run docs` left are not this run's.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redactor } from '../redact';

const TEXT = /\.(json|xml|md|log|txt|html|ndjson|properties)$/;

export function sweepSecrets(dir: string, secrets: string[]): number {
  const redactor = new Redactor(secrets);
  let changed = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!TEXT.test(name) || !statSync(file).isFile()) continue;
    const text = readFileSync(file, 'utf8');
    const clean = redactor.redact(text);
    if (clean !== text) {
      writeFileSync(file, clean);
      changed++;
    }
  }
  return changed;
}
