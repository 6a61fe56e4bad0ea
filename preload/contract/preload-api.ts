/**
 * What the preload exposes to the page as `window.studio`, derived from the
 * contract (METHODS, EVENTS) so nothing is written twice. Types and key lists
 * only: the preload (preload/studio-preload.ts) implements it, the renderer's
 * IpcStudioClient consumes it, and a test holds both to this definition.
 */
import type { ContractError } from './errors';
import type { EventName } from './events';
import { METHODS, type MethodName, type MethodParams, type MethodResult } from './methods';

/** The global the preload sets. */
export const STUDIO_GLOBAL = 'studio';

/**
 * What one IPC call resolves to. An envelope, because a rejected
 * ipcRenderer.invoke keeps only a message string: the code and detail would be lost.
 */
export type IpcReply<T> = { ok: true; result: T } | { ok: false; error: ContractError };

/** One named function per contract method. */
export type PreloadMethods = { [M in MethodName]: (params: MethodParams<M>) => Promise<IpcReply<MethodResult<M>>> };

export interface StudioPreload extends PreloadMethods {
  readonly contractVersion: number;
  /** Subscribe to one contract event; returns the unsubscribe. The client validates payloads, hence `unknown`. */
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /**
   * One media message (16-byte header, payload; contract/media.ts). The preload
   * owns the MessagePort to main (contextBridge cannot hand a port to the page),
   * so the page hands it the bytes. False when the message was dropped.
   */
  sendMedia(header: Uint8Array, payload: Uint8Array): boolean;
}

/** The members of StudioPreload that are not contract methods. */
export const PRELOAD_EXTRA_KEYS = ['contractVersion', 'on', 'sendMedia'] as const satisfies readonly Exclude<keyof StudioPreload, MethodName>[];

/** Every key `window.studio` has, sorted: the contract's methods and the three extras. */
export function studioPreloadKeys(): string[] {
  return [...Object.keys(METHODS), ...PRELOAD_EXTRA_KEYS].sort();
}
