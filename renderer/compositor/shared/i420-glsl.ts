/**
 * The WebGL2 raw path's RGBA → I420 conversion, as GLSL built from the same
 * BT.709 limited-range matrix as the CPU converter (shared/i420.ts), and the byte
 * layout it writes, mirrored in TypeScript for the unit tests.
 *
 * Layout: the I420 frame (Y, then U, then V, no padding) seen as rows of `width`
 * bytes is `1.5·height` rows; an RGBA8 target of width/4 × 1.5·height texels holds
 * it exactly, four bytes a texel, so one readPixels returns the whole frame in the
 * order the engine takes. Hence the width must be a multiple of 4 (`gpuI420Fits`).
 * Each byte works out which plane and pixel it belongs to; chroma averages its
 * 2x2 block like the CPU converter. Pure: no GL here.
 */
import { BT709_LIMITED, type YuvRow } from './i420';

/** Whether the GPU converter can pack this size (else the CPU converter runs). */
export function gpuI420Fits(width: number, height: number): boolean {
  return width % 4 === 0 && height % 2 === 0 && width > 0 && height > 0;
}

/** Texels of the packed I420 target. */
export function i420TargetSize(width: number, height: number): { width: number; height: number } {
  return { width: width / 4, height: (height * 3) / 2 };
}

export interface I420Byte {
  plane: 'y' | 'u' | 'v';
  x: number;
  y: number;
}

/** Which pixel (luma) or 2x2 block's top-left pixel (chroma) byte `index` of an I420 frame comes from. */
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

/** One output code as the shader computes it, on colours in 0..1: offset/255 + weights·rgb, written as a normalised byte. */
export function shaderCode(row: YuvRow, r: number, g: number, b: number): number {
  const normalised = row.offset / 255 + row.r * r + row.g * g + row.b * b;
  // GL converts a float written to an 8-bit normalised target by rounding to nearest.
  return Math.round(Math.min(1, Math.max(0, normalised)) * 255);
}

const f = (n: number) => n.toFixed(8);
const weights = (row: YuvRow) => `vec3(${f(row.r)}, ${f(row.g)}, ${f(row.b)})`;
const offset = (row: YuvRow) => f(row.offset / 255);

/** Draws the packed I420 frame of `u_src` (the program, bottom row first as GL stores it). */
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

float byteAt(int i) {
  int luma = u_width * u_height;
  if (i < luma) return Y_OFF + dot(Y_K, pixel(i % u_width, i / u_width));
  int cw = u_width / 2;
  int plane = cw * (u_height / 2);
  int j = i - luma;
  bool isV = j >= plane;
  if (isV) j -= plane;
  int x = (j % cw) * 2;
  int y = (j / cw) * 2;
  vec3 c = (pixel(x, y) + pixel(x + 1, y) + pixel(x, y + 1) + pixel(x + 1, y + 1)) * 0.25;
  return isV ? V_OFF + dot(V_K, c) : U_OFF + dot(U_K, c);
}

void main() {
  ivec2 t = ivec2(gl_FragCoord.xy);
  int i = t.y * u_width + t.x * 4;
  o_bytes = vec4(byteAt(i), byteAt(i + 1), byteAt(i + 2), byteAt(i + 3));
}
`;

/** A triangle that covers the whole target (no vertex buffer: positions from gl_VertexID). */
export const FULLSCREEN_VERTEX_SHADER = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
`;
