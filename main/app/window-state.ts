/**
 * Remembers the main window's size, position and maximised/full-screen state in
 * window-state.json (data folder), saved a moment after the user stops moving
 * it and when it closes. Where it reopens is decided by policies/window-bounds.ts.
 */
import type { BrowserWindow, Display } from 'electron';
import path from 'node:path';
import type { Logger } from '../engine/logger';
import { JsonStore } from '../studio/persistence/json-store';
import { MAIN_WINDOW_DEFAULT_SIZE, MAIN_WINDOW_MIN_SIZE } from './policies/window-options';
import { SavedWindowStateSchema, restoreWindow, type RestoredWindow, type SavedWindowState } from './policies/window-bounds';

export const WINDOW_STATE_FILE = 'window-state.json';
/** Moving or resizing fires many events; save once it settles, ms. */
export const WINDOW_STATE_SAVE_DELAY_MS = 500;

export class WindowStateKeeper {
  private readonly store: JsonStore<SavedWindowState | null>;
  private timer: NodeJS.Timeout | null = null;

  constructor(dataDir: string, private readonly logger: Logger) {
    const storeLogger = { warn: (m: string) => logger.warn(m), info: (m: string) => logger.info(m) };
    this.store = new JsonStore({
      file: path.join(dataDir, WINDOW_STATE_FILE),
      schema: SavedWindowStateSchema.nullable(),
      version: 1,
      migrations: {},
      defaults: () => null,
      logger: storeLogger,
      keepBackup: false,
    });
  }

  /** The bounds to open with, given the displays attached now. */
  async restore(displays: readonly Pick<Display, 'workArea'>[]): Promise<RestoredWindow> {
    const saved = await this.store.load().then((r) => r.value, () => null);
    return restoreWindow(saved, displays.map((d) => d.workArea), MAIN_WINDOW_DEFAULT_SIZE, MAIN_WINDOW_MIN_SIZE);
  }

  /** Save on every move, resize and state change (debounced), and on close. */
  track(win: BrowserWindow): void {
    const later = () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.save(win), WINDOW_STATE_SAVE_DELAY_MS);
    };
    for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) win.on(event as 'resize', later);
    win.on('close', () => void this.save(win));
  }

  private async save(win: BrowserWindow): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (win.isDestroyed() || win.isMinimized()) return;
    // Normal bounds: a maximised window reopens maximised over the size it had before.
    const b = win.getNormalBounds();
    const state: SavedWindowState = { bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) }, maximized: win.isMaximized(), fullScreen: win.isFullScreen() };
    await this.store.save(state).catch((err: Error) => this.logger.warn(`window state not saved: ${err.message}`));
  }
}
