/**
 * Bytes per second over a sliding window (pure; the clock is injected so tests
 * can drive it).
 */

/** Long enough to smooth a keyframe burst, short enough to show a stall within a second. */
export const RATE_WINDOW_MS = 1000;

export class RateMeter {
  private readonly entries: Array<{ atMs: number; bytes: number }> = [];
  private total = 0;

  constructor(
    private readonly nowMs: () => number = () => performance.now(),
    private readonly windowMs = RATE_WINDOW_MS,
  ) {}

  add(bytes: number): void {
    this.entries.push({ atMs: this.nowMs(), bytes });
    this.total += bytes;
    this.evict();
  }

  perSecond(): number {
    this.evict();
    return (this.total * 1000) / this.windowMs;
  }

  reset(): void {
    this.entries.length = 0;
    this.total = 0;
  }

  private evict(): void {
    const oldest = this.nowMs() - this.windowMs;
    while (this.entries.length > 0 && this.entries[0]!.atMs <= oldest) this.total -= this.entries.shift()!.bytes;
  }
}
