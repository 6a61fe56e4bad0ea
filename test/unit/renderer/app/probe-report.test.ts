import { describe, expect, it } from 'vitest';
import { encoderChoices } from '../../../../renderer/app/probe-report';

/** The shape `onair probe --json` prints on the 2-core test machine (no GPU), cut to a few encoders. */
const REPORT = {
  ffmpegPath: '/usr/bin/ffmpeg',
  encoders: [
    { name: 'h264_nvenc', codec: 'h264', family: 'nvenc', hardware: true, listed: true, works: false, reason: 'Cannot load libcuda.so.1', trialMs: 120 },
    { name: 'h264_amf', codec: 'h264', family: 'amf', hardware: true, listed: false, works: false, reason: 'not in this ffmpeg build', trialMs: null },
    { name: 'hevc_vaapi', codec: 'hevc', family: 'vaapi', hardware: true, listed: true, works: false, reason: 'No VA display found', trialMs: 80 },
    { name: 'libx264', codec: 'h264', family: 'software', hardware: false, listed: true, works: true, reason: 'passed its trial encode', trialMs: 300 },
  ],
  selected: { name: 'libx264', reason: 'No hardware encoder passed its trial encode on this computer.' },
  probedAt: '2026-11-25T15:00:00Z',
  videoPath: { setting: 'auto' },
};

describe('the encoder choices from a probe report', () => {
  it('offers H.264 encoders, working ones first, failed ones with their reason', () => {
    const choices = encoderChoices(REPORT);
    expect(choices?.auto).toEqual(REPORT.selected);
    expect(choices?.options.map((o) => [o.name, o.usable])).toEqual([
      ['libx264', true],
      ['h264_nvenc', false],
      ['h264_amf', false],
    ]);
    expect(choices?.options[0]?.label).toBe('x264 (software) (libx264)');
    expect(choices?.options[1]).toMatchObject({ label: 'NVIDIA NVENC (h264_nvenc)', hardware: true, reason: 'Cannot load libcuda.so.1' });
  });

  it('counts a software encoder that was not trialled as usable, and says when nothing works', () => {
    const untried = { encoders: [{ name: 'libx264', codec: 'h264', hardware: false, listed: true, works: null, reason: 'software encoder, not trial-tested' }], selected: null };
    expect(encoderChoices(untried)).toEqual({ auto: null, options: [expect.objectContaining({ name: 'libx264', usable: true })] });
  });

  it('is null for a report it cannot read', () => {
    expect(encoderChoices(null)).toBeNull();
    expect(encoderChoices({ encoders: 'none' })).toBeNull();
  });
});
