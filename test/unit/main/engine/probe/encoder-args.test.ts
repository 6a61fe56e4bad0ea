import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../../main/engine/errors';
import {
  DEFAULT_VAAPI_DEVICE,
  buildVideoEncoderArgs,
  encoderCodec,
  encoderFamily,
} from '../../../../../main/engine/probe/encoder-args';
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings } from '../../../../../main/engine/types';

// 1280x720 at 30 fps, 4500 kb/s, a keyframe every 2 s.
const settings = (encoder: string, overrides: Partial<EncoderSettings> = {}): EncoderSettings => ({
  ...DEFAULT_ENCODER_SETTINGS,
  encoder,
  ...overrides,
});

/** Option -> value for every "-opt value" pair (all our options take a value). */
function options(args: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i];
    const value = args[i + 1];
    expect(key?.startsWith('-'), `argument ${i} (${key}) should be an option`).toBe(true);
    if (key !== undefined && value !== undefined) {
      expect(map.has(key), `${key} given twice`).toBe(false);
      map.set(key, value);
    }
  }
  return map;
}

describe('encoderFamily and encoderCodec', () => {
  it.each([
    ['libx264', 'x264', 'h264'],
    ['libx265', 'x265', 'hevc'],
    ['libsvtav1', 'svtav1', 'av1'],
    ['libaom-av1', 'aom', 'av1'],
    ['h264_nvenc', 'nvenc', 'h264'],
    ['hevc_nvenc', 'nvenc', 'hevc'],
    ['av1_nvenc', 'nvenc', 'av1'],
    ['h264_qsv', 'qsv', 'h264'],
    ['av1_qsv', 'qsv', 'av1'],
    ['h264_amf', 'amf', 'h264'],
    ['hevc_videotoolbox', 'videotoolbox', 'hevc'],
    ['h264_vaapi', 'vaapi', 'h264'],
    ['h264_mf', 'mf', 'h264'],
  ])('%s is %s producing %s', (name, family, codec) => {
    expect(encoderFamily(name)).toBe(family);
    expect(encoderCodec(name)).toBe(codec);
  });

  it.each(['h264_v4l2m2m', 'h264_omx', 'mjpeg_qsv', 'libx264rgb', 'nvenc', ''])('%s is unknown', (name) => {
    expect(encoderFamily(name)).toBe('unknown');
    expect(encoderCodec(name)).toBeNull();
  });
});

describe('buildVideoEncoderArgs: rules every family follows', () => {
  const encoders = [
    'libx264', 'libx265', 'libsvtav1', 'libaom-av1',
    'h264_nvenc', 'hevc_nvenc', 'av1_nvenc',
    'h264_qsv', 'hevc_qsv', 'av1_qsv',
    'h264_amf', 'hevc_amf', 'av1_amf',
    'h264_videotoolbox', 'hevc_videotoolbox',
    'h264_vaapi', 'hevc_vaapi', 'av1_vaapi',
    'h264_mf', 'hevc_mf',
  ];

  it.each(encoders)('%s: encoder, bitrate, GOP, no B-frames, forced keyframes, BT.709', (name) => {
    const { outputArgs } = buildVideoEncoderArgs(settings(name));
    expect(outputArgs.slice(0, 2)).toEqual(['-c:v', name]);
    const opts = options(outputArgs);
    expect(opts.get('-b:v')).toBe('4500k');
    expect(opts.get('-bufsize')).toBe('4500k');
    expect(opts.get('-g')).toBe('60');
    expect(opts.get('-keyint_min')).toBe('60');
    expect(opts.get('-bf')).toBe('0');
    expect(opts.get('-flags')).toBe('+cgop');
    expect(opts.get('-force_key_frames')).toBe('expr:gte(t,n_forced*2)');
    expect(opts.get('-colorspace')).toBe('bt709');
    expect(opts.get('-color_primaries')).toBe('bt709');
    expect(opts.get('-color_trc')).toBe('bt709');
    expect(opts.get('-color_range')).toBe('tv');
  });

  it.each(encoders.filter((n) => n.startsWith('h264_') || n === 'libx264'))('%s: H.264 High profile', (name) => {
    const profile = options(buildVideoEncoderArgs(settings(name)).outputArgs).get('-profile:v');
    // Media Foundation takes the profile_idc number: 100 is High.
    expect(profile).toBe(name === 'h264_mf' ? '100' : 'high');
  });

  it.each(encoders.filter((n) => n !== 'libsvtav1'))('%s: CBR with maxrate equal to the bitrate', (name) => {
    expect(options(buildVideoEncoderArgs(settings(name)).outputArgs).get('-maxrate')).toBe('4500k');
  });

  it('scales the GOP with frame rate and keyframe interval', () => {
    const opts = options(buildVideoEncoderArgs(settings('h264_nvenc', { fps: 60, keyframeIntervalS: 4 })).outputArgs);
    expect(opts.get('-g')).toBe('240');
    expect(opts.get('-keyint_min')).toBe('240');
    expect(opts.get('-force_key_frames')).toBe('expr:gte(t,n_forced*4)');
  });

  it('rounds a fractional bitrate to whole kb/s', () => {
    expect(options(buildVideoEncoderArgs(settings('libx264', { videoBitrateKbps: 2500.6 })).outputArgs).get('-b:v')).toBe('2501k');
  });
});

describe('buildVideoEncoderArgs: per-family low-latency settings', () => {
  type Row = [name: string, expected: Record<string, string>, filter: string | null, preInput: string[]];
  const rows: Row[] = [
    ['libx264', { '-preset': 'veryfast', '-tune': 'zerolatency', '-x264-params': 'nal-hrd=cbr', '-pix_fmt': 'yuv420p', '-forced-idr': '1' }, null, []],
    ['libx265', { '-preset': 'veryfast', '-tune': 'zerolatency', '-profile:v': 'main', '-pix_fmt': 'yuv420p' }, null, []],
    ['libsvtav1', { '-svtav1-params': 'rc=2:pred-struct=1', '-pix_fmt': 'yuv420p' }, null, []],
    ['libaom-av1', { '-usage': 'realtime', '-lag-in-frames': '0', '-minrate': '4500k' }, null, []],
    ['h264_nvenc', { '-preset': 'p4', '-tune': 'll', '-rc': 'cbr', '-forced-idr': '1', '-pix_fmt': 'yuv420p' }, null, []],
    ['hevc_nvenc', { '-preset': 'p4', '-tune': 'll', '-rc': 'cbr', '-profile:v': 'main' }, null, []],
    ['h264_qsv', { '-look_ahead': '0', '-async_depth': '1', '-forced_idr': '1' }, 'format=nv12', []],
    ['h264_amf', { '-usage': 'lowlatency', '-rc': 'cbr', '-header_insertion_mode': 'idr' }, 'format=nv12', []],
    ['h264_videotoolbox', { '-realtime': '1', '-allow_sw': '0' }, 'format=nv12', []],
    ['h264_vaapi', { '-rc_mode': 'CBR' }, 'format=nv12,hwupload', ['-vaapi_device', DEFAULT_VAAPI_DEVICE]],
    ['h264_mf', { '-hw_encoding': '1', '-rate_control': 'cbr', '-scenario': 'live_streaming' }, 'format=nv12', []],
  ];

  it.each(rows)('%s', (name, expected, filter, preInput) => {
    const args = buildVideoEncoderArgs(settings(name));
    const opts = options(args.outputArgs);
    for (const [key, value] of Object.entries(expected)) expect(opts.get(key), key).toBe(value);
    expect(args.filter).toBe(filter);
    expect(args.preInputArgs).toEqual(preInput);
  });

  it('passes only options each encoder has (hevc_qsv has no -look_ahead, AV1 has no H.264 profile)', () => {
    expect(options(buildVideoEncoderArgs(settings('hevc_qsv')).outputArgs).has('-look_ahead')).toBe(false);
    expect(options(buildVideoEncoderArgs(settings('av1_nvenc')).outputArgs).has('-profile:v')).toBe(false);
    expect(options(buildVideoEncoderArgs(settings('hevc_mf')).outputArgs).has('-profile:v')).toBe(false);
  });

  it('never sets -pix_fmt where the filter already converts (it would fight hwupload)', () => {
    for (const name of ['h264_vaapi', 'h264_qsv', 'h264_amf', 'h264_videotoolbox', 'h264_mf']) {
      expect(options(buildVideoEncoderArgs(settings(name)).outputArgs).has('-pix_fmt'), name).toBe(false);
    }
  });

  it('uses the VA-API device it is given', () => {
    const args = buildVideoEncoderArgs(settings('hevc_vaapi'), { vaapiDevice: '/dev/dri/renderD129' });
    expect(args.preInputArgs).toEqual(['-vaapi_device', '/dev/dri/renderD129']);
  });
});

describe('buildVideoEncoderArgs: refusals', () => {
  it('refuses an encoder it has no recipe for', () => {
    expect(() => buildVideoEncoderArgs(settings('h264_v4l2m2m'))).toThrow(EngineError);
    try {
      buildVideoEncoderArgs(settings('h264_v4l2m2m'));
    } catch (error) {
      expect((error as EngineError).code).toBe('ENCODER_UNAVAILABLE');
      expect((error as EngineError).message).toContain('h264_v4l2m2m');
    }
  });

  it.each([
    { fps: 0 },
    { fps: 29.97 },
    { videoBitrateKbps: 0 },
    { keyframeIntervalS: -1 },
  ])('refuses settings %o', (bad) => {
    expect(() => buildVideoEncoderArgs(settings('libx264', bad))).toThrow(/not valid/);
  });
});
