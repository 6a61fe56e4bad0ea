/**
 * The compositor's constant-frame-rate schedule. Frame slot n has the timestamp
 * originUs + round(n · 1e6 / fps) on the studio clock (epoch µs). Each time the
 * worker's timer fires it asks which slots are due: normally exactly one, which it
 * renders. When the timer or a render was late, several are due: every slot but the
 * newest repeats the last picture (counted), the newest gets a fresh render; no
 * timestamp is skipped, so the engine sees constant frame rate.
 *
 * The one exception is a stall longer than `maxCatchUpFrames` (the machine slept,
 * the worker was frozen): replaying seconds of repeats in a burst would only flood
 * the engine, so the schedule jumps ahead and reports the slots it skipped; the
 * engine's pacer fills such a gap the way it fills any producer gap.
 */
export interface DueSlots {
  /** Slots to send again with the last picture, oldest first. */
  repeats: number[];
  /** The slot to render now, or null when nothing is due yet. */
  fresh: number | null;
  /** Slots jumped over after a stall (normally 0). */
  skipped: number;
}

export class CfrSchedule {
  private next = 0;

  constructor(
    readonly fps: number,
    readonly originUs: number,
    private readonly maxCatchUpFrames: number,
  ) {
    if (!(fps > 0)) throw new RangeError(`fps must be positive, got ${fps}`);
    if (!(maxCatchUpFrames >= 1)) throw new RangeError('maxCatchUpFrames must be at least 1');
  }

  slotTimeUs(slot: number): number {
    return this.originUs + Math.round((slot * 1_000_000) / this.fps);
  }

  /** The next slot that has not been handed out. */
  get nextSlot(): number {
    return this.next;
  }

  due(nowUs: number): DueSlots {
    // The newest slot whose time has come (rounded timestamps make the estimate off by one at most).
    let newest = Math.floor(((nowUs - this.originUs) * this.fps) / 1_000_000);
    if (this.slotTimeUs(newest + 1) <= nowUs) newest += 1;
    else if (this.slotTimeUs(newest) > nowUs) newest -= 1;
    if (newest < this.next) return { repeats: [], fresh: null, skipped: 0 };
    let first = this.next;
    let skipped = 0;
    if (newest - first + 1 > this.maxCatchUpFrames) {
      skipped = newest - first + 1 - this.maxCatchUpFrames;
      first += skipped;
    }
    const repeats: number[] = [];
    for (let slot = first; slot < newest; slot++) repeats.push(slot);
    this.next = newest + 1;
    return { repeats, fresh: newest, skipped };
  }

  /** Milliseconds from `nowUs` until the next slot is due (0 when it already is). */
  msUntilNext(nowUs: number): number {
    return Math.max(0, Math.ceil((this.slotTimeUs(this.next) - nowUs) / 1000));
  }
}
