import { describe, expect, it } from 'vitest';
import { PCM_BYTES_PER_FRAME, PCM_CHUNK_FRAMES, PcmChunker, floatToS16, interleaveS16, type PcmChunk } from '../../../../renderer/audio/pcm';

const QUANTUM = 128;

function samples(chunk: PcmChunk): number[] {
  const view = new DataView(chunk.data.buffer);
  const out: number[] = [];
  for (let i = 0; i < chunk.data.byteLength; i += 2) out.push(view.getInt16(i, true));
  return out;
}

describe('floatToS16', () => {
  it.each([
    [0, 0],
    [1, 32767],
    [-1, -32767],
    [0.5, 16384],
    [-0.5, -16384],
    [1e-6, 0],
  ])('%f -> %d', (x, s) => expect(floatToS16(x)).toBe(s));

  it('clips beyond full scale instead of wrapping around', () => {
    expect(floatToS16(1.13)).toBe(32767);
    expect(floatToS16(-4)).toBe(-32768);
    expect(floatToS16(Infinity)).toBe(32767);
  });

  it('turns NaN into silence', () => {
    expect(floatToS16(Number.NaN)).toBe(0);
  });
});

describe('interleaveS16', () => {
  it('writes L R L R little-endian from the given frame on', () => {
    const out = new DataView(new ArrayBuffer(3 * PCM_BYTES_PER_FRAME));
    interleaveS16(Float32Array.from([9, 0.5, -0.25]), Float32Array.from([9, -1, 2]), 1, 2, out, 1);
    expect([...new Int16Array(out.buffer)]).toEqual([0, 0, 16384, -32767, -8192, 32767]);
    expect(new Uint8Array(out.buffer, 4, 2)).toEqual(Uint8Array.from([0x00, 0x40])); // 16384 little-endian
  });

  it('copies a mono source to both sides and writes silence for no channels', () => {
    const mono = new DataView(new ArrayBuffer(2 * PCM_BYTES_PER_FRAME));
    interleaveS16(Float32Array.from([0.5, -0.5]), undefined, 0, 2, mono, 0);
    expect([...new Int16Array(mono.buffer)]).toEqual([16384, 16384, -16384, -16384]);
    const none = new DataView(new Uint8Array(2 * PCM_BYTES_PER_FRAME).fill(7).buffer);
    interleaveS16(undefined, undefined, 0, 2, none, 0);
    expect([...new Int16Array(none.buffer)]).toEqual([0, 0, 0, 0]);
  });
});

describe('PcmChunker', () => {
  /** Feeds `quanta` quanta of a ramp (sample n = n / 32767, left; -n right) starting at frame `first`. */
  function feed(chunker: PcmChunker, quanta: number, first = 0): void {
    for (let q = 0; q < quanta; q++) {
      const start = first + q * QUANTUM;
      const left = new Float32Array(QUANTUM).map((_, i) => (start + i) / 32767);
      const right = left.map((x) => -x);
      chunker.push(left, right, QUANTUM, start);
    }
  }

  it('cuts 128-frame quanta into 480-frame chunks stamped with their first frame', () => {
    const chunks: PcmChunk[] = [];
    const chunker = new PcmChunker((c) => chunks.push(c));
    feed(chunker, 15); // 1920 frames = 4 chunks exactly
    expect(chunks.map((c) => c.startFrame)).toEqual([0, 480, 960, 1440]);
    for (const c of chunks) expect(c.data.byteLength).toBe(PCM_CHUNK_FRAMES * PCM_BYTES_PER_FRAME);
  });

  it('keeps every sample, in order, across quantum boundaries', () => {
    const chunks: PcmChunk[] = [];
    const chunker = new PcmChunker((c) => chunks.push(c));
    feed(chunker, 15, 1000);
    const all = chunks.flatMap(samples);
    expect(all.length).toBe(1920 * 2);
    all.forEach((s, i) => expect(s).toBe(i % 2 === 0 ? 1000 + i / 2 : -(1000 + (i - 1) / 2)));
  });

  it('hands each chunk its own buffer (the worklet transfers them)', () => {
    const chunks: PcmChunk[] = [];
    const chunker = new PcmChunker((c) => chunks.push(c));
    feed(chunker, 8);
    expect(chunks[0]!.data.buffer).not.toBe(chunks[1]!.data.buffer);
  });

  it('after a jump in the audio clock, emits the half-filled chunk padded with silence and restarts at the new frame', () => {
    const chunks: PcmChunk[] = [];
    const chunker = new PcmChunker((c) => chunks.push(c));
    feed(chunker, 1, 0); // 128 frames, no chunk yet
    feed(chunker, 4, 48_000); // resumed a second later
    expect(chunks.map((c) => c.startFrame)).toEqual([0, 48_000]);
    const first = samples(chunks[0]!);
    expect(first[2 * 127]).toBe(127);
    expect(first.slice(2 * 128).every((s) => s === 0)).toBe(true);
    expect(samples(chunks[1]!)[0]).toBe(32767); // 48000/32767 > 1: clipped
  });
});
