// Turns reports/allure-results into the Allure HTML report: one self-contained file (allure generate --single-file),
// reports/allure-report/index.html, that a browser opens from the disk or a downloaded CI artifact (the multi-file
// report fetches its data and shows nothing from file://). Its trend is kept per target: the history of the runs against
// one store URL with one fixtures file lives in reports/history/<target>/, so runs against different stores never
// share a trend.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunReport } from './results';

/** The folder name of a target's history: its URL (or "embedded") and its fixtures' name, e.g. `127.0.0.1-8080--provisioned`. */
export function historySlug(target: Pick<RunReport['target'], 'url' | 'embedded' | 'fixtures'> | undefined): string {
  const where = !target ? 'unknown' : target.embedded ? 'embedded' : target.url.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  const fixtures = path.basename(target?.fixtures ?? '', '.json') || 'fixtures';
  return `${where}--${fixtures}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The history folder of the run whose report.json is in `reportsDir`. */
export function historyDir(reportsDir: string): string {
  const file = path.join(reportsDir, 'report.json');
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<RunReport>) : undefined;
  return path.join(reportsDir, 'history', historySlug(report?.target));
}

/** The files of Allure's `history/` folder that the single-file report carries inside it (as `d('history/…','<base64>')`). */
export function historyInReport(html: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const m of html.matchAll(/d\('history\/([A-Za-z0-9._-]+\.json)','([A-Za-z0-9+/=]*)'\)/g)) files[m[1]] = Buffer.from(m[2], 'base64');
  return files;
}

export async function buildAllureHtml(reportsDir: string, resultsDirs: string[] = [path.join(reportsDir, 'allure-results')]): Promise<string> {
  const out = path.join(reportsDir, 'allure-report');
  const history = historyDir(reportsDir);
  // Allure builds the trend from a `history/` folder among its results; the target's is handed over in a folder of its
  // own, so no run's results are changed.
  const withHistory = mkdtempSync(path.join(tmpdir(), 'invotide-allure-history-'));
  try {
    if (existsSync(history)) cpSync(history, path.join(withHistory, 'history'), { recursive: true });
    const bin = require.resolve('allure-commandline/dist/bin/allure');
    await new Promise<void>((resolve, reject) => {
      // No analytics script in the report: it would call out from a CI artefact viewed offline.
      const env = { ...process.env, ALLURE_NO_ANALYTICS: 'true' };
      const child = spawn(bin, ['generate', ...resultsDirs, withHistory, '--clean', '--single-file', '-o', out], { stdio: ['ignore', 'ignore', 'pipe'], env });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`allure generate exited ${code}: ${err.trim().slice(0, 300)}`))));
    });
  } finally {
    rmSync(withHistory, { recursive: true, force: true });
  }
  const files = historyInReport(readFileSync(path.join(out, 'index.html'), 'utf8'));
  if (Object.keys(files).length) {
    mkdirSync(history, { recursive: true });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(history, name), bytes);
  }
  return path.join(out, 'index.html');
}
