import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  failureReason,
  parseEncoders,
  parseMuxers,
  parseProtocols,
  parseVersion,
} from '../../../../../main/engine/probe/parse-ffmpeg-output';

// Captured from Debian 12's ffmpeg 5.1 with `ffmpeg -hide_banner -<flag>` (stdout) and
// from failed trial encodes on a machine without a GPU (stderr).
const fixture = (name: string): string =>
  readFileSync(new URL(`../../../../fixtures/ffmpeg/${name}`, import.meta.url), 'utf8');
const debian = (flag: string): string => fixture(`debian12-ffmpeg5.1-${flag}.txt`);

describe('parseVersion', () => {
  it('reads the version of a distribution build', () => {
    expect(parseVersion(debian('version'))).toBe('5.1.9-0+deb12u1');
  });

  it('reads git snapshot and static-build version strings', () => {
    expect(parseVersion('ffmpeg version N-112233-g0123abcd Copyright (c) 2000-2024')).toBe('N-112233-g0123abcd');
    expect(parseVersion('ffmpeg version 6.1.1-static https://johnvansickle.com/ffmpeg/  Copyright')).toBe('6.1.1-static');
  });

  it('returns null for output that is not ffmpeg', () => {
    expect(parseVersion('bash: ffmpeg: command not found')).toBeNull();
    expect(parseVersion('')).toBeNull();
  });
});

describe('parseProtocols', () => {
  const { input, output } = parseProtocols(debian('protocols'));

  it('separates input and output protocols', () => {
    expect(input.size).toBe(39);
    expect(output.size).toBe(31);
    for (const name of ['rtmp', 'rtmps', 'srt', 'http', 'https', 'file', 'pipe', 'tcp', 'udp']) {
      expect(output.has(name), name).toBe(true);
    }
  });

  it('knows hls is an input protocol only (HLS is written by the hls muxer)', () => {
    expect(input.has('hls')).toBe(true);
    expect(output.has('hls')).toBe(false);
  });

  it('does not take the headers for protocols', () => {
    expect(input.has('Input:')).toBe(false);
    expect(output.has('Supported')).toBe(false);
  });

  it('also reads lists written on the header line', () => {
    const parsed = parseProtocols('Supported file protocols:\nInput: file http\nOutput: file rtmp\n');
    expect([...parsed.input]).toEqual(['file', 'http']);
    expect([...parsed.output]).toEqual(['file', 'rtmp']);
  });
});

describe('parseMuxers', () => {
  const muxers = parseMuxers(debian('muxers'));

  it('finds the muxers the engine relies on', () => {
    for (const name of ['flv', 'mpegts', 'hls', 'matroska', 'mp4', 'null', 'mov', 'webm']) {
      expect(muxers.has(name), name).toBe(true);
    }
  });

  it('splits aliased muxers and skips the legend', () => {
    // 183 lines, three of which name two aliases (sdl,sdl2; stream_segment,ssegment; video4linux2,v4l2).
    expect(muxers.size).toBe(186);
    expect(muxers.has('sdl2')).toBe(true);
    expect(muxers.has('ssegment')).toBe(true);
    expect(muxers.has('=')).toBe(false);
    expect(muxers.has('Muxing')).toBe(false);
  });

  it('ignores demuxer-only lines and reads the device column of newer builds', () => {
    const parsed = parseMuxers('File formats:\n D. = Demuxing supported\n --\n D  aa   Audible AA\n  E  flv  FLV\n  Ed alsa  ALSA output\n');
    expect([...parsed]).toEqual(['flv', 'alsa']);
  });
});

describe('parseEncoders', () => {
  const encoders = parseEncoders(debian('encoders'));

  it('lists every encoder with its media type', () => {
    expect(encoders.filter((e) => e.type === 'V')).toHaveLength(122);
    expect(encoders.filter((e) => e.type === 'A')).toHaveLength(84);
    expect(encoders.filter((e) => e.type === 'S')).toHaveLength(11);
  });

  it('reads name, description and codec', () => {
    expect(encoders.find((e) => e.name === 'libx264')).toEqual({
      name: 'libx264',
      type: 'V',
      description: 'libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)',
      codec: 'h264',
    });
    expect(encoders.find((e) => e.name === 'hevc_vaapi')?.codec).toBe('hevc');
    expect(encoders.find((e) => e.name === 'aac')?.type).toBe('A');
  });

  it('includes the hardware encoders this build lists (whether or not they work)', () => {
    const names = new Set(encoders.map((e) => e.name));
    for (const name of ['h264_nvenc', 'hevc_nvenc', 'h264_qsv', 'hevc_qsv', 'h264_vaapi', 'hevc_vaapi']) {
      expect(names.has(name), name).toBe(true);
    }
    expect(names.has('h264_amf')).toBe(false);
    expect(names.has('av1_nvenc')).toBe(false);
  });

  it('does not take the legend for encoders', () => {
    expect(encoders.some((e) => e.name === '=')).toBe(false);
  });
});

describe('failureReason', () => {
  it('picks the cause, not the generic trailer, and drops the [component @ address] prefix', () => {
    expect(failureReason(fixture('debian12-ffmpeg5.1-trial-h264_nvenc.stderr.txt'))).toBe('Cannot load libcuda.so.1');
    expect(failureReason(fixture('debian12-ffmpeg5.1-trial-h264_qsv.stderr.txt'))).toBe(
      'Error initializing an internal MFX session: unsupported (-3)',
    );
  });

  it('looks past several generic lines to the device error', () => {
    expect(failureReason(fixture('debian12-ffmpeg5.1-trial-h264_vaapi.stderr.txt'))).toBe(
      'No VA display found for device /dev/dri/renderD128.',
    );
  });

  it('falls back to the last line when every line is generic, and to null when stderr is empty', () => {
    expect(failureReason('Conversion failed!\n')).toBe('Conversion failed!');
    expect(failureReason('\n\n')).toBeNull();
  });
});
