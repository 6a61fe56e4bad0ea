/**
 * Where composed program frames go: the raw path (I420 buffers) or the encoded
 * path (H.264 access units). The output loop calls `send` with a fresh picture
 * and `repeat` for a slot that must carry the previous one again.
 */
import type { Painter } from './painter';

export interface FrameSink {
  readonly path: 'raw' | 'encoded';
  /** Reads the composed picture (off the painter's canvas, or its texture) and hands it on. */
  send(painter: Painter, slot: number, timestampUs: number): Promise<void>;
  /** The previous picture again, at a new timestamp (a late tick). */
  repeat(slot: number, timestampUs: number): void;
  /** Encoded: the next frame is a keyframe (the keyframe cadence restarts there). Raw: nothing to do. */
  forceKeyframe(): void;
  /** Frames that could not be handed on (encoder queue full). */
  readonly droppedFrames: number;
  /** Average time from encode() to its chunk since the last call, or null (raw, or nothing yet). */
  takeEncodeLatencyMs(): number | null;
  /** WebGL2 raw: average time from asking the GPU for a frame to having it, since the last call, or null. */
  takeReadbackLatencyMs?(): number | null;
  readonly codec: string | null;
  /** Whether it can still take frames (an encoder that failed cannot). */
  readonly usable: boolean;
  close(): Promise<void>;
}

export interface SinkPost {
  raw(data: ArrayBuffer, timestampUs: number): void;
  encoded(data: ArrayBuffer, keyframe: boolean, timestampUs: number): void;
  error(message: string): void;
}
