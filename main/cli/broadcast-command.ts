/**
 * `onair broadcast`: a headless broadcast through the same engine path the studio
 * uses: a producer (test card or media file) pushes frames and audio into the
 * Broadcast, which paces, encodes once and fans out to every output.
 *
 * Exit codes: 0 after --duration or Ctrl-C (the recording is finalised either way);
 * 2 for bad usage; 3 when an output failed for good (the others kept going until
 * the end, unless every output failed).
 */
import { appendFile, mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HealthSnapshot } from '../../preload/contract/health';
import { Broadcast } from '../engine/broadcast';
import type { Logger } from '../engine/logger';
import { defaultClockUs } from '../engine/pacer/pacer-types';
import { locateFfmpeg, probeFfmpeg, selectEncoder, encoderDisplayName } from '../engine/probe';
import type { ProcessRegistry } from '../engine/process/process-registry';
import type { SecretRegistry } from '../engine/redact';
import { FileSource } from '../engine/sources/file-source';
import { FramePool } from '../engine/sources/frame-pool';
import { i420FrameBytes } from '../engine/sources/media-source';
import type { MediaSource } from '../engine/sources/media-source';
import { TestcardSource } from '../engine/sources/testcard';
import type { EncoderSettings } from '../engine/types';
import { parseBroadcastArgs } from './broadcast-args';
import { cacheDir } from './cache-dir';
import type { CliIo } from './cli-io';
import { formatStatusLine } from './status-line';

/** Plain (non-terminal) status lines are printed this often, in health snapshots. */
const PLAIN_STATUS_EVERY = 5;

export interface BroadcastCommandDeps {
  io: CliIo;
  logger: Logger;
  registry: ProcessRegistry;
  secrets: SecretRegistry;
  /** Resolves when the user asks to stop (Ctrl-C). */
  interrupted: Promise<void>;
}

export async function broadcastCommand(argv: string[], deps: BroadcastCommandDeps): Promise<number> {
  const { io, logger, registry, secrets } = deps;
  const args = parseBroadcastArgs(argv);
  for (const o of args.outputs) if ('url' in o) secrets.addUrl(o.url);

  const located = locateFfmpeg();
  let encoder = args.encoder;
  let hardware = false;
  if (encoder === 'auto' || encoder !== 'libx264') {
    const report = await probeFfmpeg(located.ffmpegPath, { cacheDir: cacheDir(), logger });
    const selection = selectEncoder(report, args.encoder);
    encoder = selection.name;
    hardware = selection.hardware;
    io.err(`encoder: ${encoderDisplayName(encoder)}: ${selection.reason}`);
  }
  const settings: EncoderSettings = {
    width: args.width,
    height: args.height,
    fps: args.fps,
    videoBitrateKbps: args.bitrateKbps,
    keyframeIntervalS: args.keyintS,
    audioBitrateKbps: 160,
    encoder,
    path: 'raw',
  };

  for (const o of args.outputs) {
    if (o.kind === 'hls') {
      await rm(o.dir, { recursive: true, force: true });
      await mkdir(o.dir, { recursive: true });
    }
    if (o.kind === 'record') await mkdir(dirname(o.file), { recursive: true });
  }
  if (args.statsJson) await mkdir(dirname(args.statsJson), { recursive: true });

  const clockUs = defaultClockUs;
  const broadcast = new Broadcast({ ffmpegPath: located.ffmpegPath, registry, logger, clockUs }, { settings, hardware });
  const format = { width: settings.width, height: settings.height, fps: settings.fps };
  const source: MediaSource =
    args.source === 'testcard'
      ? new TestcardSource(format, { now: clockUs })
      : new FileSource(args.source.file, format, { ffmpegPath: located.ffmpegPath, ffprobePath: located.ffprobePath ?? undefined, now: clockUs, logger });

  let sourceError: Error | null = null;
  let snapshots = 0;
  const failed = new Map<string, string>();
  let resolveAllFailed: () => void = () => {};
  const allFailed = new Promise<void>((r) => (resolveAllFailed = r));

  broadcast.on('output', (o) => {
    if (o.state === 'failed' && !failed.has(o.id)) {
      failed.set(o.id, o.lastError ?? 'failed');
      io.err(`output '${o.name}' failed: ${o.lastError}`);
      if (failed.size === args.outputs.length) resolveAllFailed();
    } else if (o.state === 'live') io.err(`output '${o.name}' is live`);
    else if (o.state === 'reconnecting' && o.lastError) io.err(`output '${o.name}' is reconnecting: ${o.lastError}`);
  });
  broadcast.on('health', (h: HealthSnapshot) => {
    snapshots++;
    if (io.isTty || snapshots % PLAIN_STATUS_EVERY === 0) io.status(formatStatusLine(h));
    if (args.statsJson) void appendFile(args.statsJson, `${JSON.stringify(h)}\n`);
  });

  const startedAt = Date.now();
  await broadcast.start(args.outputs);
  // Sources reuse their few buffers; the engine may hold a frame longer, so frames
  // are copied into pooled buffers it hands back when done.
  const pool = new FramePool(i420FrameBytes(settings.width, settings.height));
  await source.start({
    video: (f) => {
      const { data, release } = pool.copy(f.data);
      broadcast.pushVideoFrame(data, f.timestampUs, release);
    },
    audio: (a) => broadcast.pushAudio(Uint8Array.prototype.slice.call(a.data), a.timestampUs),
    error: (err) => {
      sourceError = err;
      resolveAllFailed();
    },
  });
  io.err(`broadcasting ${source.name} at ${settings.width}x${settings.height} ${settings.fps} fps to ${args.outputs.map((o) => o.name).join(', ')}`);

  const timers: Array<Promise<void>> = [deps.interrupted, allFailed];
  if (args.durationS !== null) timers.push(new Promise((r) => setTimeout(r, args.durationS! * 1000)));
  await Promise.race(timers);

  io.err('stopping: finishing the outputs and the recording...');
  await source.stop();
  const last = await broadcast.buildSnapshot();
  await broadcast.stop();
  if (args.statsJson) await appendFile(args.statsJson, `${JSON.stringify({ ...last, state: 'offline' })}\n`);
  io.out(`stopped after ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${formatStatusLine(last)}`);
  if (sourceError) {
    io.err(`the source failed: ${(sourceError as Error).message}`);
    return 3;
  }
  if (failed.size > 0) {
    for (const [id, reason] of failed) io.err(`output ${id} failed: ${reason}`);
    return 3;
  }
  return 0;
}
