/**
 * Media file sources: one <video> element per source, playing the file (loop and
 * play/pause from its settings). Its picture reaches the worker through the
 * element's captureStream() and the same feed as a camera. The element starts
 * muted so it never plays out of the speakers by itself: the audio mixer takes
 * its sound from `element(sourceId)` (e.g. createMediaElementSource).
 */
import type { Source } from '../../preload/contract/model';
import { feedStream, type FeedTargets } from './stream-feed';
import { sourceUrl } from './source-url';

type MediaSource_ = Extract<Source, { kind: 'media' }>;

interface Player {
  video: HTMLVideoElement;
  src: string;
  stopFeed: (() => void) | null;
}

export class MediaPlayers {
  private readonly players = new Map<string, Player>();

  constructor(
    private readonly feed: FeedTargets,
    private readonly onError: (sourceId: string, message: string) => void,
  ) {}

  /** Brings the players in line with the collection's media sources; `overrides` replace a source's src. */
  update(sources: readonly Source[], overrides: ReadonlyMap<string, string>): void {
    const media = sources.filter((s): s is MediaSource_ => s.kind === 'media');
    const keep = new Set(media.map((s) => s.id));
    for (const id of this.players.keys()) if (!keep.has(id)) this.remove(id);
    for (const source of media) this.apply(source, overrides.get(source.id) ?? sourceUrl(source.settings.src));
  }

  element(sourceId: string): HTMLVideoElement | null {
    return this.players.get(sourceId)?.video ?? null;
  }

  destroy(): void {
    for (const id of [...this.players.keys()]) this.remove(id);
  }

  private apply(source: MediaSource_, src: string): void {
    let player = this.players.get(source.id);
    if (player && player.src !== src) {
      this.remove(source.id);
      player = undefined;
    }
    if (!player) player = this.create(source.id, src);
    player.video.loop = source.settings.loop;
    if (source.settings.playing && player.video.paused) void player.video.play().catch((e: unknown) => this.onError(source.id, `the media file would not play: ${String(e)}`));
    if (!source.settings.playing && !player.video.paused) player.video.pause();
  }

  private create(sourceId: string, src: string): Player {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.preload = 'auto';
    video.crossOrigin = 'anonymous';
    video.src = src;
    const player: Player = { video, src, stopFeed: null };
    video.addEventListener('error', () => this.onError(sourceId, `the media file could not be opened: ${video.error?.message ?? src}`));
    // captureStream needs the file's first frame to know the video track's size.
    video.addEventListener(
      'loadeddata',
      () => {
        if (this.players.get(sourceId) !== player) return;
        try {
          player.stopFeed = feedStream(sourceId, captureStream(video), this.feed);
        } catch (error) {
          this.onError(sourceId, `the media file's picture cannot be read: ${String(error)}`);
        }
      },
      { once: true },
    );
    this.players.set(sourceId, player);
    return player;
  }

  private remove(sourceId: string): void {
    const player = this.players.get(sourceId);
    if (!player) return;
    this.players.delete(sourceId);
    player.stopFeed?.();
    player.video.pause();
    player.video.removeAttribute('src');
    player.video.load();
  }
}

function captureStream(video: HTMLVideoElement): MediaStream {
  const capture = (video as HTMLVideoElement & { captureStream?: () => MediaStream }).captureStream;
  if (!capture) throw new Error('this browser cannot capture a video element');
  return capture.call(video);
}
