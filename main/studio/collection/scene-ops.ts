/**
 * Scenes: create, remove, rename, duplicate, reorder; which scene is on program
 * and on preview; studio mode and the transition. Pure functions (see common.ts).
 *
 * Program and preview: with studio mode off there is no separate preview, so
 * `previewSceneId` always equals `programSceneId`. With it on, the preview is
 * picked freely and a transition swaps the two (OBS's default behaviour).
 */
import { TransitionSchema, type Scene, type SceneCollection, type Transition } from '../../../preload/contract/model';
import { StudioError } from '../../../preload/contract/errors';
import { formatZodError } from '../persistence/zod-error';
import { ID_PREFIX, MAX_SCENES, byName, checkName, findScene, firstFreeName, fitName, mintId, mintIds, reorderByIds, sameName, type NewId } from './common';

export interface SceneResult {
  collection: SceneCollection;
  sceneId: string;
}

export function createScene(c: SceneCollection, name: string, newId: NewId): SceneResult {
  const trimmed = checkUnusedSceneName(c, checkName(name, 'scene'));
  checkRoomForScene(c);
  const sceneId = mintId(c, newId, ID_PREFIX.scene);
  return { collection: { ...c, scenes: [...c.scenes, { id: sceneId, name: trimmed, items: [] }] }, sceneId };
}

/**
 * Removes a scene. Its sources stay in the collection (other scenes may use them,
 * and removeSource is how a source goes for good). Program or preview on the
 * removed scene move to the scene that takes its place in the list, or the one
 * before it when it was last.
 */
export function removeScene(c: SceneCollection, sceneId: string): SceneCollection {
  const scene = findScene(c, sceneId);
  if (c.scenes.length === 1) {
    throw new StudioError('CONFLICT', 'A collection needs at least one scene: add another scene before removing this one.', `sceneId=${sceneId}`);
  }
  const index = c.scenes.indexOf(scene);
  const scenes = c.scenes.filter((s) => s.id !== sceneId);
  const neighbour = (scenes[index] ?? scenes[index - 1] ?? scenes[0])!.id;
  const move = (id: string) => (id === sceneId ? neighbour : id);
  return { ...c, scenes, programSceneId: move(c.programSceneId), previewSceneId: move(c.previewSceneId) };
}

export function renameScene(c: SceneCollection, sceneId: string, name: string): SceneCollection {
  const scene = findScene(c, sceneId);
  const trimmed = checkUnusedSceneName(c, checkName(name, 'scene'), sceneId);
  return { ...c, scenes: c.scenes.map((s) => (s === scene ? { ...s, name: trimmed } : s)) };
}

/**
 * Copies a scene right after the original: same sources (shared, as OBS's
 * "duplicate" does), new item ids. Without a name it becomes "X (copy)", then
 * "X (copy 2)"...
 */
export function duplicateScene(c: SceneCollection, sceneId: string, name: string | undefined, newId: NewId): SceneResult {
  const original = findScene(c, sceneId);
  const copyName =
    name === undefined
      ? firstFreeName(
          c.scenes.map((s) => s.name),
          (n) => fitName(original.name, n === 1 ? ' (copy)' : ` (copy ${n})`),
        )
      : checkUnusedSceneName(c, checkName(name, 'scene'));
  checkRoomForScene(c);
  const [copyId, ...itemIds] = mintIds(c, newId, [ID_PREFIX.scene, ...original.items.map(() => ID_PREFIX.item)]);
  const copy: Scene = { id: copyId!, name: copyName, items: original.items.map((item, i) => ({ ...item, id: itemIds[i]! })) };
  const index = c.scenes.indexOf(original);
  return { collection: { ...c, scenes: [...c.scenes.slice(0, index + 1), copy, ...c.scenes.slice(index + 1)] }, sceneId: copy.id };
}

export function reorderScenes(c: SceneCollection, sceneIds: readonly string[]): SceneCollection {
  return { ...c, scenes: reorderByIds(c.scenes, sceneIds, 'scene') };
}

/** Puts a scene on program, cutting straight to it; with studio mode off the preview follows. */
export function setProgramScene(c: SceneCollection, sceneId: string): SceneCollection {
  findScene(c, sceneId);
  return { ...c, programSceneId: sceneId, previewSceneId: c.studioMode ? c.previewSceneId : sceneId };
}

/** Picks the preview scene; only meaningful in studio mode (obs-websocket refuses it too). */
export function setPreviewScene(c: SceneCollection, sceneId: string): SceneCollection {
  findScene(c, sceneId);
  if (!c.studioMode) {
    throw new StudioError('CONFLICT', 'Studio mode is off: turn it on to choose a preview scene.', `sceneId=${sceneId}`);
  }
  return { ...c, previewSceneId: sceneId };
}

/** Either way the preview starts as (or goes back to being) the program scene. */
export function setStudioMode(c: SceneCollection, enabled: boolean): SceneCollection {
  return { ...c, studioMode: enabled, previewSceneId: c.programSceneId };
}

export function setTransition(c: SceneCollection, transition: Transition): SceneCollection {
  const parsed = TransitionSchema.safeParse(transition);
  if (!parsed.success) {
    throw new StudioError('BAD_REQUEST', `That transition cannot be used: ${formatZodError(parsed.error)}.`, JSON.stringify(transition));
  }
  return { ...c, transition: parsed.data };
}

/** Studio mode's "Transition": preview goes to program and the old program waits on preview. */
export function transitionPreviewToProgram(c: SceneCollection): SceneCollection {
  if (!c.studioMode) {
    throw new StudioError('CONFLICT', 'Studio mode is off: pick a scene to switch to it directly, or turn studio mode on first.', 'transition without studio mode');
  }
  return { ...c, programSceneId: c.previewSceneId, previewSceneId: c.programSceneId };
}

export function sceneByName(c: SceneCollection, name: string): Scene | undefined {
  return byName(c.scenes, name);
}

function checkUnusedSceneName(c: SceneCollection, name: string, exceptSceneId?: string): string {
  if (c.scenes.some((s) => s.id !== exceptSceneId && sameName(s.name, name))) {
    throw new StudioError('BAD_REQUEST', `A scene named "${name}" already exists: choose another name.`, `name=${JSON.stringify(name)}`);
  }
  return name;
}

function checkRoomForScene(c: SceneCollection): void {
  if (c.scenes.length >= MAX_SCENES) {
    throw new StudioError('CONFLICT', `A collection holds at most ${MAX_SCENES} scenes: remove one before adding another.`, `scenes=${c.scenes.length}`);
  }
}
