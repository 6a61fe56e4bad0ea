import { describe, expect, it } from 'vitest';
import type { SceneCollection } from '../../../../preload/contract/model';
import { ProgramState } from '../../../../renderer/compositor/worker/program-state';

const base: SceneCollection = {
  name: 'T',
  scenes: ['a', 'b', 'c'].map((id) => ({ id, name: id, items: [] })),
  sources: [],
  programSceneId: 'a',
  previewSceneId: 'a',
  studioMode: false,
  transition: { kind: 'fade', durationMs: 1000 },
};

describe('ProgramState', () => {
  it('shows the program scene alone until it changes', () => {
    const s = new ProgramState();
    s.setCollection(base, 0);
    expect(s.programLayers(0, 100)).toEqual([{ sceneId: 'a', offsetX: 0, alpha: 1 }]);
    s.setCollection({ ...base, name: 'renamed' }, 10);
    expect(s.transition()).toBeNull();
  });

  it('starts the transition at the next frame when the program scene changes', () => {
    const s = new ProgramState();
    s.setCollection(base, 0);
    s.setCollection({ ...base, programSceneId: 'b' }, 5_000_000);
    expect(s.transition()).toMatchObject({ kind: 'fade', fromSceneId: 'a', toSceneId: 'b', startUs: 5_000_000, durationUs: 1_000_000 });
    expect(s.programLayers(5_500_000, 100).map((l) => [l.sceneId, l.alpha])).toEqual([['a', 1], ['b', 0.5]]);
    expect(s.programLayers(6_000_000, 100)).toEqual([{ sceneId: 'b', offsetX: 0, alpha: 1 }]);
    expect(s.transition()).toBeNull();
  });

  it('cuts at once with a cut or a zero duration', () => {
    const s = new ProgramState();
    s.setCollection({ ...base, transition: { kind: 'cut', durationMs: 300 } }, 0);
    s.setCollection({ ...base, programSceneId: 'b', transition: { kind: 'cut', durationMs: 300 } }, 100);
    expect(s.transition()).toBeNull();
    expect(s.programLayers(100, 100)).toEqual([{ sceneId: 'b', offsetX: 0, alpha: 1 }]);
  });

  it('a switch during a transition starts from the scene it was heading to', () => {
    const s = new ProgramState();
    s.setCollection(base, 0);
    s.setCollection({ ...base, programSceneId: 'b' }, 1_000_000);
    s.setCollection({ ...base, programSceneId: 'c' }, 1_200_000);
    expect(s.transition()).toMatchObject({ fromSceneId: 'b', toSceneId: 'c', startUs: 1_200_000 });
  });

  it('names the preview scene only in studio mode', () => {
    const s = new ProgramState();
    s.setCollection({ ...base, previewSceneId: 'c' }, 0);
    expect(s.previewSceneId()).toBeNull();
    s.setCollection({ ...base, previewSceneId: 'c', studioMode: true }, 0);
    expect(s.previewSceneId()).toBe('c');
  });
});
