/**
 * StudioClient over the browser-mode bridge (main/remote/bridge/bridge-protocol.ts):
 * JSON text frames for calls and events, binary frames for media.
 *
 * Lifecycle: connecting -> (socket open: send hello) open -> (socket drops)
 * closed -> after a backoff delay, connecting again; close() ends it for good.
 * Calls are only sent while open; a call still waiting when the socket drops is
 * rejected with DISCONNECTED, because nobody can tell whether the studio did it.
 */
import { CONTRACT_VERSION, isEventName, type EventName, type EventPayload, type MethodName, type MethodParams, type MethodResult } from '../../preload/contract';
import { BRIDGE_PATH } from '../../preload/contract/transport';
import { mediaEndpointOf, uploadMedia, type UploadProgress } from './media-upload';
import {
  ConnectionListeners,
  EventListeners,
  StudioClientError,
  concatParts,
  errorFromWire,
  eventFromWire,
  resultFromWire,
  type ConnectionState,
  type StudioClient,
} from './studio-client';

export { BRIDGE_PATH };
/** First reconnect delay; doubles on every failed attempt up to RECONNECT_MAX_MS. */
export const RECONNECT_INITIAL_MS = 250;
export const RECONNECT_MAX_MS = 5_000;
/**
 * Media is dropped while this much is still queued in the socket: a stalled
 * connection must not grow the page's memory by a frame every 33 ms.
 */
export const MAX_BUFFERED_MEDIA_BYTES = 8 * 1024 * 1024;
const OPEN = 1;

// Handler properties typed as methods so both the DOM WebSocket and the `ws`
// package (used by the tests) fit: their event types differ only in extras.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** What this client needs of a WebSocket; the browser's and `ws`'s both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string | Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface WsClientOptions {
  /** ws://host:port/bridge?token=... (see bridgeUrlFromLocation). */
  url: string;
  createSocket?: WebSocketFactory;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  warn?: (message: string) => void;
}

/** The bridge URL for the page the studio printed: same host, the token from ?token=. */
export function bridgeUrlFromLocation(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`;
}

interface Pending {
  method: MethodName;
  resolve: (value: unknown) => void;
  reject: (error: StudioClientError) => void;
}

export class WsStudioClient implements StudioClient {
  private socket: WebSocketLike | null = null;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly events = new EventListeners();
  private readonly connectionListeners = new ConnectionListeners();
  private retryDelayMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly createSocket: WebSocketFactory;
  private readonly warn: (message: string) => void;
  readonly uploadFile = (file: Blob, name: string, onProgress?: UploadProgress): Promise<string> => uploadMedia(mediaEndpointOf(this.options.url), file, name, onProgress);

  constructor(private readonly options: WsClientOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.warn = options.warn ?? ((m) => console.warn(m));
    this.retryDelayMs = options.reconnectInitialMs ?? RECONNECT_INITIAL_MS;
    this.connect();
  }

  get connection(): ConnectionState {
    return this.state;
  }

  onConnection(cb: (state: ConnectionState) => void): () => void {
    return this.connectionListeners.add(cb);
  }

  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    return this.events.add(event, cb);
  }

  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    const socket = this.socket;
    if (this.state !== 'open' || !socket) {
      return Promise.reject(new StudioClientError('DISCONNECTED', 'Not connected to the studio: wait for it to reconnect and try again.'));
    }
    const id = this.nextId++;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ type: 'call', id, method, params }));
    });
  }

  mediaBacklogBytes(): number {
    return this.socket?.bufferedAmount ?? 0;
  }

  sendMedia(parts: readonly Uint8Array[]): boolean {
    const socket = this.socket;
    if (this.state !== 'open' || !socket || socket.bufferedAmount > MAX_BUFFERED_MEDIA_BYTES) return false;
    socket.send(concatParts(parts));
    return true;
  }

  close(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.dropSocket('The studio window closed its connection.');
    socket?.close(1000, 'client closed');
    this.setState('closed');
  }

  private connect(): void {
    if (this.stopped) return;
    this.setState('connecting');
    let socket: WebSocketLike;
    try {
      socket = this.createSocket(this.options.url);
    } catch (err) {
      this.warn(`studio: could not open the connection: ${(err as Error).message}`);
      this.scheduleReconnect();
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.retryDelayMs = this.options.reconnectInitialMs ?? RECONNECT_INITIAL_MS;
      socket.send(JSON.stringify({ type: 'hello' }));
      this.setState('open');
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.onText(event.data);
    };
    // A failed connection fires error then close; close does the work.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.dropSocket('The connection to the studio was lost before it answered; check whether it happened and try again.');
      this.setState('closed');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.options.reconnectMaxMs ?? RECONNECT_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  /** Forget the socket and fail every call still waiting on it. */
  private dropSocket(message: string): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new StudioClientError('DISCONNECTED', message, `${p.method} was in flight`));
  }

  private setState(next: ConnectionState): void {
    if (this.state === next) return;
    this.state = next;
    this.connectionListeners.emit(next);
  }

  private onText(data: unknown): void {
    if (typeof data !== 'string') return; // the bridge sends media only towards the studio
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      this.warn('studio: ignored a message that is not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    switch (m.type) {
      case 'welcome':
        if (m.contractVersion !== CONTRACT_VERSION) this.warn(`studio: the studio speaks contract version ${String(m.contractVersion)}, this window ${CONTRACT_VERSION}`);
        // The state as of the hello: a (re)connected UI starts from it.
        this.dispatch('state', m.state);
        return;
      case 'event':
        if (isEventName(m.event)) this.dispatch(m.event, m.payload);
        else this.warn(`studio: ignored an unknown event ${JSON.stringify(m.event)}`);
        return;
      case 'result':
        this.settle(m.id, (p) => {
          try {
            p.resolve(resultFromWire(p.method, m.result));
          } catch (err) {
            p.reject(err as StudioClientError);
          }
        });
        return;
      case 'error':
        if (m.id === null) {
          // An error about no call in particular (rate limit, a refused media message).
          const e = errorFromWire(m.error);
          this.warn(`studio: ${e.code}: ${e.message}`);
          return;
        }
        this.settle(m.id, (p) => p.reject(errorFromWire(m.error)));
        return;
      default:
        this.warn(`studio: ignored a message of type ${JSON.stringify(m.type)}`);
    }
  }

  private settle(id: unknown, f: (p: Pending) => void): void {
    const p = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!p) return;
    this.pending.delete(id as number);
    f(p);
  }

  private dispatch(event: EventName, payload: unknown): void {
    if (!this.events.has(event)) return;
    const valid = eventFromWire(event, payload, this.warn);
    if (valid !== null) this.events.emit(event, valid);
  }
}
