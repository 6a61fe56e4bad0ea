/**
 * Draws scenes with Canvas 2D: each visible item's cropped source, scaled to the
 * item's size, rotated around its centre, at its opacity, bottom item first.
 * Composes the program from the layers ProgramState gives (one scene, or two
 * during a transition). A faded layer is composed over black on a scratch canvas
 * first and then blended, so a fade is a true cross-fade of the two pictures.
 */
import type { Scene } from '../../../preload/contract/model';
import { cropRect, itemMatrix, type Rect } from '../shared/transform';
import type { SceneLayer } from '../shared/transition';
import { cpuContext } from './pixel-canvas';
import type { ProgramState } from './program-state';
import { drawableItems } from './scene-items';
import type { SourceStore } from './source-store';

export type Ctx2D = OffscreenCanvasRenderingContext2D;

const BACKGROUND = '#000000';

export class ScenePainter {
  private scratch: Ctx2D | null = null;

  constructor(
    private readonly state: ProgramState,
    private readonly store: SourceStore,
  ) {}

  /** Fills the whole canvas with the program at `timestampUs`. */
  composeProgram(ctx: Ctx2D, timestampUs: number): void {
    const { width, height } = ctx.canvas;
    clear(ctx);
    for (const layer of this.state.programLayers(timestampUs, width)) {
      const scene = this.state.scene(layer.sceneId);
      if (!scene) continue;
      if (layer.alpha >= 1) {
        this.drawLayer(ctx, scene, layer, timestampUs, width, height);
        continue;
      }
      const scratch = this.scratchContext(width, height);
      clear(scratch);
      this.drawScene(scratch, scene, 0, timestampUs);
      ctx.globalAlpha = layer.alpha;
      ctx.drawImage(scratch.canvas, layer.offsetX, 0);
      ctx.globalAlpha = 1;
    }
  }

  /** Fills the whole canvas with one scene (the preview monitor). */
  composeScene(ctx: Ctx2D, sceneId: string, timestampUs: number): void {
    clear(ctx);
    const scene = this.state.scene(sceneId);
    if (scene) this.drawScene(ctx, scene, 0, timestampUs);
  }

  private drawLayer(ctx: Ctx2D, scene: Scene, layer: SceneLayer, timestampUs: number, width: number, height: number): void {
    if (layer.offsetX === 0) return this.drawScene(ctx, scene, 0, timestampUs);
    // A sliding scene must not spill items that hang past its edge into the other scene.
    ctx.save();
    ctx.beginPath();
    ctx.rect(layer.offsetX, 0, width, height);
    ctx.clip();
    this.drawScene(ctx, scene, layer.offsetX, timestampUs);
    ctx.restore();
  }

  private drawScene(ctx: Ctx2D, scene: Scene, offsetX: number, timestampUs: number): void {
    const canvasRect: Rect = { x: 0, y: 0, width: ctx.canvas.width, height: ctx.canvas.height };
    for (const { item, visual } of drawableItems(scene, this.state, this.store, canvasRect, offsetX, timestampUs)) {
      const t = item.transform;
      ctx.globalAlpha = item.opacity;
      ctx.setTransform(...itemMatrix(t, offsetX));
      if (visual.kind === 'color') {
        ctx.fillStyle = visual.color;
        ctx.fillRect(-t.width / 2, -t.height / 2, t.width, t.height);
      } else {
        const src = cropRect(visual, t.crop);
        if (src) ctx.drawImage(visual.image, src.x, src.y, src.width, src.height, -t.width / 2, -t.height / 2, t.width, t.height);
      }
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
  }

  private scratchContext(width: number, height: number): Ctx2D {
    if (!this.scratch || this.scratch.canvas.width !== width || this.scratch.canvas.height !== height) {
      this.scratch = cpuContext(width, height, false);
    }
    return this.scratch;
  }
}

function clear(ctx: Ctx2D): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
}
