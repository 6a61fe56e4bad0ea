/**
 * The mixer test page: Chromium's fake microphone (a full-scale 20 ms beep
 * every 500 ms) through the studio's AudioMixer, with every PCM chunk and meter
 * reading recorded for the test. Served under the studio's CSP.
 */
import type { AudioSettings } from '../../../preload/contract';
import { AudioMixer, MASTER_METER_ID, openMicrophone } from '../../../renderer/audio';
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';
import type { MeterRecord, MixerHarness, PcmRecord } from './harness-types';
import { pcmLevel } from './pcm-stats';

const MIC_ID = 'mic';

const harness: MixerHarness = {
  ready: false,
  error: null,
  latency: () => ({ reportedMs: 0, measuredMs: 0 }),
  setMic: () => undefined,
  record: () => Promise.reject(new Error('not ready')),
};
window.mixerHarness = harness;

async function main(): Promise<void> {
  const mixer = await AudioMixer.create();
  mixer.attachStream(MIC_ID, await openMicrophone(null));
  let pcm: PcmRecord[] | null = null;
  let meters: MeterRecord[] | null = null;
  mixer.onPcm((chunk) => pcm?.push({ timestampUs: chunk.timestampUs, arrivedUs: studioNowUs(), ...pcmLevel(chunk.data) }));
  mixer.onMeters((m) => {
    const master = m[MASTER_METER_ID];
    if (master) meters?.push({ arrivedUs: studioNowUs(), master, source: m[MIC_ID] ?? null });
  });
  harness.setMic = (audio: AudioSettings) => mixer.setSourceAudio(MIC_ID, audio);
  harness.latency = () => {
    const ctx = mixer.context;
    const out = ctx.getOutputTimestamp();
    return { reportedMs: (ctx.baseLatency + (ctx.outputLatency || 0)) * 1000, measuredMs: (ctx.currentTime - (out.contextTime ?? 0)) * 1000 };
  };
  harness.record = async (ms: number) => {
    pcm = [];
    meters = [];
    const resyncsBefore = mixer.clockResyncs;
    await new Promise((resolve) => setTimeout(resolve, ms));
    const result = { pcm, meters, clockResyncs: mixer.clockResyncs - resyncsBefore };
    pcm = meters = null;
    return result;
  };
  harness.ready = true;
}

main().catch((err: unknown) => {
  harness.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
});
