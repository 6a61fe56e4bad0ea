import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, Backoff } from '../../../../../main/engine/process/backoff';

describe('Backoff', () => {
  it('starts at 1 s and doubles up to the 30 s cap (no jitter at random = 0.5)', () => {
    const b = new Backoff({ random: () => 0.5 });
    const delays = Array.from({ length: 8 }, () => b.next());
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(b.attempts).toBe(8);
  });

  it('jitters by ±20 % at the extremes of random', () => {
    const low = new Backoff({ random: () => 0 });
    const high = new Backoff({ random: () => 0.999999 });
    expect([low.next(), low.next(), low.next()]).toEqual([800, 1600, 3200]);
    expect([high.next(), high.next(), high.next()]).toEqual([1200, 2400, 4800]);
  });

  it('never goes above the cap, even with maximum jitter; jitter only shortens at the cap', () => {
    const high = new Backoff({ random: () => 0.999999 });
    const low = new Backoff({ random: () => 0 });
    for (let i = 0; i < 10; i++) {
      high.next();
      low.next();
    }
    expect(high.next()).toBe(BACKOFF_MAX_MS);
    expect(low.next()).toBe(BACKOFF_MAX_MS * 0.8);
  });

  it('stays finite and capped after a night of retries', () => {
    const b = new Backoff({ random: () => 0.5 });
    let last = 0;
    for (let i = 0; i < 5000; i++) last = b.next();
    expect(last).toBe(BACKOFF_MAX_MS);
  });

  it('starts over after reset()', () => {
    const b = new Backoff({ random: () => 0.5 });
    b.next();
    b.next();
    b.next();
    b.reset();
    expect(b.attempts).toBe(0);
    expect(b.next()).toBe(1000);
  });

  it('honours custom options', () => {
    const b = new Backoff({ initialMs: 100, factor: 3, maxMs: 1000, jitter: 0, random: () => 0.9 });
    expect([b.next(), b.next(), b.next(), b.next()]).toEqual([100, 300, 900, 1000]);
  });

  it('rejects options that would make no sense', () => {
    expect(() => new Backoff({ initialMs: 0 })).toThrow(RangeError);
    expect(() => new Backoff({ factor: 0.5 })).toThrow(RangeError);
    expect(() => new Backoff({ initialMs: 5000, maxMs: 1000 })).toThrow(RangeError);
    expect(() => new Backoff({ jitter: 1 })).toThrow(RangeError);
  });
});
