/**
 * `glass-to-glass`: from the moment a picture is made to the moment a viewer has
 * decoded it, on two paths at once:
 * - RTMP: the broadcast's RTMP output -> nginx-rtmp on loopback -> a reader
 *   pulling rtmp://127.0.0.1/live/KEY;
 * - HLS: the broadcast's HLS output -> the studio's LocalOrigin (in process, as
 *   the studio runs it) -> a reader pulling its playlist over HTTP from the newest
 *   segment.
 *
 * Producers, each in its own runs:
 * - the engine's test card (TestcardSource on the studio clock), pushed into a
 *   Broadcast in this process the way the CLI does: one process, one clock;
 * - the compositor: the real studio UI in Chromium (live-ui-session.ts) whose
 *   one scene is a camera filling the canvas, the camera being a canvas that
 *   draws the studio clock as the same strip (pages/strip-camera.ts), delivered
 *   through the WebSocket bridge into `onair studio`, which feeds nginx-rtmp and
 *   its own local origin. The page's clock and the bench's are both the
 *   epoch-anchored performance clock; their offset is measured (the page is
 *   asked for its clock between two readings of ours, best of
 *   CLOCK_SAMPLES by round trip) and taken out.
 * Every frame carries its capture time in its strip; the readers
 * (stream-frame-reader.ts) crop the strip rows, decode them and subtract
 * (strip-latency.ts).
 *
 * Each run measures for WINDOW_S (SMOKE_WINDOW_S in smoke mode) once both
 * readers have decoded a frame and settled: frames in a reader's first SETTLE_S
 * are not counted (it catches up on what it buffered while probing the stream).
 * Samples per figure: that run's p50 or p95, one per run.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { createLogger } from '../../main/engine/logger';
import { defaultClockUs } from '../../main/engine/pacer/pacer-types';
import { ProcessRegistry, type ManagedProcess, type SpawnSpec } from '../../main/engine/process/process-registry';
import { buildVideoEncoderArgs } from '../../main/engine/probe/encoder-args';
import { TIMESTAMP_STRIP_HEIGHT_PX } from '../../main/engine/sources/testcard';
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings } from '../../main/engine/types';
import { DEFAULT_SEGMENT_S, LocalOrigin } from '../../main/origin/local-origin';
import type { BenchContext, Measurement } from './bench-context';
import { HLS_PLAYLIST_LENGTH, TestcardBroadcast } from './testcard-broadcast';
import { fmt, median, type Figure, type MeasurementResult } from './bench-report';
import { fullCanvasCollection, initScript, openLiveUi, waitUntil } from './live-ui-session';
import { installStripCamera } from './pages/strip-camera';
import { emptyTally, stripFromCrop, stripLatencyMs, type LatencyTally } from './strip-latency';
import { readerMsPerFrame } from './reader-cost';
import { HLS_READER_ARGS, READER_INPUT_ARGS, STDIN_INPUT, StreamFrameReader, type CropRect, type ReadFrame } from './stream-frame-reader';
import { percentile } from './viewer-stats';

export const RTMP_TARGET_MS = 500;
const WINDOW_S = 20;
const SMOKE_WINDOW_S = 6;
/** A reader's first seconds: it delivers what it buffered while probing, faster than real time. */
const SETTLE_S = 2;
const PLAYLIST_POLL_MS = 50;
const FIRST_SEGMENT_TIMEOUT_MS = 20_000;
const FIRST_FRAME_TIMEOUT_MS = 20_000;
/** The compositor run: the studio-browser e2e test's size (720p raw frames overrun the bridge on 2 cores). */
const UI_SIZE = { width: 640, height: 360 };
const UI_BITRATE_KBPS = 1500;
/** The strip camera redraws this often, ms: well inside a 33 ms frame. */
const CAMERA_DRAW_MS = 10;
const UI_STARTUP_BUDGET_MS = 60_000;
/** Clock-offset readings of the page; the one with the shortest round trip is kept. */
const CLOCK_SAMPLES = 9;
/** The engine's name for its encoder process (ProcessRegistry). */
const ENCODER_PROCESS_NAME = 'encoder';

type PathName = 'rtmp' | 'hls';
type Producer = 'test card' | 'compositor';

interface RunResult {
  tallies: Record<PathName, LatencyTally>;
  framesRead: Record<PathName, number>;
  /** Readers that ended before the window did, and why. */
  endedEarly: string[];
  /** The same measurement on the encoder's output (test-card runs, where the encoder is in process). */
  encoderStage: LatencyTally | null;
  /** Capture to written into the encoder's stdin (test-card runs). */
  pacerStage: LatencyTally | null;
  /** Page clock minus the bench's, ms, and the round trip it was read in (compositor runs). */
  clock: { offsetMs: number; rttMs: number } | null;
}

export const glassToGlass: Measurement = {
  name: 'glass-to-glass',
  async run(ctx: BenchContext): Promise<MeasurementResult> {
    const measuredAt = new Date().toISOString();
    const settings: EncoderSettings = { ...DEFAULT_ENCODER_SETTINGS, encoder: ctx.machine.encoder };
    const uiSettings: EncoderSettings = { ...settings, ...UI_SIZE, videoBitrateKbps: UI_BITRATE_KBPS };
    const windowS = ctx.smoke ? SMOKE_WINDOW_S : WINDOW_S;
    const runs = ctx.smoke ? 1 : ctx.runs;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const results: Record<Producer, RunResult[]> = { 'test card': [], compositor: [] };
    const failures: string[] = [];
    // A run that fails to start on a machine this loaded gets one more try; the failure is kept in the notes.
    const attempt = async (what: string, run: (attemptNo: number) => Promise<RunResult>): Promise<RunResult> => {
      ctx.progress(`glass-to-glass ${what}`);
      try {
        return await run(0);
      } catch (err) {
        failures.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
        ctx.progress(`glass-to-glass ${what} failed, trying once more: ${failures[failures.length - 1]}`);
        return await run(1);
      }
    };
    for (let i = 0; i < runs; i++) results['test card'].push(await attempt(`test card ${i + 1}/${runs}`, (n) => testcardRun(ctx, settings, `${i}-${n}`, windowS)));
    for (let i = 0; i < runs; i++) results.compositor.push(await attempt(`compositor ${i + 1}/${runs}`, (n) => compositorRun(ctx, uiSettings, `${i}-${n}`, windowS)));
    loopDelay.disable();
    const stripCrop = (e: EncoderSettings): CropRect => ({ x: 0, y: 0, width: e.width, height: TIMESTAMP_STRIP_HEIGHT_PX });
    const readerMs = { card: await readerMsPerFrame(ctx, settings, stripCrop(settings)), ui: await readerMsPerFrame(ctx, uiSettings, stripCrop(uiSettings)) };
    for (const [producer, rs] of Object.entries(results)) {
      for (const path of ['rtmp', 'hls'] as const) {
        const empty = rs.filter((r) => r.tallies[path].latenciesMs.length === 0);
        if (empty.length > 0) throw new Error(`glass-to-glass (${producer}): the ${path} reader decoded no timestamp strip in ${empty.length} run(s) (frames read: ${empty.map((r) => `${r.framesRead[path]}, ${r.tallies[path].unreadable} unreadable, ${r.tallies[path].settling} settling`).join('; ')})`);
      }
    }
    const pct = (producer: Producer, path: PathName, p: number): number[] => results[producer].map((r) => percentile([...r.tallies[path].latenciesMs].sort((a, b) => a - b), p));
    const stageOf = (pick: (r: RunResult) => LatencyTally | null, p: number): number[] => results['test card'].map((r) => percentile([...(pick(r)?.latenciesMs ?? [])].sort((a, b) => a - b), p));
    const stage = (p: number): number[] => stageOf((r) => r.encoderStage, p);
    const pacer = (p: number): number[] => stageOf((r) => r.pacerStage, p);
    const figures: Figure[] = [
      { name: 'glass-to-glass: stage: written into the encoder p50 (test card)', unit: 'ms', samples: pacer(50), target: null },
      { name: 'glass-to-glass: stage: encoder output decoded p50 (test card)', unit: 'ms', samples: stage(50), target: null },
      { name: 'glass-to-glass: stage: encoder output decoded p95 (test card)', unit: 'ms', samples: stage(95), target: null },
    ];
    figures.unshift(...(['test card', 'compositor'] as const).flatMap((producer) => [
      { name: `glass-to-glass: RTMP via nginx-rtmp p50 (${producer})`, unit: 'ms', samples: pct(producer, 'rtmp', 50), target: { op: '<', value: RTMP_TARGET_MS } },
      { name: `glass-to-glass: RTMP via nginx-rtmp p95 (${producer})`, unit: 'ms', samples: pct(producer, 'rtmp', 95), target: { op: '<', value: RTMP_TARGET_MS } },
      { name: `glass-to-glass: HLS via local origin p50 (${producer}, ${DEFAULT_SEGMENT_S} s segments)`, unit: 'ms', samples: pct(producer, 'hls', 50), target: null },
      { name: `glass-to-glass: HLS via local origin p95 (${producer}, ${DEFAULT_SEGMENT_S} s segments)`, unit: 'ms', samples: pct(producer, 'hls', 95), target: null },
    ] satisfies Figure[]));
    const counts = (producer: Producer, path: PathName): string =>
      `${producer}, ${path.toUpperCase()}: ${results[producer].map((r) => `${r.tallies[path].latenciesMs.length} frames measured, ${r.tallies[path].unreadable} unreadable, ${r.tallies[path].settling} settling`).join('; ')}`;
    const clocks = results.compositor.map((r) => r.clock!);
    const encoderLine = (e: EncoderSettings): string => `${e.width}x${e.height} ${e.fps} fps ${e.videoBitrateKbps} kb/s, keyframe every ${e.keyframeIntervalS} s, \`${buildVideoEncoderArgs(e).outputArgs.join(' ')}\``;
    return {
      name: 'glass-to-glass',
      measuredAt,
      figures,
      notes: [
        `${runs} run(s) of ${windowS} s per producer; in each run both readers run side by side on one live stream (a fresh stream key and HLS folder per run).`,
        `- Producer "test card": ${PRODUCER_TESTCARD}. Encoder: ${encoderLine(settings)}.`,
        `- Producer "compositor": ${PRODUCER_COMPOSITOR}. Encoder: ${encoderLine(uiSettings)}. Page clock minus bench clock, taken out of every figure: ${clocks.map((c) => `${fmt(c.offsetMs)} ms (read in a ${fmt(c.rttMs)} ms round trip)`).join(', ')}.`,
        `- HLS: ${DEFAULT_SEGMENT_S} s segments (the studio's default; a segment closes at a keyframe), ${HLS_PLAYLIST_LENGTH} in the playlist (test card) / the studio's own playlist length (compositor), served by LocalOrigin; no low-latency HLS (no partial segments), so HLS latency is at least one segment.`,
        `- Clock: the producer writes the studio clock (epoch ms, mod 2^32) into each frame's strip; the readers take the bench's studio clock when a frame's last byte leaves ffmpeg. The strip is floored to the ms (reads up to 1 ms high).`,
        `- Readers: \`ffmpeg ${READER_INPUT_ARGS.join(' ')} [HLS: ${HLS_READER_ARGS.join(' ')}] -i URL -vf crop=W:${TIMESTAMP_STRIP_HEIGHT_PX}:0:0 -fps_mode passthrough -f rawvideo -pix_fmt yuv420p -flush_packets 1 pipe:1\`; frames in each reader's first ${SETTLE_S} s are not counted. The reader's own share, measured (the same reader over an offline encode with the same settings, reader-cost.ts): ${fmt(readerMs.card)} ms per frame at ${settings.width}x${settings.height}, ${fmt(readerMs.ui)} ms at ${uiSettings.width}x${uiSettings.height}; it is included in every figure. The HLS reader fetches each segment whole as soon as it is listed and decodes it faster than real time, so its p50 is below what a player pacing to real time shows; its p95 (first frames of each segment) is close to a player hugging the live edge (hls.js starts 3 segments back, adding about ${2 * DEFAULT_SEGMENT_S} s).`,
        ...(['test card', 'compositor'] as const).flatMap((producer) => [`- ${counts(producer, 'rtmp')}.`, `- ${counts(producer, 'hls')}.`]),
        `- Where the RTMP milliseconds go (test card): the same reader fed the encoder's own MPEG-TS in process (the bytes the fan-out gets, before any output process, nginx-rtmp or origin) reads p50 ${fmt(median(stage(50)))} ms: that is the test card's frame through the pacer, the encoder's ffmpeg and the reader. Of it, capture to written into the encoder's stdin (the pacer: a slot goes out once its audio has arrived, and the card delivers audio once a frame) is p50 ${fmt(median(pacer(50)))} ms, p95 ${fmt(median(pacer(95)))} ms; the encoder's ffmpeg (rawvideo + s16le in, libx264 + AAC, MPEG-TS out) and the reader's ~${fmt(readerMs.card)} ms make the rest; the rest of the RTMP p50 (${fmt(median(pct('test card', 'rtmp', 50)) - median(stage(50)))} ms) is the RTMP output's \`ffmpeg -c copy -f flv\` (reading MPEG-TS from a pipe), nginx-rtmp relaying and the RTMP read. Encoder-stage frames: ${results['test card'].map((r) => `${r.encoderStage?.latenciesMs.length ?? 0} measured, ${r.encoderStage?.unreadable ?? 0} unreadable`).join('; ')}.`,
        `- Runs that failed and were run again: ${failures.length ? failures.join(' | ') : 'none'}.`,
        `- Readers that ended before their window did (their frames up to then are counted): ${Object.values(results).flat().flatMap((r) => r.endedEarly).join(' | ') || 'none'}.`,
      ],
      harness: [
        `- glass-to-glass: the readers decode every frame in full (two ffmpeg processes) and cross W x ${TIMESTAMP_STRIP_HEIGHT_PX} crops to the harness; in the test-card runs the card and the engine share the harness's Node process, whose event-loop delay over the measurement was p99 ${fmt(loopDelay.percentile(99) / 1e6)} ms, max ${fmt(loopDelay.max / 1e6)} ms (a frame's arrival time can read late by that much). The strip camera redraws a ${UI_SIZE.width}x${UI_SIZE.height} canvas every ${CAMERA_DRAW_MS} ms in the page.`,
      ],
    };
  },
};

const PRODUCER_TESTCARD = 'the engine\'s TestcardSource on the studio clock, pushed into a Broadcast in the bench\'s process (RTMP output to nginx-rtmp, HLS output served by a LocalOrigin in the same process); one process, one clock';
const PRODUCER_COMPOSITOR = 'the real UI (dist/renderer) in Chromium, its compositor showing one scene: a camera filling the canvas, the camera being a canvas that draws the studio clock as the strip every few ms (pages/strip-camera.ts); raw path over the WebSocket bridge into `onair studio` (dist/cli), live to nginx-rtmp and the studio\'s own local origin';

/**
 * The engine's own registry, also handing the encoder's MPEG-TS (as the fan-out
 * gets it) to `tee`, and each raw frame the pacer writes into the encoder's
 * stdin (one whole I420 frame per write) to `written`.
 */
class EncoderTapRegistry extends ProcessRegistry {
  tee: ((chunk: Buffer) => void) | null = null;
  written: ((frame: Uint8Array) => void) | null = null;

  constructor(logger: ConstructorParameters<typeof ProcessRegistry>[0], redact: ConstructorParameters<typeof ProcessRegistry>[1], private readonly frameBytes: number) {
    super(logger, redact);
  }

  override spawn(spec: SpawnSpec): ManagedProcess {
    const proc = super.spawn(spec);
    if (spec.name !== ENCODER_PROCESS_NAME) return proc;
    proc.stdout?.on('data', (chunk: Buffer) => this.tee?.(chunk));
    const stdin = proc.stdin;
    if (stdin) {
      const write = stdin.write.bind(stdin) as (chunk: unknown, ...rest: unknown[]) => boolean;
      stdin.write = ((chunk: unknown, ...rest: unknown[]) => {
        if (chunk instanceof Uint8Array && chunk.length === this.frameBytes) this.written?.(chunk);
        return write(chunk, ...rest);
      }) as typeof stdin.write;
    }
    return proc;
  }
}

async function testcardRun(ctx: BenchContext, settings: EncoderSettings, run: string, windowS: number): Promise<RunResult> {
  const logger = createLogger('bench', { level: 'warn' });
  const registry = new EncoderTapRegistry(logger.child('process'), (s) => s, settings.width * settings.height * 1.5);
  const key = `g2g-${run}`;
  const hlsDir = join(ctx.tmpDir, `g2g-hls-${run}`);
  const card = await TestcardBroadcast.create(ctx, settings, registry, logger, { key, hlsDir, hlsName: 'Local origin', segmentSeconds: DEFAULT_SEGMENT_S });
  const origin = new LocalOrigin({ hlsDir, segmentSeconds: DEFAULT_SEGMENT_S, hlsJsFile: null });
  const { url: playlistUrl } = await origin.start();
  const readers = stripReaders(ctx, ctx.nginx.rtmpUrl(key), playlistUrl, settings.width, 0);
  // The encoder stage: the same reader on the encoder's output, before any output process, nginx or origin.
  const stage = emptyTally();
  const encoderReader = stripReader(ctx, STDIN_INPUT, [], settings.width, 0, stage);
  encoderReader.start();
  registry.tee = (chunk) => encoderReader.feed(chunk);
  // The pacer stage: a frame's strip as it is written into the encoder's stdin.
  const pacerStage = emptyTally();
  registry.written = (frame) => {
    const strip = stripFromCrop(frame, settings.width);
    if (strip === null) pacerStage.unreadable++;
    else pacerStage.latenciesMs.push(stripLatencyMs(defaultClockUs(), strip));
  };
  try {
    await card.start();
    return { ...(await readers.watch(windowS)), clock: null, encoderStage: stage, pacerStage };
  } finally {
    registry.tee = null;
    registry.written = null;
    await encoderReader.stop();
    await readers.stop();
    await card.stop();
    await origin.stop();
  }
}

async function compositorRun(ctx: BenchContext, settings: EncoderSettings, run: string, windowS: number): Promise<RunResult> {
  const size = { width: settings.width, height: settings.height };
  const audio = { gainDb: 0, muted: false, monitor: false };
  const camera = { id: 'strip-camera', name: 'Strip camera', kind: 'camera' as const, settings: { deviceId: null, width: null, height: null }, audio };
  const key = `g2g-ui-${run}`;
  const ui = await openLiveUi(ctx, {
    dir: join(ctx.tmpDir, `g2g-ui-${run}`),
    collection: fullCanvasCollection('Glass-to-glass bench', [{ scene: 'Camera', source: camera }], size),
    size,
    fps: settings.fps,
    bitrateKbps: settings.videoBitrateKbps,
    streamKey: key,
    localOrigin: true,
    initScripts: [initScript(installStripCamera, { ...size, drawMs: CAMERA_DRAW_MS })],
    timeoutMs: UI_STARTUP_BUDGET_MS,
  });
  try {
    const clock = await pageClockOffset(ui.page);
    // The page's strip is on its clock: bench time = page time - offset, so latency = arrival - strip + offset.
    const readers = stripReaders(ctx, ctx.nginx.rtmpUrl(key), ui.playlistUrl, settings.width, clock.offsetMs);
    try {
      return { ...(await readers.watch(windowS)), clock, encoderStage: null, pacerStage: null };
    } finally {
      await readers.stop();
    }
  } finally {
    await ui.close();
  }
}

/** The page's studio clock minus the bench's, ms: read between two readings of ours, the tightest of CLOCK_SAMPLES. */
async function pageClockOffset(page: Page): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: Number.NaN, rttMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < CLOCK_SAMPLES; i++) {
    const before = defaultClockUs() / 1000;
    const pageMs = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = defaultClockUs() / 1000;
    if (after - before < best.rttMs) best = { offsetMs: pageMs - (before + after) / 2, rttMs: after - before };
  }
  return best;
}

interface StripReaders {
  /** Starts the RTMP reader, then the HLS one once the origin lists a segment; resolves windowS after both have settled. */
  watch(windowS: number): Promise<Omit<RunResult, 'clock' | 'encoderStage' | 'pacerStage'>>;
  stop(): Promise<void>;
}

function stripReaders(ctx: BenchContext, rtmpUrl: string, playlistUrl: string, width: number, clockOffsetMs: number): StripReaders {
  const tallies: Record<PathName, LatencyTally> = { rtmp: emptyTally(), hls: emptyTally() };
  const rtmp = stripReader(ctx, rtmpUrl, [], width, clockOffsetMs, tallies.rtmp);
  const hls = stripReader(ctx, playlistUrl, HLS_READER_ARGS, width, clockOffsetMs, tallies.hls);
  return {
    async watch(windowS) {
      // nginx-rtmp holds a play until the publisher appears; the origin answers 404 until a segment exists.
      rtmp.start();
      await waitForListedSegment(playlistUrl);
      hls.start();
      // A reader's first picture waits for a keyframe (up to a keyframe interval) and its probing; the window starts after both have settled.
      await waitUntil(() => rtmp.framesRead > 0 && hls.framesRead > 0, FIRST_FRAME_TIMEOUT_MS, `glass-to-glass: a reader decoded no frame (RTMP ${rtmp.framesRead} frames: ${rtmp.lastWords() || 'no message'}; HLS ${hls.framesRead}: ${hls.lastWords() || 'no message'})`);
      // A reader that ends early keeps what it measured; why it ended goes into the notes
      // (for HLS with what the origin's playlist said then: an ENDLIST means the origin judged the stream stopped).
      const endedEarly: string[] = [];
      let windowOver = false;
      void rtmp.exited.then((why) => windowOver || endedEarly.push(`RTMP: ${why}`));
      void hls.exited.then(async (why) => {
        if (windowOver) return;
        const playlist = await fetch(playlistUrl).then((r) => r.text()).catch((e: unknown) => String(e));
        endedEarly.push(`HLS: ${why}; the origin's playlist then: ${playlistSummary(playlist)}`);
      });
      await new Promise((r) => setTimeout(r, (SETTLE_S + windowS) * 1000));
      windowOver = true;
      return { tallies, framesRead: { rtmp: rtmp.framesRead, hls: hls.framesRead }, endedEarly };
    },
    stop: async () => {
      await Promise.all([rtmp.stop(), hls.stop()]);
    },
  };
}

/** A reader of the strip rows that counts each frame's latency into `t` (none in its first SETTLE_S). */
function stripReader(ctx: BenchContext, input: string, extra: readonly string[], width: number, clockOffsetMs: number, t: LatencyTally): StreamFrameReader {
  let firstUs: number | null = null;
  return new StreamFrameReader(ctx.machine.ffmpegPath, input, { x: 0, y: 0, width, height: TIMESTAMP_STRIP_HEIGHT_PX }, extra, (frame: ReadFrame) => {
    firstUs ??= frame.arrivalUs;
    tally(t, frame, width, clockOffsetMs, frame.arrivalUs - firstUs < SETTLE_S * 1e6);
  });
}

function tally(t: LatencyTally, frame: ReadFrame, width: number, clockOffsetMs: number, settling: boolean): void {
  if (settling) {
    t.settling++;
    return;
  }
  const strip = stripFromCrop(frame.i420, width);
  if (strip === null) t.unreadable++;
  else t.latenciesMs.push(stripLatencyMs(frame.arrivalUs, strip) + clockOffsetMs);
}

/** "N segments, sequence S, ENDLIST" from a media playlist's text, for a note. */
function playlistSummary(text: string): string {
  const segments = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).length;
  const sequence = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? '?';
  return `${segments} segments from sequence ${sequence}${text.includes('#EXT-X-ENDLIST') ? ', ENDLIST' : ''}`;
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
