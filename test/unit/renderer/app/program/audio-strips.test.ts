import { describe, expect, it } from 'vitest';
import type { SceneCollection, Source } from '../../../../../preload/contract';
import { audioStrips } from '../../../../../renderer/app/program/audio-strips';
import { studioStateFixture } from '../../../../helpers/studio-fixtures';

const AUDIO = { gainDb: 0, muted: false, monitor: false };
const NO_CROP = { top: 0, right: 0, bottom: 0, left: 0 };
const item = (sourceId: string, visible = true) => ({ id: `i-${sourceId}`, sourceId, transform: { x: 0, y: 0, width: 1, height: 1, rotationDeg: 0, crop: NO_CROP }, opacity: 1, visible, locked: false });

function collectionWith(sources: Source[], liveItems: ReturnType<typeof item>[]): SceneCollection {
  const c = studioStateFixture().collection;
  return { ...c, sources: [...c.sources, ...sources], scenes: c.scenes.map((s) => (s.id === c.programSceneId ? { ...s, items: [...s.items, ...liveItems] } : s)) };
}

describe('audioStrips', () => {
  it("lists the program scene's sources with sound, top of the scene first, and none without", () => {
    const c = studioStateFixture().collection;
    const strips = audioStrips(c);
    expect(strips.map((s) => s.source.name)).toEqual(['Microphone']);
    expect(strips[0]).toMatchObject({ onAir: true, global: false });
    expect(audioStrips({ ...c, programSceneId: c.scenes[1]!.id })).toEqual([]);
  });

  it('puts global audio inputs first, and includes media and screens shared with sound only', () => {
    const desk: Source = { id: 'desk', name: 'Desktop', kind: 'audio-input', settings: { deviceId: null, target: 'desktop' }, audio: AUDIO };
    const clip: Source = { id: 'clip', name: 'Clip', kind: 'media', settings: { src: 'blob:x', loop: true, playing: true }, audio: AUDIO };
    const loud: Source = { id: 'loud', name: 'Game', kind: 'screen', settings: { captureId: null, target: 'screen', withAudio: true }, audio: AUDIO };
    const quiet: Source = { id: 'quiet', name: 'Slides', kind: 'screen', settings: { captureId: null, target: 'window', withAudio: false }, audio: AUDIO };
    const c = collectionWith([desk, clip, loud, quiet], [item('clip'), item('loud'), item('quiet')]);
    const micId = c.sources.find((s) => s.name === 'Microphone')!.id;
    const strips = audioStrips(c);
    expect(strips.map((s) => s.source.id)).toEqual(['desk', 'loud', 'clip', micId]);
    expect(strips[0]).toMatchObject({ global: true, onAir: true });
    expect(strips.map((s) => s.source.name)).not.toContain('Slides');
  });

  it('marks a hidden item as off air', () => {
    const clip: Source = { id: 'clip', name: 'Clip', kind: 'media', settings: { src: 'blob:x', loop: true, playing: true }, audio: AUDIO };
    const strips = audioStrips(collectionWith([clip], [item('clip', false)]));
    expect(strips.find((s) => s.source.id === 'clip')).toMatchObject({ onAir: false });
  });
});
