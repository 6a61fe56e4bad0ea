import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProgressParser, type ProgressSample } from '../../../../../main/engine/process/progress-parser';

/**
 * Fixtures: real ffmpeg 5.1 `-progress pipe:1 -stats_period 0.5` output, `-re` so
 * there are several blocks:
 * - progress-video.txt: testsrc2 320x240@30, libx264, 3 s, `-f null` (bitrate/size N/A throughout)
 * - progress-audio.txt: sine 48 kHz, aac, 2 s, `-f null` (no frame/fps keys)
 * - progress-mpegts-na-start.txt: video + audio to an MPEG-TS file, 800 kb/s (N/A, then real numbers)
 */
function fixture(name: string): string {
  return readFileSync(new URL(`../../../../fixtures/ffmpeg/${name}`, import.meta.url), 'utf8');
}

function parseAll(text: string): ProgressSample[] {
  return new ProgressParser().push(text);
}

function blockCount(text: string): number {
  return text.split('\n').filter((l) => l.startsWith('progress=')).length;
}

describe('ProgressParser on real ffmpeg output', () => {
  it('video to -f null: one sample per block, frames rising to 90, ending with progress=end', () => {
    const text = fixture('progress-video.txt');
    const samples = parseAll(text);
    expect(samples).toHaveLength(blockCount(text));
    expect(samples.length).toBeGreaterThan(3);
    expect(samples[0]).toEqual({ frame: 1, fps: 0, outTimeUs: 0, dupFrames: 0, dropFrames: 0, progress: 'continue' });
    const last = samples[samples.length - 1]!;
    expect(last).toMatchObject({ frame: 90, outTimeUs: 3_000_000, progress: 'end' });
    expect(last.bitrateKbps).toBeUndefined();
    expect(last.totalSizeBytes).toBeUndefined();
    const frames = samples.map((s) => s.frame ?? -1);
    expect([...frames].sort((a, b) => a - b)).toEqual(frames);
    expect(samples.slice(1, -1).every((s) => s.speed !== undefined && s.speed > 0.5 && s.speed < 1.5)).toBe(true);
  });

  it('audio only: no frame or fps, out time in microseconds', () => {
    const samples = parseAll(fixture('progress-audio.txt'));
    expect(samples.every((s) => s.frame === undefined && s.fps === undefined)).toBe(true);
    expect(samples[1]).toMatchObject({ outTimeUs: 469_333, speed: 0.921, progress: 'continue' });
    expect(samples[samples.length - 1]?.progress).toBe('end');
    expect(samples[samples.length - 1]?.outTimeUs).toBeGreaterThan(1_900_000);
  });

  it('N/A and "   0x" at the start, then real bitrate and size', () => {
    const samples = parseAll(fixture('progress-mpegts-na-start.txt'));
    expect(samples[0]).toEqual({ frame: 1, fps: 0, totalSizeBytes: 0, outTimeUs: 0, dupFrames: 0, dropFrames: 0, speed: 0, progress: 'continue' });
    expect(samples[1]).toMatchObject({ frame: 16, bitrateKbps: 1183.7, totalSizeBytes: 59_972, outTimeUs: 405_333, speed: 0.79 });
    const sizes = samples.map((s) => s.totalSizeBytes ?? 0);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    expect(samples.filter((s) => s.bitrateKbps !== undefined).length).toBeGreaterThan(3);
  });

  it('gives the same samples however the stream is chunked (every split point, then byte by byte)', () => {
    const text = fixture('progress-mpegts-na-start.txt');
    const whole = parseAll(text);
    for (let at = 0; at <= text.length; at++) {
      const p = new ProgressParser();
      expect([...p.push(text.slice(0, at)), ...p.push(text.slice(at))], `split at ${at}`).toEqual(whole);
    }
    const p = new ProgressParser();
    const oneByOne = [...Buffer.from(text)].flatMap((byte) => p.push(Uint8Array.of(byte)));
    expect(oneByOne).toEqual(whole);
  });
});

describe('ProgressParser edge cases', () => {
  it('does not carry values from one block into the next', () => {
    const samples = parseAll('frame=5\nbitrate=100.0kbits/s\nprogress=continue\nframe=6\nbitrate=N/A\nprogress=continue\n');
    expect(samples).toEqual([
      { frame: 5, bitrateKbps: 100, progress: 'continue' },
      { frame: 6, progress: 'continue' },
    ]);
  });

  it('prefers out_time_us, then out_time_ms (µs in ffmpeg), then out_time, in any order', () => {
    expect(parseAll('out_time=00:00:02.000000\nout_time_us=1500000\nout_time_ms=1400000\nprogress=continue\n')[0]?.outTimeUs).toBe(1_500_000);
    expect(parseAll('out_time_ms=1400000\nout_time=00:00:02.000000\nprogress=continue\n')[0]?.outTimeUs).toBe(1_400_000);
    expect(parseAll('out_time=01:02:03.250000\nprogress=continue\n')[0]?.outTimeUs).toBe(3_723_250_000);
    expect(parseAll('out_time_us=N/A\nout_time=-00:00:00.023220\nprogress=continue\n')[0]?.outTimeUs).toBe(-23_220);
  });

  it('ignores garbage values and unknown keys, and emits nothing before progress=', () => {
    const p = new ProgressParser();
    expect(p.push('frame=abc\nfps=\nstream_0_0_q=28.0\nnonsense\nspeed=fastx\n')).toEqual([]);
    expect(p.push('progress=end\n')).toEqual([{ progress: 'end' }]);
  });
});
