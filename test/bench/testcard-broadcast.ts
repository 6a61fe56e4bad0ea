/**
 * The engine's test card broadcast as the CLI runs it, built in the bench's
 * process so a measurement can watch inside it (its own ProcessRegistry taps the
 * encoder): RTMP to the bench's nginx-rtmp under `key` and HLS into `hlsDir`.
 * Made first, started when the measurement is ready to watch, stopped in its
 * `finally`.
 */
import { mkdir } from 'node:fs/promises';
import { Broadcast } from '../../main/engine/broadcast';
import type { Logger } from '../../main/engine/logger';
import { defaultClockUs } from '../../main/engine/pacer/pacer-types';
import type { ProcessRegistry } from '../../main/engine/process/process-registry';
import { TestcardSource } from '../../main/engine/sources/testcard';
import type { EncoderSettings, OutputSpec } from '../../main/engine/types';
import type { BenchContext } from './bench-context';

/** HLS segments in the playlist (the studio's local origin lists as many). */
export const HLS_PLAYLIST_LENGTH = 6;

export interface TestcardBroadcastOptions {
  key: string;
  hlsDir: string;
  hlsName: string;
  segmentSeconds: number;
}

export class TestcardBroadcast {
  readonly broadcast: Broadcast;
  private readonly source: TestcardSource;
  private readonly outputs: OutputSpec[];

  /** Made with its HLS folder in place (an origin may serve it before the broadcast starts). */
  static async create(ctx: BenchContext, settings: EncoderSettings, registry: ProcessRegistry, logger: Logger, options: TestcardBroadcastOptions): Promise<TestcardBroadcast> {
    await mkdir(options.hlsDir, { recursive: true });
    return new TestcardBroadcast(ctx, settings, registry, logger, options);
  }

  private constructor(
    ctx: BenchContext,
    settings: EncoderSettings,
    private readonly registry: ProcessRegistry,
    private readonly logger: Logger,
    options: TestcardBroadcastOptions,
  ) {
    this.broadcast = new Broadcast({ ffmpegPath: ctx.machine.ffmpegPath, registry, logger, clockUs: defaultClockUs }, { settings, hardware: false });
    this.source = new TestcardSource({ width: settings.width, height: settings.height, fps: settings.fps }, { now: defaultClockUs });
    this.outputs = [
      { id: 'rtmp', name: 'nginx', kind: 'rtmp', url: ctx.nginx.rtmpUrl(options.key) },
      { id: 'hls', name: options.hlsName, kind: 'hls', dir: options.hlsDir, segmentSeconds: options.segmentSeconds, playlistLength: HLS_PLAYLIST_LENGTH },
    ];
  }

  async start(): Promise<void> {
    await this.broadcast.start(this.outputs);
    // As the CLI does: the engine takes ownership of each buffer, the card reuses its own.
    await this.source.start({
      video: (f) => this.broadcast.pushVideoFrame(f.data.slice(), f.timestampUs),
      audio: (a) => this.broadcast.pushAudio(a.data.slice(), a.timestampUs),
      error: (err) => this.logger.error(`test card: ${err.message}`),
    });
  }

  async stop(): Promise<void> {
    await this.source.stop();
    await this.broadcast.stop();
    await this.registry.stopAll();
  }
}
