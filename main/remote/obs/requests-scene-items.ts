/**
 * Scene item requests: list, find by source, show/hide, lock, index.
 * Items are addressed by scene (name or uuid) plus the integer sceneItemId
 * that SceneItemIds gave them (see item-ids.ts).
 */
import { z } from 'zod';
import type { Scene, SceneItem } from '../../../preload/contract/model';
import {
  SceneSelector,
  callStudio,
  defineRequest,
  fail,
  findScene,
  getState,
  ok,
  refused,
  type Outcome,
  type RequestContext,
  type RequestDefinition,
  type RequestResult,
} from './request-kit';
import { sceneItemListOf } from './obs-shapes';
import { RequestStatus } from './protocol';

const ItemSelector = SceneSelector.extend({ sceneItemId: z.number().int().min(0) });
type ItemFields = z.output<typeof ItemSelector>;

interface FoundItem {
  scene: Scene;
  item: SceneItem;
  index: number;
}

async function findItem(ctx: RequestContext, fields: ItemFields): Promise<Outcome<FoundItem>> {
  const state = await getState(ctx);
  const scene = findScene(state, fields);
  if (!scene.ok) return scene;
  // Numbers are handed out as items are first seen; make sure this state's items have theirs.
  ctx.ids.register(state.collection.scenes);
  const ref = ctx.ids.refFor(fields.sceneItemId);
  const index = ref && ref.sceneId === scene.value.id ? scene.value.items.findIndex((i) => i.id === ref.itemId) : -1;
  const item = scene.value.items[index];
  if (item === undefined) {
    return refused(RequestStatus.ResourceNotFound, `No scene items were found in scene \`${scene.value.name}\` with the ID \`${fields.sceneItemId}\`.`);
  }
  return { ok: true, value: { scene: scene.value, item, index } };
}

function withItem(ctx: RequestContext, fields: ItemFields, f: (found: FoundItem) => Promise<RequestResult>): Promise<RequestResult> {
  return findItem(ctx, fields).then((found) => (found.ok ? f(found.value) : found.result));
}

async function patchItem(ctx: RequestContext, found: FoundItem, patch: { visible?: boolean; locked?: boolean }): Promise<RequestResult> {
  const done = await callStudio(ctx, 'updateSceneItem', { sceneId: found.scene.id, itemId: found.item.id, patch });
  return done.ok ? ok() : done.result;
}

export const SCENE_ITEM_REQUESTS: Record<string, RequestDefinition> = {
  GetSceneItemList: defineRequest(SceneSelector, async (ctx, fields) => {
    const state = await getState(ctx);
    const scene = findScene(state, fields);
    if (!scene.ok) return scene.result;
    return ok({ sceneItems: sceneItemListOf(scene.value, state.collection.sources, ctx.ids) });
  }),

  GetSceneItemId: defineRequest(
    SceneSelector.extend({ sourceName: z.string().min(1), searchOffset: z.number().int().min(-1).nullish() }),
    async (ctx, fields) => {
      const state = await getState(ctx);
      const scene = findScene(state, fields);
      if (!scene.ok) return scene.result;
      const sourceIds = new Set(state.collection.sources.filter((s) => s.name === fields.sourceName).map((s) => s.id));
      const matches = scene.value.items.filter((i) => sourceIds.has(i.sourceId));
      // -1 is the last (top) match; n >= 0 skips n matches from the bottom.
      const offset = fields.searchOffset ?? 0;
      const item = offset === -1 ? matches[matches.length - 1] : matches[offset];
      if (item === undefined) return fail(RequestStatus.ResourceNotFound, 'No scene items were found in the specified scene by that name or offset.');
      return ok({ sceneItemId: ctx.ids.numberFor(scene.value.id, item.id) });
    },
  ),

  GetSceneItemEnabled: defineRequest(ItemSelector, (ctx, fields) => withItem(ctx, fields, async ({ item }) => ok({ sceneItemEnabled: item.visible }))),

  SetSceneItemEnabled: defineRequest(ItemSelector.extend({ sceneItemEnabled: z.boolean() }), (ctx, fields) =>
    withItem(ctx, fields, (found) => patchItem(ctx, found, { visible: fields.sceneItemEnabled })),
  ),

  GetSceneItemLocked: defineRequest(ItemSelector, (ctx, fields) => withItem(ctx, fields, async ({ item }) => ok({ sceneItemLocked: item.locked }))),

  SetSceneItemLocked: defineRequest(ItemSelector.extend({ sceneItemLocked: z.boolean() }), (ctx, fields) =>
    withItem(ctx, fields, (found) => patchItem(ctx, found, { locked: fields.sceneItemLocked })),
  ),

  GetSceneItemIndex: defineRequest(ItemSelector, (ctx, fields) => withItem(ctx, fields, async ({ index }) => ok({ sceneItemIndex: index }))),
};
