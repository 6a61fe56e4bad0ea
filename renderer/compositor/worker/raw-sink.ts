/**
 * The raw path's end of the worker: read the composed RGBA back from the canvas
 * into a reused buffer, convert it to I420 (BT.709 limited range) into a reused
 * buffer, and transfer a copy out (the copy is what the engine gets; the kept
 * buffer is what a late slot repeats, without converting again).
 *
 * Readback goes through a VideoFrame of the canvas copied into our own buffer in
 * its native pixel order (no per-frame allocation, no unpremultiply pass); where
 * a frame's format is not 8-bit RGB, getImageData is the fallback.
 */
import { BGRA_ORDER, RGBA_ORDER, i420ByteLength, rgbaToI420, type PixelOrder } from '../shared/i420';
import type { FrameSink, SinkPost } from './frame-sink';
import type { Painter } from './painter';

const PIXEL_ORDERS: Partial<Record<VideoPixelFormat, PixelOrder>> = {
  RGBA: RGBA_ORDER,
  RGBX: RGBA_ORDER,
  BGRA: BGRA_ORDER,
  BGRX: BGRA_ORDER,
};

export type ReadbackMethod = 'videoframe' | 'imagedata';

export class RawSink implements FrameSink {
  readonly path = 'raw';
  readonly droppedFrames = 0;
  readonly codec = null;
  private readonly rgba: Uint8Array;
  private readonly last: Uint8Array;
  private hasPicture = false;

  constructor(
    width: number,
    height: number,
    private readonly post: SinkPost,
    private method: ReadbackMethod = 'videoframe',
  ) {
    this.rgba = new Uint8Array(width * height * 4);
    this.last = new Uint8Array(i420ByteLength(width, height));
  }

  async send(painter: Painter, _slot: number, timestampUs: number): Promise<void> {
    const canvas = painter.programCanvas();
    const { width, height } = canvas;
    const order = await this.readback(canvas);
    if (order === null) {
      const image = readContext(canvas).getImageData(0, 0, width, height);
      rgbaToI420(image.data, width, height, this.last, RGBA_ORDER);
    } else {
      rgbaToI420(this.rgba, width, height, this.last, order);
    }
    this.hasPicture = true;
    this.post.raw(this.last.slice().buffer, timestampUs);
  }

  repeat(_slot: number, timestampUs: number): void {
    if (this.hasPicture) this.post.raw(this.last.slice().buffer, timestampUs);
  }

  forceKeyframe(): void {}

  takeEncodeLatencyMs(): null {
    return null;
  }

  readonly usable = true;

  async close(): Promise<void> {}

  /** Copies the canvas into `rgba` and says its pixel order, or null when getImageData must do it. */
  private async readback(canvas: OffscreenCanvas): Promise<PixelOrder | null> {
    if (this.method !== 'videoframe') return null;
    const frame = new VideoFrame(canvas, { timestamp: 0 });
    try {
      const order = frame.format === null ? undefined : PIXEL_ORDERS[frame.format];
      if (!order) {
        this.method = 'imagedata';
        return null;
      }
      await frame.copyTo(this.rgba);
      return order;
    } finally {
      frame.close();
    }
  }
}

function readContext(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('the program canvas has no 2D context');
  return ctx;
}
