/**
 * Fakes for the program runtime's collaborators: a compositor and a mixer that
 * record what they were told, capture streams whose tracks can end, and device
 * openers the test answers by hand (deferred), so every ordering is reachable.
 */
import type { MeterReadings } from '../../../../../renderer/audio/mixer';
import type { CompositorStats, MonitorFrame, OutputOptions, PreflightResult, ProgramFrame } from '../../../../../renderer/compositor/shared/types';
import type { CaptureOpeners } from '../../../../../renderer/app/program/capture-manager';
import type { ProgramCompositor, ProgramMixer } from '../../../../../renderer/app/program/program-runtime';
import type { SceneCollection } from '../../../../../preload/contract';

export class FakeTrack extends EventTarget {
  stopped = false;
  /** What getSettings() reports (a camera's mode). */
  settings: MediaTrackSettings = {};
  constructor(readonly kind: 'audio' | 'video') {
    super();
  }
  stop(): void {
    this.stopped = true;
  }
  getSettings(): MediaTrackSettings {
    return this.settings;
  }
  /** The device went away or the user stopped sharing. */
  end(): void {
    this.dispatchEvent(new Event('ended'));
  }
}

/** Enough of a MediaStream for the runtime (it only lists and stops tracks). */
export class FakeStream {
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks(): FakeTrack[] {
    return this.tracks;
  }
  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  /** The runtime's types want a MediaStream; this fake implements the part it uses. */
  asMedia(): MediaStream {
    return this as unknown as MediaStream;
  }
}

export const stream = (...kinds: Array<'audio' | 'video'>) => new FakeStream(kinds.map((k) => new FakeTrack(k)));
export const fakeOf = (s: MediaStream) => s as unknown as FakeStream;

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Openers answered by the test: each call waits in `pending` until resolved or rejected. */
export class FakeOpeners implements CaptureOpeners {
  readonly pending: Array<{ what: string; answer: Deferred<MediaStream> }> = [];
  video = (source: { kind: string }) => this.wait(source.kind);
  microphone = (deviceId: string | null) => this.wait(`microphone:${deviceId ?? 'default'}`);
  desktopAudio = () => this.wait('desktop-audio');
  audioOf = (s: MediaStream): MediaStream | null => {
    const audio = fakeOf(s).getAudioTracks();
    return audio.length > 0 ? new FakeStream(audio).asMedia() : null;
  };
  /** Answers the oldest open request for `what` with a fresh stream of these kinds. */
  answer(what: string, ...kinds: Array<'audio' | 'video'>): FakeStream {
    const s = stream(...kinds);
    this.take(what).resolve(s.asMedia());
    return s;
  }
  refuse(what: string, error: unknown): void {
    this.take(what).reject(error);
  }
  private wait(what: string): Promise<MediaStream> {
    const answer = deferred<MediaStream>();
    this.pending.push({ what, answer });
    return answer.promise;
  }
  private take(what: string): Deferred<MediaStream> {
    const i = this.pending.findIndex((p) => p.what === what);
    if (i < 0) throw new Error(`nothing asked for ${what}; asked: ${this.pending.map((p) => p.what).join(', ')}`);
    return this.pending.splice(i, 1)[0]!.answer;
  }
}

export const STATS: CompositorStats = {
  backend: 'canvas2d',
  backendReason: 'this browser has no WebGL2',
  glRenderer: null,
  glSoftware: false,
  path: 'none',
  fps: 30,
  framesSent: 0,
  repeatedFrames: 0,
  skippedFrames: 0,
  droppedFrames: 0,
  frameTimeMs: 1,
  readbackMs: 1,
  readbackLatencyMs: null,
  encodeLatencyMs: null,
  codec: null,
  transition: null,
};

export class FakeCompositor implements ProgramCompositor {
  readonly log: string[] = [];
  readonly collections: SceneCollection[] = [];
  readonly outputs: OutputOptions[] = [];
  readonly streams = new Map<string, MediaStream>();
  readonly images = new Map<string, Blob>();
  readonly elements = new Map<string, HTMLMediaElement>();
  readonly frameListeners = new Set<(f: ProgramFrame) => void>();
  readonly monitorListeners = new Set<(f: MonitorFrame) => void>();
  readonly errorListeners = new Set<(e: { message: string; sourceId: string | null }) => void>();
  /** Pre-flights asked for, each with the output it would measure at, answered by the test. */
  readonly preflights: Array<{ engineHasHardwareEncoder: boolean; output: OutputOptions; answer: Deferred<PreflightResult>; answered?: boolean }> = [];
  destroyed = false;

  constructor(readonly created: OutputOptions) {}
  setCollection(c: SceneCollection): void {
    this.log.push(`collection:${c.sources.map((s) => s.id).join(',')}`);
    this.collections.push(c);
  }
  attachStream(id: string, s: MediaStream): void {
    this.streams.set(id, s);
  }
  detachStream(id: string): void {
    this.streams.delete(id);
  }
  setImage(id: string, blob: Blob): void {
    this.log.push(`image:${id}`);
    this.images.set(id, blob);
  }
  mediaElement(id: string): HTMLMediaElement | null {
    return this.elements.get(id) ?? null;
  }
  setOutput(o: OutputOptions): void {
    this.outputs.push(o);
  }
  onMonitor(l: (f: MonitorFrame) => void): () => void {
    this.monitorListeners.add(l);
    return () => this.monitorListeners.delete(l);
  }
  onError(l: (e: { message: string; sourceId: string | null }) => void): () => void {
    this.errorListeners.add(l);
    return () => this.errorListeners.delete(l);
  }
  onProgramFrame(l: (f: ProgramFrame) => void): () => void {
    this.frameListeners.add(l);
    return () => this.frameListeners.delete(l);
  }
  stats(): CompositorStats {
    return STATS;
  }
  preflight(options: { engineHasHardwareEncoder: boolean }): Promise<PreflightResult> {
    const answer = deferred<PreflightResult>();
    this.preflights.push({ engineHasHardwareEncoder: options.engineHasHardwareEncoder, output: this.outputs.at(-1) ?? this.created, answer });
    return answer.promise;
  }
  destroy(): void {
    this.destroyed = true;
  }
  emitFrame(frame: ProgramFrame): void {
    for (const l of this.frameListeners) l(frame);
  }
  fail(message: string, sourceId: string | null): void {
    for (const l of this.errorListeners) l({ message, sourceId });
  }
}

export class FakeMixer implements ProgramMixer {
  running = true;
  readonly streams = new Map<string, MediaStream>();
  readonly elements = new Map<string, HTMLMediaElement>();
  readonly applied: SceneCollection[] = [];
  readonly meterListeners = new Set<(m: MeterReadings) => void>();
  destroyed = false;
  resumed = 0;

  onPcm(): () => void {
    return () => undefined;
  }
  async resume(): Promise<void> {
    this.resumed++;
    this.running = true;
  }
  attachStream(id: string, s: MediaStream): void {
    this.streams.set(id, s);
  }
  attachMediaElement(id: string, el: HTMLMediaElement): void {
    this.elements.set(id, el);
  }
  detach(id: string): void {
    this.streams.delete(id);
    this.elements.delete(id);
  }
  applyCollection(c: SceneCollection): void {
    this.applied.push(c);
  }
  onMeters(cb: (m: MeterReadings) => void): () => void {
    this.meterListeners.add(cb);
    return () => this.meterListeners.delete(cb);
  }
  async destroy(): Promise<void> {
    this.destroyed = true;
  }
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((r) => setTimeout(r, 0));

const measured = (path: 'raw' | 'encoded', achievedFps: number, workerMsPerFrame: number) => ({
  path, ok: true, error: null, durationMs: 2500, achievedFps, repeatedFrames: 0, workerMsPerFrame, renderMs: 3, readbackMs: workerMsPerFrame - 3, encodeLatencyMs: null,
});

/** What a pre-flight at `o` answers on a 2-core machine without GPU: raw falls short, encoded holds. */
export function preflightResult(o: OutputOptions, engineHasHardwareEncoder = false): PreflightResult {
  return { width: o.width, height: o.height, fps: o.fps, engineHasHardwareEncoder, raw: measured('raw', 22, 41), encoded: measured('encoded', 30, 9), choice: 'encoded', reason: 'only encoded holds' };
}
