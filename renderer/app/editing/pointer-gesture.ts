/**
 * What a press on the monitor starts, decided in output pixels: a handle of the
 * selected item (resize, or crop with Alt), its rotation handle, or a move of
 * the item under the pointer (selecting it); nothing (deselect) on empty canvas.
 * And what the gesture makes of the item as the pointer moves. Pure.
 */
import type { SceneItem, Transform } from '../../../preload/contract';
import { rotatedFootprint, type Rect } from '../../compositor/shared/transform';
import { fromItemLocal, hitTest, type Point, type Size } from './geometry';
import { cropFromHandle, HANDLE_SIDES, handlePoint, HANDLES, resizeFromHandle, sourceScale, type Handle } from './handles';
import { nearest, snapTargets, SNAP_DISTANCE_SCREEN_PX, type Guide, type SnapTargets } from './snapping';
import { moveBy, rotateByPointer } from './transform-ops';

/** At most ~30 transform updates a second go to the studio during a drag (EditOverlay sends them). */
export const SEND_INTERVAL_MS = 33;
/** How near, in screen pixels, a press must be to a handle to grab it. */
export const HANDLE_GRAB_SCREEN_PX = 8;
/** How far above the item's top edge the rotation handle sits, in screen pixels. */
export const ROTATE_HANDLE_SCREEN_PX = 24;

interface GestureBase {
  itemId: string;
  /** Where the press was, output pixels. */
  start: Point;
  startTransform: Transform;
}
export type Gesture = (GestureBase & { kind: 'move' | 'rotate' }) | (GestureBase & { kind: 'resize' | 'crop'; handle: Handle });

export interface Modifiers {
  shift: boolean;
  alt: boolean;
}

/** The rotation handle's position on the output, given the monitor's scale (screen px per output px). */
export function rotateHandlePoint(t: Transform, scale: number): Point {
  return fromItemLocal(t, { x: 0, y: -t.height / 2 - ROTATE_HANDLE_SCREEN_PX / scale });
}

/** The pointer's shape over what a press would start (the handles' ignore the item's rotation). */
const HANDLE_CURSORS: Readonly<Record<Handle, string>> = { nw: 'nwse-resize', se: 'nwse-resize', ne: 'nesw-resize', sw: 'nesw-resize', n: 'ns-resize', s: 'ns-resize', e: 'ew-resize', w: 'ew-resize' };

export function cursorFor(g: Gesture | null): string {
  if (!g) return 'default';
  switch (g.kind) {
    case 'move':
      return 'move';
    case 'rotate':
      return 'grab';
    case 'crop':
      return 'crosshair';
    case 'resize':
      return HANDLE_CURSORS[g.handle];
  }
}

const near = (a: Point, b: Point, distance: number) => Math.hypot(a.x - b.x, a.y - b.y) <= distance;

/** The gesture a press at `p` (output pixels) starts, or null for a press on empty canvas. */
export function startGesture(items: readonly SceneItem[], selected: SceneItem | null, p: Point, scale: number, mods: Modifiers): Gesture | null {
  const grab = HANDLE_GRAB_SCREEN_PX / scale;
  if (selected && !selected.locked) {
    const t = selected.transform;
    const base = { itemId: selected.id, start: p, startTransform: t };
    if (near(rotateHandlePoint(t, scale), p, grab)) return { ...base, kind: 'rotate' };
    const handle = HANDLES.find((h) => near(handlePoint(t, h), p, grab));
    if (handle) return { ...base, kind: mods.alt ? 'crop' : 'resize', handle };
  }
  const hit = hitTest(items, p);
  return hit ? { kind: 'move', itemId: hit.id, start: p, startTransform: hit.transform } : null;
}

/** What an item snaps to: the other shown items' boxes. */
function others(items: readonly SceneItem[], itemId: string): Rect[] {
  return items.filter((i) => i.id !== itemId && i.visible).map((i) => rotatedFootprint(i.transform));
}

/**
 * A resize whose dragged edges snap: each moving edge within `threshold` of a
 * line pulls the pointer onto it, then the resize is made again (with the aspect
 * lock, the edge that leads lands on its line). Only unrotated items: a turned
 * item's edges are not parallel to the lines.
 */
function snapResize(handle: Handle, t: Transform, p: Point, targets: SnapTargets, threshold: number, keepAspect: boolean): { transform: Transform; guides: Guide[] } {
  const free = resizeFromHandle(t, handle, p, keepAspect);
  if (t.rotationDeg !== 0) return { transform: free, guides: [] };
  const { hx, hy } = HANDLE_SIDES[handle];
  const sx = hx === 0 ? null : nearest([hx === 1 ? free.x + free.width : free.x], targets.xs, threshold);
  const sy = hy === 0 ? null : nearest([hy === 1 ? free.y + free.height : free.y], targets.ys, threshold);
  if (!sx && !sy) return { transform: free, guides: [] };
  const snapped = resizeFromHandle(t, handle, { x: p.x + (sx?.shift ?? 0), y: p.y + (sy?.shift ?? 0) }, keepAspect);
  const on = (edge: number, at: number) => Math.abs(edge - at) < SNAPPED_EPSILON_PX;
  const guides: Guide[] = [];
  if (sx && on(hx === 1 ? snapped.x + snapped.width : snapped.x, sx.at)) guides.push({ axis: 'x', at: sx.at });
  if (sy && on(hy === 1 ? snapped.y + snapped.height : snapped.y, sy.at)) guides.push({ axis: 'y', at: sy.at });
  return { transform: snapped, guides };
}

/** An edge this close to a line (output pixels) is drawn as on it. */
const SNAPPED_EPSILON_PX = 0.01;

/**
 * The item's transform with the pointer at `p`, and the snapping guides to draw.
 * Moves and resizes snap to the canvas and the other visible items within
 * SNAP_DISTANCE_SCREEN_PX; a crop converts to source pixels with the source's
 * `natural` size when known; Shift frees the aspect ratio when resizing and
 * snaps the angle when rotating.
 */
export function applyGesture(g: Gesture, items: readonly SceneItem[], canvas: Size, p: Point, scale: number, mods: Modifiers, natural: Size | null = null): { transform: Transform; guides: Guide[] } {
  const t = g.startTransform;
  switch (g.kind) {
    case 'move': {
      return moveBy(t, p.x - g.start.x, p.y - g.start.y, { targets: snapTargets(canvas, others(items, g.itemId)), threshold: SNAP_DISTANCE_SCREEN_PX / scale });
    }
    case 'resize':
      return snapResize(g.handle, t, p, snapTargets(canvas, others(items, g.itemId)), SNAP_DISTANCE_SCREEN_PX / scale, !mods.shift);
    case 'crop':
      return { transform: cropFromHandle(t, g.handle, p, sourceScale(t, natural)), guides: [] };
    case 'rotate':
      return { transform: rotateByPointer(t, t.rotationDeg, g.start, p, mods.shift), guides: [] };
  }
}
