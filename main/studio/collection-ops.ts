/**
 * Every operation on a SceneCollection, in one import: pure functions that take
 * a collection and return a new one, throwing a StudioError (NOT_FOUND, CONFLICT,
 * BAD_REQUEST) when the change cannot be made. Split by subject under
 * ./collection/ to keep each file small.
 */
export { ID_PREFIX, MAX_ITEMS_PER_SCENE, MAX_SCENES, MAX_SOURCES, type Canvas, type NewId } from './collection/common';
export {
  createScene,
  duplicateScene,
  removeScene,
  renameScene,
  reorderScenes,
  sceneByName,
  setPreviewScene,
  setProgramScene,
  setStudioMode,
  setTransition,
  transitionPreviewToProgram,
  type SceneResult,
} from './collection/scene-ops';
export {
  DEFAULT_AUDIO,
  addExistingSource,
  addSource,
  defaultTransform,
  removeSource,
  sourceByName,
  updateSource,
  type AddSourceResult,
  type SourcePatch,
} from './collection/source-ops';
export { removeSceneItem, reorderSceneItems, updateSceneItem, type SceneItemPatch } from './collection/item-ops';
export { rescaleCollection, scaleTransform } from './collection/rescale-ops';
