/**
 * Scene requests: list, program, preview, create, remove, rename.
 *
 * As in OBS, the preview scene exists only in studio mode (506 otherwise), the
 * last scene cannot be removed (603), and a name already used by a scene or an
 * input cannot be given to another scene (601): scenes are found by name, so
 * two with one name would make every later request ambiguous.
 */
import { z } from 'zod';
import type { StudioState } from '../../../preload/contract/model';
import { NoFields, SceneSelector, callStudio, defineRequest, fail, findScene, getState, ok, type RequestDefinition } from './request-kit';
import { sameName, sceneListOf } from './obs-shapes';
import { RequestStatus } from './protocol';

const NewSceneName = z.string().min(1);

export const SCENE_REQUESTS: Record<string, RequestDefinition> = {
  GetSceneList: defineRequest(NoFields, async (ctx) => {
    const { collection: c } = await getState(ctx);
    const program = c.scenes.find((s) => s.id === c.programSceneId) ?? null;
    const preview = c.studioMode ? (c.scenes.find((s) => s.id === c.previewSceneId) ?? null) : null;
    return ok({
      currentProgramSceneName: program?.name ?? null,
      currentProgramSceneUuid: program?.id ?? null,
      currentPreviewSceneName: preview?.name ?? null,
      currentPreviewSceneUuid: preview?.id ?? null,
      scenes: sceneListOf(c),
    });
  }),

  // Groups are not a thing in our model; the empty list lets clients that ask move on.
  GetGroupList: defineRequest(NoFields, async () => ok({ groups: [] })),

  GetCurrentProgramScene: defineRequest(NoFields, async (ctx) => {
    const { collection: c } = await getState(ctx);
    const scene = c.scenes.find((s) => s.id === c.programSceneId);
    if (!scene) return fail(RequestStatus.RequestProcessingFailed, 'The studio has no program scene.');
    return ok({ sceneName: scene.name, sceneUuid: scene.id, currentProgramSceneName: scene.name, currentProgramSceneUuid: scene.id });
  }),

  SetCurrentProgramScene: defineRequest(SceneSelector, async (ctx, fields) => {
    const scene = findScene(await getState(ctx), fields);
    if (!scene.ok) return scene.result;
    const done = await callStudio(ctx, 'setProgramScene', { sceneId: scene.value.id });
    return done.ok ? ok() : done.result;
  }),

  GetCurrentPreviewScene: defineRequest(NoFields, async (ctx) => {
    const { collection: c } = await getState(ctx);
    if (!c.studioMode) return fail(RequestStatus.StudioModeNotActive, 'Studio mode is not enabled.');
    const scene = c.scenes.find((s) => s.id === c.previewSceneId);
    if (!scene) return fail(RequestStatus.RequestProcessingFailed, 'The studio has no preview scene.');
    return ok({ sceneName: scene.name, sceneUuid: scene.id, currentPreviewSceneName: scene.name, currentPreviewSceneUuid: scene.id });
  }),

  SetCurrentPreviewScene: defineRequest(SceneSelector, async (ctx, fields) => {
    const state = await getState(ctx);
    if (!state.collection.studioMode) return fail(RequestStatus.StudioModeNotActive, 'Studio mode is not enabled.');
    const scene = findScene(state, fields);
    if (!scene.ok) return scene.result;
    const done = await callStudio(ctx, 'setPreviewScene', { sceneId: scene.value.id });
    return done.ok ? ok() : done.result;
  }),

  CreateScene: defineRequest(z.object({ sceneName: NewSceneName }), async (ctx, { sceneName }) => {
    if (nameTaken(await getState(ctx), sceneName)) return fail(RequestStatus.ResourceAlreadyExists, 'A source already exists by that scene name.');
    const created = await callStudio(ctx, 'createScene', { name: sceneName });
    return created.ok ? ok({ sceneUuid: created.value.sceneId }) : created.result;
  }),

  RemoveScene: defineRequest(SceneSelector, async (ctx, fields) => {
    const state = await getState(ctx);
    const scene = findScene(state, fields);
    if (!scene.ok) return scene.result;
    if (state.collection.scenes.length < 2) return fail(RequestStatus.NotEnoughResources, 'You cannot remove the last scene in the collection.');
    const done = await callStudio(ctx, 'removeScene', { sceneId: scene.value.id });
    return done.ok ? ok() : done.result;
  }),

  SetSceneName: defineRequest(SceneSelector.extend({ newSceneName: NewSceneName }), async (ctx, fields) => {
    const state = await getState(ctx);
    const scene = findScene(state, fields);
    if (!scene.ok) return scene.result;
    if (nameTaken(state, fields.newSceneName, scene.value.id)) return fail(RequestStatus.ResourceAlreadyExists, 'A source already exists by that new scene name.');
    const done = await callStudio(ctx, 'renameScene', { sceneId: scene.value.id, name: fields.newSceneName });
    return done.ok ? ok() : done.result;
  }),
};

/** Scenes and inputs share OBS's name space: a new scene name must be free in both. */
function nameTaken(state: StudioState, name: string, exceptSceneId?: string): boolean {
  const { scenes, sources } = state.collection;
  return scenes.some((s) => s.id !== exceptSceneId && sameName(s.name, name)) || sources.some((s) => sameName(s.name, name));
}
