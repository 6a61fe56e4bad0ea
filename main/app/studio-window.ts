/**
 * The studio window: created with the policy's options at its remembered place,
 * loaded from app://onair, and kept alive. When its renderer crashes or hangs,
 * the crash-recovery machine (policies/crash-recovery.ts) decides; this file
 * carries out its actions: tell the Studio the producer is gone (the last picture,
 * then the slate, goes on; the stream stays up), log why, kill a hung renderer, reload.
 */
import { BrowserWindow, dialog, screen } from 'electron';
import type { Logger } from '../engine/logger';
import { appPageUrl } from './policies/app-origin';
import { INITIAL_CRASH_STATE, crashStep, type CrashAction, type CrashEvent, type CrashState } from './policies/crash-recovery';
import { mainWindowOptions } from './policies/window-options';
import type { WindowStateKeeper } from './window-state';

export interface StudioWindowOptions {
  preload: string;
  icon: string | undefined;
  devTools: boolean;
  windowState: WindowStateKeeper;
  logger: Logger;
  /** The renderer is gone or hung: the engine must stop waiting for its frames. */
  producerGone: () => void;
  /** Ask to quit (the user chose Quit after repeated crashes). */
  quit: () => void;
  /** Called with the new window before its page loads: the IPC gateway must trust it before the preload speaks. */
  beforeLoad: (win: BrowserWindow) => void;
}

export async function createStudioWindow(options: StudioWindowOptions): Promise<BrowserWindow> {
  const restored = await options.windowState.restore(screen.getAllDisplays());
  const win = new BrowserWindow(mainWindowOptions({ preload: options.preload, bounds: restored.bounds, devTools: options.devTools, ...(options.icon ? { icon: options.icon } : {}) }));
  if (restored.maximized) win.maximize();
  if (restored.fullScreen) win.setFullScreen(true);
  options.windowState.track(win);
  win.once('ready-to-show', () => win.show());
  watchRenderer(win, options);
  options.beforeLoad(win);
  await win.loadURL(appPageUrl('studio'));
  return win;
}

function watchRenderer(win: BrowserWindow, options: StudioWindowOptions): void {
  const contents = win.webContents;
  let state: CrashState = INITIAL_CRASH_STATE;
  const feed = (event: CrashEvent) => {
    const step = crashStep(state, event, Date.now());
    state = step.state;
    for (const action of step.actions) perform(action);
  };
  const perform = (action: CrashAction): void => {
    if (win.isDestroyed()) return;
    switch (action.kind) {
      case 'producer-gone':
        return options.producerGone();
      case 'log':
        return options.logger[action.level](action.message);
      case 'reload':
        void win.loadURL(appPageUrl('studio')).catch((err: Error) => options.logger.error(`studio window reload failed: ${err.message}`));
        return;
      case 'kill-renderer':
        return contents.forcefullyCrashRenderer();
      case 'schedule-hang-check':
        setTimeout(() => feed({ type: 'hang-timeout' }), action.afterMs).unref();
        return;
      case 'give-up':
        void dialog
          .showMessageBox(win, { type: 'error', message: 'The studio window keeps crashing', detail: action.message, buttons: ['Reload', 'Quit'], defaultId: 0, cancelId: 0 })
          .then(({ response }) => (response === 0 ? feed({ type: 'user-reload' }) : options.quit()));
        return;
    }
  };
  contents.on('render-process-gone', (_event, details) => feed({ type: 'gone', reason: details.reason, exitCode: details.exitCode }));
  contents.on('unresponsive', () => feed({ type: 'unresponsive' }));
  contents.on('responsive', () => feed({ type: 'responsive' }));
  contents.on('did-finish-load', () => feed({ type: 'loaded' }));
  contents.on('preload-error', (_event, path, error) => options.logger.error(`studio preload failed (${path}): ${error.message}`));
  contents.on('console-message', (event) => {
    // Page errors end up in the log file, where "copy diagnostics" finds them.
    if (event.level === 'error' || event.level === 'warning') options.logger.warn(`studio page ${event.level}: ${event.message} (${event.sourceId}:${event.lineNumber})`);
  });
}
