// Runs the CLI as a user would: a child process in a fresh working directory (reports/ lands there).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface CliRun { code: number | null; stdout: string; stderr: string; ms: number; /** The working directory it ran in (its reports/ are there). */ cwd?: string }

export function runCli(args: string[], env: Record<string, string> = {}, reportsDir?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const cwd = reportsDir ?? mkdtempSync(path.join(tmpdir(), 'invotide-cli-'));
    // reports/ is written under the working directory; the fixtures are named explicitly.
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/invotide-conformance.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', INVOTIDE_FIXTURES: path.join(ROOT, 'targets/provisioned.json'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0, cwd }));
  });
}

