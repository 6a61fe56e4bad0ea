/**
 * Every window's options, in one pure place, so a test can hold each security
 * flag (checklist items 2, 3, 4, 6, 8, 9, 10, 12) to its value. Most are
 * Electron's defaults today; they are spelled out anyway, because a default can
 * change under an upgrade and a spelled-out flag cannot.
 */
import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';

/** The flags no window of ours may relax. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  enableWebSQL: false,
  plugins: false,
  safeDialogs: true,
  // Spellcheck would download dictionaries from Google's CDN: remote content.
  spellcheck: false,
} as const satisfies WebPreferences;

export const MAIN_WINDOW_DEFAULT_SIZE = { width: 1440, height: 900 } as const;
export const MAIN_WINDOW_MIN_SIZE = { width: 960, height: 600 } as const;
export const PICKER_WINDOW_SIZE = { width: 760, height: 560 } as const;
/** Painted before the page's first frame, so the dark UI does not flash white. */
export const WINDOW_BACKGROUND = '#101522';

export interface MainWindowInput {
  preload: string;
  /** Restored bounds (window-bounds.ts); x/y absent means "centre it". */
  bounds: Partial<Rectangle> & { width: number; height: number };
  /** Window icon (Linux and Windows; macOS uses the bundle's). */
  icon?: string;
  /** DevTools only in development builds. */
  devTools: boolean;
}

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MAIN_WINDOW_MIN_SIZE.width,
    minHeight: MAIN_WINDOW_MIN_SIZE.height,
    title: 'OnAir Studio',
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show', after the first paint.
    show: false,
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: input.preload,
      devTools: input.devTools,
      // Throttling is switched off while live (live-effects.ts), not here: an idle
      // studio in the background should cost nothing.
      backgroundThrottling: true,
      // The mixer's AudioContext and media-file sources must start without a click.
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

export interface PickerWindowInput {
  preload: string;
  devTools: boolean;
}

/** The screen/window picker: a small modal with its own narrow preload. */
export function pickerWindowOptions(input: PickerWindowInput): BrowserWindowConstructorOptions {
  return {
    ...PICKER_WINDOW_SIZE,
    title: 'Choose a screen or window',
    backgroundColor: WINDOW_BACKGROUND,
    modal: true,
    show: false,
    resizable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: input.preload, devTools: input.devTools },
  };
}
