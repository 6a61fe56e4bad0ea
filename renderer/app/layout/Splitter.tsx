/**
 * A draggable bar between two panes, and a keyboard path to the same: it is a
 * focusable separator whose arrow keys move it (Shift for bigger steps), as
 * WAI-ARIA's window splitter pattern describes. `sizeOf` turns a pointer
 * position into the pane's new size, so one splitter serves every edge.
 */
import type { KeyboardEvent, PointerEvent } from 'react';
import { KEY_STEP_PX, PANE_LIMITS, type Pane } from './pane-sizes';

export interface SplitterProps {
  pane: Pane;
  label: string;
  size: number;
  orientation: 'vertical' | 'horizontal';
  /** +1 when moving the bar right/down grows the pane, -1 when it shrinks it. */
  growsWith: 1 | -1;
  /** The pane's size for a pointer at (clientX, clientY). */
  sizeOf(clientX: number, clientY: number): number;
  onResize(pane: Pane, px: number): void;
}

export function Splitter({ pane, label, size, orientation, growsWith, sizeOf, onResize }: SplitterProps) {
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
    onResize(pane, sizeOf(e.clientX, e.clientY));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    const step = (e.shiftKey ? 10 : 1) * KEY_STEP_PX;
    let next: number | null = null;
    if (e.key === forward) next = size + growsWith * step;
    else if (e.key === back) next = size - growsWith * step;
    else if (e.key === 'Home') next = PANE_LIMITS[pane].min;
    else if (e.key === 'End') next = PANE_LIMITS[pane].max;
    if (next === null) return;
    e.preventDefault();
    onResize(pane, next);
  };
  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={size}
      aria-valuemin={PANE_LIMITS[pane].min}
      aria-valuemax={PANE_LIMITS[pane].max}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onKeyDown={onKeyDown}
    />
  );
}
