/**
 * The one interface the UI talks to the studio through, whatever carries it:
 * Electron IPC (ipc-client.ts) or the browser-mode WebSocket (ws-client.ts).
 * Everything here is derived from the contract: method names and their types
 * from METHODS, event names and payloads from EVENTS.
 */
import {
  ContractErrorSchema,
  EVENTS,
  METHODS,
  type ErrorCode,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodParams,
  type MethodResult,
  type StudioApi,
} from '../../preload/contract';

/**
 * 'connecting' until the transport is up (and again while it retries),
 * 'open' while calls can be made, 'closed' when it dropped (or was closed).
 */
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface StudioClient {
  /** Rejects with a StudioClientError carrying the studio's own code and message. */
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  /** Subscribe to a contract event; returns the unsubscribe. Payloads arrive validated. */
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  /**
   * One media message (contract/media.ts): the 16-byte header then the payload,
   * given as parts so the caller need not copy them together. Returns false when
   * the message was dropped (not connected, or the transport is backed up):
   * media is live, so a late frame is worth less than the next one.
   */
  sendMedia(parts: readonly Uint8Array[]): boolean;
  /** Media bytes accepted but not yet sent (the sender drops video, never audio, when it grows). */
  mediaBacklogBytes(): number;
  readonly connection: ConnectionState;
  /** Called on every connection change; returns the unsubscribe. */
  onConnection(cb: (state: ConnectionState) => void): () => void;
  /** Stop for good (no reconnect); pending calls fail with DISCONNECTED. */
  close(): void;
  /**
   * Browser mode only: adds a picked file to the studio's media library and
   * resolves to the `studio-media:` reference a source keeps (the page cannot give
   * the studio a path, and the bytes must not ride in every state event). Absent in
   * the desktop app, where a source keeps the file's path.
   */
  readonly uploadFile?: (file: Blob, name: string, onProgress?: (fraction: number) => void) => Promise<string>;
}

/** The contract's codes plus the ones only a client can produce. */
export type ClientErrorCode = ErrorCode | 'DISCONNECTED' | 'BAD_RESPONSE';

export class StudioClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly detail = '',
  ) {
    super(message);
    this.name = 'StudioClientError';
  }
}

/** An error reply as it arrived on the wire; anything that is not a contract error becomes BAD_RESPONSE. */
export function errorFromWire(error: unknown): StudioClientError {
  const parsed = ContractErrorSchema.safeParse(error);
  if (parsed.success) return new StudioClientError(parsed.data.code, parsed.data.message, parsed.data.detail);
  return new StudioClientError('BAD_RESPONSE', 'The studio sent an error this window cannot read.', JSON.stringify(error)?.slice(0, 500) ?? '');
}

/**
 * A result as it arrived, checked against the method's result schema: the UI
 * then relies on the shapes it renders (DESIGN.md "validate at every boundary").
 */
export function resultFromWire<M extends MethodName>(method: M, raw: unknown): MethodResult<M> {
  const parsed = METHODS[method].result.safeParse(raw);
  if (!parsed.success) throw new StudioClientError('BAD_RESPONSE', `The studio's answer to ${method} did not match the contract.`, parsed.error.message.slice(0, 500));
  return parsed.data as MethodResult<M>;
}

/** An event's payload checked against its schema; null (with a warning) when it does not match. */
export function eventFromWire<E extends EventName>(event: E, payload: unknown, warn: (message: string) => void): EventPayload<E> | null {
  const parsed = EVENTS[event].safeParse(payload);
  if (parsed.success) return parsed.data as EventPayload<E>;
  warn(`studio: dropped a "${event}" event that does not match the contract: ${parsed.error.message.slice(0, 500)}`);
  return null;
}

/**
 * Named methods (`api(client).goLive({})`) derived from METHODS, so a method
 * added to the contract appears here without anyone listing it.
 */
export function api(client: Pick<StudioClient, 'call'>): StudioApi {
  const entries = (Object.keys(METHODS) as MethodName[]).map((method) => [method, (params: MethodParams<typeof method>) => client.call(method, params)] as const);
  // The map above produces exactly one function per method name; TypeScript cannot
  // follow a mapped type through Object.fromEntries, hence the one assertion.
  return Object.fromEntries(entries) as unknown as StudioApi;
}

/** Listeners per event; shared by both clients so they dispatch the same way. */
export class EventListeners {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  add<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = cb as (payload: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  has(event: EventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  /** A throwing listener is reported and does not stop the others. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const cb of [...(this.listeners.get(event) ?? [])]) {
      try {
        (cb as (payload: EventPayload<E>) => void)(payload);
      } catch (err) {
        console.error(`studio: a "${event}" listener failed`, err);
      }
    }
  }
}

/** Connection listeners, same rules. */
export class ConnectionListeners {
  private readonly listeners = new Set<(state: ConnectionState) => void>();

  add(cb: (state: ConnectionState) => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  emit(state: ConnectionState): void {
    for (const cb of [...this.listeners]) {
      try {
        cb(state);
      } catch (err) {
        console.error('studio: a connection listener failed', err);
      }
    }
  }
}

/** Header and payload as one message (WebSocket sends one frame per message). */
export function concatParts(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const only = parts.length === 1 ? parts[0] : undefined;
  // One part over a plain ArrayBuffer goes as it is; a SharedArrayBuffer view cannot be sent.
  if (only && only.buffer instanceof ArrayBuffer) return only as Uint8Array<ArrayBuffer>;
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
