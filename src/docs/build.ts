// `invotide-conformance docs` (`npm run docs` in a clone): the living documentation under reports/docs/ — the OpenAPI reference rendered by Redocly
// (api.html), the conformance matrix of the last run (index.html) and one page per route (routes/<operationId>.html).
// Self-contained: no page loads anything from the network when viewed.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { loadOperations } from './contract';
import { renderIndex, renderRoute, routeFile, type Site } from './pages';
import { readLastRun } from './results';
import { readScenarios } from '../features';
import { PROJECT_ROOT } from '../paths';

const REPO_ROOT = PROJECT_ROOT;

export interface BuildOptions {
  /** Where openapi.yaml, schemas/ and features/ are (default: the repository). */
  root?: string;
  /** Where the site goes (default: <reportsDir>/docs). */
  outDir?: string;
  /** Where report.json and examples.json of the last run are (default: <root>/reports). */
  reportsDir?: string;
  /** Build api.html with Redocly (default true; it takes about a second). */
  apiReference?: boolean;
}

export async function buildDocs(options: BuildOptions = {}): Promise<{ pages: string[] }> {
  const root = path.resolve(options.root ?? REPO_ROOT);
  const reportsDir = path.resolve(options.reportsDir ?? path.join(root, 'reports'));
  const outDir = path.resolve(options.outDir ?? path.join(reportsDir, 'docs'));
  const openapi = YAML.parse(readFileSync(path.join(root, 'openapi.yaml'), 'utf8')) as { info?: { title?: string } };
  const { run, examples } = readLastRun(reportsDir);
  const site: Site = {
    title: openapi.info?.title ?? 'API',
    operations: loadOperations(root),
    scenarios: readScenarios(path.join(root, 'features')),
    run,
    examples,
  };

  // Pages of routes that no longer exist must not linger from an earlier build.
  rmSync(path.join(outDir, 'routes'), { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'routes'), { recursive: true });
  const pages: string[] = [];
  const write = (relative: string, content: string) => {
    writeFileSync(path.join(outDir, relative), content);
    pages.push(path.join(outDir, relative));
  };
  write('index.html', renderIndex(site));
  for (const op of site.operations) write(routeFile(op), renderRoute(site, op));
  if (options.apiReference !== false) {
    await buildApiReference(root, path.join(outDir, 'api.html'), `${site.title} reference`);
    pages.push(path.join(outDir, 'api.html'));
  }
  return { pages };
}

/**
 * Redocly's build-docs with its scripts inlined (--inlineBundle; by default they load from its CDN). The one thing
 * the bundle still fetches is the "API docs by Redocly" logo image; it is swapped for an inline SVG with the same text,
 * so the page makes no request at all (the link to redocly.com stays).
 */
async function buildApiReference(root: string, out: string, title: string): Promise<void> {
  const cli = require.resolve('@redocly/cli/bin/cli.js');
  const args = [cli, 'build-docs', path.join(root, 'openapi.yaml'), '--inlineBundle', '--output', out, '--title', title];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docs: redocly build-docs exited ${code}: ${output.trim().split('\n').slice(-5).join('\n')}`))));
  });
  const logo = (text: string, width: number) =>
    `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16"><text x="0" y="13" font-family="sans-serif" font-size="13" fill="#555">${text}</text></svg>`)}`;
  const htmlText = readFileSync(out, 'utf8')
    .split('https://cdn.redoc.ly/redoc/logo-mini-full.svg').join(logo('Redocly', 56))
    .split('https://cdn.redoc.ly/redoc/logo-mini.svg').join(logo('R', 12));
  writeFileSync(out, htmlText);
}

export const DOCS_HELP = `Usage: invotide-conformance docs [--reports-dir DIR] [--out DIR]
       (in a clone of the suite: npm run docs -- [options])

Builds the living documentation of the last run: the OpenAPI reference (api.html), a per-route conformance matrix
(index.html) and a page per route with its fields, each answer variant with a real example from the run, and the
scenarios that specify it with their last result. No page loads anything from the network.

  --reports-dir DIR   the reports folder of the run to document (default ./reports), as the run's --reports-dir
  --out DIR           where the pages go (default: DIR/docs of --reports-dir)
  -h, --help          this text

Exit codes: 0 the pages were written, 2 they could not be (the reason is printed).`;

/** The command: one line and exit code 2 for a bad option or a build that fails, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    // --reports-dir: the same word as the run's and the report command's.
    const { values } = parseArgs({ args: argv, options: { 'reports-dir': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
    if (values.help) {
      console.log(DOCS_HELP);
      return 0;
    }
    const reportsDir = path.resolve(values['reports-dir'] ?? 'reports');
    const { pages } = await buildDocs({ reportsDir, outDir: values.out ? path.resolve(values.out) : undefined });
    const outDir = path.relative(process.cwd(), path.dirname(pages[0])) || '.';
    console.log(`docs: ${pages.length} pages in ${outDir} (open ${path.join(outDir, 'index.html')})`);
    return 0;
  } catch (error) {
    const message = (error as Error).message.replace(/^docs: /, '');
    console.error(`docs: ${message}${(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? ' (see --help)' : ''}`);
    return 2;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
