/**
 * Where things are on the monitor: the output picture is letterboxed in its box
 * (object-fit: contain), so a pointer position maps to output pixels through one
 * scale and an offset; and where a pointer falls on an item, which is rotated
 * clockwise around its centre (as the compositor draws it, see
 * compositor/shared/transform.ts). Pure.
 */
import type { SceneItem, Transform } from '../../../preload/contract';

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** How the output picture sits in its box: screen = offset + output × scale. */
export interface Letterbox {
  scale: number;
  offsetX: number;
  offsetY: number;
}

const DEG_TO_RAD = Math.PI / 180;

/** The largest scale at which `output` fits in `box`, centred (bars left/right or top/bottom). */
export function letterbox(box: Size, output: Size): Letterbox {
  const scale = Math.min(box.width / output.width, box.height / output.height);
  return { scale, offsetX: (box.width - output.width * scale) / 2, offsetY: (box.height - output.height * scale) / 2 };
}

export function screenToOutput(p: Point, lb: Letterbox): Point {
  return { x: (p.x - lb.offsetX) / lb.scale, y: (p.y - lb.offsetY) / lb.scale };
}

export function outputToScreen(p: Point, lb: Letterbox): Point {
  return { x: lb.offsetX + p.x * lb.scale, y: lb.offsetY + p.y * lb.scale };
}

export function centreOf(t: Transform): Point {
  return { x: t.x + t.width / 2, y: t.y + t.height / 2 };
}

/** An output point in the item's own frame: origin at its centre, axes turned with it. */
export function toItemLocal(t: Transform, p: Point): Point {
  const c = centreOf(t);
  const a = -t.rotationDeg * DEG_TO_RAD;
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  return { x: dx * Math.cos(a) - dy * Math.sin(a), y: dx * Math.sin(a) + dy * Math.cos(a) };
}

/** The inverse of toItemLocal. */
export function fromItemLocal(t: Transform, p: Point): Point {
  const c = centreOf(t);
  const a = t.rotationDeg * DEG_TO_RAD;
  return { x: c.x + p.x * Math.cos(a) - p.y * Math.sin(a), y: c.y + p.x * Math.sin(a) + p.y * Math.cos(a) };
}

/** The item's corners on the output, clockwise from its own top-left. */
export function itemCorners(t: Transform): [Point, Point, Point, Point] {
  const w = t.width / 2;
  const h = t.height / 2;
  return [fromItemLocal(t, { x: -w, y: -h }), fromItemLocal(t, { x: w, y: -h }), fromItemLocal(t, { x: w, y: h }), fromItemLocal(t, { x: -w, y: h })];
}

export function containsPoint(t: Transform, p: Point): boolean {
  const local = toItemLocal(t, p);
  return Math.abs(local.x) <= t.width / 2 && Math.abs(local.y) <= t.height / 2;
}

/**
 * The item a click picks: the top-most (items are stored bottom first) that is
 * shown and not locked, whose rotated box holds the point.
 */
export function hitTest(items: readonly SceneItem[], p: Point): SceneItem | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.visible && !item.locked && containsPoint(item.transform, p)) return item;
  }
  return null;
}
