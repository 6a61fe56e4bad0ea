import { describe, expect, it } from 'vitest';
import { ENCODER_AUDIO_FD, ENCODER_PROGRESS_FD, buildEncoderCommand } from '../../../../../main/engine/encoder/encoder-command';
import { DEFAULT_ENCODER_SETTINGS } from '../../../../../main/engine/types';

/** The value following a flag (the first occurrence). */
const after = (args: string[], flag: string, from = 0) => args[args.indexOf(flag, from) + 1];

describe('buildEncoderCommand', () => {
  it('raw path: I420 on stdin, PCM on fd 3, progress on fd 4, TS on stdout', () => {
    const { command, args } = buildEncoderCommand('/usr/bin/ffmpeg', { ...DEFAULT_ENCODER_SETTINGS, width: 640, height: 360, fps: 30 });
    expect(command).toBe('/usr/bin/ffmpeg');
    const firstInput = args.indexOf('-i');
    expect(after(args, '-f')).toBe('rawvideo');
    expect(after(args, '-pix_fmt')).toBe('yuv420p');
    expect(after(args, '-video_size')).toBe('640x360');
    expect(args[firstInput + 1]).toBe('pipe:0');
    expect(args[args.indexOf('-i', firstInput + 1) + 1]).toBe(`pipe:${ENCODER_AUDIO_FD}`);
    expect(after(args, '-progress')).toBe(`pipe:${ENCODER_PROGRESS_FD}`);
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-c:a')).toBe('aac');
    expect(after(args, '-b:a')).toBe('160k');
    expect(args.slice(-1)).toEqual(['pipe:1']);
    expect(args).toContain('mpegts');
    // The input is tagged with what the compositor sends: BT.709 limited range.
    expect(args.slice(0, firstInput)).toEqual(expect.arrayContaining(['-colorspace', 'bt709', '-color_range', 'tv']));
  });

  it('encoded path copies the H.264 the compositor made and still encodes AAC', () => {
    const { args } = buildEncoderCommand('ffmpeg', { ...DEFAULT_ENCODER_SETTINGS, path: 'encoded', fps: 25 });
    // IVF: each access unit carries its own timestamp (ivf.ts); the rate is in its header.
    expect(after(args, '-f')).toBe('ivf');
    expect(args).not.toContain('-framerate');
    expect(after(args, '-c:v')).toBe('copy');
    expect(after(args, '-c:a')).toBe('aac');
    expect(args).not.toContain('libx264');
  });

  it('puts a hardware encoder’s device set-up before the inputs', () => {
    const { args } = buildEncoderCommand('ffmpeg', { ...DEFAULT_ENCODER_SETTINGS, encoder: 'h264_vaapi' });
    expect(args.indexOf('-vaapi_device')).toBeLessThan(args.indexOf('-i'));
    expect(after(args, '-vf')).toContain('hwupload');
  });
});
