/**
 * Maps the audio clock (AudioContext time, seconds) onto the studio clock
 * (epoch µs: performance.timeOrigin + performance.now(), the clock video frames
 * are stamped with and the engine paces by; renderer/compositor/shared/studio-clock.ts).
 *
 * The mapping. ctx.getOutputTimestamp() pairs a context time with the
 * performance time at which that sample reaches the output device. Subtracting
 * the latency the context reports between rendering a sample and playing it
 * (baseLatency + outputLatency) gives the performance time at which the graph
 * *rendered* it: for a live input that is when the sample arrived, so a sample
 * and a camera frame captured together get (nearly) the same stamp. Stamping with
 * the output time instead would make audio ~40 ms late on a typical machine,
 * more than a frame at 30 fps (measured in Chromium 156: currentTime runs 41 ms
 * ahead of the output timestamp; baseLatency + outputLatency = 40 ms).
 *
 * Its error. (1) Observation noise: each getOutputTimestamp() reading scatters
 * by about ±0.2 ms; an exponential average over readings (CLOCK_SMOOTHING)
 * leaves well under 0.1 ms. (2) Drift between the audio device's clock and the
 * performance clock (tens of ppm) is followed by the same average. (3) Not
 * corrected: the input side (device -> graph, MediaStreamTrack settings.latency,
 * ~10 ms for Chromium's fake microphone) and any latency the browser under-reports.
 * A jump beyond CLOCK_RESYNC_MS (output device change, an underrun) re-anchors
 * at once instead of drifting over.
 */

/** Weight of each new reading in the running offset (readings arrive ~100 times a second). */
export const CLOCK_SMOOTHING = 0.05;
/** A reading this far from the running offset is a real change: adopt it at once. */
export const CLOCK_RESYNC_MS = 15;

const US_PER_MS = 1000;
const MS_PER_S = 1000;

/** AudioTimestamp from the DOM: both fields are optional and 0 before the output starts. */
export interface OutputTimestamp {
  contextTime?: number;
  performanceTime?: number;
}

export class ContextClock {
  /** Performance ms at which context time 0 was rendered; null until the first reading. */
  private offsetMs: number | null = null;
  /** Whether offsetMs comes from a real reading (not only from seed()). */
  private hasReading = false;
  private resyncCount = 0;

  /** @param timeOriginMs performance.timeOrigin of the page whose performance.now() the readings use. */
  constructor(
    private readonly timeOriginMs: number,
    private readonly smoothing = CLOCK_SMOOTHING,
    private readonly resyncMs = CLOCK_RESYNC_MS,
  ) {}

  get ready(): boolean {
    return this.offsetMs !== null;
  }

  /** Whether a real getOutputTimestamp() reading has been taken (not only a seed). */
  get observed(): boolean {
    return this.hasReading;
  }

  /** Times the offset jumped (first reading excluded). */
  get resyncs(): number {
    return this.resyncCount;
  }

  /**
   * One getOutputTimestamp() reading and the output latency at that moment
   * (baseLatency + outputLatency, seconds). Readings from before the output
   * started (zeros) are ignored; returns whether it was used.
   */
  observe(ts: OutputTimestamp, latencyS: number): boolean {
    const { contextTime, performanceTime } = ts;
    if (!contextTime || !performanceTime || !Number.isFinite(latencyS)) return false;
    this.take(performanceTime - contextTime * MS_PER_S - latencyS * MS_PER_S);
    return true;
  }

  /**
   * A rough mapping before the output runs: currentTime is the graph's render
   * position, so pairing it with performance.now() needs no latency correction
   * (its error: up to one audio callback, ~10 ms). Each call replaces the last;
   * ignored once a real reading was taken.
   */
  seed(currentTimeS: number, nowMs: number): void {
    if (!this.hasReading) this.offsetMs = nowMs - currentTimeS * MS_PER_S;
  }

  /** Studio-clock µs at which the sample at context time `contextTimeS` was rendered. */
  toStudioUs(contextTimeS: number): number {
    return (this.timeOriginMs + this.requireOffset() + contextTimeS * MS_PER_S) * US_PER_MS;
  }

  /** The inverse: the context time that will be rendered at studio time `studioUs` (to schedule a sound). */
  toContextTime(studioUs: number): number {
    return (studioUs / US_PER_MS - this.timeOriginMs - this.requireOffset()) / MS_PER_S;
  }

  private take(measuredMs: number): void {
    if (this.offsetMs === null || !this.hasReading) {
      this.offsetMs = measuredMs;
      this.hasReading = true;
    } else if (Math.abs(measuredMs - this.offsetMs) > this.resyncMs) {
      this.offsetMs = measuredMs;
      this.resyncCount++;
    } else {
      this.offsetMs += this.smoothing * (measuredMs - this.offsetMs);
    }
  }

  private requireOffset(): number {
    if (this.offsetMs === null) throw new Error('the audio clock has no reading yet: call seed() or observe() first');
    return this.offsetMs;
  }
}
