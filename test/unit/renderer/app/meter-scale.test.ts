import { describe, expect, it } from 'vitest';
import { METER_FLOOR_DB } from '../../../../renderer/audio/levels';
import { meterPercent, meterText, meterValue } from '../../../../renderer/app/meter-scale';

describe('meter scale', () => {
  it.each([
    [METER_FLOOR_DB, 0, 'silent', -60],
    [-60, 0, 'silent', -60],
    [-30, 50, '-30 dB', -30],
    [-6.4, 89.33, '-6 dB', -6],
    [0, 100, '0 dB', 0],
    [3, 100, '3 dB', 0],
  ])('%d dB sits at %d %% and reads %s (value %d)', (db, pct, text, value) => {
    expect(meterPercent(db)).toBeCloseTo(pct, 1);
    expect(meterText(db)).toBe(text);
    expect(meterValue(db)).toBe(value);
  });

  it('treats -Infinity and NaN as silence', () => {
    expect(meterPercent(-Infinity)).toBe(0);
    expect(meterText(Number.NaN)).toBe('silent');
    expect(meterValue(-Infinity)).toBe(-60);
  });
});
