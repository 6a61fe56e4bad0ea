/**
 * One broadcast: the composition of pacer -> encoder -> fan-out -> outputs, with
 * health sampled every second. Frames and audio are pushed in by a producer (the
 * compositor, the test card, a media file); scene switches never reach here, so
 * nothing restarts when the picture changes.
 *
 * Lifecycle: offline -> starting (start()) -> live -> ending (stop()) -> offline.
 * Outputs (stream destinations and the recording) can be added and removed while
 * live; each fails and reconnects on its own. If the encoder dies it is restarted
 * at once (with a growing delay only if it keeps dying), and every output is
 * replaced by a fresh process at the same moment, without backoff, so each picks
 * up the new stream at its first keyframe (a recording continues in -part2).
 * If the producer stops sending pictures (raw path), the last picture stays for a
 * moment, then the be-right-back slate with silence goes out after SLATE_AFTER_S
 * (RawPacer's stand-in); pictures coming back replace it at once.
 */
import { EventEmitter } from 'node:events';
import { access, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BroadcastState, HealthSnapshot, OutputHealth } from '../../preload/contract/health';
import { EncoderProcess } from './encoder/encoder-process';
import { EngineError } from './errors';
import { Fanout } from './fanout/fanout';
import { HealthWindow, producerHealth } from './health/health-window';
import { rateHealth } from './health/rate-health';
import type { Logger } from './logger';
import { EncodedPacer } from './pacer/encoded-pacer';
import { defaultClockUs, type ClockUs, type PacerStats } from './pacer/pacer-types';
import { RawPacer } from './pacer/raw-pacer';
import { Backoff } from './process/backoff';
import type { ProcessRegistry } from './process/process-registry';
import { sampleProcessStats, selfStats } from './process/process-stats';
import type { LadderOptions } from './outputs/bitrate-ladder';
import { buildRemuxCommand } from './outputs/output-command';
import { OutputSupervisor } from './outputs/output-supervisor';
import { renderSlate } from './sources/slate';
import type { EncoderSettings, OutputSpec } from './types';

export { RATING_WINDOW_S } from './health/health-window';
export const HEALTH_INTERVAL_MS = 1_000;
/** A producer silent this long is replaced by the be-right-back slate, s. */
export const SLATE_AFTER_S = 3;
export const BE_RIGHT_BACK_LINES: readonly string[] = ['Be right back'];
/**
 * An encoder that crashes again within this long of its last crash is restarted
 * after a growing delay (ENCODER_RESTART_BACKOFF), so a broken setup does not
 * spin; otherwise it is restarted at once, ms.
 */
const ENCODER_CRASH_LOOP_MS = 30_000;
const ENCODER_RESTART_BACKOFF = { initialMs: 250, maxMs: 10_000 } as const;
const US_PER_S = 1_000_000;

export interface BroadcastDeps {
  ffmpegPath: string;
  registry: ProcessRegistry;
  logger: Logger;
  /** The studio clock producers stamp frames with, µs. */
  clockUs?: ClockUs;
}

export interface BroadcastOptions {
  settings: EncoderSettings;
  /** Whether settings.encoder is a hardware encoder (for health). */
  hardware: boolean;
  /** Seconds of producer silence before the slate (default SLATE_AFTER_S). */
  slateAfterS?: number;
  /** Adaptive bitrate tuning for network destinations (tests shorten the waits). */
  ladder?: Partial<LadderOptions>;
}

export interface BroadcastEvents {
  health: [HealthSnapshot];
  state: [BroadcastState];
  output: [OutputHealth];
}

export class Broadcast extends EventEmitter<BroadcastEvents> {
  private stateValue: BroadcastState = 'offline';
  private readonly fanout = new Fanout();
  private readonly encoder: EncoderProcess;
  private readonly pacer: RawPacer | EncodedPacer;
  private readonly outputs = new Map<string, OutputSupervisor>();
  private readonly window = new HealthWindow();
  private readonly encoderBackoff = new Backoff(ENCODER_RESTART_BACKOFF);
  private readonly slateAfterS: number;
  private healthTimer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private encoderRestarts = 0;
  private lastEncoderCrashAt: number | null = null;
  private lastSnapshot: HealthSnapshot | null = null;
  private readonly clockUs: ClockUs;

  constructor(
    private readonly deps: BroadcastDeps,
    private readonly options: BroadcastOptions,
  ) {
    super();
    const s = options.settings;
    if (s.width % 2 || s.height % 2) throw new EngineError('BAD_INPUT', `The output size ${s.width}x${s.height} must have an even width and height.`);
    this.clockUs = deps.clockUs ?? defaultClockUs;
    this.encoder = new EncoderProcess({ ffmpegPath: deps.ffmpegPath, registry: deps.registry, logger: deps.logger.child('encoder') }, s, (ts) => this.fanout.push(ts));
    this.encoder.on('crashed', () => this.onEncoderCrash());
    this.slateAfterS = options.slateAfterS ?? SLATE_AFTER_S;
    // The encoded path has no stand-in: its video is H.264 from the compositor, and a
    // still picture would need an encode of its own that matches it.
    this.pacer =
      s.path === 'raw'
        ? new RawPacer(this.encoder, {
            fps: s.fps,
            width: s.width,
            height: s.height,
            now: this.clockUs,
            standIn: { frame: renderSlate(s, BE_RIGHT_BACK_LINES), afterUs: this.slateAfterS * US_PER_S },
          })
        : new EncodedPacer(this.encoder, { fps: s.fps, now: this.clockUs });
  }

  get state(): BroadcastState {
    return this.stateValue;
  }

  get settings(): EncoderSettings {
    return this.options.settings;
  }

  get clock(): ClockUs {
    return this.clockUs;
  }

  async start(outputs: OutputSpec[]): Promise<void> {
    if (this.stateValue !== 'offline') throw new EngineError('ALREADY_LIVE', 'The broadcast is already running.');
    this.setState('starting');
    this.startedAt = Date.now();
    this.encoder.start();
    this.pacer.start();
    for (const spec of outputs) this.addOutput(spec);
    this.healthTimer = setInterval(() => void this.sampleHealth(), HEALTH_INTERVAL_MS);
    this.healthTimer.unref?.();
    this.setState('live');
  }

  /**
   * Raw path: one I420 frame at the output size. The engine keeps `data` until it
   * calls `release` (or for good when there is none): see RawPacer.pushVideo.
   */
  pushVideoFrame(data: Uint8Array, timestampUs: number, release?: () => void): void {
    if (!(this.pacer instanceof RawPacer)) throw new EngineError('BAD_INPUT', 'This broadcast takes encoded video (H.264), not raw frames.');
    const expected = (this.options.settings.width * this.options.settings.height * 3) / 2;
    if (data.length !== expected) {
      throw new EngineError('BAD_INPUT', `A video frame had ${data.length} bytes; an I420 frame at ${this.options.settings.width}x${this.options.settings.height} has ${expected}.`);
    }
    this.pacer.pushVideo(data, timestampUs, release);
  }

  /** Encoded path: one H.264 Annex B access unit. Takes ownership of `data`. */
  pushEncodedVideo(data: Uint8Array, timestampUs: number, keyframe = false): void {
    if (!(this.pacer instanceof EncodedPacer)) throw new EngineError('BAD_INPUT', 'This broadcast takes raw I420 frames, not encoded video.');
    this.pacer.pushVideo(data, timestampUs, keyframe);
  }

  /** 48 kHz stereo s16le PCM. */
  pushAudio(pcm: Uint8Array, timestampUs: number): void {
    this.pacer.pushAudio(pcm, timestampUs);
  }

  addOutput(spec: OutputSpec): void {
    if (this.outputs.has(spec.id)) throw new EngineError('BAD_INPUT', `An output with id "${spec.id}" already exists.`);
    const s = this.options.settings;
    const supervisor = new OutputSupervisor(spec, {
      ffmpegPath: this.deps.ffmpegPath,
      registry: this.deps.registry,
      fanout: this.fanout,
      logger: this.deps.logger.child(`output:${spec.id}`),
      settings: s,
      ladder: this.options.ladder,
    });
    supervisor.on('state', (_state, health) => this.emit('output', health));
    this.outputs.set(spec.id, supervisor);
    supervisor.start();
  }

  async removeOutput(id: string): Promise<void> {
    const supervisor = this.outputs.get(id);
    if (!supervisor) return;
    this.outputs.delete(id);
    await supervisor.stop();
    await this.finishRecording(supervisor);
  }

  reconnectNow(id: string): void {
    this.outputs.get(id)?.reconnectNow();
  }

  output(id: string): OutputSupervisor | undefined {
    return this.outputs.get(id);
  }

  /** Stop everything; the encoder flushes first so outputs and the recording get the last frames. */
  async stop(): Promise<void> {
    if (this.stateValue === 'offline' || this.stateValue === 'ending') return;
    this.setState('ending');
    const supervisors = [...this.outputs.values()];
    for (const s of supervisors) s.markStopping();
    this.pacer.stop();
    await this.encoder.stop();
    this.outputs.clear();
    await Promise.all(supervisors.map((s) => s.stop()));
    await Promise.all(supervisors.map((s) => this.finishRecording(s)));
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = null;
    this.setState('offline');
  }

  /** Fault injection for tests: kill the encoder as if it crashed. */
  killEncoderForTest(): void {
    this.encoder.kill();
  }

  lastHealth(): HealthSnapshot | null {
    return this.lastSnapshot;
  }

  /** Remux each part of a recording to MP4 beside it (parts have timelines of their own, so each stays a file). */
  private async finishRecording(supervisor: OutputSupervisor): Promise<void> {
    const spec = supervisor.spec;
    if (spec.kind !== 'record' || !spec.remuxToMp4) return;
    for (const file of supervisor.recordingParts) {
      if (!(await access(file).then(() => true, () => false))) continue;
      const mp4 = file.replace(/\.mkv$/i, '') + '.mp4';
      const { command, args } = buildRemuxCommand(this.deps.ffmpegPath, file, mp4);
      const exit = await this.deps.registry.spawn({ name: 'remux', command, args, stdin: 'ignore' }).exited;
      if (exit.code !== 0) this.deps.logger.warn(`remux of ${file} to MP4 failed; the MKV is kept: ${exit.stderrTail.slice(-2).join(' | ')}`);
    }
  }

  /**
   * The outputs are replaced first, so each new process is attached to the fan-out
   * (a recording's next part open) before the new encoder's first keyframe comes.
   */
  private onEncoderCrash(): void {
    if (this.stateValue !== 'live') return;
    const now = Date.now();
    const looping = this.lastEncoderCrashAt !== null && now - this.lastEncoderCrashAt < ENCODER_CRASH_LOOP_MS;
    if (!looping) this.encoderBackoff.reset();
    const delay = looping ? this.encoderBackoff.next() : 0;
    this.lastEncoderCrashAt = now;
    this.encoderRestarts++;
    this.fanout.resetStream();
    for (const supervisor of this.outputs.values()) supervisor.restart();
    const restart = () => {
      if (this.stateValue !== 'live') return;
      this.deps.logger.warn(`restarting the encoder (restart ${this.encoderRestarts}${delay ? `, after ${delay} ms: it keeps crashing` : ''}); outputs resume from its first keyframe`);
      this.encoder.start();
    };
    if (delay === 0) restart();
    else setTimeout(restart, delay).unref?.();
  }

  private async sampleHealth(): Promise<void> {
    const snapshot = await this.buildSnapshot();
    this.lastSnapshot = snapshot;
    this.pacer.resetWindow();
    this.emit('health', snapshot);
  }

  async buildSnapshot(): Promise<HealthSnapshot> {
    const s = this.options.settings;
    const stats: PacerStats = this.pacer.stats();
    const pids = [this.encoder.pid, ...[...this.outputs.values()].map((o) => o.pid)].filter((p): p is number => p !== null);
    const procStats = await sampleProcessStats(pids).catch(() => new Map<number, { cpuPercent: number; rssBytes: number }>());
    const outputs = [...this.outputs.values()].map((o) => {
      const h = o.health();
      const p = o.pid === null ? undefined : procStats.get(o.pid);
      return { ...h, process: p ? { cpuPercent: round1(p.cpuPercent), rssBytes: p.rssBytes } : null };
    });
    const producer = producerHealth(stats, s.fps);
    const { window, fpsLastInterval } = this.window.add({
      targetFps: s.fps,
      targetKbps: s.videoBitrateKbps + s.audioBitrateKbps,
      stats,
      outputs,
      producer,
      // The encoded path has no slate to promise.
      slateAfterS: s.path === 'raw' ? this.slateAfterS : undefined,
      encoderRestarts: this.encoderRestarts,
      encoderRestartedAgoS: this.lastEncoderCrashAt === null ? null : (Date.now() - this.lastEncoderCrashAt) / 1000,
    });
    const rating = rateHealth(window);
    const encoderProc = this.encoder.pid === null ? undefined : procStats.get(this.encoder.pid);
    const recording = outputs.find((o) => o.kind === 'record' && o.file);
    const disk = recording?.file ? await statfs(dirname(recording.file)).then((f) => ({ path: dirname(recording.file!), freeBytes: f.bavail * f.bsize })).catch(() => null) : null;
    const self = selfStats();
    return {
      time: new Date().toISOString(),
      state: this.stateValue,
      uptimeS: Math.round((Date.now() - this.startedAt) / 1000),
      encoder: {
        encoder: s.encoder,
        hardware: this.options.hardware,
        path: s.path,
        width: s.width,
        height: s.height,
        targetFps: s.fps,
        fps: round1(fpsLastInterval),
        speed: this.encoder.latestProgress?.speed ?? null,
        framesOut: stats.framesOut,
        duplicated: stats.duplicated,
        dropped: stats.dropped,
        avOffsetMs: round1(stats.avOffsetMaxUs / 1000),
        restarts: this.encoderRestarts,
        process: encoderProc ? { cpuPercent: round1(encoderProc.cpuPercent), rssBytes: encoderProc.rssBytes } : null,
      },
      outputs,
      engine: { cpuPercent: round1(self.cpuPercent), rssBytes: self.rssBytes },
      disk,
      producer,
      rating: rating.rating,
      reasons: rating.reasons,
    };
  }

  private setState(state: BroadcastState): void {
    this.stateValue = state;
    this.emit('state', state);
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
