import { describe, expect, it } from 'vitest';
import { parseRegionCsv, type RegionSample } from '../../helpers/frame-regions';
import { clockOffsetFromFlashes, colourOf, firstFrameTurning, irregularSteps } from '../../helpers/scene-switch';

const RED = { y: 63, u: 102, v: 240 };
const BLUE = { y: 32, u: 240, v: 118 };
const frames = (colours: Array<typeof RED>, fps = 30, startS = 0): RegionSample[] => colours.map((c, i) => ({ ptsS: startS + i / fps, ...c }));

describe('scene switch analysis', () => {
  it('tells red from blue by chroma and anything grey as other', () => {
    expect(colourOf(RED)).toBe('red');
    expect(colourOf(BLUE)).toBe('blue');
    expect(colourOf({ u: 128, v: 128 })).toBe('other');
  });

  it('finds the offset that lines the stream flashes up with the planned stamps, despite a missing and a stray flash', () => {
    const offsetUs = 1_764_000_000_000_000;
    const planned = [1, 2.0333, 3.0333, 4, 5].map((s) => offsetUs + s * 1e6);
    const stream = [1, 2.0333, 4, 4.5, 5];
    const found = clockOffsetFromFlashes(stream, planned, 5000);
    expect(found?.matched).toBe(4);
    expect(Math.abs(found!.offsetUs - offsetUs)).toBeLessThan(1);
    expect(clockOffsetFromFlashes([1], planned, 5000)).toBeNull();
  });

  it('finds the first frame of the new colour after a time, and the steps that are not one frame', () => {
    const samples = frames([RED, RED, BLUE, BLUE, RED, RED]);
    expect(firstFrameTurning(samples, 0, 'blue')?.ptsS).toBeCloseTo(2 / 30);
    expect(firstFrameTurning(samples, 0.1, 'red')?.ptsS).toBeCloseTo(4 / 30);
    expect(firstFrameTurning(samples, 0.2, 'blue')).toBeNull();
    const gap = [...samples.slice(0, 3), ...frames([BLUE, BLUE], 30, 5 / 30)];
    expect(irregularSteps(samples, 0, 1, 30, 0.001)).toEqual([]);
    expect(irregularSteps(gap, 0, 1, 30, 0.001)).toEqual([{ atS: 5 / 30, stepS: expect.closeTo(3 / 30, 6) }]);
    // FLV keeps milliseconds: 33 and 34 ms steps are one frame.
    expect(irregularSteps([{ ptsS: 0, ...RED }, { ptsS: 0.033, ...RED }, { ptsS: 0.067, ...RED }], 0, 1, 30, 0.001)).toEqual([]);
  });

  it('parses ffprobe csv lines of pts and Y, U, V means', () => {
    expect(parseRegionCsv('0.033000,63.1,102.0,239.9\n\nbad,line\n0.067000,32,240,118\n')).toEqual([
      { ptsS: 0.033, y: 63.1, u: 102, v: 239.9 },
      { ptsS: 0.067, y: 32, u: 240, v: 118 },
    ]);
  });
});
