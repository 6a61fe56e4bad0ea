import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, RateMeter } from '../../../../renderer/delivery/rate-meter';

describe('RateMeter', () => {
  it(`reports the bytes of the last ${RATE_WINDOW_MS} ms per second`, () => {
    let now = 0;
    const meter = new RateMeter(() => now);
    meter.add(1000);
    now = 500;
    meter.add(3000);
    expect(meter.perSecond()).toBe(4000);
    now = 1000; // the first entry leaves the window
    expect(meter.perSecond()).toBe(3000);
    now = 2000;
    expect(meter.perSecond()).toBe(0);
  });

  it('scales to a per-second figure for other windows, and reset() empties it', () => {
    let now = 0;
    const meter = new RateMeter(() => now, 250);
    meter.add(100);
    expect(meter.perSecond()).toBe(400);
    meter.reset();
    expect(meter.perSecond()).toBe(0);
  });
});
