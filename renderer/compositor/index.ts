/**
 * The compositor, main-thread side. Scenes are composed in a worker on an
 * OffscreenCanvas (WebGL2 on a GPU, else Canvas 2D), on the worker's own clock at the output frame rate;
 * a second worker turns camera, screen and media frames into pixels for it (see
 * worker/frame-converter.worker.ts). This class only feeds them: the scene collection, the sources' pictures (streams,
 * images, media files), the output settings. It hands out what the worker makes:
 * program frames for the engine (raw I420 or H.264), monitor bitmaps for the UI,
 * stats for health, and the pre-flight's measurements.
 *
 * Lifecycle: `create` starts the worker and resolves once its clock runs;
 * `destroy` stops it (encoder closed, frames released) and the media elements.
 * Nothing here sends to the engine: the delivery subscribes to onProgramFrame.
 */
import type { SceneCollection, Source } from '../../preload/contract/model';
import { MediaPlayers } from './media-players';
import type { ConverterError, ToConverter } from './shared/converter-protocol';
import type { FromWorker, ToWorker } from './shared/protocol';
import { PREFLIGHT_CANCELLED_CODE, type BackendPreference, type CompositorStats, type MonitorFrame, type OutputOptions, type PreflightResult, type ProgramFrame } from './shared/types';
import { sourceUrl } from './source-url';
import { feedStream, type FeedTargets } from './stream-feed';

export type { Backend, BackendPreference, CompositorStats, MonitorFrame, OutputOptions, PathMeasurement, PreflightResult, ProgramFrame, TransitionInfo, VideoPath } from './shared/types';
export { openCapture, cameraConstraints, desktopCaptureConstraints, displayMediaOptions } from './capture';

/** Monitor bitmaps per second (program, and preview in studio mode); the output rate caps it. */
export const DEFAULT_MONITOR_FPS = 15;
/** How long each path runs in the pre-flight. */
export const PREFLIGHT_PATH_MS = 2500;

/** preflight() rejects with this when the program started going out (setOutput with a path) before it finished. */
export class PreflightCancelledError extends Error {
  readonly code = PREFLIGHT_CANCELLED_CODE;
  constructor() {
    super('the pre-flight stopped because the program started going out; it runs again when the program stops');
    this.name = 'PreflightCancelledError';
  }
}
const READY_TIMEOUT_MS = 10_000;
/** Time a pre-flight may take beyond its two runs (warm-ups, encoder start-up, a queued output change). */
const PREFLIGHT_SLACK_MS = 15_000;
/** Time the worker gets to flush its encoder before it is terminated. */
const DESTROY_GRACE_MS = 2000;

export interface CompositorExtras {
  monitorFps?: number;
  /** auto (default): WebGL2 only where the GPU accelerates it; tests and the bench force one. */
  backend?: BackendPreference;
}

export interface PreflightOptions {
  /** The engine has a working hardware encoder: prefer raw when raw holds the rate. */
  engineHasHardwareEncoder?: boolean;
  durationMs?: number;
}

type Listener<T> = (value: T) => void;

/** setImage came before any collection named the source: pin it to whatever src comes next. */
const PIN_NEXT = Symbol('pin-next');

export class Compositor {
  private readonly programListeners = new Set<Listener<ProgramFrame>>();
  private readonly monitorListeners = new Set<Listener<MonitorFrame>>();
  private readonly errorListeners = new Set<Listener<{ message: string; sourceId: string | null }>>();
  private readonly feeds = new Map<string, () => void>();
  private readonly players: MediaPlayers;
  private readonly mediaOverrides = new Map<string, string>();
  /** The src each image source was last loaded from, or pinned at by setImage (PIN_NEXT: before a collection named it). */
  private readonly imageSrcs = new Map<string, string | typeof PIN_NEXT>();
  private readonly preflights = new Map<number, (result: PreflightResult | null) => void>();
  private nextRequestId = 1;
  private collection: SceneCollection | null = null;
  private latestStats: CompositorStats;
  private destroyed = false;
  /** Errors from before anyone listened, handed to the first onError listener. */
  private readonly earlyErrors: Array<{ message: string; sourceId: string | null }> = [];

  private readonly feedTargets: FeedTargets = {
    converter: (message, transfer = []) => {
      if (!this.destroyed) this.converter.postMessage(message, transfer);
    },
    compositor: (message, transfer) => this.post(message, transfer),
  };

  private constructor(
    private readonly worker: Worker,
    private readonly converter: Worker,
    stats: CompositorStats,
  ) {
    this.latestStats = stats;
    this.players = new MediaPlayers(this.feedTargets, (sourceId, message) => this.emitError(message, sourceId));
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.onWorkerMessage(event.data);
    worker.onerror = (event) => this.emitError(`the compositor worker failed: ${event.message}`, null);
    converter.onmessage = (event: MessageEvent<ConverterError>) => this.emitError(event.data.message, event.data.sourceId);
    converter.onerror = (event) => this.emitError(`the frame converter failed: ${event.message}`, null);
    document.addEventListener('visibilitychange', this.updateMonitors);
  }

  static async create(options: OutputOptions, extras: CompositorExtras = {}): Promise<Compositor> {
    checkOutput(options);
    const worker = new Worker(new URL('./worker/compositor.worker.ts', import.meta.url), { type: 'module', name: 'compositor' });
    const converter = new Worker(new URL('./worker/frame-converter.worker.ts', import.meta.url), { type: 'module', name: 'frame-converter' });
    // Pixels go from the converter to the compositor directly, never through this thread.
    const channel = new MessageChannel();
    converter.postMessage({ type: 'port', port: channel.port1 } satisfies ToConverter, [channel.port1]);
    const monitorFps = Math.min(options.fps, extras.monitorFps ?? DEFAULT_MONITOR_FPS);
    // Errors before 'ready' (an output path that would not start) are not fatal: kept for the first onError listener.
    const early: Array<{ message: string; sourceId: string | null }> = [];
    const stats = await new Promise<CompositorStats>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the compositor worker did not start in time')), READY_TIMEOUT_MS);
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        if (m.type === 'error') return void early.push({ message: m.message, sourceId: m.sourceId });
        if (m.type === 'ready') resolve(m.stats);
        else if (m.type === 'failed') reject(new Error(m.message));
        else return;
        clearTimeout(timer);
      };
      worker.onerror = (event) => {
        clearTimeout(timer);
        reject(new Error(`the compositor worker failed to load: ${event.message}`));
      };
      worker.postMessage({ type: 'init', output: options, monitorFps, converterPort: channel.port2, backend: extras.backend ?? 'auto' } satisfies ToWorker, [channel.port2]);
    }).catch((error: unknown) => {
      worker.terminate();
      converter.terminate();
      throw error;
    });
    const compositor = new Compositor(worker, converter, stats);
    compositor.earlyErrors.push(...early);
    return compositor;
  }

  /** The worker keeps its own copy; changes show on the next frame, a new program scene starts the transition. */
  setCollection(collection: SceneCollection): void {
    this.collection = collection;
    this.post({ type: 'collection', collection });
    this.players.update(collection.sources, this.mediaOverrides);
    for (const source of collection.sources) if (source.kind === 'image') this.loadImage(source);
    for (const id of this.imageSrcs.keys()) if (!collection.sources.some((s) => s.id === id)) this.imageSrcs.delete(id);
  }

  /** Feeds a camera or screen source from `stream` (the stream stays the caller's to stop). */
  attachStream(sourceId: string, stream: MediaStream): void {
    this.detachStream(sourceId);
    this.feeds.set(sourceId, feedStream(sourceId, stream, this.feedTargets));
  }

  detachStream(sourceId: string): void {
    this.feeds.get(sourceId)?.();
    this.feeds.delete(sourceId);
  }

  /** Sets an image source's picture directly (e.g. a file the app read); kept until the source's src changes. */
  setImage(sourceId: string, blob: Blob): void {
    const source = this.collection?.sources.find((s) => s.id === sourceId);
    this.imageSrcs.set(sourceId, source?.kind === 'image' ? source.settings.src : PIN_NEXT);
    this.post({ type: 'image', sourceId, blob });
  }

  /** Plays a media source from `url` instead of its settings' src (e.g. a blob: URL the app made). */
  setMedia(sourceId: string, url: string): void {
    this.mediaOverrides.set(sourceId, url);
    if (this.collection) this.players.update(this.collection.sources, this.mediaOverrides);
  }

  /** The <video> element playing a media source, for the audio mixer to take its sound from. */
  mediaElement(sourceId: string): HTMLVideoElement | null {
    return this.players.element(sourceId);
  }

  /** New size, rate, bitrate or path; the worker, the scenes and the sources stay. */
  setOutput(options: OutputOptions): void {
    checkOutput(options);
    this.post({ type: 'output', output: options });
  }

  /** Encoded path: the next frame is a keyframe (after the delivery dropped frames, so the picture recovers sooner). */
  requestKeyframe(): void {
    this.post({ type: 'keyframe' });
  }

  /** Every program frame, at the output rate. The data is the listener's (a fresh buffer per frame). */
  onProgramFrame(listener: Listener<ProgramFrame>): () => void {
    this.programListeners.add(listener);
    return () => this.programListeners.delete(listener);
  }

  /**
   * Monitor bitmaps while anyone listens and the page is visible. Use them during
   * the call (e.g. `canvas.getContext('bitmaprenderer').transferFromImageBitmap(m.program)`):
   * they are closed right after.
   */
  onMonitor(listener: Listener<MonitorFrame>): () => void {
    this.monitorListeners.add(listener);
    this.updateMonitors();
    return () => {
      this.monitorListeners.delete(listener);
      this.updateMonitors();
    };
  }

  onError(listener: Listener<{ message: string; sourceId: string | null }>): () => void {
    this.errorListeners.add(listener);
    for (const error of this.earlyErrors.splice(0)) listener(error);
    return () => this.errorListeners.delete(listener);
  }

  /** The worker's latest stats (refreshed every STATS_INTERVAL_MS). */
  stats(): CompositorStats {
    return this.latestStats;
  }

  /**
   * Runs each path for a while at the current output settings and says which to
   * use. Rejects with PreflightCancelledError when setOutput() starts the program
   * meanwhile (the program never waits for a pre-flight).
   */
  preflight(options: PreflightOptions = {}): Promise<PreflightResult> {
    const requestId = this.nextRequestId++;
    const durationMs = options.durationMs ?? PREFLIGHT_PATH_MS;
    return new Promise((resolve, reject) => {
      // Two paths, their warm-up and encoder start-up: anything far beyond means the worker is gone.
      const timer = setTimeout(() => {
        this.preflights.delete(requestId);
        reject(new Error('the pre-flight did not finish'));
      }, 2 * durationMs + PREFLIGHT_SLACK_MS);
      this.preflights.set(requestId, (result) => {
        clearTimeout(timer);
        if (result) resolve(result);
        else reject(new PreflightCancelledError());
      });
      this.post({ type: 'preflight', requestId, durationMs, engineHasHardwareEncoder: options.engineHasHardwareEncoder ?? false });
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    document.removeEventListener('visibilitychange', this.updateMonitors);
    for (const id of [...this.feeds.keys()]) this.detachStream(id);
    this.players.destroy();
    this.worker.postMessage({ type: 'destroy' } satisfies ToWorker);
    this.converter.postMessage({ type: 'destroy' } satisfies ToConverter);
    setTimeout(() => {
      this.worker.terminate();
      this.converter.terminate();
    }, DESTROY_GRACE_MS);
    this.programListeners.clear();
    this.monitorListeners.clear();
  }

  private readonly updateMonitors = (): void => {
    this.post({ type: 'monitors', enabled: this.monitorListeners.size > 0 && document.visibilityState === 'visible' });
  };

  private post(message: ToWorker, transfer: Transferable[] = []): void {
    if (!this.destroyed) this.worker.postMessage(message, transfer);
  }

  private loadImage(source: Extract<Source, { kind: 'image' }>): void {
    const src = source.settings.src;
    const loaded = this.imageSrcs.get(source.id);
    this.imageSrcs.set(source.id, src);
    if (loaded === src || loaded === PIN_NEXT) return;
    fetch(sourceUrl(src))
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.blob();
      })
      .then(
        (blob) => {
          if (this.imageSrcs.get(source.id) === src) this.post({ type: 'image', sourceId: source.id, blob });
        },
        (error: unknown) => this.emitError(`the image could not be loaded: ${String(error)}`, source.id),
      );
  }

  private onWorkerMessage(m: FromWorker): void {
    switch (m.type) {
      case 'raw':
        if (!m.preflight) this.emitProgram({ kind: 'raw', data: new Uint8Array(m.data), timestampUs: m.timestampUs });
        return;
      case 'encoded':
        if (!m.preflight) this.emitProgram({ kind: 'encoded', data: new Uint8Array(m.data), keyframe: m.keyframe, timestampUs: m.timestampUs });
        return;
      case 'monitor': {
        const frame: MonitorFrame = { program: m.program, preview: m.preview };
        for (const listener of this.monitorListeners) listener(frame);
        m.program.close();
        m.preview?.close();
        return;
      }
      case 'stats':
      case 'ready':
        this.latestStats = m.stats;
        return;
      case 'preflight-result':
      case 'preflight-cancelled':
        this.preflights.get(m.requestId)?.(m.type === 'preflight-result' ? m.result : null);
        this.preflights.delete(m.requestId);
        return;
      case 'error':
        this.emitError(m.message, m.sourceId);
        return;
      case 'failed':
        this.emitError(m.message, null);
        return;
    }
  }

  private emitProgram(frame: ProgramFrame): void {
    for (const listener of this.programListeners) listener(frame);
  }

  private emitError(message: string, sourceId: string | null): void {
    for (const listener of this.errorListeners) listener({ message, sourceId });
  }
}

function checkOutput(o: OutputOptions): void {
  const evenSize = Number.isInteger(o.width) && Number.isInteger(o.height) && o.width > 0 && o.height > 0 && o.width % 2 === 0 && o.height % 2 === 0;
  if (!evenSize) throw new RangeError(`the output size must be positive and even, got ${o.width}x${o.height}`);
  if (!(o.fps > 0 && o.fps <= 120)) throw new RangeError(`the output rate must be 1 to 120 fps, got ${o.fps}`);
  if (!(o.keyframeIntervalS > 0)) throw new RangeError(`the keyframe interval must be positive, got ${o.keyframeIntervalS}`);
}
