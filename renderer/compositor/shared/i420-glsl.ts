/**
 * The WebGL2 raw path's RGBA → I420 conversion, as GLSL built from the same
 * BT.709 limited-range matrix as the CPU converter (shared/i420.ts), and the byte
 * layout it writes, mirrored in TypeScript for the unit tests.
 *
 * Layout: the I420 frame (Y, then U, then V, no padding) seen as rows of `width`
 * bytes is `1.5·height` rows; an RGBA8 target of width/4 × 1.5·height texels holds
 * it exactly, four bytes a texel, so one readPixels returns the whole frame in the
 * order the engine takes. The first `height` rows are luma (four pixels a texel);
 * each of the next height/4 rows holds two rows of U (left half, right half), and
 * the last height/4 rows the same for V. With the width a multiple of 8 and the
 * height of 4 (`gpuI420Fits`) no texel straddles two rows or two planes, so the
 * shader needs no per-byte division (integer division is slow on SwiftShader).
 * Chroma averages its 2x2 block like the CPU converter. Pure: no GL here.
 */
import { BT709_LIMITED, type YuvRow } from './i420';

/** Whether the GPU converter can pack this size (else the CPU converter runs). */
export function gpuI420Fits(width: number, height: number): boolean {
  return width % 8 === 0 && height % 4 === 0 && width > 0 && height > 0;
}

/** Texels of the packed I420 target. */
export function i420TargetSize(width: number, height: number): { width: number; height: number } {
  return { width: width / 4, height: (height * 3) / 2 };
}

export interface I420Byte {
  plane: 'y' | 'u' | 'v';
  /** The pixel (luma) or the top-left pixel of the 2x2 block (chroma). */
  x: number;
  y: number;
}

/** Which pixel byte `index` of an I420 frame comes from: the layout, by its definition. */
export function i420ByteSource(index: number, width: number, height: number): I420Byte {
  const luma = width * height;
  if (index < luma) return { plane: 'y', x: index % width, y: Math.floor(index / width) };
  const cw = width / 2;
  const plane = cw * (height / 2);
  let j = index - luma;
  const isV = j >= plane;
  if (isV) j -= plane;
  return { plane: isV ? 'v' : 'u', x: (j % cw) * 2, y: Math.floor(j / cw) * 2 };
}

/** The four bytes texel (tx, ty) of the packed target holds, computed as the shader does. */
export function packedTexelSources(tx: number, ty: number, width: number, height: number): I420Byte[] {
  const x = tx * 4;
  if (ty < height) return [0, 1, 2, 3].map((k) => ({ plane: 'y' as const, x: x + k, y: ty }));
  const cw = width / 2;
  const quarter = height / 4;
  let r = ty - height;
  const isV = r >= quarter;
  if (isV) r -= quarter;
  const right = x >= cw;
  const cy = 2 * r + (right ? 1 : 0);
  const cx = right ? x - cw : x;
  return [0, 1, 2, 3].map((k) => ({ plane: isV ? ('v' as const) : ('u' as const), x: (cx + k) * 2, y: cy * 2 }));
}

/** One output code as the shader computes it, on colours in 0..1: offset/255 + weights·rgb, written as a normalised byte. */
export function shaderCode(row: YuvRow, r: number, g: number, b: number): number {
  const normalised = row.offset / 255 + row.r * r + row.g * g + row.b * b;
  // GL converts a float written to an 8-bit normalised target by rounding to nearest.
  return Math.round(Math.min(1, Math.max(0, normalised)) * 255);
}

const f = (n: number) => n.toFixed(8);
const weights = (row: YuvRow) => `vec3(${f(row.r)}, ${f(row.g)}, ${f(row.b)})`;
const offset = (row: YuvRow) => f(row.offset / 255);

/** Draws the packed I420 frame of `u_src` (the program, bottom row first as GL stores it); mirrors packedTexelSources. */
export const I420_FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;
uniform sampler2D u_src;
uniform int u_width;
uniform int u_height;
out vec4 o_bytes;

const vec3 Y_K = ${weights(BT709_LIMITED.y)};
const vec3 U_K = ${weights(BT709_LIMITED.u)};
const vec3 V_K = ${weights(BT709_LIMITED.v)};
const float Y_OFF = ${offset(BT709_LIMITED.y)};
const float U_OFF = ${offset(BT709_LIMITED.u)};
const float V_OFF = ${offset(BT709_LIMITED.v)};

// Output row 0 is the top of the picture; the program texture's row 0 is its bottom.
vec3 pixel(int x, int y) {
  return texelFetch(u_src, ivec2(x, u_height - 1 - y), 0).rgb;
}

float luma(int x, int y) {
  return Y_OFF + dot(Y_K, pixel(x, y));
}

// The average of the 2x2 block at chroma position (cx, cy).
vec3 block(int cx, int cy) {
  int x = cx * 2;
  int y = cy * 2;
  return (pixel(x, y) + pixel(x + 1, y) + pixel(x, y + 1) + pixel(x + 1, y + 1)) * 0.25;
}

void main() {
  ivec2 t = ivec2(gl_FragCoord.xy);
  int x = t.x * 4;
  if (t.y < u_height) {
    o_bytes = vec4(luma(x, t.y), luma(x + 1, t.y), luma(x + 2, t.y), luma(x + 3, t.y));
    return;
  }
  int cw = u_width / 2;
  int quarter = u_height / 4;
  int r = t.y - u_height;
  bool isV = r >= quarter;
  if (isV) r -= quarter;
  bool right = x >= cw;
  int cy = 2 * r + (right ? 1 : 0);
  int cx = right ? x - cw : x;
  vec3 k = isV ? V_K : U_K;
  float off = isV ? V_OFF : U_OFF;
  o_bytes = vec4(off + dot(k, block(cx, cy)), off + dot(k, block(cx + 1, cy)), off + dot(k, block(cx + 2, cy)), off + dot(k, block(cx + 3, cy)));
}
`;

/** A triangle that covers the whole target (no vertex buffer: positions from gl_VertexID). */
export const FULLSCREEN_VERTEX_SHADER = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
`;
