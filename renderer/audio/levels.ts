/**
 * Level arithmetic shared by the mixer (main thread) and its worklet: dB <-> gain,
 * peak and RMS of sample blocks, and the meters' peak hold. Pure, no Web Audio, so
 * it runs (and is tested) anywhere.
 *
 * Levels are in dBFS: 0 dB is a full-scale sample (1.0 in Web Audio's float
 * range). Floats may exceed 1.0 before the PCM conversion clips them, so a meter
 * can read above 0. Silence is -Infinity mathematically; meters report
 * METER_FLOOR_DB instead so they stay plain finite numbers (JSON, CSS widths).
 */

/** What a meter shows for silence (and for anything quieter). */
export const METER_FLOOR_DB = -100;
/** A peak stays on the hold marker this long before it starts to fall. */
export const PEAK_HOLD_S = 1.5;
/** How fast the hold marker falls once the hold time is over. */
export const PEAK_FALL_DB_PER_S = 20;

/** Linear gain for a level change in dB: 10^(dB/20). */
export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

/** Level change in dB for a linear gain; 0 (and below) is -Infinity. */
export function gainToDb(gain: number): number {
  return gain > 0 ? 20 * Math.log10(gain) : -Infinity;
}

/** A level in dB held to the meter floor (so silence is METER_FLOOR_DB, not -Infinity). */
export function toMeterDb(db: number): number {
  return Number.isNaN(db) || db < METER_FLOOR_DB ? METER_FLOOR_DB : db;
}

/**
 * Running peak and mean square over any number of blocks and channels, so the
 * worklet can measure a meter period (several 128-frame render quanta) without
 * keeping the samples. RMS is over every sample of every channel: a mono source
 * upmixed to stereo reads the same as the mono signal.
 */
export class LevelAccumulator {
  private peak = 0;
  private sumSquares = 0;
  private samples = 0;

  /** Adds one block of one channel. */
  add(block: Float32Array): void {
    let peak = this.peak;
    let sum = 0;
    for (let i = 0; i < block.length; i++) {
      const x = block[i]!;
      const a = x < 0 ? -x : x;
      if (a > peak) peak = a;
      sum += x * x;
    }
    this.peak = peak;
    this.sumSquares += sum;
    this.samples += block.length;
  }

  /** Counts `count` samples of silence (an input with nothing connected). */
  addSilence(count: number): void {
    this.samples += count;
  }

  /** The period's levels in dBFS (meter floor for silence), then starts a new period. */
  take(): { peakDb: number; rmsDb: number } {
    const rms = this.samples > 0 ? Math.sqrt(this.sumSquares / this.samples) : 0;
    const levels = { peakDb: toMeterDb(gainToDb(this.peak)), rmsDb: toMeterDb(gainToDb(rms)) };
    this.peak = 0;
    this.sumSquares = 0;
    this.samples = 0;
    return levels;
  }
}

/**
 * The peak-hold marker: jumps up to any higher peak at once, stays there for
 * holdS, then falls at fallDbPerS until it meets the current peak. Times are in
 * seconds on any monotonic clock (the worklet uses the audio clock, so the hold
 * is exact whatever the message timing).
 */
export class PeakHold {
  private heldDb = METER_FLOOR_DB;
  private heldAtS = -Infinity;
  private lastS = -Infinity;

  constructor(
    private readonly holdS = PEAK_HOLD_S,
    private readonly fallDbPerS = PEAK_FALL_DB_PER_S,
  ) {}

  update(peakDb: number, nowS: number): number {
    if (peakDb >= this.heldDb) {
      this.heldDb = peakDb;
      this.heldAtS = nowS;
    } else if (nowS - this.heldAtS > this.holdS) {
      // Fall only for the part of this step that lies past the hold time.
      const fallingS = nowS - Math.max(this.lastS, this.heldAtS + this.holdS);
      this.heldDb = Math.max(peakDb, this.heldDb - this.fallDbPerS * fallingS, METER_FLOOR_DB);
    }
    this.lastS = nowS;
    return this.heldDb;
  }

  reset(): void {
    this.heldDb = METER_FLOOR_DB;
    this.heldAtS = -Infinity;
    this.lastS = -Infinity;
  }
}
