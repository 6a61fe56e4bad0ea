import { describe, expect, it } from 'vitest';
import { SceneCollectionSchema, type SceneCollection, type Transform } from '../../../../../preload/contract/model';
import { rescaleCollection, scaleTransform } from '../../../../../main/studio/collection/rescale-ops';
import { CANVAS, fixture } from '../../../../helpers/collection-fixture';

const transforms = (c: SceneCollection): Transform[] => c.scenes.flatMap((s) => s.items.map((i) => i.transform));
const CROPPED: Transform = { x: 100, y: 50, width: 640, height: 360, rotationDeg: 15, crop: { top: 10, right: 20, bottom: 30, left: 40 } };

describe('rescaleCollection', () => {
  it('720p to 1080p: every position and size grows by 1.5, so items keep their share of the canvas', () => {
    const input = fixture();
    const out = rescaleCollection(input, CANVAS, { width: 1920, height: 1080 });
    const before = transforms(input);
    const after = transforms(out);
    expect(after).toHaveLength(before.length);
    after.forEach((t, i) => {
      const b = before[i]!;
      expect(t).toEqual({ ...b, x: b.x * 1.5, y: b.y * 1.5, width: b.width * 1.5, height: b.height * 1.5 });
      // The share of the canvas each edge sits at is unchanged.
      expect((t.x + t.width) / 1920).toBeCloseTo((b.x + b.width) / 1280, 10);
      expect((t.y + t.height) / 1080).toBeCloseTo((b.y + b.height) / 720, 10);
    });
    expect(SceneCollectionSchema.safeParse(out).success).toBe(true);
  });

  it('leaves crop (source pixels) and rotation as they were, and scales each axis by its own ratio', () => {
    expect(scaleTransform(CROPPED, 0.5, 2)).toEqual({ ...CROPPED, x: 50, y: 100, width: 320, height: 720 });
  });

  it('changes nothing but transforms: sources, names, ids, order, program scene', () => {
    const input = fixture();
    const out = rescaleCollection(input, CANVAS, { width: 640, height: 360 });
    const strip = (c: SceneCollection) => ({ ...c, scenes: c.scenes.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, transform: null })) })) });
    expect(strip(out)).toEqual(strip(input));
    expect(input).toEqual(fixture());
  });

  it('returns the very same collection when the size did not change (nothing to save)', () => {
    const input = fixture();
    expect(rescaleCollection(input, CANVAS, { ...CANVAS })).toBe(input);
  });

  it('round-trips: down to 360p and back up gives the original layout', () => {
    const input = fixture();
    const back = rescaleCollection(rescaleCollection(input, CANVAS, { width: 640, height: 360 }), { width: 640, height: 360 }, CANVAS);
    expect(transforms(back)).toEqual(transforms(input));
  });

  it('keeps a scaled transform inside the contract bounds (an item far off-canvas, a huge upscale)', () => {
    const far: Transform = { ...CROPPED, x: 90_000, width: 2, height: 2 };
    const up = scaleTransform(far, 7680 / 16, 1);
    const down = scaleTransform(far, 16 / 7680, 16 / 4320);
    expect(up.x).toBe(100_000);
    expect(down.width).toBe(1);
    expect(down.height).toBe(1);
  });
});
