// Runs cucumber in-process on throw-away feature files with the suite's real steps and hooks, against a reference
// store: for tests of the runner's parts on scenarios the suite does not ship. Whatever cucumber prints is captured
// (a deliberately failing scenario must not print a failure block into `npm test`'s output).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import type { RunParameters } from '../../src/run-parameters';

const ROOT = path.resolve(__dirname, '../..');

export interface FeatureRun { dir: string; output: string }

export async function runFeatures(
  features: Record<string, string>,
  store: { baseUrl: string; apiKey: string },
  onMessage: (e: Envelope) => void,
  more: { format?: string[]; formatOptions?: Record<string, unknown> } = {},
): Promise<FeatureRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'invotide-features-'));
  const paths = Object.entries(features).map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  });
  const parameters: RunParameters = {
    baseUrl: store.baseUrl, embedded: true, apiUsername: 'Default', apiKey: store.apiKey, allowWrites: false, timeoutMs: 60_000,
    fixturesFile: path.join(ROOT, 'targets/provisioned.json'), secrets: [store.apiKey],
  };
  let output = '';
  const sink = new PassThrough();
  sink.on('data', (d: Buffer) => (output += d.toString()));
  const environment = { cwd: ROOT, stdout: sink, stderr: sink };
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: { paths, require: ['steps/**/*.ts'], requireModule: ['ts-node/register/transpile-only'], worldParameters: parameters as never, format: more.format ?? [], formatOptions: (more.formatOptions ?? {}) as never },
    },
    environment,
  );
  await runCucumber(runConfiguration, environment, onMessage);
  return { dir, output };
}
