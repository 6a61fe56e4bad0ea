import { describe, expect, it } from 'vitest';
import {
  BEEP_DURATION_SAMPLES,
  CHROMA_NEUTRAL,
  LUMA_WHITE,
  TIMESTAMP_STRIP_HEIGHT_PX,
  decodeTimestampStrip,
  renderTestcardAudio,
  renderTestcardFrame,
} from '../../../../../main/engine/sources/testcard';
import { i420FrameBytes } from '../../../../../main/engine/sources/media-source';
import type { VideoFormat } from '../../../../../main/engine/types';

const FORMAT: VideoFormat = { width: 640, height: 360, fps: 30 };

function render(index: number, format = FORMAT, timestampMs?: number): Uint8Array {
  const out = new Uint8Array(i420FrameBytes(format.width, format.height));
  renderTestcardFrame(format, index, out, timestampMs);
  return out;
}

function lumaRow(frame: Uint8Array, y: number, width = FORMAT.width): Uint8Array {
  return frame.subarray(y * width, (y + 1) * width);
}

/** The shift s with row2[x] == row1[(x + s) mod width] for every x, or undefined. */
function cyclicShift(row1: Uint8Array, row2: Uint8Array): number | undefined {
  const w = row1.length;
  for (let s = 0; s < w; s++) {
    let ok = true;
    for (let x = 0; x < w && ok; x++) ok = row2[x] === row1[(x + s) % w];
    if (ok) return s;
  }
  return undefined;
}

describe('renderTestcardFrame', () => {
  it('makes the first frame of every second a white flash below the strip, with neutral chroma', () => {
    for (const index of [0, 30, 90]) {
      const frame = render(index);
      const y = frame.subarray(TIMESTAMP_STRIP_HEIGHT_PX * FORMAT.width, FORMAT.width * FORMAT.height);
      expect(y.every((v) => v === LUMA_WHITE)).toBe(true);
      expect(frame.subarray(FORMAT.width * FORMAT.height).every((v) => v === CHROMA_NEUTRAL)).toBe(true);
    }
  });

  it('does not flash on any other frame', () => {
    for (const index of [1, 15, 29, 31]) {
      const y = render(index).subarray(0, FORMAT.width * FORMAT.height);
      const mean = y.reduce((sum, v) => sum + v, 0) / y.length;
      expect(mean).toBeLessThan(180);
    }
  });

  it('writes a timestamp strip that decodes back to the timestamp mod 2^32', () => {
    for (const ms of [0, 1, 2 ** 31, 2 ** 32 - 1, 123_456_789, 2 ** 32 + 77, 1_723_456_789_012]) {
      for (const index of [0, 7]) {
        const frame = render(index, FORMAT, ms);
        expect(decodeTimestampStrip(frame, FORMAT.width, FORMAT.height)).toBe(ms % 2 ** 32);
      }
    }
  });

  it('decodes the strip through blur and noise like an encoder adds', () => {
    const { width, height } = FORMAT;
    const frame = render(5, FORMAT, 0xa5a5_5a5a);
    const blurred = new Uint8Array(width * height);
    let seed = 7;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let d = -4; d <= 4; d++) sum += frame[y * width + Math.min(width - 1, Math.max(0, x + d))] ?? 0;
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        blurred[y * width + x] = Math.max(0, Math.min(255, Math.round(sum / 9 + ((seed % 41) - 20))));
      }
    }
    expect(decodeTimestampStrip(blurred, width, height)).toBe(0xa5a5_5a5a);
  });

  it('finds no strip in a picture without one', () => {
    expect(decodeTimestampStrip(new Uint8Array(640 * 360).fill(128), 640, 360)).toBeNull();
    expect(decodeTimestampStrip(new Uint8Array(16 * 8), 16, 8)).toBeNull();
  });

  it('scrolls the bars one way and the ramp the other', () => {
    const a = render(1);
    const b = render(2);
    const barsShift = cyclicShift(lumaRow(a, 40), lumaRow(b, 40));
    expect(barsShift).toBeGreaterThan(0);
    const rampShift = cyclicShift(lumaRow(a, FORMAT.height - 2), lumaRow(b, FORMAT.height - 2));
    expect(rampShift).toBe(FORMAT.width - (barsShift ?? 0));
  });

  it('changes the clock between frames, and only the clock when the pattern comes round again', () => {
    const { width, height } = FORMAT;
    const first = render(1, FORMAT, 0);
    // Find the next frame with the same pattern position (and not a flash).
    let later: Uint8Array | undefined;
    for (let k = 2; k < 2000 && !later; k++) {
      if (k % FORMAT.fps === 0) continue;
      const candidate = render(k, FORMAT, 0);
      const same = [40, height - 2].every((y) => lumaRow(candidate, y).every((v, x) => v === lumaRow(first, y)[x]));
      if (same) later = candidate;
    }
    expect(later).toBeDefined();
    let changed = 0;
    let top = height;
    let bottom = 0;
    for (let i = 0; i < width * height; i++) {
      if (later?.[i] === first[i]) continue;
      changed++;
      top = Math.min(top, Math.floor(i / width));
      bottom = Math.max(bottom, Math.floor(i / width));
    }
    expect(changed).toBeGreaterThan(100);
    // The clock box sits in the middle of the picture.
    expect(top).toBeGreaterThan(height / 4);
    expect(bottom).toBeLessThan((height * 3) / 4);
  });

  it('renders 1280x720 and rejects odd sizes and short buffers', () => {
    const hd: VideoFormat = { width: 1280, height: 720, fps: 60 };
    expect(decodeTimestampStrip(render(3, hd, 42), 1280, 720)).toBe(42);
    expect(() => renderTestcardFrame({ width: 641, height: 360, fps: 30 }, 1, new Uint8Array(10 ** 6))).toThrow(RangeError);
    expect(() => renderTestcardFrame(FORMAT, 1, new Uint8Array(100))).toThrow(RangeError);
  });
});

describe('renderTestcardAudio', () => {
  function samples(start: number, count: number): Int16Array {
    const bytes = new Uint8Array(count * 4);
    renderTestcardAudio(start, count, bytes);
    return new Int16Array(bytes.buffer);
  }
  const peakDbfs = (pcm: Int16Array, from: number, to: number, channel = 0): number => {
    let peak = 0;
    for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(pcm[2 * i + channel] ?? 0));
    return 20 * Math.log10(peak / 32767);
  };

  it('beeps at -6 dBFS for exactly the first 40 ms of every second and plays the tone at -20 dBFS otherwise', () => {
    const pcm = samples(0, 96_000);
    for (const second of [0, 48_000]) {
      expect(peakDbfs(pcm, second, second + BEEP_DURATION_SAMPLES)).toBeCloseTo(-6, 1);
      expect(peakDbfs(pcm, second + BEEP_DURATION_SAMPLES, second + 48_000)).toBeCloseTo(-20, 1);
      // The last sample before the second is tone-level; the beep's first full quarter cycle (12 samples at 1 kHz) reaches beep level.
      expect(peakDbfs(pcm, second + BEEP_DURATION_SAMPLES - 12, second + BEEP_DURATION_SAMPLES)).toBeCloseTo(-6, 1);
      expect(peakDbfs(pcm, second + BEEP_DURATION_SAMPLES, second + BEEP_DURATION_SAMPLES + 12)).toBeLessThan(-19.9);
    }
  });

  it('writes identical left and right channels', () => {
    const pcm = samples(1000, 2000);
    for (let i = 0; i < 2000; i++) expect(pcm[2 * i]).toBe(pcm[2 * i + 1]);
  });

  it('depends only on the absolute sample index, so chunks join seamlessly', () => {
    const whole = samples(47_000, 2000);
    const parts = [...samples(47_000, 480), ...samples(47_480, 1520)];
    expect(Array.from(whole)).toEqual(parts);
    expect(Array.from(samples(3 * 48_000, 100))).toEqual(Array.from(samples(0, 100)));
  });
});
