/**
 * `encode-speed`: how fast each working video encoder runs here, as x realtime
 * (media seconds / wall seconds), on the pre-rendered test card read from a raw
 * file as fast as ffmpeg can (no -re), video only, to the null muxer. Arguments
 * come from buildVideoEncoderArgs, so it is the broadcast's own encode. A live
 * broadcast needs at least 1.0x; the margin above it is headroom for the rest of
 * the machine.
 *
 * Wall time is from spawn to exit, so it includes ffmpeg's start (about 0.1 s, a
 * few per cent of a 300-frame run): the figure errs on the slow side.
 */
import { spawn } from 'node:child_process';
import { buildVideoEncoderArgs } from '../../main/engine/probe';
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings } from '../../main/engine/types';
import type { BenchContext, Measurement } from './bench-context';
import { fmt, type Figure, type MeasurementResult } from './bench-report';

/** Frames per encode (10 s at 30 fps); a smoke run uses SMOKE_FRAMES. */
const FRAMES = 300;
const SMOKE_FRAMES = 30;
/** Twitch's and YouTube's recommended rates for these sizes at 30 fps, kb/s. */
const SIZES: ReadonlyArray<{ label: string; width: number; height: number; bitrateKbps: number }> = [
  { label: '720p30', width: 1280, height: 720, bitrateKbps: 4500 },
  { label: '1080p30', width: 1920, height: 1080, bitrateKbps: 6000 },
];
const FPS = 30;
const REALTIME = 1;
/** No encoder is this slow on a working machine; a hung one is killed. */
const ENCODE_TIMEOUT_MS = 120_000;

export const encodeSpeed: Measurement = {
  name: 'encode-speed',
  async run(ctx: BenchContext): Promise<MeasurementResult> {
    const measuredAt = new Date().toISOString();
    const frames = ctx.smoke ? SMOKE_FRAMES : FRAMES;
    const figures: Figure[] = [];
    const notes: string[] = [];
    const encoders = ctx.probe.encoders.filter((e) => e.works === true).map((e) => e.name);
    for (const encoder of encoders) {
      for (const size of SIZES) {
        const settings: EncoderSettings = { ...DEFAULT_ENCODER_SETTINGS, width: size.width, height: size.height, fps: FPS, videoBitrateKbps: size.bitrateKbps, encoder };
        const media = await ctx.media.get(settings, frames);
        const args = encodeArgs(settings, media.videoFile, frames);
        const samples: number[] = [];
        for (let i = 0; i < ctx.runs; i++) {
          ctx.progress(`encode-speed: ${encoder} ${size.label} ${i + 1}/${ctx.runs}`);
          const wallS = await timeEncode(ctx.machine.ffmpegPath, args);
          samples.push(frames / FPS / wallS);
        }
        figures.push({ name: `encode-speed: ${encoder} ${size.label}`, unit: 'x', samples, target: { op: '>=', value: REALTIME } });
        if (size === SIZES[0]) notes.push(`- Command (${encoder}, ${size.label}): \`ffmpeg ${args.join(' ').split(ctx.tmpDir).join('$TMP')}\``);
      }
    }
    notes.unshift(
      `${frames} frames per encode, ${ctx.runs} run(s) each, encoders that passed the probe's trial: ${encoders.join(', ')}.`,
      `Speed = ${frames / FPS} media s / wall s from spawn to exit. Target ${fmt(REALTIME)}x: a live encode must at least keep up.`,
      '',
    );
    return { name: 'encode-speed', measuredAt, figures, notes, harness: ['- encode-speed: the harness only spawns each encode and waits for its exit.'] };
  },
};

function encodeArgs(settings: EncoderSettings, videoFile: string, frames: number): string[] {
  const video = buildVideoEncoderArgs(settings);
  return [
    '-hide_banner', '-nostats', '-loglevel', 'error',
    ...video.preInputArgs,
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${settings.width}x${settings.height}`, '-framerate', String(settings.fps),
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-i', videoFile,
    '-frames:v', String(frames),
    ...(video.filter ? ['-vf', video.filter] : []),
    ...video.outputArgs,
    '-an', '-f', 'null', '-',
  ];
}

async function timeEncode(ffmpegPath: string, args: string[]): Promise<number> {
  const startedAt = performance.now();
  const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), ENCODE_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`encode failed (exit ${code}): ${stderr.slice(-1000)}`);
  return (performance.now() - startedAt) / 1000;
}
