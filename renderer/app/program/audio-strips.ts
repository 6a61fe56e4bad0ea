/**
 * Which sources get a strip in the audio mixer (pure): those that can carry
 * sound (microphones and desktop audio, media files, screens shared with audio)
 * shown in the program scene, plus the global audio inputs (used in no scene:
 * always on air, see audio/program-audio.ts), globals first as OBS lists its
 * Desktop Audio and Mic/Aux before the scene's own sources.
 */
import type { SceneCollection, Source } from '../../../preload/contract';
import { programAudioPlan } from '../../audio/program-audio';

export interface AudioStrip {
  source: Source;
  /** Feeds the program mix, mute aside: shown (visible) in the program scene, or global. */
  onAir: boolean;
  /** Used in no scene: heard whatever scene is on program. */
  global: boolean;
}

export function hasAudio(source: Source): boolean {
  return source.kind === 'audio-input' || source.kind === 'media' || (source.kind === 'screen' && source.settings.withAudio);
}

export function audioStrips(collection: SceneCollection): AudioStrip[] {
  const plan = programAudioPlan(collection);
  const used = new Set(collection.scenes.flatMap((s) => s.items.map((i) => i.sourceId)));
  const program = collection.scenes.find((s) => s.id === collection.programSceneId);
  // Top of the picture first, as the Sources dock lists them.
  const inScene = [...(program?.items ?? [])].reverse().map((i) => i.sourceId);
  const globals = collection.sources.filter((s) => s.kind === 'audio-input' && !used.has(s.id)).map((s) => s.id);
  const strips: AudioStrip[] = [];
  for (const id of new Set([...globals, ...inScene])) {
    const source = collection.sources.find((s) => s.id === id);
    const mix = plan.get(id);
    if (!source || !mix || !hasAudio(source)) continue;
    strips.push({ source, onAir: mix.onAir, global: !used.has(id) });
  }
  return strips;
}
