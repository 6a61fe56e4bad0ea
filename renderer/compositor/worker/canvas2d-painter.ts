/**
 * The Canvas 2D backend behind the Painter interface: the program and the
 * preview each on their own in-memory canvas, drawn by ScenePainter.
 */
import type { Painter } from './painter';
import { cpuContext } from './pixel-canvas';
import type { ProgramState } from './program-state';
import { ScenePainter, type Ctx2D } from './scene-painter';
import type { SourceStore } from './source-store';

export class Canvas2dPainter implements Painter {
  readonly backend = 'canvas2d';
  private readonly scenes: ScenePainter;
  private ctx: Ctx2D;
  private previewCtx: Ctx2D | null = null;

  constructor(state: ProgramState, store: SourceStore, width: number, height: number) {
    this.scenes = new ScenePainter(state, store);
    this.ctx = makeContext(width, height);
  }

  resize(width: number, height: number): void {
    if (width === this.ctx.canvas.width && height === this.ctx.canvas.height) return;
    this.ctx = makeContext(width, height);
    this.previewCtx = null;
  }

  busy(): boolean {
    return false; // drawing happens on this thread, there is nothing to wait for
  }

  composeProgram(timestampUs: number): void {
    this.scenes.composeProgram(this.ctx, timestampUs);
  }

  programCanvas(): OffscreenCanvas {
    return this.ctx.canvas;
  }

  composePreview(sceneId: string, timestampUs: number): OffscreenCanvas {
    this.previewCtx ??= makeContext(this.ctx.canvas.width, this.ctx.canvas.height);
    this.scenes.composeScene(this.previewCtx, sceneId, timestampUs);
    return this.previewCtx.canvas;
  }

  destroy(): void {}
}

/**
 * In memory (willReadFrequently): the raw path reads every frame back, and a
 * GPU-backed canvas would make readback a download and drawing the sources'
 * in-memory canvases an upload (see pixel-canvas.ts). Opaque (alpha: false)
 * because the program always has a black background, which also spares
 * premultiplication.
 */
function makeContext(width: number, height: number): Ctx2D {
  return cpuContext(width, height, false);
}
