import { describe, expect, it } from 'vitest';
import type { SegmentFetch, ViewerResult } from '../../bench/hls-viewer';
import { originLoad, percentile, summarizeViewers } from '../../bench/viewer-stats';

function viewer(firstSequence: number | undefined, got: number[], latencyMs = 5): ViewerResult {
  const segments: SegmentFetch[] = got.map((sequence) => ({ sequence, uri: `${sequence}.ts`, ok: true, latencyMs, bytes: 1000, cacheStatus: 'HIT' }));
  return { firstSequence, segments, playlistFetches: 3, playlistErrors: 0, playlistCacheStatuses: { HIT: 3 } };
}

describe('summarizeViewers', () => {
  it('counts, per viewer, the segments from its first to the cutoff, and the ones every viewer got', () => {
    const summary = summarizeViewers(
      [
        viewer(10, [10, 11, 12, 13, 14]),
        viewer(11, [11, 13, 14]), // missed 12
        viewer(12, [12, 13, 14, 15]), // 15 is past the cutoff: fetched, not expected
      ],
      14,
    );
    expect(summary).toMatchObject({
      viewers: 3,
      pairsExpected: 5 + 4 + 3,
      pairsReceived: 5 + 3 + 3,
      // Common: 12..14 (the latest joiner's first to the cutoff); 12 missed by one viewer.
      commonSegments: 3,
      commonSegmentsAllGot: 2,
      viewersComplete: 2,
      minViewerShare: 0.75,
      segmentFetches: 12,
    });
  });

  it('counts a viewer that never got a playlist as missing everything', () => {
    const summary = summarizeViewers([viewer(10, [10, 11]), viewer(undefined, [])], 11);
    expect(summary).toMatchObject({ viewersWithoutPlaylist: 1, commonSegmentsAllGot: 0, minViewerShare: 0 });
  });

  it('survives nobody joining', () => {
    expect(summarizeViewers([viewer(undefined, [])], 5)).toMatchObject({ commonSegments: 0, pairsExpected: 0 });
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 100)]).toEqual([50, 95, 100]);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('originLoad', () => {
  // nginx's "combined" format, as the origin writes it.
  const log = [
    '127.0.0.1 - - [25/Nov/2026:13:30:12 +0000] "GET /live/bench/100.ts HTTP/1.1" 200 358000 "-" "onair-bench-viewer"',
    '127.0.0.1 - - [25/Nov/2026:13:30:13 +0000] "GET /live/bench/102.ts HTTP/1.1" 200 358000 "-" "onair-bench-viewer"',
    '127.0.0.1 - - [25/Nov/2026:13:30:13 +0000] "GET /live/bench/102.ts HTTP/1.1" 200 358000 "-" "onair-bench-viewer"',
    '127.0.0.1 - - [25/Nov/2026:13:30:14 +0000] "GET /live/bench/index.m3u8 HTTP/1.1" 200 222 "-" "onair-bench-viewer"',
    '127.0.0.1 - - [25/Nov/2026:13:30:14 +0000] "GET /live/bench/index.m3u8 HTTP/1.1" 200 222 "-" "node"',
    '127.0.0.1 - - [25/Nov/2026:13:30:15 +0000] "GET /auth/publish?name=bench&key=x HTTP/1.0" 204 0 "-" "-"',
  ];

  it('counts origin GETs per segment the viewers fetched, and the viewers\' playlist GETs', () => {
    const load = originLoad(log, new Set(['/live/bench/100.ts', '/live/bench/101.ts', '/live/bench/102.ts']), 'onair-bench-viewer');
    expect(load.perSegment).toEqual([1, 0, 2]);
    expect(load.meanPerSegment).toBe(1);
    expect(load.maxPerSegment).toBe(2);
    expect(load.playlistGets).toBe(1);
  });
});
