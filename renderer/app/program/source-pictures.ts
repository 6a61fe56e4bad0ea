/**
 * Image and media sources, between the collection and the compositor/mixer.
 *
 * Images kept as data: URLs (browser mode) are decoded here and given to the
 * compositor with setImage before it sees the collection: its own loader would
 * fetch() the URL, which the page's CSP forbids. setImage pins a picture only
 * for a source the compositor does not know yet, so when a known image's src
 * changes the compositor is first shown the collection without that source.
 *
 * Media files play in the compositor's <video> elements; their sound is taken
 * into the mixer (attachMediaElement) whenever the element changes. A blob: URL
 * lives only in the page that made it: one from another page (or before a
 * reload) cannot play, and the streamer is asked to pick the file again.
 */
import type { SceneCollection, Source } from '../../../preload/contract';
import type { SourceFeed } from './capture-manager';
import { dataUrlToBlob, isDataUrl } from './data-url';

export interface PictureCompositor {
  setCollection(collection: SceneCollection): void;
  setImage(sourceId: string, blob: Blob): void;
  mediaElement(sourceId: string): HTMLMediaElement | null;
}

export interface PictureMixer {
  attachMediaElement(sourceId: string, element: HTMLMediaElement): void;
  detach(sourceId: string): void;
}

export const PICK_AGAIN = 'Pick the file again';

export class SourcePictures {
  /** Image source id -> the data: URL its picture was set from. */
  private readonly pinned = new Map<string, string>();
  private readonly mediaElements = new Map<string, HTMLMediaElement>();
  /** Per source: a problem and the src it is about (a new src clears it). */
  private readonly problems = new Map<string, { src: string; feed: SourceFeed }>();

  constructor(
    private readonly compositor: PictureCompositor,
    private readonly mixer: PictureMixer | null,
    /** blob: URLs this page made (they play; others cannot). */
    private readonly localUrls: ReadonlySet<string>,
  ) {}

  apply(collection: SceneCollection): void {
    const images = collection.sources.flatMap((s) => (s.kind === 'image' && isDataUrl(s.settings.src) ? [{ id: s.id, src: s.settings.src }] : []));
    const changed = new Set(images.filter((s) => this.pinned.has(s.id) && this.pinned.get(s.id) !== s.src).map((s) => s.id));
    if (changed.size > 0) this.compositor.setCollection(withoutSources(collection, changed));
    for (const source of images) {
      if (this.pinned.get(source.id) === source.src) continue;
      this.pinned.set(source.id, source.src);
      try {
        this.compositor.setImage(source.id, dataUrlToBlob(source.src));
      } catch {
        this.problem(source.id, source.src, 'Image: this picture could not be read — add it again from the file.', null);
      }
    }
    const ids = new Set(collection.sources.map((s) => s.id));
    for (const id of this.pinned.keys()) if (!ids.has(id)) this.pinned.delete(id);
    for (const [id, p] of this.problems) {
      const source = collection.sources.find((s) => s.id === id);
      if (srcOf(source) !== p.src) this.problems.delete(id);
    }

    this.compositor.setCollection(collection);

    const media = collection.sources.filter((s) => s.kind === 'media');
    for (const source of media) {
      if (source.kind !== 'media') continue;
      const src = source.settings.src;
      if (src.startsWith('blob:') && !this.localUrls.has(src)) {
        this.problem(source.id, src, 'Media file: picked in another window or before a reload — browsers let only that page play it.', PICK_AGAIN);
      }
      const element = this.compositor.mediaElement(source.id);
      if (!element || this.mediaElements.get(source.id) === element) continue;
      this.mediaElements.set(source.id, element);
      if (!this.mixer) continue;
      this.mixer.attachMediaElement(source.id, element);
      // The compositor starts elements muted so they never reach the speakers by
      // themselves; now that their sound goes only into the mixer, muted would
      // just make the mixer hear silence (Chromium mutes what the element feeds
      // Web Audio too). Gain, mute and monitoring are the mixer's from here.
      element.muted = false;
    }
    const mediaIds = new Set(media.map((s) => s.id));
    for (const id of [...this.mediaElements.keys()]) {
      if (mediaIds.has(id)) continue;
      this.mediaElements.delete(id);
      this.mixer?.detach(id);
    }
  }

  /** A compositor error about one source (a file that would not open or play). */
  sourceError(collection: SceneCollection | null, sourceId: string, message: string): void {
    const source = collection?.sources.find((s) => s.id === sourceId);
    if (!source || (source.kind !== 'image' && source.kind !== 'media')) return;
    // A foreign blob: URL already has its explanation; the load error adds nothing.
    if (this.problems.get(sourceId)?.src === source.settings.src) return;
    const label = source.kind === 'image' ? 'Image' : 'Media file';
    this.problem(sourceId, source.settings.src, `${label}: ${message}.`, source.kind === 'media' ? PICK_AGAIN : null);
  }

  problemsBySource(): ReadonlyMap<string, SourceFeed> {
    return new Map([...this.problems].map(([id, p]) => [id, p.feed]));
  }

  private problem(sourceId: string, src: string, message: string, action: string | null): void {
    this.problems.set(sourceId, { src, feed: { state: 'failed', message, action } });
  }
}

function srcOf(source: Source | undefined): string | null {
  return source?.kind === 'image' || source?.kind === 'media' ? source.settings.src : null;
}

/** The collection without some sources (and the items showing them). */
export function withoutSources(c: SceneCollection, ids: ReadonlySet<string>): SceneCollection {
  return {
    ...c,
    sources: c.sources.filter((s) => !ids.has(s.id)),
    scenes: c.scenes.map((scene) => ({ ...scene, items: scene.items.filter((i) => !ids.has(i.sourceId)) })),
  };
}
