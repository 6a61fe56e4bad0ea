import { describe, expect, it } from 'vitest';
import { FrameSplitter, READER_INPUT_ARGS, readerArgs } from '../../bench/stream-frame-reader';

describe('FrameSplitter', () => {
  it('cuts frames across chunk boundaries and keeps the remainder for the next chunk', () => {
    const splitter = new FrameSplitter(4);
    expect(splitter.push(Buffer.from([1, 2, 3]))).toEqual([]);
    const frames = splitter.push(Buffer.from([4, 5, 6, 7, 8, 9, 10]));
    expect(frames.map((f) => [...f])).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    expect(splitter.push(Buffer.from([11, 12])).map((f) => [...f])).toEqual([[9, 10, 11, 12]]);
  });

  it('hands out copies that later chunks do not overwrite', () => {
    const splitter = new FrameSplitter(2);
    const chunk = Buffer.from([1, 2]);
    const [frame] = splitter.push(chunk);
    chunk.fill(0);
    expect([...frame!]).toEqual([1, 2]);
  });

  it('refuses a frame size that is not a positive whole number', () => {
    expect(() => new FrameSplitter(0)).toThrow(RangeError);
    expect(() => new FrameSplitter(1.5)).toThrow(RangeError);
  });
});

describe('readerArgs', () => {
  it('puts the low-delay options before the input and crops after decoding, every frame passed through as decoded', () => {
    const args = readerArgs('rtmp://127.0.0.1:1935/live/k', { x: 0, y: 0, width: 1280, height: 16 }, ['-live_start_index', '-1']);
    const input = args.indexOf('-i');
    expect(args.slice(args.indexOf(READER_INPUT_ARGS[0]), input)).toEqual([...READER_INPUT_ARGS, '-live_start_index', '-1']);
    expect(args[input + 1]).toBe('rtmp://127.0.0.1:1935/live/k');
    expect(args.slice(input)).toEqual(expect.arrayContaining(['crop=1280:16:0:0', 'passthrough', 'rawvideo', 'yuv420p', 'pipe:1']));
  });

  it('refuses a crop off the even pixel grid I420 needs', () => {
    expect(() => readerArgs('x', { x: 1, y: 0, width: 64, height: 16 })).toThrow(RangeError);
    expect(() => readerArgs('x', { x: 0, y: 0, width: 63, height: 16 })).toThrow(RangeError);
  });
});
