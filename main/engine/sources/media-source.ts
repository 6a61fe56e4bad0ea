/**
 * The one interface every media producer implements (test card, media file,
 * later the renderer's capture): it pushes raw video frames and PCM chunks, each
 * stamped on a clock the owner hands in, into a sink.
 *
 * Lifecycle: `start(sink)` begins delivery (frames and chunks may arrive on any
 * later tick of the event loop); `stop()` ends it, and once its promise resolves
 * the sink is called no more. A source is started at most once.
 *
 * Buffer ownership: producers reuse their buffers (no allocation per frame), so a
 * sink that keeps `data` longer than the documented window (see each producer)
 * must copy it. A stream `write()` that may queue counts as keeping it.
 */

export interface VideoFrameOut {
  /** I420 (yuv420p, BT.709, limited range): planes Y, U, V back to back, no row padding. */
  data: Uint8Array;
  /** Capture time of the frame in microseconds on the source's clock. */
  timestampUs: number;
}

export interface AudioChunkOut {
  /** s16le, interleaved stereo, 48 kHz (see AUDIO_* in ../types). */
  data: Uint8Array;
  /** Time of the chunk's first sample in microseconds on the source's clock. */
  timestampUs: number;
}

export interface MediaSink {
  video(frame: VideoFrameOut): void;
  audio(chunk: AudioChunkOut): void;
  /** A failure the source cannot recover from; delivery has stopped when this is called. */
  error?(err: Error): void;
}

export interface MediaSource {
  start(sink: MediaSink): Promise<void>;
  stop(): Promise<void>;
  /** Shown in logs and health: "Test card", "intro.mp4". */
  readonly name: string;
}

/** A monotonic clock in microseconds. The studio passes its own so every source shares one time base. */
export type ClockUs = () => number;

const MICROSECONDS_PER_MILLISECOND = 1000;

/** The default studio clock: monotonic, microseconds since this process started. */
export const performanceClockUs: ClockUs = () => performance.now() * MICROSECONDS_PER_MILLISECOND;

/** Bytes in one I420 frame: a full-size Y plane and two quarter-size chroma planes. */
export function i420FrameBytes(width: number, height: number): number {
  return width * height + 2 * (width / 2) * (height / 2);
}
