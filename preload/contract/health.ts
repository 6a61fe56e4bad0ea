/**
 * Health snapshots: what the engine reports once a second (DESIGN.md "Health").
 * Shared by main (which produces them), the CLI, and the UI (which shows them).
 * The schema is the single definition; the types are derived from it.
 */
import { z } from 'zod';

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
  rating: RatingSchema,
  /** Why the rating is not good, in words a streamer understands. */
  reasons: z.array(z.string()),
});
export type HealthSnapshot = z.infer<typeof HealthSnapshotSchema>;
