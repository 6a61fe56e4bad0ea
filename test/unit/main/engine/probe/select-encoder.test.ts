import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../../main/engine/errors';
import { encoderCodec, encoderFamily, isHardwareFamily } from '../../../../../main/engine/probe/encoder-args';
import type { ProbedEncoder } from '../../../../../main/engine/probe/probe';
import { encoderDisplayName, selectEncoder } from '../../../../../main/engine/probe/select-encoder';

/** name -> true (works), false (failed with a reason), 'untested' (software, listed). Unmentioned: not listed. */
type Spec = Record<string, true | string | 'untested'>;

function report(spec: Spec): { encoders: ProbedEncoder[] } {
  return {
    encoders: Object.entries(spec).map(([name, outcome]): ProbedEncoder => {
      const family = encoderFamily(name);
      return {
        name,
        codec: encoderCodec(name) ?? 'h264',
        family,
        hardware: isHardwareFamily(family),
        listed: true,
        works: outcome === true ? true : outcome === 'untested' ? null : false,
        reason: outcome === true ? 'passed its trial encode' : outcome === 'untested' ? 'software encoder, not trial-tested' : outcome,
        trialMs: outcome === 'untested' ? null : 40,
      };
    }),
  };
}

// What this Debian machine reports: hardware listed, none working.
const NO_GPU: Spec = {
  h264_nvenc: 'Cannot load libcuda.so.1',
  hevc_nvenc: 'Cannot load libcuda.so.1',
  h264_qsv: 'Error initializing an internal MFX session: unsupported (-3)',
  h264_vaapi: 'No VA display found for device /dev/dri/renderD128.',
  libx264: true,
  libx265: 'untested',
};

describe('selectEncoder: auto', () => {
  it('falls back to libx264 and says why each hardware encoder was rejected', () => {
    const choice = selectEncoder(report(NO_GPU), 'auto');
    expect(choice.name).toBe('libx264');
    expect(choice.hardware).toBe(false);
    expect(choice.reason).toMatch(/No hardware encoder passed its trial encode.*x264/);
    expect(choice.rejected).toContainEqual({
      name: 'h264_nvenc',
      reason: 'NVIDIA NVENC (H.264) is listed but failed its trial encode: Cannot load libcuda.so.1',
    });
    expect(choice.rejected.map((r) => r.name)).toEqual(['h264_nvenc', 'h264_qsv', 'h264_vaapi']);
  });

  it('says there is no hardware encoder when the build lists none', () => {
    expect(selectEncoder(report({ libx264: true }), 'auto').reason).toMatch(/^This ffmpeg has no hardware encoders/);
  });

  it('prefers NVENC > QSV > AMF > VideoToolbox > VA-API > Media Foundation', () => {
    const all: Spec = { h264_nvenc: true, h264_qsv: true, h264_amf: true, h264_videotoolbox: true, h264_vaapi: true, h264_mf: true, libx264: true };
    const order = ['h264_nvenc', 'h264_qsv', 'h264_amf', 'h264_videotoolbox', 'h264_vaapi', 'h264_mf'];
    for (let i = 0; i < order.length; i++) {
      const spec: Spec = { ...all };
      for (const earlier of order.slice(0, i)) spec[earlier] = 'failed';
      expect(selectEncoder(report(spec), 'auto').name).toBe(order[i]);
    }
  });

  it('explains a working hardware encoder in streamer words, and why it beat the others', () => {
    const choice = selectEncoder(report({ h264_qsv: true, h264_vaapi: true, h264_nvenc: 'Cannot load libcuda.so.1', libx264: true }), 'auto');
    expect(choice).toMatchObject({ name: 'h264_qsv', hardware: true });
    expect(choice.reason).toContain('Intel Quick Sync (H.264) passed its trial encode');
    expect(choice.rejected).toContainEqual({ name: 'h264_vaapi', reason: 'VA-API (H.264) works, but Intel Quick Sync (H.264) is preferred' });
  });

  it('does not pick HEVC by itself: RTMP destinations need H.264', () => {
    expect(selectEncoder(report({ hevc_nvenc: true, libx264: true }), 'auto').name).toBe('libx264');
  });

  it('uses HEVC when the caller allows it, H.264 still first', () => {
    expect(selectEncoder(report({ hevc_nvenc: true, libx264: true }), 'auto', { codecs: ['h264', 'hevc'] }).name).toBe('hevc_nvenc');
    expect(selectEncoder(report({ hevc_nvenc: true, h264_vaapi: true, libx264: true }), 'auto', { codecs: ['h264', 'hevc'] }).name).toBe('h264_vaapi');
  });

  it('throws ENCODER_UNAVAILABLE when nothing works, not even x264', () => {
    let error: unknown;
    try {
      selectEncoder(report({ h264_nvenc: 'Cannot load libcuda.so.1' }), 'auto');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('ENCODER_UNAVAILABLE');
    expect((error as EngineError).detail).toContain('Cannot load libcuda.so.1');
  });
});

describe('selectEncoder: the user chose', () => {
  it('uses a working choice, hardware or not', () => {
    const nvenc = selectEncoder(report({ h264_nvenc: true, libx264: true }), 'h264_nvenc');
    expect(nvenc).toEqual({ name: 'h264_nvenc', hardware: true, reason: 'You chose NVIDIA NVENC (H.264) in Settings.', rejected: [] });
    expect(selectEncoder(report({ h264_nvenc: true, libx264: true }), 'libx264')).toMatchObject({ name: 'libx264', hardware: false });
  });

  it('accepts a listed software encoder that was not trial-tested', () => {
    expect(selectEncoder(report(NO_GPU), 'libx265')).toMatchObject({ name: 'libx265', reason: 'You chose x265 (software) in Settings.' });
  });

  it('falls back to auto when the choice failed its trial, and says so first', () => {
    const choice = selectEncoder(report(NO_GPU), 'h264_nvenc');
    expect(choice.name).toBe('libx264');
    expect(choice.reason).toMatch(/^NVIDIA NVENC \(H\.264\) is listed but failed its trial encode: Cannot load libcuda\.so\.1, so OnAir chose automatically\. /);
    expect(choice.rejected.filter((r) => r.name === 'h264_nvenc')).toHaveLength(1);
  });

  it('falls back to auto when the choice is not in this build', () => {
    const choice = selectEncoder(report({ h264_vaapi: true, libx264: true }), 'h264_amf');
    expect(choice.name).toBe('h264_vaapi');
    expect(choice.reason).toMatch(/^AMD AMF \(H\.264\) is not available in this ffmpeg build, so OnAir chose automatically/);
    expect(choice.rejected[0]).toEqual({ name: 'h264_amf', reason: 'AMD AMF (H.264) is not available in this ffmpeg build' });
  });
});

describe('encoderDisplayName', () => {
  it.each([
    ['h264_nvenc', 'NVIDIA NVENC (H.264)'],
    ['hevc_videotoolbox', 'Apple VideoToolbox (HEVC)'],
    ['av1_qsv', 'Intel Quick Sync (AV1)'],
    ['h264_mf', 'Windows Media Foundation (H.264)'],
    ['libx264', 'x264 (software)'],
    ['h264_v4l2m2m', 'h264_v4l2m2m'],
  ])('%s -> %s', (name, display) => {
    expect(encoderDisplayName(name)).toBe(display);
  });
});
