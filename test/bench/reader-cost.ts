/**
 * The latency readers' own delay, measured rather than assumed: the same reader
 * (stream-frame-reader.ts readerArgs: low-delay decode, crop, raw out) run over
 * an offline encode of the test card with the bench's encoder settings, timed
 * per frame. With no-wait input (a file), a frame leaves the reader this long
 * after its bytes arrive, at best; on a live stream the reader waits on the
 * network instead, so this is its share of every latency figure.
 */
import { join } from 'node:path';
import { buildVideoEncoderArgs } from '../../main/engine/probe/encoder-args';
import type { EncoderSettings } from '../../main/engine/types';
import { runToolOrThrow } from '../helpers/ffmpeg-process';
import type { BenchContext } from './bench-context';
import { readerArgs, type CropRect } from './stream-frame-reader';

/** Five seconds at 30 fps: ffmpeg's start-up (tens of ms) spread thin. */
const COST_FRAMES = 150;
const ENCODE_TIMEOUT_MS = 120_000;

/** Wall-clock ms per frame for the reader to decode, crop and write one frame of `settings`' stream. */
export async function readerMsPerFrame(ctx: BenchContext, settings: EncoderSettings, crop: CropRect): Promise<number> {
  const { width, height, fps } = settings;
  const files = await ctx.media.get({ width, height, fps }, COST_FRAMES);
  const encoded = join(ctx.tmpDir, `reader-cost-${width}x${height}.ts`);
  const enc = buildVideoEncoderArgs(settings);
  await runToolOrThrow(
    ctx.machine.ffmpegPath,
    [
      '-y', '-hide_banner', '-loglevel', 'error', ...enc.preInputArgs,
      '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${width}x${height}`, '-framerate', String(fps), '-i', files.videoFile,
      '-frames:v', String(COST_FRAMES), ...(enc.filter ? ['-vf', enc.filter] : []), ...enc.outputArgs, '-f', 'mpegts', encoded,
    ],
    ENCODE_TIMEOUT_MS,
  );
  const t0 = performance.now();
  await runToolOrThrow(ctx.machine.ffmpegPath, readerArgs(encoded, crop), ENCODE_TIMEOUT_MS);
  return (performance.now() - t0) / COST_FRAMES;
}
