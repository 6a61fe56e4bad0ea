import { describe, expect, it } from 'vitest';
import { AudioQueue } from '../../../../../main/engine/pacer/audio-queue';

/** `frames` sample frames of stereo s16 whose left sample counts up from `first`. */
function ramp(first: number, frames: number): Uint8Array {
  const bytes = new Uint8Array(frames * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < frames; i++) view.setInt16(i * 4, first + i, true);
  return bytes;
}

function lefts(parts: Uint8Array[]): number[] {
  const out: number[] = [];
  for (const p of parts) {
    const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
    for (let i = 0; i < p.byteLength; i += 4) out.push(view.getInt16(i, true));
  }
  return out;
}

describe('AudioQueue.shiftHead', () => {
  it('puts silence before what is queued: the head stands for an earlier time, later chunks still line up', () => {
    const q = new AudioQueue();
    q.push(ramp(1, 480), 1_000_000);
    q.shiftHead(48); // 1 ms
    expect(q.tsAt(q.head)).toBe(999_000);
    q.push(ramp(481, 480), 1_010_000);
    expect(q.stats.silenceFrames).toBe(48);
    const out = lefts(q.take(q.head + 1008));
    expect(out.slice(0, 48).every((x) => x === 0)).toBe(true);
    expect(out.slice(48)).toEqual([...Array(960).keys()].map((i) => i + 1));
  });

  it('drops the oldest audio: the head stands for a later time, later chunks still line up', () => {
    const q = new AudioQueue();
    q.push(ramp(1, 480), 1_000_000);
    q.shiftHead(-96); // 2 ms
    expect(q.tsAt(q.head)).toBe(1_002_000);
    q.push(ramp(481, 480), 1_010_000);
    expect(q.stats.trimmedFrames).toBe(96);
    expect(lefts(q.take(q.head + 864))).toEqual([...Array(864).keys()].map((i) => i + 97));
  });

  it('refuses to drop more than is queued', () => {
    const q = new AudioQueue();
    q.push(ramp(1, 480), 1_000_000);
    expect(() => q.shiftHead(-481)).toThrow(/cannot drop 481/);
  });
});
