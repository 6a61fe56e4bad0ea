import { describe, expect, it } from 'vitest';
import { DEFAULT_METER_RATE_HZ, MAX_METER_RATE_HZ, MeterSubscribers } from '../../../../renderer/audio/meter-subscribers';

/** Readings every `periodS` for `seconds`, with the worklet's quantum wobble (periods of 12 or 13 quanta). */
function run(subs: MeterSubscribers<number>, seconds: number, periodFrames = 1600): void {
  let frame = 0;
  let carry = 0;
  while (frame < seconds * 48_000) {
    // Periods end on 128-frame boundaries, carrying the remainder, as the worklet does.
    let n = 0;
    while (carry + n * 128 < periodFrames) n++;
    carry = carry + n * 128 - periodFrames;
    frame += n * 128;
    subs.deliver(frame, frame / 48_000);
  }
}

describe('MeterSubscribers', () => {
  it('asks the worklet for the fastest rate anyone wants, and the default when nobody listens', () => {
    const rates: number[] = [];
    const subs = new MeterSubscribers<number>((hz) => rates.push(hz));
    const off20 = subs.add(() => undefined, 20);
    const off60 = subs.add(() => undefined, 60);
    off60();
    off20();
    expect(rates).toEqual([20, 60, 20, DEFAULT_METER_RATE_HZ]);
  });

  it('clamps silly rates', () => {
    const subs = new MeterSubscribers<number>();
    subs.add(() => undefined, 10_000);
    expect(subs.fastestHz).toBe(MAX_METER_RATE_HZ);
  });

  it('delivers at each subscriber\'s own rate on average, from readings at the fastest rate', () => {
    const subs = new MeterSubscribers<number>();
    let fast = 0;
    let slow = 0;
    subs.add(() => fast++, 30);
    subs.add(() => slow++, 25);
    run(subs, 10);
    expect(fast).toBeGreaterThanOrEqual(299);
    expect(fast).toBeLessThanOrEqual(301);
    expect(slow).toBeGreaterThan(240);
    expect(slow).toBeLessThan(262);
  });

  it('delivers one reading after a stall, not a burst', () => {
    const subs = new MeterSubscribers<number>();
    const at: number[] = [];
    subs.add((t) => at.push(t), 30);
    subs.deliver(0, 0);
    subs.deliver(5, 5);
    subs.deliver(5.01, 5.01);
    subs.deliver(5.034, 5.034);
    expect(at).toEqual([0, 5, 5.034]);
  });

  it('keeps delivering to the others when one listener throws', () => {
    const subs = new MeterSubscribers<number>();
    let got = 0;
    subs.add(() => {
      throw new Error('boom');
    });
    subs.add(() => got++);
    const error = console.error;
    console.error = () => undefined;
    try {
      subs.deliver(1, 0);
    } finally {
      console.error = error;
    }
    expect(got).toBe(1);
  });
});
