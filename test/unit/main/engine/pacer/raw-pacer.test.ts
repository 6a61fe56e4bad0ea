import { afterEach, describe, expect, it } from 'vitest';
import { AUDIO_STALL_US, MAX_VIDEO_BACKLOG_FRAMES, RawPacer, type StandIn } from '../../../../../main/engine/pacer/raw-pacer';
import type { PacerOutput } from '../../../../../main/engine/pacer/pacer-types';

const FPS = 30;
const FRAME_US = 1_000_000 / FPS;
const W = 16;
const H = 8;
const SAMPLES_PER_FRAME = 1600;

class FakeEncoder implements PacerOutput {
  video: Uint8Array[] = [];
  audioFrames = 0;
  /** Loudness of each audio write (any non-zero byte): true = sound, false = silence. */
  audioLoud: boolean[] = [];
  backlog = 0;
  writeVideo(data: Uint8Array): void {
    this.video.push(data);
  }
  writeAudio(pcm: Uint8Array): void {
    this.audioFrames += pcm.length / 4;
    this.audioLoud.push(pcm.some((b) => b !== 0));
  }
  videoBacklogFrames(): number {
    return this.backlog;
  }
}

function frame(tag: number): Uint8Array {
  return new Uint8Array(W * H * 1.5).fill(tag);
}

/** 10 ms of a (not silent) signal, so muted stretches can be told apart. */
function audio10ms(): Uint8Array {
  return new Uint8Array(480 * 4).fill(7);
}

let pacers: RawPacer[] = [];
afterEach(() => {
  for (const p of pacers) p.stop();
  pacers = [];
});

function setup(standIn?: StandIn) {
  let clock = 1_000_000_000;
  const out = new FakeEncoder();
  const pacer = new RawPacer(out, { fps: FPS, width: W, height: H, now: () => clock, standIn });
  pacers.push(pacer);
  pacer.start();
  const t0 = clock;
  /** Advance the clock by `ms`, delivering frames and audio as a real-time producer would. */
  /** `frameOffsetUs`: how far each picture's timestamp is from the slots' own grid (a number, or one per frame index). */
  const run = (ms: number, opts: { video?: boolean; audio?: boolean; tagFrom?: number; frameOffsetUs?: number | ((frameIndex: number) => number) } = {}) => {
    const { video = true, audio = true, frameOffsetUs = 0 } = opts;
    const offsetOf = typeof frameOffsetUs === 'number' ? () => frameOffsetUs : frameOffsetUs;
    for (let t = 0; t < ms; t++) {
      clock += 1000;
      const elapsed = clock - t0;
      if (audio && elapsed % 10_000 === 0) pacer.pushAudio(audio10ms(), clock - 10_000);
      const frameIndex = Math.floor(elapsed / FRAME_US);
      if (video && elapsed - frameIndex * FRAME_US < 1000 && elapsed >= FRAME_US) {
        pacer.pushVideo(frame(frameIndex % 250), t0 + frameIndex * FRAME_US + offsetOf(frameIndex));
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
    // Repeats count as render lag once a picture comes back within the second.
    expect(pacer.stats().duplicated).toBe(before.duplicated);
    run(100);
    const after = pacer.stats();
    // 15 slots pass; the first one or two still get pictures that were already queued,
    // and the last one may still be waiting (VIDEO_WAIT_US) for a picture.
    expect(after.duplicated - before.duplicated).toBeGreaterThanOrEqual(10);
    expect(after.stalledFrames).toBe(0);
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

  it('puts the slots on the producer\'s frame grid: each picture goes out with the audio of its own time', () => {
    for (const frameOffsetUs of [12_000, -12_000, 16_000, -16_600, 5_000]) {
      const { out, pacer, run } = setup();
      run(1500, { frameOffsetUs });
      const stats = pacer.stats();
      // Without the alignment the picture would be up to half a frame (16.7 ms) off its audio.
      expect(stats.avOffsetMaxUs, `offset ${frameOffsetUs}`).toBeLessThan(100);
      expect(out.audioFrames, `offset ${frameOffsetUs}`).toBe(stats.framesOut * SAMPLES_PER_FRAME);
      const tags = out.video.slice(5).map((f) => f[0]!);
      for (let i = 1; i < tags.length; i++) expect(tags[i]! - tags[i - 1]!, `offset ${frameOffsetUs}`).toBe(1);
    }
  });

  it('follows the producer onto a new grid (another producer, a reloaded page) once enough pictures agree', () => {
    const { out, pacer, run } = setup();
    run(1000);
    run(1000, { frameOffsetUs: 10_000 });
    pacer.resetWindow();
    run(500, { frameOffsetUs: 10_000 });
    const stats = pacer.stats();
    expect(stats.avOffsetMaxUs).toBeLessThan(100);
    expect(out.audioFrames).toBe(stats.framesOut * SAMPLES_PER_FRAME);
  });

  it('leaves the slots alone for a producer whose timestamps scatter', () => {
    const { out, pacer, run } = setup();
    // 4 ms early on average, scattered by +-3 ms frame by frame (a capture card's clock, say):
    // no grid to follow, so after the first picture (which the slots start on) no silence goes in.
    const jitter = [-7000, -1000, -6000, -2000, -7000, -1500, -5000, -2500];
    const frameOffsetUs = (k: number) => jitter[k % jitter.length]!;
    run(200, { frameOffsetUs });
    const atStart = pacer.stats().audioSilenceFrames;
    run(2000, { frameOffsetUs });
    const stats = pacer.stats();
    expect(stats.audioSilenceFrames).toBe(atStart);
    expect(out.audioFrames).toBe(stats.framesOut * SAMPLES_PER_FRAME);
  });

  it('writes the picture whose timestamp matches the slot', () => {
    const { out, run } = setup();
    run(1000);
    // Frame tags are frame indices: consecutive slots must carry consecutive pictures.
    const tags = out.video.slice(5, 20).map((f) => f[0]!);
    for (let i = 1; i < tags.length; i++) expect(tags[i]! - tags[i - 1]!).toBe(1);
  });
});

describe('RawPacer when the producer stops', () => {
  const SLATE_TAG = 201;
  const standIn: StandIn = { frame: new Uint8Array(W * H * 1.5).fill(SLATE_TAG), afterUs: 3_000_000 };

  it('keeps the last picture, then shows the stand-in with silence, then the producer again at once', () => {
    const { out, pacer, run } = setup(standIn);
    run(1000);
    const live = pacer.stats();
    // The whole producer goes: no pictures, no audio, for 6 s.
    run(6000, { video: false, audio: false });
    const gone = pacer.stats();
    expect(gone.standIn).toBe(true);
    expect(gone.slateShows).toBe(1);
    // After about 3 s of the frozen picture (minus the audio stall) the slate fills the rest.
    expect(gone.slateFrames).toBeGreaterThanOrEqual(3 * FPS - 3);
    expect(gone.slateFrames).toBeLessThanOrEqual(3 * FPS + 3);
    // The frozen stretch is the producer's stop, not render lag.
    expect(gone.stalledFrames).toBeGreaterThanOrEqual(2 * FPS);
    expect(gone.duplicated).toBe(live.duplicated);
    const slateAt = out.video.findIndex((f) => f[0] === SLATE_TAG);
    const lastPicture = out.video[slateAt - 1]!;
    // Between the last live picture and the slate: only repeats of that picture.
    const frozen = out.video.slice(out.video.indexOf(lastPicture), slateAt);
    expect(frozen.length).toBeGreaterThanOrEqual(2.5 * FPS);
    expect(new Set(frozen).size).toBe(1);
    // The slate's audio is silence; the producer's tone before it was not.
    expect(out.audioLoud.slice(-10).every((loud) => !loud)).toBe(true);
    expect(out.audioLoud.slice(0, 10).every((loud) => loud)).toBe(true);

    const before = out.video.length;
    run(1000);
    const back = pacer.stats();
    expect(back.standIn).toBe(false);
    // The first slot after the producer's return already carries its picture (within the queue's wait).
    const firstLive = out.video.slice(before).findIndex((f) => f[0] !== SLATE_TAG);
    expect(firstLive).toBeGreaterThanOrEqual(0);
    expect(firstLive).toBeLessThanOrEqual(Math.ceil((AUDIO_STALL_US / 1_000_000) * FPS) + 2);
    expect(out.video.slice(-5).every((f) => f[0] !== SLATE_TAG)).toBe(true);
    expect(out.audioLoud.slice(-5).every((loud) => loud)).toBe(true);
    expect(out.audioFrames).toBe(back.framesOut * SAMPLES_PER_FRAME);
  });

  it('counts each stop as one showing', () => {
    const { pacer, run } = setup(standIn);
    for (let i = 0; i < 2; i++) {
      run(1000);
      run(4000, { video: false });
    }
    run(500);
    expect(pacer.stats().slateShows).toBe(2);
  });

  it('never shows the stand-in before the first picture, nor without one', () => {
    const a = setup(standIn);
    a.run(5000, { video: false });
    expect(a.pacer.stats().slateFrames).toBe(0);
    const b = setup();
    b.run(1000);
    b.run(5000, { video: false });
    expect(b.pacer.stats().slateFrames).toBe(0);
    expect(b.pacer.stats().stalledFrames).toBeGreaterThan(3 * FPS);
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
