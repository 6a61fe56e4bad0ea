/**
 * The program delivery page, served by `onair studio --ui DIR` from the
 * studio's own origin: connects like the UI does, composites the studio's scene
 * collection with the real Compositor (every camera source shows the
 * flash-and-beep source), mixes the beep with the real AudioMixer, and lets
 * ProgramSender follow the engine's media requests on the requested path, size
 * and rate. Scene switches come from the studio (its state events); the moment
 * each reached the compositor is recorded on the studio clock.
 */
import type { MethodName, MethodParams, SceneCollection } from '../../../preload/contract';
import { AudioMixer } from '../../../renderer/audio';
import { WsStudioClient, bridgeUrlFromLocation, type WebSocketLike } from '../../../renderer/bridge/ws-client';
import { Compositor } from '../../../renderer/compositor';
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';
import { ProgramSender, type MediaRequest } from '../../../renderer/delivery';
import { FlashBeep } from './flash-beep';
import type { ProgramHarness, SceneSwitchRecord } from './harness-types';

const harness: ProgramHarness = {
  ready: false,
  error: null,
  connected: () => false,
  call: () => Promise.reject(new Error('not ready')),
  stats: () => {
    throw new Error('not ready');
  },
};
window.programHarness = harness;

async function main(): Promise<void> {
  let socket: WebSocketLike | null = null;
  const client = new WsStudioClient({ url: bridgeUrlFromLocation(location), createSocket: (url) => (socket = new WebSocket(url)) });
  await new Promise<void>((resolve) => {
    if (client.connection === 'open') return resolve();
    const off = client.onConnection((state) => {
      if (state !== 'open') return;
      off();
      resolve();
    });
  });
  const { settings } = await client.call('getState', {});
  const p = settings.profile;
  const [compositor, mixer] = await Promise.all([
    Compositor.create({ width: p.width, height: p.height, fps: p.fps, keyframeIntervalS: p.keyframeIntervalS, videoBitrateKbps: p.videoBitrateKbps, path: 'none' }),
    AudioMixer.create(),
  ]);
  const compositorErrors: string[] = [];
  compositor.onError((e) => compositorErrors.push(e.message));
  const frames = { raw: 0, encoded: 0 };
  compositor.onProgramFrame((f) => frames[f.kind]++);
  const flash = new FlashBeep(mixer, compositor);

  const switches: SceneSwitchRecord[] = [];
  const attached = new Set<string>();
  let programSceneId: string | null = null;
  const apply = (collection: SceneCollection) => {
    for (const source of collection.sources) {
      if (source.kind === 'camera' && !attached.has(source.id)) {
        compositor.attachStream(source.id, flash.stream);
        attached.add(source.id);
      }
    }
    compositor.setCollection(collection);
    if (programSceneId !== null && collection.programSceneId !== programSceneId) switches.push({ sceneId: collection.programSceneId, appliedUs: studioNowUs() });
    programSceneId = collection.programSceneId;
  };
  client.on('state', (state) => apply(state.collection));
  apply((await client.call('getState', {})).collection);

  const sender = new ProgramSender(client, { backlogBytes: () => socket?.bufferedAmount ?? 0 });
  let lastRequest: MediaRequest | null = null;
  sender.follow(client, { compositor, mixer }, (request) => {
    lastRequest = request;
    const { width, height, fps, keyframeIntervalS, videoBitrateKbps } = request;
    compositor.setOutput({ width, height, fps, keyframeIntervalS, videoBitrateKbps, path: request.send ? request.path : 'none' });
    flash.setFps(fps);
  });
  harness.connected = () => client.connection === 'open';
  harness.call = (method, params) => client.call(method as MethodName, params as MethodParams<MethodName>);
  harness.stats = () => ({ ...sender.stats(), flashesUs: [...flash.flashesUs], whiteLateUs: [...flash.whiteLateUs], switches: [...switches], frames: { ...frames }, lastRequest, compositorErrors: [...compositorErrors] });
  harness.ready = true;
}

main().catch((err: unknown) => {
  harness.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
});
