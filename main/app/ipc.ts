/**
 * The one IPC gateway between the studio window and main. It registers one
 * `ipcMain.handle` per contract method (channel names from contract/ipc-channels.ts),
 * and for every message:
 *   1. who: the sender must be the top frame of a window attached here, showing
 *      app://onair (policies/ipc-sender.ts); anything else is dropped and logged;
 *   2. what: params must pass the method's schema (ipc-dispatch.ts).
 * Events go to a window only after its page asked for them (the preload's first
 * subscription to each), and stop when the page navigates, crashes or closes.
 * Media arrives through a MessagePort per page load (media-port.ts).
 *
 * Electron's ipcMain comes in through the constructor (the composition root
 * passes the real one), so tests drive the gateway with a fake.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { METHODS, StudioError, isEventName, type EventName, type MethodName } from '../../preload/contract';
import { STUDIO_IPC, methodChannel } from '../../preload/contract/ipc-channels';
import type { IpcReply } from '../../preload/contract/preload-api';
import type { Logger } from '../engine/logger';
import type { StudioPort } from '../studio/studio-port';
import { dispatchCall } from './ipc-dispatch';
import { MediaReceiver, type MediaPortLike, type MediaSink } from './media-port';
import { checkSender, type SenderInfo } from './policies/ipc-sender';

export type GatewayIpcMain = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeAllListeners'>;
export type GatewayContents = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'on' | 'once'>;

export interface GatewayOptions {
  ipcMain: GatewayIpcMain;
  studio: StudioPort & MediaSink;
  logger: Logger;
  redact: (text: string) => string;
  /** A page subscribed to an event for the first time since it loaded (e.g. re-announce the media request). */
  onSubscribed?: (event: EventName) => void;
}

interface WindowLink {
  contents: GatewayContents;
  subscriptions: Map<EventName, () => void>;
  media: MediaReceiver | null;
}

type AnyIpcEvent = Pick<IpcMainEvent | IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export class IpcGateway {
  private readonly links = new Map<number, WindowLink>();
  private registered = false;

  constructor(private readonly options: GatewayOptions) {}

  register(): void {
    if (this.registered) return;
    this.registered = true;
    const { ipcMain, studio, logger, redact } = this.options;
    for (const method of Object.keys(METHODS) as MethodName[]) {
      ipcMain.handle(methodChannel(method), async (event, params: unknown): Promise<IpcReply<unknown>> => {
        if (!this.trustedLink(event, method)) {
          return { ok: false, error: new StudioError('UNAUTHORIZED', 'This window may not control the studio.').toJSON() };
        }
        return dispatchCall(studio.api, method, params, { logger, redact });
      });
    }
    ipcMain.on(STUDIO_IPC.subscribe, (event, name: unknown) => this.onSubscribe(event, name));
    ipcMain.on(STUDIO_IPC.mediaPort, (event) => this.onMediaPort(event));
  }

  dispose(): void {
    for (const method of Object.keys(METHODS) as MethodName[]) this.options.ipcMain.removeHandler(methodChannel(method));
    this.options.ipcMain.removeAllListeners(STUDIO_IPC.subscribe);
    this.options.ipcMain.removeAllListeners(STUDIO_IPC.mediaPort);
    for (const link of this.links.values()) this.reset(link);
    this.links.clear();
    this.registered = false;
  }

  /** Trust this window's contents (the studio window) and follow its page's lifecycle. */
  attach(contents: GatewayContents): void {
    const link: WindowLink = { contents, subscriptions: new Map(), media: null };
    this.links.set(contents.id, link);
    // A new document (reload, crash recovery) starts with no subscriptions and no media port.
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) this.reset(link);
    });
    contents.on('render-process-gone', () => this.reset(link));
    contents.once('destroyed', () => {
      this.reset(link);
      this.links.delete(contents.id);
    });
  }

  private onSubscribe(event: IpcMainEvent, name: unknown): void {
    const link = this.trustedLink(event, STUDIO_IPC.subscribe);
    if (!link) return;
    if (!isEventName(name)) {
      this.options.logger.warn(`ipc: refused a subscription to "${String(name).slice(0, 64)}", which is not a studio event`);
      return;
    }
    if (link.subscriptions.has(name)) return;
    link.subscriptions.set(
      name,
      this.options.studio.on(name, (payload) => this.send(link, name, payload)),
    );
    this.options.onSubscribed?.(name);
  }

  private onMediaPort(event: IpcMainEvent): void {
    const link = this.trustedLink(event, STUDIO_IPC.mediaPort);
    const ports = event.ports ?? [];
    if (!link || ports.length !== 1) {
      for (const port of ports) port.close();
      if (link) this.options.logger.warn(`ipc: a media port message carried ${ports.length} ports; expected 1`);
      return;
    }
    link.media?.close();
    link.media = new MediaReceiver(ports[0] as MediaPortLike, this.options.studio, this.options.logger);
  }

  private send(link: WindowLink, name: EventName, payload: unknown): void {
    if (link.contents.isDestroyed()) return;
    try {
      link.contents.send(STUDIO_IPC.event, name, payload);
    } catch (err) {
      this.options.logger.warn(`ipc: could not send "${name}" to the studio window: ${(err as Error).message}`);
    }
  }

  private reset(link: WindowLink): void {
    for (const unsubscribe of link.subscriptions.values()) unsubscribe();
    link.subscriptions.clear();
    link.media?.close();
    link.media = null;
  }

  /** The link of a trusted sender, or null (logged) for anyone else. */
  private trustedLink(event: AnyIpcEvent, what: string): WindowLink | null {
    const verdict = checkSender(senderInfo(event), { webContentsIds: new Set(this.links.keys()), page: 'studio' });
    if (!verdict.ok) {
      this.options.logger.warn(`ipc: dropped ${what} from an untrusted sender: ${verdict.reason}`);
      return null;
    }
    return this.links.get(event.sender.id) ?? null;
  }
}

export function senderInfo(event: AnyIpcEvent): SenderInfo {
  let frame: SenderInfo['frame'] = null;
  try {
    const f = event.senderFrame;
    if (f) frame = { url: f.url, isMainFrame: f.parent === null };
  } catch {
    // A frame disposed mid-message reads as gone.
    frame = null;
  }
  return { webContentsId: event.sender.id, frame };
}
