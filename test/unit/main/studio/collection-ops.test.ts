/**
 * The collection-ops surface as a whole: every operation is exported, and none
 * mutates the collection it is given. Each subject's behaviour is tested beside
 * its source file's mirror (test/unit/main/studio/collection/).
 */
import { describe, expect, it } from 'vitest';
import { SceneCollectionSchema, type SceneCollection } from '../../../../preload/contract/model';
import * as ops from '../../../../main/studio/collection-ops';
import { CANVAS, counterIds, fixture } from '../../../helpers/collection-fixture';

const OPERATIONS: Record<string, (c: SceneCollection) => SceneCollection> = {
  createScene: (c) => ops.createScene(c, 'New', counterIds()).collection,
  removeScene: (c) => ops.removeScene(c, 'sc_intro'),
  renameScene: (c) => ops.renameScene(c, 'sc_intro', 'Opening'),
  duplicateScene: (c) => ops.duplicateScene(c, 'sc_intro', undefined, counterIds()).collection,
  reorderScenes: (c) => ops.reorderScenes(c, ['sc_outro', 'sc_talk', 'sc_intro']),
  setProgramScene: (c) => ops.setProgramScene(c, 'sc_talk'),
  setPreviewScene: (c) => ops.setPreviewScene(ops.setStudioMode(c, true), 'sc_talk'),
  setStudioMode: (c) => ops.setStudioMode(c, true),
  setTransition: (c) => ops.setTransition(c, { kind: 'slide', durationMs: 500 }),
  transitionPreviewToProgram: (c) => ops.transitionPreviewToProgram({ ...c, studioMode: true, previewSceneId: 'sc_talk' }),
  addSource: (c) => ops.addSource(c, 'sc_intro', { name: 'Logo', kind: 'image', settings: { src: '/tmp/logo.png' } }, CANVAS, undefined, counterIds()).collection,
  addExistingSource: (c) => ops.addExistingSource(c, 'sc_outro', 'src_cam', CANVAS, counterIds()).collection,
  updateSource: (c) => ops.updateSource(c, 'src_title', { name: 'Caption', settings: { text: 'Bye' }, audio: { muted: true } }),
  removeSource: (c) => ops.removeSource(c, 'src_bg'),
  updateSceneItem: (c) => ops.updateSceneItem(c, 'sc_intro', 'it_title', { transform: { x: 5 }, visible: true }),
  removeSceneItem: (c) => ops.removeSceneItem(c, 'sc_intro', 'it_bg'),
  reorderSceneItems: (c) => ops.reorderSceneItems(c, 'sc_intro', ['it_title', 'it_cam', 'it_bg']),
  rescaleCollection: (c) => ops.rescaleCollection(c, CANVAS, { width: 640, height: 360 }),
};

describe('collection-ops', () => {
  it('exports every operation, and the name lookups', () => {
    for (const name of [...Object.keys(OPERATIONS), 'sceneByName', 'sourceByName']) expect(typeof (ops as Record<string, unknown>)[name], name).toBe('function');
  });

  it('works on deep-frozen input, so a mutation would throw', () => {
    const frozen = fixture();
    expect(() => {
      (frozen.scenes[0]!.items[0]!.transform as { x: number }).x = 3;
    }).toThrow(TypeError);
  });

  it.each(Object.entries(OPERATIONS))('%s returns a new, valid collection and leaves its input as it was', (_, op) => {
    const input = fixture();
    const output = op(input);
    expect(output).not.toBe(input);
    expect(output).not.toEqual(input);
    expect(input).toEqual(fixture());
    expect(SceneCollectionSchema.safeParse(output).success).toBe(true);
  });
});
