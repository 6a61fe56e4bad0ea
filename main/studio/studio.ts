/**
 * The Studio: the single owner of state and the one place that orchestrates the
 * engine (DESIGN.md). It holds the scene collection and the settings, persists
 * them, keeps stream keys in the secret store, runs the live session and the
 * local origin, and publishes every change as events. Its methods are the
 * contract's (studio-api.ts); transports validate what reaches them.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventName, EventPayload, StudioApi } from '../../preload/contract';
import type { HealthSnapshot } from '../../preload/contract/health';
import type { PreflightReport, VideoPathStatus } from '../../preload/contract/video-path';
import type { ProbeReport } from '../engine/probe';
import type { LiveState, SceneCollection, Settings, StudioState } from '../../preload/contract/model';
import type { MediaMessage } from '../../preload/contract/media';
import { MEDIA_KIND } from '../../preload/contract/media';
import type { Logger } from '../engine/logger';
import { defaultClockUs, type ClockUs } from '../engine/pacer/pacer-types';
import { LocalOrigin } from '../origin/local-origin';
import type { ProcessRegistry } from '../engine/process/process-registry';
import type { SecretRegistry } from '../engine/redact';
import { LiveSession } from './live-session';
import type { JsonStore } from './persistence/json-store';
import type { SecretStore } from './secrets/secret-store';
import { createStudioApi } from './studio-api';
import type { StudioPort } from './studio-port';
import { collectionStore, preflightStore, settingsStore } from './studio-stores';
import { defaultCollection, defaultSettings } from './defaults';
import { VideoPathChoice, summarizePreflight } from './video-path-choice';

/** Changes are saved at most this often (dragging a source changes it many times a second). */
export const SAVE_DEBOUNCE_MS = 300;
export const REMOTE_PASSWORD_SECRET = 'remote:password';
const REMOTE_PASSWORD_BYTES = 12;

export interface StudioOptions {
  dataDir: string;
  resourcesDir: string;
  /** Where recordings go by default (the user's Videos folder). */
  videosDir: string;
  logger: Logger;
  registry: ProcessRegistry;
  /** Every stream key is registered here so no log line can carry it. */
  redactor: SecretRegistry;
  secrets: SecretStore;
  clockUs?: ClockUs;
  newId?: (prefix: string) => string;
  /** The ffmpeg to use when the settings name none (located by the caller). */
  ffmpegPath: string;
  probeCacheDir: string;
  /** Serve the local origin on this port instead of the settings' (0 = any free port). */
  originPort?: number;
}

export interface StudioEvents {
  event: [EventName, unknown];
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
}

export class Studio implements StudioPort {
  readonly api: StudioApi;
  readonly live: LiveSession;
  private originValue: LocalOrigin;
  private readonly emitter = new EventEmitter<StudioEvents>();
  private collectionValue: SceneCollection;
  private settingsValue: Settings;
  private liveState: LiveState = { streaming: 'offline', recording: 'off', streamingSince: null, recordingSince: null, recordingFile: null, watchUrl: null, producer: 'none' };
  private saveTimer: NodeJS.Timeout | null = null;
  private stateQueued = false;
  private lastHealth: HealthSnapshot | null = null;
  private remotePasswordValue: string | null = null;
  /** The last ffmpeg probe and the binary it probed (the probe also caches on disk per binary and version). */
  private probeCache: { ffmpegPath: string; report: ProbeReport } | null = null;
  /** The running broadcast's video path and why, for health. */
  private broadcastPath: VideoPathStatus | null = null;
  /** The compositor's pre-flight per output profile: resolves the profile's videoPath 'auto'. */
  readonly videoPath = new VideoPathChoice();
  readonly newId: (prefix: string) => string;
  readonly clockUs: ClockUs;

  private constructor(
    readonly options: StudioOptions,
    private readonly stores: { collection: JsonStore<SceneCollection>; settings: JsonStore<Settings>; preflight: JsonStore<PreflightReport | null> },
    collection: SceneCollection,
    settings: Settings,
  ) {
    this.collectionValue = collection;
    this.settingsValue = settings;
    this.newId = options.newId ?? randomId;
    this.clockUs = options.clockUs ?? defaultClockUs;
    this.live = new LiveSession({ ffmpegPath: settings.ffmpegPath ?? options.ffmpegPath, registry: options.registry, logger: options.logger.child('live'), clockUs: this.clockUs });
    this.live.on('health', (h) => {
      const withPath: HealthSnapshot = { ...h, videoPath: this.broadcastPath };
      this.lastHealth = withPath;
      this.emit('health', withPath);
    });
    this.live.on('output', (o) => this.emit('output', o));
    this.originValue = this.makeOrigin(options.originPort ?? settings.localOrigin.port);
    this.api = createStudioApi(this);
  }

  /** Load (or create) the studio's files; problems are sentences for the user. */
  static async open(options: StudioOptions): Promise<{ studio: Studio; problems: string[] }> {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const newId = options.newId ?? randomId;
    const storeLogger = { warn: (m: string) => options.logger.warn(m), info: (m: string) => options.logger.info(m) };
    // Settings first: a first collection is laid out on the output size they give.
    // A collection already on disk is loaded as it is (its items keep their places).
    const settingsFile = settingsStore(options.dataDir, () => defaultSettings({ videosDir: options.videosDir }), storeLogger);
    const settings = await settingsFile.load();
    const { width, height } = settings.value.profile;
    const stores = {
      collection: collectionStore(options.dataDir, () => defaultCollection(newId, { width, height }), storeLogger),
      settings: settingsFile,
      preflight: preflightStore(options.dataDir, storeLogger),
    };
    const collection = await stores.collection.load();
    const studio = new Studio(options, stores, collection.value, settings.value);
    // Only a cache of this machine's measurement: a bad file is logged (by the store), never a problem for the user.
    const preflight = await stores.preflight.load();
    if (preflight.value) studio.videoPath.remember(preflight.value);
    await studio.loadSecrets();
    if (collection.source === 'defaults' && collection.problems.length === 0) await stores.collection.save(collection.value);
    if (settings.source === 'defaults' && settings.problems.length === 0) await stores.settings.save(settings.value);
    return { studio, problems: [...collection.problems, ...settings.problems] };
  }

  /** The compositor's pre-flight: decides 'auto' from the next go-live on, and is kept for the next start. */
  async keepPreflight(report: PreflightReport): Promise<void> {
    this.options.logger.info(`video path pre-flight at ${report.width}x${report.height} ${report.fps} fps: ${summarizePreflight(report)}`);
    this.videoPath.remember(report);
    try {
      await this.stores.preflight.save(report);
    } catch (e) {
      // A cache: the measurement still counts for this run.
      this.options.logger.warn(`the video path pre-flight could not be saved for the next start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  get origin(): LocalOrigin {
    return this.originValue;
  }

  private makeOrigin(port: number): LocalOrigin {
    const s = this.settingsValue;
    return new LocalOrigin({ port, lan: s.localOrigin.lan, segmentSeconds: s.profile.keyframeIntervalS, logger: this.options.logger.child('origin') });
  }

  /**
   * Start serving the local origin (its watch page works before going live). A
   * port already in use (another studio, another program) is not fatal: the origin
   * takes a free one and the streamer is told.
   */
  async start(): Promise<void> {
    let address;
    try {
      address = await this.originValue.start();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      const wanted = this.settingsValue.localOrigin.port;
      this.originValue = this.makeOrigin(0);
      address = await this.originValue.start();
      this.notice('warning', `Port ${wanted} for the watch page is in use by another program; the local origin uses port ${address.port} for now. Choose a free port in Settings → Local origin.`, 'ORIGIN_PORT_IN_USE');
    }
    this.liveState = { ...this.liveState, watchUrl: address.watchUrl };
  }

  async close(): Promise<void> {
    await this.live.close();
    await this.flushSave();
    await this.origin.stop();
  }

  // ---- state ----

  get collection(): SceneCollection {
    return this.collectionValue;
  }

  get settings(): Settings {
    return this.settingsValue;
  }

  get liveStatus(): LiveState {
    return this.liveState;
  }

  get health(): HealthSnapshot | null {
    return this.lastHealth;
  }

  state(): StudioState {
    return { collection: this.collectionValue, settings: this.settingsValue, live: this.liveState };
  }

  setCollection(next: SceneCollection): void {
    if (next === this.collectionValue) return;
    this.collectionValue = next;
    this.scheduleSave();
    this.queueState();
  }

  setSettings(next: Settings): void {
    if (next === this.settingsValue) return;
    this.settingsValue = next;
    this.scheduleSave();
    this.queueState();
  }

  setLive(patch: Partial<LiveState>): void {
    this.liveState = { ...this.liveState, ...patch };
    this.queueState();
  }

  // ---- events ----

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const wrapped = (name: EventName, payload: unknown) => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    this.emitter.on('event', wrapped);
    return () => this.emitter.off('event', wrapped);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  notice(level: 'info' | 'warning' | 'error', message: string, code?: string): void {
    this.options.logger[level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'info'](message);
    this.emit('notice', code ? { level, message, code } : { level, message });
  }

  /** State events are coalesced: many changes in one tick make one event. */
  private queueState(): void {
    if (this.stateQueued) return;
    this.stateQueued = true;
    queueMicrotask(() => {
      this.stateQueued = false;
      this.emit('state', this.state());
    });
  }

  /** The probe of `ffmpegPath` made earlier in this run, if any. */
  cachedProbe(ffmpegPath: string): ProbeReport | null {
    return this.probeCache?.ffmpegPath === ffmpegPath ? this.probeCache.report : null;
  }

  rememberProbe(ffmpegPath: string, report: ProbeReport): void {
    this.probeCache = { ffmpegPath, report };
  }

  /** A broadcast starts on this path (health shows it while it runs). */
  setBroadcastPath(status: VideoPathStatus): void {
    this.broadcastPath = status;
  }

  // ---- media from the compositor ----

  /** One media message from the compositor (already validated by the transport). */
  pushMedia(message: MediaMessage): void {
    const broadcast = this.live.running;
    if (!broadcast) return;
    if (!this.live.hasProducer) {
      this.live.setProducerActive(true);
      this.setLive({ producer: 'compositor' });
    }
    if (message.kind === MEDIA_KIND.audio) broadcast.pushAudio(message.payload, message.timestampUs);
    else if (message.kind === MEDIA_KIND.rawVideo) broadcast.pushVideoFrame(message.payload, message.timestampUs);
    else broadcast.pushEncodedVideo(message.payload, message.timestampUs, message.keyframe);
  }

  /** The compositor went away: the slate takes over the program. */
  producerGone(): void {
    this.live.setProducerActive(false);
    this.setLive({ producer: 'none' });
  }

  // ---- persistence and secrets ----

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => void this.flushSave(), SAVE_DEBOUNCE_MS);
    this.saveTimer.unref?.();
  }

  async flushSave(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    try {
      await Promise.all([this.stores.collection.save(this.collectionValue), this.stores.settings.save(this.settingsValue)]);
    } catch (err) {
      this.notice('error', `Your changes could not be saved: ${(err as Error).message}`, 'SAVE_FAILED');
    }
  }

  /** Register every stored key with the redactor so no log line can carry it. */
  private async loadSecrets(): Promise<void> {
    for (const d of this.settingsValue.destinations) {
      const key = await this.options.secrets.get(destinationKeyId(d.id));
      if (key) this.options.redactor.add(key);
    }
    await this.remotePassword();
  }

  /** The obs-websocket password: generated on first run, kept in the secret store. */
  async remotePassword(regenerate = false): Promise<string> {
    if (this.remotePasswordValue && !regenerate) return this.remotePasswordValue;
    let password = regenerate ? null : await this.options.secrets.get(REMOTE_PASSWORD_SECRET);
    if (!password) {
      password = randomBytes(REMOTE_PASSWORD_BYTES).toString('base64url');
      await this.options.secrets.set(REMOTE_PASSWORD_SECRET, password);
    }
    this.options.redactor.add(password);
    this.remotePasswordValue = password;
    // Remote control restarts with the new password on the next state event.
    if (regenerate) this.queueState();
    return password;
  }

  /** The folder the local origin's HLS is written to while live. */
  async freshHlsDir(): Promise<string> {
    const dir = join(this.options.dataDir, 'live', 'hls');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return dir;
  }
}

export function destinationKeyId(destinationId: string): string {
  return `destination:${destinationId}:key`;
}
