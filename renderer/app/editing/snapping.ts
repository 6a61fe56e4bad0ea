/**
 * Snapping while an item is dragged: its left, centre and right (top, middle,
 * bottom) are pulled onto the canvas edges and centre lines and onto the other
 * items' edges and centres when within a threshold, one line per axis (the
 * nearest), and the lines it snapped to are returned so the monitor can draw
 * them. Pure; works on the axis-aligned box the item covers once rotated.
 * Resizing snaps the dragged edges the same way (pointer-gesture.ts).
 */
import type { Rect } from '../../compositor/shared/transform';
import type { Size } from './geometry';

/** How close, in screen pixels, an edge must come to a line to snap onto it. */
export const SNAP_DISTANCE_SCREEN_PX = 8;

/** A guide line: vertical at x = `at` (axis 'x') or horizontal at y = `at` (axis 'y'), in output pixels. */
export interface Guide {
  axis: 'x' | 'y';
  at: number;
}

export interface SnapTargets {
  xs: number[];
  ys: number[];
}

export interface Snap {
  dx: number;
  dy: number;
  guides: Guide[];
}

/** The lines an item can snap to: the canvas's edges and centre, and each other item's edges and centre. */
export function snapTargets(canvas: Size, others: readonly Rect[]): SnapTargets {
  const xs = [0, canvas.width / 2, canvas.width];
  const ys = [0, canvas.height / 2, canvas.height];
  for (const r of others) {
    xs.push(r.x, r.x + r.width / 2, r.x + r.width);
    ys.push(r.y, r.y + r.height / 2, r.y + r.height);
  }
  return { xs, ys };
}

/** The nearest (line, own edge) pair on one axis within `threshold`, as the shift to apply. */
export function nearest(edges: readonly number[], lines: readonly number[], threshold: number): { shift: number; at: number } | null {
  let best: { shift: number; at: number } | null = null;
  for (const line of lines) {
    for (const edge of edges) {
      const shift = line - edge;
      if (Math.abs(shift) <= threshold && (!best || Math.abs(shift) < Math.abs(best.shift))) best = { shift, at: line };
    }
  }
  return best;
}

/** How far to shift `box` so one of its edges or its centre lies on a target line, per axis; `threshold` in output pixels. */
export function snapBox(box: Rect, targets: SnapTargets, threshold: number): Snap {
  const x = nearest([box.x, box.x + box.width / 2, box.x + box.width], targets.xs, threshold);
  const y = nearest([box.y, box.y + box.height / 2, box.y + box.height], targets.ys, threshold);
  const guides: Guide[] = [];
  if (x) guides.push({ axis: 'x', at: x.at });
  if (y) guides.push({ axis: 'y', at: y.at });
  return { dx: x?.shift ?? 0, dy: y?.shift ?? 0, guides };
}
