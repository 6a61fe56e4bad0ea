/**
 * One broadcast: the composition of pacer -> encoder -> fan-out -> outputs, with
 * health sampled every second. Frames and audio are pushed in by a producer (the
 * compositor, the test card, a media file); scene switches never reach here, so
 * nothing restarts when the picture changes.
 *
 * Lifecycle: offline -> starting (start()) -> live -> ending (stop()) -> offline.
 * Outputs (stream destinations and the recording) can be added and removed while
 * live; each fails and reconnects on its own. If the encoder dies it is restarted
 * at once and every output restarts cleanly from the new stream's first keyframe.
 */
import { EventEmitter } from 'node:events';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BroadcastState, HealthSnapshot, OutputHealth } from '../../preload/contract/health';
import { EncoderProcess } from './encoder/encoder-process';
import { EngineError } from './errors';
import { Fanout } from './fanout/fanout';
import { rateHealth, type WindowStats } from './health/rate-health';
import type { Logger } from './logger';
import { EncodedPacer } from './pacer/encoded-pacer';
import { defaultClockUs, type ClockUs, type PacerStats } from './pacer/pacer-types';
import { RawPacer } from './pacer/raw-pacer';
import type { ProcessRegistry } from './process/process-registry';
import { sampleProcessStats, selfStats } from './process/process-stats';
import { buildRemuxCommand } from './outputs/output-command';
import { OutputSupervisor } from './outputs/output-supervisor';
import type { EncoderSettings, OutputSpec } from './types';

export const HEALTH_INTERVAL_MS = 1_000;
/** Seconds of history the rating is judged over. */
export const RATING_WINDOW_S = 10;
/** Restarting a crashed encoder faster than this would spin on a broken setup. */
const ENCODER_RESTART_DELAY_MS = 250;

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
}

export interface BroadcastEvents {
  health: [HealthSnapshot];
  state: [BroadcastState];
  output: [OutputHealth];
}

interface CounterSample {
  slots: number;
  framesOut: number;
  duplicated: number;
  dropped: number;
  outputs: Map<string, { sent: number; dropped: number }>;
}

export class Broadcast extends EventEmitter<BroadcastEvents> {
  private stateValue: BroadcastState = 'offline';
  private readonly fanout = new Fanout();
  private readonly encoder: EncoderProcess;
  private readonly pacer: RawPacer | EncodedPacer;
  private readonly outputs = new Map<string, OutputSupervisor>();
  private readonly history: CounterSample[] = [];
  private healthTimer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private encoderRestarts = 0;
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
    this.pacer =
      s.path === 'raw'
        ? new RawPacer(this.encoder, { fps: s.fps, width: s.width, height: s.height, now: this.clockUs })
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
  pushEncodedVideo(data: Uint8Array, timestampUs: number): void {
    if (!(this.pacer instanceof EncodedPacer)) throw new EngineError('BAD_INPUT', 'This broadcast takes raw I420 frames, not encoded video.');
    this.pacer.pushVideo(data, timestampUs);
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
      streamKbps: s.videoBitrateKbps + s.audioBitrateKbps,
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

  private async finishRecording(supervisor: OutputSupervisor): Promise<void> {
    const spec = supervisor.spec;
    if (spec.kind !== 'record' || !spec.remuxToMp4) return;
    const file = supervisor.currentFile!;
    const mp4 = file.replace(/\.mkv$/i, '') + '.mp4';
    const { command, args } = buildRemuxCommand(this.deps.ffmpegPath, file, mp4);
    const exit = await this.deps.registry.spawn({ name: 'remux', command, args, stdin: 'ignore' }).exited;
    if (exit.code !== 0) this.deps.logger.warn(`remux of ${file} to MP4 failed; the MKV is kept: ${exit.stderrTail.slice(-2).join(' | ')}`);
  }

  private onEncoderCrash(): void {
    if (this.stateValue !== 'live') return;
    this.encoderRestarts++;
    setTimeout(() => {
      if (this.stateValue !== 'live') return;
      this.deps.logger.warn(`restarting the encoder (restart ${this.encoderRestarts}); outputs reconnect from its first keyframe`);
      this.encoder.start();
      for (const supervisor of this.outputs.values()) supervisor.restart();
    }, ENCODER_RESTART_DELAY_MS).unref?.();
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

    const sample: CounterSample = {
      slots: stats.framesOut + stats.dropped,
      framesOut: stats.framesOut,
      duplicated: stats.duplicated,
      dropped: stats.dropped,
      outputs: new Map(outputs.map((o) => [o.id, { sent: o.framesSent, dropped: o.framesDropped }])),
    };
    this.history.push(sample);
    if (this.history.length > RATING_WINDOW_S + 1) this.history.shift();
    const oldest = this.history[0]!;
    const prev = this.history[this.history.length - 2] ?? oldest;
    const windowS = Math.max(1, this.history.length - 1);
    const window: WindowStats = {
      targetFps: s.fps,
      fps: this.history.length > 1 ? (sample.slots - oldest.slots - (sample.dropped - oldest.dropped)) / windowS : s.fps,
      slots: sample.slots - oldest.slots,
      duplicated: sample.duplicated - oldest.duplicated,
      dropped: sample.dropped - oldest.dropped,
      outputs: outputs.map((o) => {
        const before = oldest.outputs.get(o.id) ?? { sent: 0, dropped: 0 };
        return {
          name: o.name,
          state: o.state,
          bitrateKbps: o.bitrateKbps,
          targetKbps: s.videoBitrateKbps + s.audioBitrateKbps,
          framesSent: o.framesSent - before.sent,
          framesDropped: o.framesDropped - before.dropped,
          reconnects: o.reconnects,
          nextRetryInS: o.nextRetryInS,
          lastError: o.lastError,
        };
      }),
    };
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
        fps: round1(sample.framesOut - prev.framesOut),
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
