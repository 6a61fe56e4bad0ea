/**
 * `viewers`: how the self-hosted edge holds up under a crowd. The studio (`onair
 * broadcast`, test card) goes live over RTMP to the recipe's origin
 * (resources/origin/start-origin.mjs); N simulated HLS viewers (hls-viewer.ts;
 * BENCH_VIEWERS, default 200) watch through the edge for BENCH_SECONDS (60).
 *
 * Figures: the share of segments every viewer got, segment fetch latency p50 and
 * p95, origin requests per segment (from the origin's access log; target 1: the
 * edge's cache lock), and the edge nginx's CPU (every process in its group, from
 * /proc, over the window).
 *
 * Bounded: at most MAX_VIEWERS viewers for at most MAX_SECONDS, and only against
 * a loopback address; the load generator cannot be pointed at anyone's server.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startTool } from '../helpers/ffmpeg-process';
import { processGroupPids } from '../helpers/processes';
import { SelfHostedOrigin, fetchPlaylist, waitForPlaylist } from '../helpers/self-hosted-origin';
import type { BenchContext, Measurement } from './bench-context';
import { fmt, type MeasurementResult } from './bench-report';
import { SimulatedViewer, VIEWER_USER_AGENT, type ViewerResult } from './hls-viewer';
import { originLoad, summarizeViewers } from './viewer-stats';

const DEFAULT_VIEWERS = 200;
const SMOKE_VIEWERS = 20;
const MAX_VIEWERS = 1000;
const MAX_SECONDS = 600;
/** Viewers join evenly over this long, not all in the same millisecond. */
const JOIN_SPREAD_MS = 2_000;
/** After the window, viewers may finish the segments they had queued for this long. */
const DRAIN_MS = 10_000;
/** Small on purpose: the encoder shares the 2 cores with the edge and the viewers. */
const STREAM = { size: '640x360', bitrateKbps: 1200, keyintS: 2 };
const WARMUP_SEGMENTS = 3;
const WARMUP_TIMEOUT_MS = 30_000;
/** The cutoff segment was listed this many segment durations before the viewers stopped. */
const CUTOFF_SEGMENTS = 2;
/** A fetch this slow waited on the edge's cache lock (nginx re-checks a lock every 500 ms). */
const LOCK_WAIT_MS = 450;
const STUDIO_MARGIN_S = 60;
const CLOCK_TICKS_PER_S = 100;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const viewers: Measurement = {
  name: 'viewers',
  async run(ctx: BenchContext): Promise<MeasurementResult> {
    const count = ctx.smoke ? SMOKE_VIEWERS : viewerCount();
    if (ctx.seconds > MAX_SECONDS) throw new Error(`viewers: BENCH_SECONDS ${ctx.seconds} is over the ${MAX_SECONDS} s bound`);
    const measuredAt = new Date().toISOString();
    const origin = await SelfHostedOrigin.start({
      streams: [{ name: 'bench', key: randomBytes(12).toString('base64url') }],
      keyintS: STREAM.keyintS,
      scriptPath: join(ctx.repoRoot, 'resources', 'origin', 'start-origin.mjs'),
    });
    const studio = startTool(
      process.execPath,
      [join(ctx.repoRoot, 'dist', 'cli', 'onair.js'), 'broadcast', '--source', 'testcard', '--duration', String(ctx.seconds + STUDIO_MARGIN_S),
        '--size', STREAM.size, '--bitrate', String(STREAM.bitrateKbps), '--keyint', String(STREAM.keyintS), '--encoder', 'libx264',
        '--to', origin.stream('bench').rtmpPublishUrl],
      (ctx.seconds + 2 * STUDIO_MARGIN_S) * 1000,
    );
    try {
      return await measure(ctx, origin, count, measuredAt);
    } finally {
      studio.child.kill('SIGINT');
      await studio.done;
      await origin.stop();
    }
  },
};

async function measure(ctx: BenchContext, origin: SelfHostedOrigin, count: number, measuredAt: string): Promise<MeasurementResult> {
  const playlistUrl = origin.stream('bench').edgeLiveUrl;
  assertLoopback(playlistUrl);
  ctx.progress(`viewers: waiting for ${WARMUP_SEGMENTS} segments at the edge`);
  await waitForPlaylist(playlistUrl, WARMUP_SEGMENTS, WARMUP_TIMEOUT_MS);

  const logOffset = (await origin.originAccessLog()).length;
  const edgeCpu0 = groupCpuS(origin.info.pids.edge);
  const harnessCpu0 = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay();
  loopDelay.enable();
  const started = Date.now();
  const stopAt = started + ctx.seconds * 1000;
  // Settled into a value now and awaited after the viewers, so a failure is not an unhandled rejection meanwhile.
  const cutoff = cutoffSequence(`${origin.info.originUrl}/live/bench/index.m3u8`, stopAt - CUTOFF_SEGMENTS * STREAM.keyintS * 1000).then(
    (sequence) => ({ sequence }),
    (error: unknown) => ({ error }),
  );
  ctx.progress(`viewers: ${count} viewers for ${ctx.seconds} s`);
  const results: ViewerResult[] = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * JOIN_SPREAD_MS) / count));
      return new SimulatedViewer(playlistUrl, stopAt, stopAt + DRAIN_MS).run();
    }),
  );
  const windowS = (Date.now() - started) / 1000;
  const edgeCpuS = groupCpuS(origin.info.pids.edge) - edgeCpu0;
  const harnessCpu = process.cpuUsage(harnessCpu0);
  loopDelay.disable();

  const settled = await cutoff;
  if ('error' in settled) throw settled.error;
  const summary = summarizeViewers(results, settled.sequence);
  const segmentPaths = new Set(results.flatMap((r) => r.segments.map((f) => new URL(f.uri, playlistUrl).pathname)));
  const load = originLoad((await origin.originAccessLog()).slice(logOffset), segmentPaths, VIEWER_USER_AGENT);
  const lockWaits = results.flatMap((r) => r.segments).filter((f) => f.latencyMs >= LOCK_WAIT_MS).length;
  const edgeCorePct = (edgeCpuS / windowS) * 100;
  const harnessCpuS = (harnessCpu.user + harnessCpu.system) / 1e6;
  const harness = [
    `- viewers: the ${count} viewers run in the harness's own Node process (one thread): ${fmt(harnessCpuS)} CPU s over ${fmt(windowS)} s, event-loop delay p99 ${fmt(loopDelay.percentile(99) / 1e6)} ms, max ${fmt(loopDelay.max / 1e6)} ms; fetch latencies include that delay.`,
  ];
  const pct = (part: number, whole: number): number => (whole === 0 ? Number.NaN : (100 * part) / whole);
  const label = `${count} viewers, ${ctx.seconds} s`;
  return {
    name: 'viewers',
    measuredAt,
    figures: [
      { name: `viewers: segments every viewer got (${label})`, unit: '%', samples: [pct(summary.commonSegmentsAllGot, summary.commonSegments)], target: { op: '>=', value: 100 } },
      { name: 'viewers: segment fetch latency p50', unit: 'ms', samples: [summary.latencyP50Ms], target: { op: '<=', value: 100 } },
      { name: 'viewers: segment fetch latency p95', unit: 'ms', samples: [summary.latencyP95Ms], target: { op: '<=', value: (STREAM.keyintS * 1000) / 2 } },
      { name: 'viewers: origin requests per segment (mean)', unit: 'x', samples: [load.meanPerSegment], target: { op: '<=', value: 1 } },
      { name: 'viewers: edge nginx CPU', unit: '% of a core', samples: [edgeCorePct], target: null },
    ],
    notes: [
      `Stream: \`onair broadcast --source testcard --size ${STREAM.size} --bitrate ${STREAM.bitrateKbps} --keyint ${STREAM.keyintS} --encoder libx264\` over RTMP to the origin; edge and origin from resources/origin/start-origin.mjs (${STREAM.keyintS} s segments, playlists cached 1 s, segments 1 h, cache lock on).`,
      `Viewers: ${count}, joining over ${JOIN_SPREAD_MS / 1000} s, each like hls.js: starts 3 segments behind live, reloads the playlist every target duration (half when unchanged), fetches every segment in order over its own 2 keep-alive connections. Window ${fmt(windowS)} s: the ${ctx.seconds} s, then the last queued segments (up to ${DRAIN_MS / 1000} s more).`,
      `- Segments: ${summary.commonSegmentsAllGot} of the ${summary.commonSegments} segments every viewer should have got reached every viewer; viewer x segment pairs ${summary.pairsReceived}/${summary.pairsExpected} (${fmt(pct(summary.pairsReceived, summary.pairsExpected))} %); ${summary.viewersComplete}/${count} viewers complete, worst viewer ${fmt(100 * summary.minViewerShare)} %; ${summary.viewersWithoutPlaylist} never got a playlist.`,
      `- Segment fetches: ${summary.segmentFetches}, ${fmt(summary.segmentBytes / 1e6)} MB (${fmt((summary.segmentBytes * 8) / 1e6 / windowS)} Mb/s out of the edge); latency p50 ${fmt(summary.latencyP50Ms)} ms, p95 ${fmt(summary.latencyP95Ms)} ms, max ${fmt(summary.latencyMaxMs)} ms; ${lockWaits} (${fmt(pct(lockWaits, summary.segmentFetches))} %) took ${LOCK_WAIT_MS} ms or more: they arrived while the one origin fetch was in flight and waited on the cache lock, which nginx re-checks every 500 ms. Cache status: ${formatCounts(summary.segmentCacheStatuses)}.`,
      `- Origin: ${fmt(load.meanPerSegment)} requests per segment on average, max ${load.maxPerSegment}, over ${load.perSegment.length} segments; playlists: ${load.playlistGets} origin requests for ${summary.playlistFetches} viewer reloads (${fmt(load.playlistGets / windowS)}/s; edge status ${formatCounts(summary.playlistCacheStatuses)}).`,
      `- Edge nginx (master, ${processGroupPids(origin.info.pids.edge).length - 1} other processes): ${fmt(edgeCpuS)} CPU s over ${fmt(windowS)} s = ${fmt(edgeCorePct)} % of one core.`,
    ],
    harness,
  };
}

function viewerCount(): number {
  const raw = process.env['BENCH_VIEWERS'];
  const n = raw === undefined || raw === '' ? DEFAULT_VIEWERS : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_VIEWERS) throw new Error(`BENCH_VIEWERS="${raw}" must be a whole number from 1 to ${MAX_VIEWERS}`);
  return n;
}

function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`viewers: refusing to load ${host}: the viewer bench only targets loopback`);
}

/** The newest segment the origin lists at atMs. */
async function cutoffSequence(originPlaylistUrl: string, atMs: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, atMs - Date.now())));
  const playlist = await fetchPlaylist(originPlaylistUrl);
  const newest = playlist.segments.at(-1);
  if (newest === undefined) throw new Error(`${originPlaylistUrl} listed no segment at the cutoff`);
  return newest.sequence;
}

/** utime + stime of every process in the group (master, workers, cache manager), s. */
function groupCpuS(pgid: number): number {
  let ticks = 0;
  for (const pid of processGroupPids(pgid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based).
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited between the listing and the read
    }
  }
  return ticks / CLOCK_TICKS_PER_S;
}

function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}
