/**
 * Small pure rules the output supervisor applies: which addresses an output may
 * start with, when its process counts as stalled, how a recording's parts are
 * named, and which failures are the disk's.
 */
import type { EngineError } from '../errors';
import { validateOutputUrl } from '../process/classify-failure';
import type { OutputSpec } from '../types';

/** A setting that can never work (wrong scheme, malformed URL), found before any process starts. */
export function preflightOutput(spec: OutputSpec): EngineError | null {
  if (spec.kind === 'rtmp') return validateOutputUrl(spec.url, ['rtmp:', 'rtmps:']) ?? (spec.backupUrl ? validateOutputUrl(spec.backupUrl, ['rtmp:', 'rtmps:']) : null);
  if (spec.kind === 'srt') return validateOutputUrl(spec.url, ['srt:']);
  if (spec.kind === 'hls-put') return validateOutputUrl(spec.url, ['http:', 'https:']);
  return null;
}

/**
 * A live output whose media time has not advanced for this long is stalled (a
 * muxer blocked on a socket stops advancing; HLS reports no byte count at all), ms.
 */
export const STALL_TIMEOUT_MS = 6_000;
/** An attempt that has not gone live after this long is abandoned and retried, ms. */
export const CONNECT_TIMEOUT_MS = 15_000;

/** Why the watchdog should kill the current process, or null while it is healthy. */
export function stalledReason(p: { nowMs: number; wentLive: boolean; lastAdvanceAt: number; attemptStartedAt: number }): string | null {
  if (p.wentLive && p.nowMs - p.lastAdvanceAt > STALL_TIMEOUT_MS) return `no data accepted for ${STALL_TIMEOUT_MS / 1000} s: the connection stalled`;
  if (!p.wentLive && p.nowMs - p.attemptStartedAt > CONNECT_TIMEOUT_MS) return `could not connect within ${CONNECT_TIMEOUT_MS / 1000} s`;
  return null;
}

/** Part 1 is the file itself; later parts (after a crash or an encoder restart) are `name-partN.ext`. */
export function recordingPartFile(file: string, part: number): string {
  return part === 1 ? file : file.replace(/(\.[^./\\]+)?$/, (ext) => `-part${part}${ext || ''}`);
}

/** Parts 1..parts of a recording, in order. */
export function recordingPartFiles(file: string, parts: number): string[] {
  return Array.from({ length: parts }, (_, i) => recordingPartFile(file, i + 1));
}

/** ffmpeg's words for a disk that is full, read-only or not ours to write. */
export function isDiskError(stderrTail: readonly string[]): boolean {
  return stderrTail.some((l) => /No space left on device|Disk quota exceeded|Read-only file system|Permission denied/i.test(l));
}
