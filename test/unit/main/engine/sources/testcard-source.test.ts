import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIO_CHUNK_SAMPLES, FRAME_POOL_SIZE, TestcardSource, decodeTimestampStrip } from '../../../../../main/engine/sources/testcard';
import type { AudioChunkOut, MediaSink, VideoFrameOut } from '../../../../../main/engine/sources/media-source';
import type { VideoFormat } from '../../../../../main/engine/types';

const FORMAT: VideoFormat = { width: 128, height: 72, fps: 30 };
const START_US = 5_000_000_000;

interface Recorded {
  frames: Array<{ data: Uint8Array; timestampUs: number; copy: Uint8Array }>;
  chunks: Array<{ timestampUs: number; bytes: number }>;
  sink: MediaSink;
}

function recorder(): Recorded {
  const rec: Recorded = { frames: [], chunks: [], sink: { video: () => undefined, audio: () => undefined } };
  rec.sink = {
    video: (f: VideoFrameOut) => rec.frames.push({ data: f.data, timestampUs: f.timestampUs, copy: f.data.slice() }),
    audio: (c: AudioChunkOut) => rec.chunks.push({ timestampUs: c.timestampUs, bytes: c.data.length }),
  };
  return rec;
}

describe('TestcardSource on a fake clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(START_US / 1000);
  });
  afterEach(() => vi.useRealTimers());
  const now = (): number => Date.now() * 1000;

  it('emits fps frames and 48000 samples a second, stamped on the ideal schedule', async () => {
    const rec = recorder();
    const source = new TestcardSource(FORMAT, { now });
    await source.start(rec.sink);
    await vi.advanceTimersByTimeAsync(1000);
    await source.stop();
    // Frames 0..30 are due by t0 + 1 s (frame 30 at exactly 1 s); chunks end at 10 ms .. 1000 ms.
    expect(rec.frames.map((f) => f.timestampUs)).toEqual(Array.from({ length: 31 }, (_, n) => START_US + Math.round((n * 1e6) / 30)));
    expect(rec.chunks.length * AUDIO_CHUNK_SAMPLES).toBe(48_000);
    expect(rec.chunks.map((c) => c.timestampUs)).toEqual(Array.from({ length: 100 }, (_, k) => START_US + k * 10_000));
    expect(rec.chunks.every((c) => c.bytes === AUDIO_CHUNK_SAMPLES * 4)).toBe(true);
  });

  it('stamps the capture time in milliseconds into each frame strip', async () => {
    const rec = recorder();
    const source = new TestcardSource(FORMAT, { now });
    await source.start(rec.sink);
    await vi.advanceTimersByTimeAsync(200);
    await source.stop();
    for (const f of rec.frames) {
      expect(decodeTimestampStrip(f.copy, FORMAT.width, FORMAT.height)).toBe(Math.floor(f.timestampUs / 1000) % 2 ** 32);
    }
  });

  it('catches up every missed frame and chunk after the event loop was blocked', async () => {
    const rec = recorder();
    const source = new TestcardSource(FORMAT, { now });
    await source.start(rec.sink);
    await vi.advanceTimersByTimeAsync(100);
    const framesBefore = rec.frames.length;
    // The clock jumps 500 ms while no timer runs, like a blocked event loop; the
    // pending tick (due at the next frame, 133.3 ms) then finds itself at 634 ms.
    vi.setSystemTime(Date.now() + 500);
    await vi.advanceTimersByTimeAsync(34);
    await source.stop();
    expect(framesBefore).toBe(4); // 0, 33, 67, 100 ms
    expect(rec.frames.length).toBe(20); // everything up to 634 ms: frames 0..19
    const gaps = rec.frames.slice(1).map((f, i) => f.timestampUs - (rec.frames[i]?.timestampUs ?? 0));
    expect(gaps.every((g) => g === 33_333 || g === 33_334)).toBe(true);
    expect(rec.chunks.length).toBe(63); // every 10 ms chunk that ended by 634 ms
  });

  it('skips ahead instead of flooding after a stall longer than a second', async () => {
    const rec = recorder();
    const source = new TestcardSource(FORMAT, { now });
    await source.start(rec.sink);
    await vi.advanceTimersByTimeAsync(50);
    vi.setSystemTime(Date.now() + 10_000);
    await vi.advanceTimersByTimeAsync(17); // the pending tick (due at 66.7 ms) runs at 10.067 s
    await source.stop();
    expect(rec.frames.length).toBeLessThan(10);
    expect(rec.frames.at(-1)?.timestampUs).toBe(START_US + Math.round((302 * 1e6) / 30));
  });

  it('rotates a pool of frame buffers: a frame survives the next three', async () => {
    const rec = recorder();
    const source = new TestcardSource(FORMAT, { now });
    await source.start(rec.sink);
    await vi.advanceTimersByTimeAsync(300);
    await source.stop();
    const buffers = rec.frames.map((f) => f.data);
    expect(new Set(buffers.slice(0, FRAME_POOL_SIZE)).size).toBe(FRAME_POOL_SIZE);
    expect(buffers[FRAME_POOL_SIZE]).toBe(buffers[0]);
    expect(new Set(buffers).size).toBe(FRAME_POOL_SIZE);
  });

  it('emits nothing after stop, even when stopped from inside the sink', async () => {
    const rec = recorder();
    const source = new TestcardSource(FORMAT, { now });
    const sink: MediaSink = {
      video: (f) => {
        rec.sink.video(f);
        if (rec.frames.length === 3) void source.stop();
      },
      audio: (c) => rec.sink.audio(c),
    };
    await source.start(sink);
    await vi.advanceTimersByTimeAsync(1000);
    expect(rec.frames.length).toBe(3);
    await expect(source.start(sink)).rejects.toThrow(/already started/);
  });
});

describe('TestcardSource on the real clock', () => {
  it('keeps real time within a tolerance over about a second', async () => {
    let frames = 0;
    let samples = 0;
    const source = new TestcardSource({ width: 320, height: 180, fps: 30 });
    const began = performance.now();
    await source.start({ video: () => frames++, audio: (c) => (samples += c.data.length / 4) });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await source.stop();
    const elapsedS = (performance.now() - began) / 1000;
    expect(Math.abs(frames - elapsedS * 30)).toBeLessThanOrEqual(3);
    // Audio goes out with each frame, so it may trail real time by a frame (1600 samples) and a chunk.
    expect(Math.abs(samples - elapsedS * 48_000)).toBeLessThanOrEqual(1600 + 2 * AUDIO_CHUNK_SAMPLES);
  });
});
