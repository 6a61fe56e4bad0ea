/**
 * The capture devices behind camera, screen and audio-input sources: opened
 * when a source first needs one, handed to the compositor (pictures) and the
 * mixer (sound), stopped when the source goes away or its device settings
 * change. A browser only opens a screen (or desktop audio) picker from a click,
 * so those wait for one ('needs-click') unless Electron's picker already chose
 * (settings.captureId).
 *
 * Per source: sync() sees it -> opening -> live | failed | needs-click;
 * live -> ended (the user stopped sharing, the device went away);
 * request(id) (a click) -> opening again. Removed or changed -> tracks stopped.
 * Every open carries a generation, so an answer that arrives after the source
 * changed (a slow permission prompt) is stopped instead of attached.
 */
import type { Source } from '../../../preload/contract';
import { captureActionLabel, captureErrorMessage, captureLabel, endedMessage, needsClickMessage, type CaptureKind } from './capture-errors';

export type FeedState = 'opening' | 'live' | 'needs-click' | 'failed' | 'ended';

export interface SourceFeed {
  state: FeedState;
  /** What the streamer should read, or null when all is well. */
  message: string | null;
  /** The button that (re)starts the capture ("Share screen", "Try again"), or null. */
  action: string | null;
}

type VideoSource = Extract<Source, { kind: 'camera' | 'screen' }>;

export interface CaptureOpeners {
  video(source: VideoSource): Promise<MediaStream | null>;
  microphone(deviceId: string | null): Promise<MediaStream>;
  desktopAudio(): Promise<MediaStream>;
  /** The stream's audio tracks as a stream of their own, or null when it has none. */
  audioOf(stream: MediaStream): MediaStream | null;
}

export interface CaptureSinks {
  /** False when the compositor did not start: no camera is opened for nothing. */
  hasVideo(): boolean;
  hasAudio(): boolean;
  attachVideo(sourceId: string, stream: MediaStream): void;
  detachVideo(sourceId: string): void;
  attachAudio(sourceId: string, stream: MediaStream): void;
  detachAudio(sourceId: string): void;
}

interface Opened {
  video: MediaStream | null;
  audio: MediaStream | null;
  /** Every stream opened (an audio-only view shares the capture's tracks). */
  all: MediaStream[];
}

interface Entry {
  source: Source;
  kind: CaptureKind;
  key: string;
  generation: number;
  opened: Opened | null;
  feed: SourceFeed;
}

export function captureKindOf(source: Source): CaptureKind | null {
  if (source.kind === 'camera' || source.kind === 'screen') return source.kind;
  if (source.kind === 'audio-input') return source.settings.target === 'desktop' ? 'desktop-audio' : 'microphone';
  return null;
}

/** Whether opening may happen without a click (a permission prompt is fine; a share picker is not). */
function opensByItself(source: Source): boolean {
  if (source.kind === 'screen') return source.settings.captureId !== null;
  return !(source.kind === 'audio-input' && source.settings.target === 'desktop');
}

export class CaptureManager {
  private readonly entries = new Map<string, Entry>();
  /** Clicks on a source the last sync did not know yet (it was just added). */
  private readonly clickedEarly = new Set<string>();
  private destroyed = false;

  constructor(
    private readonly openers: CaptureOpeners,
    private readonly sinks: CaptureSinks,
    private readonly onChange: () => void,
  ) {}

  /** The picture size a camera or screen capture delivers now, or null before it opened. */
  videoSize(sourceId: string): { width: number; height: number } | null {
    const settings = this.entries.get(sourceId)?.opened?.video?.getVideoTracks()[0]?.getSettings();
    return settings?.width && settings.height ? { width: settings.width, height: settings.height } : null;
  }

  feeds(): ReadonlyMap<string, SourceFeed> {
    return new Map([...this.entries].map(([id, e]) => [id, e.feed]));
  }

  /**
   * Brings captures in line with the collection. Cameras and screens open only
   * while some scene uses them; audio inputs always (one used by no scene is a
   * global device, on air in every scene).
   */
  sync(sources: readonly Source[], usedSourceIds: ReadonlySet<string>): void {
    if (this.destroyed) return;
    const wanted = new Map<string, { source: Source; kind: CaptureKind }>();
    for (const source of sources) {
      const kind = captureKindOf(source);
      if (kind && (source.kind === 'audio-input' || usedSourceIds.has(source.id))) wanted.set(source.id, { source, kind });
    }
    for (const [id, entry] of this.entries) if (!wanted.has(id)) this.remove(id, entry);
    for (const [id, { source, kind }] of wanted) {
      const key = `${kind}:${JSON.stringify(source.settings)}`;
      const existing = this.entries.get(id);
      if (existing?.key === key) {
        existing.source = source;
        continue;
      }
      if (existing) this.remove(id, existing);
      const entry: Entry = { source, kind, key, generation: 0, opened: null, feed: { state: 'opening', message: null, action: null } };
      this.entries.set(id, entry);
      if (this.clickedEarly.delete(id) || opensByItself(source)) void this.open(id, entry);
      else this.setFeed(entry, { state: 'needs-click', message: needsClickMessage(kind), action: captureActionLabel(kind) });
    }
    this.onChange();
  }

  /** (Re)open a source's capture; call it from a click so a share picker may open. */
  request(sourceId: string): void {
    const entry = this.entries.get(sourceId);
    if (entry) void this.open(sourceId, entry);
    else this.clickedEarly.add(sourceId);
  }

  destroy(): void {
    this.destroyed = true;
    for (const [id, entry] of this.entries) this.remove(id, entry);
  }

  private async open(id: string, entry: Entry): Promise<void> {
    const generation = ++entry.generation;
    this.release(id, entry);
    const unavailable = this.unavailable(entry);
    if (unavailable) return this.setFeed(entry, { state: 'failed', message: unavailable, action: null });
    this.setFeed(entry, { state: 'opening', message: null, action: null });
    let opened: Opened;
    try {
      opened = await this.openStreams(entry.source);
    } catch (error) {
      if (this.current(id, entry, generation)) this.setFeed(entry, { state: 'failed', message: captureErrorMessage(entry.kind, error), action: captureActionLabel(entry.kind) });
      return;
    }
    if (!this.current(id, entry, generation)) return stopAll(opened);
    entry.opened = opened;
    if (opened.video) this.sinks.attachVideo(id, opened.video);
    if (opened.audio) this.sinks.attachAudio(id, opened.audio);
    // The track that makes the source: a screen's picture, a microphone's sound.
    const main = opened.video?.getVideoTracks()[0] ?? opened.audio?.getAudioTracks()[0];
    main?.addEventListener('ended', () => {
      if (!this.current(id, entry, generation)) return;
      this.release(id, entry);
      this.setFeed(entry, { state: 'ended', message: endedMessage(entry.kind), action: captureActionLabel(entry.kind) });
    });
    const silentShare = entry.source.kind === 'screen' && entry.source.settings.withAudio && !opened.audio;
    this.setFeed(entry, { state: 'live', message: silentShare ? 'Screen: shared without sound — share again and tick "Share audio" in the picker (a whole screen or a tab).' : null, action: null });
  }

  private async openStreams(source: Source): Promise<Opened> {
    if (source.kind === 'camera' || source.kind === 'screen') {
      const video = await this.openers.video(source);
      if (!video) throw new Error('nothing to capture');
      const audio = source.kind === 'screen' && source.settings.withAudio && this.sinks.hasAudio() ? this.openers.audioOf(video) : null;
      return { video, audio, all: [video] };
    }
    const audio = source.kind === 'audio-input' && source.settings.target === 'desktop' ? await this.openers.desktopAudio() : await this.openers.microphone(source.kind === 'audio-input' ? source.settings.deviceId : null);
    return { video: null, audio, all: [audio] };
  }

  /** Why this capture cannot be used at all (its consumer did not start), or null. */
  private unavailable(entry: Entry): string | null {
    const needsVideo = entry.kind === 'camera' || entry.kind === 'screen';
    if (needsVideo && !this.sinks.hasVideo()) return `${captureLabel(entry.kind)}: not opened — the program picture could not start (see the monitor).`;
    if (!needsVideo && !this.sinks.hasAudio()) return `${captureLabel(entry.kind)}: not opened — the audio mixer could not start (see the mixer).`;
    return null;
  }

  private current(id: string, entry: Entry, generation: number): boolean {
    return !this.destroyed && this.entries.get(id) === entry && entry.generation === generation;
  }

  /** Detach and stop what the entry holds (the capture is ours to stop: the sinks never stop tracks). */
  private release(id: string, entry: Entry): void {
    if (!entry.opened) return;
    if (entry.opened.video) this.sinks.detachVideo(id);
    if (entry.opened.audio) this.sinks.detachAudio(id);
    stopAll(entry.opened);
    entry.opened = null;
  }

  private remove(id: string, entry: Entry): void {
    entry.generation++;
    this.release(id, entry);
    this.entries.delete(id);
  }

  private setFeed(entry: Entry, feed: SourceFeed): void {
    entry.feed = feed;
    this.onChange();
  }
}

function stopAll(opened: Opened): void {
  for (const stream of opened.all) for (const track of stream.getTracks()) track.stop();
}
