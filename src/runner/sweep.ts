// Last line of defence: after a run, every text file under reports/ is rewritten with secrets blanked.
// Attachments are redacted when written; this catches what a formatter wrote on its own (JUnit messages, logs).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redactor } from '../redact';

const TEXT = /\.(json|xml|md|log|txt|html|ndjson|properties)$/;

export function sweepSecrets(dir: string, secrets: string[]): number {
  const redactor = new Redactor(secrets);
  let changed = 0;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      const st = statSync(file);
      if (st.isDirectory()) walk(file);
      else if (TEXT.test(name) || !name.includes('.')) {
        const text = readFileSync(file, 'utf8');
        const clean = redactor.redact(text);
        if (clean !== text) {
          writeFileSync(file, clean);
          changed++;
        }
      }
    }
  };
  walk(dir);
  return changed;
}
