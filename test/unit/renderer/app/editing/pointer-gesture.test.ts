import { describe, expect, it } from 'vitest';
import type { SceneItem } from '../../../../../preload/contract';
import { handlePoint } from '../../../../../renderer/app/editing/handles';
import { applyGesture, cursorFor, rotateHandlePoint, startGesture } from '../../../../../renderer/app/editing/pointer-gesture';
import { box } from './boxes';

const canvas = { width: 1280, height: 720 };
const item = (id: string, x: number, y: number, extra: Partial<SceneItem> = {}): SceneItem => ({ id, sourceId: `s_${id}`, transform: box(x, y, 200, 100), opacity: 1, visible: true, locked: false, ...extra });
const none = { shift: false, alt: false };
/** Half a screen pixel per output pixel: a 640-wide monitor showing 1280. */
const SCALE = 0.5;

describe('startGesture', () => {
  const a = item('a', 100, 100);
  const b = item('b', 400, 300);

  it('grabs a handle of the selected item within the grab distance (screen pixels)', () => {
    const se = handlePoint(a.transform, 'se');
    expect(startGesture([a, b], a, { x: se.x + 10, y: se.y }, SCALE, none)).toMatchObject({ kind: 'resize', handle: 'se', itemId: 'a' });
    expect(startGesture([a, b], a, { x: se.x + 10, y: se.y }, SCALE, { shift: false, alt: true })).toMatchObject({ kind: 'crop', handle: 'se' });
    // 10 output px is 5 screen px at this scale; 30 output px is 15 screen px: too far.
    expect(startGesture([a, b], a, { x: se.x + 30, y: se.y + 30 }, SCALE, none)).toBeNull();
  });

  it('grabs the rotation handle above the top edge', () => {
    expect(startGesture([a], a, rotateHandlePoint(a.transform, SCALE), SCALE, none)).toMatchObject({ kind: 'rotate', itemId: 'a' });
  });

  it('moves the item under the pointer, or nothing on empty canvas; a locked selection has no handles', () => {
    expect(startGesture([a, b], a, { x: 450, y: 320 }, SCALE, none)).toMatchObject({ kind: 'move', itemId: 'b' });
    expect(startGesture([a, b], null, { x: 1000, y: 700 }, SCALE, none)).toBeNull();
    const locked = { ...a, locked: true };
    expect(startGesture([locked], locked, handlePoint(a.transform, 'se'), SCALE, none)).toBeNull();
  });
});

describe('applyGesture', () => {
  it('snaps a move onto another item within 8 screen pixels, not onto hidden ones', () => {
    const a = item('a', 100, 100);
    const b = item('b', 400, 300);
    const g = startGesture([a, b], null, { x: 150, y: 150 }, SCALE, none)!;
    // Right edge to 395 + 0: b's left edge is 5 output px (2.5 screen px) away.
    const moved = applyGesture(g, [a, b], canvas, { x: 150 + 95, y: 150 + 33 }, SCALE, none);
    expect(moved.transform.x).toBe(200);
    expect(moved.guides).toContainEqual({ axis: 'x', at: 400 });
    const unsnapped = applyGesture(g, [a, { ...b, visible: false }], canvas, { x: 150 + 95, y: 150 + 33 }, SCALE, none);
    expect(unsnapped.transform.x).toBe(195);
  });

  it('resizes with the aspect kept unless Shift, and rotates in 15° steps with Shift', () => {
    const a = item('a', 100, 100);
    const g = startGesture([a], a, handlePoint(a.transform, 'e'), SCALE, none)!;
    expect(applyGesture(g, [a], canvas, { x: 500, y: 150 }, SCALE, none).transform).toMatchObject({ width: 400, height: 200 });
    expect(applyGesture(g, [a], canvas, { x: 500, y: 150 }, SCALE, { shift: true, alt: false }).transform).toMatchObject({ width: 400, height: 100 });
    const r = startGesture([a], a, rotateHandlePoint(a.transform, SCALE), SCALE, none)!;
    expect(applyGesture(r, [a], canvas, { x: 400, y: 160 }, SCALE, { shift: true, alt: false }).transform.rotationDeg).toBe(90);
  });
});

describe('cursorFor', () => {
  it('shows what a press would do', () => {
    const a = item('a', 100, 100);
    expect(cursorFor(startGesture([a], a, handlePoint(a.transform, 'ne'), SCALE, none))).toBe('nesw-resize');
    expect(cursorFor(startGesture([a], a, handlePoint(a.transform, 'ne'), SCALE, { shift: false, alt: true }))).toBe('crosshair');
    expect(cursorFor(startGesture([a], a, { x: 200, y: 150 }, SCALE, none))).toBe('move');
    expect(cursorFor(startGesture([a], a, { x: 900, y: 600 }, SCALE, none))).toBe('default');
  });
});

describe('resize snapping', () => {
  const a = item('a', 100, 100);
  const g = startGesture([a], a, handlePoint(a.transform, 'se'), SCALE, none)!;
  it('pulls a dragged edge onto a line within 8 screen pixels and shows it', () => {
    const free = applyGesture(g, [a], canvas, { x: 635, y: 300 }, SCALE, { shift: true, alt: false });
    expect(free.transform).toMatchObject({ x: 100, y: 100, width: 540, height: 200 });
    expect(free.guides).toEqual([{ axis: 'x', at: 640 }]);
  });
  it('keeps the aspect ratio: the leading edge lands on the line', () => {
    const locked = applyGesture(g, [a], canvas, { x: 635, y: 150 }, SCALE, none);
    expect(locked.transform.width).toBeCloseTo(540);
    expect(locked.transform.height).toBeCloseTo(270);
    expect(locked.guides).toEqual([{ axis: 'x', at: 640 }]);
  });
  it('leaves a rotated item alone', () => {
    const turned = { ...a, transform: { ...a.transform, rotationDeg: 10 } };
    const r = startGesture([turned], turned, handlePoint(turned.transform, 'se'), SCALE, none)!;
    expect(applyGesture(r, [turned], canvas, { x: 635, y: 150 }, SCALE, none).guides).toEqual([]);
  });
});
