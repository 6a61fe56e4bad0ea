import { afterEach, describe, expect, it } from 'vitest';
import { AUDIO_STALL_US, MAX_VIDEO_BACKLOG_FRAMES, RawPacer } from '../../../../../main/engine/pacer/raw-pacer';
import type { PacerOutput } from '../../../../../main/engine/pacer/pacer-types';

const FPS = 30;
const FRAME_US = 1_000_000 / FPS;
const W = 16;
const H = 8;
const SAMPLES_PER_FRAME = 1600;

class FakeEncoder implements PacerOutput {
  video: Uint8Array[] = [];
  audioFrames = 0;
  backlog = 0;
  writeVideo(data: Uint8Array): void {
    this.video.push(data);
  }
  writeAudio(pcm: Uint8Array): void {
    this.audioFrames += pcm.length / 4;
  }
  videoBacklogFrames(): number {
    return this.backlog;
  }
}

function frame(tag: number): Uint8Array {
  return new Uint8Array(W * H * 1.5).fill(tag);
}

function audio10ms(): Uint8Array {
  return new Uint8Array(480 * 4);
}

let pacers: RawPacer[] = [];
afterEach(() => {
  for (const p of pacers) p.stop();
  pacers = [];
});

function setup() {
  let clock = 1_000_000_000;
  const out = new FakeEncoder();
  const pacer = new RawPacer(out, { fps: FPS, width: W, height: H, now: () => clock });
  pacers.push(pacer);
  pacer.start();
  const t0 = clock;
  /** Advance the clock by `ms`, delivering frames and audio as a real-time producer would. */
  const run = (ms: number, opts: { video?: boolean; audio?: boolean; tagFrom?: number } = {}) => {
    const { video = true, audio = true } = opts;
    for (let t = 0; t < ms; t++) {
      clock += 1000;
      const elapsed = clock - t0;
      if (audio && elapsed % 10_000 === 0) pacer.pushAudio(audio10ms(), clock - 10_000);
      const frameIndex = Math.floor(elapsed / FRAME_US);
      if (video && elapsed - frameIndex * FRAME_US < 1000 && elapsed >= FRAME_US) {
        pacer.pushVideo(frame(frameIndex % 250), t0 + frameIndex * FRAME_US);
      }
      pacer.pump();
    }
  };
  return { out, pacer, run };
}

describe('RawPacer', () => {
  it('writes one frame per slot of audio and keeps video and audio the same length', () => {
    const { out, pacer, run } = setup();
    run(2000);
    const stats = pacer.stats();
    expect(stats.framesOut).toBeGreaterThanOrEqual(58);
    expect(stats.framesOut).toBeLessThanOrEqual(60);
    expect(out.audioFrames).toBe(stats.framesOut * SAMPLES_PER_FRAME);
    expect(stats.dropped).toBe(0);
    // Only the very first slot may repeat (before the first picture arrives).
    expect(stats.duplicated).toBeLessThanOrEqual(1);
    expect(stats.avOffsetMaxUs).toBeLessThanOrEqual(FRAME_US);
  });

  it('repeats the last picture when the producer is late, and counts it', () => {
    const { out, pacer, run } = setup();
    run(1000);
    const before = pacer.stats();
    run(500, { video: false });
    const after = pacer.stats();
    // 15 slots pass; the first one or two still get pictures that were already queued,
    // and the last one may still be waiting (VIDEO_WAIT_US) for a picture.
    expect(after.duplicated - before.duplicated).toBeGreaterThanOrEqual(10);
    expect(after.framesOut - before.framesOut).toBeGreaterThanOrEqual(13);
    expect(out.audioFrames).toBe(after.framesOut * SAMPLES_PER_FRAME);
  });

  it('drops whole slots (picture and audio) when the encoder is behind, keeping A/V aligned', () => {
    const { out, pacer, run } = setup();
    run(500);
    out.backlog = MAX_VIDEO_BACKLOG_FRAMES + 1;
    run(300);
    out.backlog = 0;
    run(500);
    const stats = pacer.stats();
    expect(stats.dropped).toBeGreaterThanOrEqual(8);
    expect(out.video.length).toBe(stats.framesOut);
    expect(out.audioFrames).toBe(stats.framesOut * SAMPLES_PER_FRAME);
  });

  it('keeps the frame rate with silence when the producer has no audio', () => {
    const { out, pacer, run } = setup();
    run(2000, { audio: false });
    const stats = pacer.stats();
    const expected = ((2_000_000 - AUDIO_STALL_US) / 1_000_000) * FPS;
    expect(stats.framesOut).toBeGreaterThanOrEqual(expected - 2);
    expect(stats.framesOut).toBeLessThanOrEqual(expected + 1);
    expect(stats.audioSilenceFrames).toBeGreaterThan(0);
    expect(out.audioFrames).toBe(stats.framesOut * SAMPLES_PER_FRAME);
    expect(stats.duplicated).toBeLessThanOrEqual(1);
  });

  it('bridges an audio gap with silence and keeps going', () => {
    const { pacer, run } = setup();
    run(1000);
    run(600, { audio: false });
    run(1000);
    const stats = pacer.stats();
    expect(stats.framesOut).toBeGreaterThanOrEqual(2.6 * FPS - 8);
    expect(stats.audioSilenceFrames).toBeGreaterThan(0);
  });

  it('writes the picture whose timestamp matches the slot', () => {
    const { out, run } = setup();
    run(1000);
    // Frame tags are frame indices: consecutive slots must carry consecutive pictures.
    const tags = out.video.slice(5, 20).map((f) => f[0]!);
    for (let i = 1; i < tags.length; i++) expect(tags[i]! - tags[i - 1]!).toBe(1);
  });
});

describe('RawPacer buffer release', () => {
  it('hands every frame back once it is neither queued, shown last, nor being written', () => {
    let clock = 2_000_000_000;
    const pending: Array<() => void> = [];
    const out: PacerOutput = {
      writeVideo: (_data, onFlushed) => void (onFlushed && pending.push(onFlushed)),
      writeAudio: () => {},
      videoBacklogFrames: () => 0,
    };
    const pacer = new RawPacer(out, { fps: FPS, width: W, height: H, now: () => clock });
    pacers.push(pacer);
    pacer.start();
    const released = new Set<number>();
    const t0 = clock;
    for (let i = 0; i < 30; i++) {
      clock = t0 + i * FRAME_US;
      pacer.pushVideo(frame(i), clock, () => released.add(i));
      pacer.pushAudio(audio10ms(), clock);
      pacer.pushAudio(audio10ms(), clock + 10_000);
      pacer.pushAudio(new Uint8Array(((SAMPLES_PER_FRAME - 960) * 4)), clock + 20_000);
    }
    // Nothing written is released before the encoder's pipe took it.
    const writtenBeforeFlush = pacer.stats().framesOut;
    expect(writtenBeforeFlush).toBeGreaterThan(20);
    expect(released.size).toBeLessThan(30 - writtenBeforeFlush + 2);
    for (const flushed of pending.splice(0)) flushed();
    // Every frame is back except the one the pacer may still repeat (and any still queued).
    expect(released.size).toBeGreaterThanOrEqual(28);
    expect(released.has(29)).toBe(false);
  });
});
