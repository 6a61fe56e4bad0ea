/**
 * The browser-mode bridge: serves the built UI and the contract over a WebSocket
 * on 127.0.0.1. Who may talk (DESIGN.md "Security"): a browser page of our own
 * origin carrying the session token from the URL the studio printed. What they
 * may say: messages that match the contract's schemas, within size and rate caps.
 * Bad input gets an error reply; the connection and the state stay intact.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CONTRACT_VERSION, EVENTS, METHODS, isMethodName, StudioError, decodeMediaMessage, MAX_MEDIA_BYTES, type EventName } from '../../../preload/contract';
import type { Logger } from '../../engine/logger';
import { formatZodError } from '../../studio/persistence/zod-error';
import type { StudioPort } from '../../studio/studio-port';
import { BRIDGE_PATH, ClientMessageSchema, type ServerMessage } from './bridge-protocol';
import { isAllowedOrigin, safeJsonParse, TokenBucket, tokenMatches } from '../ws-guard';

/** JSON control messages larger than this are refused (an exported collection with images fits). */
export const MAX_CONTROL_MESSAGE_BYTES = 32 * 1024 * 1024;
/** Control messages a client may send per second (bursts up to twice that). */
export const CONTROL_MESSAGES_PER_S = 200;
/** Media messages per second: two streams (video, audio at 100/s) with headroom. */
export const MEDIA_MESSAGES_PER_S = 400;

export interface MediaSinkPort {
  pushMedia(message: ReturnType<typeof decodeMediaMessage> & object): void;
  producerGone(): void;
}

export interface BridgeOptions {
  studio: StudioPort;
  media: MediaSinkPort;
  server: Server;
  token: string;
  /** Browser origins allowed to connect: the UI's own. */
  allowedOrigins: () => string[];
  logger: Logger;
  /**
   * After a client's hello: the studio re-sends what it needs to know but only
   * hears on change (whether to send program media), so a reloaded UI catches up.
   */
  onHello?: () => void;
  /** Messages per second per connection; defaults above (tests raise them to fuzz the validators). */
  limits?: { controlPerS: number; mediaPerS: number };
}

export class BridgeServer {
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<WebSocket>();
  private producer: WebSocket | null = null;

  constructor(private readonly options: BridgeOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(MAX_CONTROL_MESSAGE_BYTES, MAX_MEDIA_BYTES) });
    options.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    for (const ws of this.clients) ws.close(1001, 'studio closing');
    await new Promise<void>((r) => this.wss.close(() => r()));
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== BRIDGE_PATH) return; // another WebSocket on this server
    const refuse = (status: number, why: string) => {
      this.options.logger.warn(`bridge: refused a connection: ${why}`);
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!isAllowedOrigin(req.headers.origin, this.options.allowedOrigins())) return refuse(403, `origin ${req.headers.origin ?? '(none)'} is not the studio's`);
    if (!tokenMatches(url.searchParams.get('token'), this.options.token)) return refuse(401, 'missing or wrong token');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    const { controlPerS, mediaPerS } = this.options.limits ?? { controlPerS: CONTROL_MESSAGES_PER_S, mediaPerS: MEDIA_MESSAGES_PER_S };
    const control = new TokenBucket(controlPerS, 2 * controlPerS);
    const media = new TokenBucket(mediaPerS, 2 * mediaPerS);
    const unsubscribe: Array<() => void> = [];
    const send = (m: ServerMessage) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
    };
    const fail = (id: number | null, error: StudioError) => send({ type: 'error', id, error: error.toJSON() });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = toUint8Array(data);
      if (isBinary) {
        if (!media.take()) return fail(null, new StudioError('RATE_LIMITED', 'Too many media messages.'));
        const message = decodeMediaMessage(bytes);
        if (typeof message === 'string') return fail(null, new StudioError('BAD_REQUEST', `A media message was refused: ${message}.`));
        this.producer = ws;
        try {
          this.options.media.pushMedia(message);
        } catch (err) {
          fail(null, new StudioError('BAD_REQUEST', `A media message was refused: ${(err as Error).message}`));
        }
        return;
      }
      if (!control.take()) return fail(null, new StudioError('RATE_LIMITED', 'Too many requests: slow down.'));
      if (bytes.length > MAX_CONTROL_MESSAGE_BYTES) return fail(null, new StudioError('BAD_REQUEST', 'That message is too large.'));
      const text = safeJsonParse(Buffer.from(bytes).toString('utf8'));
      if (!text.ok) return fail(null, new StudioError('BAD_REQUEST', `A message was not valid JSON: ${text.error}`));
      const json = text.value;
      const parsed = ClientMessageSchema.safeParse(json);
      if (!parsed.success) return fail(idOf(json), new StudioError('BAD_REQUEST', `A message did not match the protocol: ${formatZodError(parsed.error)}`));
      const msg = parsed.data;
      if (msg.type === 'hello') {
        if (unsubscribe.length === 0) {
          for (const event of Object.keys(EVENTS) as EventName[]) unsubscribe.push(this.options.studio.on(event, (payload) => send({ type: 'event', event, payload })));
        }
        void this.options.studio.api.getState({}).then((state) => {
          send({ type: 'welcome', contractVersion: CONTRACT_VERSION, state });
          this.options.onHello?.();
        });
        return;
      }
      void this.call(msg.id, msg.method, msg.params).then((m) => send(m));
    });
    ws.on('close', () => {
      this.clients.delete(ws);
      for (const u of unsubscribe) u();
      if (this.producer === ws) {
        this.producer = null;
        this.options.media.producerGone();
      }
    });
    ws.on('error', (err) => this.options.logger.warn(`bridge: connection error: ${err.message}`));
    this.clients.add(ws);
  }

  private async call(id: number, method: string, params: unknown): Promise<ServerMessage> {
    if (!isMethodName(method)) return { type: 'error', id, error: new StudioError('UNKNOWN_METHOD', `There is no method "${method.slice(0, 64)}".`).toJSON() };
    const schema = METHODS[method].params;
    const parsed = schema.safeParse(params ?? {});
    if (!parsed.success) return { type: 'error', id, error: new StudioError('BAD_REQUEST', `${method}: ${formatZodError(parsed.error)}`).toJSON() };
    try {
      const handler = this.options.studio.api[method] as (p: unknown) => Promise<unknown>;
      return { type: 'result', id, result: await handler(parsed.data) };
    } catch (err) {
      const error = err instanceof StudioError ? err : new StudioError('INTERNAL', 'Something went wrong inside the studio; the log has the details.', (err as Error)?.message ?? String(err));
      if (error.code === 'INTERNAL') this.options.logger.error(`bridge: ${method} failed: ${error.detail}`);
      return { type: 'error', id, error: error.toJSON() };
    }
  }
}

function idOf(json: unknown): number | null {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
