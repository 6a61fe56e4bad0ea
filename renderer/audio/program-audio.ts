/**
 * Which sources the program mix hears, from the scene collection (pure).
 *
 * OBS's rule: a source is heard while it is shown in the program scene (an item
 * of that scene, visible); switching scenes silences what left and brings in
 * what arrived, and hiding an item silences it. One exception, also OBS's: the
 * global audio devices (Settings > Audio: Desktop Audio, Mic/Aux) are heard in
 * every scene. Our model has no separate list of global devices, so an
 * 'audio-input' source that NO scene uses is global: always on air. Put a
 * microphone into scenes to make it scene-specific (the default collection does
 * this for its Live scene); take it out of every scene to make it global.
 */
import type { AudioSettings, SceneCollection } from '../../preload/contract';

export interface SourceMix extends AudioSettings {
  /** Whether the source feeds the program mix (before its own mute). */
  onAir: boolean;
}

export function programAudioPlan(collection: SceneCollection): Map<string, SourceMix> {
  const used = new Set<string>();
  for (const scene of collection.scenes) for (const item of scene.items) used.add(item.sourceId);
  const program = collection.scenes.find((s) => s.id === collection.programSceneId);
  const shown = new Set(program?.items.filter((i) => i.visible).map((i) => i.sourceId) ?? []);
  const plan = new Map<string, SourceMix>();
  for (const source of collection.sources) {
    const global = source.kind === 'audio-input' && !used.has(source.id);
    plan.set(source.id, { ...source.audio, onAir: global || shown.has(source.id) });
  }
  return plan;
}

/** Whether the source is heard in the mix: on air and not muted. */
export function isHeard(mix: SourceMix): boolean {
  return mix.onAir && !mix.muted;
}

/**
 * Whether the source plays on the local output. Monitoring follows the source's
 * own mute but not the program: you can listen to a source you are setting up
 * before it goes on air.
 */
export function isMonitored(mix: SourceMix): boolean {
  return mix.monitor && !mix.muted;
}
