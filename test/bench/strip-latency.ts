/**
 * Glass-to-glass arithmetic (pure): the producer writes the studio clock's
 * milliseconds (mod 2^32) into every picture as the test card's timestamp strip;
 * the reader notes when it decoded that picture on the same clock. Both ends run
 * on this machine and read the studio clock (µs since the Unix epoch: the
 * performance clock anchored at its time origin, main/engine/pacer/pacer-types.ts
 * defaultClockUs in Node, renderer/compositor/shared/studio-clock.ts in
 * Chromium), so latency = arrival - strip, taken mod 2^32 ms (the strip wraps
 * every 49.7 days). The strip holds whole milliseconds (floored), so a latency
 * reads up to 1 ms high.
 */
import { decodeTimestampStrip, TIMESTAMP_STRIP_HEIGHT_PX } from '../../main/engine/sources/testcard';

const STRIP_MODULUS = 2 ** 32;

/** arrival - strip in ms; negative when the strip is from the future (a clock problem, kept visible). */
export function stripLatencyMs(arrivalUs: number, stripMs: number): number {
  const arrivalMs = arrivalUs / 1000;
  const diff = (((arrivalMs - stripMs) % STRIP_MODULUS) + STRIP_MODULUS) % STRIP_MODULUS;
  return diff >= STRIP_MODULUS / 2 ? diff - STRIP_MODULUS : diff;
}

/** The strip's value from an I420 crop of the picture's top rows (width x TIMESTAMP_STRIP_HEIGHT_PX), or null. */
export function stripFromCrop(i420: Uint8Array, width: number): number | null {
  return decodeTimestampStrip(i420.subarray(0, width * TIMESTAMP_STRIP_HEIGHT_PX), width, TIMESTAMP_STRIP_HEIGHT_PX);
}

export interface LatencyTally {
  latenciesMs: number[];
  /** Frames whose strip could not be read (a scene without the strip, a damaged picture). */
  unreadable: number;
  /** Frames dropped because they arrived while the reader was still catching up after its start. */
  settling: number;
}

export function emptyTally(): LatencyTally {
  return { latenciesMs: [], unreadable: 0, settling: 0 };
}
