/**
 * The video path (DESIGN.md "two video paths"): what the compositor's pre-flight
 * measured, and which path a broadcast uses and why. The compositor measures
 * (renderer/compositor/worker/preflight.ts), the UI reports it with
 * `reportPreflight`, the Studio keeps it per output profile and resolves the
 * profile's 'auto' with it; health and the probe report show the outcome.
 */
import { z } from 'zod';

const PathNameSchema = z.enum(['raw', 'encoded']);

/** One path's run in the pre-flight (renderer/compositor/shared/types.ts PathMeasurement). */
export const PathMeasurementSchema = z.strictObject({
  path: PathNameSchema,
  /** The path ran (an encoder that would not configure is not ok). */
  ok: z.boolean(),
  error: z.string().max(1000).nullable(),
  durationMs: z.number().nonnegative(),
  /** Freshly composed frames per second (repeats excluded). */
  achievedFps: z.number().nonnegative(),
  repeatedFrames: z.number().nonnegative(),
  /** Compositor worker time per frame: render + readback (raw) or the encode call (encoded). */
  workerMsPerFrame: z.number().nonnegative(),
  renderMs: z.number().nonnegative(),
  readbackMs: z.number().nonnegative(),
  encodeLatencyMs: z.number().nonnegative().nullable(),
});
export type PathMeasurement = z.infer<typeof PathMeasurementSchema>;

/** A pre-flight's result, with the output settings it ran at (its key: another size, rate or bitrate needs a new one). */
export const PreflightReportSchema = z.strictObject({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.number().positive(),
  videoBitrateKbps: z.number().positive(),
  engineHasHardwareEncoder: z.boolean(),
  raw: PathMeasurementSchema,
  encoded: PathMeasurementSchema,
  choice: PathNameSchema,
  /** Why, in plain words. */
  reason: z.string().max(1000),
});
export type PreflightReport = z.infer<typeof PreflightReportSchema>;

/**
 * The path in use (or that going live would use) and why. chosenBy 'user': the
 * profile forces it; 'preflight': 'auto' resolved by a measurement for this
 * profile; 'default': 'auto' with no measurement yet, so raw.
 */
export const VideoPathStatusSchema = z.strictObject({
  setting: z.enum(['auto', 'raw', 'encoded']),
  path: PathNameSchema,
  chosenBy: z.enum(['user', 'preflight', 'default']),
  reason: z.string(),
  /** The measurement for the current profile, if any. */
  preflight: PreflightReportSchema.nullable(),
});
export type VideoPathStatus = z.infer<typeof VideoPathStatusSchema>;
