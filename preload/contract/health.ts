/**
 * Health snapshots: what the engine reports once a second (DESIGN.md "Health").
 * Shared by main (which produces them), the CLI, and the UI (which shows them).
 * The schema is the single definition; the types are derived from it.
 */
import { z } from 'zod';
import { VideoPathStatusSchema } from './video-path';

export const OUTPUT_STATES = ['connecting', 'live', 'reconnecting', 'failed', 'stopped'] as const;
export const OutputStateSchema = z.enum(OUTPUT_STATES);
export type OutputState = z.infer<typeof OutputStateSchema>;

export const RatingSchema = z.enum(['good', 'warning', 'bad']);
export type Rating = z.infer<typeof RatingSchema>;

export const ProcessHealthSchema = z.strictObject({
  cpuPercent: z.number(),
  rssBytes: z.number(),
});
export type ProcessHealth = z.infer<typeof ProcessHealthSchema>;

/**
 * Adaptive bitrate of one network destination (RTMP, SRT). The encode is shared,
 * so a congested destination steps down on its own: from a copy of the shared
 * stream to its own transcode at a share of the profile's video bitrate.
 */
export const AdaptiveBitrateHealthSchema = z.strictObject({
  /** 'copy' sends the shared encode as is; 'transcode' re-encodes it for this destination alone. */
  mode: z.enum(['copy', 'transcode']),
  /** Video bitrate as a share of the profile's, in percent (100 when copying). */
  percent: z.number(),
  /** The video bitrate this destination gets, kb/s. */
  videoKbps: z.number(),
  stepsDown: z.number(),
  stepsUp: z.number(),
  /** Why the bitrate is what it is, in words; null at full quality. */
  reason: z.string().nullable(),
});
export type AdaptiveBitrateHealth = z.infer<typeof AdaptiveBitrateHealthSchema>;

export const OutputHealthSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['rtmp', 'srt', 'hls', 'hls-put', 'record']),
  state: OutputStateSchema,
  bitrateKbps: z.number(),
  bytes: z.number(),
  framesSent: z.number(),
  /** Frames this output lost because its network could not keep up. */
  framesDropped: z.number(),
  reconnects: z.number(),
  /** Seconds live since the last (re)connect; 0 when not live. */
  uptimeS: z.number(),
  /** Seconds until the next reconnect attempt, when reconnecting. */
  nextRetryInS: z.number().nullable(),
  /** Total seconds this output spent down (connecting after an outage, reconnecting) while wanted. */
  downtimeS: z.number(),
  /**
   * Seconds the current outage has lasted; null while the output is up.
   * (The fields added after the first release are optional so older snapshots and
   * fixtures stay valid; the engine always fills them.)
   */
  outageS: z.number().nullable().optional(),
  /** Length of the last outage that ended, seconds; null before any. */
  lastOutageS: z.number().nullable().optional(),
  /** Adaptive bitrate state; null for outputs that always copy (recording, HLS). */
  adaptive: AdaptiveBitrateHealthSchema.nullable().optional(),
  lastError: z.string().nullable(),
  /** For recordings: the file being written. */
  file: z.string().nullable(),
  process: ProcessHealthSchema.nullable(),
});
export type OutputHealth = z.infer<typeof OutputHealthSchema>;

export const EncoderHealthSchema = z.strictObject({
  encoder: z.string(),
  hardware: z.boolean(),
  path: z.enum(['raw', 'encoded']),
  width: z.number(),
  height: z.number(),
  targetFps: z.number(),
  /** Frames per second written to the encoder over the last second. */
  fps: z.number(),
  /** Encoder speed as ffmpeg reports it (1.0 = real time). */
  speed: z.number().nullable(),
  framesOut: z.number(),
  /** Frames repeated because the producer was late (render lag), total. */
  duplicated: z.number(),
  /** Frames skipped because the encoder was behind (encoder lag), total. */
  dropped: z.number(),
  /** Largest |A/V offset| over the last second, ms. */
  avOffsetMs: z.number(),
  restarts: z.number(),
  process: ProcessHealthSchema.nullable(),
});
export type EncoderHealth = z.infer<typeof EncoderHealthSchema>;

/**
 * What the producer (the compositor, a source) is sending. 'live': pictures
 * arrive; 'frozen': none for a moment, viewers see the last one; 'slate': none
 * for SLATE_AFTER_S, viewers see the be-right-back slate with silence;
 * 'waiting': nothing has arrived yet.
 */
export const ProducerHealthSchema = z.strictObject({
  state: z.enum(['waiting', 'live', 'frozen', 'slate']),
  /** Seconds since the last picture arrived; null before the first. */
  videoAgeS: z.number().nullable(),
  /** Times the slate replaced a stopped picture during this broadcast. */
  slateShows: z.number(),
  /** Seconds the slate was on air during this broadcast. */
  slateS: z.number(),
});
export type ProducerHealth = z.infer<typeof ProducerHealthSchema>;

export const BroadcastStateSchema = z.enum(['offline', 'starting', 'live', 'ending']);
export type BroadcastState = z.infer<typeof BroadcastStateSchema>;

export const HealthSnapshotSchema = z.strictObject({
  time: z.string(),
  state: BroadcastStateSchema,
  uptimeS: z.number(),
  encoder: EncoderHealthSchema.nullable(),
  outputs: z.array(OutputHealthSchema),
  engine: ProcessHealthSchema,
  disk: z.strictObject({ path: z.string(), freeBytes: z.number() }).nullable(),
  /** The picture's producer (the be-right-back slate exists on the raw path only). */
  producer: ProducerHealthSchema.nullable().optional(),
  /** The video path this broadcast uses and why (raw or encoded; chosen by the user, the pre-flight, or the default). */
  videoPath: VideoPathStatusSchema.nullable().optional(),
  rating: RatingSchema,
  /** Why the rating is not good, in words a streamer understands. */
  reasons: z.array(z.string()),
});
export type HealthSnapshot = z.infer<typeof HealthSnapshotSchema>;
