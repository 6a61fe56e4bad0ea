/**
 * Where a scene item lands on the output canvas: the part of the source that the
 * crop keeps, the affine matrix that scales it to the item's size and rotates it
 * clockwise around the item's centre, and the axis-aligned box it covers (for
 * skipping items that are entirely off canvas). Pure: the worker and the tests
 * share it.
 */
import type { Transform } from '../../../preload/contract/model';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** A 2D affine matrix in canvas `setTransform(a, b, c, d, e, f)` order. */
export type Matrix = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

const DEG_TO_RAD = Math.PI / 180;

/**
 * The rectangle of the source (in source pixels) that survives the crop, or null
 * when the crop leaves nothing. Crop values beyond the source are clamped.
 */
export function cropRect(source: Size, crop: Transform['crop']): Rect | null {
  const x = Math.min(crop.left, source.width);
  const y = Math.min(crop.top, source.height);
  const width = source.width - x - crop.right;
  const height = source.height - y - crop.bottom;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

/**
 * Maps item-local coordinates, whose origin is the item's centre and whose extent
 * is ±width/2, ±height/2, onto the canvas: rotate clockwise (canvas y points down,
 * so a positive angle turns clockwise on screen), then move the centre to
 * (x + width/2, y + height/2), shifted by `offsetX` (a sliding scene).
 */
export function itemMatrix(t: Transform, offsetX = 0): Matrix {
  const angle = t.rotationDeg * DEG_TO_RAD;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [cos, sin, -sin, cos, t.x + t.width / 2 + offsetX, t.y + t.height / 2];
}

/** The axis-aligned box covered by the item once rotated. */
export function rotatedFootprint(t: Transform): Rect {
  const angle = t.rotationDeg * DEG_TO_RAD;
  const cos = Math.abs(Math.cos(angle));
  const sin = Math.abs(Math.sin(angle));
  const width = t.width * cos + t.height * sin;
  const height = t.width * sin + t.height * cos;
  const cx = t.x + t.width / 2;
  const cy = t.y + t.height / 2;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

/** Whether two rectangles overlap by more than an edge. */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Applies a matrix to a point (tests and hit testing). */
export function applyMatrix(m: Matrix, px: number, py: number): { x: number; y: number } {
  return { x: m[0] * px + m[2] * py + m[4], y: m[1] * px + m[3] * py + m[5] };
}
