import { describe, expect, it } from 'vitest';
import { LevelAccumulator, METER_FLOOR_DB, PEAK_FALL_DB_PER_S, PEAK_HOLD_S, PeakHold, dbToGain, gainToDb, toMeterDb } from '../../../../renderer/audio/levels';

/** `seconds` of a sine at `amplitude` (0..1), 48 kHz. */
function sine(amplitude: number, seconds = 0.1, hz = 1000, rate = 48_000): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

describe('dB and gain', () => {
  it.each([
    [0, 1],
    [-6, 0.501187],
    [6, 1.995262],
    [-20, 0.1],
    [20, 10],
    [-60, 0.001],
  ])('%d dB is a gain of %f', (db, gain) => {
    expect(dbToGain(db)).toBeCloseTo(gain, 5);
    expect(gainToDb(gain)).toBeCloseTo(db, 4);
  });

  it('round-trips across the fader range', () => {
    for (let db = -60; db <= 20; db += 0.5) expect(gainToDb(dbToGain(db))).toBeCloseTo(db, 9);
  });

  it('a gain of zero is -Infinity dB, which a meter shows as its floor', () => {
    expect(gainToDb(0)).toBe(-Infinity);
    expect(toMeterDb(-Infinity)).toBe(METER_FLOOR_DB);
    expect(toMeterDb(Number.NaN)).toBe(METER_FLOOR_DB);
    expect(toMeterDb(-3)).toBe(-3);
  });
});

describe('LevelAccumulator', () => {
  it('measures a full-scale sine: peak 0 dBFS, RMS -3.01 dBFS', () => {
    const acc = new LevelAccumulator();
    acc.add(sine(1));
    const { peakDb, rmsDb } = acc.take();
    expect(peakDb).toBeCloseTo(0, 3);
    expect(rmsDb).toBeCloseTo(-3.0103, 2);
  });

  it('measures a half-scale sine 6.02 dB lower, on both readings', () => {
    const acc = new LevelAccumulator();
    acc.add(sine(0.5));
    const { peakDb, rmsDb } = acc.take();
    expect(peakDb).toBeCloseTo(-6.0206, 3);
    expect(rmsDb).toBeCloseTo(-9.0309, 2);
  });

  it('takes the peak of either sign and the RMS over every block and channel', () => {
    const acc = new LevelAccumulator();
    acc.add(Float32Array.from([0.25, -0.5]));
    acc.add(Float32Array.from([0, 0]));
    const { peakDb, rmsDb } = acc.take();
    expect(peakDb).toBeCloseTo(gainToDb(0.5), 6);
    expect(rmsDb).toBeCloseTo(gainToDb(Math.sqrt((0.0625 + 0.25) / 4)), 6);
  });

  it('counts silent inputs into the RMS and reads silence as the floor', () => {
    const acc = new LevelAccumulator();
    acc.add(Float32Array.from([1, 1]));
    acc.addSilence(2);
    expect(acc.take().rmsDb).toBeCloseTo(gainToDb(Math.sqrt(0.5)), 6);
    acc.addSilence(128);
    expect(acc.take()).toEqual({ peakDb: METER_FLOOR_DB, rmsDb: METER_FLOOR_DB });
  });

  it('starts a new period after take()', () => {
    const acc = new LevelAccumulator();
    acc.add(sine(1));
    acc.take();
    acc.add(sine(0.1));
    expect(acc.take().peakDb).toBeCloseTo(-20, 2);
  });
});

describe('PeakHold', () => {
  it('jumps to a higher peak at once', () => {
    const hold = new PeakHold();
    expect(hold.update(-30, 0)).toBe(-30);
    expect(hold.update(-10, 0.03)).toBe(-10);
  });

  it(`holds for ${PEAK_HOLD_S} s, then falls at ${PEAK_FALL_DB_PER_S} dB/s until it meets the signal`, () => {
    const hold = new PeakHold();
    hold.update(-6, 0);
    expect(hold.update(-60, PEAK_HOLD_S - 0.01)).toBe(-6);
    expect(hold.update(-60, PEAK_HOLD_S + 0.5)).toBeCloseTo(-6 - PEAK_FALL_DB_PER_S * 0.5, 6);
    expect(hold.update(-60, PEAK_HOLD_S + 1)).toBeCloseTo(-6 - PEAK_FALL_DB_PER_S * 1, 6);
    // 54 dB of fall takes 2.7 s; after that it rests on the signal.
    expect(hold.update(-60, PEAK_HOLD_S + 5)).toBe(-60);
  });

  it('falls by the same amount whether updated often or rarely', () => {
    const often = new PeakHold();
    const rarely = new PeakHold();
    often.update(0, 0);
    rarely.update(0, 0);
    for (let t = 0.033; t < 2.5; t += 0.033) often.update(METER_FLOOR_DB, t);
    expect(often.update(METER_FLOOR_DB, 2.5)).toBeCloseTo(rarely.update(METER_FLOOR_DB, 2.5), 6);
  });

  it('never falls below the floor, and reset() forgets the peak', () => {
    const hold = new PeakHold();
    hold.update(0, 0);
    expect(hold.update(-Infinity, 100)).toBe(METER_FLOOR_DB);
    hold.update(-1, 101);
    hold.reset();
    expect(hold.update(-50, 101.1)).toBe(-50);
  });
});
