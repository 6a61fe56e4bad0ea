/**
 * The UI's way in: Electron's preload sets `window.studio`; in browser mode
 * (`onair studio`) there is none and the page talks to the bridge over WebSocket.
 */
import { IpcStudioClient } from './ipc-client';
import type { StudioClient } from './studio-client';
import { WsStudioClient, bridgeUrlFromLocation } from './ws-client';

export function connectStudio(win: Window = window): StudioClient {
  if (win.studio) return new IpcStudioClient(win.studio);
  return new WsStudioClient({ url: bridgeUrlFromLocation(win.location) });
}

export { api, StudioClientError, type ConnectionState, type StudioClient, type ClientErrorCode } from './studio-client';
