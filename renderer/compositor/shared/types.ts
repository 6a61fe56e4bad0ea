/**
 * Shapes shared by the compositor's main-thread side, its worker and its users
 * (the UI's monitors, the delivery into the engine, health).
 */

/** raw: I420 frames for the engine's ffmpeg; encoded: H.264 from WebCodecs; none: compose for the monitors only. */
export type VideoPath = 'raw' | 'encoded' | 'none';

export interface OutputOptions {
  /** Output size in pixels, both even (I420). */
  width: number;
  height: number;
  fps: number;
  keyframeIntervalS: number;
  videoBitrateKbps: number;
  path: VideoPath;
}

/** What composes the scenes: WebGL2 where the GPU accelerates it, else Canvas 2D (see shared/decisions.ts). */
export type Backend = 'canvas2d' | 'webgl2';
/** auto: WebGL2 only on a hardware GL; the others force a backend (tests, the bench). */
export type BackendPreference = 'auto' | Backend;

export type ProgramFrame =
  | { kind: 'raw'; data: Uint8Array; timestampUs: number }
  | { kind: 'encoded'; data: Uint8Array; keyframe: boolean; timestampUs: number };

export interface MonitorFrame {
  program: ImageBitmap;
  /** The preview scene in studio mode, else null. */
  preview: ImageBitmap | null;
}

export interface TransitionInfo {
  kind: 'cut' | 'fade' | 'slide';
  fromSceneId: string;
  toSceneId: string;
  startUs: number;
  durationUs: number;
}

export interface CompositorStats {
  backend: Backend;
  /** Why that backend, in plain words. */
  backendReason: string;
  /** The GL renderer string seen at start-up (null: no WebGL2), and whether it is a software one. */
  glRenderer: string | null;
  glSoftware: boolean;
  path: VideoPath;
  /** Output frames per second over the last stats window, repeats included. */
  fps: number;
  framesSent: number;
  /** Slots filled with the previous picture because the tick or the render was late. */
  repeatedFrames: number;
  /** Slots jumped over after a stall longer than the catch-up limit. */
  skippedFrames: number;
  /** Encoded path: frames not encoded because the encoder's queue was full. */
  droppedFrames: number;
  /** Average over the last stats window: composing the program. */
  frameTimeMs: number;
  /** Average over the last stats window: raw = readback + I420; encoded = VideoFrame + encode() call. */
  readbackMs: number;
  /** WebGL2 raw path: average time from asking the GPU for a frame's I420 to having it (the worker does not wait meanwhile); else null. */
  readbackLatencyMs: number | null;
  /** Encoded path: average time from encode() to its chunk (the encoder's own threads). */
  encodeLatencyMs: number | null;
  /** Encoded path: the codec string in use. */
  codec: string | null;
  /** The transition in progress, if any. */
  transition: TransitionInfo | null;
}

export interface PathMeasurement {
  path: 'raw' | 'encoded';
  /** The path ran (an encoder that would not configure is not ok). */
  ok: boolean;
  error: string | null;
  durationMs: number;
  /** Freshly composed frames per second (repeats excluded). */
  achievedFps: number;
  repeatedFrames: number;
  /** Worker time per frame (render + readback/encode call), performance.now() based. */
  workerMsPerFrame: number;
  renderMs: number;
  readbackMs: number;
  encodeLatencyMs: number | null;
}

export interface PreflightResult {
  width: number;
  height: number;
  fps: number;
  engineHasHardwareEncoder: boolean;
  raw: PathMeasurement;
  encoded: PathMeasurement;
  choice: 'raw' | 'encoded';
  /** Why, in plain words (for the probe report). */
  reason: string;
}

/** The code of the error preflight() rejects with when the program started going out meanwhile. */
export const PREFLIGHT_CANCELLED_CODE = 'PREFLIGHT_CANCELLED';
