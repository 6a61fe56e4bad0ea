import { describe, expect, it } from 'vitest';
import { snapBox, snapTargets } from '../../../../../renderer/app/editing/snapping';
import { centreOnScreen, fitToScreen, moveBy, normaliseDeg, nudge, resetTransform, rotateByPointer, stretchToScreen } from '../../../../../renderer/app/editing/transform-ops';
import { box } from './boxes';

const canvas = { width: 1280, height: 720 };

describe('snapping', () => {
  const targets = snapTargets(canvas, [{ x: 600, y: 300, width: 100, height: 100 }]);
  it('pulls a near edge onto the canvas edge and names the guide', () => {
    const s = snapBox({ x: 6, y: 200, width: 100, height: 50 }, targets, 8);
    expect(s.dx).toBe(-6);
    expect(s.dy).toBe(0);
    expect(s.guides).toEqual([{ axis: 'x', at: 0 }]);
  });
  it('pulls the centre onto the canvas centre lines', () => {
    const s = snapBox({ x: 585, y: 303, width: 100, height: 100 }, snapTargets(canvas, []), 8);
    expect(s.dx).toBe(5);
    expect(s.dy).toBe(7);
    expect(s.guides).toEqual([{ axis: 'x', at: 640 }, { axis: 'y', at: 360 }]);
  });
  it("snaps to another item's edge, the nearest line winning", () => {
    const s = snapBox({ x: 703, y: 10, width: 50, height: 50 }, targets, 8);
    expect(s.dx).toBe(-3);
    expect(s.guides[0]).toEqual({ axis: 'x', at: 700 });
  });
  it('leaves a box alone beyond the threshold', () => {
    expect(snapBox({ x: 100, y: 100, width: 50, height: 50 }, targets, 8)).toEqual({ dx: 0, dy: 0, guides: [] });
  });
  it('moves then snaps the rotated footprint', () => {
    const { transform, guides } = moveBy(box(100, 100, 200, 100, 90), -145, 0, { targets: snapTargets(canvas, []), threshold: 8 });
    // Turned 90°, the box covers x from 150 - 145 = 5: its left edge snaps to 0.
    expect(transform.x).toBeCloseTo(-50);
    expect(guides).toContainEqual({ axis: 'x', at: 0 });
  });
});

describe('nudge and rotate', () => {
  it('nudges 1 px, 10 with Shift', () => {
    expect(nudge(box(10, 10, 5, 5), 'ArrowLeft', false).x).toBe(9);
    expect(nudge(box(10, 10, 5, 5), 'ArrowDown', true).y).toBe(20);
  });
  it('rotates by the pointer turn around the centre, snapping to 15° with Shift', () => {
    const t = box(0, 0, 100, 100);
    const top = { x: 50, y: -50 };
    const right = { x: 150, y: 50 };
    expect(rotateByPointer(t, 0, top, right, false).rotationDeg).toBeCloseTo(90);
    const slightly = { x: 50 + 100 * Math.sin(0.3), y: 50 - 100 * Math.cos(0.3) }; // 17.2°
    expect(rotateByPointer(t, 0, top, slightly, true).rotationDeg).toBe(15);
    expect(rotateByPointer(t, 170, top, right, false).rotationDeg).toBeCloseTo(-100);
  });
  it('normalises angles into (-180, 180]', () => {
    expect(normaliseDeg(190)).toBe(-170);
    expect(normaliseDeg(-180)).toBe(180);
    expect(normaliseDeg(360)).toBe(0);
  });
});

describe('panel buttons', () => {
  it('fits with the aspect kept, centred', () => {
    expect(fitToScreen(box(10, 10, 400, 400, 30), canvas)).toMatchObject({ x: 280, y: 0, width: 720, height: 720, rotationDeg: 0 });
  });
  it('stretches over the canvas', () => {
    expect(stretchToScreen(box(10, 10, 400, 400), canvas)).toMatchObject({ x: 0, y: 0, width: 1280, height: 720 });
  });
  it('centres without resizing', () => {
    expect(centreOnScreen(box(0, 0, 280, 120), canvas)).toMatchObject({ x: 500, y: 300, width: 280, height: 120 });
  });
  it('resets position, rotation and crop, and the size to the source\'s own', () => {
    const r = resetTransform({ ...box(50, 60, 100, 100, 45), crop: { top: 1, right: 2, bottom: 3, left: 4 } }, { width: 640, height: 480 });
    expect(r).toEqual(box(0, 0, 640, 480));
  });
  it('keeps the item\'s size when the source has none of its own here (text, a capture not open)', () => {
    expect(resetTransform(box(50, 60, 100, 80, 45), null)).toEqual(box(0, 0, 100, 80));
  });
});
