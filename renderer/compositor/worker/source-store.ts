/**
 * What each source looks like right now, inside the worker: the newest picture of
 * a camera, screen or media source (RGBA pixels from the frame converter kept in a
 * CPU canvas, or an ImageBitmap from the fallback feed), a decoded image, a
 * rendered text, or a colour. A source holds one picture; a newer one replaces it.
 */
import type { Source } from '../../../preload/contract/model';
import { loadImage, type ImageSource, type ImageVisual } from './animated-image';
import { putPixels } from './pixel-canvas';
import { renderText } from './text-canvas';

export type Visual = ({ kind: 'image' } & ImageVisual) | { kind: 'color'; color: string };

type LiveFrame = OffscreenCanvasRenderingContext2D | ImageBitmap;

function liveImage(frame: LiveFrame, version: number): ImageVisual {
  const image = frame instanceof ImageBitmap ? frame : frame.canvas;
  return { image, width: image.width, height: image.height, version };
}

export class SourceStore {
  private readonly live = new Map<string, LiveFrame>();
  /** Bumped per picture of a live source: its canvas is reused for the next frame. */
  private readonly liveVersions = new Map<string, number>();
  private readonly images = new Map<string, ImageSource>();
  /** Bumped per source on every setImage, so a slow decode never overwrites a newer image. */
  private readonly imageGeneration = new Map<string, number>();
  private readonly texts = new Map<string, { key: string; canvas: OffscreenCanvas | null }>();

  constructor(private readonly onError: (sourceId: string, message: string) => void) {}

  visual(source: Source, timestampUs: number): Visual | null {
    switch (source.kind) {
      case 'color':
        return { kind: 'color', color: source.settings.color };
      case 'text':
        return this.text(source.id, source.settings);
      case 'image': {
        const v = this.images.get(source.id)?.visual(timestampUs);
        return v ? { kind: 'image', ...v } : null;
      }
      case 'camera':
      case 'screen':
      case 'media': {
        const frame = this.live.get(source.id);
        return frame ? { kind: 'image', ...liveImage(frame, this.liveVersions.get(source.id) ?? 0) } : null;
      }
      case 'audio-input':
        return null;
    }
  }

  /** A picture from the fallback feed (main thread, one ImageBitmap per frame). */
  setFrame(sourceId: string, frame: ImageBitmap): void {
    const old = this.live.get(sourceId);
    if (old instanceof ImageBitmap) old.close();
    this.live.set(sourceId, frame);
    this.bumpVersion(sourceId);
  }

  /** RGBA pixels from the frame converter, copied into the source's canvas (the buffer is free after). */
  setPixels(sourceId: string, width: number, height: number, data: ArrayBuffer): void {
    const old = this.live.get(sourceId);
    if (old instanceof ImageBitmap) old.close();
    this.live.set(sourceId, putPixels(old instanceof ImageBitmap ? null : (old ?? null), width, height, new Uint8ClampedArray(data)));
    this.bumpVersion(sourceId);
  }

  private bumpVersion(sourceId: string): void {
    this.liveVersions.set(sourceId, (this.liveVersions.get(sourceId) ?? 0) + 1);
  }

  async setImage(sourceId: string, blob: Blob): Promise<void> {
    const generation = (this.imageGeneration.get(sourceId) ?? 0) + 1;
    this.imageGeneration.set(sourceId, generation);
    try {
      const image = await loadImage(blob);
      if (this.imageGeneration.get(sourceId) !== generation) return image.close();
      this.images.get(sourceId)?.close();
      this.images.set(sourceId, image);
    } catch (error) {
      this.onError(sourceId, `the image could not be decoded: ${String(error)}`);
    }
  }

  /** Frees everything held for sources that left the collection. */
  prune(sources: readonly Source[]): void {
    const keep = new Set(sources.map((s) => s.id));
    for (const id of [...this.live.keys(), ...this.images.keys(), ...this.texts.keys()]) {
      if (keep.has(id)) continue;
      const live = this.live.get(id);
      if (live instanceof ImageBitmap) live.close();
      this.live.delete(id);
      this.liveVersions.delete(id);
      this.images.get(id)?.close();
      this.images.delete(id);
      this.imageGeneration.delete(id);
      this.texts.delete(id);
    }
  }

  closeAll(): void {
    this.prune([]);
  }

  private text(sourceId: string, settings: Extract<Source, { kind: 'text' }>['settings']): Visual | null {
    const key = JSON.stringify(settings);
    let cached = this.texts.get(sourceId);
    if (cached?.key !== key) {
      cached = { key, canvas: renderText(settings) };
      this.texts.set(sourceId, cached);
    }
    const canvas = cached.canvas;
    // A text change renders a new canvas: version 0 is enough.
    return canvas ? { kind: 'image', image: canvas, width: canvas.width, height: canvas.height, version: 0 } : null;
  }
}
