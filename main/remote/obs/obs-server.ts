/**
 * ObsWebSocketServer: obs-websocket 5.x compatibility for existing controllers
 * (Stream Deck, Companion, Touch Portal, scripts using obs-websocket-js), mapped
 * onto the studio's contract (DESIGN.md "Contract", transport 3).
 *
 * Lifecycle: constructed -> start() (listening, subscribed to the studio) ->
 * notifyExit() when the studio begins to quit (ExitStarted to subscribers) ->
 * stop() (clients closed with 1001, server closed). The composition root
 * restarts it when the remote settings or the password change.
 *
 * Security (DESIGN.md "Security"): binds 127.0.0.1 unless told otherwise;
 * refuses a browser Origin that is not the studio's own before the upgrade;
 * authenticates with the obs-websocket challenge when a password is set (the
 * server keeps only the salted secret, and never logs either); caps message
 * size, message rate, connections and unread output per client.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { HealthSnapshot } from '../../../preload/contract/health';
import type { StudioState } from '../../../preload/contract/model';
import type { Logger } from '../../engine/logger';
import type { StudioPort } from '../../studio/studio-port';
import { MAX_CONTROL_MESSAGE_BYTES, MAX_MESSAGES_PER_SECOND, MESSAGE_BURST, TokenBucket, checkUpgrade, rejectUpgrade } from '../ws-guard';
import { createAuthKeys, type AuthKeys } from './auth';
import { codecFor, selectSubprotocol, type Codec } from './codec';
import { exitStartedEvent, translateState } from './event-translator';
import { SceneItemIds } from './item-ids';
import { OpCode, WS_GOING_AWAY, WS_POLICY_VIOLATION, type ObsEvent } from './protocol';
import { IDENTIFY_TIMEOUT_MS, ObsSession } from './session';

/** obs-websocket's own default port, so controllers find us without setup. */
export const DEFAULT_OBS_PORT = 4455;
export const DEFAULT_HOST = '127.0.0.1';
/** Controllers connected at once; a desk rarely has more than a few. */
export const MAX_CONNECTIONS = 32;
/** Output a client may leave unread before it is cut off (events pile up for a stalled client), bytes. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** How long stop() waits for clients to answer the close before cutting them off, ms. */
export const STOP_GRACE_MS = 1000;

export interface ObsServerLimits {
  messagesPerSecond: number;
  burst: number;
  maxMessageBytes: number;
  maxConnections: number;
  identifyTimeoutMs: number;
}

export interface ObsWebSocketServerOptions {
  studio: StudioPort;
  /** Default 4455; 0 picks a free port (tests). */
  port?: number;
  host?: '127.0.0.1' | '0.0.0.0';
  /** null turns authentication off (the Hello carries no challenge). */
  password: string | null;
  /** Browser origins allowed to connect (the studio's own UI); native clients send none and are allowed. */
  allowedOrigins: string[];
  logger: Logger;
  /** Defaults from ws-guard and session.ts; tests raise the rate to fuzz quickly, shorten the identify wait. */
  limits?: Partial<ObsServerLimits>;
  now?: () => number;
}

export class ObsWebSocketServer {
  private readonly studio: StudioPort;
  private readonly logger: Logger;
  private readonly auth: AuthKeys | null;
  private readonly limits: ObsServerLimits;
  private readonly ids = new SceneItemIds();
  private readonly sessions = new Map<WebSocket, ObsSession>();
  private readonly unsubscribe: Array<() => void> = [];
  private readonly now: () => number;
  private http: Server | null = null;
  private wss: WebSocketServer | null = null;
  private lastState: StudioState | null = null;
  private lastHealth: HealthSnapshot | null = null;
  private readonly options: Omit<ObsWebSocketServerOptions, 'password'>;

  constructor({ password, ...options }: ObsWebSocketServerOptions) {
    this.options = options;
    this.studio = options.studio;
    this.logger = options.logger;
    // Only the salted secret is kept: the password itself is not stored on the server.
    this.auth = password === null ? null : createAuthKeys(password);
    this.limits = {
      messagesPerSecond: MAX_MESSAGES_PER_SECOND,
      burst: MESSAGE_BURST,
      maxMessageBytes: MAX_CONTROL_MESSAGE_BYTES,
      maxConnections: MAX_CONNECTIONS,
      identifyTimeoutMs: IDENTIFY_TIMEOUT_MS,
      ...options.limits,
    };
    this.now = options.now ?? Date.now;
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  async start(): Promise<{ port: number }> {
    if (this.http) throw new Error('the obs-websocket server is already started');
    this.lastState = await this.studio.api.getState({});
    this.ids.register(this.lastState.collection.scenes);
    this.unsubscribe.push(
      this.studio.on('state', (state) => this.onState(state)),
      this.studio.on('health', (health) => {
        this.lastHealth = health;
      }),
    );
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxMessageBytes,
      // Compression would let a small frame inflate to far more than maxPayload's worth of work.
      perMessageDeflate: false,
      handleProtocols: (offered) => selectSubprotocol(offered) ?? false,
    });
    const http = createServer((_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' });
      res.end('This is an obs-websocket server: connect with a WebSocket client.\n');
    });
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    this.http = http;
    const host = this.options.host ?? DEFAULT_HOST;
    try {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(this.options.port ?? DEFAULT_OBS_PORT, host, () => {
          http.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      // Port taken, say: leave nothing half-started (no studio subscription, no server).
      await this.stop();
      throw error;
    }
    // Errors after listening (out of file descriptors...) are logged, never thrown into the studio's process.
    http.on('error', (error) => this.logger.error(`obs-websocket server error: ${error.message}`));
    const port = (http.address() as AddressInfo).port;
    this.logger.info(`obs-websocket server listening on ${host}:${port} (authentication ${this.auth ? 'on' : 'off'})`);
    return { port };
  }

  /** The studio is quitting: tell subscribed clients, as OBS does before it exits. */
  notifyExit(): void {
    this.broadcast(exitStartedEvent());
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    const closing = [...this.sessions.entries()].map(([ws, session]) => {
      session.dispose();
      return closeSocket(ws);
    });
    await Promise.all(closing);
    this.sessions.clear();
    this.wss?.close();
    this.wss = null;
    const http = this.http;
    this.http = null;
    if (http) {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  }

  // ---- connections ----

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => this.logger.debug(`obs-websocket upgrade socket error: ${error.message}`));
    const verdict = checkUpgrade(req, { allowedOrigins: this.options.allowedOrigins, openConnections: this.sessions.size, maxConnections: this.limits.maxConnections });
    if (!verdict.ok) {
      this.logger.warn(`obs-websocket refused a connection from ${req.socket.remoteAddress ?? '?'}: ${verdict.reason}`);
      rejectUpgrade(socket, verdict.status);
      return;
    }
    if (!this.wss) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const codec = codecFor(ws.protocol);
    const remote = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    const session = new ObsSession({
      codec,
      auth: this.auth,
      remote,
      logger: this.logger,
      bucket: new TokenBucket(this.limits.messagesPerSecond, this.limits.burst),
      identifyTimeoutMs: this.limits.identifyTimeoutMs,
      context: { studio: this.studio, ids: this.ids, health: () => this.lastHealth, now: this.now, logger: this.logger },
      send: (data) => this.sendTo(ws, data),
      close: (code, reason) => ws.close(code, reason),
    });
    this.sessions.set(ws, session);
    ws.on('message', (data: RawData, isBinary: boolean) => session.receive(toBytes(data), isBinary));
    // ws reports protocol errors (an oversized frame: it closes with 1009 itself) here; without a listener they would throw.
    ws.on('error', (error) => this.logger.info(`obs-websocket client ${remote}: ${error.message}`));
    ws.on('close', () => {
      session.dispose();
      this.sessions.delete(ws);
    });
    this.logger.info(`obs-websocket client ${remote} connected (${codec.subprotocol})`);
    session.hello();
  }

  /** A client that stops reading would make us buffer events without end: it is cut off instead. */
  private sendTo(ws: WebSocket, data: string | Uint8Array): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.logger.warn('obs-websocket client is not reading its messages; disconnecting it');
      ws.close(WS_POLICY_VIOLATION, 'Too much unread data.');
      ws.terminate();
      return;
    }
    ws.send(data);
  }

  // ---- events ----

  private onState(next: StudioState): void {
    const prev = this.lastState;
    this.lastState = next;
    if (prev === null) return;
    try {
      for (const event of translateState(prev, next, this.ids)) this.broadcast(event);
    } catch (error) {
      // A bug here must not break the studio's own event delivery.
      this.logger.error(`obs-websocket could not translate a state change: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Encodes an event once per encoding and hands it to every subscribed session. */
  private broadcast(event: ObsEvent): void {
    const encoded = new Map<Codec, string | Uint8Array>();
    for (const [ws, session] of this.sessions) {
      const codec = codecFor(ws.protocol);
      let frame = encoded.get(codec);
      if (frame === undefined) {
        frame = codec.encode({ op: OpCode.Event, d: event });
        encoded.set(codec, frame);
      }
      session.deliverEvent(event.eventIntent, frame);
    }
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, STOP_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(WS_GOING_AWAY, 'Server stopping.');
  });
}
