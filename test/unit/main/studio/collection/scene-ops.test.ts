import { describe, expect, it } from 'vitest';
import { SceneCollectionSchema, type SceneCollection } from '../../../../../preload/contract/model';
import {
  MAX_SCENES,
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
} from '../../../../../main/studio/collection-ops';
import { counterIds, deepFreeze, fixture, studioErrorOf } from '../../../../helpers/collection-fixture';

const names = (c: SceneCollection) => c.scenes.map((s) => s.name);
const valid = (c: SceneCollection) => SceneCollectionSchema.parse(c);

describe('createScene', () => {
  it('appends an empty scene with a minted id and a trimmed name', () => {
    const newId = counterIds();
    const { collection, sceneId } = createScene(fixture(), '  Break  ', newId);
    expect(sceneId).toBe('sc_n1');
    expect(newId.prefixes).toEqual(['sc']);
    expect(collection.scenes.at(-1)).toEqual({ id: 'sc_n1', name: 'Break', items: [] });
    expect(valid(collection).scenes).toHaveLength(4);
  });

  it('refuses a name already used, whatever its case', () => {
    const err = studioErrorOf(() => createScene(fixture(), 'intro', counterIds()));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('A scene named "intro" already exists: choose another name.');
  });

  it('refuses an empty name', () => {
    expect(studioErrorOf(() => createScene(fixture(), '   ', counterIds())).code).toBe('BAD_REQUEST');
  });

  it('refuses a scene past the limit, which the schema enforces too', () => {
    const full = fixture({ scenes: Array.from({ length: MAX_SCENES }, (_, i) => ({ id: `s${i}`, name: `S${i}`, items: [] })), programSceneId: 's0', previewSceneId: 's0' });
    expect(studioErrorOf(() => createScene(full, 'One more', counterIds())).code).toBe('CONFLICT');
    expect(SceneCollectionSchema.safeParse({ ...full, scenes: [...full.scenes, { id: 'x', name: 'X', items: [] }] }).success).toBe(false);
  });

  it('refuses an id the collection already uses (a broken id source fails loudly)', () => {
    const err = studioErrorOf(() => createScene(fixture(), 'Break', () => 'sc_talk'));
    expect(err.code).toBe('INTERNAL');
  });
});

describe('removeScene', () => {
  it('removes the scene and keeps its sources', () => {
    const c = removeScene(fixture({ programSceneId: 'sc_talk', previewSceneId: 'sc_talk' }), 'sc_intro');
    expect(names(c)).toEqual(['Talk', 'Outro']);
    expect(c.sources.map((s) => s.id)).toContain('src_title');
    valid(c);
  });

  it('moves program and preview to the scene that takes its place, or the one before when it was last', () => {
    const studio = fixture({ studioMode: true, programSceneId: 'sc_talk', previewSceneId: 'sc_outro' });
    expect(removeScene(studio, 'sc_talk')).toMatchObject({ programSceneId: 'sc_outro', previewSceneId: 'sc_outro' });
    expect(removeScene(studio, 'sc_outro')).toMatchObject({ programSceneId: 'sc_talk', previewSceneId: 'sc_talk' });
    expect(removeScene(fixture(), 'sc_intro')).toMatchObject({ programSceneId: 'sc_talk', previewSceneId: 'sc_talk' });
  });

  it('refuses to remove the last scene', () => {
    const one = fixture({ scenes: [{ id: 'sc_intro', name: 'Intro', items: [] }] });
    const err = studioErrorOf(() => removeScene(one, 'sc_intro'));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe('A collection needs at least one scene: add another scene before removing this one.');
  });

  it('names the unknown id', () => {
    const err = studioErrorOf(() => removeScene(fixture(), 'sc_nope'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('"sc_nope"');
  });
});

describe('renameScene', () => {
  it('renames, and allows changing only the case of its own name', () => {
    expect(names(renameScene(fixture(), 'sc_talk', 'Chat'))).toEqual(['Intro', 'Chat', 'Outro']);
    expect(names(renameScene(fixture(), 'sc_talk', 'TALK'))).toEqual(['Intro', 'TALK', 'Outro']);
  });

  it('refuses another scene\'s name and unknown ids', () => {
    expect(studioErrorOf(() => renameScene(fixture(), 'sc_talk', 'OUTRO')).code).toBe('BAD_REQUEST');
    expect(studioErrorOf(() => renameScene(fixture(), 'sc_nope', 'X')).code).toBe('NOT_FOUND');
  });
});

describe('duplicateScene', () => {
  it('copies right after the original with new item ids and the same sources', () => {
    const newId = counterIds();
    const { collection, sceneId } = duplicateScene(fixture(), 'sc_intro', undefined, newId);
    expect(names(collection)).toEqual(['Intro', 'Intro (copy)', 'Talk', 'Outro']);
    const copy = collection.scenes[1]!;
    expect(copy.id).toBe(sceneId);
    expect(newId.prefixes).toEqual(['sc', 'it', 'it', 'it']);
    expect(copy.items.map((i) => i.id)).toEqual(['it_n2', 'it_n3', 'it_n4']);
    const original = fixture().scenes[0]!;
    expect(copy.items.map(({ id: _, ...rest }) => rest)).toEqual(original.items.map(({ id: _, ...rest }) => rest));
    expect(collection.sources).toEqual(fixture().sources);
    valid(collection);
  });

  it('numbers further copies: "X (copy 2)", "X (copy 3)"', () => {
    const newId = counterIds();
    const once = duplicateScene(fixture(), 'sc_talk', undefined, newId).collection;
    const twice = duplicateScene(once, 'sc_talk', undefined, newId).collection;
    const thrice = duplicateScene(twice, 'sc_talk', undefined, newId).collection;
    expect(names(thrice)).toEqual(['Intro', 'Talk', 'Talk (copy 3)', 'Talk (copy 2)', 'Talk (copy)', 'Outro']);
  });

  it('keeps a default name within the 100-character limit', () => {
    const long = 'L'.repeat(100);
    const c = fixture({ scenes: [{ id: 'sc_long', name: long, items: [] }], programSceneId: 'sc_long', previewSceneId: 'sc_long' });
    const copy = duplicateScene(c, 'sc_long', undefined, counterIds()).collection.scenes[1]!;
    expect(copy.name).toBe(`${'L'.repeat(93)} (copy)`);
  });

  it('uses a given name, which must be free', () => {
    expect(names(duplicateScene(fixture(), 'sc_outro', 'Bye', counterIds()).collection)).toContain('Bye');
    expect(studioErrorOf(() => duplicateScene(fixture(), 'sc_outro', 'talk', counterIds())).code).toBe('BAD_REQUEST');
    expect(studioErrorOf(() => duplicateScene(fixture(), 'sc_nope', undefined, counterIds())).code).toBe('NOT_FOUND');
  });
});

describe('reorderScenes', () => {
  it('puts scenes in the given order', () => {
    expect(names(reorderScenes(fixture(), ['sc_outro', 'sc_intro', 'sc_talk']))).toEqual(['Outro', 'Intro', 'Talk']);
  });

  it.each([
    ['a missing scene', ['sc_outro', 'sc_intro']],
    ['an unknown id', ['sc_outro', 'sc_intro', 'sc_talk', 'sc_nope']],
    ['a duplicate', ['sc_outro', 'sc_intro', 'sc_intro']],
  ])('refuses %s', (_, ids) => {
    const err = studioErrorOf(() => reorderScenes(fixture(), ids));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('every scene exactly once');
  });
});

describe('program, preview and studio mode', () => {
  it('setProgramScene moves the preview too when studio mode is off', () => {
    expect(setProgramScene(fixture(), 'sc_talk')).toMatchObject({ programSceneId: 'sc_talk', previewSceneId: 'sc_talk' });
  });

  it('setProgramScene leaves the preview alone in studio mode', () => {
    const studio = fixture({ studioMode: true, previewSceneId: 'sc_outro' });
    expect(setProgramScene(studio, 'sc_talk')).toMatchObject({ programSceneId: 'sc_talk', previewSceneId: 'sc_outro' });
  });

  it('setPreviewScene works in studio mode only', () => {
    expect(setPreviewScene(fixture({ studioMode: true }), 'sc_outro')).toMatchObject({ programSceneId: 'sc_intro', previewSceneId: 'sc_outro' });
    expect(studioErrorOf(() => setPreviewScene(fixture(), 'sc_outro')).code).toBe('CONFLICT');
  });

  it('refuses unknown scenes', () => {
    expect(studioErrorOf(() => setProgramScene(fixture(), 'sc_nope')).code).toBe('NOT_FOUND');
    expect(studioErrorOf(() => setPreviewScene(fixture({ studioMode: true }), 'sc_nope')).code).toBe('NOT_FOUND');
  });

  it('setStudioMode sets the preview to the program scene, turning on or off', () => {
    expect(setStudioMode(fixture({ programSceneId: 'sc_talk', previewSceneId: 'sc_talk' }), true)).toMatchObject({ studioMode: true, previewSceneId: 'sc_talk' });
    expect(setStudioMode(fixture({ studioMode: true, previewSceneId: 'sc_outro' }), false)).toMatchObject({ studioMode: false, previewSceneId: 'sc_intro' });
  });

  it('transitionPreviewToProgram swaps program and preview', () => {
    const studio = fixture({ studioMode: true, previewSceneId: 'sc_outro' });
    expect(transitionPreviewToProgram(studio)).toMatchObject({ programSceneId: 'sc_outro', previewSceneId: 'sc_intro' });
  });

  it('transitionPreviewToProgram needs studio mode', () => {
    expect(studioErrorOf(() => transitionPreviewToProgram(fixture())).code).toBe('CONFLICT');
  });
});

describe('setTransition', () => {
  it('sets a valid transition', () => {
    expect(setTransition(fixture(), { kind: 'cut', durationMs: 0 }).transition).toEqual({ kind: 'cut', durationMs: 0 });
  });

  it('refuses an invalid one, naming the field', () => {
    const err = studioErrorOf(() => setTransition(fixture(), { kind: 'fade', durationMs: 20_000 }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('durationMs');
  });
});

describe('sceneByName', () => {
  const c = deepFreeze({ ...fixture(), scenes: [...fixture().scenes, { id: 'sc_lower', name: 'intro', items: [] }] });

  it('prefers an exact match, then falls back to any case', () => {
    expect(sceneByName(c, 'intro')?.id).toBe('sc_lower');
    expect(sceneByName(c, 'Intro')?.id).toBe('sc_intro');
    expect(sceneByName(c, 'TALK')?.id).toBe('sc_talk');
    expect(sceneByName(c, 'Nope')).toBeUndefined();
  });
});
