/**
 * The WebGL2 backend: draws the scenes the way ScenePainter does with Canvas 2D
 * (crop, scale, rotation around the centre, opacity, z-order, fade as a true
 * cross-fade through a scratch layer, slide clipped to its scene), into a program
 * texture. The raw path converts that texture to I420 on the GPU
 * (gl-raw-sink.ts); the canvas gets the program (a blit) only when something
 * reads the canvas: the encoded path's VideoFrame or a monitor snapshot.
 *
 * Coordinates: items are placed in canvas pixels (y down, shared/transform.ts)
 * and mapped to clip space with y flipped, so the program texture holds the
 * picture upright as GL stores it (bottom row first) and blits straight to the canvas.
 */
import type { Scene } from '../../../../preload/contract/model';
import { cropRect, itemMatrix, type Matrix, type Rect } from '../../shared/transform';
import type { Painter } from '../painter';
import type { ProgramState } from '../program-state';
import { drawableItems } from '../scene-items';
import type { SourceStore } from '../source-store';
import { linkProgram, RenderTarget, uniforms } from './gl-resources';
import { SourceTextures } from './source-textures';

const VERTEX_SHADER = `#version 300 es
// Corner (0,0)..(1,1) of the item; item-local coordinates are centred (see transform.ts itemMatrix).
const vec2 CORNERS[4] = vec2[4](vec2(0.0, 0.0), vec2(1.0, 0.0), vec2(0.0, 1.0), vec2(1.0, 1.0));
uniform mat3 u_toClip;
uniform vec2 u_size;
uniform vec4 u_uvRect;
out vec2 v_uv;
void main() {
  vec2 corner = CORNERS[gl_VertexID];
  vec3 p = u_toClip * vec3((corner - 0.5) * u_size, 1.0);
  gl_Position = vec4(p.xy, 0.0, 1.0);
  v_uv = mix(u_uvRect.xy, u_uvRect.zw, corner);
}
`;

const FRAGMENT_SHADER = `#version 300 es
precision highp float;
uniform sampler2D u_tex;
uniform bool u_solid;
uniform vec4 u_color;
uniform float u_opacity;
in vec2 v_uv;
out vec4 o_color;
void main() {
  o_color = (u_solid ? u_color : texture(u_tex, v_uv)) * u_opacity;
}
`;

/** Compositions the GPU may have queued before the loop stops composing (see Painter.busy). */
const MAX_FRAMES_IN_FLIGHT = 3;

const UNIFORMS = ['u_toClip', 'u_size', 'u_uvRect', 'u_tex', 'u_solid', 'u_color', 'u_opacity'] as const;

/** The context's settings: the program is opaque; the canvas keeps its picture until redrawn (monitors snapshot it later in the task). */
const CONTEXT_ATTRIBUTES: WebGLContextAttributes = {
  alpha: false,
  antialias: false,
  depth: false,
  stencil: false,
  premultipliedAlpha: true,
  preserveDrawingBuffer: true,
  powerPreference: 'high-performance',
};

export class GlPainter implements Painter {
  readonly backend = 'webgl2';
  readonly gl: WebGL2RenderingContext;
  private readonly canvas: OffscreenCanvas;
  private readonly program: WebGLProgram;
  private readonly u: Record<(typeof UNIFORMS)[number], WebGLUniformLocation | null>;
  private readonly textures: SourceTextures;
  private target: RenderTarget;
  private scratch: RenderTarget | null = null;
  /** The canvas shows the current program (not stale, not the preview). */
  private canvasCurrent = false;
  /** One fence per composition the GPU may not have finished yet, oldest first. */
  private readonly inFlight: WebGLSync[] = [];

  constructor(
    private readonly state: ProgramState,
    private readonly store: SourceStore,
    width: number,
    height: number,
    /** The GPU context was lost (a driver reset, the GPU removed): everything here is gone. */
    onLost: () => void,
  ) {
    this.canvas = new OffscreenCanvas(width, height);
    this.canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault();
      onLost();
    });
    const gl = this.canvas.getContext('webgl2', CONTEXT_ATTRIBUTES);
    if (!gl) throw new Error('WebGL2 is not available in the compositor worker');
    this.gl = gl;
    this.program = linkProgram(gl, VERTEX_SHADER, FRAGMENT_SHADER);
    this.u = uniforms(gl, this.program, UNIFORMS);
    this.textures = new SourceTextures(gl);
    this.target = new RenderTarget(gl, width, height, gl.LINEAR);
  }

  get width(): number {
    return this.target.width;
  }

  get height(): number {
    return this.target.height;
  }

  /** The composed program, upright, bottom row first (what the I420 converter reads). */
  get programTexture(): WebGLTexture {
    return this.target.texture;
  }

  resize(width: number, height: number): void {
    if (width === this.target.width && height === this.target.height) return;
    this.target.delete();
    this.scratch?.delete();
    this.scratch = null;
    this.target = new RenderTarget(this.gl, width, height, this.gl.LINEAR);
    this.canvas.width = width;
    this.canvas.height = height;
    this.canvasCurrent = false;
  }

  busy(): boolean {
    const gl = this.gl;
    while (this.inFlight.length > 0) {
      const status = gl.clientWaitSync(this.inFlight[0]!, 0, 0);
      if (status !== gl.ALREADY_SIGNALED && status !== gl.CONDITION_SATISFIED) break;
      gl.deleteSync(this.inFlight.shift()!);
    }
    return this.inFlight.length >= MAX_FRAMES_IN_FLIGHT && !gl.isContextLost();
  }

  composeProgram(timestampUs: number): void {
    const gl = this.gl;
    this.begin();
    this.clear(this.target);
    const { width, height } = this.target;
    for (const layer of this.state.programLayers(timestampUs, width)) {
      const scene = this.state.scene(layer.sceneId);
      if (!scene) continue;
      if (layer.alpha >= 1) {
        if (layer.offsetX !== 0) {
          // A sliding scene must not spill items that hang past its edge into the other scene.
          const left = Math.max(0, layer.offsetX);
          const right = Math.min(width, layer.offsetX + width);
          if (right <= left) continue;
          gl.enable(gl.SCISSOR_TEST);
          gl.scissor(left, 0, right - left, height);
        }
        this.drawScene(scene, layer.offsetX, timestampUs);
        gl.disable(gl.SCISSOR_TEST);
        continue;
      }
      // Fade: the scene over black on the scratch layer, then the layer at its alpha (a true cross-fade).
      const scratch = this.scratchTarget();
      this.clear(scratch);
      this.drawScene(scene, 0, timestampUs);
      this.target.bind();
      gl.bindTexture(gl.TEXTURE_2D, scratch.texture);
      // The scratch texture is upright like the target: v runs from 1 at the top to 0 at the bottom.
      this.drawQuad(fullCanvasMatrix(width, height, layer.offsetX), width, height, [0, 1, 1, 0], layer.alpha, null);
    }
    this.canvasCurrent = false;
    const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (fence) this.inFlight.push(fence);
    gl.flush();
  }

  programCanvas(): OffscreenCanvas {
    if (!this.canvasCurrent) {
      this.blitToCanvas(this.target);
      this.canvasCurrent = true;
    }
    return this.canvas;
  }

  composePreview(sceneId: string, timestampUs: number): OffscreenCanvas {
    const scratch = this.scratchTarget();
    this.begin();
    this.clear(scratch);
    const scene = this.state.scene(sceneId);
    if (scene) this.drawScene(scene, 0, timestampUs);
    this.blitToCanvas(scratch);
    this.canvasCurrent = false;
    return this.canvas;
  }

  destroy(): void {
    for (const fence of this.inFlight.splice(0)) this.gl.deleteSync(fence);
    this.textures.deleteAll();
    this.target.delete();
    this.scratch?.delete();
    this.gl.deleteProgram(this.program);
  }

  private begin(): void {
    const gl = this.gl;
    this.textures.nextComposition();
    gl.useProgram(this.program);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.uniform1i(this.u.u_tex, 0);
    gl.activeTexture(gl.TEXTURE0);
  }

  private clear(target: RenderTarget): void {
    const gl = this.gl;
    target.bind();
    gl.disable(gl.SCISSOR_TEST);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
  }

  /** Draws a scene's items, bottom first, into the bound target. */
  private drawScene(scene: Scene, offsetX: number, timestampUs: number): void {
    const { width, height } = this.target;
    const canvasRect: Rect = { x: 0, y: 0, width, height };
    for (const { item, visual } of drawableItems(scene, this.state, this.store, canvasRect, offsetX, timestampUs)) {
      const t = item.transform;
      const toClip = clipMatrix(itemMatrix(t, offsetX), width, height);
      if (visual.kind === 'color') {
        // No texture bound: one left over may be the target's own, and WebGL refuses any draw in such a feedback loop.
        this.gl.bindTexture(this.gl.TEXTURE_2D, null);
        this.drawQuad(toClip, t.width, t.height, [0, 0, 1, 1], item.opacity, this.textures.color(visual.color));
        continue;
      }
      const src = cropRect(visual, t.crop);
      if (!src) continue;
      this.textures.bind(visual);
      const uv: Uv = [src.x / visual.width, src.y / visual.height, (src.x + src.width) / visual.width, (src.y + src.height) / visual.height];
      this.drawQuad(toClip, t.width, t.height, uv, item.opacity, null);
    }
  }

  private drawQuad(toClip: Float32Array, width: number, height: number, uv: Uv, opacity: number, solid: readonly number[] | null): void {
    const gl = this.gl;
    gl.uniformMatrix3fv(this.u.u_toClip, false, toClip);
    gl.uniform2f(this.u.u_size, width, height);
    gl.uniform4f(this.u.u_uvRect, ...uv);
    gl.uniform1f(this.u.u_opacity, opacity);
    gl.uniform1i(this.u.u_solid, solid ? 1 : 0);
    if (solid) gl.uniform4f(this.u.u_color, solid[0]!, solid[1]!, solid[2]!, solid[3]!);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  private blitToCanvas(from: RenderTarget): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, from.framebuffer);
    gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
    gl.blitFramebuffer(0, 0, from.width, from.height, 0, 0, from.width, from.height, gl.COLOR_BUFFER_BIT, gl.NEAREST);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  }

  private scratchTarget(): RenderTarget {
    if (!this.scratch) this.scratch = new RenderTarget(this.gl, this.target.width, this.target.height, this.gl.NEAREST);
    return this.scratch;
  }
}

/** u0, v0 (the item's top-left corner), u1, v1 (bottom-right). */
type Uv = [number, number, number, number];

/** Canvas matrix (pixels, y down) → clip space (−1..1, y up), column-major for uniformMatrix3fv. */
function clipMatrix(m: Matrix, width: number, height: number): Float32Array {
  const [a, b, c, d, e, f] = m;
  const sx = 2 / width;
  const sy = -2 / height;
  return new Float32Array([a * sx, b * sy, 0, c * sx, d * sy, 0, e * sx - 1, f * sy + 1, 1]);
}

/** The whole canvas as one item (centred coordinates), shifted by `offsetX`. */
function fullCanvasMatrix(width: number, height: number, offsetX: number): Float32Array {
  return clipMatrix([1, 0, 0, 1, width / 2 + offsetX, height / 2], width, height);
}
