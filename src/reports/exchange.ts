// One request/response pair as a report attachment: readable, and with every secret blanked.
import type { ApiResponse } from '../client';
import { Redactor } from '../redact';

export function describeExchange(r: ApiResponse, secrets: string[]): { name: string; body: string } {
  const redactor = new Redactor(secrets);
  const exchange = {
    request: { method: r.request.method, url: r.request.url, body: r.request.body, localAddress: r.request.localAddress },
    response: {
      status: r.status,
      contentType: r.contentType,
      durationMs: Math.round(r.durationMs * 10) / 10,
      body: r.json ?? r.text.slice(0, 4000),
      ...(r.phpNotice ? { phpNotice: r.phpNotice } : {}),
      ...(r.parseError ? { parseError: r.parseError } : {}),
    },
    contract: r.validation
      ? { operation: r.validation.operationId, variant: r.validation.variant, ok: r.validation.ok, violations: r.validation.violations }
      : undefined,
    ...(r.undocumented?.length ? { undocumented: r.undocumented } : {}),
  };
  return { name: `${r.request.method} ${r.route} → ${r.status}`, body: redactor.redact(JSON.stringify(exchange, null, 2)) };
}
