// Before any scenario: is the target reachable, an Invotide store, and does it accept our credentials?
// Each failure is one line, and the run stops with exit code 2.
import { ApiClient, TransportError } from '../client';
import type { SuiteConfig } from '../config';
import { API_USERS } from '../provision/dataset';

export class PreflightError extends Error {
  override name = 'PreflightError';
}

/** A message as a sentence: a full stop unless it already ends with one, a question mark or a parenthesis. */
export const sentence = (text: string): string => (/[.?!)]$/.test(text) ? text : `${text}.`);

/**
 * An OpenCart store that shows PHP's notices writes them as HTML before every answer. Every 3.0.x release ships with
 * 'error_display' => true in system/config/default.php, which holds until the store has read its own setting
 * (config_error_display); on PHP 8 the releases before 3.0.3.9 raise dozens of deprecations before that point.
 */
export function phpNoticeDiagnosis(baseUrl: string, notice: string): string {
  return `${baseUrl} is an OpenCart store that prints PHP notices before its JSON, so no client can read its answers ` +
    `(api/login began with "${notice.length > 220 ? `${notice.slice(0, 220)}…` : notice}"). Hide them: 'error_display' => false ` +
    `in the store's system/config/default.php (OpenCart shows them until it has read its own setting config_error_display), ` +
    `or display_errors = Off for PHP; they still go to OpenCart's error log.`;
}

export async function preflight(baseUrl: string, config: Pick<SuiteConfig, 'apiUsername' | 'apiKey' | 'timeoutMs' | 'caFile'>): Promise<void> {
  const client = new ApiClient({ baseUrl, timeoutMs: config.timeoutMs, caFile: config.caFile });
  try {
    const r = await client.send({ route: 'api/login', form: { username: config.apiUsername, key: config.apiKey ?? '' } });
    const where = `${baseUrl}index.php?route=api/login`;
    if (r.phpNotice) throw new PreflightError(phpNoticeDiagnosis(baseUrl, r.phpNotice));
    if (r.status !== 200 || r.json === undefined) {
      const what = r.phpNotice ? `a PHP error (${r.phpNotice.slice(0, 120)})` : `HTTP ${r.status} ${r.contentType ?? 'without a content type'}${r.parseError ? `, not JSON` : ''}`;
      throw new PreflightError(`${baseUrl} is not an Invotide store: ${where} answered ${what}.`);
    }
    const body = r.json as { api_token?: unknown; error?: { ip?: unknown } };
    if (Array.isArray(body)) {
      const hint = config.apiUsername === API_USERS.suite.username ? '; `invotide-conformance provision` adds invotide-suite and prints its key' : '';
      throw new PreflightError(`the store rejected the API credentials of user ${config.apiUsername}: api/login answered [] (wrong user name or key, or the API user is disabled${hint}).`);
    }
    if (body.error && typeof body.error === 'object' && typeof body.error.ip === 'string') {
      const fix = config.apiUsername === API_USERS.suite.username
        ? 'provision again with --allow-ip and that address, or add it under System > Users > API > IP addresses'
        : 'add it under System > Users > API > IP addresses';
      throw new PreflightError(`the store does not allow this machine's address for user ${config.apiUsername}: "${body.error.ip}" (${fix}).`);
    }
    if (typeof body.api_token !== 'string') {
      throw new PreflightError(`${baseUrl} is not an Invotide store: api/login answered JSON without an api_token.`);
    }
  } catch (error) {
    if (error instanceof TransportError) throw new PreflightError(`target unreachable: ${sentence(error.message)}`);
    throw error;
  } finally {
    await client.close();
  }
}
