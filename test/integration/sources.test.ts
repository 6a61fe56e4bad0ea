import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { TestcardSource, decodeTimestampStrip, renderTestcardAudio, renderTestcardFrame } from '../../main/engine/sources/testcard';
import { FileSource } from '../../main/engine/sources/file-source';
import { i420FrameBytes, type MediaSink } from '../../main/engine/sources/media-source';
import { findBeepOnsets, measureAvOffset, pairFlashesWithBeeps } from '../helpers/av-sync';

const FFMPEG = '/usr/bin/ffmpeg';
const FORMAT = { width: 640, height: 360, fps: 30 };
const FRAME_MS = 1000 / FORMAT.fps;
const run = promisify(execFile);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-sources-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Resolves when `child` exits with code 0; rejects with its log otherwise. */
function exited(child: ReturnType<typeof spawn>, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${log()}`))));
  });
}

describe('TestcardSource through a real encode', () => {
  it('keeps flash and beep within one frame after libx264 + AAC in MKV, and its strip survives encoding', async () => {
    const out = join(dir, 'card.mkv');
    const seconds = 3;
    const wantFrames = seconds * FORMAT.fps;
    const wantSamples = seconds * 48_000;
    const ffmpeg = spawn(FFMPEG, [
      '-hide_banner', '-loglevel', 'error',
      '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${FORMAT.width}x${FORMAT.height}`, '-r', String(FORMAT.fps),
      '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv', '-i', 'pipe:0',
      '-f', 's16le', '-ar', '48000', '-ac', '2', '-i', 'pipe:3',
      '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-b:a', '160k', '-y', out,
    ], { stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
    let log = '';
    ffmpeg.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const done = exited(ffmpeg, () => log);
    const videoIn = ffmpeg.stdin as Writable;
    const audioIn = ffmpeg.stdio[3] as Writable;

    const sentMs: number[] = [];
    let samples = 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const source = new TestcardSource(FORMAT);
    const maybeFinish = (): void => {
      if (sentMs.length === wantFrames && samples === wantSamples) finish();
    };
    // write() may queue, and the source reuses its buffers: copy.
    await source.start({
      video: (f) => {
        if (sentMs.length === wantFrames) return;
        sentMs.push(Math.floor(f.timestampUs / 1000));
        videoIn.write(Buffer.from(f.data));
        maybeFinish();
      },
      audio: (c) => {
        if (samples === wantSamples) return;
        samples += c.data.length / 4;
        audioIn.write(Buffer.from(c.data));
        maybeFinish();
      },
    });
    await finished;
    await source.stop();
    videoIn.end();
    audioIn.end();
    await done;

    const report = await measureAvOffset(out, { fps: FORMAT.fps });
    expect(report.flashesS).toHaveLength(seconds);
    expect(report.pairs).toHaveLength(seconds);
    expect(report.maxAbsOffsetMs).toBeLessThanOrEqual(FRAME_MS);

    // The meter itself can see an offset: the same file with its audio shifted 100 ms later.
    const shifted = join(dir, 'card-audio-late.mkv');
    await run(FFMPEG, ['-v', 'error', '-i', out, '-itsoffset', '0.1', '-i', out, '-map', '0:v', '-map', '1:a', '-c', 'copy', '-y', shifted]);
    const late = await measureAvOffset(shifted, { fps: FORMAT.fps });
    expect(late.medianOffsetMs).toBeGreaterThan(100 - 5);
    expect(late.medianOffsetMs).toBeLessThan(100 + 5);

    const { stdout } = await run(FFMPEG, ['-v', 'error', '-i', out, '-map', '0:v', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], {
      encoding: 'buffer',
      maxBuffer: 1 << 28,
    });
    const lumaBytes = FORMAT.width * FORMAT.height;
    const decoded: Array<number | null> = [];
    for (let off = 0; off + lumaBytes <= stdout.length; off += lumaBytes) {
      decoded.push(decodeTimestampStrip(stdout.subarray(off, off + lumaBytes), FORMAT.width, FORMAT.height));
    }
    expect(decoded).toEqual(sentMs.map((ms) => ms % 2 ** 32));
  });
});

/**
 * Encodes `seconds` of the test card as fast as ffmpeg goes (no real-time pacing)
 * into MKV, which keeps each stream's start time, then remuxes it with one stream
 * starting `delayS` late (-itsoffset is ignored on a raw pipe input, so it is
 * applied on the remux).
 */
async function writeCardFile(path: string, seconds: number, late: 'video' | 'audio' | 'none', delayS = 0.3): Promise<void> {
  const aligned = `${path}.aligned.mkv`;
  const ffmpeg = spawn(FFMPEG, [
    '-hide_banner', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${FORMAT.width}x${FORMAT.height}`, '-r', String(FORMAT.fps), '-i', 'pipe:0',
    '-f', 's16le', '-ar', '48000', '-ac', '2', '-i', 'pipe:3',
    '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-y', aligned,
  ], { stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
  let log = '';
  ffmpeg.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const done = exited(ffmpeg, () => log);
  const videoIn = ffmpeg.stdin as Writable;
  const audioIn = ffmpeg.stdio[3] as Writable;
  for (let n = 0; n < seconds * FORMAT.fps; n++) {
    const frame = new Uint8Array(i420FrameBytes(FORMAT.width, FORMAT.height));
    renderTestcardFrame(FORMAT, n, frame);
    videoIn.write(frame);
  }
  const pcm = new Uint8Array(seconds * 48_000 * 4);
  renderTestcardAudio(0, seconds * 48_000, pcm);
  audioIn.write(pcm);
  videoIn.end();
  audioIn.end();
  await done;
  const [videoOffset, audioOffset] = [late === 'video' ? delayS : 0, late === 'audio' ? delayS : 0];
  await run(FFMPEG, ['-v', 'error', '-itsoffset', String(videoOffset), '-i', aligned, '-itsoffset', String(audioOffset), '-i', aligned,
    '-map', '0:v', '-map', '1:a', '-c', 'copy', '-y', path]);
}

describe('FileSource', () => {
  const collect = (): { sink: MediaSink; frames: Array<{ ts: number; bytes: number; leftLuma: number }>; audio: Array<{ ts: number; samples: number; peak: number }>; errors: Error[] } => {
    const state = { frames: [] as Array<{ ts: number; bytes: number; leftLuma: number }>, audio: [] as Array<{ ts: number; samples: number; peak: number }>, errors: [] as Error[] };
    const sink: MediaSink = {
      video: (f) => state.frames.push({ ts: f.timestampUs, bytes: f.data.length, leftLuma: f.data[(FORMAT.height / 2) * FORMAT.width + 2] ?? -1 }),
      audio: (c) => {
        const pcm = new Int16Array(c.data.buffer, c.data.byteOffset, c.data.length / 2);
        state.audio.push({ ts: c.timestampUs, samples: c.data.length / 4, peak: pcm.reduce((m, v) => Math.max(m, Math.abs(v)), 0) });
      },
      error: (e) => state.errors.push(e),
    };
    return { sink, ...state };
  };
  const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('plays a 2 s clip in a loop for 3 s: whole frames at the frame rate, and its audio', async () => {
    const clip = join(dir, 'clip.mp4');
    await run(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=2', '-f', 'lavfi', '-i', 'sine=f=440:d=2',
      '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-shortest', '-y', clip]);
    const got = collect();
    const source = new FileSource(clip, FORMAT, { ffmpegPath: FFMPEG });
    await source.start(got.sink);
    await wait(3500);
    await source.stop();
    const count = got.frames.length;
    await wait(100);

    expect(got.errors).toEqual([]);
    expect(got.frames.length).toBe(count); // nothing after stop
    expect(got.frames.every((f) => f.bytes === i420FrameBytes(FORMAT.width, FORMAT.height))).toBe(true);
    // A 4:3 picture in a 16:9 frame is pillarboxed with black.
    expect(got.frames.every((f) => f.leftLuma === 16)).toBe(true);
    const t0 = got.frames[0]?.ts ?? 0;
    got.frames.forEach((f, n) => expect(f.ts).toBe(t0 + Math.round((n * 1e6) / FORMAT.fps)));
    // Past the 2 s clip (so it looped) and close to real time over the ~3 s it played.
    const spanS = (performance.now() * 1000 - t0) / 1e6;
    expect(count).toBeGreaterThan(2.2 * FORMAT.fps);
    expect(Math.abs(count - spanS * FORMAT.fps)).toBeLessThan(0.5 * FORMAT.fps);
    const samples = got.audio.reduce((sum, c) => sum + c.samples, 0);
    expect(Math.abs(samples / 48_000 - count / FORMAT.fps)).toBeLessThan(0.3);
    expect(got.audio.every((c, k) => c.ts === t0 + k * 10_000)).toBe(true);
    expect(Math.max(...got.audio.map((c) => c.peak))).toBeGreaterThan(1000);
  });

  const timelines = [
    { late: 'none', expectedOffsetMs: 0 },
    { late: 'video', expectedOffsetMs: -300 },
    { late: 'audio', expectedOffsetMs: 300 },
  ] as const;
  for (const { late, expectedOffsetMs } of timelines) {
    it(`keeps the file's A/V timeline in its timestamps (${late} starting late)`, async () => {
      const card = join(dir, `card-${late}-late.mkv`);
      await writeCardFile(card, 3, late);
      const flashesUs: number[] = [];
      const pcm: number[] = [];
      let firstChunkUs: number | undefined;
      let firstFrameUs: number | undefined;
      const errors: Error[] = [];
      const source = new FileSource(card, FORMAT, { ffmpegPath: FFMPEG, loop: false });
      await source.start({
        video: (f) => {
          firstFrameUs ??= f.timestampUs;
          let sum = 0;
          for (let i = 0; i < FORMAT.width * FORMAT.height; i += 97) sum += f.data[i] ?? 0;
          if (sum / Math.ceil((FORMAT.width * FORMAT.height) / 97) > 200) flashesUs.push(f.timestampUs);
        },
        audio: (c) => {
          firstChunkUs ??= c.timestampUs;
          const stereo = new Int16Array(c.data.buffer, c.data.byteOffset, c.data.length / 2);
          for (let i = 0; i < stereo.length; i += 2) pcm.push(stereo[i] ?? 0);
        },
        error: (e) => errors.push(e),
      });
      await wait(3200);
      await source.stop();
      expect(errors).toEqual([]);
      const beepsUs = findBeepOnsets(Int16Array.from(pcm)).map((s) => (firstChunkUs ?? 0) + s * 1e6);
      // ffmpeg fills a late video start with copies of the first picture, which on the
      // card is a flash, so the first second's flash is not on the timeline: skip it.
      const t0 = Math.min(firstChunkUs ?? Infinity, firstFrameUs ?? Infinity);
      const pairs = pairFlashesWithBeeps(flashesUs.map((t) => t / 1e6), beepsUs.map((t) => t / 1e6)).filter((p) => p.flashS - t0 / 1e6 > 0.9);
      expect(pairs).toHaveLength(2);
      for (const pair of pairs) expect(Math.abs(pair.offsetMs - expectedOffsetMs)).toBeLessThanOrEqual(FRAME_MS);
    });
  }

  it('emits silence for a clip without audio', async () => {
    const clip = join(dir, 'silent.mp4');
    await run(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30:d=2', '-c:v', 'libx264', '-preset', 'veryfast', '-y', clip]);
    const got = collect();
    const source = new FileSource(clip, FORMAT, { ffmpegPath: FFMPEG });
    await source.start(got.sink);
    await wait(1500);
    await source.stop();
    expect(got.errors).toEqual([]);
    expect(got.frames.length).toBeGreaterThan(20);
    const samples = got.audio.reduce((sum, c) => sum + c.samples, 0);
    expect(Math.abs(samples / 48_000 - got.frames.length / FORMAT.fps)).toBeLessThan(0.1);
    expect(got.audio.every((c) => c.peak === 0)).toBe(true);
  });

  it('reports an undecodable file, naming it', async () => {
    const junk = join(dir, 'junk.mp4');
    await writeFile(junk, Buffer.alloc(4096, 7));
    const got = collect();
    const source = new FileSource(junk, FORMAT, { ffmpegPath: FFMPEG });
    await source.start(got.sink);
    await source.stop();
    expect(got.errors.map((e) => e.message)).toEqual([expect.stringContaining(junk)]);
    expect(got.frames).toEqual([]);
  });
});
