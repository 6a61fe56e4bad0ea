/**
 * Per-family video encoder arguments (pure). One function turns EncoderSettings into
 * the pieces an ffmpeg command needs, so the probe's trial encode and the real encode
 * run with exactly the same options: an encoder that passed its trial is known to
 * accept what the broadcast will ask of it.
 *
 * Every family gets the DESIGN "Encoder defaults": CBR at the chosen bitrate with a
 * one-second buffer, a keyframe every keyframeIntervalS seconds (closed GOP, forced
 * as IDR by time so every family honours it), no B-frames, H.264 High profile, and
 * BT.709 limited-range colour tags. Only options each encoder actually has are
 * passed: newer ffmpeg rejects unknown encoder options instead of warning.
 */
import { EngineError } from '../errors';
import type { EncoderSettings } from '../types';

export type EncoderFamily =
  | 'x264'
  | 'x265'
  | 'nvenc'
  | 'qsv'
  | 'amf'
  | 'videotoolbox'
  | 'vaapi'
  | 'mf'
  | 'svtav1'
  | 'aom'
  | 'unknown';

export type VideoCodec = 'h264' | 'hevc' | 'av1';

/** Hardware families in the order auto-selection prefers them (best first). */
export const HARDWARE_FAMILIES = ['nvenc', 'qsv', 'amf', 'videotoolbox', 'vaapi', 'mf'] as const;
export type HardwareFamily = (typeof HARDWARE_FAMILIES)[number];

export const VIDEO_CODECS: readonly VideoCodec[] = ['h264', 'hevc', 'av1'];

/** The software encoder of each codec, by its ffmpeg name. */
export const SOFTWARE_ENCODERS: Readonly<Record<VideoCodec, string>> = {
  h264: 'libx264',
  hevc: 'libx265',
  av1: 'libsvtav1',
};

/** The render node VA-API uses on a single-GPU Linux machine. */
export const DEFAULT_VAAPI_DEVICE = '/dev/dri/renderD128';

/** VBV buffer in seconds of bitrate: one second keeps CBR tight for live ingest. */
const BUFFER_SECONDS = 1;

const SOFTWARE_FAMILY_BY_NAME: Readonly<Record<string, { family: EncoderFamily; codec: VideoCodec }>> = {
  libx264: { family: 'x264', codec: 'h264' },
  libx265: { family: 'x265', codec: 'hevc' },
  libsvtav1: { family: 'svtav1', codec: 'av1' },
  'libaom-av1': { family: 'aom', codec: 'av1' },
};

// Hardware encoders are named <codec>_<family suffix> (h264_nvenc, hevc_vaapi, av1_qsv).
const HARDWARE_NAME = /^(h264|hevc|av1)_(nvenc|qsv|amf|videotoolbox|vaapi|mf)$/;

export function encoderFamily(name: string): EncoderFamily {
  const software = SOFTWARE_FAMILY_BY_NAME[name];
  if (software) return software.family;
  const match = HARDWARE_NAME.exec(name);
  return match?.[2] ? (match[2] as HardwareFamily) : 'unknown';
}

/** The codec an encoder produces, or null for encoders we have no recipe for. */
export function encoderCodec(name: string): VideoCodec | null {
  const software = SOFTWARE_FAMILY_BY_NAME[name];
  if (software) return software.codec;
  const match = HARDWARE_NAME.exec(name);
  return match?.[1] ? (match[1] as VideoCodec) : null;
}

export function isHardwareFamily(family: EncoderFamily): family is HardwareFamily {
  return (HARDWARE_FAMILIES as readonly string[]).includes(family);
}

export function hardwareEncoderName(codec: VideoCodec, family: HardwareFamily): string {
  return `${codec}_${family}`;
}

export interface VideoEncoderArgs {
  /** Global options that must come before the first -i (hardware device setup). */
  preInputArgs: string[];
  /** Appended to the video filter chain (pixel format, upload to the GPU); null when none is needed. */
  filter: string | null;
  /** Output options for the video stream, starting with -c:v. */
  outputArgs: string[];
}

export interface VideoEncoderArgsOptions {
  /** VA-API render node; defaults to DEFAULT_VAAPI_DEVICE. */
  vaapiDevice?: string;
}

export function buildVideoEncoderArgs(settings: EncoderSettings, options: VideoEncoderArgsOptions = {}): VideoEncoderArgs {
  validateSettings(settings);
  const name = settings.encoder;
  const family = encoderFamily(name);
  const codec = encoderCodec(name);
  if (family === 'unknown' || codec === null) {
    throw new EngineError(
      'ENCODER_UNAVAILABLE',
      `OnAir does not know how to set up the video encoder "${name}". Choose another encoder in Settings.`,
      `no argument recipe for encoder ${name}`,
    );
  }
  const recipe = FAMILY_RECIPES[family]({ settings, codec, vaapiDevice: options.vaapiDevice ?? DEFAULT_VAAPI_DEVICE });
  return {
    preInputArgs: recipe.preInputArgs ?? [],
    filter: recipe.filter ?? null,
    outputArgs: ['-c:v', name, ...recipe.args, ...gopArgs(settings, recipe), ...(recipe.pixFmt ? ['-pix_fmt', recipe.pixFmt] : []), ...COLOUR_ARGS],
  };
}

/** Tags the stream as what the engine feeds it: BT.709, limited range (DESIGN "Formats on the wire"). */
const COLOUR_ARGS: readonly string[] = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

interface RecipeInput {
  settings: EncoderSettings;
  codec: VideoCodec;
  vaapiDevice: string;
}

interface Recipe {
  args: string[];
  preInputArgs?: string[];
  filter?: string;
  /** -pix_fmt for encoders fed from system memory; hardware paths convert in `filter` instead. */
  pixFmt?: string;
  /** The encoder's own switch that makes a forced keyframe an IDR (a plain I-frame is no join point). */
  forcedIdr?: string[];
}

function kbps(value: number): string {
  return `${Math.round(value)}k`;
}

/** -b:v, -maxrate and -bufsize: CBR at the target with a BUFFER_SECONDS buffer. */
function cbrRate(settings: EncoderSettings, withMaxrate = true): string[] {
  const rate = kbps(settings.videoBitrateKbps);
  const buffer = kbps(settings.videoBitrateKbps * BUFFER_SECONDS);
  return ['-b:v', rate, ...(withMaxrate ? ['-maxrate', rate] : []), '-bufsize', buffer];
}

/**
 * GOP in frames, closed, no B-frames, plus keyframes forced by timestamp: some
 * hardware encoders drift from -g (VideoToolbox, MF), but all honour a forced frame.
 * Callers that add their own -flags must merge them: ffmpeg keeps only the last one.
 */
function gopArgs(settings: EncoderSettings, recipe: Recipe): string[] {
  const gop = String(Math.round(settings.fps * settings.keyframeIntervalS));
  return [
    '-g', gop,
    '-keyint_min', gop,
    '-bf', '0',
    '-flags', '+cgop',
    '-force_key_frames', `expr:gte(t,n_forced*${settings.keyframeIntervalS})`,
    ...(recipe.forcedIdr ?? []),
  ];
}

/** H.264 High everywhere (DESIGN); HEVC Main; AV1 keeps its encoder's default (Main). */
function profileArgs(codec: VideoCodec, h264 = 'high', hevc = 'main'): string[] {
  if (codec === 'h264') return ['-profile:v', h264];
  if (codec === 'hevc') return ['-profile:v', hevc];
  return [];
}

const FAMILY_RECIPES: Record<Exclude<EncoderFamily, 'unknown'>, (input: RecipeInput) => Recipe> = {
  x264: ({ settings }) => ({
    // nal-hrd=cbr pads to a true constant rate; scenecut off keeps the GOP fixed for HLS segments.
    args: ['-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'high', ...cbrRate(settings), '-x264-params', 'nal-hrd=cbr', '-sc_threshold', '0'],
    pixFmt: 'yuv420p',
    forcedIdr: ['-forced-idr', '1'],
  }),
  x265: ({ settings }) => ({
    args: ['-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'main', ...cbrRate(settings), '-x265-params', 'open-gop=0:scenecut=0:strict-cbr=1:log-level=error'],
    pixFmt: 'yuv420p',
    forcedIdr: ['-forced-idr', '1'],
  }),
  // SVT-AV1's CBR (rc=2) needs the low-delay prediction structure and rejects -maxrate.
  svtav1: ({ settings }) => ({
    args: ['-preset', '10', ...cbrRate(settings, false), '-svtav1-params', 'rc=2:pred-struct=1'],
    pixFmt: 'yuv420p',
  }),
  // libaom picks CBR when minrate = maxrate = bitrate; realtime usage and no lag keep latency down.
  aom: ({ settings }) => ({
    args: ['-usage', 'realtime', '-cpu-used', '8', '-lag-in-frames', '0', ...cbrRate(settings), '-minrate', kbps(settings.videoBitrateKbps)],
    pixFmt: 'yuv420p',
  }),
  nvenc: ({ settings, codec }) => ({
    args: ['-preset', 'p4', '-tune', 'll', '-rc', 'cbr', ...profileArgs(codec), ...cbrRate(settings)],
    // NVENC reads yuv420p from system memory directly.
    pixFmt: 'yuv420p',
    forcedIdr: ['-forced-idr', '1'],
  }),
  qsv: ({ settings, codec }) => ({
    // QSV chooses CBR itself when maxrate equals the bitrate. Only h264_qsv has -look_ahead.
    args: [
      '-preset', 'medium',
      ...(codec === 'h264' ? ['-look_ahead', '0'] : []),
      '-async_depth', '1',
      ...profileArgs(codec),
      ...cbrRate(settings),
    ],
    filter: 'format=nv12',
    forcedIdr: codec === 'av1' ? [] : ['-forced_idr', '1'],
  }),
  amf: ({ settings, codec }) => ({
    // Parameter sets on every IDR so an output that joins late can start decoding.
    args: [
      '-usage', 'lowlatency',
      '-rc', 'cbr',
      ...profileArgs(codec),
      ...(codec === 'av1' ? [] : ['-header_insertion_mode', 'idr']),
      ...cbrRate(settings),
    ],
    filter: 'format=nv12',
  }),
  // -constant_bit_rate exists only on Apple silicon with macOS 13+ and fails the encoder
  // elsewhere, so VideoToolbox gets a one-second data-rate cap (maxrate/bufsize) instead.
  // allow_sw 0: a software fallback here would be slower than x264 and not what "hardware" promises.
  videotoolbox: ({ settings, codec }) => ({
    args: ['-realtime', '1', '-allow_sw', '0', ...profileArgs(codec), ...cbrRate(settings)],
    filter: 'format=nv12',
  }),
  vaapi: ({ settings, codec, vaapiDevice }) => ({
    args: ['-rc_mode', 'CBR', ...profileArgs(codec), ...cbrRate(settings)],
    preInputArgs: ['-vaapi_device', vaapiDevice],
    // Frames must be uploaded to GPU surfaces; -pix_fmt would fight the upload.
    filter: 'format=nv12,hwupload',
  }),
  // h264_mf has no private -profile, and ffmpeg before 6.1 knows no generic "high":
  // 100 is H.264 High's profile_idc. hw_encoding 1 refuses Microsoft's software MFT.
  mf: ({ settings, codec }) => ({
    args: [
      '-hw_encoding', '1',
      '-rate_control', 'cbr',
      '-scenario', 'live_streaming',
      ...(codec === 'h264' ? ['-profile:v', '100'] : []),
      ...cbrRate(settings),
    ],
    filter: 'format=nv12',
  }),
};

function validateSettings(settings: EncoderSettings): void {
  const problems: string[] = [];
  if (!(Number.isInteger(settings.fps) && settings.fps > 0)) problems.push(`fps ${settings.fps}`);
  if (!(settings.videoBitrateKbps > 0)) problems.push(`bitrate ${settings.videoBitrateKbps} kb/s`);
  if (!(settings.keyframeIntervalS > 0)) problems.push(`keyframe interval ${settings.keyframeIntervalS} s`);
  if (problems.length > 0) {
    throw new EngineError('BAD_INPUT', `These encoder settings are not valid: ${problems.join(', ')}.`, `encoder settings: ${problems.join(', ')}`);
  }
}
