/**
 * The engine side of the studio: one Broadcast (one encode) shared by the stream
 * and the recording. It starts when the first of them starts and stops when the
 * last of them stops; destinations join and leave it while it runs. Until a
 * compositor feeds the program, the stand-by slate does.
 *
 * When the compositor goes away mid-broadcast (the window crashed or closed, the
 * renderer hung) nothing is started here: the engine keeps the last picture for a
 * moment and then puts its be-right-back slate with silence on air (Broadcast
 * SLATE_AFTER_S), which also covers a compositor that hangs without going away.
 * The health says so in words; the first picture back ends it.
 */
import { EventEmitter } from 'node:events';
import type { HealthSnapshot, OutputHealth } from '../../preload/contract/health';
import { Broadcast } from '../engine/broadcast';
import type { Logger } from '../engine/logger';
import type { ClockUs } from '../engine/pacer/pacer-types';
import type { ProcessRegistry } from '../engine/process/process-registry';
import { SlateSource } from '../engine/sources/slate';
import type { EncoderSettings, OutputSpec } from '../engine/types';

export interface LiveSessionDeps {
  ffmpegPath: string;
  registry: ProcessRegistry;
  logger: Logger;
  clockUs: ClockUs;
}

export interface LiveSessionEvents {
  health: [HealthSnapshot];
  output: [OutputHealth];
  /** The encode started (true) or ended (false). */
  running: [boolean];
}

export class LiveSession extends EventEmitter<LiveSessionEvents> {
  private broadcast: Broadcast | null = null;
  private slate: SlateSource | null = null;
  private starting: Promise<Broadcast> | null = null;
  private readonly streamIds = new Set<string>();
  private recordingId: string | null = null;
  /** A compositor is sending the program. */
  private producerActive = false;

  constructor(private readonly deps: LiveSessionDeps) {
    super();
  }

  get running(): Broadcast | null {
    return this.broadcast;
  }

  get streaming(): boolean {
    return this.streamIds.size > 0;
  }

  get recording(): boolean {
    return this.recordingId !== null;
  }

  /** Start streaming to these destinations (the encode starts if it is not running). */
  async startStream(settings: EncoderSettings, hardware: boolean, outputs: OutputSpec[]): Promise<void> {
    const broadcast = await this.ensure(settings, hardware);
    for (const o of outputs) {
      broadcast.addOutput(o);
      this.streamIds.add(o.id);
    }
  }

  async addStreamOutput(spec: OutputSpec): Promise<void> {
    if (!this.broadcast || !this.streaming) return;
    this.broadcast.addOutput(spec);
    this.streamIds.add(spec.id);
  }

  async removeStreamOutput(id: string): Promise<void> {
    if (!this.broadcast || !this.streamIds.has(id)) return;
    this.streamIds.delete(id);
    await this.broadcast.removeOutput(id);
  }

  async stopStream(): Promise<void> {
    const broadcast = this.broadcast;
    if (!broadcast) return;
    const ids = [...this.streamIds];
    this.streamIds.clear();
    if (!this.recordingId) return this.end();
    await Promise.all(ids.map((id) => broadcast.removeOutput(id)));
  }

  async startRecording(settings: EncoderSettings, hardware: boolean, spec: OutputSpec): Promise<void> {
    const broadcast = await this.ensure(settings, hardware);
    broadcast.addOutput(spec);
    this.recordingId = spec.id;
  }

  async stopRecording(): Promise<void> {
    const broadcast = this.broadcast;
    const id = this.recordingId;
    if (!broadcast || !id) return;
    this.recordingId = null;
    if (this.streamIds.size === 0) return this.end();
    await broadcast.removeOutput(id);
  }

  reconnect(id: string): void {
    this.broadcast?.reconnectNow(id);
  }

  /**
   * The compositor started or stopped feeding the program. Starting, the stand-by
   * slate steps aside; stopping, the engine's be-right-back slate takes over after
   * a few seconds (see the class comment), so nothing is done here.
   */
  setProducerActive(active: boolean): void {
    if (this.producerActive === active) return;
    this.producerActive = active;
    if (active) void this.stopSlate();
  }

  get hasProducer(): boolean {
    return this.producerActive;
  }

  async close(): Promise<void> {
    this.streamIds.clear();
    this.recordingId = null;
    await this.end();
  }

  private async ensure(settings: EncoderSettings, hardware: boolean): Promise<Broadcast> {
    if (this.broadcast) return this.broadcast;
    if (this.starting) return this.starting;
    this.starting = (async () => {
      const broadcast = new Broadcast({ ffmpegPath: this.deps.ffmpegPath, registry: this.deps.registry, logger: this.deps.logger.child('broadcast'), clockUs: this.deps.clockUs }, { settings, hardware });
      broadcast.on('health', (h) => this.emit('health', h));
      broadcast.on('output', (o) => this.emit('output', o));
      await broadcast.start([]);
      this.broadcast = broadcast;
      if (!this.producerActive) await this.startSlate(broadcast);
      this.emit('running', true);
      return broadcast;
    })();
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  private async end(): Promise<void> {
    const broadcast = this.broadcast;
    if (!broadcast) return;
    this.broadcast = null;
    await this.stopSlate();
    await broadcast.stop();
    this.emit('running', false);
  }

  private async startSlate(broadcast: Broadcast): Promise<void> {
    if (this.slate) return;
    const s = broadcast.settings;
    if (s.path !== 'raw') return; // the encoded path has no way to show a still picture; the compositor must feed it.
    const slate = new SlateSource({ width: s.width, height: s.height, fps: s.fps }, ['OnAir Studio', 'Stand by'], { now: this.deps.clockUs });
    this.slate = slate;
    await slate.start({ video: (f) => broadcast.pushVideoFrame(f.data, f.timestampUs), audio: (a) => broadcast.pushAudio(a.data, a.timestampUs) });
  }

  private async stopSlate(): Promise<void> {
    const slate = this.slate;
    this.slate = null;
    await slate?.stop();
  }
}
