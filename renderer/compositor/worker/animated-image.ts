/**
 * Image sources. Still images (PNG, JPEG, WebP, the first frame of anything
 * ImageDecoder cannot animate) are decoded once and drawn into a CPU canvas.
 * Animated GIFs (and animated WebP) play through ImageDecoder where the worker
 * has it: the frame to show is picked from the frame timestamp, decoded on demand
 * one at a time (memory stays at one frame) and its pixels copied into the
 * source's canvas; the previous frame stays on screen until the next is ready.
 */
import { cpuContext, framePixels, putPixels } from './pixel-canvas';

export interface ImageVisual {
  image: CanvasImageSource;
  width: number;
  height: number;
  /** Changes whenever the same `image` holds a new picture (the WebGL2 painter uploads it again then). */
  version: number;
}

export interface ImageSource {
  visual(timestampUs: number): ImageVisual | null;
  close(): void;
}

class StillImage implements ImageSource {
  private readonly canvas: OffscreenCanvas;
  constructor(bitmap: ImageBitmap) {
    const ctx = cpuContext(bitmap.width, bitmap.height);
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    this.canvas = ctx.canvas;
  }
  visual(): ImageVisual {
    return { image: this.canvas, width: this.canvas.width, height: this.canvas.height, version: 0 };
  }
  close(): void {}
}

class AnimatedImage implements ImageSource {
  private current: OffscreenCanvasRenderingContext2D | null = null;
  private currentIndex = -1;
  /** Bumped per decoded frame: the canvas is reused, its picture changes. */
  private version = 0;
  private pending = false;
  private startUs: number | null = null;
  private closed = false;

  constructor(
    private readonly decoder: ImageDecoder,
    /** Start time of each frame within one loop, µs, and the loop's length. */
    private readonly starts: number[],
    private readonly loopUs: number,
  ) {}

  visual(timestampUs: number): ImageVisual | null {
    this.startUs ??= timestampUs;
    const t = (timestampUs - this.startUs) % this.loopUs;
    let index = 0;
    while (index + 1 < this.starts.length && this.starts[index + 1]! <= t) index++;
    if (index !== this.currentIndex && !this.pending) this.decode(index);
    const canvas = this.current?.canvas;
    return canvas ? { image: canvas, width: canvas.width, height: canvas.height, version: this.version } : null;
  }

  private decode(index: number): void {
    this.pending = true;
    this.decoder
      .decode({ frameIndex: index })
      .then(async ({ image }) => {
        try {
          const pixels = this.closed ? null : await framePixels(image);
          if (!pixels) return;
          const width = image.visibleRect?.width ?? image.codedWidth;
          this.current = putPixels(this.current, width, pixels.length / 4 / width, pixels);
          this.currentIndex = index;
          this.version++;
        } finally {
          image.close();
        }
      })
      .catch(() => undefined) // a broken frame keeps the last good one on screen
      .finally(() => {
        this.pending = false;
      });
  }

  close(): void {
    this.closed = true;
    this.current = null;
    this.decoder.close();
  }
}

/** A GIF frame without a duration is shown this long (what browsers do). */
const DEFAULT_FRAME_US = 100_000;
const ANIMATABLE = new Set(['image/gif', 'image/webp', 'image/apng', 'image/png']);

/** A file read from disk has no MIME type; its first bytes say what it is. */
async function sniffType(blob: Blob): Promise<string> {
  if (blob.type) return blob.type;
  const head = new Uint8Array(await blob.slice(0, 12).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  return '';
}

export async function loadImage(blob: Blob): Promise<ImageSource> {
  const animated = await tryAnimated(blob, await sniffType(blob));
  if (animated) return animated;
  return new StillImage(await createImageBitmap(blob));
}

async function tryAnimated(blob: Blob, type: string): Promise<ImageSource | null> {
  if (typeof ImageDecoder === 'undefined' || !ANIMATABLE.has(type)) return null;
  if (!(await ImageDecoder.isTypeSupported(type))) return null;
  const decoder = new ImageDecoder({ data: blob.stream(), type });
  try {
    await decoder.tracks.ready;
    await decoder.completed;
    const track = decoder.tracks.selectedTrack;
    if (!track || !track.animated || track.frameCount < 2) {
      decoder.close();
      return null;
    }
    const starts: number[] = [];
    let t = 0;
    for (let i = 0; i < track.frameCount; i++) {
      starts.push(t);
      const { image } = await decoder.decode({ frameIndex: i });
      t += image.duration && image.duration > 0 ? image.duration : DEFAULT_FRAME_US;
      image.close();
    }
    return new AnimatedImage(decoder, starts, t);
  } catch {
    decoder.close();
    return null;
  }
}
