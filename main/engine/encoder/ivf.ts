/**
 * IVF framing for the encoded path's video pipe (pure). Annex B on its own
 * carries no timestamps, so ffmpeg had to number the access units by count: one
 * missing picture (the browser's encoder dropped it, or the page dropped frames
 * to the next keyframe under backpressure) put every later picture a frame early
 * against its sound for the rest of the broadcast. IVF is the smallest container
 * ffmpeg reads that gives each unit its own timestamp: a 32-byte file header,
 * then a 12-byte header (size, pts) per unit. ffmpeg's IVF reader takes any
 * BITMAPINFOHEADER tag, 'H264' included.
 *
 * Timestamps count frame slots (time base 1/fps, so ffmpeg knows the rate); a
 * gap is a slot with no picture, which players show as the last picture held.
 */
const FILE_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 12;
const H264_FOURCC = 0x34363248; // 'H264' little-endian

/** Time base as IVF stores it (rate / scale = ticks per second): whole frame rates tick once a frame, others at 90 kHz. */
export function ivfTimeBase(fps: number): { rate: number; scale: number; ticksPerFrame: number } {
  if (Number.isInteger(fps)) return { rate: fps, scale: 1, ticksPerFrame: 1 };
  return { rate: 90_000, scale: 1, ticksPerFrame: 90_000 / fps };
}

export function ivfFileHeader(width: number, height: number, fps: number): Uint8Array {
  const bytes = new Uint8Array(FILE_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set([0x44, 0x4b, 0x49, 0x46]); // 'DKIF'
  view.setUint16(4, 0, true); // version
  view.setUint16(6, FILE_HEADER_BYTES, true);
  view.setUint32(8, H264_FOURCC, true);
  view.setUint16(12, width, true);
  view.setUint16(14, height, true);
  const { rate, scale } = ivfTimeBase(fps);
  view.setUint32(16, rate, true);
  view.setUint32(20, scale, true);
  view.setUint32(24, 0, true); // frame count: unknown, live
  return bytes;
}

/** The header before one access unit of `size` bytes shown at frame slot `slot`. */
export function ivfFrameHeader(size: number, slot: number, fps: number): Uint8Array {
  const bytes = new Uint8Array(FRAME_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, size, true);
  view.setBigUint64(4, BigInt(Math.round(slot * ivfTimeBase(fps).ticksPerFrame)), true);
  return bytes;
}
