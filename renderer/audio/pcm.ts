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
  /** chunkFrames frames of interleaved s16le stereo (fewer only in the last chunk before a restart). */
  data: Uint8Array<ArrayBuffer>;
  /** Audio-clock frame number of the first sample (the worklet's currentFrame). */
  startFrame: number;
}

/** A confirmed forward jump up to this many frames is filled with silence; a longer one restarts the stamps. */
export const PCM_MAX_FILL_FRAMES = PCM_SAMPLE_RATE;

/**
 * Cuts the render quanta (128 frames in today's browsers) into chunks of a fixed
 * size (480 frames do not divide into quanta, so a chunk may start mid-quantum),
 * each stamped with the audio-clock frame of its first sample.
 *
 * The frame numbers are counted, not read from each quantum's label: Chromium
 * now and then hands the worklet a stale currentFrame (the same frame twice, the
 * next quantum then one ahead; seen a few times a minute on a loaded 2-core
 * machine) although every quantum was rendered. Taking such a label as a gap cut
 * a chunk short and padded it with silence: ~10 ms of sound added each time, and
 * the stream's sound drifted late behind its picture (test/e2e/delivery-encoded).
 * So a label that disagrees with the count is believed only when the next quantum
 * disagrees by the same amount: then the graph really ran without this node
 * (frames it never saw). A short gap (up to PCM_MAX_FILL_FRAMES) is filled with
 * silence, so the chunks stay sample for sample on the audio clock; a longer one
 * (or time going back) ends the chunk being filled at its real length and starts
 * again at the new frame, so nothing is stamped with a time it does not have.
 * The quantum that first showed a real gap stays on the old side of it: one
 * quantum (~3 ms) out of place once, instead of holding every chunk back a
 * quantum to look ahead.
 */
export class PcmChunker {
  private chunk: Uint8Array<ArrayBuffer>;
  private view: DataView;
  private filled = 0;
  private startFrame = 0;
  /** The frame the next quantum should start at, by count; null before the first. */
  private nextFrame: number | null = null;
  /** How far the last quantum's label was off the count (0 when it agreed). */
  private pendingJump = 0;

  constructor(
    private readonly emit: (chunk: PcmChunk) => void,
    private readonly chunkFrames = PCM_CHUNK_FRAMES,
  ) {
    this.chunk = new Uint8Array(chunkFrames * PCM_BYTES_PER_FRAME);
    this.view = new DataView(this.chunk.buffer);
  }

  /** One quantum of `frames` frames whose label (the worklet's currentFrame) is `labelFrame`. */
  push(left: Float32Array | undefined, right: Float32Array | undefined, frames: number, labelFrame: number): void {
    if (this.nextFrame === null) this.nextFrame = labelFrame;
    const jump = labelFrame - this.nextFrame;
    if (jump !== 0 && jump === this.pendingJump) this.takeJump(jump);
    this.pendingJump = jump;
    this.write(left, right, frames);
  }

  private takeJump(jump: number): void {
    this.pendingJump = 0;
    if (jump > 0 && jump <= PCM_MAX_FILL_FRAMES) {
      this.write(undefined, undefined, jump);
      return;
    }
    if (this.filled > 0) this.flush();
    this.nextFrame! += jump;
  }

  /** Appends frames at the counted position (no channels: silence), emitting each chunk as it fills. */
  private write(left: Float32Array | undefined, right: Float32Array | undefined, frames: number): void {
    let done = 0;
    while (done < frames) {
      if (this.filled === 0) this.startFrame = this.nextFrame! + done;
      const n = Math.min(frames - done, this.chunkFrames - this.filled);
      interleaveS16(left, right, done, n, this.view, this.filled);
      this.filled += n;
      done += n;
      if (this.filled === this.chunkFrames) this.flush();
    }
    this.nextFrame! += frames;
  }

  /** Emits the chunk being filled, at its real length (a full one except before a restart). */
  private flush(): void {
    // The buffer goes to the receiver (transferred by the worklet): start a new one.
    const data = this.filled === this.chunkFrames ? this.chunk : this.chunk.slice(0, this.filled * PCM_BYTES_PER_FRAME);
    this.emit({ data, startFrame: this.startFrame });
    this.chunk = new Uint8Array(this.chunkFrames * PCM_BYTES_PER_FRAME);
    this.view = new DataView(this.chunk.buffer);
    this.filled = 0;
  }
}
