/**
 * A bare WebSocket client for obs-websocket tests that need to send what no
 * real client library would (malformed frames, wrong opcodes, a browser Origin)
 * and to see exactly how the server answers or closes.
 */
import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import { computeAuthentication } from '../../main/remote/obs/auth';

export interface Closed {
  code: number;
  reason: string;
}

export type Frame = { op: number; d: Record<string, unknown> };

export class RawClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<Closed>;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        // Nothing more will arrive: wake anyone waiting for a frame.
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
    ws.on('message', (data: Buffer, isBinary) => {
      this.frames.push((isBinary ? decode(data) : JSON.parse(data.toString('utf8'))) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on('error', () => undefined);
  }

  /** Opens a connection; `protocol` null offers none. Rejects with the HTTP status when the upgrade is refused. */
  static connect(url: string, options: { protocol?: string | null; origin?: string } = {}): Promise<RawClient> {
    const protocol = options.protocol === undefined ? 'obswebsocket.json' : options.protocol;
    const ws = new WebSocket(url, protocol === null ? [] : [protocol], options.origin ? { origin: options.origin } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`HTTP ${res.statusCode}`));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  get binary(): boolean {
    return this.ws.protocol === 'obswebsocket.msgpack';
  }

  send(message: unknown): void {
    this.ws.send(this.binary ? encode(message) : JSON.stringify(message));
  }

  sendRaw(data: string | Uint8Array): void {
    this.ws.send(data);
  }

  /** The next frame (after `from`) that matches, or null if none came within timeoutMs. */
  async next(match: (f: Frame) => boolean, timeoutMs = 2000, from = 0): Promise<Frame | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.ws.readyState !== WebSocket.OPEN) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for Hello, answers with an Identify (authenticated when asked), waits for Identified. */
  async identify(password: string | null, extra: Record<string, unknown> = {}): Promise<void> {
    const hello = await this.next((f) => f.op === 0);
    if (!hello) throw new Error('no Hello');
    const auth = hello.d.authentication as { salt: string; challenge: string } | undefined;
    const d: Record<string, unknown> = { rpcVersion: 1, ...extra };
    if (auth && password !== null) d.authentication = computeAuthentication(password, auth.salt, auth.challenge);
    this.send({ op: 1, d });
    if (!(await this.next((f) => f.op === 2))) throw new Error('not Identified');
  }

  /** Sends a Request and waits for its RequestResponse. */
  async request(requestType: string, requestData?: Record<string, unknown>, timeoutMs = 2000): Promise<Frame['d'] | null> {
    const requestId = `raw-${Math.random().toString(36).slice(2)}`;
    this.send({ op: 6, d: { requestType, requestId, ...(requestData ? { requestData } : {}) } });
    const reply = await this.next((f) => f.op === 7 && f.d.requestId === requestId, timeoutMs);
    return reply?.d ?? null;
  }

  close(): void {
    this.ws.close();
  }
}
