import { describe, expect, it } from 'vitest';
import { BGRA_ORDER, bt709Limited, i420ByteLength, rgbaToI420 } from '../../../../renderer/compositor/shared/i420';

/** A width x height RGBA image from a function of the pixel position. */
function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return data;
}

function convert(width: number, height: number, rgba: Uint8Array) {
  const out = new Uint8Array(i420ByteLength(width, height));
  rgbaToI420(rgba, width, height, out);
  const ySize = width * height;
  const cSize = ySize / 4;
  return { y: out.subarray(0, ySize), u: out.subarray(ySize, ySize + cSize), v: out.subarray(ySize + cSize) };
}

describe('rgbaToI420', () => {
  it.each([
    ['black', [0, 0, 0], { y: 16, u: 128, v: 128 }],
    ['white', [255, 255, 255], { y: 235, u: 128, v: 128 }],
    ['red', [255, 0, 0], { y: 63, u: 102, v: 240 }],
    ['green', [0, 255, 0], { y: 173, u: 42, v: 26 }],
    ['blue', [0, 0, 255], { y: 32, u: 240, v: 118 }],
    ['mid grey', [128, 128, 128], { y: 126, u: 128, v: 128 }],
  ] as const)('converts %s to the BT.709 limited-range code values', (_name, [r, g, b], expected) => {
    const { y, u, v } = convert(4, 4, image(4, 4, () => [r, g, b]));
    // The published BT.709 table values (rounded), and our float reference, agree within one code.
    expect(Math.abs(y[0]! - expected.y)).toBeLessThanOrEqual(1);
    expect(Math.abs(u[0]! - expected.u)).toBeLessThanOrEqual(1);
    expect(Math.abs(v[0]! - expected.v)).toBeLessThanOrEqual(1);
    const reference = bt709Limited(r, g, b);
    expect(Math.abs(y[5]! - reference.y)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(u[3]! - reference.u)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(v[3]! - reference.v)).toBeLessThanOrEqual(0.5);
  });

  it('keeps luma per pixel and averages chroma over each 2x2 block', () => {
    // Left column red, right column blue, in every 2x2 block.
    const { y, u, v } = convert(4, 2, image(4, 2, (x) => (x % 2 === 0 ? [255, 0, 0] : [0, 0, 255])));
    expect(y[0]).toBe(Math.round(bt709Limited(255, 0, 0).y));
    expect(y[1]).toBe(Math.round(bt709Limited(0, 0, 255).y));
    const mix = bt709Limited(127.5, 0, 127.5);
    expect(Math.abs(u[0]! - mix.u)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(v[0]! - mix.v)).toBeLessThanOrEqual(0.5);
  });

  it('lays out Y, then U, then V, each row after row without padding', () => {
    const width = 6;
    const height = 4;
    // Brightness grows to the right and down, so every sample differs.
    const { y, u } = convert(width, height, image(width, height, (x, yy) => [x * 40, yy * 60, 0]));
    for (let row = 0; row < height; row++) {
      for (let col = 1; col < width; col++) expect(y[row * width + col]!).toBeGreaterThan(y[row * width + col - 1]!);
    }
    expect(u.length).toBe((width / 2) * (height / 2));
    expect(y[width]!).toBeGreaterThan(y[0]!); // the second row starts right after the first
  });

  it('reads BGRA when told the pixel order', () => {
    const bgra = image(2, 2, () => [0, 0, 255]); // stored as B=0, G=0, R=255 in BGRA order
    const out = new Uint8Array(i420ByteLength(2, 2));
    rgbaToI420(bgra, 2, 2, out, BGRA_ORDER);
    expect(Math.abs(out[0]! - bt709Limited(255, 0, 0).y)).toBeLessThanOrEqual(0.5);
  });

  it('refuses odd sizes and short buffers', () => {
    expect(() => rgbaToI420(new Uint8Array(3 * 2 * 4), 3, 2, new Uint8Array(100))).toThrow(/even/);
    expect(() => rgbaToI420(new Uint8Array(8), 2, 2, new Uint8Array(6))).toThrow(/source/);
    expect(() => rgbaToI420(new Uint8Array(16), 2, 2, new Uint8Array(5))).toThrow(/destination/);
  });
});

describe('rgbaToI420 inputs', () => {
  it('reads a view that does not start on a 4-byte boundary', () => {
    const backing = new Uint8Array(1 + 2 * 2 * 4);
    const view = backing.subarray(1);
    view.set([255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
    const out = new Uint8Array(i420ByteLength(2, 2));
    rgbaToI420(view, 2, 2, out);
    expect([...out]).toEqual([235, 235, 235, 235, 128, 128]);
  });

  it('refuses a pixel order other than RGBA or BGRA', () => {
    expect(() => rgbaToI420(new Uint8Array(16), 2, 2, new Uint8Array(6), { r: 1, g: 0, b: 2 })).toThrow(/RGBA or BGRA/);
  });
});
