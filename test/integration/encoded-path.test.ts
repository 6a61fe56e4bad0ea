/**
 * The encoded path: H.264 access units (as the compositor's WebCodecs encoder
 * makes them) plus PCM pushed into the engine, copied (not re-encoded) into the
 * outputs with the same timing guarantees as the raw path.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTestcardAudio, renderTestcardFrame } from '../../main/engine/sources/testcard';
import { defaultClockUs } from '../../main/engine/pacer/pacer-types';
import { splitAccessUnits, isKeyframe } from '../helpers/annexb';
import { measureAvOffset } from '../helpers/av-sync';
import { startEngine, TEST_SETTINGS, type EngineRun } from '../helpers/engine-harness';
import { runFfmpeg } from '../helpers/ffmpeg-process';
import { keyframeTimes, probeStreams, videoPacketTimes } from '../helpers/ffprobe';

const FPS = 30;
const SECONDS = 6;
const FRAMES = FPS * SECONDS;
const SAMPLES_PER_FRAME = 48_000 / FPS;
const format = { width: 640, height: 360, fps: FPS };

let dir: string;
let units: Uint8Array[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-encoded-'));
  // Render the test card and encode it the way the compositor would: H.264, no
  // B-frames, a keyframe every 2 s, an AUD before every access unit.
  const frameBytes = format.width * format.height * 1.5;
  const raw = Buffer.alloc(frameBytes * FRAMES);
  for (let i = 0; i < FRAMES; i++) renderTestcardFrame(format, i, raw.subarray(i * frameBytes, (i + 1) * frameBytes));
  await writeFile(join(dir, 'frames.yuv'), raw);
  const result = await runFfmpeg(
    ['-y', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', '640x360', '-framerate', String(FPS), '-i', join(dir, 'frames.yuv'),
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-bf', '0', '-g', String(2 * FPS), '-sc_threshold', '0', '-x264-params', 'aud=1', '-f', 'h264', join(dir, 'video.h264')],
    60_000,
  );
  expect(result.code).toBe(0);
  units = splitAccessUnits(new Uint8Array(await readFile(join(dir, 'video.h264'))));
}, 60_000);
afterAll(() => (process.env.KEEP_TMP ? undefined : rm(dir, { recursive: true, force: true })));

/**
 * Pushes the test card's audio in real time, as the compositor does (a frame's
 * worth every 1/30 s), calling `video` for each frame slot with its timestamp.
 */
async function pushInRealTime(run: EngineRun, video: (i: number, ts: number) => void): Promise<void> {
  const t0 = defaultClockUs();
  const pcm = new Uint8Array(SAMPLES_PER_FRAME * 4);
  for (let i = 0; i < FRAMES; i++) {
    const ts = t0 + (i * 1_000_000) / FPS;
    const wait = ts - defaultClockUs();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait / 1000));
    renderTestcardAudio(i * SAMPLES_PER_FRAME, SAMPLES_PER_FRAME, pcm);
    run.broadcast.pushAudio(pcm.slice(), ts);
    video(i, ts);
  }
}

describe('the encoded path', () => {
  it('muxes pushed access units and PCM with a constant frame rate and A/V within one frame', async () => {
    expect(units).toHaveLength(FRAMES);
    expect(isKeyframe(units[0]!)).toBe(true);
    const recording = join(dir, 'encoded.mkv');
    const run = await startEngine([{ id: 'rec', name: 'Recording', kind: 'record', file: recording }], { ...TEST_SETTINGS, path: 'encoded' }, { testcard: false });
    await pushInRealTime(run, (i, ts) => run.broadcast.pushEncodedVideo(units[i]!.slice(), ts));
    const last = await run.stop();

    expect(last.encoder?.path).toBe('encoded');
    expect(last.encoder?.framesOut).toBe(FRAMES);
    const p = await probeStreams(recording);
    expect(p.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(p.video?.fps).toBeCloseTo(FPS, 0);
    expect(p.audio?.codec).toBe('aac');
    expect(Math.abs(p.durationS! - SECONDS)).toBeLessThanOrEqual(2 / FPS + 0.03);
    const keys = await keyframeTimes(recording);
    expect(keys.map((k) => Math.round(k * 10) / 10)).toEqual([0, 2, 4]);
    const av = await measureAvOffset(recording, { fps: FPS });
    expect(av.pairs.length).toBeGreaterThanOrEqual(SECONDS - 1);
    expect(av.maxAbsOffsetMs).toBeLessThanOrEqual(1000 / FPS);
  }, 60_000);

  it('keeps pictures with their sound across pictures the producer never sent, and drops a stale one', async () => {
    // The page drops video up to the next keyframe when its connection backs up:
    // here 1.5 s to 2 s. Then one picture arrives twice (an old encoder's last
    // frame after the new one's first).
    const missing = new Set([...Array(15).keys()].map((k) => 45 + k));
    const recording = join(dir, 'encoded-gap.mkv');
    const run = await startEngine([{ id: 'rec', name: 'Recording', kind: 'record', file: recording }], { ...TEST_SETTINGS, path: 'encoded' }, { testcard: false });
    await pushInRealTime(run, (i, ts) => {
      if (!missing.has(i)) run.broadcast.pushEncodedVideo(units[i]!.slice(), ts, isKeyframe(units[i]!));
      if (i === 100) run.broadcast.pushEncodedVideo(units[99]!.slice(), ts - 1_000_000 / FPS, false);
    });
    const last = await run.stop();

    expect(last.encoder?.framesOut).toBe(FRAMES - missing.size);
    const packets = await videoPacketTimes(recording);
    const steps = packets.slice(1).map((p, i) => Math.round((p.ptsS - packets[i]!.ptsS) * FPS));
    // One step of 16 frames where the 15 pictures are missing, every other step one frame.
    expect(steps.filter((s) => s !== 1)).toEqual([missing.size + 1]);
    expect(packets[45]!.ptsS - packets[0]!.ptsS).toBeCloseTo(60 / FPS, 2);
    expect(packets[45]!.keyframe).toBe(true);
    const av = await measureAvOffset(recording, { fps: FPS });
    expect(av.pairs.length).toBeGreaterThanOrEqual(SECONDS - 1);
    expect(av.maxAbsOffsetMs).toBeLessThanOrEqual(1000 / FPS);
  }, 60_000);

  it('refuses raw frames on an encoded broadcast, with a message saying why', async () => {
    const run = await startEngine([{ id: 'rec', name: 'Recording', kind: 'record', file: join(dir, 'x.mkv') }], { ...TEST_SETTINGS, path: 'encoded' }, { testcard: false });
    try {
      expect(() => run.broadcast.pushVideoFrame(new Uint8Array(10), 0)).toThrow(/takes encoded video/);
    } finally {
      await run.stop();
    }
  });
});
