/**
 * The eight resize handles around a selected item, and what dragging one does:
 * resize with the opposite side (or corner) held still, in the item's own
 * rotated frame, with the aspect ratio kept unless Shift frees it; or, with Alt,
 * crop that side instead (the picture stays where it is, the box shrinks over it).
 * Pure.
 */
import type { Transform } from '../../../preload/contract';
import { fromItemLocal, toItemLocal, type Point, type Size } from './geometry';

export const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'] as const;
export type Handle = (typeof HANDLES)[number];

/** The smallest box a drag can make, in output pixels (the contract's minimum size). */
export const MIN_ITEM_SIZE_PX = 1;

/** Where a handle sits on the item, as -1 (left/top), 0 (middle) or 1 (right/bottom). */
export const HANDLE_SIDES: Readonly<Record<Handle, { hx: -1 | 0 | 1; hy: -1 | 0 | 1 }>> = {
  nw: { hx: -1, hy: -1 },
  n: { hx: 0, hy: -1 },
  ne: { hx: 1, hy: -1 },
  e: { hx: 1, hy: 0 },
  se: { hx: 1, hy: 1 },
  s: { hx: 0, hy: 1 },
  sw: { hx: -1, hy: 1 },
  w: { hx: -1, hy: 0 },
};

/** Words for each handle, for its accessible label. */
export const HANDLE_WORDS: Readonly<Record<Handle, string>> = {
  nw: 'top-left corner',
  n: 'top edge',
  ne: 'top-right corner',
  e: 'right edge',
  se: 'bottom-right corner',
  s: 'bottom edge',
  sw: 'bottom-left corner',
  w: 'left edge',
};

/** A handle's position on the output. */
export function handlePoint(t: Transform, handle: Handle): Point {
  const { hx, hy } = HANDLE_SIDES[handle];
  return fromItemLocal(t, { x: (hx * t.width) / 2, y: (hy * t.height) / 2 });
}

/** Places a box of `width`×`height` whose local centre (in `t`'s frame) is `centre`, keeping the rotation. */
function placed(t: Transform, centre: Point, width: number, height: number): Transform {
  const c = fromItemLocal(t, centre);
  return { ...t, x: c.x - width / 2, y: c.y - height / 2, width, height };
}

/**
 * The item after dragging `handle` to `pointer` (output pixels). The opposite
 * side stays put on the output; with `keepAspect` a corner scales both sides by
 * the larger of the two stretches and an edge scales the other side with it
 * (about the middle), as OBS does.
 */
export function resizeFromHandle(t: Transform, handle: Handle, pointer: Point, keepAspect: boolean): Transform {
  const { hx, hy } = HANDLE_SIDES[handle];
  const local = toItemLocal(t, pointer);
  // The fixed anchor: the opposite side's middle, or the opposite corner.
  const ax = (-hx * t.width) / 2;
  const ay = (-hy * t.height) / 2;
  let width = hx === 0 ? t.width : Math.max(MIN_ITEM_SIZE_PX, hx * (local.x - ax));
  let height = hy === 0 ? t.height : Math.max(MIN_ITEM_SIZE_PX, hy * (local.y - ay));
  if (keepAspect) {
    const scale = hx === 0 ? height / t.height : hy === 0 ? width / t.width : Math.max(width / t.width, height / t.height);
    const min = MIN_ITEM_SIZE_PX / Math.min(t.width, t.height);
    const s = Math.max(scale, min);
    width = t.width * s;
    height = t.height * s;
  }
  const cx = hx === 0 ? 0 : ax + (hx * width) / 2;
  const cy = hy === 0 ? 0 : ay + (hy * height) / 2;
  return placed(t, { x: cx, y: cy }, width, height);
}

/** Source pixels per output pixel along each axis (1 when the source's size is not known). */
export interface SourceScale {
  x: number;
  y: number;
}

/**
 * How many source pixels one output pixel of the item shows: the part the crop
 * keeps over the item's size. Unknown sizes (a camera, text) count as 1.
 */
export function sourceScale(t: Transform, natural: Size | null): SourceScale {
  if (!natural) return { x: 1, y: 1 };
  const keptWidth = natural.width - t.crop.left - t.crop.right;
  const keptHeight = natural.height - t.crop.top - t.crop.bottom;
  return { x: keptWidth > 0 ? keptWidth / t.width : 1, y: keptHeight > 0 ? keptHeight / t.height : 1 };
}

/**
 * The item after Alt-dragging `handle` to `pointer`: the dragged sides move and
 * the crop on those sides grows or shrinks by the same amount of picture
 * (converted to source pixels with `scale`), so what stays visible does not move.
 * A crop never goes below 0: dragging outwards past the uncropped edge stops there.
 */
export function cropFromHandle(t: Transform, handle: Handle, pointer: Point, scale: SourceScale = { x: 1, y: 1 }): Transform {
  const { hx, hy } = HANDLE_SIDES[handle];
  const local = toItemLocal(t, pointer);
  const crop = { ...t.crop };
  let [left, right, top, bottom] = [-t.width / 2, t.width / 2, -t.height / 2, t.height / 2];
  if (hx !== 0) {
    const moved = cropSide(hx, t.width, local.x, hx === -1 ? t.crop.left : t.crop.right, scale.x);
    if (hx === -1) [left, crop.left] = [moved.edge, moved.crop];
    else [right, crop.right] = [moved.edge, moved.crop];
  }
  if (hy !== 0) {
    const moved = cropSide(hy, t.height, local.y, hy === -1 ? t.crop.top : t.crop.bottom, scale.y);
    if (hy === -1) [top, crop.top] = [moved.edge, moved.crop];
    else [bottom, crop.bottom] = [moved.edge, moved.crop];
  }
  return { ...placed(t, { x: (left + right) / 2, y: (top + bottom) / 2 }, right - left, bottom - top), crop };
}

/**
 * One side of a crop drag along an axis of length `size` (local frame, centred):
 * the side at `side` × size/2 follows `pointer`, outwards no further than its
 * crop gives back, inwards no closer than MIN_ITEM_SIZE_PX to the other side.
 */
function cropSide(side: -1 | 1, size: number, pointer: number, crop: number, scale: number): { edge: number; crop: number } {
  const from = (side * size) / 2;
  const outwards = Math.max(-(size - MIN_ITEM_SIZE_PX), Math.min(side * (pointer - from), crop / scale));
  return { edge: from + side * outwards, crop: Math.max(0, crop - outwards * scale) };
}
