/**
 * `go-live`: from Broadcast.start() to what a viewer can get, in process, the way
 * the studio calls it (test card pushed into a Broadcast with an RTMP output to
 * nginx-rtmp and an HLS output to a temp folder).
 *
 * - RTMP: pullers (`ffmpeg -i rtmp://... -frames:v 1 -f null -`) are spawned just
 *   before start(); nginx-rtmp holds a play until the publisher appears, so a puller
 *   exits 0 once it has decoded the first video frame. Time = its exit. Two pullers
 *   run side by side: one with `-fpsprobesize 0` (the judged figure: it stops
 *   probing once both streams are known) and one with ffmpeg's defaults, which
 *   first reads 20 frames (0.67 s at 30 fps) to guess the frame rate: the player's
 *   own delay, shown for context. (A tiny -probesize is no way out: the puller then
 *   sees only the audio, which comes first in FLV, and never maps a video stream.)
 * - Stages, for finding what limits the total: the encoder's first MPEG-TS bytes
 *   (a registry subclass watches each process's stdout) and the RTMP output's
 *   'live' event (its ffmpeg's first progress, once publishing).
 * - HLS: the playlist is polled every PLAYLIST_POLL_MS until it lists a segment.
 *   The first segment can only close at the first keyframe after HLS_SEGMENT_S,
 *   so its target is the segment length + HLS_MARGIN_S.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../../main/engine/logger';
import { ProcessRegistry, type ManagedProcess, type SpawnSpec } from '../../main/engine/process/process-registry';
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings } from '../../main/engine/types';
import type { BenchContext, Measurement } from './bench-context';
import { TestcardBroadcast } from './testcard-broadcast';
import { fmt, median, type MeasurementResult } from './bench-report';

const GO_LIVE_RUNS = 5;
export const RTMP_TARGET_S = 1;
/** The CLI's HLS segment length (broadcast-args.ts), s. */
const HLS_SEGMENT_S = 2;
/** Allowed beyond one segment for the segment to be written and listed, s. */
const HLS_MARGIN_S = 0.5;
/** Resolution of the HLS figure; one small file read each time. */
const PLAYLIST_POLL_MS = 20;
/** Longer than this is a failure, not a slow start. */
const FIRST_FRAME_TIMEOUT_MS = 20_000;
/** ffmpeg's own frame-rate probe (20 frames) is the player's delay, not the engine's. */
const FAST_PULL_ARGS = ['-fpsprobesize', '0'];
const ENCODER_PROCESS_NAME = 'encoder';

export const goLive: Measurement = {
  name: 'go-live',
  async run(ctx: BenchContext): Promise<MeasurementResult> {
    const measuredAt = new Date().toISOString();
    const settings: EncoderSettings = { ...DEFAULT_ENCODER_SETTINGS, encoder: ctx.machine.encoder };
    const runs = ctx.smoke ? 1 : Math.max(ctx.runs, GO_LIVE_RUNS);
    const r: GoLiveRun[] = [];
    for (let i = 0; i < runs; i++) {
      ctx.progress(`go-live ${i + 1}/${runs}`);
      r.push(await oneGoLive(ctx, settings, i));
    }
    const rtmp = r.map((x) => x.rtmpS);
    const stage = (pick: (x: GoLiveRun) => number | null): number[] => r.map(pick).filter((v): v is number => v !== null);
    const hlsTarget = HLS_SEGMENT_S + HLS_MARGIN_S;
    return {
      name: 'go-live',
      measuredAt,
      figures: [
        { name: 'go-live: start() to first RTMP frame decoded', unit: 's', samples: rtmp, target: { op: '<', value: RTMP_TARGET_S } },
        { name: 'go-live: stage: encoder first TS bytes', unit: 's', samples: stage((x) => x.encoderFirstBytesS), target: null },
        { name: 'go-live: stage: RTMP output live', unit: 's', samples: stage((x) => x.outputLiveS), target: null },
        { name: 'go-live: same, puller with default probing', unit: 's', samples: r.map((x) => x.rtmpDefaultProbeS), target: null },
        { name: `go-live: start() to first HLS segment listed (${HLS_SEGMENT_S} s segments)`, unit: 's', samples: r.map((x) => x.hlsS), target: { op: '<=', value: hlsTarget } },
      ],
      notes: [
        `${runs} run(s), ${settings.width}x${settings.height} ${settings.fps} fps ${settings.encoder}, keyframe every ${settings.keyframeIntervalS} s, both outputs on one broadcast (a fresh stream key and HLS folder per run).`,
        `- RTMP puller (judged): \`ffmpeg ${FAST_PULL_ARGS.join(' ')} -i rtmp://127.0.0.1:PORT/live/KEY -frames:v 1 -f null -\`, spawned just before start(); time = its exit (0). Max ${fmt(Math.max(...rtmp))} s. A second puller without \`${FAST_PULL_ARGS.join(' ')}\` runs beside it (context row): ffmpeg's default frame-rate probe reads 20 frames first.`,
        `- Stages (medians): encoder's first MPEG-TS bytes on stdout ${fmt(median(stage((x) => x.encoderFirstBytesS)))} s; RTMP output 'live' (its ffmpeg publishing, first progress) ${fmt(median(stage((x) => x.outputLiveS)))} s; the rest is nginx-rtmp relaying and the puller decoding.`,
        `- HLS: playlist polled every ${PLAYLIST_POLL_MS} ms for a segment line; target = segment length ${HLS_SEGMENT_S} s + ${HLS_MARGIN_S} s.`,
      ],
      harness: [`- go-live: the harness runs in the engine's process; while waiting it only polls the HLS playlist every ${PLAYLIST_POLL_MS} ms and waits on the pullers' exits.`],
    };
  },
};

interface GoLiveRun {
  rtmpS: number;
  rtmpDefaultProbeS: number;
  hlsS: number;
  encoderFirstBytesS: number | null;
  outputLiveS: number | null;
}

/** The engine's own registry, noting when each process first writes to stdout. */
class FirstBytesRegistry extends ProcessRegistry {
  readonly firstBytesAt = new Map<string, number>();

  override spawn(spec: SpawnSpec): ManagedProcess {
    const proc = super.spawn(spec);
    proc.stdout?.once('data', () => {
      if (!this.firstBytesAt.has(spec.name)) this.firstBytesAt.set(spec.name, performance.now());
    });
    return proc;
  }
}

async function oneGoLive(ctx: BenchContext, settings: EncoderSettings, run: number): Promise<GoLiveRun> {
  const logger = createLogger('bench', { level: 'warn' });
  const registry = new FirstBytesRegistry(logger.child('process'), (s) => s);
  const key = `golive-${run}`;
  const hlsDir = join(ctx.tmpDir, `golive-hls-${run}`);
  const card = await TestcardBroadcast.create(ctx, settings, registry, logger, { key, hlsDir, hlsName: 'HLS', segmentSeconds: HLS_SEGMENT_S });

  const fast = startPuller(ctx.machine.ffmpegPath, ctx.nginx.rtmpUrl(key), FAST_PULL_ARGS);
  const plain = startPuller(ctx.machine.ffmpegPath, ctx.nginx.rtmpUrl(key), []);
  const t0 = performance.now();
  const since = (): number => (performance.now() - t0) / 1000;
  let outputLiveS: number | null = null;
  card.broadcast.on('output', (o) => {
    if (o.id === 'rtmp' && o.state === 'live' && outputLiveS === null) outputLiveS = since();
  });
  try {
    await card.start();
    const [rtmpS, rtmpDefaultProbeS, hlsS] = await Promise.all([fast.exited.then(since), plain.exited.then(since), waitForSegment(join(hlsDir, 'index.m3u8')).then(since)]);
    const encoderAt = registry.firstBytesAt.get(ENCODER_PROCESS_NAME);
    return { rtmpS, rtmpDefaultProbeS, hlsS, outputLiveS, encoderFirstBytesS: encoderAt === undefined ? null : (encoderAt - t0) / 1000 };
  } finally {
    // SIGKILL: a puller blocked on a stream that never comes ignores a single SIGTERM.
    fast.kill();
    plain.kill();
    await card.stop();
  }
}

interface Puller {
  /** Resolves when it exits 0 (a frame decoded); rejects on failure or after FIRST_FRAME_TIMEOUT_MS. */
  exited: Promise<void>;
  kill(): void;
}

function startPuller(ffmpegPath: string, url: string, extraArgs: string[]): Puller {
  const child = spawn(ffmpegPath, ['-hide_banner', '-loglevel', 'error', ...extraArgs, '-i', url, '-frames:v', '1', '-f', 'null', '-'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), FIRST_FRAME_TIMEOUT_MS);
  const exited = new Promise<void>((resolve, reject) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`the RTMP puller (${extraArgs.join(' ') || 'default probing'}) exited ${code}: ${stderr.slice(-500)}`));
    }),
  );
  exited.catch(() => undefined); // handled by the caller's Promise.all; this keeps an early failure from being "unhandled"
  return {
    exited,
    kill: () => {
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

async function waitForSegment(playlist: string): Promise<void> {
  const deadline = performance.now() + FIRST_FRAME_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const text = await readFile(playlist, 'utf8').catch(() => '');
    if (text.split('\n').some((line) => line.trim() !== '' && !line.startsWith('#'))) return;
    await new Promise((r) => setTimeout(r, PLAYLIST_POLL_MS));
  }
  throw new Error(`no segment in ${playlist} after ${FIRST_FRAME_TIMEOUT_MS} ms`);
}
