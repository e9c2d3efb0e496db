// A programmable misbehaving store for the suite's own tests. It either misbehaves on every request, or proxies to a
// real (reference) store and misbehaves only on chosen routes, so a run can prove it goes on past one bad answer.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export type Fault =
  | 'hang' // accept and never answer
  | 'slow' // answer after slowMs (default a minute)
  | 'reset' // headers and half a body, then the connection is destroyed
  | 'html-500' // an HTTP 500 error page
  | 'php-warning' // a PHP warning printed before the JSON (what the real answer would be)
  | 'opencart-notices' // an older OpenCart on PHP 8 with error_display on: its handler's deprecations, as HTML, before every answer
  | 'invalid-json'
  | 'empty-body'
  | 'redirect-login' // 302 to an admin login page
  | 'huge-body' // tens of megabytes
  | 'gzip' // the real answer, gzip-encoded
  | 'chunked' // the real answer, in small chunks
  | 'extra-field' // the real answer with a field the contract does not document, as extensions add
  | 'ok'; // the real answer

export interface FaultServerOptions {
  /** Fault for every request, or per route ('api/currency'); routes not named get the real answer. */
  fault?: Fault;
  faults?: Record<string, Fault>;
  /** Only requests that carry no api_token meet `faults` (a scenario calling a route without a token does; the
   * fixture check before the scenarios always sends one, so it gets the real answers). */
  faultsWithoutTokenOnly?: boolean;
  /** Where real answers come from; without it, the real answer is a canned successful login. */
  upstream?: string;
  slowMs?: number;
  tls?: boolean;
}

export interface FaultServer {
  url: string;
  /** Routes requested so far, in order. */
  routes: string[];
  close(): Promise<void>;
}

const TLS_DIR = path.join(__dirname, '..', 'fixtures', 'tls');
export const TEST_CA_FILE = path.join(TLS_DIR, 'ca.pem');
const CANNED_LOGIN = JSON.stringify({ success: 'Success: API session successfully started!', api_token: '0123456789abcdef0123456789' });
const HTML_500 = '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>';

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const routes: string[] = [];
  const sockets = new Set<Socket>();
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const route = query.get('route') ?? '';
    routes.push(route);
    const routeFault = options.faultsWithoutTokenOnly && query.has('api_token') ? undefined : options.faults?.[route];
    const fault = routeFault ?? options.fault ?? 'ok';
    void serve(fault, req, res, options);
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: readFileSync(path.join(TLS_DIR, 'server.key')), cert: readFileSync(path.join(TLS_DIR, 'server.pem')) }, handler)
    : createHttpServer(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** A URL on which nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const s = createHttpServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

async function serve(fault: Fault, req: IncomingMessage, res: ServerResponse, options: FaultServerOptions): Promise<void> {
  const body = await readBody(req);
  switch (fault) {
    case 'hang':
      return;
    case 'html-500':
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_500);
      return;
    case 'invalid-json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success": "Success: API session');
      return;
    case 'empty-body':
      res.writeHead(200, { 'content-type': 'application/json' }).end();
      return;
    case 'redirect-login':
      res.writeHead(302, { location: '/admin/index.php?route=common/login' }).end();
      return;
    case 'huge-body': {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Written as fast as the client reads: the size limit is met as soon as 16 MiB have crossed the loopback.
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 40 && !res.destroyed; i++) if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      res.end();
      return;
    }
    default:
      break;
  }
  const real = await realAnswer(req, body, options.upstream);
  switch (fault) {
    case 'slow': {
      // Answers after slowMs, unless the client gave up first: then the timer goes too, so a long slowMs (what makes a
      // timeout test hold on a loaded machine) leaves nothing pending that would keep a test process alive.
      const timer = setTimeout(() => {
        if (!res.destroyed) res.writeHead(real.status, real.headers).end(real.body);
      }, options.slowMs ?? 60_000);
      res.once('close', () => clearTimeout(timer));
      return;
    }
    case 'reset':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(real.body.length + 100) });
      res.write(real.body.subarray(0, Math.ceil(real.body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    case 'php-warning':
      res.writeHead(real.status, real.headers).end(
        Buffer.concat([Buffer.from('<br />\n<b>Warning</b>:  Undefined array key "currency" in <b>/var/www/catalog/controller/api/currency.php</b> on line <b>13</b><br />\n'), real.body]),
      );
      return;
    case 'opencart-notices': {
      // As OpenCart 3.0.3.8's error handler prints them: "Unknown" for a deprecation, one after another, no line breaks.
      const notice = (property: string, line: number) =>
        `<b>Unknown</b>: Creation of dynamic property ${property} is deprecated in <b>/var/www/system/library/request.php</b> on line <b>${line}</b>`;
      const notices = Array.from({ length: 37 }, (_, i) => notice(`Request::$p${i}`, 20 + i)).join('');
      res.writeHead(real.status, { ...real.headers, 'content-type': 'text/html; charset=UTF-8' }).end(Buffer.concat([Buffer.from(notices), real.body]));
      return;
    }
    case 'gzip':
      res.writeHead(real.status, { ...real.headers, 'content-encoding': 'gzip' }).end(gzipSync(real.body));
      return;
    case 'extra-field': {
      const body = JSON.parse(real.body.toString('utf8')) as unknown;
      const extended = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, x_extension_field: 'added by a theme' } : body;
      res.writeHead(real.status, real.headers).end(JSON.stringify(extended));
      return;
    }
    case 'chunked': {
      res.writeHead(real.status, real.headers);
      for (let i = 0; i < real.body.length; i += 7) res.write(real.body.subarray(i, i + 7));
      res.end();
      return;
    }
    default:
      res.writeHead(real.status, real.headers).end(real.body);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

interface RealAnswer { status: number; headers: Record<string, string>; body: Buffer }

function realAnswer(req: IncomingMessage, body: Buffer, upstream?: string): Promise<RealAnswer> {
  if (!upstream) return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(CANNED_LOGIN) });
  return new Promise((resolve, reject) => {
    const target = new URL(req.url ?? '/', upstream);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
    const up = httpRequest(target, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string' && k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') h[k] = v;
        resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks) });
      });
    });
    up.on('error', reject);
    up.end(body);
  });
}
