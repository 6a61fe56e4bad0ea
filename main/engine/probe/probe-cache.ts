/**
 * The probe cache: one JSON file in the app's cache folder holding the last report
 * for each ffmpeg binary. An entry is valid while the binary at that path has the
 * same size and modification time (an upgrade or a different build changes both,
 * and with them the version recorded in the entry) and is younger than the max age:
 * a driver installed later can make a hardware encoder start working, and the
 * binary would not show it.
 *
 * Checking an entry needs only a stat, never a spawn, so a warm start costs nothing.
 * A file that does not parse or validate is ignored and replaced by the next write,
 * which is atomic (temp file, fsync, rename) so a crash never leaves half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ProbeReport } from './probe';

export const PROBE_CACHE_FILE = 'ffmpeg-probe-cache.json';
/** Bumped when the report's shape or the trial's arguments change, so old entries are re-probed. */
export const PROBE_CACHE_SCHEMA = 1;
/** Re-probe at least weekly: drivers and GPUs change without ffmpeg changing. */
export const PROBE_CACHE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface ProbeCacheKey {
  ffmpegPath: string;
  sizeBytes: number;
  mtimeMs: number;
}

export type CacheLookup =
  | { hit: true; report: ProbeReport }
  | { hit: false; why: 'absent' | 'corrupt' | 'changed' | 'expired' };

const reportSchema: z.ZodType<ProbeReport> = z.object({
  ffmpegPath: z.string(),
  version: z.string(),
  protocols: z.object({ rtmp: z.boolean(), rtmps: z.boolean(), srt: z.boolean(), http: z.boolean(), https: z.boolean(), hls: z.boolean() }),
  muxers: z.object({ flv: z.boolean(), mpegts: z.boolean(), hls: z.boolean(), matroska: z.boolean(), mp4: z.boolean() }),
  encoders: z.array(
    z.object({
      name: z.string(),
      codec: z.enum(['h264', 'hevc', 'av1']),
      family: z.enum(['x264', 'x265', 'nvenc', 'qsv', 'amf', 'videotoolbox', 'vaapi', 'mf', 'svtav1', 'aom', 'unknown']),
      hardware: z.boolean(),
      listed: z.boolean(),
      works: z.boolean().nullable(),
      reason: z.string(),
      trialMs: z.number().nullable(),
    }),
  ),
  selected: z.object({ name: z.string(), reason: z.string() }).nullable(),
  probedAt: z.string(),
});

const entrySchema = z.object({
  ffmpegPath: z.string(),
  sizeBytes: z.number(),
  mtimeMs: z.number(),
  version: z.string(),
  savedAt: z.number(),
  report: reportSchema,
});
type CacheEntry = z.infer<typeof entrySchema>;

const fileSchema = z.object({ schema: z.literal(PROBE_CACHE_SCHEMA), entries: z.array(entrySchema) });

/** Identifies the binary by what a stat can tell (stat follows symlinks, so an alternatives link is seen through). */
export async function cacheKeyFor(ffmpegPath: string): Promise<ProbeCacheKey> {
  const info = await stat(ffmpegPath);
  return { ffmpegPath, sizeBytes: info.size, mtimeMs: info.mtimeMs };
}

export function cacheFilePath(cacheDir: string): string {
  return path.join(cacheDir, PROBE_CACHE_FILE);
}

async function readEntries(cacheDir: string): Promise<CacheEntry[] | 'absent' | 'corrupt'> {
  let text: string;
  try {
    text = await readFile(cacheFilePath(cacheDir), 'utf8');
  } catch {
    return 'absent';
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.entries : 'corrupt';
  } catch {
    return 'corrupt';
  }
}

export async function readCachedReport(
  cacheDir: string,
  key: ProbeCacheKey,
  options: { now?: number; maxAgeMs?: number } = {},
): Promise<CacheLookup> {
  const entries = await readEntries(cacheDir);
  if (entries === 'absent' || entries === 'corrupt') return { hit: false, why: entries };
  const entry = entries.find((e) => e.ffmpegPath === key.ffmpegPath);
  if (!entry) return { hit: false, why: 'absent' };
  if (entry.sizeBytes !== key.sizeBytes || entry.mtimeMs !== key.mtimeMs) return { hit: false, why: 'changed' };
  const age = (options.now ?? Date.now()) - entry.savedAt;
  if (age < 0 || age > (options.maxAgeMs ?? PROBE_CACHE_MAX_AGE_MS)) return { hit: false, why: 'expired' };
  return { hit: true, report: entry.report };
}

/** Stores the report for its binary, keeping other binaries' entries (a corrupt file keeps none). */
export async function writeCachedReport(cacheDir: string, key: ProbeCacheKey, report: ProbeReport, now = Date.now()): Promise<void> {
  const existing = await readEntries(cacheDir);
  const others = Array.isArray(existing) ? existing.filter((e) => e.ffmpegPath !== key.ffmpegPath) : [];
  const entry: CacheEntry = { ...key, version: report.version, savedAt: now, report };
  await mkdir(cacheDir, { recursive: true });
  await writeFileAtomic(cacheFilePath(cacheDir), `${JSON.stringify({ schema: PROBE_CACHE_SCHEMA, entries: [...others, entry] }, null, 2)}\n`);
}

async function writeFileAtomic(target: string, content: string): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
