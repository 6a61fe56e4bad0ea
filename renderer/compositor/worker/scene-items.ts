/**
 * The items of a scene that a painter has to draw, bottom first, each with its
 * source's current picture: visible, not fully transparent, overlapping the
 * canvas (once shifted by a slide's offset) and with something to show. Both
 * painters draw exactly this list.
 */
import type { Scene, SceneItem } from '../../../preload/contract/model';
import { overlaps, rotatedFootprint, type Rect } from '../shared/transform';
import type { ProgramState } from './program-state';
import type { SourceStore, Visual } from './source-store';

export function* drawableItems(
  scene: Scene,
  state: ProgramState,
  store: SourceStore,
  canvas: Rect,
  offsetX: number,
  timestampUs: number,
): Generator<{ item: SceneItem; visual: Visual }> {
  for (const item of scene.items) {
    if (!item.visible || item.opacity <= 0) continue;
    const footprint = rotatedFootprint(item.transform);
    if (!overlaps({ ...footprint, x: footprint.x + offsetX }, canvas)) continue;
    const source = state.source(item.sourceId);
    const visual = source && store.visual(source, timestampUs);
    if (visual) yield { item, visual };
  }
}
