/**
 * Electron IPC channel names between the preload and main, in one place (as
 * electron/fiddle keeps `ipc-events.ts`). The page never sees them: the preload
 * turns them into named functions (CONVENTIONS habit 3). Browser mode does not
 * use them; its bridge speaks the same contract over a WebSocket.
 */
import type { MethodName } from './methods';

/** One `ipcMain.handle` channel per contract method: "studio:call:goLive". */
export const METHOD_CHANNEL_PREFIX = 'studio:call:';

export const STUDIO_IPC = {
  /** main -> preload: one contract event, sent as (name, payload). */
  event: 'studio:event',
  /**
   * preload -> main: the page subscribed to this event for the first time. main
   * forwards an event to a window only after it asked for it ("after it says
   * ready"), so nothing is sent to a page still loading.
   */
  subscribe: 'studio:subscribe',
  /** preload -> main: one end of the media MessageChannel, transferred once per page load. */
  mediaPort: 'studio:media-port',
} as const;

/** The capture picker window's own channels (its preload is not the studio's). */
export const PICKER_IPC = {
  /** picker -> main (invoke): what to show. */
  request: 'picker:request',
  /** picker -> main: the user's choice, or null for Cancel. */
  choose: 'picker:choose',
} as const;

export function methodChannel(method: MethodName): string {
  return `${METHOD_CHANNEL_PREFIX}${method}`;
}
