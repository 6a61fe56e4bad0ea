/**
 * What the fault tests check in media a broadcast left behind: every part of a
 * recording and their total length, the video packet times of a file (for gaps),
 * how loud a stretch of audio is, and which frames of a capture show the test
 * card (with its timestamp strip), the be-right-back slate, or something else.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { decodeTimestampStrip } from '../../main/engine/sources/testcard';
import { ffmpegPath, ffprobePath, runToolOrThrow } from './ffmpeg-process';
import { probeStreams, PROBE_TIMEOUT_MS } from './ffprobe';

/** The slate's background luma (main/engine/sources/slate.ts BACKGROUND_Y), ± encoding error. */
const SLATE_LUMA = 32;
const SLATE_LUMA_TOLERANCE = 8;
/** The corner the slate leaves plain (no text there), px. */
const SLATE_PROBE_PX = 64;
/** A whole slate frame is dark (its text is a small share); the test card's bars and ramp average over 100. */
const SLATE_MAX_MEAN_LUMA = 90;
const DECODE_TIMEOUT_MS = 60_000;

/** The recording and its -partN files, in order, that exist on disk. */
export async function recordingParts(file: string): Promise<string[]> {
  const ext = extname(file);
  const stem = basename(file, ext);
  const names = await readdir(dirname(file));
  const parts = names
    .map((n) => ({ n, m: n === `${stem}${ext}` ? 1 : Number(new RegExp(`^${stem}-part(\\d+)${ext.replace('.', '\\.')}$`).exec(n)?.[1] ?? NaN) }))
    .filter((p) => Number.isFinite(p.m))
    .sort((a, b) => a.m - b.m);
  return parts.map((p) => join(dirname(file), p.n));
}

/** Total media length of the parts, s. */
export async function totalDurationS(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const f of files) total += (await probeStreams(f)).durationS ?? 0;
  return total;
}

/** Presentation times of every packet of the first video stream, s, in file order. */
export async function videoPacketTimes(input: string): Promise<number[]> {
  const { stdout } = await runToolOrThrow(ffprobePath(), ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', input], PROBE_TIMEOUT_MS);
  return csvRows(stdout).map(([t]) => t!);
}

/** Average video bitrate of a file from its packet sizes and times, kb/s. */
export async function videoBitrateKbps(input: string): Promise<number> {
  const { stdout } = await runToolOrThrow(ffprobePath(), ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,size', '-of', 'csv=p=0', input], PROBE_TIMEOUT_MS);
  // ffprobe lists the fields in its own order: pts_time before size.
  const packets = csvRows(stdout).filter((row) => row.length >= 2) as Array<[number, number]>;
  if (packets.length < 2) throw new Error(`too few video packets in ${input}`);
  const times = packets.map(([t]) => t);
  const spanS = Math.max(...times) - Math.min(...times);
  const bytes = packets.slice(0, -1).reduce((sum, [, size]) => sum + size, 0);
  return (bytes * 8) / spanS / 1000;
}

/**
 * ffprobe's csv=p=0 lines ("1.421333,2532," with blank side-data lines between),
 * as rows of numbers; rows with a field that is not a number (N/A) are left out.
 */
function csvRows(text: string): number[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(',').filter((f) => f !== ''))
    .filter((fields) => fields.length > 0)
    .map((fields) => fields.map(Number))
    .filter((row) => row.every(Number.isFinite));
}

/** Largest step between consecutive sorted times. */
export function largestGap(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i]! - sorted[i - 1]!);
  return gap;
}

/** Peak |sample| of the first audio stream between fromS and toS (from the file's start), as a share of full scale. */
export async function audioPeak(input: string, fromS: number, toS: number): Promise<number> {
  const pcm = await decodeAll(['-v', 'error', '-nostdin', '-ss', String(fromS), '-to', String(toS), '-i', input, '-map', '0:a:0', '-ac', '1', '-ar', '48000', '-f', 's16le', 'pipe:1']);
  let peak = 0;
  for (let i = 0; i + 1 < pcm.length; i += 2) peak = Math.max(peak, Math.abs(pcm.readInt16LE(i)));
  return peak / 32768;
}

export type FrameKind = { kind: 'card'; timestampMs: number } | { kind: 'slate' } | { kind: 'other' };

/** Decodes the first video stream (at width x height, its own size) and says what each frame shows, in order. */
export async function classifyFrames(input: string, width: number, height: number): Promise<FrameKind[]> {
  // I420 as it is (a conversion to gray would stretch limited-range luma), then only its Y plane is read.
  const frameBytes = width * height * 1.5;
  const kinds: FrameKind[] = [];
  let pending: Buffer = Buffer.alloc(0);
  await decodeAll(['-v', 'error', '-nostdin', '-i', input, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'], (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= frameBytes) {
      kinds.push(classify(new Uint8Array(pending.buffer, pending.byteOffset, width * height), width, height));
      pending = pending.subarray(frameBytes);
    }
  });
  return kinds;
}

function classify(y: Uint8Array, width: number, height: number): FrameKind {
  let corner = 0;
  for (let r = 0; r < SLATE_PROBE_PX; r++) for (let c = 0; c < SLATE_PROBE_PX; c++) corner += y[r * width + c]!;
  corner /= SLATE_PROBE_PX * SLATE_PROBE_PX;
  let all = 0;
  for (let i = 0; i < width * height; i += 7) all += y[i]!;
  all /= Math.ceil((width * height) / 7);
  if (Math.abs(corner - SLATE_LUMA) <= SLATE_LUMA_TOLERANCE && all < SLATE_MAX_MEAN_LUMA) return { kind: 'slate' };
  const ts = decodeTimestampStrip(y, width, height);
  return ts === null ? { kind: 'other' } : { kind: 'card', timestampMs: ts };
}

/** Runs ffmpeg to the end; returns stdout (or streams it to onChunk and returns nothing useful). */
function decodeAll(args: string[], onChunk?: (chunk: Buffer) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), DECODE_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => (onChunk ? onChunk(c) : chunks.push(c)));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new Error(`ffmpeg ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}
