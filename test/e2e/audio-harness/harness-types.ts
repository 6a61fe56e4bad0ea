/**
 * What the harness page exposes on `window` (mixerHarness) for the tests to drive
 * through page.evaluate (types only: shared by the pages and the tests).
 */
import type { AudioSettings } from '../../../preload/contract';

/** One PCM chunk as the page saw it (the samples stay in the page). */
export interface PcmRecord {
  timestampUs: number;
  /** Studio clock when the chunk reached the page. */
  arrivedUs: number;
  frames: number;
  rmsDb: number;
  allZero: boolean;
}

export interface MeterRecord {
  arrivedUs: number;
  master: { peakDb: number; rmsDb: number; peakHoldDb: number };
  source: { peakDb: number; rmsDb: number; peakHoldDb: number } | null;
}

export interface MixerHarness {
  ready: boolean;
  error: string | null;
  /** Clock facts for the report: baseLatency + outputLatency, and currentTime - getOutputTimestamp().contextTime. */
  latency(): { reportedMs: number; measuredMs: number };
  setMic(audio: AudioSettings): void;
  /** PCM chunks and meter readings over the next `ms`, and how often the audio clock's mapping jumped meanwhile. */
  record(ms: number): Promise<{ pcm: PcmRecord[]; meters: MeterRecord[]; clockResyncs: number }>;
}

declare global {
  interface Window {
    mixerHarness?: MixerHarness;
  }
}
