/**
 * The encoded path's end of the worker: a WebCodecs VideoEncoder making H.264
 * Annex B access units (one per frame, with the frame's studio-clock timestamp),
 * constant bitrate, realtime latency, a forced keyframe every keyframe interval
 * counted in frame slots (so it stays exact when a frame is repeated or dropped).
 * Hardware is asked for first; the configuration falls back through profiles and
 * to variable bitrate when the encoder refuses.
 */
import { avcCodecString, keyframeEveryFrames, type AvcProfile } from '../shared/avc';
import type { OutputOptions } from '../shared/types';
import type { FrameSink, SinkPost } from './frame-sink';
import type { Painter } from './painter';

/** Frames waiting in the encoder beyond which a new one is dropped rather than queued without end. */
const MAX_ENCODE_QUEUE_FRAMES = 4;
const PROFILES: AvcProfile[] = ['high', 'main', 'baseline'];
const ACCELERATION: HardwareAcceleration[] = ['prefer-hardware', 'no-preference'];
const BITRATE_MODES: Array<VideoEncoderBitrateMode | undefined> = ['constant', undefined];

export async function pickEncoderConfig(o: OutputOptions): Promise<VideoEncoderConfig | null> {
  for (const bitrateMode of BITRATE_MODES) {
    for (const profile of PROFILES) {
      for (const hardwareAcceleration of ACCELERATION) {
        const config: VideoEncoderConfig = {
          codec: avcCodecString(profile, o.width, o.height, o.fps),
          width: o.width,
          height: o.height,
          framerate: o.fps,
          bitrate: o.videoBitrateKbps * 1000,
          latencyMode: 'realtime',
          hardwareAcceleration,
          avc: { format: 'annexb' },
          ...(bitrateMode ? { bitrateMode } : {}),
        };
        const support = await VideoEncoder.isConfigSupported(config).catch(() => null);
        if (support?.supported) return config;
      }
    }
  }
  return null;
}

export class EncodedSink implements FrameSink {
  readonly path = 'encoded';
  droppedFrames = 0;
  private last: VideoFrame | null = null;
  private nextKeySlot = Number.NEGATIVE_INFINITY;
  private readonly everyFrames: number;
  /** encode() time per timestamp, for the latency measurement. */
  private readonly submittedAt = new Map<number, number>();
  private latencySumMs = 0;
  private latencyCount = 0;

  private constructor(
    private readonly encoder: VideoEncoder,
    readonly codec: string,
    options: OutputOptions,
  ) {
    this.everyFrames = keyframeEveryFrames(options.keyframeIntervalS, options.fps);
  }

  static async create(options: OutputOptions, post: SinkPost): Promise<EncodedSink> {
    const config = await pickEncoderConfig(options);
    if (!config) throw new Error(`no H.264 encoder takes ${options.width}x${options.height} at ${options.fps} fps`);
    let sink: EncodedSink | null = null;
    const encoder = new VideoEncoder({
      output: (chunk) => sink?.onChunk(chunk, post),
      error: (error) => post.error(`the video encoder failed: ${error.message}`),
    });
    encoder.configure(config);
    sink = new EncodedSink(encoder, config.codec, options);
    return sink;
  }

  async send(painter: Painter, slot: number, timestampUs: number): Promise<void> {
    const frame = new VideoFrame(painter.programCanvas(), { timestamp: timestampUs });
    this.last?.close();
    this.last = frame;
    this.encode(frame, slot);
  }

  repeat(slot: number, timestampUs: number): void {
    if (!this.last) return;
    const again = new VideoFrame(this.last, { timestamp: timestampUs });
    this.encode(again, slot);
    again.close();
  }

  get usable(): boolean {
    return this.encoder.state === 'configured';
  }

  forceKeyframe(): void {
    this.nextKeySlot = Number.NEGATIVE_INFINITY;
  }

  takeEncodeLatencyMs(): number | null {
    const average = this.latencyCount > 0 ? this.latencySumMs / this.latencyCount : null;
    this.latencySumMs = 0;
    this.latencyCount = 0;
    return average;
  }

  async close(): Promise<void> {
    this.last?.close();
    this.last = null;
    if (this.encoder.state === 'configured') await this.encoder.flush().catch(() => undefined);
    if (this.encoder.state !== 'closed') this.encoder.close();
  }

  private encode(frame: VideoFrame, slot: number): void {
    if (this.encoder.state !== 'configured') return;
    if (this.encoder.encodeQueueSize >= MAX_ENCODE_QUEUE_FRAMES) {
      this.droppedFrames++;
      return;
    }
    const keyFrame = slot >= this.nextKeySlot;
    if (keyFrame) this.nextKeySlot = slot + this.everyFrames;
    this.submittedAt.set(frame.timestamp, performance.now());
    this.encoder.encode(frame, { keyFrame });
  }

  private onChunk(chunk: EncodedVideoChunk, post: SinkPost): void {
    const data = new ArrayBuffer(chunk.byteLength);
    chunk.copyTo(data);
    const submitted = this.submittedAt.get(chunk.timestamp);
    if (submitted !== undefined) {
      this.submittedAt.delete(chunk.timestamp);
      this.latencySumMs += performance.now() - submitted;
      this.latencyCount++;
    }
    post.encoded(data, chunk.type === 'key', chunk.timestamp);
  }
}
