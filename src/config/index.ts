// Configuration of a conformance run: defaults < .env file < environment < CLI flags.
// Every value is validated where it enters, and each bad value gets one clear sentence.
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { PROJECT_ROOT } from '../paths';
import { API_USERS } from '../provision/dataset';

const PACKAGED_FIXTURES = path.join(PROJECT_ROOT, 'targets/provisioned.json');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface SuiteConfig {
  /** Base URL of the store (ends with '/'); undefined means: start the embedded reference store. */
  targetUrl?: string;
  apiUsername: string;
  apiKey?: string;
  restrictedUsername?: string;
  restrictedKey?: string;
  /** A disabled API user, whose login the store must refuse (provisioning adds one); undefined: that scenario skips. */
  disabledUsername?: string;
  disabledKey?: string;
  /** A local source address the target does not allow (IP rejection scenarios); undefined: those scenarios skip. */
  alternateSourceAddress?: string;
  allowWrites: boolean;
  timeoutMs: number;
  fixturesFile: string;
  /** PEM file of a CA to trust for an https target with a private certificate. */
  caFile?: string;
  tags?: string;
  /** Worker processes; 'auto' picks a number from the target's round trip (serial for the embedded store). */
  parallel: number | 'auto';
  buildHtmlReport: boolean;
  reportsDir: string;
  /** What besides @must failures fails the gate (--fail-on should,may,skipped,undocumented; --strict adds undocumented). */
  failOn: string;
  /** Ignore known deviations and allow no skips. */
  certify: boolean;
  /** Known deviations of this target (default targets/<fixtures name>.deviations.yaml when it exists). */
  deviationsFile?: string;
  /** cucumber-js sharding, "i/n". */
  shard?: string;
  /** Fail when an operation or documented response variant of openapi.yaml was exercised by no scenario. */
  requireCoverage: boolean;
  /** Run the embedded reference store hardened (every security scenario passes there) instead of stock. */
  referenceHardened: boolean;
  /** Let the @security login storm send its burst of wrong keys (never sent unless asked for). */
  loginStorm: boolean;
  /** After the run, diff its exchanges with those of this earlier run's reports folder (src/exchanges/). */
  diffAgainst?: string;
  /** After the run, run the embedded reference store configured like the target and diff the two. */
  diffReference?: boolean;
  /** A second run of the BEFORE store, for the diff to learn its noise from. */
  noiseDir?: string;
  /** Known differences the diff accepts, and declared noise (YAML). */
  acceptFile?: string;
  /** The embedded store only: start it configured so (the target's release and settings) instead of from the fixtures. */
  referenceConfiguration?: import('../target/store-configuration').StoreConfiguration;
  /** The embedded store only: give the scenarios only the users, address and writes the target had. */
  referenceLike?: { allowWrites: boolean; restricted: boolean; disabled: boolean; alternateSourceAddress?: string };
}

/** The keys a user may set in .env or the environment, with what each means (also the source of --help and .env.example). */
export const CONFIG_KEYS = {
  INVOTIDE_TARGET_URL: 'Base URL of the store, e.g. https://staging.example.com/ (empty: the embedded reference store)',
  INVOTIDE_API_USERNAME: 'API user name (default: invotide-suite, the user `provision` adds for runs, so that they leave the store\'s own users alone)',
  INVOTIDE_API_KEY: 'API key of that user (required with a target URL; `provision` prints one)',
  INVOTIDE_API_ALLOWED_IPS: '`provision` only: the addresses invotide-suite may log in from, comma-separated (what --allow-ip gives)',
  INVOTIDE_RESTRICTED_USERNAME: 'An API user whose allow-list excludes this machine (optional: IP scenarios skip without it)',
  INVOTIDE_RESTRICTED_KEY: 'Key of the restricted user',
  INVOTIDE_DISABLED_USERNAME: 'A disabled API user, whose login must be refused (optional: `provision` adds invotide-disabled)',
  INVOTIDE_DISABLED_KEY: 'Key of the disabled user',
  INVOTIDE_ALTERNATE_SOURCE_ADDRESS: 'A local address the target does not allow, e.g. 127.0.0.2 (optional)',
  INVOTIDE_ALLOW_WRITES: 'true to allow scenarios that create, change or delete orders (default false; the embedded store allows them)',
  INVOTIDE_TIMEOUT_MS: 'Per-request timeout in milliseconds (default 10000)',
  INVOTIDE_FIXTURES: 'Fixtures file with the target data (default targets/provisioned.json)',
  INVOTIDE_CA_FILE: 'PEM file of a CA to trust for an https target (optional)',
  INVOTIDE_SECURITY_LOGIN_STORM: 'true to let the @security login storm send 20 wrong keys in a row (default false: skipped, so a run never looks like an attack unless asked)',
  INVOTIDE_REFERENCE_HARDENED: 'true to run the embedded reference store hardened, where every @security scenario passes (default false: as weak as a stock OpenCart 3.0.5.0)',
} as const;
export type ConfigKey = keyof typeof CONFIG_KEYS;

export interface ConfigSources {
  /** Path of a dotenv file; when omitted, ./.env is read if it exists. */
  envFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Values from CLI flags, already mapped to config keys. */
  flags?: Partial<Record<ConfigKey, string>>;
  cwd?: string;
  parallel?: number | 'auto';
  tags?: string;
  buildHtmlReport?: boolean;
  failOn?: string;
  strict?: boolean;
  certify?: boolean;
  deviationsFile?: string;
  shard?: string;
  requireCoverage?: boolean;
  reportsDir?: string;
}

/** The configuration keys as set (flags over the environment over the .env file), empty values left out. */
export function readConfigValues(sources: Pick<ConfigSources, 'envFile' | 'env' | 'flags' | 'cwd'> = {}): Partial<Record<ConfigKey, string>> {
  const fromFile = readEnvFile(sources.envFile, sources.cwd ?? process.cwd());
  const env = sources.env ?? process.env;
  const values: Partial<Record<ConfigKey, string>> = {};
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    const v = sources.flags?.[key] ?? env[key] ?? fromFile[key];
    if (v !== undefined && v.trim() !== '') values[key] = v.trim();
  }
  return values;
}

export function loadConfig(sources: ConfigSources = {}): SuiteConfig {
  const cwd = sources.cwd ?? process.cwd();
  const values = readConfigValues(sources);
  const value = (key: ConfigKey): string | undefined => values[key];

  const targetUrl = parseTargetUrl(value('INVOTIDE_TARGET_URL'));
  if (targetUrl && value('INVOTIDE_REFERENCE_HARDENED') !== undefined && parseBoolean('INVOTIDE_REFERENCE_HARDENED', value('INVOTIDE_REFERENCE_HARDENED'), false)) {
    throw new ConfigError('--hardened (INVOTIDE_REFERENCE_HARDENED) chooses how the embedded reference store runs; it means nothing with a target URL.');
  }
  const apiKey = value('INVOTIDE_API_KEY');
  if (targetUrl && !apiKey) {
    throw new ConfigError('INVOTIDE_API_KEY is required when INVOTIDE_TARGET_URL is set (the key of the API user: `invotide-conformance provision` prints one for invotide-suite).');
  }
  const restrictedUsername = value('INVOTIDE_RESTRICTED_USERNAME');
  const restrictedKey = value('INVOTIDE_RESTRICTED_KEY');
  if (Boolean(restrictedUsername) !== Boolean(restrictedKey)) {
    throw new ConfigError('INVOTIDE_RESTRICTED_USERNAME and INVOTIDE_RESTRICTED_KEY go together: set both or neither.');
  }
  const disabledUsername = value('INVOTIDE_DISABLED_USERNAME');
  const disabledKey = value('INVOTIDE_DISABLED_KEY');
  if (Boolean(disabledUsername) !== Boolean(disabledKey)) {
    throw new ConfigError('INVOTIDE_DISABLED_USERNAME and INVOTIDE_DISABLED_KEY go together: set both or neither.');
  }
  const alternate = value('INVOTIDE_ALTERNATE_SOURCE_ADDRESS');
  if (alternate !== undefined && isIP(alternate) === 0) {
    throw new ConfigError(`INVOTIDE_ALTERNATE_SOURCE_ADDRESS must be an IP address of this machine, got "${alternate}".`);
  }
  // Without a fixtures file named, the demo store's (shipped with the suite) is used, wherever the suite runs from.
  const fixturesFile = value('INVOTIDE_FIXTURES') ? path.resolve(cwd, value('INVOTIDE_FIXTURES')!) : PACKAGED_FIXTURES;
  if (!existsSync(fixturesFile)) throw new ConfigError(`INVOTIDE_FIXTURES: no file at ${fixturesFile}.`);
  const caFile = value('INVOTIDE_CA_FILE');
  if (caFile !== undefined && !existsSync(path.resolve(cwd, caFile))) throw new ConfigError(`INVOTIDE_CA_FILE: no file at ${caFile}.`);

  const parallel = sources.parallel ?? 1;
  if (parallel !== 'auto' && (!Number.isInteger(parallel) || parallel < 1 || parallel > 16)) {
    throw new ConfigError(`--parallel must be auto or a whole number from 1 to 16, got "${sources.parallel}".`);
  }
  if (sources.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(sources.shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new ConfigError(`--shard must be i/n with 1 <= i <= n, e.g. 1/2; got "${sources.shard}".`);
  }
  const deviationsFile = sources.deviationsFile
    ? path.resolve(cwd, sources.deviationsFile)
    : fixturesFile.replace(/\.json$/, '.deviations.yaml');
  if (sources.deviationsFile && !existsSync(deviationsFile)) throw new ConfigError(`--deviations: no file at ${deviationsFile}.`);
  return {
    targetUrl,
    apiUsername: value('INVOTIDE_API_USERNAME') ?? API_USERS.suite.username,
    apiKey,
    restrictedUsername,
    restrictedKey,
    disabledUsername,
    disabledKey,
    alternateSourceAddress: alternate,
    allowWrites: parseBoolean('INVOTIDE_ALLOW_WRITES', value('INVOTIDE_ALLOW_WRITES'), false),
    timeoutMs: parseTimeout(value('INVOTIDE_TIMEOUT_MS')),
    fixturesFile,
    caFile: caFile && path.resolve(cwd, caFile),
    tags: sources.tags,
    parallel,
    buildHtmlReport: sources.buildHtmlReport ?? false,
    reportsDir: path.resolve(cwd, sources.reportsDir ?? 'reports'),
    failOn: [sources.failOn, sources.strict ? 'undocumented' : undefined].filter(Boolean).join(','),
    certify: sources.certify ?? false,
    deviationsFile: existsSync(deviationsFile) ? deviationsFile : undefined,
    shard: sources.shard,
    requireCoverage: sources.requireCoverage ?? false,
    referenceHardened: parseBoolean('INVOTIDE_REFERENCE_HARDENED', value('INVOTIDE_REFERENCE_HARDENED'), false),
    loginStorm: parseBoolean('INVOTIDE_SECURITY_LOGIN_STORM', value('INVOTIDE_SECURITY_LOGIN_STORM'), false),
  };
}

function readEnvFile(envFile: string | undefined, cwd: string): Record<string, string> {
  const file = path.resolve(cwd, envFile ?? '.env');
  if (!existsSync(file)) {
    if (envFile) throw new ConfigError(`--env-file: no file at ${file}.`);
    return {};
  }
  const text = readFileSync(file, 'utf8');
  // dotenv ignores lines it cannot read; a user who mistyped one deserves to hear which.
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    if (!/^(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/.test(t)) {
      // Its text is not quoted: a line that is not KEY=value is often a key pasted on its own.
      throw new ConfigError(`${path.basename(file)} line ${i + 1} is not KEY=value (the line is not shown, as it may hold a key).`);
    }
  });
  const parsed = parseDotenv(text);
  const unknown = Object.keys(parsed).filter((k) => k.startsWith('INVOTIDE_') && !(k in CONFIG_KEYS));
  if (unknown.length) {
    throw new ConfigError(`${path.basename(file)} has unknown key ${unknown[0]}; known keys: ${Object.keys(CONFIG_KEYS).join(', ')}.`);
  }
  return parsed;
}

function parseTargetUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`INVOTIDE_TARGET_URL is not a URL: "${raw}" (expected e.g. https://store.example.com/).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`INVOTIDE_TARGET_URL must be http or https, got "${url.protocol}".`);
  }
  // Users paste the storefront or the API URL; the suite wants the folder that holds index.php.
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/index\.php$/, '');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

function parseBoolean(key: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${key} must be true or false, got "${raw}".`);
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return 10_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 100 || n > 600_000) {
    throw new ConfigError(`INVOTIDE_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, got "${raw}".`);
  }
  return n;
}
