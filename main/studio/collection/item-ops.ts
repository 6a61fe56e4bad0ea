/**
 * Scene items: move, resize, show, hide, lock, fade, remove and restack them.
 * Pure functions (see common.ts). Removing an item leaves its source in the
 * collection; removeSource is how a source goes for good.
 */
import type { z } from 'zod';
import { SceneItemSchema, type SceneCollection, type Transform } from '../../../preload/contract/model';
import type { METHODS } from '../../../preload/contract/methods';
import { StudioError } from '../../../preload/contract/errors';
import { formatZodError } from '../persistence/zod-error';
import { findItem, findScene, reorderByIds, withScene } from './common';
import { definedOnly } from './source-ops';

/** What updateSceneItem accepts: the contract's own patch shape (transform fields merged one by one). */
export type SceneItemPatch = z.infer<(typeof METHODS)['updateSceneItem']['params']>['patch'];

/**
 * Applies a patch to one item. A locked item keeps its place: a patch that would
 * move, resize, rotate or crop it is refused, unless the same patch unlocks it.
 * Visibility, opacity and the lock itself can always change.
 */
export function updateSceneItem(c: SceneCollection, sceneId: string, itemId: string, patch: SceneItemPatch): SceneCollection {
  const scene = findScene(c, sceneId);
  const item = findItem(scene, itemId);
  const { transform: transformPatch, ...rest } = patch;
  const transform: Transform = { ...item.transform, ...definedOnly(transformPatch ?? {}) };
  const stillLocked = item.locked && patch.locked !== false;
  if (stillLocked && !sameTransform(item.transform, transform)) {
    throw new StudioError('CONFLICT', 'This item is locked: unlock it to move it.', `sceneId=${sceneId} itemId=${itemId}`);
  }
  const parsed = SceneItemSchema.safeParse({ ...item, ...definedOnly(rest), transform });
  if (!parsed.success) {
    throw new StudioError('BAD_REQUEST', `That change to the item cannot be made: ${formatZodError(parsed.error)}.`, `sceneId=${sceneId} itemId=${itemId}`);
  }
  return withScene(c, { ...scene, items: scene.items.map((i) => (i.id === itemId ? parsed.data : i)) });
}

export function removeSceneItem(c: SceneCollection, sceneId: string, itemId: string): SceneCollection {
  const scene = findScene(c, sceneId);
  findItem(scene, itemId);
  return withScene(c, { ...scene, items: scene.items.filter((i) => i.id !== itemId) });
}

/** `itemIds` bottom first, as stored: later items are drawn over earlier ones. */
export function reorderSceneItems(c: SceneCollection, sceneId: string, itemIds: readonly string[]): SceneCollection {
  const scene = findScene(c, sceneId);
  return withScene(c, { ...scene, items: reorderByIds(scene.items, itemIds, `item of scene "${scene.name}"`) });
}

function sameTransform(a: Transform, b: Transform): boolean {
  return (
    a.x === b.x &&
    a.y === b.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.rotationDeg === b.rotationDeg &&
    a.crop.top === b.crop.top &&
    a.crop.right === b.crop.right &&
    a.crop.bottom === b.crop.bottom &&
    a.crop.left === b.crop.left
  );
}
