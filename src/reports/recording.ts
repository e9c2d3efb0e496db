// Optional recording of every exchange as one JSON line (INVOTIDE_RECORD_EXCHANGES=file), for the benchmark's
// floor replay and validation timing. Off by default: a normal run does no per-step file I/O beyond the reports.
import { appendFileSync } from 'node:fs';
import type { ApiResponse } from '../client';

export interface RecordedExchange {
  route: string;
  method: string;
  url: string;
  body: string;
  contentType?: string;
  localAddress?: string;
  /** The token a login answered, so a replay can map it to the one it is issued. */
  token?: string;
  json?: unknown;
}

export function recordExchange(file: string, r: ApiResponse): void {
  const token = (r.json as { api_token?: unknown } | undefined)?.api_token;
  const line: RecordedExchange = {
    route: r.route,
    method: r.request.method,
    url: r.request.url,
    body: r.request.body,
    localAddress: r.request.localAddress,
    token: typeof token === 'string' ? token : undefined,
    json: r.json,
  };
  appendFileSync(file, JSON.stringify(line) + '\n');
}
