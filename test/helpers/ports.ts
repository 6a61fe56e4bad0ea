/**
 * Free loopback TCP ports for tests that start real servers (nginx, our own
 * WebSocket and HTTP servers). The kernel picks the port; we release it right
 * away so the server under test can bind it. There is a small window in which
 * another process could take it; on a test machine that is acceptable, and a
 * server that fails to bind reports it loudly.
 */
import { createServer } from 'node:net';

export const LOOPBACK_HOST = '127.0.0.1';

export async function freePort(): Promise<number> {
  const held = await listenOnAnyPort();
  await held.close();
  return held.port;
}

/**
 * n distinct free ports. The listeners are held open until all n are known, so
 * the kernel cannot hand the same port out twice.
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => listenOnAnyPort()),
  );
  const ports = servers.map(({ port }) => port);
  await Promise.all(servers.map(({ close }) => close()));
  return ports;
}

interface HeldPort {
  port: number;
  close: () => Promise<void>;
}

function listenOnAnyPort(): Promise<HeldPort> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`unexpected server address: ${String(address)}`));
        return;
      }
      resolve({
        port: address.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
