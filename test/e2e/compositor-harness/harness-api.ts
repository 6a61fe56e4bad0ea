/**
 * What the compositor harness page exposes on `window.harness`, shared by the page
 * (harness.ts) and the tests that drive it through page.evaluate.
 */
import type { SceneCollection } from '../../../preload/contract/model';
import type { BackendPreference, CompositorStats, OutputOptions, PreflightResult, TransitionInfo } from '../../../renderer/compositor/index';

export interface Yuv {
  y: number;
  u: number;
  v: number;
}

export interface EncodedUnit {
  timestampUs: number;
  keyframe: boolean;
  base64: string;
}

export interface ReadbackBench {
  width: number;
  height: number;
  getImageDataMs: number;
  videoFrameCopyMs: number;
  i420Ms: number;
}

/** WebGL2 readback on its own (a canvas of the page): a blocking readPixels vs the GPU I420 conversion read through a fenced pixel buffer. */
export interface GlReadbackBench {
  width: number;
  height: number;
  renderer: string;
  /** readPixels of the RGBA frame straight into memory: the call blocks until the GPU is done. */
  syncReadPixelsMs: number;
  /** Worker time to queue the I420 conversion and its copy into a pixel buffer. */
  i420IssueMs: number;
  /** From queueing to the fence signalling (the worker is free meanwhile). */
  i420LatencyMs: number;
  /** getBufferSubData of the finished I420 frame. */
  i420FetchMs: number;
}

export interface HarnessApi {
  start(output: OutputOptions, monitorFps?: number, backend?: BackendPreference): Promise<CompositorStats>;
  setCollection(collection: SceneCollection): void;
  setOutput(output: OutputOptions): void;
  requestKeyframe(): void;
  /** A PNG of four coloured quadrants (top-left, top-right, bottom-left, bottom-right; CSS colours). */
  setQuadrantImage(sourceId: string, width: number, height: number, colors: [string, string, string, string]): Promise<void>;
  attachCamera(sourceId: string): Promise<void>;
  /** Resolves with the timestamp of the first raw frame at or after `atUs`. */
  rawFrameAfter(atUs: number): Promise<number>;
  /** Y, U, V at output pixel (x, y) of the kept raw frame with this timestamp. */
  sample(timestampUs: number, points: Array<[number, number]>): Yuv[];
  /** Timestamps of every program frame received (raw or encoded). */
  timestamps(): number[];
  /** Encoded access units received so far (and forgets them). */
  takeEncoded(): EncodedUnit[];
  /** The first transition the stats reported since the last call. */
  takeTransition(): TransitionInfo | null;
  monitorCount(): { program: number; preview: number };
  stats(): CompositorStats;
  preflight(engineHasHardwareEncoder: boolean, durationMs: number): Promise<PreflightResult>;
  now(): number;
  /** Pretends the page went to the background (visibilityState 'hidden') and back. */
  setHidden(hidden: boolean): void;
  /** Blocks the page's main thread (React work, a janky page). */
  busyMainThread(ms: number): void;
  errors(): string[];
  benchReadback(width: number, height: number, rounds: number): Promise<ReadbackBench>;
  benchGlReadback(width: number, height: number, rounds: number): Promise<GlReadbackBench>;
  destroy(): void;
}

declare global {
  interface Window {
    harness: HarnessApi;
  }
}
