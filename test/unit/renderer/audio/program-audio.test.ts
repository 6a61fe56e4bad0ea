import { describe, expect, it } from 'vitest';
import type { SceneCollection, Source } from '../../../../preload/contract';
import { isHeard, isMonitored, programAudioPlan } from '../../../../renderer/audio/program-audio';
import { fixture } from '../../../helpers/collection-fixture';

const AUDIO = { gainDb: 0, muted: false, monitor: false };

/** The fixture plus a scene-bound microphone in Talk and a media source in Intro (hidden). */
function collection(programSceneId: string): SceneCollection {
  const base = fixture();
  const extra: Source[] = [
    { id: 'src_talkmic', name: 'Talk mic', kind: 'audio-input', settings: { deviceId: null, target: 'microphone' }, audio: { gainDb: -6, muted: false, monitor: true } },
    { id: 'src_clip', name: 'Clip', kind: 'media', settings: { src: 'clip.mp4', loop: true, playing: true }, audio: AUDIO },
  ];
  const item = (id: string, sourceId: string, visible: boolean) => ({ id, sourceId, transform: base.scenes[0]!.items[0]!.transform, opacity: 1, visible, locked: false });
  return {
    ...base,
    sources: [...base.sources, ...extra],
    scenes: base.scenes.map((scene) => {
      if (scene.id === 'sc_talk') return { ...scene, items: [...scene.items, item('it_tm', 'src_talkmic', true)] };
      if (scene.id === 'sc_intro') return { ...scene, items: [...scene.items, item('it_clip', 'src_clip', false)] };
      return scene;
    }),
    programSceneId,
  };
}

describe('programAudioPlan', () => {
  it('puts on air what the program scene shows, and only that', () => {
    const intro = programAudioPlan(collection('sc_intro'));
    expect(intro.get('src_cam')?.onAir).toBe(true);
    expect(intro.get('src_talkmic')?.onAir).toBe(false);
    const talk = programAudioPlan(collection('sc_talk'));
    expect(talk.get('src_talkmic')?.onAir).toBe(true);
  });

  it('silences a hidden item (OBS: a hidden source is inactive)', () => {
    expect(programAudioPlan(collection('sc_intro')).get('src_clip')?.onAir).toBe(false);
  });

  it('keeps an audio input that no scene uses on air in every scene (a global device)', () => {
    for (const scene of ['sc_intro', 'sc_talk', 'sc_outro']) expect(programAudioPlan(collection(scene)).get('src_mic')?.onAir).toBe(true);
  });

  it('carries each source\'s own gain, mute and monitor', () => {
    expect(programAudioPlan(collection('sc_talk')).get('src_talkmic')).toEqual({ gainDb: -6, muted: false, monitor: true, onAir: true });
  });
});

describe('isHeard and isMonitored', () => {
  it('mute silences both the mix and the monitor; off air silences the mix only', () => {
    expect(isHeard({ ...AUDIO, onAir: true })).toBe(true);
    expect(isHeard({ ...AUDIO, muted: true, onAir: true })).toBe(false);
    expect(isHeard({ ...AUDIO, onAir: false })).toBe(false);
    expect(isMonitored({ ...AUDIO, monitor: true, onAir: false })).toBe(true);
    expect(isMonitored({ ...AUDIO, monitor: true, muted: true, onAir: true })).toBe(false);
  });
});
