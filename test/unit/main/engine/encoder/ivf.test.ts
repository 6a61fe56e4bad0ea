import { describe, expect, it } from 'vitest';
import { ivfFileHeader, ivfFrameHeader, ivfTimeBase } from '../../../../../main/engine/encoder/ivf';

describe('IVF framing of the encoded path', () => {
  it('writes the 32-byte file header ffmpeg reads: DKIF, H264, size, one tick a frame', () => {
    const h = ivfFileHeader(1280, 720, 30);
    const view = new DataView(h.buffer);
    expect(h.length).toBe(32);
    expect(new TextDecoder().decode(h.subarray(0, 4))).toBe('DKIF');
    expect(view.getUint16(6, true)).toBe(32);
    expect(new TextDecoder().decode(h.subarray(8, 12))).toBe('H264');
    expect([view.getUint16(12, true), view.getUint16(14, true)]).toEqual([1280, 720]);
    expect([view.getUint32(16, true), view.getUint32(20, true)]).toEqual([30, 1]);
  });

  it('gives each access unit its size and its frame slot as timestamp', () => {
    const h = ivfFrameHeader(12345, 61, 30);
    const view = new DataView(h.buffer);
    expect(h.length).toBe(12);
    expect(view.getUint32(0, true)).toBe(12345);
    expect(view.getBigUint64(4, true)).toBe(61n);
  });

  it('ticks at 90 kHz for a frame rate that is not whole', () => {
    expect(ivfTimeBase(29.97)).toMatchObject({ rate: 90_000, scale: 1 });
    const view = new DataView(ivfFrameHeader(1, 3, 29.97).buffer);
    expect(view.getBigUint64(4, true)).toBe(BigInt(Math.round((3 * 90_000) / 29.97)));
  });
});
