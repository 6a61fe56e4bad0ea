import { describe, expect, it } from 'vitest';
import type { SceneItem, Transform } from '../../../../../preload/contract';
import { containsPoint, fromItemLocal, hitTest, itemCorners, letterbox, outputToScreen, screenToOutput, toItemLocal } from '../../../../../renderer/app/editing/geometry';
import { box } from './boxes';

const item = (id: string, t: Transform, extra: Partial<SceneItem> = {}): SceneItem => ({ id, sourceId: `s_${id}`, transform: t, opacity: 1, visible: true, locked: false, ...extra });

describe('letterbox mapping', () => {
  it('puts bars left and right when the box is wider than 16:9', () => {
    const lb = letterbox({ width: 1000, height: 360 }, { width: 1280, height: 720 });
    expect(lb.scale).toBeCloseTo(0.5);
    expect(lb.offsetX).toBeCloseTo(180);
    expect(lb.offsetY).toBeCloseTo(0);
  });

  it('puts bars top and bottom when the box is taller', () => {
    const lb = letterbox({ width: 640, height: 600 }, { width: 1280, height: 720 });
    expect(lb.scale).toBeCloseTo(0.5);
    expect(lb.offsetY).toBeCloseTo(120);
  });

  it('maps screen to output and back', () => {
    const lb = letterbox({ width: 1000, height: 360 }, { width: 1280, height: 720 });
    expect(screenToOutput({ x: 180, y: 0 }, lb)).toEqual({ x: 0, y: 0 });
    expect(screenToOutput({ x: 820, y: 360 }, lb)).toEqual({ x: 1280, y: 720 });
    const p = { x: 333, y: 99 };
    const back = outputToScreen(screenToOutput(p, lb), lb);
    expect(back.x).toBeCloseTo(p.x);
    expect(back.y).toBeCloseTo(p.y);
  });
});

describe('item frame', () => {
  it('rotates clockwise around the centre like the compositor', () => {
    const t = box(100, 100, 200, 100, 90);
    // The item's own top-left corner, turned 90° clockwise, lands at the top-right of the turned box.
    const [tl] = itemCorners(t);
    expect(tl.x).toBeCloseTo(250);
    expect(tl.y).toBeCloseTo(50);
    const p = { x: 17, y: 42 };
    const round = fromItemLocal(t, toItemLocal(t, p));
    expect(round.x).toBeCloseTo(17);
    expect(round.y).toBeCloseTo(42);
  });

  it('hit tests inside the rotated box, not its unrotated one', () => {
    const t = box(0, 0, 200, 20, 90); // a tall thin bar centred at (100, 10)
    expect(containsPoint(t, { x: 100, y: 90 })).toBe(true);
    expect(containsPoint(t, { x: 10, y: 10 })).toBe(false);
  });
});

describe('hitTest', () => {
  const bottom = item('a', box(0, 0, 100, 100));
  const top = item('b', box(50, 50, 100, 100));
  it('picks the top-most item under the point', () => {
    expect(hitTest([bottom, top], { x: 75, y: 75 })?.id).toBe('b');
    expect(hitTest([bottom, top], { x: 10, y: 10 })?.id).toBe('a');
    expect(hitTest([bottom, top], { x: 500, y: 500 })).toBeNull();
  });
  it('skips hidden and locked items', () => {
    expect(hitTest([bottom, { ...top, locked: true }], { x: 75, y: 75 })?.id).toBe('a');
    expect(hitTest([bottom, { ...top, visible: false }], { x: 75, y: 75 })?.id).toBe('a');
    expect(hitTest([{ ...bottom, locked: true }], { x: 10, y: 10 })).toBeNull();
  });
});
