/**
 * Sources' pictures as GL textures. A picture is uploaded when it is new or its
 * version changed (a camera frame, the next GIF frame), not on every composition;
 * a texture nobody drew for a while (a source that left the scenes, a replaced
 * text canvas) is deleted. Colours are resolved once through a 1x1 Canvas 2D, so
 * every CSS colour the Canvas 2D painter accepts works here too.
 */
import { cpuContext } from '../pixel-canvas';
import type { ImageVisual } from '../animated-image';
import { makeTexture } from './gl-resources';

/** Compositions a texture may go unused before it is deleted (a few seconds at 30 fps). */
const UNUSED_COMPOSITIONS_BEFORE_DELETE = 150;
/** Distinct colour strings remembered (a colour picker being dragged makes many). */
const MAX_CACHED_COLORS = 256;

interface Entry {
  texture: WebGLTexture;
  version: number;
  lastUsed: number;
}

/** Premultiplied RGBA, 0..1. */
export type Rgba = readonly [number, number, number, number];

export class SourceTextures {
  private readonly entries = new Map<CanvasImageSource, Entry>();
  private readonly colors = new Map<string, Rgba>();
  private readonly colorCtx = cpuContext(1, 1);
  private composition = 0;

  constructor(private readonly gl: WebGL2RenderingContext) {}

  /** Call once per composition: ages the cache and deletes what went unused. */
  nextComposition(): void {
    this.composition++;
    for (const [image, entry] of this.entries) {
      if (this.composition - entry.lastUsed <= UNUSED_COMPOSITIONS_BEFORE_DELETE) continue;
      this.gl.deleteTexture(entry.texture);
      this.entries.delete(image);
    }
  }

  /** Binds the picture's texture to unit 0, uploading it first when it changed. */
  bind(visual: ImageVisual): void {
    const gl = this.gl;
    let entry = this.entries.get(visual.image);
    const fresh = !entry || entry.version !== visual.version;
    if (!entry) {
      entry = { texture: makeTexture(gl, 0, 0, gl.LINEAR), version: visual.version, lastUsed: this.composition };
      this.entries.set(visual.image, entry);
    }
    entry.lastUsed = this.composition;
    entry.version = visual.version;
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, entry.texture);
    if (fresh) {
      // Premultiplied on upload: blending is premultiplied (ONE, ONE_MINUS_SRC_ALPHA), like Canvas 2D's.
      gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, true);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, visual.image as TexImageSource);
    }
  }

  color(css: string): Rgba {
    let rgba = this.colors.get(css);
    if (rgba) return rgba;
    const ctx = this.colorCtx;
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    const alpha = a! / 255;
    rgba = [(r! / 255) * alpha, (g! / 255) * alpha, (b! / 255) * alpha, alpha];
    if (this.colors.size >= MAX_CACHED_COLORS) this.colors.clear();
    this.colors.set(css, rgba);
    return rgba;
  }

  deleteAll(): void {
    for (const entry of this.entries.values()) this.gl.deleteTexture(entry.texture);
    this.entries.clear();
  }
}
