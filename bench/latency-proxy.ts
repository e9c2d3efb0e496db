// A loopback TCP proxy that delays every chunk by half a round trip each way: the reference store as a staging store
// across a network looks to the suite. Bounded (at most 1 s each way) and loopback-only; the delay keeps the order
// of the chunks, since every chunk of a direction waits the same time.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  url: string;
  close(): Promise<void>;
}

const MAX_ONE_WAY_MS = 1000;

function delayed(from: Socket, to: Socket, ms: number): void {
  from.on('data', (chunk) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, ms);
  });
  // The end goes after the last chunk, with the same delay.
  from.on('end', () => setTimeout(() => to.end(), ms));
  from.on('error', () => to.destroy());
}

export async function startLatencyProxy(upstream: string, rttMs: number): Promise<LatencyProxy> {
  const oneWay = Math.min(Math.max(rttMs / 2, 0), MAX_ONE_WAY_MS);
  const target = new URL(upstream);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error(`the latency proxy only fronts a loopback store, not ${target.hostname}`);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    // From the client's own address, so a request sent from another local address (the IP allow-list scenarios)
    // reaches the store from that address too.
    const store = connect({ port: Number(target.port), host: target.hostname.replace(/^\[|\]$/g, ''), localAddress: client.remoteAddress });
    for (const s of [client, store]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    delayed(client, store, oneWay);
    delayed(store, client, oneWay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
