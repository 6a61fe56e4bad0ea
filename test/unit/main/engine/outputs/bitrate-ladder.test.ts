import { describe, expect, it } from 'vitest';
import { BitrateLadder, CONGESTED_BACKLOG_S, SETTLE_MS, STEP_DOWN_AFTER_MS, STEP_UP_AFTER_MS, type LadderSample } from '../../../../../main/engine/outputs/bitrate-ladder';

// 2000 kb/s video + 96 kb/s audio: 262 000 bytes of stream per second.
const STREAM = { videoKbps: 2000, audioKbps: 96 };
const BYTES_PER_S = ((STREAM.videoKbps + STREAM.audioKbps) * 1000) / 8;
const TICK_MS = 500;
/** A network far faster than the stream. */
const FAST = 100_000;

/**
 * Drives a ladder with a destination whose network carries `capacityKbps`: at the
 * ladder's current rung its process takes that share of the shared stream per
 * second of wall time, and what it cannot take piles up as backlog, as the
 * fan-out would see it.
 */
function simulate(ladder: BitrateLadder, start = 0) {
  let now = start;
  let sent = 0;
  let consumed = 0;
  let mediaUs = 0;
  let lastReportedUs = 0;
  let lastReportAt = start;
  let dropped = 0;
  ladder.restarted(now);
  const steps: ReturnType<BitrateLadder['observe']>[] = [];
  const stepTimes: number[] = [];
  return {
    steps,
    /** When the last step happened. */
    get lastStepAt() {
      return stepTimes.at(-1) ?? start;
    },
    get now() {
      return now;
    },
    /** Run for ms with the network carrying capacityKbps; a step resets the backlog (new process). */
    run(ms: number, capacityKbps: number, opts: { dropEvery?: number; dipEvery?: number } = {}) {
      for (let t = 0; t < ms; t += TICK_MS) {
        now += TICK_MS;
        sent += (BYTES_PER_S * TICK_MS) / 1000;
        const sendingKbps = (ladder.transcodeVideoKbps ?? STREAM.videoKbps) + STREAM.audioKbps;
        const shareOfStream = Math.min(1, capacityKbps / sendingKbps);
        consumed = Math.min(sent, consumed + (BYTES_PER_S * shareOfStream * TICK_MS) / 1000);
        mediaUs += shareOfStream * TICK_MS * 1000;
        if (opts.dropEvery && t % opts.dropEvery === 0) dropped++;
        // ffmpeg reports its media time once a second.
        if (now % 1000 === 0) {
          lastReportedUs = mediaUs;
          lastReportAt = now;
        }
        // A dip: ffmpeg swallowed its input in one read, so the backlog looks empty for a moment.
        const dip = opts.dipEvery !== undefined && t % opts.dipEvery === 0;
        const sample: LadderSample = { nowMs: now, live: true, backlogBytes: dip ? 0 : sent - consumed, mediaTimeUs: lastReportedUs, mediaTimeAtMs: lastReportAt, droppedFrames: dropped };
        const step = ladder.observe(sample);
        if (step) {
          steps.push(step);
          stepTimes.push(now);
          consumed = sent; // the old process and its backlog are gone
        }
      }
    },
  };
}

describe('BitrateLadder', () => {
  it('copies the shared stream while the network keeps up', () => {
    const ladder = new BitrateLadder(STREAM);
    const sim = simulate(ladder);
    sim.run(60_000, FAST);
    expect(sim.steps).toEqual([]);
    expect(ladder.transcodeVideoKbps).toBeNull();
    expect(ladder.health()).toMatchObject({ mode: 'copy', percent: 100, videoKbps: 2000, reason: null });
  });

  it('steps down to the rung the measured throughput can carry, in one step', () => {
    const ladder = new BitrateLadder(STREAM);
    const sim = simulate(ladder);
    // About 900 kb/s get through: 43% of the stream. 0.85 * 900 - 96 = 669 kb/s of video fits: the 35% rung (700) is the nearest.
    sim.run(30_000, 900);
    expect(sim.steps).toHaveLength(1);
    expect(sim.steps[0]).toMatchObject({ direction: 'down', fromPercent: 100, toPercent: 35 });
    expect(ladder.transcodeVideoKbps).toBe(700);
    const h = ladder.health();
    expect(h).toMatchObject({ mode: 'transcode', percent: 35, videoKbps: 700, stepsDown: 1 });
    expect(h.reason).toMatch(/could not keep up .*about \d+ kb\/s got through.*sending 35% of the video bitrate \(700 kb\/s\)/);
  });

  it("is not fooled by ffmpeg's bursty reads: a backlog that empties for a moment is still congestion", () => {
    const ladder = new BitrateLadder(STREAM);
    const sim = simulate(ladder);
    sim.run(30_000, 900, { dipEvery: 3 * TICK_MS });
    expect(sim.steps).toHaveLength(1);
    expect(sim.steps[0]).toMatchObject({ direction: 'down', toPercent: 35 });
    expect(sim.steps[0]!.reason).toMatch(/about \d+ kb\/s got through/);
  });

  it('waits for congestion to last STEP_DOWN_AFTER_MS after the settle time, not a single burst', () => {
    const ladder = new BitrateLadder(STREAM);
    const sim = simulate(ladder);
    sim.run(SETTLE_MS, FAST);
    // Half the stream gets through: the backlog passes CONGESTED_BACKLOG_S after 2 s.
    const fillMs = (CONGESTED_BACKLOG_S / 0.5) * 1000;
    sim.run(fillMs + STEP_DOWN_AFTER_MS, 2096 / 2);
    expect(sim.steps).toEqual([]);
    sim.run(2 * TICK_MS, 2096 / 2);
    expect(sim.steps).toHaveLength(1);
    expect(sim.steps[0]!.toPercent).toBeLessThan(100);
  });

  it('judges nothing while settling after a (re)start', () => {
    const ladder = new BitrateLadder(STREAM);
    const sim = simulate(ladder);
    sim.run(SETTLE_MS - TICK_MS, 0);
    expect(ladder.percent).toBe(100);
    expect(sim.steps).toEqual([]);
  });

  it('steps down at once when the fan-out drops frames for it', () => {
    const ladder = new BitrateLadder(STREAM);
    const sim = simulate(ladder);
    sim.run(SETTLE_MS, FAST);
    sim.run(TICK_MS, FAST, { dropEvery: TICK_MS });
    expect(sim.steps).toEqual([expect.objectContaining({ direction: 'down', fromPercent: 100, toPercent: 70 })]);
    expect(sim.steps[0]!.reason).toMatch(/frames had to be dropped/);
  });

  it('steps back up one rung at a time once the network stayed clear for the up-hold', () => {
    const ladder = new BitrateLadder(STREAM);
    const sim = simulate(ladder);
    sim.run(20_000, 800);
    expect(ladder.percent).toBe(35);
    // The congestion clears; the up-hold runs from the end of the settle time.
    sim.run(SETTLE_MS + STEP_UP_AFTER_MS - 2 * TICK_MS - (sim.now - sim.lastStepAt), FAST);
    expect(ladder.percent).toBe(35);
    sim.run(3 * TICK_MS, FAST);
    expect(ladder.percent).toBe(50);
    expect(ladder.health().reason).toMatch(/clear for 30 s: trying 50%/);
    sim.run(2 * (SETTLE_MS + STEP_UP_AFTER_MS), FAST);
    expect(ladder.percent).toBe(100);
    expect(ladder.health()).toMatchObject({ mode: 'copy', stepsUp: 3, reason: null });
    expect(sim.steps.at(-1)).toMatchObject({ direction: 'up', toPercent: 100 });
  });

  it('doubles the up-hold after a step up that had to be undone', () => {
    const ladder = new BitrateLadder(STREAM, { percents: [100, 50] });
    const sim = simulate(ladder);
    // 1300 kb/s carries the 50% rung (1096) but not the full stream (2096).
    sim.run(20_000, 1300);
    expect(ladder.percent).toBe(50);
    // Clear at 50%, so it tries 100% after the up-hold, which the network cannot carry.
    sim.run(SETTLE_MS + STEP_UP_AFTER_MS + 2 * TICK_MS - (sim.now - sim.lastStepAt), 1300);
    expect(ladder.percent).toBe(100);
    sim.run(20_000, 1300);
    expect(ladder.percent).toBe(50);
    const downAt = sim.lastStepAt;
    // The next try waits twice as long.
    sim.run(SETTLE_MS + 2 * STEP_UP_AFTER_MS - 2 * TICK_MS - (sim.now - downAt), 1300);
    expect(ladder.percent).toBe(50);
    sim.run(4 * TICK_MS, 1300);
    expect(ladder.percent).toBe(100);
    expect(ladder.health().stepsUp).toBe(2);
  });

  it('says so when even the lowest rung is too much, without restarting again', () => {
    const ladder = new BitrateLadder(STREAM);
    const sim = simulate(ladder);
    sim.run(60_000, 200);
    expect(ladder.percent).toBe(35);
    expect(sim.steps.every((s) => s?.direction === 'down')).toBe(true);
    expect(ladder.health().stepsDown).toBe(sim.steps.length);
    expect(ladder.health().reason).toMatch(/cannot carry even 35%.*frames are being dropped/);
  });

  it('ignores samples while the output is not live', () => {
    const ladder = new BitrateLadder(STREAM, { settleMs: 0 });
    for (let t = 0; t < 20_000; t += TICK_MS) {
      expect(ladder.observe({ nowMs: t, live: false, backlogBytes: t * 1000, mediaTimeUs: 0, mediaTimeAtMs: 0, droppedFrames: t })).toBeNull();
    }
    expect(ladder.percent).toBe(100);
  });
});
