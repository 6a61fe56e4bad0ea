import { describe, expect, it } from 'vitest';
import { SceneCollectionSchema, type SceneCollection } from '../../../../../preload/contract/model';
import type { NewSource } from '../../../../../preload/contract/methods';
import {
  MAX_ITEMS_PER_SCENE,
  addExistingSource,
  addSource,
  defaultTransform,
  removeSource,
  sourceByName,
  updateSource,
} from '../../../../../main/studio/collection-ops';
import { BOX, CANVAS, counterIds, fixture, studioErrorOf } from '../../../../helpers/collection-fixture';

const color: NewSource = { name: 'Red', kind: 'color', settings: { color: '#ff0000' } };
const sceneItems = (c: SceneCollection, sceneId: string) => c.scenes.find((s) => s.id === sceneId)!.items;

describe('defaultTransform', () => {
  it.each(['camera', 'screen', 'color', 'media', 'image'] as const)('%s fills the canvas', (kind) => {
    expect(defaultTransform(kind, CANVAS)).toMatchObject({ x: 0, y: 0, width: 1280, height: 720, rotationDeg: 0 });
  });

  it('text: a box 80% wide, centred, in the bottom third', () => {
    const t = defaultTransform('text', CANVAS);
    expect(t).toMatchObject({ width: 1024, x: 128 });
    expect(t.y).toBeGreaterThanOrEqual(720 * (2 / 3));
    expect(t.y + t.height).toBeLessThanOrEqual(720);
  });

  it('audio input: a 1x1 box at the origin (no picture)', () => {
    expect(defaultTransform('audio-input', CANVAS)).toMatchObject({ x: 0, y: 0, width: 1, height: 1 });
  });
});

describe('addSource', () => {
  it('adds the source and an item on top of the scene, with default audio and placement', () => {
    const newId = counterIds();
    const r = addSource(fixture(), 'sc_outro', color, CANVAS, undefined, newId);
    expect(r).toMatchObject({ sourceId: 'src_n1', itemId: 'it_n2' });
    expect(r.collection.sources.at(-1)).toEqual({ id: 'src_n1', name: 'Red', kind: 'color', settings: { color: '#ff0000' }, audio: { gainDb: 0, muted: false, monitor: false } });
    expect(sceneItems(r.collection, 'sc_outro')).toEqual([
      { id: 'it_n2', sourceId: 'src_n1', transform: defaultTransform('color', CANVAS), opacity: 1, visible: true, locked: false },
    ]);
    SceneCollectionSchema.parse(r.collection);
  });

  it('keeps given audio settings and a given transform', () => {
    const r = addSource(fixture(), 'sc_intro', { ...color, audio: { gainDb: -6, muted: true, monitor: false } }, CANVAS, BOX, counterIds());
    expect(r.collection.sources.at(-1)?.audio).toEqual({ gainDb: -6, muted: true, monitor: false });
    expect(sceneItems(r.collection, 'sc_intro').at(-1)?.transform).toEqual(BOX);
  });

  it('adds an audio input as a visible 1x1 item, so it belongs to the scene', () => {
    const mic: NewSource = { name: 'Desk mic', kind: 'audio-input', settings: { deviceId: 'usb-1', target: 'microphone' } };
    const r = addSource(fixture(), 'sc_talk', mic, CANVAS, undefined, counterIds());
    expect(sceneItems(r.collection, 'sc_talk').at(-1)).toMatchObject({ sourceId: r.sourceId, visible: true, transform: { width: 1, height: 1 } });
  });

  it('suffixes a name another source has, whatever its case', () => {
    const newId = counterIds();
    const once = addSource(fixture(), 'sc_intro', { ...color, name: 'camera' }, CANVAS, undefined, newId).collection;
    const twice = addSource(once, 'sc_intro', { ...color, name: 'Camera' }, CANVAS, undefined, newId).collection;
    expect(twice.sources.map((s) => s.name).slice(-2)).toEqual(['camera 2', 'Camera 3']);
  });

  it('refuses invalid settings, naming the field', () => {
    const err = studioErrorOf(() => addSource(fixture(), 'sc_intro', { ...color, settings: { color: 'red' } }, CANVAS, undefined, counterIds()));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('settings.color');
  });

  it('refuses an invalid transform', () => {
    const err = studioErrorOf(() => addSource(fixture(), 'sc_intro', color, CANVAS, { ...BOX, width: 0 }, counterIds()));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('width');
  });

  it('refuses an unknown scene, and a full one', () => {
    expect(studioErrorOf(() => addSource(fixture(), 'sc_nope', color, CANVAS, undefined, counterIds())).code).toBe('NOT_FOUND');
    const items = Array.from({ length: MAX_ITEMS_PER_SCENE }, (_, i) => ({ ...fixture().scenes[0]!.items[0]!, id: `i${i}` }));
    const full = fixture({ scenes: [{ id: 'sc_full', name: 'Full', items }], programSceneId: 'sc_full', previewSceneId: 'sc_full' });
    expect(studioErrorOf(() => addSource(full, 'sc_full', color, CANVAS, undefined, counterIds())).code).toBe('CONFLICT');
  });
});

describe('addExistingSource', () => {
  it('places the same source again with a new item', () => {
    const r = addExistingSource(fixture(), 'sc_outro', 'src_title', CANVAS, counterIds());
    expect(r.itemId).toBe('it_n1');
    expect(sceneItems(r.collection, 'sc_outro')).toEqual([{ id: 'it_n1', sourceId: 'src_title', transform: defaultTransform('text', CANVAS), opacity: 1, visible: true, locked: false }]);
    expect(r.collection.sources).toEqual(fixture().sources);
  });

  it('refuses unknown scenes and sources', () => {
    expect(studioErrorOf(() => addExistingSource(fixture(), 'sc_nope', 'src_bg', CANVAS, counterIds())).code).toBe('NOT_FOUND');
    const err = studioErrorOf(() => addExistingSource(fixture(), 'sc_outro', 'src_nope', CANVAS, counterIds()));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('"src_nope"');
  });
});

describe('updateSource', () => {
  const title = (c: SceneCollection) => c.sources.find((s) => s.id === 'src_title')!;

  it('merges settings over the current ones', () => {
    const t = title(updateSource(fixture(), 'src_title', { settings: { text: 'Welcome', sizePx: 64 } }));
    expect(t.settings).toEqual({ ...title(fixture()).settings, text: 'Welcome', sizePx: 64 });
  });

  it('merges audio and ignores fields given as undefined', () => {
    const mic = updateSource(fixture(), 'src_mic', { audio: { muted: true, gainDb: undefined } }).sources.find((s) => s.id === 'src_mic')!;
    expect(mic.audio).toEqual({ gainDb: -3, muted: true, monitor: true });
  });

  it('renames, refusing a name another source has', () => {
    expect(title(updateSource(fixture(), 'src_title', { name: ' Lower third ' })).name).toBe('Lower third');
    expect(title(updateSource(fixture(), 'src_title', { name: 'TITLE' })).name).toBe('TITLE');
    expect(studioErrorOf(() => updateSource(fixture(), 'src_title', { name: 'camera' })).code).toBe('BAD_REQUEST');
  });

  it.each([
    ['a value out of range', { sizePx: 0 }, 'settings.sizePx'],
    ['a field of another kind', { deviceId: 'x' }, 'unknown field "deviceId"'],
    ['a wrong type', { align: 3 }, 'settings.align'],
  ])('refuses %s with the path in words', (_, settings, words) => {
    const err = studioErrorOf(() => updateSource(fixture(), 'src_title', { settings }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain(words);
  });

  it('refuses audio out of range and unknown sources', () => {
    expect(studioErrorOf(() => updateSource(fixture(), 'src_mic', { audio: { gainDb: 40 } })).message).toContain('audio.gainDb');
    expect(studioErrorOf(() => updateSource(fixture(), 'src_nope', { name: 'X' })).code).toBe('NOT_FOUND');
  });
});

describe('removeSource', () => {
  it('removes the source and every item that shows it, in every scene', () => {
    const c = removeSource(fixture(), 'src_cam');
    expect(c.sources.map((s) => s.id)).toEqual(['src_bg', 'src_title', 'src_mic']);
    expect(sceneItems(c, 'sc_intro').map((i) => i.id)).toEqual(['it_bg', 'it_title']);
    expect(sceneItems(c, 'sc_talk').map((i) => i.id)).toEqual(['it_bg2']);
    SceneCollectionSchema.parse(c);
  });

  it('refuses an unknown source', () => {
    expect(studioErrorOf(() => removeSource(fixture(), 'src_nope')).code).toBe('NOT_FOUND');
  });
});

describe('sourceByName', () => {
  it('prefers an exact match, then falls back to any case', () => {
    const c = fixture({ sources: [...fixture().sources, { id: 'src_lower', name: 'mic', kind: 'color', settings: { color: '#000000' }, audio: fixture().sources[0]!.audio }] });
    expect(sourceByName(c, 'mic')?.id).toBe('src_lower');
    expect(sourceByName(c, 'Mic')?.id).toBe('src_mic');
    expect(sourceByName(c, 'CAMERA')?.id).toBe('src_cam');
    expect(sourceByName(c, 'nothing')).toBeUndefined();
  });
});
