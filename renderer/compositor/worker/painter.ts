/**
 * What the output loop composes with: the Canvas 2D painter or the WebGL2 one
 * (chosen at start-up, see shared/decisions.ts chooseBackend). Both draw the same
 * scenes the same way; they differ in where the picture lives (an in-memory
 * canvas, or a GPU texture shown on the canvas only when someone reads it).
 */
import type { Backend } from '../shared/types';

export interface Painter {
  readonly backend: Backend;
  /** New output size: the program canvas (and any texture) follows. */
  resize(width: number, height: number): void;
  /**
   * The GPU is still busy with earlier frames (WebGL2 only): composing more would
   * only queue work and, once its command buffer is full, block the worker. The
   * loop repeats the previous picture for the slot instead.
   */
  busy(): boolean;
  /** Composes the program at `timestampUs` (one scene, or two during a transition). */
  composeProgram(timestampUs: number): void;
  /** The last composed program on a canvas: what sinks read and monitors snapshot. */
  programCanvas(): OffscreenCanvas;
  /** Composes one scene alone (the preview monitor); the canvas holds it until the next compose. */
  composePreview(sceneId: string, timestampUs: number): OffscreenCanvas;
  /** Frees GPU resources. */
  destroy(): void;
}
