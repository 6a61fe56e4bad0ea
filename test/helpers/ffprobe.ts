/**
 * Assertions' view of a media file or live URL, read with the real ffprobe:
 * what streams it carries, where its keyframes are, how many frames it has.
 * Every call has a timeout and throws with ffprobe's stderr when it fails.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegPath, ffprobePath, runToolOrThrow } from './ffmpeg-process';

export { ffmpegPath, ffprobePath } from './ffmpeg-process';

/** Enough for ffprobe to connect to a live RTMP stream and analyse a few seconds of it. */
export const PROBE_TIMEOUT_MS = 20_000;
/** Time a capture may take beyond its own length: connecting and waiting for a keyframe. */
const PULL_STARTUP_MARGIN_MS = 15_000;

export interface ProbedVideo {
  codec: string;
  profile: string | undefined;
  width: number;
  height: number;
  /**
   * r_frame_rate when ffprobe knows it, else avg_frame_rate. For the constant
   * frame rate streams we make, r_frame_rate is exact, while avg_frame_rate
   * carries the container's rounding (FLV's millisecond timestamps give 30.3
   * for 30 fps). Both are kept for tests that care.
   */
  fps: number | undefined;
  rFrameRate: number | undefined;
  avgFrameRate: number | undefined;
  pixFmt: string | undefined;
  colorSpace: string | undefined;
  colorRange: string | undefined;
  colorPrimaries: string | undefined;
  colorTransfer: string | undefined;
}

export interface ProbedAudio {
  codec: string;
  profile: string | undefined;
  sampleRate: number;
  channels: number;
}

export interface ProbeResult {
  video: ProbedVideo | undefined;
  audio: ProbedAudio | undefined;
  durationS: number | undefined;
  /** ffprobe's format_name, e.g. 'flv', 'mpegts', 'matroska,webm'. */
  formatName: string;
}

export interface ProbeOptions {
  timeoutMs?: number;
}

/** The first video and first audio stream of a file or URL. */
export async function probeStreams(input: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const json = await ffprobeJson(['-show_streams', '-show_format', input], options);
  const streams = asArray(json['streams']);
  const format = asRecord(json['format']);
  const video = streams.find((stream) => stream['codec_type'] === 'video');
  const audio = streams.find((stream) => stream['codec_type'] === 'audio');
  return {
    video: video === undefined ? undefined : toVideo(video),
    audio: audio === undefined ? undefined : toAudio(audio),
    durationS: optionalNumber(format['duration']),
    formatName: String(format['format_name'] ?? ''),
  };
}

/**
 * Presentation times (s) of the first video stream's keyframe packets, from the
 * packet flags (no decoding). Times are the container's own: an MPEG-TS capture
 * does not start at 0.
 */
export interface VideoPacketTime {
  ptsS: number;
  keyframe: boolean;
}

/** Every packet of the first video stream: its time and whether it is a keyframe, in stream order. */
export async function videoPacketTimes(input: string, options: ProbeOptions = {}): Promise<VideoPacketTime[]> {
  const json = await ffprobeJson(
    ['-select_streams', 'v:0', '-show_entries', 'packet=pts_time,dts_time,flags', input],
    options,
  );
  return asArray(json['packets'])
    .map((packet) => ({ ptsS: optionalNumber(packet['pts_time']) ?? optionalNumber(packet['dts_time']), keyframe: String(packet['flags'] ?? '').startsWith('K') }))
    .filter((p): p is VideoPacketTime => p.ptsS !== undefined);
}

export async function keyframeTimes(input: string, options: ProbeOptions = {}): Promise<number[]> {
  return (await videoPacketTimes(input, options)).filter((p) => p.keyframe).map((p) => p.ptsS);
}

/**
 * Frames in the first video stream. By default counts packets (one H.264 access
 * unit each, fast); `decode: true` decodes and counts frames, which also proves
 * they decode.
 */
export async function frameCount(input: string, options: ProbeOptions & { decode?: boolean } = {}): Promise<number> {
  const [flag, field] = options.decode ? ['-count_frames', 'nb_read_frames'] : ['-count_packets', 'nb_read_packets'];
  const json = await ffprobeJson(['-select_streams', 'v:0', flag, '-show_entries', `stream=${field}`, input], options);
  const count = optionalNumber(asArray(json['streams'])[0]?.[field]);
  if (count === undefined) throw new Error(`ffprobe reported no ${field} for ${input}`);
  return count;
}

export interface PullOptions {
  /** Where to write capture.ts; a fresh temp dir (the caller removes it) by default. */
  outDir?: string;
  timeoutMs?: number;
}

/**
 * Captures `seconds` of a live stream (stream copy, no re-encode) into an
 * MPEG-TS file and returns its path. Starts when the stream has data; an RTMP
 * play of a key nobody publishes waits, so the timeout bounds that too.
 */
export async function pullFrames(url: string, seconds: number, options: PullOptions = {}): Promise<string> {
  const dir = options.outDir ?? (await mkdtemp(join(tmpdir(), 'onair-pull-')));
  const path = join(dir, 'capture.ts');
  const timeoutMs = options.timeoutMs ?? seconds * 1000 + PULL_STARTUP_MARGIN_MS;
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', url];
  await runToolOrThrow(ffmpegPath(), [...args, '-c', 'copy', '-t', String(seconds), '-f', 'mpegts', path], timeoutMs);
  return path;
}

type Json = Record<string, unknown>;

async function ffprobeJson(args: readonly string[], options: ProbeOptions): Promise<Json> {
  const { stdout } = await runToolOrThrow(
    ffprobePath(),
    ['-v', 'error', '-of', 'json', ...args],
    options.timeoutMs ?? PROBE_TIMEOUT_MS,
  );
  return asRecord(JSON.parse(stdout));
}

function toVideo(stream: Json): ProbedVideo {
  const rFrameRate = rational(stream['r_frame_rate']);
  const avgFrameRate = rational(stream['avg_frame_rate']);
  return {
    codec: String(stream['codec_name'] ?? ''),
    profile: optionalString(stream['profile']),
    width: Number(stream['width'] ?? 0),
    height: Number(stream['height'] ?? 0),
    fps: rFrameRate ?? avgFrameRate,
    rFrameRate,
    avgFrameRate,
    pixFmt: optionalString(stream['pix_fmt']),
    colorSpace: optionalString(stream['color_space']),
    colorRange: optionalString(stream['color_range']),
    colorPrimaries: optionalString(stream['color_primaries']),
    colorTransfer: optionalString(stream['color_transfer']),
  };
}

function toAudio(stream: Json): ProbedAudio {
  return {
    codec: String(stream['codec_name'] ?? ''),
    profile: optionalString(stream['profile']),
    sampleRate: Number(stream['sample_rate'] ?? 0),
    channels: Number(stream['channels'] ?? 0),
  };
}

/** "30000/1001" -> 29.97; "0/0" (unknown) -> undefined. */
function rational(value: unknown): number | undefined {
  const [num, den] = String(value ?? '').split('/').map(Number);
  if (num === undefined || den === undefined || !Number.isFinite(num) || !den) return undefined;
  return num / den || undefined;
}

function optionalNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === 'N/A') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== 'unknown' ? value : undefined;
}

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}
