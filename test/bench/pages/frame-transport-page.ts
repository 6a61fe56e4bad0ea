/**
 * The frame-transport bench page, served by `onair studio --ui DIR` from the
 * studio's own origin: connects like the UI does (WsStudioClient over the
 * bridge), and lets the renderer's own ProgramSender follow the engine's media
 * requests with synthetic I420 frames (SyntheticVideo, the delivery e2e test's
 * stand-in for the compositor) and silent PCM. Nothing is drawn: the figure is
 * what moving the frames costs, not what making them does.
 */
import { WsStudioClient, bridgeUrlFromLocation, type WebSocketLike } from '../../../renderer/bridge/ws-client';
import { ProgramSender, type MediaRequest } from '../../../renderer/delivery';
import type { MethodName, MethodParams } from '../../../preload/contract';
import { SyntheticVideo } from '../../e2e/audio-harness/synthetic-video';
import type { FrameTransportPage } from './frame-transport-types';
import { SilentPcm } from './silent-pcm';

const page: FrameTransportPage = {
  ready: false,
  error: null,
  connected: () => false,
  call: () => Promise.reject(new Error('not ready')),
  stats: () => {
    throw new Error('not ready');
  },
};
window.frameTransport = page;

function main(): void {
  // The socket is kept so the sender (and the bench) can read its bufferedAmount.
  let socket: WebSocketLike | null = null;
  const client = new WsStudioClient({ url: bridgeUrlFromLocation(location), createSocket: (url) => (socket = new WebSocket(url)) });
  const video = new SyntheticVideo();
  const pcm = new SilentPcm();
  let backlogMaxBytes = 0;
  let bytesSent = 0;
  const backlogBytes = (): number => {
    const b = socket?.bufferedAmount ?? 0;
    backlogMaxBytes = Math.max(backlogMaxBytes, b);
    return b;
  };
  // Counts every byte the sender hands to the socket, so MB/s is exact over any window.
  const transport = {
    sendMedia: (parts: readonly Uint8Array[]) => {
      const ok = client.sendMedia(parts);
      if (ok !== false) bytesSent += parts.reduce((s, p) => s + p.byteLength, 0);
      return ok;
    },
  };
  const sender = new ProgramSender(transport, { backlogBytes });
  let lastRequest: MediaRequest | null = null;
  sender.follow(client, { compositor: video, mixer: pcm }, (request) => {
    lastRequest = request;
    if (request.send) {
      video.start(request.width, request.height, request.fps);
      pcm.start();
    } else {
      video.stop();
      pcm.stop();
    }
  });
  page.connected = () => client.connection === 'open';
  page.call = (method, params) => client.call(method as MethodName, params as MethodParams<MethodName>);
  page.stats = () => ({ ...sender.stats(), framesMade: video.framesMade, backlogBytes: socket?.bufferedAmount ?? 0, backlogMaxBytes, bytesSent, lastRequest });
  page.ready = true;
}

try {
  main();
} catch (err: unknown) {
  page.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
