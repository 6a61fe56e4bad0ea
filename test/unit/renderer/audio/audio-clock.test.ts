import { describe, expect, it } from 'vitest';
import { CLOCK_RESYNC_MS, ContextClock } from '../../../../renderer/audio/audio-clock';

const TIME_ORIGIN_MS = 1_700_000_000_000;
/** baseLatency + outputLatency as Chromium reports them on this machine. */
const LATENCY_S = 0.04;

/** A reading as getOutputTimestamp() gives it: context time t was played at `playedAtMs`. */
function reading(contextTime: number, playedAtMs: number) {
  return { contextTime, performanceTime: playedAtMs };
}

describe('ContextClock', () => {
  it('stamps a sample with when the graph rendered it: output time minus the output latency', () => {
    const clock = new ContextClock(TIME_ORIGIN_MS);
    // Context time 2 s reached the speakers at performance time 5040 ms.
    expect(clock.observe(reading(2, 5040), LATENCY_S)).toBe(true);
    expect(clock.toStudioUs(2)).toBeCloseTo((TIME_ORIGIN_MS + 5000) * 1000, 0);
    // 480 frames later is exactly 10 ms later.
    expect(clock.toStudioUs(2 + 480 / 48_000) - clock.toStudioUs(2)).toBeCloseTo(10_000, 3);
  });

  it('inverts: the context time for a studio time maps back to it', () => {
    const clock = new ContextClock(TIME_ORIGIN_MS);
    clock.observe(reading(3.5, 7123.4), LATENCY_S);
    const us = (TIME_ORIGIN_MS + 8000) * 1000;
    expect(clock.toStudioUs(clock.toContextTime(us))).toBeCloseTo(us, 3);
  });

  it('ignores readings from before the output started (zeros)', () => {
    const clock = new ContextClock(TIME_ORIGIN_MS);
    expect(clock.observe({ contextTime: 0, performanceTime: 0 }, LATENCY_S)).toBe(false);
    expect(clock.observe({}, LATENCY_S)).toBe(false);
    expect(clock.ready).toBe(false);
    expect(() => clock.toStudioUs(1)).toThrow(/no reading/);
  });

  it('starts from seed() (render position vs now) and lets the first real reading replace it', () => {
    const clock = new ContextClock(TIME_ORIGIN_MS);
    clock.seed(0, 900);
    clock.seed(0.5, 1500); // a later seed replaces the earlier one
    expect(clock.toStudioUs(0.5)).toBeCloseTo((TIME_ORIGIN_MS + 1500) * 1000, 0);
    expect(clock.observed).toBe(false);
    clock.observe(reading(1, 2060), LATENCY_S); // 20 ms from the seed: replaced, not averaged, not a resync
    expect(clock.observed).toBe(true);
    expect(clock.toStudioUs(1)).toBeCloseTo((TIME_ORIGIN_MS + 2020) * 1000, 0);
    expect(clock.resyncs).toBe(0);
    clock.seed(5, 0); // ignored once there is a reading
    expect(clock.toStudioUs(1)).toBeCloseTo((TIME_ORIGIN_MS + 2020) * 1000, 0);
  });

  it('averages out reading noise: ±0.2 ms scatter leaves the stamps within 0.1 ms', () => {
    const clock = new ContextClock(TIME_ORIGIN_MS);
    let worstUs = 0;
    for (let n = 0; n < 500; n++) {
      const t = n * 0.01;
      const noiseMs = 0.2 * Math.sin(n * 12.9898); // deterministic scatter in ±0.2 ms
      clock.observe(reading(t, 1000 + t * 1000 + 40 + noiseMs), LATENCY_S);
      if (n > 100) worstUs = Math.max(worstUs, Math.abs(clock.toStudioUs(t) - (TIME_ORIGIN_MS + 1000 + t * 1000) * 1000));
    }
    expect(worstUs).toBeLessThan(100);
  });

  it('follows a slow drift between the audio and performance clocks', () => {
    const clock = new ContextClock(TIME_ORIGIN_MS);
    const DRIFT = 50e-6; // 50 ppm
    let t = 0;
    for (let n = 0; n < 6000; n++, t += 0.01) clock.observe(reading(t, 1000 + t * 1000 * (1 + DRIFT) + 40), LATENCY_S);
    const truth = (TIME_ORIGIN_MS + 1000 + t * 1000 * (1 + DRIFT)) * 1000;
    expect(Math.abs(clock.toStudioUs(t) - truth)).toBeLessThan(200); // after 60 s the drift is 3 ms; the lag behind it stays small
  });

  it(`re-anchors at once on a jump beyond ${CLOCK_RESYNC_MS} ms (an output device change)`, () => {
    const clock = new ContextClock(TIME_ORIGIN_MS);
    clock.observe(reading(1, 2040), LATENCY_S);
    clock.observe(reading(1.01, 2050 + 100), LATENCY_S);
    expect(clock.resyncs).toBe(1);
    expect(clock.toStudioUs(1.01)).toBeCloseTo((TIME_ORIGIN_MS + 2110) * 1000, 0);
  });
});
