/**
 * The frame-transport control: the same sender (the renderer's ProgramSender
 * over its WsStudioClient) run in the bench's own Node process over the `ws`
 * package instead of in Chromium, into the same studio. When Node gets through
 * and the page does not, the limit is on the browser's side, not the studio's.
 */
import WebSocket from 'ws';
import { WsStudioClient, bridgeUrlFromLocation, type WebSocketLike } from '../../renderer/bridge/ws-client';
import type { ProgramFrame } from '../../renderer/compositor/shared/types';
import { ProgramSender, type MediaRequest } from '../../renderer/delivery';
import type { MethodName, MethodParams } from '../../preload/contract';

const US_PER_S = 1_000_000;
const PCM_CHUNK_US = 10_000;
/** 10 ms of s16le 48 kHz stereo. */
const PCM_CHUNK_BYTES = 1920;
const TICK_MS = 4;
/** To connect, and for the page's broadcast to end. */
const CONNECT_TIMEOUT_MS = 30_000;
const MID_GREY = 100;

export interface NodeSenderResult {
  seconds: number;
  sent: number;
  dropped: number;
}

/** Goes live from Node, waits `warmUpS`, counts frames sent and dropped over `seconds`, stops live. */
export async function measureNodeSender(studioUrl: string, fps: number, warmUpS: number, seconds: number): Promise<NodeSenderResult> {
  let socket: WebSocketLike | null = null;
  const client = new WsStudioClient({ url: bridgeUrlFromLocation(new URL(studioUrl)), createSocket: (url) => (socket = new WebSocket(url) as unknown as WebSocketLike) });
  const video = new Set<(frame: ProgramFrame) => void>();
  const audio = new Set<(chunk: { data: Uint8Array; timestampUs: number }) => void>();
  const sub = <T>(set: Set<T>) => (cb: T) => (set.add(cb), () => void set.delete(cb));
  const sender = new ProgramSender(client, { backlogBytes: () => socket?.bufferedAmount ?? 0 });
  let timer: ReturnType<typeof setInterval> | null = null;
  const produce = (request: MediaRequest): void => {
    const frame = new Uint8Array(request.width * request.height * 1.5).fill(MID_GREY);
    const pcm = new Uint8Array(PCM_CHUNK_BYTES);
    const nowUs = (): number => (performance.timeOrigin + performance.now()) * 1000;
    let n = Math.ceil((nowUs() * fps) / US_PER_S);
    let a = Math.ceil(nowUs() / PCM_CHUNK_US);
    timer = setInterval(() => {
      const now = nowUs();
      for (; n <= (now * fps) / US_PER_S; n++) video.forEach((cb) => cb({ kind: 'raw', data: frame, timestampUs: (n * US_PER_S) / fps }));
      for (; a <= now / PCM_CHUNK_US; a++) audio.forEach((cb) => cb({ data: pcm, timestampUs: a * PCM_CHUNK_US }));
    }, TICK_MS);
  };
  const unfollow = sender.follow(client, { compositor: { onProgramFrame: sub(video) }, mixer: { onPcm: sub(audio) } }, (request) => {
    if (timer) clearInterval(timer);
    timer = null;
    if (request.send && request.path === 'raw') produce(request);
  });
  const call = (method: string, params: unknown): Promise<unknown> => client.call(method as MethodName, params as MethodParams<MethodName>);
  try {
    const deadline = Date.now() + CONNECT_TIMEOUT_MS;
    while (client.connection !== 'open') {
      if (Date.now() > deadline) throw new Error('the Node sender could not connect to the studio bridge');
      await sleep(50);
    }
    // The page's broadcast may still be ending.
    while (((await call('getState', {})) as { live: { streaming: string } }).live.streaming !== 'offline') {
      if (Date.now() > deadline) throw new Error("the studio's previous broadcast did not end");
      await sleep(100);
    }
    await call('goLive', {});
    await sleep(warmUpS * 1000);
    const before = sender.stats();
    const startedAt = performance.now();
    await sleep(seconds * 1000);
    const after = sender.stats();
    const result = { seconds: (performance.now() - startedAt) / 1000, sent: after.videoSent - before.videoSent, dropped: after.videoDropped - before.videoDropped };
    await call('stopLive', {});
    return result;
  } finally {
    if (timer) clearInterval(timer);
    unfollow();
    client.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
