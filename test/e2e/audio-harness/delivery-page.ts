/**
 * The delivery test page, served by `onair studio --ui DIR` from the studio's
 * own origin: connects to the studio like the UI does (connectStudio), mixes a
 * flash-and-beep program (SyntheticVideo + BeepSource through the AudioMixer),
 * and lets ProgramSender follow the engine's media requests.
 */
import { AudioMixer } from '../../../renderer/audio';
import { WsStudioClient, bridgeUrlFromLocation, type WebSocketLike } from '../../../renderer/bridge/ws-client';
import { ProgramSender, type MediaRequest } from '../../../renderer/delivery';
import type { MethodName, MethodParams } from '../../../preload/contract';
import { BeepSource } from './beep-source';
import type { DeliveryHarness } from './harness-types';
import { SyntheticVideo } from './synthetic-video';

const PCM_CHUNK_US = 10_000;

const harness: DeliveryHarness = {
  ready: false,
  error: null,
  connected: () => false,
  call: () => Promise.reject(new Error('not ready')),
  stats: () => {
    throw new Error('not ready');
  },
};
window.deliveryHarness = harness;

async function main(): Promise<void> {
  // The client as connectStudio() makes it, with the socket kept so the sender
  // can read its bufferedAmount (StudioClient does not expose it).
  let socket: WebSocketLike | null = null;
  const client = new WsStudioClient({ url: bridgeUrlFromLocation(location), createSocket: (url) => (socket = new WebSocket(url)) });
  const mixer = await AudioMixer.create();
  const beeps = new BeepSource(mixer);
  const video = new SyntheticVideo();
  const sender = new ProgramSender(client, { backlogBytes: () => socket?.bufferedAmount ?? 0 });
  let lastRequest: MediaRequest | null = null;
  // The PCM timeline while sending: the largest departure of a step from 10 ms.
  // (Before that, while the page starts, the audio thread may be starved and
  // the clock re-anchor: a real gap in the audio, not a stamping error.)
  let lastPcmUs: number | null = null;
  let pcmStepErrorMaxUs = 0;
  mixer.onPcm((chunk) => {
    if (lastPcmUs !== null) pcmStepErrorMaxUs = Math.max(pcmStepErrorMaxUs, Math.abs(chunk.timestampUs - lastPcmUs - PCM_CHUNK_US));
    lastPcmUs = chunk.timestampUs;
  });
  sender.follow(client, { compositor: video, mixer }, (request) => {
    lastRequest = request;
    pcmStepErrorMaxUs = 0;
    if (request.send) video.start(request.width, request.height, request.fps);
    else video.stop();
  });
  harness.connected = () => client.connection === 'open';
  harness.call = (method, params) => client.call(method as MethodName, params as MethodParams<MethodName>);
  harness.stats = () => ({ ...sender.stats(), framesMade: video.framesMade, beepsScheduled: beeps.beepsScheduled, pcmStepErrorMaxUs, lastRequest });
  harness.ready = true;
}

main().catch((err: unknown) => {
  harness.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
});
