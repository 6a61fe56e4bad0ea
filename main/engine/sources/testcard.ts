/**
 * The test card: a pure-JS producer of a moving picture and a tone, in real time,
 * built for measuring the pipeline rather than for looks.
 *
 * - Flash and beep: frame `n` with `n % fps == 0` (the first of every second) is
 *   all white, and the first 40 ms of every second of audio is a loud 1 kHz beep
 *   instead of the quiet 440 Hz tone. Both sit exactly on the whole second of media
 *   time, so the A/V offset of an encode is `beep - flash` (test/helpers/av-sync.ts).
 * - Timestamp strip: the top 16 rows carry the frame's capture time in
 *   milliseconds (mod 2^32) as 32 black/white blocks, bit 0 on the left, so a
 *   viewer-side reader can compute glass-to-glass latency (decodeTimestampStrip).
 *   The strip is drawn on flash frames too; it keeps their mean luma above 200.
 * - Motion: colour bars scrolling left over a grey ramp scrolling right, and a
 *   clock (HH:MM:SS.mmm of media time) above a frame counter, so a frozen,
 *   repeated or dropped frame is visible.
 *
 * Cost: rows are copied from a precomputed double-width pattern (one `set` per
 * row), so a 1280x720 frame is about a millisecond.
 */
import { AUDIO_BYTES_PER_FRAME, AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, type VideoFormat } from '../types';
import { i420FrameBytes, performanceClockUs, type AudioChunkOut, type ClockUs, type MediaSink, type MediaSource, type VideoFrameOut } from './media-source';
import { LINE_ADVANCE, drawText, measureText } from './bitmap-font';

export const LUMA_WHITE = 235;
export const LUMA_BLACK = 16;
export const CHROMA_NEUTRAL = 128;
export const TIMESTAMP_STRIP_HEIGHT_PX = 16;
export const TIMESTAMP_STRIP_BITS = 32;
/** A strip block reads as 1 above this luma (midway between black 16 and white 235, rounded). */
const STRIP_THRESHOLD_LUMA = 128;
/** A block centre this close to the threshold is neither black nor white: not a test card. */
const STRIP_AMBIGUOUS_MARGIN_LUMA = 48;
const TIMESTAMP_MODULUS = 2 ** 32;

export const TONE_HZ = 440;
export const TONE_DBFS = -20;
export const BEEP_HZ = 1000;
export const BEEP_DBFS = -6;
export const BEEP_DURATION_SAMPLES = (AUDIO_SAMPLE_RATE * 40) / 1000;
/** 10 ms at 48 kHz: the chunk size the design asks every audio producer for. */
export const AUDIO_CHUNK_SAMPLES = 480;

/** Video buffers in rotation: a frame's data is overwritten 4 frames later, so a sink may hold it while 3 more arrive. */
export const FRAME_POOL_SIZE = 4;
/** Audio buffers in rotation: a chunk's data is overwritten 8 chunks later. */
export const AUDIO_POOL_SIZE = 8;
/** One full scroll of the bars takes this long. */
const SCROLL_PERIOD_S = 4;
/** After a stall longer than this (laptop sleep), skip ahead instead of emitting every missed frame at once. */
const MAX_CATCH_UP_US = 1_000_000;
const US_PER_S = 1_000_000;
const FULL_SCALE_S16 = 32767;

// 75% colour bars in BT.709 limited range, as [Y, U, V]: white, yellow, cyan, green, magenta, red, blue, black.
const BARS_709: ReadonlyArray<readonly [number, number, number]> = [
  [180, 128, 128], [168, 44, 136], [145, 147, 44], [133, 63, 52],
  [63, 193, 204], [51, 109, 212], [28, 212, 120], [16, 128, 128],
];

// A 5x7 bitmap font for the clock: one 5-bit row mask per line, top to bottom.
interface Pattern {
  /** Two periods of the bars row (luma, then each chroma plane), so any offset reads `width` contiguous bytes. */
  barsY: Uint8Array; barsU: Uint8Array; barsV: Uint8Array;
  rampY: Uint8Array;
}
const patternCache = new Map<string, Pattern>();

function patternFor(width: number): Pattern {
  const key = String(width);
  const cached = patternCache.get(key);
  if (cached) return cached;
  const cw = width / 2;
  const barsY = new Uint8Array(2 * width);
  const rampY = new Uint8Array(2 * width);
  const barsU = new Uint8Array(2 * cw);
  const barsV = new Uint8Array(2 * cw);
  for (let x = 0; x < 2 * width; x++) {
    const px = x % width;
    barsY[x] = barAt(px, width)[0];
    rampY[x] = Math.round(LUMA_BLACK + ((LUMA_WHITE - LUMA_BLACK) * px) / (width - 1));
  }
  for (let x = 0; x < 2 * cw; x++) {
    const [, u, v] = barAt((2 * x) % width, width);
    barsU[x] = u;
    barsV[x] = v;
  }
  const pattern = { barsY, barsU, barsV, rampY };
  patternCache.set(key, pattern);
  return pattern;
}

function barAt(x: number, width: number): readonly [number, number, number] {
  const bar = BARS_709[Math.floor((x * BARS_709.length) / width)];
  if (!bar) throw new RangeError(`no bar at x=${x}`);
  return bar;
}

/** Renders frame `frameIndex` of the card into `out` (I420). `timestampMs` goes into the strip; it defaults to media time. */
export function renderTestcardFrame(format: VideoFormat, frameIndex: number, out: Uint8Array, timestampMs = (frameIndex * 1000) / format.fps): void {
  assertTestcardFormat(format);
  const { width, height, fps } = format;
  if (out.length < i420FrameBytes(width, height)) throw new RangeError(`frame buffer too small for ${width}x${height}`);
  const cw = width / 2;
  const ch = height / 2;
  const yPlane = out.subarray(0, width * height);
  const uPlane = out.subarray(width * height, width * height + cw * ch);
  const vPlane = out.subarray(width * height + cw * ch, width * height + 2 * cw * ch);

  if (frameIndex % fps === 0) {
    yPlane.fill(LUMA_WHITE);
    uPlane.fill(CHROMA_NEUTRAL);
    vPlane.fill(CHROMA_NEUTRAL);
    drawTimestampStrip(yPlane, width, timestampMs);
    return;
  }
  const pattern = patternFor(width);
  // An even step keeps luma and chroma offsets in register (chroma offset = luma offset / 2).
  const step = 2 * Math.max(1, Math.round(width / (2 * SCROLL_PERIOD_S * fps)));
  const offset = (frameIndex * step) % width;
  const rampTop = 2 * Math.floor((height * 3) / 8);
  for (let y = TIMESTAMP_STRIP_HEIGHT_PX; y < height; y++) {
    const row = y < rampTop ? pattern.barsY.subarray(offset, offset + width) : pattern.rampY.subarray(width - offset, 2 * width - offset);
    yPlane.set(row, y * width);
  }
  const chromaStripRows = TIMESTAMP_STRIP_HEIGHT_PX / 2;
  uPlane.fill(CHROMA_NEUTRAL, 0, chromaStripRows * cw);
  vPlane.fill(CHROMA_NEUTRAL, 0, chromaStripRows * cw);
  const co = offset / 2;
  for (let y = chromaStripRows; y < rampTop / 2; y++) {
    uPlane.set(pattern.barsU.subarray(co, co + cw), y * cw);
    vPlane.set(pattern.barsV.subarray(co, co + cw), y * cw);
  }
  uPlane.fill(CHROMA_NEUTRAL, (rampTop / 2) * cw);
  vPlane.fill(CHROMA_NEUTRAL, (rampTop / 2) * cw);
  drawTimestampStrip(yPlane, width, timestampMs);
  drawClock(format, frameIndex, yPlane, uPlane, vPlane);
}

function assertTestcardFormat({ width, height, fps }: VideoFormat): void {
  if (width % 2 || height % 2 || width < TIMESTAMP_STRIP_BITS * 2 || height < TIMESTAMP_STRIP_HEIGHT_PX * 2) {
    throw new RangeError(`test card needs even dimensions of at least 64x32, got ${width}x${height}`);
  }
  if (!Number.isInteger(fps) || fps <= 0) throw new RangeError(`test card needs a whole frame rate, got ${fps}`);
}

/** Pool slot `i` (mod length); pools are never empty. */
function slot<T>(pool: readonly T[], i: number): T {
  const item = pool[i % pool.length];
  if (item === undefined) throw new RangeError('empty buffer pool');
  return item;
}

function drawTimestampStrip(yPlane: Uint8Array, width: number, timestampMs: number): void {
  const value = ((Math.floor(timestampMs) % TIMESTAMP_MODULUS) + TIMESTAMP_MODULUS) % TIMESTAMP_MODULUS;
  const blockWidth = Math.floor(width / TIMESTAMP_STRIP_BITS);
  for (let bit = 0; bit < TIMESTAMP_STRIP_BITS; bit++) {
    // Division, not `>>`: bit 31 of a uint32 would turn the shifted value negative.
    const set = Math.floor(value / 2 ** bit) % 2 === 1;
    yPlane.fill(set ? LUMA_WHITE : LUMA_BLACK, bit * blockWidth, (bit + 1) * blockWidth);
  }
  yPlane.fill(LUMA_BLACK, TIMESTAMP_STRIP_BITS * blockWidth, width);
  for (let y = 1; y < TIMESTAMP_STRIP_HEIGHT_PX; y++) yPlane.copyWithin(y * width, 0, width);
}

/**
 * Reads the strip back from a decoded luma plane: the capture time in ms mod 2^32,
 * or null when the picture carries no strip. Averages a small square at each block
 * centre, so encoder blur and noise at block edges do not matter.
 */
export function decodeTimestampStrip(yPlane: Uint8Array, width: number, height: number): number | null {
  if (width < TIMESTAMP_STRIP_BITS * 2 || height < TIMESTAMP_STRIP_HEIGHT_PX || yPlane.length < width * height) return null;
  const blockWidth = Math.floor(width / TIMESTAMP_STRIP_BITS);
  const radius = Math.max(1, Math.floor(Math.min(blockWidth, TIMESTAMP_STRIP_HEIGHT_PX) / 4));
  const cy = TIMESTAMP_STRIP_HEIGHT_PX / 2;
  let value = 0;
  for (let bit = 0; bit < TIMESTAMP_STRIP_BITS; bit++) {
    const cx = Math.floor(bit * blockWidth + blockWidth / 2);
    let sum = 0;
    let n = 0;
    for (let y = cy - radius; y < cy + radius; y++) {
      for (let x = cx - radius; x < cx + radius; x++) {
        sum += yPlane[y * width + x] ?? 0;
        n++;
      }
    }
    const mean = sum / n;
    if (Math.abs(mean - STRIP_THRESHOLD_LUMA) < STRIP_AMBIGUOUS_MARGIN_LUMA) return null;
    if (mean > STRIP_THRESHOLD_LUMA) value += 2 ** bit;
  }
  return value;
}

function drawClock(format: VideoFormat, frameIndex: number, yPlane: Uint8Array, uPlane: Uint8Array, vPlane: Uint8Array): void {
  const { width, height, fps } = format;
  const mediaMs = Math.floor((frameIndex * 1000) / fps);
  const pad = (n: number, digits: number): string => String(n).padStart(digits, '0');
  const clock = `${pad(Math.floor(mediaMs / 3_600_000), 2)}:${pad(Math.floor(mediaMs / 60_000) % 60, 2)}:${pad(Math.floor(mediaMs / 1000) % 60, 2)}.${pad(mediaMs % 1000, 3)}`;
  const lines = [clock, pad(frameIndex, 6)];
  const { columns, rows } = measureText(lines);
  // About an eighth of the picture height per line, and never wider than the picture.
  let scale = Math.max(1, Math.floor(height / (LINE_ADVANCE * 8)));
  while (scale > 1 && columns * scale > width) scale--;
  const boxW = 2 * Math.ceil((columns * scale) / 2);
  const boxH = 2 * Math.ceil((rows * scale) / 2);
  if (boxW > width || boxH > height - TIMESTAMP_STRIP_HEIGHT_PX) return;
  const left = 2 * Math.floor((width - boxW) / 4);
  const top = 2 * Math.floor((height - boxH) / 4);
  for (let y = top; y < top + boxH; y++) yPlane.fill(LUMA_BLACK, y * width + left, y * width + left + boxW);
  const cw = width / 2;
  for (let y = top / 2; y < (top + boxH) / 2; y++) {
    uPlane.fill(CHROMA_NEUTRAL, y * cw + left / 2, y * cw + (left + boxW) / 2);
    vPlane.fill(CHROMA_NEUTRAL, y * cw + left / 2, y * cw + (left + boxW) / 2);
  }
  drawText(yPlane, width, lines, left, top, scale, LUMA_WHITE);
}

let oneSecondOfAudio: Int16Array | undefined;

/** One second of the mono signal: the beep for its first 40 ms, the tone after. Both are whole cycles per second, so it loops seamlessly. */
function audioTable(): Int16Array {
  if (oneSecondOfAudio) return oneSecondOfAudio;
  const table = new Int16Array(AUDIO_SAMPLE_RATE);
  const beepAmp = FULL_SCALE_S16 * 10 ** (BEEP_DBFS / 20);
  const toneAmp = FULL_SCALE_S16 * 10 ** (TONE_DBFS / 20);
  for (let i = 0; i < AUDIO_SAMPLE_RATE; i++) {
    const beep = i < BEEP_DURATION_SAMPLES;
    const phase = (2 * Math.PI * (beep ? BEEP_HZ : TONE_HZ) * i) / AUDIO_SAMPLE_RATE;
    table[i] = Math.round((beep ? beepAmp : toneAmp) * Math.sin(phase));
  }
  oneSecondOfAudio = table;
  return table;
}

/** Writes `count` stereo s16le samples starting at absolute sample `startSample` (0 = media time 0) into `out`. */
export function renderTestcardAudio(startSample: number, count: number, out: Uint8Array): void {
  if (out.length < count * AUDIO_BYTES_PER_FRAME) throw new RangeError(`audio buffer too small for ${count} samples`);
  const table = audioTable();
  let pos = startSample % AUDIO_SAMPLE_RATE;
  let o = 0;
  for (let i = 0; i < count; i++) {
    const s = table[pos] ?? 0;
    for (let c = 0; c < AUDIO_CHANNELS; c++) {
      out[o++] = s & 0xff;
      out[o++] = (s >> 8) & 0xff;
    }
    pos = pos + 1 === AUDIO_SAMPLE_RATE ? 0 : pos + 1;
  }
}

export interface TestcardOptions {
  /** The studio clock in microseconds; timestamps are t0 + ideal offsets on it. */
  now?: ClockUs;
  name?: string;
}

/**
 * Emits the card in real time. Each tick compares the clock with the ideal
 * schedule (frame n at t0 + n/fps, chunk k ending at t0 + 10 ms * (k+1)) and emits
 * everything due, in timestamp order, so timer jitter never accumulates and a
 * blocked event loop is caught up with every missed frame and sample.
 */
export class TestcardSource implements MediaSource {
  readonly name: string;
  private readonly now: ClockUs;
  private readonly frames: VideoFrameOut[];
  private readonly chunks: AudioChunkOut[];
  private sink: MediaSink | undefined;
  private timer: NodeJS.Timeout | undefined;
  private t0Us = 0;
  private nextFrame = 0;
  private samplesSent = 0;
  private started = false;

  constructor(private readonly format: VideoFormat, options: TestcardOptions = {}) {
    this.name = options.name ?? 'Test card';
    this.now = options.now ?? performanceClockUs;
    assertTestcardFormat(format);
    const frameBytes = i420FrameBytes(format.width, format.height);
    this.frames = Array.from({ length: FRAME_POOL_SIZE }, () => ({ data: new Uint8Array(frameBytes), timestampUs: 0 }));
    this.chunks = Array.from({ length: AUDIO_POOL_SIZE }, () => ({ data: new Uint8Array(AUDIO_CHUNK_SAMPLES * AUDIO_BYTES_PER_FRAME), timestampUs: 0 }));
  }

  async start(sink: MediaSink): Promise<void> {
    if (this.started) throw new Error(`${this.name} was already started`);
    this.started = true;
    this.sink = sink;
    this.t0Us = Math.round(this.now());
    this.timer = setTimeout(this.tick, 0);
  }

  async stop(): Promise<void> {
    this.sink = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private frameOffsetUs(n: number): number {
    return Math.round((n * US_PER_S) / this.format.fps);
  }

  private sampleOffsetUs(samples: number): number {
    return Math.round((samples * US_PER_S) / AUDIO_SAMPLE_RATE);
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    const elapsedUs = this.now() - this.t0Us;
    if (elapsedUs - this.frameOffsetUs(this.nextFrame) > MAX_CATCH_UP_US) this.skipTo(elapsedUs);
    for (;;) {
      const sink = this.sink;
      if (!sink) return; // stopped, possibly by the sink itself
      const videoAtUs = this.frameOffsetUs(this.nextFrame);
      const audioAtUs = this.sampleOffsetUs(this.samplesSent);
      const videoDue = videoAtUs <= elapsedUs;
      // A chunk is due once its last sample has been "captured", like a microphone's.
      const audioDue = this.sampleOffsetUs(this.samplesSent + AUDIO_CHUNK_SAMPLES) <= elapsedUs;
      if (!videoDue && !audioDue) break;
      if (videoDue && (!audioDue || videoAtUs <= audioAtUs)) this.emitVideo(sink, videoAtUs);
      else this.emitAudio(sink, audioAtUs);
    }
    // Wake once a frame: the audio chunks that fell due since go out with it, in
    // order. Waking for every 10 ms chunk as well costs more CPU than drawing the card.
    const nextDueUs = this.frameOffsetUs(this.nextFrame);
    const waitMs = Math.max(0, (nextDueUs - (this.now() - this.t0Us)) / 1000);
    this.timer = setTimeout(this.tick, waitMs);
  };

  private emitVideo(sink: MediaSink, offsetUs: number): void {
    const frame = slot(this.frames, this.nextFrame);
    frame.timestampUs = this.t0Us + offsetUs;
    renderTestcardFrame(this.format, this.nextFrame, frame.data, frame.timestampUs / 1000);
    this.nextFrame++;
    sink.video(frame);
  }

  private emitAudio(sink: MediaSink, offsetUs: number): void {
    const chunk = slot(this.chunks, this.samplesSent / AUDIO_CHUNK_SAMPLES);
    chunk.timestampUs = this.t0Us + offsetUs;
    renderTestcardAudio(this.samplesSent, AUDIO_CHUNK_SAMPLES, chunk.data);
    this.samplesSent += AUDIO_CHUNK_SAMPLES;
    sink.audio(chunk);
  }

  /** Jumps both schedules to "now" after a long stall; media time keeps its meaning (frame n is still at t0 + n/fps). */
  private skipTo(elapsedUs: number): void {
    this.nextFrame = Math.floor((elapsedUs * this.format.fps) / US_PER_S);
    const chunks = Math.floor((elapsedUs * AUDIO_SAMPLE_RATE) / US_PER_S / AUDIO_CHUNK_SAMPLES) - 1;
    this.samplesSent = Math.max(0, chunks) * AUDIO_CHUNK_SAMPLES;
  }
}
