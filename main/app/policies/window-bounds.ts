/**
 * Where the main window reopens. The saved bounds are used when enough of the
 * window would land on a display that exists now: monitors get unplugged, and a
 * window restored onto a screen that is gone cannot be found or moved.
 */
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const SavedWindowStateSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
export type SavedWindowState = z.infer<typeof SavedWindowStateSchema>;

/** How much of the window (its title bar region) must be on some display to trust the saved position, px. */
export const MIN_VISIBLE_PX = 96;

export interface RestoredWindow {
  /** x/y omitted: let Electron centre the window. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
  fullScreen: boolean;
}

export function restoreWindow(
  saved: SavedWindowState | null,
  workAreas: readonly Rect[],
  defaults: { width: number; height: number },
  minimum: { width: number; height: number },
): RestoredWindow {
  const fresh: RestoredWindow = { bounds: fitSize(defaults, workAreas[0], minimum), maximized: false, fullScreen: false };
  if (!saved) return fresh;
  const b = saved.bounds;
  const home = workAreas.find((area) => overlap(titleBar(b), area) >= MIN_VISIBLE_PX * Math.min(MIN_VISIBLE_PX, b.height));
  if (!home) return { ...fresh, maximized: saved.maximized };
  const size = fitSize(b, home, minimum);
  return { bounds: { x: b.x, y: b.y, ...size }, maximized: saved.maximized, fullScreen: saved.fullScreen };
}

/** The top strip of the window, where the user grabs it. */
function titleBar(b: Rect): Rect {
  return { x: b.x, y: b.y, width: b.width, height: Math.min(MIN_VISIBLE_PX, b.height) };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The size, no larger than the display's work area and no smaller than the minimum. */
function fitSize(size: { width: number; height: number }, area: Rect | undefined, minimum: { width: number; height: number }): { width: number; height: number } {
  const maxW = area ? area.width : size.width;
  const maxH = area ? area.height : size.height;
  return { width: Math.max(minimum.width, Math.min(size.width, maxW)), height: Math.max(minimum.height, Math.min(size.height, maxH)) };
}
