/**
 * Builds `window.studio` (contract/preload-api.ts) from the contract: one named
 * function per METHODS entry, `on` limited to EVENTS, and `sendMedia` through a
 * MessagePort. Never a raw ipcRenderer, never a generic invoke(channel): the page
 * can ask main for exactly the contract and nothing else (CONVENTIONS habit 3).
 *
 * Electron's objects come in through the factory's arguments, so tests pass
 * fakes instead of loading electron (preload/index.ts passes the real ones).
 */
import { CONTRACT_VERSION } from './contract/index';
import { STUDIO_IPC, methodChannel } from './contract/ipc-channels';
import { MAX_MEDIA_BYTES, MEDIA_HEADER_BYTES } from './contract/media';
import { METHODS, type MethodName } from './contract/methods';
import { isEventName, type EventName } from './contract/events';
import { STUDIO_GLOBAL, type IpcReply, type PreloadMethods, type StudioPreload } from './contract/preload-api';

/** Media messages sent but not yet acknowledged by main beyond which new ones are dropped (about 1 s of audio + video). */
export const MAX_MEDIA_IN_FLIGHT = 32;

/** The parts of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  postMessage(channel: string, message: unknown, transfer?: MessagePort[]): void;
}

export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export interface PreloadElectron {
  contextBridge: ContextBridgeLike;
  ipcRenderer: IpcRendererLike;
}

export interface MediaLink {
  send(header: Uint8Array, payload: Uint8Array): boolean;
}

/** Expose `window.studio`; returns what was exposed (for tests). */
export function exposeStudio(electron: PreloadElectron): StudioPreload {
  const api = createStudioPreload(electron.ipcRenderer, openMediaPort(electron.ipcRenderer));
  electron.contextBridge.exposeInMainWorld(STUDIO_GLOBAL, api);
  return api;
}

export function createStudioPreload(ipc: IpcRendererLike, media: MediaLink): StudioPreload {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const asked = new Set<EventName>();

  // The IpcRendererEvent stays here: handing it to the page would expose ipcRenderer through event.sender.
  ipc.on(STUDIO_IPC.event, (_event, name, payload) => {
    if (!isEventName(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`studio: a "${name}" listener failed`, err);
      }
    }
  });

  const methods = Object.fromEntries((Object.keys(METHODS) as MethodName[]).map((method) => [method, (params: unknown) => call(ipc, method, params)]));

  return {
    // One function per method, built from METHODS' keys; TypeScript cannot follow
    // a mapped type through Object.fromEntries, hence the one assertion.
    ...(methods as unknown as PreloadMethods),
    contractVersion: CONTRACT_VERSION,
    on(event: EventName, listener: (payload: unknown) => void): () => void {
      if (!isEventName(event)) throw new TypeError(`"${String(event)}" is not a studio event`);
      if (typeof listener !== 'function') throw new TypeError('a studio event listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      // The first subscription to an event tells main this page is ready for it.
      if (!asked.has(event)) {
        asked.add(event);
        ipc.send(STUDIO_IPC.subscribe, event);
      }
      return () => {
        set.delete(listener);
      };
    },
    sendMedia(header: Uint8Array, payload: Uint8Array): boolean {
      return media.send(header, payload);
    },
  };
}

/** main answers every call with an IpcReply; a failed invoke (no handler, window closing) becomes one too. */
async function call(ipc: IpcRendererLike, method: MethodName, params: unknown): Promise<IpcReply<unknown>> {
  try {
    return (await ipc.invoke(methodChannel(method), params)) as IpcReply<unknown>;
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: 'The studio did not answer this window.', detail: String((err as Error)?.message ?? err) } };
  }
}

/**
 * The media path: one end of a MessageChannel goes to main (transferred with
 * ipcRenderer.postMessage), this end sends header + payload as one message. main
 * acknowledges each message with its running count; when too many are
 * unacknowledged main is behind, and a late frame is worth less than the next
 * one, so new messages are dropped (and the caller told) instead of queued.
 */
export function openMediaPort(ipc: IpcRendererLike, channel: MessageChannel = new MessageChannel()): MediaLink {
  ipc.postMessage(STUDIO_IPC.mediaPort, null, [channel.port2]);
  const port = channel.port1;
  let sent = 0;
  let acknowledged = 0;
  port.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'number' && Number.isFinite(event.data)) acknowledged = Math.max(acknowledged, event.data);
  };
  return {
    send(header, payload) {
      if (!(header instanceof Uint8Array) || !(payload instanceof Uint8Array)) return false;
      if (header.byteLength !== MEDIA_HEADER_BYTES || header.byteLength + payload.byteLength > MAX_MEDIA_BYTES) return false;
      if (sent - acknowledged >= MAX_MEDIA_IN_FLIGHT) return false;
      const message = new Uint8Array(header.byteLength + payload.byteLength);
      message.set(header);
      message.set(payload, header.byteLength);
      port.postMessage(message);
      sent += 1;
      return true;
    },
  };
}
