import { describe, expect, it } from 'vitest';
import { splitAccessUnits } from '../../bench/h264-clip';

const AUD = [0, 0, 0, 1, 0x09, 0xf0];
const SPS = [0, 0, 0, 1, 0x67, 1, 2, 3];
const PPS = [0, 0, 0, 1, 0x68, 4];
const IDR = [0, 0, 1, 0x65, 9, 9, 9];
const P = [0, 0, 1, 0x41, 7, 7];

describe('splitAccessUnits', () => {
  it('starts a unit at every access unit delimiter and marks the ones with an IDR slice', () => {
    const stream = new Uint8Array([...AUD, ...SPS, ...PPS, ...IDR, ...AUD, ...P, ...AUD, ...P]);
    const units = splitAccessUnits(stream);
    const first = AUD.length + SPS.length + PPS.length + IDR.length;
    expect(units).toEqual([
      { offset: 0, length: first, keyframe: true },
      { offset: first, length: AUD.length + P.length, keyframe: false },
      { offset: first + AUD.length + P.length, length: AUD.length + P.length, keyframe: false },
    ]);
    expect(units.reduce((s, u) => s + u.length, 0)).toBe(stream.length);
  });
});
