import { describe, expect, it } from 'vitest';
import { CfrSchedule } from '../../../../renderer/compositor/shared/cfr-schedule';

const ORIGIN_US = 1_700_000_000_000_000;
const at = (ms: number) => ORIGIN_US + ms * 1000;

describe('CfrSchedule', () => {
  it('gives slot timestamps at exactly 1/fps steps from the origin', () => {
    const s = new CfrSchedule(30, ORIGIN_US, 30);
    expect(s.slotTimeUs(0)).toBe(ORIGIN_US);
    expect(s.slotTimeUs(1)).toBe(ORIGIN_US + 33_333);
    expect(s.slotTimeUs(3)).toBe(ORIGIN_US + 100_000);
    expect(s.slotTimeUs(30)).toBe(ORIGIN_US + 1_000_000);
  });

  it('hands out one fresh slot per on-time tick', () => {
    const s = new CfrSchedule(30, ORIGIN_US, 30);
    expect(s.due(at(0))).toEqual({ repeats: [], fresh: 0, skipped: 0 });
    expect(s.due(at(10))).toEqual({ repeats: [], fresh: null, skipped: 0 });
    expect(s.due(at(34))).toEqual({ repeats: [], fresh: 1, skipped: 0 });
    expect(s.msUntilNext(at(34))).toBe(33); // slot 2 at 66.667 ms
  });

  it('repeats the slots a late tick missed and renders the newest: no timestamp is skipped', () => {
    const s = new CfrSchedule(30, ORIGIN_US, 30);
    s.due(at(0));
    // 100 ms late: slots 1 and 2 get the last picture, 3 (at 100 ms) is fresh.
    expect(s.due(at(100))).toEqual({ repeats: [1, 2], fresh: 3, skipped: 0 });
    expect(s.due(at(134))).toEqual({ repeats: [], fresh: 4, skipped: 0 });
  });

  it('covers every slot exactly once over a run of random lateness', () => {
    const s = new CfrSchedule(60, ORIGIN_US, 60);
    const seen: number[] = [];
    let nowMs = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    while (nowMs < 5000) {
      const due = s.due(at(nowMs));
      seen.push(...due.repeats);
      if (due.fresh !== null) seen.push(due.fresh);
      expect(due.skipped).toBe(0);
      nowMs += s.msUntilNext(at(nowMs)) + random() * 40; // up to 40 ms late, over two frames at 60 fps
    }
    expect(seen).toEqual(seen.map((_, i) => i));
  });

  it('jumps ahead after a stall longer than the catch-up limit, and says how far', () => {
    const s = new CfrSchedule(30, ORIGIN_US, 30);
    s.due(at(0));
    // 10 s frozen: 300 slots due; at most 30 are sent (29 repeats + 1 fresh), 270 skipped.
    const due = s.due(at(10_000));
    expect(due.skipped).toBe(270);
    expect(due.repeats).toHaveLength(29);
    expect(due.fresh).toBe(300);
    expect(due.repeats[0]).toBe(271);
  });

  it('refuses a non-positive rate', () => {
    expect(() => new CfrSchedule(0, ORIGIN_US, 1)).toThrow(RangeError);
  });
});
