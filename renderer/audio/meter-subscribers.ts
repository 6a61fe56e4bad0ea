/**
 * Meter subscribers, each at its own rate, fed from one stream of readings (pure).
 *
 * The worklet measures at the fastest rate anyone asked for; a slower subscriber
 * gets the reading that first reaches its next due time, on the audio clock, so
 * its rate holds on average whatever the message timing. (It then sees that
 * period's peak, not the peak of the periods it skipped; the peak hold, which
 * the worklet keeps per period, still catches them.)
 */

export const DEFAULT_METER_RATE_HZ = 30;
export const MIN_METER_RATE_HZ = 1;
/** Faster than a display refreshes is wasted work on the audio thread. */
export const MAX_METER_RATE_HZ = 100;
/**
 * A reading this much before its due time still counts: the worklet's periods
 * end on render-quantum boundaries (128 frames = 2.7 ms at 48 kHz), so readings
 * wobble around the requested period by up to that much.
 */
export const METER_DUE_TOLERANCE_S = 0.003;

interface Subscriber<T> {
  cb: (reading: T) => void;
  periodS: number;
  dueS: number;
}

export class MeterSubscribers<T> {
  private readonly subscribers = new Set<Subscriber<T>>();

  constructor(
    private readonly onRateChange: (fastestHz: number) => void = () => undefined,
    private readonly toleranceS = METER_DUE_TOLERANCE_S,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** The fastest requested rate, or the default when nobody listens. */
  get fastestHz(): number {
    let fastest = 0;
    for (const s of this.subscribers) fastest = Math.max(fastest, 1 / s.periodS);
    return fastest || DEFAULT_METER_RATE_HZ;
  }

  add(cb: (reading: T) => void, rateHz = DEFAULT_METER_RATE_HZ): () => void {
    const hz = Math.min(MAX_METER_RATE_HZ, Math.max(MIN_METER_RATE_HZ, Number.isFinite(rateHz) ? rateHz : DEFAULT_METER_RATE_HZ));
    const subscriber: Subscriber<T> = { cb, periodS: 1 / hz, dueS: -Infinity };
    this.subscribers.add(subscriber);
    this.onRateChange(this.fastestHz);
    return () => {
      if (this.subscribers.delete(subscriber)) this.onRateChange(this.fastestHz);
    };
  }

  /** One reading taken at audio-clock time `atS`; a throwing subscriber does not stop the others. */
  deliver(reading: T, atS: number): void {
    for (const s of [...this.subscribers]) {
      if (atS < s.dueS - this.toleranceS) continue;
      // Due times advance by whole periods (so the rate holds on average) but never
      // lag the clock: after a stall, one reading, not a burst of catch-up ones.
      const next = s.dueS + s.periodS;
      s.dueS = next < atS ? atS + s.periodS : next;
      try {
        s.cb(reading);
      } catch (err) {
        console.error('audio: a meter listener failed', err);
      }
    }
  }
}
