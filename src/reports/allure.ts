// Turns reports/allure-results into the Allure HTML report, keeping history when a previous report exists.
import { spawn } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';

export async function buildAllureHtml(reportsDir: string, resultsDirs: string[] = [path.join(reportsDir, 'allure-results')]): Promise<string> {
  const out = path.join(reportsDir, 'allure-report');
  const history = path.join(out, 'history');
  // Allure keeps trends by copying the last report's history into the new results before generating.
  if (existsSync(history) && existsSync(resultsDirs[0])) cpSync(history, path.join(resultsDirs[0], 'history'), { recursive: true });
  const bin = require.resolve('allure-commandline/dist/bin/allure');
  await new Promise<void>((resolve, reject) => {
    // No analytics script in the report: it would call out from a CI artefact viewed offline.
    const env = { ...process.env, ALLURE_NO_ANALYTICS: 'true' };
    const child = spawn(bin, ['generate', ...resultsDirs, '--clean', '-o', out], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`allure generate exited ${code}: ${err.trim().slice(0, 300)}`))));
  });
  return out;
}
