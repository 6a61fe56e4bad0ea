import { describe, expect, it } from 'vitest';
import { PCM_BYTES_PER_FRAME, PCM_CHUNK_FRAMES, PCM_MAX_FILL_FRAMES, PcmChunker, floatToS16, interleaveS16, type PcmChunk } from '../../../../renderer/audio/pcm';

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

  /** One quantum of the ramp for frames [start, start + 128), labelled `label`. */
  function quantum(chunker: PcmChunker, start: number, label = start): void {
    const left = new Float32Array(QUANTUM).map((_, i) => (start + i) / 32767);
    chunker.push(left, left.map((x) => -x), QUANTUM, label);
  }

  it('counts frames through a stale label (Chromium: the same currentFrame twice, then one ahead): no gap, no silence', () => {
    const chunks: PcmChunk[] = [];
    const chunker = new PcmChunker((c) => chunks.push(c));
    for (let q = 0; q < 15; q++) quantum(chunker, 1000 + q * QUANTUM, q === 6 ? 1000 + 5 * QUANTUM : undefined);
    expect(chunks.map((c) => c.startFrame)).toEqual([1000, 1480, 1960, 2440]);
    const all = chunks.flatMap(samples).filter((_, i) => i % 2 === 0);
    expect(all).toEqual([...Array(1920).keys()].map((i) => 1000 + i));
  });

  it('counts frames through a label one quantum ahead, once', () => {
    const chunks: PcmChunk[] = [];
    const chunker = new PcmChunker((c) => chunks.push(c));
    for (let q = 0; q < 15; q++) quantum(chunker, q * QUANTUM, q === 6 ? 7 * QUANTUM : undefined);
    expect(chunks.map((c) => c.startFrame)).toEqual([0, 480, 960, 1440]);
    expect(chunks.flatMap(samples).filter((_, i) => i % 2 === 0)).toEqual([...Array(1920).keys()]);
  });

  it('fills a real gap (two quanta agree on it) with silence, so every later sample sits at its own frame', () => {
    const chunks: PcmChunk[] = [];
    const chunker = new PcmChunker((c) => chunks.push(c));
    const gap = 300;
    for (let q = 0; q < 4; q++) quantum(chunker, q * QUANTUM);
    for (let q = 4; q < 15; q++) quantum(chunker, q * QUANTUM + gap);
    const left = chunks.flatMap(samples).filter((_, i) => i % 2 === 0);
    expect(chunks.map((c) => c.startFrame)).toEqual([0, 480, 960, 1440]);
    // The quantum that showed the gap first stays before it (its frames 812..939 at 512..639); then 300 frames of silence.
    expect(left.slice(0, 512)).toEqual([...Array(512).keys()]);
    expect(left.slice(512, 640)).toEqual([...Array(128).keys()].map((i) => 812 + i));
    expect(left.slice(640, 640 + gap).every((x) => x === 0)).toBe(true);
    // From there on, sample n of the stream is frame n of the clock.
    for (let n = 940; n < left.length; n++) expect(left[n]).toBe(n);
  });

  it('after a long jump (the node ran without this graph for over a second), ends the chunk at its real length and restarts at the new frame', () => {
    const chunks: PcmChunk[] = [];
    const chunker = new PcmChunker((c) => chunks.push(c));
    quantum(chunker, 0);
    quantum(chunker, 128); // 256 frames, no chunk yet
    for (let q = 0; q < 5; q++) quantum(chunker, PCM_MAX_FILL_FRAMES + 1000 + q * QUANTUM);
    // The quantum that showed the jump first is counted on the old side (frames 256..383).
    expect(chunks.map((c) => c.startFrame)).toEqual([0, PCM_MAX_FILL_FRAMES + 1128]);
    expect(chunks[0]!.data.byteLength).toBe(384 * PCM_BYTES_PER_FRAME);
    expect(samples(chunks[1]!)[0]).toBe(32767); // the ramp's frame 49128 / 32767 > 1: clipped
    expect(chunks[1]!.data.byteLength).toBe(PCM_CHUNK_FRAMES * PCM_BYTES_PER_FRAME);
  });
});
