/**
 * CPU-backed canvases holding a source's current picture as plain pixels. The
 * compositor draws only such canvases (never VideoFrames, see
 * frame-converter.worker.ts for why): drawing one CPU canvas into another is a
 * copy that never waits on the page.
 */

/** A 2D context whose canvas lives in memory (willReadFrequently), as every compositor canvas does. */
export function cpuContext(width: number, height: number, alpha = true): OffscreenCanvasRenderingContext2D {
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { alpha, willReadFrequently: true });
  if (!ctx) throw new Error('no 2D context in the compositor worker');
  return ctx;
}

/** Puts RGBA pixels into `ctx` (resizing its canvas to fit) and returns the context. */
export function putPixels(ctx: OffscreenCanvasRenderingContext2D | null, width: number, height: number, rgba: Uint8ClampedArray<ArrayBuffer>): OffscreenCanvasRenderingContext2D {
  const target = ctx && ctx.canvas.width === width && ctx.canvas.height === height ? ctx : cpuContext(width, height);
  target.putImageData(new ImageData(rgba, width, height), 0, 0);
  return target;
}

/**
 * Copies a decoded frame's pixels out in its own 8-bit RGB layout (a plain copy,
 * which does not wait on the page) and returns them as RGBA, or null for a
 * layout that would need a colour conversion.
 */
export async function framePixels(frame: VideoFrame): Promise<Uint8ClampedArray<ArrayBuffer> | null> {
  const format = frame.format;
  if (format !== 'RGBA' && format !== 'RGBX' && format !== 'BGRA' && format !== 'BGRX') return null;
  const width = frame.visibleRect?.width ?? frame.codedWidth;
  const height = frame.visibleRect?.height ?? frame.codedHeight;
  const pixels = new Uint8ClampedArray(width * height * 4);
  await frame.copyTo(pixels);
  if (format === 'BGRA' || format === 'BGRX') {
    for (let i = 0; i < pixels.length; i += 4) {
      const b = pixels[i]!;
      pixels[i] = pixels[i + 2]!;
      pixels[i + 2] = b;
    }
  }
  if (format === 'RGBX' || format === 'BGRX') for (let i = 3; i < pixels.length; i += 4) pixels[i] = 255;
  return pixels;
}
