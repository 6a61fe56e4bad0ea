/**
 * A loopback TCP proxy that forwards what a client sends at a limited rate, as a
 * congested uplink would: a token bucket of `rateKbps` (burst BUCKET_MS of it)
 * meters the client-to-server direction; the reply direction is not limited.
 *
 * It reads slowly rather than buffering: when the bucket is empty the client
 * socket is paused, so the kernel buffers fill and the publisher's writes block,
 * exactly what a slow network does to ffmpeg. setRate() changes the limit while
 * connections are open (null lifts it), so a test can make congestion come and go.
 *
 * Lifecycle: new ThrottleProxy(targetPort, rateKbps) -> listen() -> ... -> close().
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { LOOPBACK_HOST } from './ports';

/** Burst the bucket holds, in ms of the rate: small, so the limit bites at once. */
const BUCKET_MS = 100;
/** How often paused connections are looked at again, ms. */
const REFILL_INTERVAL_MS = 20;
/**
 * Kernel receive buffer is not settable from Node; reading in chunks no bigger
 * than this keeps our own buffering near the bucket's size.
 */
const READ_HIGH_WATER_BYTES = 4 * 1024;

interface Pipe {
  client: Socket;
  server: Socket;
}

export class ThrottleProxy {
  private server: Server | null = null;
  private readonly pipes = new Set<Pipe>();
  private bytesPerMs: number | null;
  private tokens = 0;
  private lastRefill = Date.now();
  private timer: NodeJS.Timeout | null = null;
  /** Bytes forwarded client-to-server, across connections. */
  forwardedBytes = 0;
  connections = 0;
  port = 0;

  constructor(
    private readonly targetPort: number,
    rateKbps: number | null,
  ) {
    this.bytesPerMs = rateKbps === null ? null : (rateKbps * 1000) / 8 / 1000;
  }

  async listen(): Promise<number> {
    // A small high-water mark: Node stops taking bytes off the kernel as soon as a
    // little is buffered, so the bucket, not Node, decides how fast the client is read.
    const server = createServer({ highWaterMark: READ_HIGH_WATER_BYTES }, (client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK_HOST, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
    this.port = address.port;
    this.timer = setInterval(() => this.pump(), REFILL_INTERVAL_MS);
    return this.port;
  }

  /** A new limit in kb/s, or null for none; open connections follow it at once. */
  setRate(rateKbps: number | null): void {
    this.bytesPerMs = rateKbps === null ? null : (rateKbps * 1000) / 8 / 1000;
    this.pump();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const p of this.pipes) {
      p.client.destroy();
      p.server.destroy();
    }
    this.pipes.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.connections++;
    // The publisher reconnected, so its earlier connections are dead. On a real
    // network a killed sender's queued packets die with its reset; here the proxy
    // itself holds the queue (in its socket buffers), so it must drop it, or the
    // dead stream would keep the key busy at the origin and eat the new one's rate.
    for (const old of this.pipes) {
      old.client.destroy();
      old.server.destroy();
    }
    this.pipes.clear();
    const server = connect(this.targetPort, LOOPBACK_HOST);
    const pipe: Pipe = { client, server };
    this.pipes.add(pipe);
    const end = () => {
      this.pipes.delete(pipe);
      client.destroy();
      server.destroy();
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
    server.on('data', (data: Buffer) => client.write(data));
    // Paused mode: bytes leave the socket only when pump() reads them.
    client.on('readable', () => this.pump());
  }

  /** Forward what the bucket allows; each read() lets Node fetch a little more from the kernel. */
  private pump(): void {
    const now = Date.now();
    if (this.bytesPerMs !== null) {
      this.tokens = Math.min(this.bytesPerMs * BUCKET_MS, this.tokens + (now - this.lastRefill) * this.bytesPerMs);
    }
    this.lastRefill = now;
    for (const { client, server } of this.pipes) {
      while (client.readableLength > 0) {
        const allowed = this.bytesPerMs === null ? client.readableLength : Math.min(client.readableLength, Math.floor(this.tokens));
        if (allowed <= 0) break;
        const part = client.read(allowed) as Buffer | null;
        if (part === null) break;
        if (this.bytesPerMs !== null) this.tokens -= part.length;
        this.forwardedBytes += part.length;
        server.write(part);
      }
    }
  }
}
