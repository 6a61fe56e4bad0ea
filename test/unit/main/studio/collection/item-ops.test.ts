import { describe, expect, it } from 'vitest';
import { SceneCollectionSchema, type SceneCollection } from '../../../../../preload/contract/model';
import { removeSceneItem, reorderSceneItems, updateSceneItem } from '../../../../../main/studio/collection-ops';
import { BOX, FULL, fixture, studioErrorOf } from '../../../../helpers/collection-fixture';

const item = (c: SceneCollection, sceneId: string, itemId: string) => c.scenes.find((s) => s.id === sceneId)!.items.find((i) => i.id === itemId)!;

describe('updateSceneItem', () => {
  it('merges a transform patch field by field', () => {
    const c = updateSceneItem(fixture(), 'sc_intro', 'it_title', { transform: { x: 10, crop: { top: 4, right: 0, bottom: 0, left: 0 } } });
    expect(item(c, 'sc_intro', 'it_title').transform).toEqual({ ...BOX, x: 10, crop: { top: 4, right: 0, bottom: 0, left: 0 } });
    SceneCollectionSchema.parse(c);
  });

  it('changes visibility, opacity and the lock, leaving the rest', () => {
    const c = updateSceneItem(fixture(), 'sc_intro', 'it_title', { visible: true, opacity: 0.25, locked: true });
    expect(item(c, 'sc_intro', 'it_title')).toEqual({ ...item(fixture(), 'sc_intro', 'it_title'), visible: true, opacity: 0.25, locked: true });
  });

  it('refuses to move a locked item', () => {
    const err = studioErrorOf(() => updateSceneItem(fixture(), 'sc_intro', 'it_cam', { transform: { x: 1 } }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe('This item is locked: unlock it to move it.');
  });

  it('lets a locked item be hidden, faded and unlocked, even when the patch repeats its transform', () => {
    const c = updateSceneItem(fixture(), 'sc_intro', 'it_cam', { visible: false, opacity: 0.5, transform: { ...BOX } });
    expect(item(c, 'sc_intro', 'it_cam')).toMatchObject({ visible: false, opacity: 0.5, transform: BOX, locked: true });
    expect(item(updateSceneItem(fixture(), 'sc_intro', 'it_cam', { locked: false }), 'sc_intro', 'it_cam').locked).toBe(false);
  });

  it('moves a locked item when the same patch unlocks it', () => {
    const c = updateSceneItem(fixture(), 'sc_intro', 'it_cam', { locked: false, transform: { x: 0 } });
    expect(item(c, 'sc_intro', 'it_cam')).toMatchObject({ locked: false, transform: { ...BOX, x: 0 } });
  });

  it.each([
    ['an opacity above 1', { opacity: 2 }, 'opacity'],
    ['a zero width', { transform: { width: 0 } }, 'transform.width'],
    ['a negative crop', { transform: { crop: { top: -1, right: 0, bottom: 0, left: 0 } } }, 'transform.crop.top'],
  ])('refuses %s, naming the field', (_, patch, path) => {
    const err = studioErrorOf(() => updateSceneItem(fixture(), 'sc_intro', 'it_title', patch));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain(path);
  });

  it('refuses unknown scenes and items', () => {
    expect(studioErrorOf(() => updateSceneItem(fixture(), 'sc_nope', 'it_bg', { visible: false })).code).toBe('NOT_FOUND');
    const err = studioErrorOf(() => updateSceneItem(fixture(), 'sc_talk', 'it_bg', { visible: false }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('Scene "Talk" (id sc_talk) has no item with id "it_bg".');
  });
});

describe('removeSceneItem', () => {
  it('removes the item and keeps its source', () => {
    const c = removeSceneItem(fixture(), 'sc_intro', 'it_title');
    expect(c.scenes[0]!.items.map((i) => i.id)).toEqual(['it_bg', 'it_cam']);
    expect(c.sources.map((s) => s.id)).toContain('src_title');
    expect(c.scenes[1]).toEqual(fixture().scenes[1]);
  });

  it('refuses unknown scenes and items', () => {
    expect(studioErrorOf(() => removeSceneItem(fixture(), 'sc_nope', 'it_bg')).code).toBe('NOT_FOUND');
    expect(studioErrorOf(() => removeSceneItem(fixture(), 'sc_intro', 'it_nope')).code).toBe('NOT_FOUND');
  });
});

describe('reorderSceneItems', () => {
  it('restacks the items, bottom first', () => {
    const c = reorderSceneItems(fixture(), 'sc_intro', ['it_title', 'it_bg', 'it_cam']);
    expect(c.scenes[0]!.items.map((i) => i.id)).toEqual(['it_title', 'it_bg', 'it_cam']);
    expect(c.scenes[0]!.items[1]).toEqual({ id: 'it_bg', sourceId: 'src_bg', transform: FULL, opacity: 1, visible: true, locked: false });
  });

  it('refuses a list that is not a permutation of the scene\'s items', () => {
    expect(studioErrorOf(() => reorderSceneItems(fixture(), 'sc_intro', ['it_bg', 'it_cam'])).code).toBe('BAD_REQUEST');
    expect(studioErrorOf(() => reorderSceneItems(fixture(), 'sc_intro', ['it_bg', 'it_cam', 'it_bg2'])).code).toBe('BAD_REQUEST');
    expect(studioErrorOf(() => reorderSceneItems(fixture(), 'sc_nope', [])).code).toBe('NOT_FOUND');
  });
});
