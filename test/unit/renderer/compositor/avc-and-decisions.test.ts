import { describe, expect, it } from 'vitest';
import { avcCodecString, avcLevel, keyframeEveryFrames } from '../../../../renderer/compositor/shared/avc';
import { chooseBackend, choosePath, isSoftwareGl } from '../../../../renderer/compositor/shared/decisions';
import type { PathMeasurement } from '../../../../renderer/compositor/shared/types';

describe('H.264 codec string', () => {
  it.each([
    [1280, 720, 30, 31, 'avc1.64001f'],
    [1920, 1080, 30, 40, 'avc1.640028'],
    [1920, 1080, 60, 42, 'avc1.64002a'],
    [640, 360, 30, 30, 'avc1.64001e'],
  ])('%ix%i at %i fps needs level %i', (w, h, fps, level, codec) => {
    expect(avcLevel(w, h, fps)).toBe(level);
    expect(avcCodecString('high', w, h, fps)).toBe(codec);
  });

  it('names the profile', () => {
    expect(avcCodecString('baseline', 1280, 720, 30)).toBe('avc1.42001f');
    expect(avcCodecString('main', 1280, 720, 30)).toBe('avc1.4d001f');
  });

  it('counts the keyframe interval in whole frames, at least one', () => {
    expect(keyframeEveryFrames(2, 30)).toBe(60);
    expect(keyframeEveryFrames(0.5, 25)).toBe(13);
    expect(keyframeEveryFrames(0.01, 30)).toBe(1);
  });
});

describe('decisions', () => {
  it('tells software GL renderers from hardware ones', () => {
    expect(isSoftwareGl('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareGl('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareGl('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareGl(null)).toBe(true);
    expect(isSoftwareGl('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareGl('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBe(false);
    expect(isSoftwareGl('ANGLE (Mesa, lavapipe (LLVM 15.0.6, 256 bits), Vulkan 1.3)')).toBe(true);
    expect(isSoftwareGl('Google SwiftShader')).toBe(true);
    expect(isSoftwareGl('ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)')).toBe(false);
  });

  describe('backend choice', () => {
    const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)';

    it('auto: WebGL2 only on a hardware GL', () => {
      expect(chooseBackend('auto', NVIDIA)).toEqual({ backend: 'webgl2', reason: `the GPU accelerates WebGL2 (${NVIDIA})` });
      expect(chooseBackend('auto', SWIFTSHADER)).toEqual({ backend: 'canvas2d', reason: `the GL is software-rendered (${SWIFTSHADER}): Canvas 2D is faster` });
      expect(chooseBackend('auto', null).backend).toBe('canvas2d');
    });

    it('a forced backend wins, except WebGL2 without any GL', () => {
      expect(chooseBackend('webgl2', SWIFTSHADER).backend).toBe('webgl2');
      expect(chooseBackend('canvas2d', NVIDIA).backend).toBe('canvas2d');
      expect(chooseBackend('webgl2', null)).toEqual({ backend: 'canvas2d', reason: 'WebGL2 was asked for but this browser has none' });
    });
  });

  const m = (path: 'raw' | 'encoded', achievedFps: number, workerMsPerFrame: number, ok = true): PathMeasurement => ({
    path,
    ok,
    error: ok ? null : 'no encoder',
    durationMs: 2500,
    achievedFps,
    repeatedFrames: 0,
    workerMsPerFrame,
    renderMs: workerMsPerFrame / 2,
    readbackMs: workerMsPerFrame / 2,
    encodeLatencyMs: null,
  });

  it('picks the cheaper path when both hold the rate', () => {
    expect(choosePath(m('raw', 30, 20), m('encoded', 30, 8), 30, false).choice).toBe('encoded');
    expect(choosePath(m('raw', 30, 6), m('encoded', 30, 8), 30, false).choice).toBe('raw');
  });

  it('prefers raw with a hardware encoder in the engine, if raw holds the rate', () => {
    expect(choosePath(m('raw', 29.5, 20), m('encoded', 30, 8), 30, true)).toMatchObject({ choice: 'raw', reason: expect.stringContaining('hardware encoder') });
    expect(choosePath(m('raw', 22, 40), m('encoded', 30, 8), 30, true).choice).toBe('encoded');
  });

  it('picks the one that holds the rate, or the closer one', () => {
    expect(choosePath(m('raw', 22, 40), m('encoded', 30, 8), 30, false).choice).toBe('encoded');
    expect(choosePath(m('raw', 30, 20), m('encoded', 0, 0, false), 30, false)).toMatchObject({ choice: 'raw', reason: expect.stringContaining('no encoder') });
    expect(choosePath(m('raw', 20, 40), m('encoded', 25, 30), 30, false)).toMatchObject({ choice: 'encoded', reason: expect.stringContaining('neither') });
  });
});
