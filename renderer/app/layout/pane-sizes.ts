/**
 * The sizes of the studio window's resizable panes: the left docks' width, the
 * right docks' width and the bottom (mixer) height, in CSS pixels. Pure: the
 * limits keep the monitors usable from a 1280x720 window up, whatever was
 * stored or dragged; what is read from storage is checked, not trusted.
 */
export interface PaneSizes {
  leftPx: number;
  rightPx: number;
  bottomPx: number;
}
export type Pane = keyof PaneSizes;

export const DEFAULT_PANE_SIZES: PaneSizes = { leftPx: 280, rightPx: 340, bottomPx: 150 };
/** Each pane's own bounds, px: narrower docks cut their controls, wider ones starve the monitors. */
export const PANE_LIMITS: Readonly<Record<Pane, { min: number; max: number }>> = {
  leftPx: { min: 200, max: 520 },
  rightPx: { min: 260, max: 600 },
  bottomPx: { min: 90, max: 600 },
};
/** The centre keeps at least this much width, px: what a mixer strip needs (its columns add up to about 560). */
export const MIN_CENTRE_WIDTH_PX = 560;
export const MIN_MONITOR_HEIGHT_PX = 200;
/** Splitters, gaps and padding around the panes, px (the layout's own chrome). */
export const CHROME_WIDTH_PX = 40;
export const CHROME_HEIGHT_PX = 80;
/** How far one arrow key moves a splitter, px (ten times with Shift). */
export const KEY_STEP_PX = 10;

export const STORAGE_KEY = 'onair.layout.panes';

/** The viewport the panes share. */
export interface Viewport {
  width: number;
  height: number;
}

function clamp(n: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, n)));
}

/**
 * `sizes` brought within each pane's bounds and then within the window: the
 * side docks give up width (the one being dragged last) before the centre goes
 * below MIN_CENTRE_WIDTH_PX; the bottom gives up height before the monitors do.
 */
export function fitPanes(sizes: PaneSizes, viewport: Viewport, dragging: Pane | null = null): PaneSizes {
  let leftPx = clamp(sizes.leftPx, PANE_LIMITS.leftPx.min, PANE_LIMITS.leftPx.max);
  let rightPx = clamp(sizes.rightPx, PANE_LIMITS.rightPx.min, PANE_LIMITS.rightPx.max);
  const spareWidth = viewport.width - CHROME_WIDTH_PX - MIN_CENTRE_WIDTH_PX;
  let over = leftPx + rightPx - spareWidth;
  if (over > 0) {
    // Take from the pane not being dragged first, so the one under the pointer follows it.
    const order: ('leftPx' | 'rightPx')[] = dragging === 'leftPx' ? ['rightPx', 'leftPx'] : ['leftPx', 'rightPx'];
    for (const pane of order) {
      const current = pane === 'leftPx' ? leftPx : rightPx;
      const give = Math.min(over, current - PANE_LIMITS[pane].min);
      if (pane === 'leftPx') leftPx -= give;
      else rightPx -= give;
      over -= give;
    }
  }
  const maxBottom = Math.max(PANE_LIMITS.bottomPx.min, viewport.height - CHROME_HEIGHT_PX - MIN_MONITOR_HEIGHT_PX);
  const bottomPx = clamp(sizes.bottomPx, PANE_LIMITS.bottomPx.min, Math.min(PANE_LIMITS.bottomPx.max, maxBottom));
  return { leftPx, rightPx, bottomPx };
}

/** Stored sizes, or the defaults for anything missing or malformed (a hand-edited or older value). */
export function parseStoredSizes(raw: string | null): PaneSizes {
  if (raw === null) return { ...DEFAULT_PANE_SIZES };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_PANE_SIZES };
  }
  const out = { ...DEFAULT_PANE_SIZES };
  if (typeof value !== 'object' || value === null) return out;
  for (const pane of Object.keys(DEFAULT_PANE_SIZES) as Pane[]) {
    const v = (value as Record<string, unknown>)[pane];
    if (typeof v === 'number' && Number.isFinite(v)) out[pane] = v;
  }
  return out;
}
