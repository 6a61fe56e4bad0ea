/**
 * StudioClient over Electron IPC, through what the preload exposes as
 * `window.studio`. The preload is narrow (CONVENTIONS habit 3): one named
 * function per contract method, `on(event, cb)` limited to contract events, and
 * sendMedia. Its type is the contract's (preload/contract/preload-api.ts), which
 * the preload implements.
 */
import {
  CONTRACT_VERSION,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodParams,
  type MethodResult,
} from '../../preload/contract';
import type { IpcReply, StudioPreload } from '../../preload/contract/preload-api';
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

export type { IpcReply, StudioPreload };

declare global {
  interface Window {
    /** Present only inside the Electron app (set by the preload). */
    studio?: StudioPreload;
  }
}

export class IpcStudioClient implements StudioClient {
  private readonly events = new EventListeners();
  private readonly connectionListeners = new ConnectionListeners();
  /** One preload subscription per event, made when the first listener arrives. */
  private readonly subscriptions = new Map<EventName, () => void>();
  private state: ConnectionState = 'open';
  private readonly warn: (message: string) => void;

  constructor(
    private readonly preload: StudioPreload,
    options: { warn?: (message: string) => void } = {},
  ) {
    this.warn = options.warn ?? ((m) => console.warn(m));
    if (preload.contractVersion !== CONTRACT_VERSION) {
      this.warn(`studio: the app speaks contract version ${preload.contractVersion}, this window ${CONTRACT_VERSION}`);
    }
  }

  // IPC cannot drop while the window lives: the connection is open until close().
  get connection(): ConnectionState {
    return this.state;
  }

  onConnection(cb: (state: ConnectionState) => void): () => void {
    return this.connectionListeners.add(cb);
  }

  async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    if (this.state !== 'open') throw new StudioClientError('DISCONNECTED', 'This window is no longer connected to the studio.');
    // Indexing the mapped type with a generic M loses the per-method pairing; the
    // preload function for `method` is the one typed for M.
    const invoke = this.preload[method] as unknown as (p: MethodParams<M>) => Promise<IpcReply<unknown>>;
    const reply = await invoke(params);
    if (!reply.ok) throw errorFromWire(reply.error);
    return resultFromWire(method, reply.result);
  }

  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    const off = this.events.add(event, cb);
    if (!this.subscriptions.has(event) && this.state === 'open') {
      this.subscriptions.set(
        event,
        this.preload.on(event, (payload) => {
          const valid = eventFromWire(event, payload, this.warn);
          if (valid !== null) this.events.emit(event, valid);
        }),
      );
    }
    return off;
  }

  /** The preload posts media on a MessagePort, which has no backlog to read. */
  mediaBacklogBytes(): number {
    return 0;
  }

  sendMedia(parts: readonly Uint8Array[]): boolean {
    const [header, ...rest] = parts;
    if (this.state !== 'open' || !header) return false;
    const payload = concatParts(rest);
    return this.preload.sendMedia(header, payload);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const off of this.subscriptions.values()) off();
    this.subscriptions.clear();
    this.connectionListeners.emit('closed');
  }
}
