/**
 * Keeping a layout when the output size changes. Transforms are in output
 * pixels, so a collection made for 1280x720 would fill only a corner of a
 * 1920x1080 canvas (or spill off a 640x360 one); scaling every item by the
 * ratio of the sizes keeps each where it was, as a share of the canvas.
 *
 * Only the size and position scale: crop is measured in the source's own
 * pixels (the camera still sends 1280x720 whatever the output is) and rotation
 * is an angle. Text keeps its font size: the compositor draws each item
 * stretched to its box, so the box alone decides how big the words look.
 */
import type { SceneCollection, SceneItem, Transform } from '../../../preload/contract/model';
import { TransformSchema } from '../../../preload/contract/model';
import type { Canvas } from './common';

// The contract's bounds, so a scaled transform stays a valid one (a huge upscale of an item already far off-canvas).
const POSITION_LIMIT = TransformSchema.shape.x.maxValue ?? 100_000;
const SIZE_MIN = TransformSchema.shape.width.minValue ?? 1;
const SIZE_MAX = TransformSchema.shape.width.maxValue ?? 100_000;

/**
 * The collection laid out for `to` instead of `from`: x and width scale by the
 * width ratio, y and height by the height ratio. The same collection (not a
 * copy) when the size did not change, so callers can skip saving it.
 */
export function rescaleCollection(c: SceneCollection, from: Canvas, to: Canvas): SceneCollection {
  if (from.width === to.width && from.height === to.height) return c;
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  const scaleItem = (item: SceneItem): SceneItem => ({ ...item, transform: scaleTransform(item.transform, sx, sy) });
  return { ...c, scenes: c.scenes.map((scene) => ({ ...scene, items: scene.items.map(scaleItem) })) };
}

export function scaleTransform(t: Transform, sx: number, sy: number): Transform {
  return {
    ...t,
    x: clamp(t.x * sx, -POSITION_LIMIT, POSITION_LIMIT),
    y: clamp(t.y * sy, -POSITION_LIMIT, POSITION_LIMIT),
    width: clamp(t.width * sx, SIZE_MIN, SIZE_MAX),
    height: clamp(t.height * sy, SIZE_MIN, SIZE_MAX),
  };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
