/**
 * The program in this window: ONE compositor and ONE audio mixer, kept in step
 * with the studio's state, fed by the capture devices and files the sources
 * name, and sent to the engine whenever it asks (ProgramSender.follow on the
 * 'mediaRequest' events: go live or record and the program goes out on the
 * requested path, size and rate).
 *
 * Lifecycle: new ProgramRuntime(deps) -> update(collection, profile) on every
 * state (the first one starts the compositor and the mixer; either may fail on
 * its own and the other still runs) -> destroy() (captures stopped, both shut).
 * Between requests the compositor runs with path 'none' at the profile's size:
 * it composes for the monitors only. When the connection drops the sender stops
 * (the studio shows its slate); captures stay open, because a reconnect should
 * not turn a camera off or make a browser ask to share the screen again.
 * With the profile's videoPath 'auto', the window that feeds the engine measures
 * both video paths while idle and tells the studio (path-preflight.ts).
 *
 * No React here: the hook (use-program.ts) makes one per window, and the unit
 * tests drive it with fakes.
 */
import type { OutputProfile, SceneCollection } from '../../../preload/contract';
import type { CompositorStats, MonitorFrame, OutputOptions } from '../../compositor/shared/types';
import type { MeterReadings } from '../../audio/mixer';
import { ProgramSender, type MediaTransport, type PcmSource, type ProgramFrameSource, type ProgramSenderStats } from '../../delivery/program-sender';
import { CaptureManager, type CaptureOpeners, type SourceFeed } from './capture-manager';
import { LateSubscriptions } from './late-subscriptions';
import type { MediaRequest, MediaRequests } from './media-requests';
import { PathPreflight, type PathPreflightDeps, type PreflightCompositor } from './path-preflight';
import { SourcePictures } from './source-pictures';

export interface ProgramCompositor extends ProgramFrameSource, PreflightCompositor {
  setCollection(collection: SceneCollection): void;
  attachStream(sourceId: string, stream: MediaStream): void;
  detachStream(sourceId: string): void;
  setImage(sourceId: string, blob: Blob): void;
  mediaElement(sourceId: string): HTMLMediaElement | null;
  setOutput(options: OutputOptions): void;
  onMonitor(listener: (frame: MonitorFrame) => void): () => void;
  onError(listener: (error: { message: string; sourceId: string | null }) => void): () => void;
  stats(): CompositorStats;
  destroy(): void;
}

export interface ProgramMixer extends PcmSource {
  readonly running: boolean;
  resume(): Promise<void>;
  attachStream(sourceId: string, stream: MediaStream): void;
  attachMediaElement(sourceId: string, element: HTMLMediaElement): void;
  detach(sourceId: string): void;
  applyCollection(collection: SceneCollection): void;
  onMeters(cb: (meters: MeterReadings) => void, rateHz?: number): () => void;
  destroy(): Promise<void>;
}

export interface ProgramDeps {
  transport: MediaTransport;
  requests: MediaRequests;
  onConnection(cb: (state: 'connecting' | 'open' | 'closed') => void): () => void;
  createCompositor(output: OutputOptions): Promise<ProgramCompositor>;
  createMixer(): Promise<ProgramMixer>;
  openers: CaptureOpeners;
  /**
   * Only one window may feed the engine (two would interleave their frames).
   * Calls `granted` once this window may; returns the release. Browsers use a
   * Web Lock, so a second tab waits and takes over when the first closes.
   */
  claimProducer(granted: () => void): () => void;
  /** A problem the streamer should read (a notice), e.g. the compositor's worker failing. */
  report(message: string): void;
  /** The studio's side of the video path pre-flight (path-preflight.ts). */
  videoPath: Pick<PathPreflightDeps, 'engineHasHardwareEncoder' | 'report'>;
}

export type Phase = 'idle' | 'starting' | 'running' | 'failed';

export interface ProgramStatus {
  video: Phase;
  /** Why the compositor did not start (later errors become notices). */
  videoError: string | null;
  /** 'suspended': the browser holds audio until the page is clicked. */
  audio: Phase | 'suspended';
  audioError: string | null;
  /** Per source with something to say (a capture, a file), for the Sources dock. */
  sources: Readonly<Record<string, SourceFeed>>;
  /** The engine asked for the program and it is being sent. */
  sending: boolean;
  /** Another window of this studio feeds the engine; this one waits to take over. */
  otherWindowSends: boolean;
}

/** A mixer that never started still lets video go: the engine fills silence. */
const NO_PCM: PcmSource = { onPcm: () => () => undefined };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ProgramRuntime {
  private compositor: ProgramCompositor | null = null;
  private mixer: ProgramMixer | null = null;
  private pictures: SourcePictures | null = null;
  private preflight: PathPreflight | null = null;
  private readonly captures: CaptureManager;
  private readonly sender: ProgramSender;
  private readonly compositorSubs = new LateSubscriptions<ProgramCompositor>();
  private readonly mixerSubs = new LateSubscriptions<ProgramMixer>();
  private readonly localUrls = new Set<string>();
  private readonly statusListeners = new Set<() => void>();
  private readonly offs: Array<() => void> = [];
  private collection: SceneCollection | null = null;
  private profile: OutputProfile | null = null;
  /** The engine's current ask while it wants media; null: compose for the monitors only. */
  private request: MediaRequest | null = null;
  private appliedOutput: OutputOptions | null = null;
  private ready = false;
  private destroyed = false;
  private status: ProgramStatus = { video: 'idle', videoError: null, audio: 'idle', audioError: null, sources: {}, sending: false, otherWindowSends: false };

  constructor(private readonly deps: ProgramDeps) {
    this.sender = new ProgramSender(deps.transport);
    this.captures = new CaptureManager(
      deps.openers,
      {
        hasVideo: () => this.compositor !== null,
        hasAudio: () => this.mixer !== null,
        attachVideo: (id, stream) => this.compositor?.attachStream(id, stream),
        detachVideo: (id) => this.compositor?.detachStream(id),
        attachAudio: (id, stream) => this.mixer?.attachStream(id, stream),
        detachAudio: (id) => this.mixer?.detach(id),
      },
      () => this.refreshSources(),
    );
    this.offs.push(
      deps.onConnection((state) => {
        if (state === 'open') return this.preflight?.reconnected();
        // The studio's hello brings a fresh request after a reconnect.
        this.sender.stop();
        this.deps.requests.forget();
        this.onRequest(null);
      }),
    );
  }

  /** The studio's state changed: the first call starts the compositor and the mixer. */
  update(collection: SceneCollection, profile: OutputProfile): void {
    if (this.destroyed || (collection === this.collection && profile === this.profile)) return;
    const first = this.collection === null;
    this.collection = collection;
    this.profile = profile;
    if (first) void this.start(profile);
    else this.apply();
  }

  /**
   * A capture's or media file's own picture size (what a crop counts in), or null
   * while it is not open or not known here (text is laid out in the compositor).
   */
  sourceSize(sourceId: string): { width: number; height: number } | null {
    const captured = this.captures.videoSize(sourceId);
    if (captured) return captured;
    const media = this.compositor?.mediaElement(sourceId);
    return media instanceof HTMLVideoElement && media.videoWidth > 0 ? { width: media.videoWidth, height: media.videoHeight } : null;
  }

  /** Open (or retry) a source's capture; call it from a click, so a share picker may open. */
  requestCapture(sourceId: string): void {
    this.captures.request(sourceId);
  }

  /** A file picked in this page, as a URL its media source can play (for this page's lifetime). */
  localFileUrl(file: Blob): string {
    const url = URL.createObjectURL(file);
    this.localUrls.add(url);
    return url;
  }

  /** Browsers keep audio suspended until the page is clicked; call from a click. */
  resumeAudio(): void {
    const mixer = this.mixer;
    if (!mixer) return;
    if (mixer.running) {
      // It may have started by itself since (the browser allowed it): say so.
      if (this.status.audio === 'suspended') this.setStatus({ audio: 'running' });
      return;
    }
    mixer.resume().then(
      () => this.setStatus({ audio: mixer.running ? 'running' : 'suspended' }),
      () => undefined, // still no gesture: the next click tries again
    );
  }

  onMonitor(listener: (frame: MonitorFrame) => void): () => void {
    return this.compositorSubs.add((c) => c.onMonitor(listener));
  }

  onMeters(cb: (meters: MeterReadings) => void, rateHz?: number): () => void {
    return this.mixerSubs.add((m) => m.onMeters(cb, rateHz));
  }

  compositorStats(): CompositorStats | null {
    return this.compositor?.stats() ?? null;
  }

  senderStats(): ProgramSenderStats {
    return this.sender.stats();
  }

  getStatus = (): ProgramStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  };

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const off of this.offs) off();
    this.sender.stop();
    this.preflight?.destroy();
    this.captures.destroy();
    this.compositorSubs.clear();
    this.mixerSubs.clear();
    this.compositor?.destroy();
    void this.mixer?.destroy();
    for (const url of this.localUrls) URL.revokeObjectURL(url);
    this.statusListeners.clear();
  }

  private async start(profile: OutputProfile): Promise<void> {
    this.setStatus({ video: 'starting', audio: 'starting' });
    const output = idleOutput(profile);
    const [compositor, mixer] = await Promise.allSettled([this.deps.createCompositor(output), this.deps.createMixer()]);
    if (this.destroyed) {
      if (compositor.status === 'fulfilled') compositor.value.destroy();
      if (mixer.status === 'fulfilled') void mixer.value.destroy();
      return;
    }
    if (mixer.status === 'fulfilled') {
      this.mixer = mixer.value;
      this.mixerSubs.setTarget(mixer.value);
      this.setStatus({ audio: mixer.value.running ? 'running' : 'suspended' });
    } else {
      this.setStatus({ audio: 'failed', audioError: `The audio mixer could not start: ${messageOf(mixer.reason)}` });
    }
    if (compositor.status === 'fulfilled') {
      const c = compositor.value;
      this.compositor = c;
      this.appliedOutput = output;
      this.pictures = new SourcePictures(c, this.mixer, this.localUrls);
      this.preflight = new PathPreflight({ compositor: c, ...this.deps.videoPath, notice: (m) => this.deps.report(m) });
      this.offs.push(c.onError((e) => this.onCompositorError(e.message, e.sourceId)));
      this.compositorSubs.setTarget(c);
      this.setStatus({ video: 'running', otherWindowSends: true });
      const sources = { compositor: c, mixer: this.mixer ?? NO_PCM };
      this.offs.push(
        this.deps.claimProducer(() => {
          if (this.destroyed) return;
          this.setStatus({ otherWindowSends: false });
          // The remembered request replays at once: a window taking over starts sending straight away.
          this.offs.push(this.sender.follow(this.deps.requests, sources, (r) => this.onRequest(r.send ? r : null)));
          this.considerPreflight();
        }),
      );
    } else {
      this.setStatus({ video: 'failed', videoError: `The program picture cannot be shown: ${messageOf(compositor.reason)}` });
    }
    this.ready = true;
    this.apply();
  }

  private apply(): void {
    const collection = this.collection;
    if (!this.ready || !collection) return;
    this.pictures?.apply(collection);
    this.mixer?.applyCollection(collection);
    this.captures.sync(collection.sources, new Set(collection.scenes.flatMap((s) => s.items.map((i) => i.sourceId))));
    if (!this.request && this.profile) this.setOutput(idleOutput(this.profile));
    this.refreshSources();
    this.considerPreflight();
  }

  /** After the output settings are applied: the pre-flight measures at them, and only while nothing is sent. */
  private considerPreflight(): void {
    if (this.profile) this.preflight?.consider(this.profile, this.request !== null || this.status.otherWindowSends);
  }

  /** The engine's ask (null: stop). ProgramSender.follow starts or stops sending right after this. */
  private onRequest(request: MediaRequest | null): void {
    this.request = request;
    if (request) {
      const { width, height, fps, keyframeIntervalS, videoBitrateKbps, path } = request;
      this.setOutput({ width, height, fps, keyframeIntervalS, videoBitrateKbps, path });
    } else if (this.profile) {
      this.setOutput(idleOutput(this.profile));
    }
    this.setStatus({ sending: request !== null });
    this.considerPreflight();
  }

  private setOutput(output: OutputOptions): void {
    if (!this.compositor || (this.appliedOutput && sameOutput(this.appliedOutput, output))) return;
    try {
      this.compositor.setOutput(output);
      this.appliedOutput = output;
    } catch (e) {
      this.deps.report(`The program cannot be sent at that size or rate: ${messageOf(e)}`);
    }
  }

  private onCompositorError(message: string, sourceId: string | null): void {
    if (sourceId === null) return this.deps.report(`Program picture: ${message}`);
    this.pictures?.sourceError(this.collection, sourceId, message);
    this.refreshSources();
  }

  /** A capture's state wins while it is not simply live; a file's problem shows otherwise. */
  private refreshSources(): void {
    const sources: Record<string, SourceFeed> = {};
    for (const [id, feed] of this.pictures?.problemsBySource() ?? []) sources[id] = feed;
    for (const [id, feed] of this.captures.feeds()) if (feed.state !== 'live' || feed.message || !sources[id]) sources[id] = feed;
    this.setStatus({ sources });
  }

  private setStatus(patch: Partial<ProgramStatus>): void {
    if (this.destroyed) return;
    this.status = { ...this.status, ...patch };
    for (const l of [...this.statusListeners]) l();
  }
}

/** Composing for the monitors only, at the profile's size and rate. */
export function idleOutput(p: OutputProfile): OutputOptions {
  return { width: p.width, height: p.height, fps: p.fps, keyframeIntervalS: p.keyframeIntervalS, videoBitrateKbps: p.videoBitrateKbps, path: 'none' };
}

function sameOutput(a: OutputOptions, b: OutputOptions): boolean {
  return a.width === b.width && a.height === b.height && a.fps === b.fps && a.keyframeIntervalS === b.keyframeIntervalS && a.videoBitrateKbps === b.videoBitrateKbps && a.path === b.path;
}
