import { afterEach, describe, expect, it } from 'vitest';
import { AUDIO_WAIT_US, EncodedPacer } from '../../../../../main/engine/pacer/encoded-pacer';
import type { EncodedPacerOutput } from '../../../../../main/engine/pacer/pacer-types';

const FPS = 30;
const FRAME_US = 1_000_000 / FPS;

class FakeMuxer implements EncodedPacerOutput {
  video: Uint8Array[] = [];
  slots: number[] = [];
  audioFrames = 0;
  /** Audio sample frames written before each access unit. */
  audioBefore: number[] = [];
  writeAccessUnit(data: Uint8Array, slot: number): void {
    this.video.push(data);
    this.slots.push(slot);
    this.audioBefore.push(this.audioFrames);
  }
  writeAudio(pcm: Uint8Array): void {
    this.audioFrames += pcm.length / 4;
  }
}

/** One frame's audio (four 400-frame chunks) from producer time `audioTs`. */
function pushFrameOfAudio(pacer: EncodedPacer, audioTs: number): void {
  for (let a = 0; a < 4; a++) pacer.pushAudio(new Uint8Array(400 * 4), audioTs + (a * FRAME_US) / 4);
}

let pacers: EncodedPacer[] = [];
afterEach(() => {
  for (const p of pacers) p.stop();
  pacers = [];
});

function setup() {
  let clock = 5_000_000;
  const out = new FakeMuxer();
  const pacer = new EncodedPacer(out, { fps: FPS, now: () => clock });
  pacers.push(pacer);
  pacer.start();
  const t0 = clock;
  const advance = (us: number) => {
    clock += us;
  };
  return { out, pacer, t0, advance, now: () => clock };
}

describe('EncodedPacer', () => {
  it('passes every access unit through with exactly one slot of audio each', () => {
    const { out, pacer, t0, advance } = setup();
    for (let i = 0; i < 60; i++) {
      pushFrameOfAudio(pacer, t0 + i * FRAME_US);
      pacer.pushVideo(new Uint8Array([i]), t0 + i * FRAME_US);
      advance(FRAME_US);
    }
    pacer.pump();
    expect(out.video.length).toBeGreaterThanOrEqual(59);
    expect(out.video.map((v) => v[0])).toEqual([...Array(out.video.length).keys()]);
    expect(out.audioFrames).toBe(out.video.length * 1600);
    const stats = pacer.stats();
    expect(stats.timestampIrregularities).toBe(0);
    expect(stats.avOffsetMaxUs).toBeLessThan(1000);
  });

  it('puts each picture in the slot its timestamp names: a gap stays a gap (counted as dropped), the sound of the empty slots goes out with the next picture', () => {
    const { out, pacer, t0, advance } = setup();
    const shown = [0, 1, 5, 6];
    for (let i = 0; i < 7; i++) {
      pushFrameOfAudio(pacer, t0 + i * FRAME_US);
      if (shown.includes(i)) pacer.pushVideo(new Uint8Array([i]), t0 + i * FRAME_US);
      advance(FRAME_US);
    }
    pacer.pump();
    expect(out.slots).toEqual([0, 1, 5, 6]);
    // The sound goes out through the end of each picture's slot, the empty slots' sound included,
    // so the picture at slot 5 starts its sound at 5 * 1600 (written before the picture at 6).
    expect(out.audioBefore).toEqual([0, 1600, 2 * 1600, 6 * 1600]);
    expect(out.audioFrames).toBe(7 * 1600);
    expect(pacer.stats().dropped).toBe(3);
    expect(pacer.stats().timestampIrregularities).toBe(0);
    expect(pacer.stats().avOffsetMaxUs).toBeLessThan(1000);
  });

  it('counts a timestamp off the frame grid, and still places it in the nearest slot', () => {
    const { out, pacer, t0, advance } = setup();
    pacer.pushVideo(new Uint8Array([0]), t0);
    pacer.pushVideo(new Uint8Array([1]), t0 + 1.3 * FRAME_US);
    advance(AUDIO_WAIT_US + 1);
    pacer.pump();
    expect(out.slots).toEqual([0, 1]);
    expect(pacer.stats().timestampIrregularities).toBe(1);
  });

  it('drops a picture for a slot already written (an old encoder\'s last frame after the new one\'s first)', () => {
    const { out, pacer, t0, advance } = setup();
    pacer.pushVideo(new Uint8Array([0]), t0, true);
    pacer.pushVideo(new Uint8Array([1]), t0 + FRAME_US);
    pacer.pushVideo(new Uint8Array([2]), t0 + 2 * FRAME_US, true);
    pacer.pushVideo(new Uint8Array([9]), t0 + FRAME_US); // stale
    pacer.pushVideo(new Uint8Array([3]), t0 + 3 * FRAME_US);
    advance(AUDIO_WAIT_US + 1);
    pacer.pump();
    expect(out.video.map((v) => v[0])).toEqual([0, 1, 2, 3]);
    expect(out.slots).toEqual([0, 1, 2, 3]);
    expect(pacer.stats().timestampIrregularities).toBe(1);
  });

  it('starts the grid again at a keyframe off it or one slot behind (a new producer grid), instead of dropping the keyframe', () => {
    for (const shiftFrames of [0.45, -0.45, -1]) {
      const { out, pacer, t0, advance } = setup();
      pacer.pushVideo(new Uint8Array([0]), t0, true);
      pacer.pushVideo(new Uint8Array([1]), t0 + FRAME_US);
      pacer.pushVideo(new Uint8Array([2]), t0 + 2 * FRAME_US);
      // The page reloaded: its new grid starts near slot 3 and runs on from there.
      const grid = t0 + (3 + shiftFrames) * FRAME_US;
      for (let k = 0; k < 3; k++) pacer.pushVideo(new Uint8Array([3 + k]), grid + k * FRAME_US, k === 0);
      advance(AUDIO_WAIT_US + 1);
      pacer.pump();
      expect(out.video.map((v) => v[0]), `shift ${shiftFrames}`).toEqual([0, 1, 2, 3, 4, 5]);
      expect(out.slots, `shift ${shiftFrames}`).toEqual([0, 1, 2, 3, 4, 5]);
      expect(pacer.stats().dropped, `shift ${shiftFrames}`).toBe(0);
    }
  });

  it('stands silence in for audio that does not arrive within the wait', () => {
    const { out, pacer, t0, advance } = setup();
    pacer.pushVideo(new Uint8Array(1), t0);
    pacer.pump();
    expect(out.video.length).toBe(0);
    advance(AUDIO_WAIT_US + 1);
    pacer.pump();
    expect(out.video.length).toBe(1);
    expect(out.audioFrames).toBe(1600);
    expect(pacer.stats().audioSilenceFrames).toBe(1600);
  });

  it('discards audio from before the first picture', () => {
    const { out, pacer, t0 } = setup();
    // 100 ms of audio before the first picture, then the picture and its audio.
    for (let a = 0; a < 10; a++) pacer.pushAudio(new Uint8Array(480 * 4), t0 - 100_000 + a * 10_000);
    for (let a = 0; a < 4; a++) pacer.pushAudio(new Uint8Array(480 * 4), t0 + a * 10_000);
    pacer.pushVideo(new Uint8Array(1), t0);
    expect(out.video.length).toBe(1);
    expect(pacer.stats().avOffsetUs).toBeLessThan(1000);
  });

  it('starts the sound with silence when the first picture is older than the first audio', () => {
    const { out, pacer, t0, advance } = setup();
    // WebCodecs hands over the picture for t0 after the audio from t0 + 30 ms has arrived.
    for (let a = 0; a < 4; a++) pacer.pushAudio(new Uint8Array(480 * 4), t0 + 30_000 + a * 10_000);
    pacer.pushVideo(new Uint8Array([0]), t0);
    for (let i = 1; i < 10; i++) {
      pushFrameOfAudio(pacer, t0 + 70_000 + (i - 1) * FRAME_US);
      pacer.pushVideo(new Uint8Array([i]), t0 + i * FRAME_US);
      advance(FRAME_US);
    }
    pacer.pump();
    expect(out.video.length).toBeGreaterThanOrEqual(8);
    expect(pacer.stats().audioSilenceFrames).toBe(1440);
    expect(pacer.stats().avOffsetMaxUs).toBeLessThan(1000);
  });

  it('corrects audio that jumps by more than half a frame, instead of carrying the offset on', () => {
    for (const jumpUs of [25_000, -25_000]) {
      const { out, pacer, t0, advance } = setup();
      let audioTs = t0;
      for (let i = 0; i < 30; i++) {
        // Halfway through, audio jumps by jumpUs (samples lost in a stall, or sent twice); the pictures keep their grid.
        if (i === 15) audioTs += jumpUs;
        pushFrameOfAudio(pacer, audioTs);
        audioTs += FRAME_US;
        pacer.pushVideo(new Uint8Array([i]), t0 + i * FRAME_US);
        advance(FRAME_US);
      }
      pacer.pump();
      expect(out.video.length, `jump ${jumpUs}`).toBeGreaterThanOrEqual(28);
      pacer.resetWindow();
      // The slots after the jump carry the sound of their own time again.
      for (let i = 30; i < 33; i++) {
        pushFrameOfAudio(pacer, audioTs);
        audioTs += FRAME_US;
        pacer.pushVideo(new Uint8Array([i]), t0 + i * FRAME_US);
        advance(FRAME_US);
      }
      pacer.pump();
      // What is left is below the correction threshold: at most half a frame, never the whole jump.
      expect(pacer.stats().avOffsetMaxUs, `jump ${jumpUs}`).toBeLessThanOrEqual(FRAME_US / 2);
    }
  });
});
