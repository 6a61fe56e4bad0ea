import { describe, expect, it } from 'vitest';
import { BT709_LIMITED, i420ByteLength, rgbaToI420 } from '../../../../renderer/compositor/shared/i420';
import { I420_FRAGMENT_SHADER, gpuI420Fits, i420ByteSource, i420TargetSize, packedTexelSources, shaderCode } from '../../../../renderer/compositor/shared/i420-glsl';

/** A deterministic pseudo-random RGBA image (opaque). */
function noise(width: number, height: number, seed: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = i % 4 === 3 ? 255 : s >>> 24;
  }
  return data;
}

/** The fragment shader's arithmetic, texel by texel, in TypeScript: what the GPU path writes. */
function shaderI420(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(i420ByteLength(width, height));
  const px = (x: number, y: number, c: number) => rgba[(y * width + x) * 4 + c]! / 255;
  const target = i420TargetSize(width, height);
  for (let ty = 0; ty < target.height; ty++) {
    for (let tx = 0; tx < target.width; tx++) {
      packedTexelSources(tx, ty, width, height).forEach(({ plane, x, y }, k) => {
        const i = ty * width + tx * 4 + k;
        if (plane === 'y') {
          out[i] = shaderCode(BT709_LIMITED.y, px(x, y, 0), px(x, y, 1), px(x, y, 2));
          return;
        }
        const avg = (c: number) => (px(x, y, c) + px(x + 1, y, c) + px(x, y + 1, c) + px(x + 1, y + 1, c)) / 4;
        out[i] = shaderCode(BT709_LIMITED[plane], avg(0), avg(1), avg(2));
      });
    }
  }
  return out;
}

describe('the GPU I420 conversion', () => {
  it.each([
    [16, 12],
    [24, 8],
    [8, 4],
  ])('gives the CPU converter’s bytes, in its layout, within one code (%ix%i)', (width, height) => {
    const rgba = noise(width, height, width * 31 + height);
    const cpu = new Uint8Array(i420ByteLength(width, height));
    rgbaToI420(rgba, width, height, cpu);
    const gpu = shaderI420(rgba, width, height);
    let worst = 0;
    for (let i = 0; i < cpu.length; i++) worst = Math.max(worst, Math.abs(cpu[i]! - gpu[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('maps bytes to planes: Y row-major, then U, then V over 2x2 blocks', () => {
    const [w, h] = [8, 4];
    expect(i420ByteSource(0, w, h)).toEqual({ plane: 'y', x: 0, y: 0 });
    expect(i420ByteSource(w * h - 1, w, h)).toEqual({ plane: 'y', x: 7, y: 3 });
    expect(i420ByteSource(w * h, w, h)).toEqual({ plane: 'u', x: 0, y: 0 });
    expect(i420ByteSource(w * h + 5, w, h)).toEqual({ plane: 'u', x: 2, y: 2 });
    expect(i420ByteSource(w * h + 8, w, h)).toEqual({ plane: 'v', x: 0, y: 0 });
    expect(i420ByteSource(w * h + 15, w, h)).toEqual({ plane: 'v', x: 6, y: 2 });
  });

  it('puts every byte where the I420 layout says (the shader’s texel math vs the definition)', () => {
    for (const [w, h] of [[16, 12], [320, 180], [40, 8]] as const) {
      const target = i420TargetSize(w, h);
      for (let ty = 0; ty < target.height; ty++) {
        for (let tx = 0; tx < target.width; tx++) {
          const bytes = packedTexelSources(tx, ty, w, h);
          bytes.forEach((b, k) => expect(b).toEqual(i420ByteSource(ty * w + tx * 4 + k, w, h)));
        }
      }
    }
  });

  it('packs the frame exactly into RGBA texels, four bytes each', () => {
    for (const [w, h] of [[320, 180], [1280, 720], [1920, 1080], [640, 360]] as const) {
      const t = i420TargetSize(w, h);
      expect(t.width * t.height * 4).toBe(i420ByteLength(w, h));
      expect(gpuI420Fits(w, h)).toBe(true);
    }
    // A texel would straddle two rows or planes: the CPU converts these.
    expect(gpuI420Fits(854, 480)).toBe(false);
    expect(gpuI420Fits(1276, 720)).toBe(false);
    expect(gpuI420Fits(640, 362)).toBe(false);
  });

  it('writes the shared BT.709 matrix into the shader', () => {
    const vec = (name: string) => {
      const match = new RegExp(`const vec3 ${name} = vec3\\(([^)]*)\\)`).exec(I420_FRAGMENT_SHADER);
      return match![1]!.split(',').map(Number);
    };
    const close = (actual: number[], row: { r: number; g: number; b: number }) => expect(actual.map((k, i) => k - [row.r, row.g, row.b][i]!).every((d) => Math.abs(d) < 1e-7)).toBe(true);
    close(vec('Y_K'), BT709_LIMITED.y);
    close(vec('U_K'), BT709_LIMITED.u);
    close(vec('V_K'), BT709_LIMITED.v);
    expect(I420_FRAGMENT_SHADER).toContain(`const float Y_OFF = ${(16 / 255).toFixed(8)};`);
    expect(I420_FRAGMENT_SHADER).toContain(`const float U_OFF = ${(128 / 255).toFixed(8)};`);
  });

  it('rounds like the CPU on the colours the pixel tests use', () => {
    const colours: Array<[number, number, number]> = [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 255, 0], [0, 0, 255], [128, 128, 128]];
    for (const [r, g, b] of colours) {
      const cpu = new Uint8Array(6);
      rgbaToI420(new Uint8Array([r, g, b, 255, r, g, b, 255, r, g, b, 255, r, g, b, 255]), 2, 2, cpu);
      const [rr, gg, bb] = [r / 255, g / 255, b / 255];
      expect([shaderCode(BT709_LIMITED.y, rr, gg, bb), shaderCode(BT709_LIMITED.u, rr, gg, bb), shaderCode(BT709_LIMITED.v, rr, gg, bb)]).toEqual([cpu[0], cpu[4], cpu[5]]);
    }
  });
});
