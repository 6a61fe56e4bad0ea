import { describe, expect, it } from 'vitest';
import { cropFromHandle, handlePoint, HANDLES, resizeFromHandle, sourceScale } from '../../../../../renderer/app/editing/handles';
import { box } from './boxes';

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);

describe('resizeFromHandle', () => {
  it('keeps the opposite corner still and the aspect ratio from a corner', () => {
    const t = box(100, 100, 200, 100);
    const r = resizeFromHandle(t, 'se', { x: 500, y: 220 }, true);
    // x stretch 2.0, y stretch 1.2: the larger wins.
    close(r.width, 400);
    close(r.height, 200);
    close(r.x, 100);
    close(r.y, 100);
  });

  it('frees the aspect ratio without the lock', () => {
    const r = resizeFromHandle(box(100, 100, 200, 100), 'nw', { x: 50, y: 80 }, false);
    expect([r.x, r.y, r.width, r.height].map((n) => Math.round(n))).toEqual([50, 80, 250, 120]);
  });

  it('scales the other side about the middle from an edge with the lock', () => {
    const r = resizeFromHandle(box(100, 100, 200, 100), 'e', { x: 500, y: 0 }, true);
    close(r.width, 400);
    close(r.height, 200);
    close(r.x, 100);
    close(r.y + r.height / 2, 150);
  });

  it('holds the opposite corner of a rotated item still on the output', () => {
    const t = box(100, 100, 200, 100, 30);
    for (const handle of HANDLES) {
      const opposite = HANDLES[(HANDLES.indexOf(handle) + 4) % 8]!;
      const anchor = handlePoint(t, opposite);
      const grabbed = handlePoint(t, handle);
      const r = resizeFromHandle(t, handle, { x: grabbed.x + 37, y: grabbed.y + 11 }, false);
      const after = handlePoint(r, opposite);
      close(after.x, anchor.x);
      close(after.y, anchor.y);
      expect(r.rotationDeg).toBe(30);
    }
  });

  it('keeps the aspect of a rotated item from a corner', () => {
    const t = box(100, 100, 160, 90, -45);
    const se = handlePoint(t, 'se');
    const r = resizeFromHandle(t, 'se', { x: se.x + 40, y: se.y + 5 }, true);
    close(r.width / r.height, 160 / 90);
    expect(r.width).toBeGreaterThan(160);
  });

  it('never turns an item inside out', () => {
    const r = resizeFromHandle(box(100, 100, 200, 100), 'e', { x: 0, y: 150 }, false);
    expect(r.width).toBe(1);
    close(r.x, 100);
  });
});

describe('cropFromHandle', () => {
  it('crops the left side: the box shrinks over a picture that stays put', () => {
    const r = cropFromHandle(box(100, 100, 200, 100), 'w', { x: 150, y: 120 });
    close(r.x, 150);
    close(r.width, 150);
    close(r.crop.left, 50);
    expect(r.height).toBe(100);
    expect(r.crop.right).toBe(0);
  });

  it('converts output pixels to source pixels', () => {
    const r = cropFromHandle(box(0, 0, 200, 100), 'se', { x: 180, y: 90 }, { x: 2, y: 4 });
    close(r.crop.right, 40);
    close(r.crop.bottom, 40);
    close(r.width, 180);
    close(r.height, 90);
  });

  it('uncrops back to the edge and no further', () => {
    const t = { ...box(150, 100, 150, 100), crop: { top: 0, right: 0, bottom: 0, left: 50 } };
    const r = cropFromHandle(t, 'w', { x: 0, y: 120 });
    close(r.crop.left, 0);
    close(r.x, 100);
    close(r.width, 200);
  });

  it('crops a rotated item along its own edge', () => {
    const t = box(0, 0, 200, 100, 90);
    const n = handlePoint(t, 'n');
    const s = handlePoint(t, 's');
    // Drag the top edge a quarter of the way towards the bottom edge.
    const r = cropFromHandle(t, 'n', { x: n.x + (s.x - n.x) / 4, y: n.y + (s.y - n.y) / 4 });
    close(r.crop.top, 25);
    close(r.height, 75);
    const sAfter = handlePoint(r, 's');
    close(sAfter.x, s.x);
    close(sAfter.y, s.y);
  });
});

describe('sourceScale', () => {
  it('is the kept part of the source over the item size, 1 when unknown', () => {
    const t = { ...box(0, 0, 320, 180), crop: { top: 0, right: 0, bottom: 0, left: 640 } };
    expect(sourceScale(t, { width: 1920, height: 1080 })).toEqual({ x: 4, y: 6 });
    expect(sourceScale(t, null)).toEqual({ x: 1, y: 1 });
  });
  it('makes a crop of a large picture cut the matching share of it', () => {
    const t = box(0, 0, 320, 180);
    const r = cropFromHandle(t, 'e', { x: 160, y: 90 }, sourceScale(t, { width: 1920, height: 1080 }));
    expect(r.crop.right).toBeCloseTo(960);
    expect(r.width).toBeCloseTo(160);
  });
});
