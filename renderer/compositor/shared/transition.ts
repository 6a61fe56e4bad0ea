/**
 * What the program shows at a given moment of a transition: a list of scene layers,
 * bottom first, each with a horizontal offset and an opacity. Time is the output
 * frame's timestamp, so a transition advances by whole frames and is the same on
 * every run (tests rely on it). Pure.
 *
 * - cut: the new scene at once.
 * - fade: the new scene over the old one at opacity p (a linear cross-fade: both
 *   scenes are composed over black first, so the midpoint is the 50% blend).
 * - slide: the new scene comes in from the right and pushes the old one out to
 *   the left, eased in and out so it starts and stops gently.
 */
import type { Transition } from '../../../preload/contract/model';

export interface ActiveTransition {
  kind: Transition['kind'];
  fromSceneId: string;
  toSceneId: string;
  /** Timestamp (µs, studio clock) of the first frame that shows the transition. */
  startUs: number;
  durationUs: number;
}

export interface SceneLayer {
  sceneId: string;
  /** Horizontal offset in output pixels. */
  offsetX: number;
  /** 0..1 */
  alpha: number;
}

export interface TransitionFrame {
  layers: SceneLayer[];
  /** The transition has reached its end: the program is the new scene alone. */
  done: boolean;
  progress: number;
}

/** 0 at the start, 1 at the end; a zero duration is already over. */
export function transitionProgress(elapsedUs: number, durationUs: number): number {
  if (durationUs <= 0) return 1;
  return Math.min(1, Math.max(0, elapsedUs / durationUs));
}

export function easeInOutCubic(p: number): number {
  return p < 0.5 ? 4 * p * p * p : 1 - (-2 * p + 2) ** 3 / 2;
}

/** Offsets of the outgoing and incoming scenes for a slide at progress p. */
export function slideOffsets(p: number, width: number): { fromX: number; toX: number } {
  const travelled = Math.round(easeInOutCubic(p) * width);
  return { fromX: -travelled, toX: width - travelled };
}

export function transitionFrame(t: ActiveTransition, timestampUs: number, width: number): TransitionFrame {
  const progress = t.kind === 'cut' ? 1 : transitionProgress(timestampUs - t.startUs, t.durationUs);
  if (progress >= 1) return { layers: [{ sceneId: t.toSceneId, offsetX: 0, alpha: 1 }], done: true, progress: 1 };
  if (t.kind === 'fade') {
    return {
      layers: [
        { sceneId: t.fromSceneId, offsetX: 0, alpha: 1 },
        { sceneId: t.toSceneId, offsetX: 0, alpha: progress },
      ],
      done: false,
      progress,
    };
  }
  const { fromX, toX } = slideOffsets(progress, width);
  return {
    layers: [
      { sceneId: t.fromSceneId, offsetX: fromX, alpha: 1 },
      { sceneId: t.toSceneId, offsetX: toX, alpha: 1 },
    ],
    done: false,
    progress,
  };
}
