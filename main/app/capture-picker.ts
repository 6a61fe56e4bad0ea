/**
 * getDisplayMedia in the studio page opens our own picker: a small modal window
 * (app://picker) listing every screen and window with a desktopCapturer
 * thumbnail, plus "include system audio" where the platform can (Windows). The
 * policy (permission-policy.ts) decides who may ask, capture-sources.ts what is
 * offered and what a choice grants; this file runs the window.
 * One picker at a time: a second request while one is open is refused.
 */
import { BrowserWindow, desktopCapturer, ipcMain, type DesktopCapturerSource, type Session } from 'electron';
import type { Logger } from '../engine/logger';
import { PickerChoiceSchema, type PickerRequest } from '../../preload/contract/capture-picker';
import { PICKER_IPC } from '../../preload/contract/ipc-channels';
import { appPageUrl } from './policies/app-origin';
import { THUMBNAIL_SIZE, grantForChoice, pickerRequest } from './policies/capture-sources';
import { senderInfo } from './ipc';
import { checkSender } from './policies/ipc-sender';
import { displayMediaDecision } from './policies/permission-policy';
import { pickerWindowOptions } from './policies/window-options';

export interface CapturePickerOptions {
  preload: string;
  devTools: boolean;
  parent: () => BrowserWindow | null;
  logger: Logger;
}

interface Pending {
  window: BrowserWindow;
  request: PickerRequest;
  sources: Map<string, DesktopCapturerSource>;
  answer: (sourceId: string | null, audio: 'loopback' | null) => void;
}

export function installCapturePicker(session: Session, options: CapturePickerOptions): void {
  let pending: Pending | null = null;
  const fromPicker = (event: Parameters<typeof senderInfo>[0]) =>
    pending !== null && checkSender(senderInfo(event), { webContentsIds: new Set([pending.window.webContents.id]), page: 'picker' }).ok;

  ipcMain.handle(PICKER_IPC.request, (event) => {
    if (!fromPicker(event) || !pending) throw new Error('not the picker window');
    return pending.request;
  });
  ipcMain.on(PICKER_IPC.choose, (event, raw: unknown) => {
    if (!fromPicker(event) || !pending) return options.logger.warn('picker: dropped a choice from a window that is not the picker');
    const choice = PickerChoiceSchema.safeParse(raw);
    const grant = choice.success ? grantForChoice(choice.data, pending.request) : null;
    pending.answer(grant?.sourceId ?? null, grant?.audio ?? null);
  });

  session.setDisplayMediaRequestHandler(async (request, callback) => {
    const verdict = displayMediaDecision({ securityOrigin: request.securityOrigin, frameUrl: request.frame?.url ?? null, videoRequested: request.videoRequested });
    // Electron rejects getDisplayMedia when the callback gets no video.
    const deny = () => callback({});
    if (!verdict.granted || pending) {
      options.logger.warn(`screen capture refused: ${pending ? 'a picker is already open' : verdict.reason}`);
      return deny();
    }
    let sources: DesktopCapturerSource[];
    try {
      sources = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: THUMBNAIL_SIZE, fetchWindowIcons: true });
    } catch (err) {
      options.logger.error(`screen capture: could not list screens and windows: ${(err as Error).message}`);
      return deny();
    }
    const view = pickerRequest(
      sources.map((s) => ({ id: s.id, name: s.name, thumbnailDataUrl: s.thumbnail.toDataURL(), appIconDataUrl: s.appIcon && !s.appIcon.isEmpty() ? s.appIcon.toDataURL() : null })),
      process.platform,
      request.audioRequested,
    );
    const parent = options.parent();
    const window = new BrowserWindow({ ...pickerWindowOptions({ preload: options.preload, devTools: options.devTools }), ...(parent ? { parent } : {}) });
    let answered = false;
    pending = {
      window,
      request: view,
      sources: new Map(sources.map((s) => [s.id, s])),
      answer: (sourceId, audio) => {
        if (answered) return;
        answered = true;
        const source = sourceId ? pending?.sources.get(sourceId) : undefined;
        if (source) {
          options.logger.info(`screen capture: ${source.id.split(':')[0]} "${source.name}"${audio ? ' with system audio' : ''}`);
          callback(audio ? { video: source, audio } : { video: source });
        } else deny();
        if (!window.isDestroyed()) window.close();
      },
    };
    // Closing the picker without choosing is Cancel.
    window.on('closed', () => {
      pending?.answer(null, null);
      pending = null;
    });
    window.once('ready-to-show', () => window.show());
    void window.loadURL(appPageUrl('picker')).catch((err: Error) => {
      options.logger.error(`screen capture: the picker did not load: ${err.message}`);
      pending?.answer(null, null);
    });
  });
}
