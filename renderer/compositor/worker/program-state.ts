/**
 * The worker's copy of the scene collection and what the program shows: the
 * program scene, and the transition in progress when the program scene changed.
 * A new collection applies on the next frame. A change of program scene (a scene
 * switch, or studio mode's "transition" moving preview into program) starts the
 * collection's transition at the next frame; a switch during a transition starts
 * from the scene that transition was heading to.
 */
import type { Scene, SceneCollection, Source } from '../../../preload/contract/model';
import { transitionFrame, type ActiveTransition, type SceneLayer } from '../shared/transition';

const US_PER_MS = 1000;

export class ProgramState {
  private collection: SceneCollection | null = null;
  private scenes = new Map<string, Scene>();
  private sources = new Map<string, Source>();
  private programSceneId: string | null = null;
  private active: ActiveTransition | null = null;

  /** `nextFrameUs`: timestamp of the next frame to be composed, where a transition starts. */
  setCollection(c: SceneCollection, nextFrameUs: number): void {
    const previous = this.programSceneId;
    this.collection = c;
    this.scenes = new Map(c.scenes.map((s) => [s.id, s]));
    this.sources = new Map(c.sources.map((s) => [s.id, s]));
    this.programSceneId = c.programSceneId;
    if (previous === null || previous === c.programSceneId) return;
    const from = this.active?.toSceneId ?? previous;
    const { kind, durationMs } = c.transition;
    this.active =
      kind === 'cut' || durationMs === 0 || !this.scenes.has(from)
        ? null
        : { kind, fromSceneId: from, toSceneId: c.programSceneId, startUs: nextFrameUs, durationUs: durationMs * US_PER_MS };
  }

  /** Scene layers for the program frame at `timestampUs`, bottom first. */
  programLayers(timestampUs: number, width: number): SceneLayer[] {
    if (this.programSceneId === null) return [];
    if (this.active === null) return [{ sceneId: this.programSceneId, offsetX: 0, alpha: 1 }];
    const frame = transitionFrame(this.active, timestampUs, width);
    if (frame.done) this.active = null;
    return frame.layers;
  }

  /** The preview scene in studio mode, else null. */
  previewSceneId(): string | null {
    return this.collection?.studioMode ? this.collection.previewSceneId : null;
  }

  transition(): ActiveTransition | null {
    return this.active;
  }

  scene(id: string): Scene | undefined {
    return this.scenes.get(id);
  }

  source(id: string): Source | undefined {
    return this.sources.get(id);
  }

  allSources(): Source[] {
    return this.collection?.sources ?? [];
  }
}
