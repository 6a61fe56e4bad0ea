/**
 * How long a wanted output has been down: the outage going on now, the last one
 * that ended, and the total, so the health can say "down for 12 s" while it lasts
 * and "back after a 7 s outage" afterwards.
 *
 * An outage starts when a live (or starting) output's process ends while the
 * output is still wanted, and ends when a new process delivers media again.
 */
export class OutageClock {
  private downSince: number | null = null;
  private totalMs = 0;
  private lastMs: number | null = null;

  constructor(private readonly nowMs: () => number) {}

  /** The output went down (no-op while already down). */
  down(): void {
    this.downSince ??= this.nowMs();
  }

  /** The output is delivering again; returns the outage's length in ms, or null if it was up. */
  up(): number | null {
    if (this.downSince === null) return null;
    const ms = this.nowMs() - this.downSince;
    this.totalMs += ms;
    this.lastMs = ms;
    this.downSince = null;
    return ms;
  }

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** Length of the outage going on now, ms; null while up. */
  currentMs(): number | null {
    return this.downSince === null ? null : this.nowMs() - this.downSince;
  }

  /** Length of the last outage that ended, ms; null before any. */
  lastOutageMs(): number | null {
    return this.lastMs;
  }

  /** All outages so far, including the one going on, ms. */
  totalDownMs(): number {
    return this.totalMs + (this.currentMs() ?? 0);
  }
}
