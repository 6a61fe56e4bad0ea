/**
 * Whole-transform edits: move (with snapping), nudge, rotate, and the properties
 * panel's buttons (fit, stretch, centre, reset). Pure.
 */
import type { Transform } from '../../../preload/contract';
import { rotatedFootprint } from '../../compositor/shared/transform';
import { centreOf, type Point, type Size } from './geometry';
import { snapBox, type Guide, type SnapTargets } from './snapping';

/** Arrow keys move a selected item this far, in output pixels; with Shift, the larger step. */
export const NUDGE_PX = 1;
export const NUDGE_LARGE_PX = 10;
/** Shift while rotating snaps to multiples of this. */
export const ROTATION_SNAP_DEG = 15;

/** The item moved by (dx, dy) output pixels, then snapped when `snap` is given (threshold in output pixels). */
export function moveBy(t: Transform, dx: number, dy: number, snap?: { targets: SnapTargets; threshold: number }): { transform: Transform; guides: Guide[] } {
  const moved = { ...t, x: t.x + dx, y: t.y + dy };
  if (!snap) return { transform: moved, guides: [] };
  const s = snapBox(rotatedFootprint(moved), snap.targets, snap.threshold);
  return { transform: { ...moved, x: moved.x + s.dx, y: moved.y + s.dy }, guides: s.guides };
}

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

export function nudge(t: Transform, key: ArrowKey, large: boolean): Transform {
  const step = large ? NUDGE_LARGE_PX : NUDGE_PX;
  const [dx, dy] = key === 'ArrowLeft' ? [-step, 0] : key === 'ArrowRight' ? [step, 0] : key === 'ArrowUp' ? [0, -step] : [0, step];
  return { ...t, x: t.x + dx, y: t.y + dy };
}

/** An angle in degrees brought into (-180, 180]. */
export function normaliseDeg(deg: number): number {
  const r = ((deg % 360) + 360) % 360;
  return r > 180 ? r - 360 : r;
}

/**
 * The rotation after the rotation handle went from `from` to `to` (output
 * pixels), starting at `startDeg`: the pointer's turn around the item's centre,
 * snapped to ROTATION_SNAP_DEG with `snap`.
 */
export function rotateByPointer(t: Transform, startDeg: number, from: Point, to: Point, snap: boolean): Transform {
  const c = centreOf(t);
  const angle = (p: Point) => (Math.atan2(p.y - c.y, p.x - c.x) * 180) / Math.PI;
  let deg = normaliseDeg(startDeg + angle(to) - angle(from));
  if (snap) deg = normaliseDeg(Math.round(deg / ROTATION_SNAP_DEG) * ROTATION_SNAP_DEG);
  // Never -0: it would read as a change in the panel.
  return { ...t, rotationDeg: deg === 0 ? 0 : deg };
}

/** As large as fits on the canvas with its aspect ratio kept, centred. */
export function fitToScreen(t: Transform, canvas: Size): Transform {
  const s = Math.min(canvas.width / t.width, canvas.height / t.height);
  const width = t.width * s;
  const height = t.height * s;
  return { ...t, rotationDeg: 0, width, height, x: (canvas.width - width) / 2, y: (canvas.height - height) / 2 };
}

/** Covering the whole canvas, aspect ratio not kept. */
export function stretchToScreen(t: Transform, canvas: Size): Transform {
  return { ...t, rotationDeg: 0, x: 0, y: 0, width: canvas.width, height: canvas.height };
}

/** Its centre on the canvas's centre, size and rotation kept. */
export function centreOnScreen(t: Transform, canvas: Size): Transform {
  return { ...t, x: (canvas.width - t.width) / 2, y: (canvas.height - t.height) / 2 };
}

/**
 * Top-left corner, no rotation, no crop, and the source's own size (one source
 * pixel to one output pixel, as OBS resets). `natural` null (a capture not open
 * yet, empty text) keeps the item's size.
 */
export function resetTransform(t: Transform, natural: Size | null): Transform {
  const size = natural && natural.width > 0 && natural.height > 0 ? { width: natural.width, height: natural.height } : {};
  return { ...t, ...size, x: 0, y: 0, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } };
}

/** Pointer maths leaves long fractions; hundredths of a pixel are plenty in the studio's files and the panel. */
export function roundTransform(t: Transform): Transform {
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    x: r(t.x),
    y: r(t.y),
    width: Math.max(1, r(t.width)),
    height: Math.max(1, r(t.height)),
    rotationDeg: r(t.rotationDeg),
    crop: { top: r(t.crop.top), right: r(t.crop.right), bottom: r(t.crop.bottom), left: r(t.crop.left) },
  };
}
