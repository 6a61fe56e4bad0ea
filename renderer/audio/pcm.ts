/**
 * The engine's audio format (preload/contract/media.ts kind 3): 48 kHz, stereo,
 * interleaved signed 16-bit little-endian, in chunks of about 10 ms, each with
 * the time of its first sample. s16le (not f32le) because the encoder's audio
 * input is s16le and it halves the bytes; float samples beyond full scale are
 * clipped here, once, where the mix leaves Web Audio.
 *
 * Pure (typed arrays only): the worklet runs it on the audio thread, the unit
 * tests in Node.
 */

export const PCM_SAMPLE_RATE = 48_000;
export const PCM_CHANNELS = 2;
export const PCM_BYTES_PER_SAMPLE = 2;
export const PCM_BYTES_PER_FRAME = PCM_CHANNELS * PCM_BYTES_PER_SAMPLE;
/** 10 ms at 48 kHz: the chunk the engine expects, and 100 messages a second. */
export const PCM_CHUNK_FRAMES = 480;

const S16_MAX = 32767;
const S16_MIN = -32768;

/**
 * One float sample as s16: scaled by 32767, rounded half away from zero (so a
 * signal and its inverse convert alike), clipped; NaN is silence.
 */
export function floatToS16(x: number): number {
  if (!(x === x)) return 0; // NaN
  const v = x < 0 ? -Math.round(-x * S16_MAX) : Math.round(x * S16_MAX);
  return v > S16_MAX ? S16_MAX : v < S16_MIN ? S16_MIN : v;
}

/**
 * Writes frames [from, from+count) of left/right as interleaved s16le into `out`
 * starting at frame `at`. A missing right channel repeats the left (mono source);
 * a missing left is silence (an input with nothing connected has no channels).
 */
export function interleaveS16(
  left: Float32Array | undefined,
  right: Float32Array | undefined,
  from: number,
  count: number,
  out: DataView,
  at: number,
): void {
  const r = right ?? left;
  let offset = at * PCM_BYTES_PER_FRAME;
  for (let i = from; i < from + count; i++) {
    out.setInt16(offset, left ? floatToS16(left[i]!) : 0, true);
    out.setInt16(offset + PCM_BYTES_PER_SAMPLE, r ? floatToS16(r[i]!) : 0, true);
    offset += PCM_BYTES_PER_FRAME;
  }
}

export interface PcmChunk {
  /** chunkFrames frames of interleaved s16le stereo. */
  data: Uint8Array<ArrayBuffer>;
  /** Audio-clock frame number of the first sample (the worklet's currentFrame). */
  startFrame: number;
}

/**
 * Cuts the render quanta (128 frames in today's browsers) into chunks of a fixed
 * size (480 frames do not divide into quanta, so a chunk may start mid-quantum).
 * A quantum that does not follow on from the last one (the context was suspended
 * and resumed) starts a new chunk: the half-filled one is emitted padded with
 * silence rather than stamped with a time it does not have.
 */
export class PcmChunker {
  private chunk: Uint8Array<ArrayBuffer>;
  private view: DataView;
  private filled = 0;
  private startFrame = 0;
  private nextFrame: number | null = null;

  constructor(
    private readonly emit: (chunk: PcmChunk) => void,
    private readonly chunkFrames = PCM_CHUNK_FRAMES,
  ) {
    this.chunk = new Uint8Array(chunkFrames * PCM_BYTES_PER_FRAME);
    this.view = new DataView(this.chunk.buffer);
  }

  /** One quantum of `frames` frames starting at audio-clock frame `startFrame`. */
  push(left: Float32Array | undefined, right: Float32Array | undefined, frames: number, startFrame: number): void {
    if (this.nextFrame !== null && startFrame !== this.nextFrame && this.filled > 0) this.flush();
    let done = 0;
    while (done < frames) {
      if (this.filled === 0) this.startFrame = startFrame + done;
      const n = Math.min(frames - done, this.chunkFrames - this.filled);
      interleaveS16(left, right, done, n, this.view, this.filled);
      this.filled += n;
      done += n;
      if (this.filled === this.chunkFrames) this.flush();
    }
    this.nextFrame = startFrame + frames;
  }

  /** Emits the chunk being filled (its unfilled tail is silence). */
  private flush(): void {
    // The buffer goes to the receiver (transferred by the worklet): start a new one.
    this.emit({ data: this.chunk, startFrame: this.startFrame });
    this.chunk = new Uint8Array(this.chunkFrames * PCM_BYTES_PER_FRAME);
    this.view = new DataView(this.chunk.buffer);
    this.filled = 0;
  }
}
