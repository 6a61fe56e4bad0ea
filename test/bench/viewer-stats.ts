/**
 * The viewer-load figures, from what the simulated viewers recorded and the
 * origin's access log (pure).
 *
 * What a viewer "should have got": every segment from the first one it queued up
 * to the cutoff, the newest segment the origin listed two target durations
 * before the viewers stopped reloading (each viewer reloads at least once a
 * target duration, so it had time to see it). The "common" segments are those
 * every viewer should have got: from the latest joiner's first to the cutoff.
 */
import type { ViewerResult } from './hls-viewer';

export interface ViewerLoadSummary {
  viewers: number;
  /** Viewers that never loaded a playlist. */
  viewersWithoutPlaylist: number;
  /** Viewer x segment pairs that should have been fetched, and were (200, non-empty). */
  pairsExpected: number;
  pairsReceived: number;
  /** Segments every viewer should have got, and those every viewer did get. */
  commonSegments: number;
  commonSegmentsAllGot: number;
  /** Viewers that got every segment they should have. */
  viewersComplete: number;
  minViewerShare: number;
  /** Over every segment fetch, ms. */
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
  segmentFetches: number;
  segmentBytes: number;
  segmentCacheStatuses: Record<string, number>;
  playlistFetches: number;
  playlistCacheStatuses: Record<string, number>;
}

export function summarizeViewers(results: readonly ViewerResult[], cutoffSequence: number): ViewerLoadSummary {
  const joined = results.filter((r) => r.firstSequence !== undefined);
  // Nobody joined: no common segments (and no range from -Infinity).
  const firstCommon = joined.length === 0 ? cutoffSequence + 1 : Math.max(...joined.map((r) => r.firstSequence!));
  const allFetches = results.flatMap((r) => r.segments);
  const latencies = allFetches.map((f) => f.latencyMs).sort((a, b) => a - b);
  let pairsExpected = 0;
  let pairsReceived = 0;
  let viewersComplete = 0;
  let minViewerShare = results.length > joined.length ? 0 : 1;
  const commonGot = new Map<number, number>();
  for (const r of joined) {
    const got = new Set(r.segments.filter((f) => f.ok).map((f) => f.sequence));
    const expected = range(r.firstSequence!, cutoffSequence);
    const received = expected.filter((seq) => got.has(seq)).length;
    pairsExpected += expected.length;
    pairsReceived += received;
    if (received === expected.length) viewersComplete++;
    if (expected.length > 0) minViewerShare = Math.min(minViewerShare, received / expected.length);
    for (const seq of range(firstCommon, cutoffSequence)) if (got.has(seq)) commonGot.set(seq, (commonGot.get(seq) ?? 0) + 1);
  }
  const common = range(firstCommon, cutoffSequence);
  return {
    viewers: results.length,
    viewersWithoutPlaylist: results.length - joined.length,
    pairsExpected,
    pairsReceived,
    commonSegments: common.length,
    commonSegmentsAllGot: results.length === joined.length ? common.filter((seq) => commonGot.get(seq) === joined.length).length : 0,
    viewersComplete,
    minViewerShare,
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    latencyMaxMs: latencies.at(-1) ?? Number.NaN,
    segmentFetches: allFetches.length,
    segmentBytes: allFetches.reduce((sum, f) => sum + f.bytes, 0),
    segmentCacheStatuses: countBy(allFetches.map((f) => f.cacheStatus)),
    playlistFetches: results.reduce((sum, r) => sum + r.playlistFetches, 0),
    playlistCacheStatuses: mergeCounts(results.map((r) => r.playlistCacheStatuses)),
  };
}

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface OriginLoad {
  /** Origin GETs for each segment a viewer fetched. */
  perSegment: number[];
  meanPerSegment: number;
  maxPerSegment: number;
  /** Playlist GETs that carried `userAgent` (relayed by the edge for the viewers). */
  playlistGets: number;
}

/** Reads nginx "combined" access log lines: `... "GET /path HTTP/1.1" status bytes "referer" "agent"`. */
export function originLoad(logLines: readonly string[], segmentPaths: ReadonlySet<string>, userAgent: string): OriginLoad {
  const counts = new Map<string, number>([...segmentPaths].map((path) => [path, 0]));
  let playlistGets = 0;
  for (const line of logLines) {
    const match = /"GET (\S+) HTTP\/[\d.]+" \d+ \d+ "[^"]*" "([^"]*)"/.exec(line);
    if (match === null) continue;
    const [, path = '', agent] = match;
    if (counts.has(path)) counts.set(path, counts.get(path)! + 1);
    else if (path.endsWith('.m3u8') && agent === userAgent) playlistGets++;
  }
  const perSegment = [...counts.values()];
  return {
    perSegment,
    meanPerSegment: perSegment.reduce((a, b) => a + b, 0) / perSegment.length,
    maxPerSegment: Math.max(...perSegment),
    playlistGets,
  };
}

function range(from: number, to: number): number[] {
  return to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function mergeCounts(all: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const counts of all) for (const [k, n] of Object.entries(counts)) merged[k] = (merged[k] ?? 0) + n;
  return merged;
}
