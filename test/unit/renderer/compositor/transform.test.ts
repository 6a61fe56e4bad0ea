import { describe, expect, it } from 'vitest';
import type { Transform } from '../../../../preload/contract/model';
import { applyMatrix, cropRect, itemMatrix, overlaps, rotatedFootprint } from '../../../../renderer/compositor/shared/transform';

const NO_CROP = { top: 0, right: 0, bottom: 0, left: 0 };
const t = (more: Partial<Transform> = {}): Transform => ({ x: 100, y: 50, width: 200, height: 100, rotationDeg: 0, crop: NO_CROP, ...more });

describe('cropRect', () => {
  it('keeps the source inside the crop', () => {
    expect(cropRect({ width: 640, height: 480 }, { top: 10, right: 20, bottom: 30, left: 40 })).toEqual({ x: 40, y: 10, width: 580, height: 440 });
  });

  it('is the whole source without a crop', () => {
    expect(cropRect({ width: 64, height: 32 }, NO_CROP)).toEqual({ x: 0, y: 0, width: 64, height: 32 });
  });

  it('is null when the crop leaves nothing', () => {
    expect(cropRect({ width: 64, height: 32 }, { top: 0, right: 32, bottom: 0, left: 32 })).toBeNull();
    expect(cropRect({ width: 64, height: 32 }, { top: 100, right: 0, bottom: 0, left: 0 })).toBeNull();
  });
});

describe('itemMatrix', () => {
  it('maps the item-local box onto x, y, width, height without rotation', () => {
    const m = itemMatrix(t());
    expect(applyMatrix(m, -100, -50)).toEqual({ x: 100, y: 50 });
    expect(applyMatrix(m, 100, 50)).toEqual({ x: 300, y: 150 });
  });

  it('turns clockwise around the centre', () => {
    const m = itemMatrix(t({ rotationDeg: 90 }));
    // The top-left corner swings to the top-right of the centre (canvas y points down).
    const corner = applyMatrix(m, -100, -50);
    expect(corner.x).toBeCloseTo(200 + 50);
    expect(corner.y).toBeCloseTo(100 - 100);
    // The centre stays.
    expect(applyMatrix(m, 0, 0)).toEqual({ x: 200, y: 100 });
  });

  it('shifts by the slide offset', () => {
    expect(applyMatrix(itemMatrix(t(), -50), 0, 0)).toEqual({ x: 150, y: 100 });
  });
});

describe('rotatedFootprint', () => {
  it('is the item box unrotated', () => {
    expect(rotatedFootprint(t())).toEqual({ x: 100, y: 50, width: 200, height: 100 });
  });

  it('swaps width and height at 90 degrees, around the same centre', () => {
    const f = rotatedFootprint(t({ rotationDeg: 90 }));
    expect(f.width).toBeCloseTo(100);
    expect(f.height).toBeCloseTo(200);
    expect(f.x + f.width / 2).toBeCloseTo(200);
    expect(f.y + f.height / 2).toBeCloseTo(100);
  });

  it('grows to the bounding box at 45 degrees', () => {
    const f = rotatedFootprint(t({ rotationDeg: 45 }));
    expect(f.width).toBeCloseTo((300 * Math.SQRT2) / 2);
    expect(f.height).toBeCloseTo((300 * Math.SQRT2) / 2);
  });

  it('decides whether an item touches the canvas', () => {
    const canvas = { x: 0, y: 0, width: 1280, height: 720 };
    expect(overlaps(rotatedFootprint(t()), canvas)).toBe(true);
    expect(overlaps(rotatedFootprint(t({ x: 1280 })), canvas)).toBe(false);
    // Off the right edge, but turned 90 degrees its footprint reaches back in.
    expect(overlaps(rotatedFootprint(t({ x: 1281, width: 400, height: 10 })), canvas)).toBe(false);
    expect(overlaps(rotatedFootprint(t({ x: 1281, width: 10, height: 400, rotationDeg: 90 })), canvas)).toBe(true);
  });
});
