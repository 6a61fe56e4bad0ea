/**
 * `glass-to-glass`: from the moment a picture is made to the moment a viewer has
 * decoded it, on two paths at once:
 * - RTMP: the broadcast's RTMP output -> nginx-rtmp on loopback -> a reader
 *   pulling rtmp://127.0.0.1/live/KEY;
 * - HLS: the broadcast's HLS output -> the studio's LocalOrigin (in process, as
 *   the studio runs it) -> a reader pulling its playlist over HTTP from the newest
 *   segment.
 *
 * Producer: the engine's test card (TestcardSource on the studio clock), pushed
 * into a Broadcast in this process the way the CLI and studio do. Every frame
 * carries its capture time in its timestamp strip; the readers
 * (stream-frame-reader.ts) crop the strip rows, decode them and subtract
 * (strip-latency.ts): one process, one clock.
 *
 * Each run lasts WINDOW_S (SMOKE_WINDOW_S in smoke mode) after the HLS reader
 * starts; frames in a reader's first SETTLE_S are not counted (it catches up on
 * what it buffered while probing the stream). Samples per figure: that run's p50
 * or p95, one per run.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Broadcast } from '../../main/engine/broadcast';
import { createLogger } from '../../main/engine/logger';
import { defaultClockUs } from '../../main/engine/pacer/pacer-types';
import { ProcessRegistry } from '../../main/engine/process/process-registry';
import { buildVideoEncoderArgs } from '../../main/engine/probe/encoder-args';
import { TestcardSource, TIMESTAMP_STRIP_HEIGHT_PX } from '../../main/engine/sources/testcard';
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings, type OutputSpec } from '../../main/engine/types';
import { DEFAULT_SEGMENT_S, LocalOrigin } from '../../main/origin/local-origin';
import type { BenchContext, Measurement } from './bench-context';
import { fmt, median, type Figure, type MeasurementResult } from './bench-report';
import { emptyTally, stripFromCrop, stripLatencyMs, type LatencyTally } from './strip-latency';
import { HLS_READER_ARGS, READER_INPUT_ARGS, StreamFrameReader, type ReadFrame } from './stream-frame-reader';
import { percentile } from './viewer-stats';

export const RTMP_TARGET_MS = 500;
const WINDOW_S = 20;
const SMOKE_WINDOW_S = 6;
/** A reader's first seconds: it delivers what it buffered while probing, faster than real time. */
const SETTLE_S = 2;
const HLS_PLAYLIST_LENGTH = 6;
const PLAYLIST_POLL_MS = 50;
const FIRST_SEGMENT_TIMEOUT_MS = 20_000;
const PRODUCER = 'test card (engine TestcardSource, in process)';

type PathName = 'rtmp' | 'hls';

interface RunResult {
  tallies: Record<PathName, LatencyTally>;
  framesRead: Record<PathName, number>;
}

export const glassToGlass: Measurement = {
  name: 'glass-to-glass',
  async run(ctx: BenchContext): Promise<MeasurementResult> {
    const measuredAt = new Date().toISOString();
    const settings: EncoderSettings = { ...DEFAULT_ENCODER_SETTINGS, encoder: ctx.machine.encoder };
    const windowS = ctx.smoke ? SMOKE_WINDOW_S : WINDOW_S;
    const runs = ctx.smoke ? 1 : ctx.runs;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const results: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      ctx.progress(`glass-to-glass ${i + 1}/${runs}`);
      results.push(await oneRun(ctx, settings, i, windowS));
    }
    loopDelay.disable();
    for (const path of ['rtmp', 'hls'] as const) {
      const empty = results.filter((r) => r.tallies[path].latenciesMs.length === 0);
      if (empty.length > 0) throw new Error(`glass-to-glass: the ${path} reader decoded no timestamp strip in ${empty.length} run(s) (frames read: ${empty.map((r) => r.framesRead[path]).join(', ')})`);
    }
    const pct = (path: PathName, p: number): number[] => results.map((r) => percentile([...r.tallies[path].latenciesMs].sort((a, b) => a - b), p));
    const encoderArgs = buildVideoEncoderArgs(settings).outputArgs.join(' ');
    const figures: Figure[] = [
      { name: 'glass-to-glass: RTMP via nginx-rtmp p50 (test card)', unit: 'ms', samples: pct('rtmp', 50), target: { op: '<', value: RTMP_TARGET_MS } },
      { name: 'glass-to-glass: RTMP via nginx-rtmp p95 (test card)', unit: 'ms', samples: pct('rtmp', 95), target: { op: '<', value: RTMP_TARGET_MS } },
      { name: `glass-to-glass: HLS via local origin p50 (test card, ${DEFAULT_SEGMENT_S} s segments)`, unit: 'ms', samples: pct('hls', 50), target: null },
      { name: `glass-to-glass: HLS via local origin p95 (test card, ${DEFAULT_SEGMENT_S} s segments)`, unit: 'ms', samples: pct('hls', 95), target: null },
    ];
    const counts = (path: PathName): string =>
      `${path.toUpperCase()}: ${results.map((r) => `${r.tallies[path].latenciesMs.length} frames measured, ${r.tallies[path].unreadable} unreadable, ${r.tallies[path].settling} settling`).join('; ')}`;
    return {
      name: 'glass-to-glass',
      measuredAt,
      figures,
      notes: [
        `Producer: ${PRODUCER}. ${runs} run(s) of ${windowS} s; both readers run side by side on one broadcast (a fresh stream key and HLS folder per run).`,
        `- Encoder: ${settings.width}x${settings.height} ${settings.fps} fps ${settings.videoBitrateKbps} kb/s, keyframe every ${settings.keyframeIntervalS} s, \`${encoderArgs}\`.`,
        `- HLS: ${DEFAULT_SEGMENT_S} s segments (the studio's default; a segment closes at a keyframe), ${HLS_PLAYLIST_LENGTH} in the playlist, served by LocalOrigin from the output's folder; no low-latency HLS (no partial segments), so HLS latency is at least one segment.`,
        `- Clock: the test card writes the studio clock (epoch ms, mod 2^32) into each frame's strip; the readers take the same clock when a frame's last byte leaves ffmpeg. Same process, same clock; the strip is floored to the ms (reads up to 1 ms high).`,
        `- Readers: \`ffmpeg ${READER_INPUT_ARGS.join(' ')} [HLS: ${HLS_READER_ARGS.join(' ')}] -i URL -vf crop=W:${TIMESTAMP_STRIP_HEIGHT_PX}:0:0 -fps_mode passthrough -f rawvideo -pix_fmt yuv420p -flush_packets 1 pipe:1\`; frames in each reader's first ${SETTLE_S} s are not counted. The HLS reader fetches each segment whole as soon as it is listed and decodes it faster than real time, so its p50 is below what a player pacing to real time shows; its p95 (first frames of each segment) is close to a player hugging the live edge (hls.js starts 3 segments back, adding about ${2 * DEFAULT_SEGMENT_S} s).`,
        `- ${counts('rtmp')}.`,
        `- ${counts('hls')}.`,
      ],
      harness: [
        `- glass-to-glass: the readers decode every frame in full (two ffmpeg processes at ${settings.width}x${settings.height}) and cross ${settings.width}x${TIMESTAMP_STRIP_HEIGHT_PX} crops to the harness; the test card and engine share the harness's Node process, whose event-loop delay was p99 ${fmt(loopDelay.percentile(99) / 1e6)} ms, max ${fmt(loopDelay.max / 1e6)} ms (a frame's arrival time can read late by that much). Median over runs of the RTMP p50: ${fmt(median(pct('rtmp', 50)))} ms.`,
      ],
    };
  },
};

async function oneRun(ctx: BenchContext, settings: EncoderSettings, run: number, windowS: number): Promise<RunResult> {
  const logger = createLogger('bench', { level: 'warn' });
  const registry = new ProcessRegistry(logger.child('process'), (s) => s);
  const broadcast = new Broadcast({ ffmpegPath: ctx.machine.ffmpegPath, registry, logger, clockUs: defaultClockUs }, { settings, hardware: false });
  const source = new TestcardSource({ width: settings.width, height: settings.height, fps: settings.fps }, { now: defaultClockUs });
  const key = `g2g-${run}`;
  const hlsDir = join(ctx.tmpDir, `g2g-hls-${run}`);
  await mkdir(hlsDir, { recursive: true });
  const origin = new LocalOrigin({ hlsDir, segmentSeconds: DEFAULT_SEGMENT_S, hlsJsFile: null });
  const outputs: OutputSpec[] = [
    { id: 'rtmp', name: 'nginx', kind: 'rtmp', url: ctx.nginx.rtmpUrl(key) },
    { id: 'hls', name: 'Local origin', kind: 'hls', dir: hlsDir, segmentSeconds: DEFAULT_SEGMENT_S, playlistLength: HLS_PLAYLIST_LENGTH },
  ];
  const tallies: Record<PathName, LatencyTally> = { rtmp: emptyTally(), hls: emptyTally() };
  const crop = { x: 0, y: 0, width: settings.width, height: TIMESTAMP_STRIP_HEIGHT_PX };
  const readerFor = (path: PathName, url: string, extra: readonly string[]): StreamFrameReader => {
    let firstUs: number | null = null;
    return new StreamFrameReader(ctx.machine.ffmpegPath, url, crop, extra, (frame: ReadFrame) => {
      firstUs ??= frame.arrivalUs;
      tally(tallies[path], frame, crop.width, frame.arrivalUs - firstUs < SETTLE_S * 1e6);
    });
  };
  const { url: playlistUrl } = await origin.start();
  const rtmp = readerFor('rtmp', ctx.nginx.rtmpUrl(key), []);
  const hls = readerFor('hls', playlistUrl, HLS_READER_ARGS);
  try {
    await broadcast.start(outputs);
    await source.start({
      video: (f) => broadcast.pushVideoFrame(f.data.slice(), f.timestampUs),
      audio: (a) => broadcast.pushAudio(a.data.slice(), a.timestampUs),
      error: (err) => logger.error(`test card: ${err.message}`),
    });
    // nginx-rtmp holds a play until the publisher appears; the origin answers 404 until a segment exists.
    rtmp.start();
    await waitForListedSegment(playlistUrl);
    hls.start();
    const failed = await Promise.race([
      new Promise<string>((r) => setTimeout(() => r(''), windowS * 1000)),
      rtmp.exited.then((e) => e || 'the RTMP reader ended early'),
      hls.exited.then((e) => e || 'the HLS reader ended early'),
    ]);
    if (failed) throw new Error(`glass-to-glass: ${failed}`);
    return { tallies, framesRead: { rtmp: rtmp.framesRead, hls: hls.framesRead } };
  } finally {
    await Promise.all([rtmp.stop(), hls.stop()]);
    await source.stop();
    await broadcast.stop();
    await registry.stopAll();
    await origin.stop();
  }
}

function tally(t: LatencyTally, frame: ReadFrame, width: number, settling: boolean): void {
  if (settling) {
    t.settling++;
    return;
  }
  const strip = stripFromCrop(frame.i420, width);
  if (strip === null) t.unreadable++;
  else t.latenciesMs.push(stripLatencyMs(frame.arrivalUs, strip));
}

/** Polls the origin's playlist (through HTTP, as a player would) until it lists a segment. */
async function waitForListedSegment(playlistUrl: string): Promise<void> {
  const deadline = performance.now() + FIRST_SEGMENT_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const res = await fetch(playlistUrl).catch(() => null);
    const text = res?.ok ? await res.text() : '';
    if (text.split('\n').some((line) => line.trim() !== '' && !line.startsWith('#'))) return;
    await new Promise((r) => setTimeout(r, PLAYLIST_POLL_MS));
  }
  throw new Error(`glass-to-glass: the local origin listed no segment at ${playlistUrl} within ${FIRST_SEGMENT_TIMEOUT_MS} ms`);
}
