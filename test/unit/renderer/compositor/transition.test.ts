import { describe, expect, it } from 'vitest';
import { easeInOutCubic, slideOffsets, transitionFrame, transitionProgress, type ActiveTransition } from '../../../../renderer/compositor/shared/transition';

const t = (kind: ActiveTransition['kind']): ActiveTransition => ({ kind, fromSceneId: 'a', toSceneId: 'b', startUs: 1_000_000, durationUs: 1_000_000 });

describe('transition progress', () => {
  it('runs from 0 to 1 over the duration and clamps outside it', () => {
    expect(transitionProgress(-5, 100)).toBe(0);
    expect(transitionProgress(25, 100)).toBe(0.25);
    expect(transitionProgress(150, 100)).toBe(1);
    expect(transitionProgress(0, 0)).toBe(1);
  });

  it('eases symmetrically through the midpoint', () => {
    expect(easeInOutCubic(0)).toBe(0);
    expect(easeInOutCubic(0.5)).toBe(0.5);
    expect(easeInOutCubic(1)).toBe(1);
    expect(easeInOutCubic(0.25)).toBeCloseTo(1 - easeInOutCubic(0.75));
    expect(easeInOutCubic(0.1)).toBeLessThan(0.1);
  });
});

describe('transitionFrame', () => {
  it('cut: the new scene at once', () => {
    expect(transitionFrame(t('cut'), 1_000_000, 1280)).toEqual({ layers: [{ sceneId: 'b', offsetX: 0, alpha: 1 }], done: true, progress: 1 });
  });

  it('fade: the new scene over the old at the linear progress', () => {
    const start = transitionFrame(t('fade'), 1_000_000, 1280);
    expect(start.layers).toEqual([
      { sceneId: 'a', offsetX: 0, alpha: 1 },
      { sceneId: 'b', offsetX: 0, alpha: 0 },
    ]);
    const mid = transitionFrame(t('fade'), 1_500_000, 1280);
    expect(mid.layers[1]).toEqual({ sceneId: 'b', offsetX: 0, alpha: 0.5 });
    expect(mid.done).toBe(false);
    expect(transitionFrame(t('fade'), 2_000_000, 1280)).toMatchObject({ done: true, layers: [{ sceneId: 'b', alpha: 1 }] });
  });

  it('slide: the old scene leaves to the left as the new one comes in from the right', () => {
    expect(slideOffsets(0, 1280)).toEqual({ fromX: -0, toX: 1280 });
    expect(slideOffsets(0.5, 1280)).toEqual({ fromX: -640, toX: 640 });
    expect(slideOffsets(1, 1280)).toEqual({ fromX: -1280, toX: 0 });
    const quarter = transitionFrame(t('slide'), 1_250_000, 1280);
    const [from, to] = quarter.layers;
    expect(from!.offsetX + 1280).toBe(to!.offsetX); // the two scenes stay edge to edge
    expect(to!.offsetX).toBe(1280 - Math.round(easeInOutCubic(0.25) * 1280));
    expect(quarter.layers.every((l) => l.alpha === 1)).toBe(true);
  });
});
