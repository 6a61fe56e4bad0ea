import { describe, expect, it } from 'vitest';
import { renderTestcardFrame, TIMESTAMP_STRIP_HEIGHT_PX } from '../../../main/engine/sources/testcard';
import { stripFromCrop, stripLatencyMs } from '../../bench/strip-latency';

const FORMAT = { width: 320, height: 180, fps: 30 };

/** The top strip rows of a rendered card frame, as the reader crops them (I420). */
function stripCrop(timestampMs: number): Uint8Array {
  const frame = new Uint8Array(FORMAT.width * FORMAT.height * 1.5);
  renderTestcardFrame(FORMAT, 7, frame, timestampMs);
  const crop = new Uint8Array(FORMAT.width * TIMESTAMP_STRIP_HEIGHT_PX * 1.5);
  crop.set(frame.subarray(0, FORMAT.width * TIMESTAMP_STRIP_HEIGHT_PX));
  return crop;
}

describe('stripLatencyMs', () => {
  it('subtracts the strip from the arrival on the epoch clock, whatever the wrap of the 32-bit strip', () => {
    const captureMs = 1_764_000_000_123; // an epoch time in 2025: far beyond 2^32
    const strip = captureMs % 2 ** 32;
    expect(stripLatencyMs((captureMs + 240) * 1000, strip)).toBe(240);
    expect(stripLatencyMs((captureMs + 0.5) * 1000, strip)).toBeCloseTo(0.5, 6);
  });

  it('stays right across the strip wrapping to 0', () => {
    const captureMs = 5 * 2 ** 32 - 100; // strip 2^32 - 100, arrival after the wrap
    expect(stripLatencyMs((captureMs + 300) * 1000, captureMs % 2 ** 32)).toBe(300);
  });

  it('goes negative when the strip is ahead of the reader (a clock problem, not hidden)', () => {
    const captureMs = 1_764_000_000_000;
    expect(stripLatencyMs((captureMs - 40) * 1000, captureMs % 2 ** 32)).toBe(-40);
  });
});

describe('stripFromCrop', () => {
  it('reads the test card strip from the cropped top rows', () => {
    const ms = 1_764_000_000_123 % 2 ** 32;
    expect(stripFromCrop(stripCrop(ms), FORMAT.width)).toBe(ms);
  });

  it('says null for a crop with no strip (a flat grey picture)', () => {
    const crop = new Uint8Array(FORMAT.width * TIMESTAMP_STRIP_HEIGHT_PX * 1.5).fill(128);
    expect(stripFromCrop(crop, FORMAT.width)).toBeNull();
  });
});
