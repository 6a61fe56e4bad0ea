/**
 * The frame-transport bench page, served by `onair studio --ui DIR` from the
 * studio's own origin: connects like the UI does (WsStudioClient over the
 * bridge), and lets the renderer's own ProgramSender follow the engine's media
 * requests with synthetic I420 frames (SyntheticVideo, the delivery e2e test's
 * stand-in for the compositor) on the raw path, a replayed H.264 clip
 * (EncodedReplay, clip.h264 + clip.json beside the page) on the encoded path,
 * and silent PCM. Nothing is drawn or encoded here: the figure is what moving
 * the frames costs, not what making them does.
 */
import { WsStudioClient, bridgeUrlFromLocation, type WebSocketLike } from '../../../renderer/bridge/ws-client';
import type { ProgramFrame } from '../../../renderer/compositor/shared/types';
import { ProgramSender, type MediaRequest, type ProgramFrameSource } from '../../../renderer/delivery';
import type { MethodName, MethodParams } from '../../../preload/contract';
import { SyntheticVideo } from './synthetic-video';
import { EncodedReplay } from './encoded-replay';
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

const CLIP_URL = './clip.h264';
const CLIP_INDEX_URL = './clip.json';

async function main(): Promise<void> {
  // The socket is kept so the sender (and the bench) can read its bufferedAmount.
  let socket: WebSocketLike | null = null;
  const client = new WsStudioClient({ url: bridgeUrlFromLocation(location), createSocket: (url) => (socket = new WebSocket(url)) });
  const raw = new SyntheticVideo();
  // Loaded once the engine asks for the encoded path (only that run has the clip).
  let encoded: EncodedReplay | null = null;
  const pcm = new SilentPcm();
  // The sender subscribes once; frames come from whichever producer runs.
  const listeners = new Set<(frame: ProgramFrame) => void>();
  const forward = (frame: ProgramFrame): void => listeners.forEach((cb) => cb(frame));
  raw.onProgramFrame(forward);
  const video: ProgramFrameSource = {
    onProgramFrame: (cb) => {
      listeners.add(cb);
      return () => void listeners.delete(cb);
    },
    requestKeyframe: () => encoded?.requestKeyframe(),
  };
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
    raw.stop();
    encoded?.stop();
    pcm.stop();
    if (!request.send) return;
    pcm.start();
    if (request.path === 'raw') raw.start(request.width, request.height, request.fps);
    else startEncoded(request.fps);
  });
  const startEncoded = (fps: number): void => {
    const ready = encoded ? Promise.resolve(encoded) : EncodedReplay.load(CLIP_URL, CLIP_INDEX_URL);
    ready.then(
      (replay) => {
        if (!encoded) replay.onProgramFrame(forward);
        encoded = replay;
        replay.start(fps);
      },
      (err: unknown) => (page.error = `the H.264 clip did not load: ${String(err)}`),
    );
  };
  page.connected = () => client.connection === 'open';
  page.call = (method, params) => client.call(method as MethodName, params as MethodParams<MethodName>);
  page.stats = () => ({ ...sender.stats(), framesMade: raw.framesMade + (encoded?.framesMade ?? 0), backlogBytes: socket?.bufferedAmount ?? 0, backlogMaxBytes, bytesSent, lastRequest });
  page.ready = true;
}

main().catch((err: unknown) => {
  page.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
});
