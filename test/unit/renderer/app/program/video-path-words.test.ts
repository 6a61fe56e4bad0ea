import { describe, expect, it } from 'vitest';
import type { EncoderHealth, VideoPathStatus } from '../../../../../preload/contract';
import { encoderWords, preflightCostWords, videoPathWords } from '../../../../../renderer/app/program/video-path-words';
import { preflightResult } from './program-fakes';

const preflight = { ...preflightResult({ width: 1280, height: 720, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 2500, path: 'none' }), videoBitrateKbps: 2500 };
const byPreflight: VideoPathStatus = { setting: 'auto', path: 'encoded', chosenBy: 'preflight', reason: 'Chosen by the pre-flight: only encoded holds.', preflight };
const encoder: EncoderHealth = {
  encoder: 'libx264', hardware: false, path: 'raw', width: 1280, height: 720, targetFps: 30, fps: 30, speed: 1.01, framesOut: 300, duplicated: 0, dropped: 0, avOffsetMs: 3, restarts: 0, process: null,
};

describe('video path words', () => {
  it('names the path and the pre-flight numbers that chose it', () => {
    expect(videoPathWords(byPreflight)).toBe('encoded in the browser (WebCodecs) — chosen by pre-flight: raw held 22 fps, encoded 30 fps');
    expect(preflightCostWords(byPreflight)).toContain('raw 41.0 ms, encoded 9.0 ms');
  });

  it('says when the user chose, and when no pre-flight has measured yet', () => {
    expect(videoPathWords({ ...byPreflight, setting: 'raw', path: 'raw', chosenBy: 'user' })).toBe('raw frames, encoded by the studio (ffmpeg) — chosen in Settings');
    expect(videoPathWords({ ...byPreflight, path: 'raw', chosenBy: 'default', preflight: null })).toMatch(/no pre-flight measurement yet/);
  });

  it('says a failed path failed', () => {
    const failed = { ...byPreflight, preflight: { ...preflight, encoded: { ...preflight.encoded, ok: false } }, path: 'raw' as const };
    expect(videoPathWords(failed)).toContain('encoded failed');
  });

  it('never names ffmpeg\'s video encoder on the encoded path: the browser encodes video, ffmpeg audio', () => {
    expect(encoderWords(encoder)).toBe('libx264 (software, 1280×720), 1.01×');
    const words = encoderWords({ ...encoder, path: 'encoded' });
    expect(words).not.toContain('libx264');
    expect(words).toBe('video: the browser (WebCodecs H.264, 1280×720); audio: AAC by ffmpeg');
  });
});
