/**
 * Media messages from the compositor into the engine. Over WebSocket each is one
 * binary message: a fixed 16-byte header, then the payload. Over Electron IPC the
 * same bytes travel through a MessagePort.
 *
 *   byte 0      kind: 1 = raw video (I420), 2 = encoded video (H.264 Annex B access unit), 3 = audio (s16le 48 kHz stereo)
 *   byte 1      flags: bit 0 = keyframe (encoded video)
 *   bytes 2-7   reserved, zero
 *   bytes 8-15  timestamp: µs on the studio clock, float64 little-endian
 */
export const MEDIA_HEADER_BYTES = 16;
export const MEDIA_KIND = { rawVideo: 1, encodedVideo: 2, audio: 3 } as const;
export type MediaKind = (typeof MEDIA_KIND)[keyof typeof MEDIA_KIND];
export const FLAG_KEYFRAME = 1;
/** Largest media message accepted: a 4K I420 frame plus header. */
export const MAX_MEDIA_BYTES = 3840 * 2160 * 1.5 + MEDIA_HEADER_BYTES;

export interface MediaMessage {
  kind: MediaKind;
  keyframe: boolean;
  timestampUs: number;
  payload: Uint8Array;
}

export function encodeMediaHeader(kind: MediaKind, timestampUs: number, keyframe = false): Uint8Array {
  const header = new Uint8Array(MEDIA_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint8(0, kind);
  view.setUint8(1, keyframe ? FLAG_KEYFRAME : 0);
  view.setFloat64(8, timestampUs, true);
  return header;
}

/** Parse and validate one media message; a string says what is wrong. */
export function decodeMediaMessage(bytes: Uint8Array): MediaMessage | string {
  if (bytes.length < MEDIA_HEADER_BYTES) return `a media message needs at least ${MEDIA_HEADER_BYTES} bytes, got ${bytes.length}`;
  if (bytes.length > MAX_MEDIA_BYTES) return `a media message may be at most ${MAX_MEDIA_BYTES} bytes, got ${bytes.length}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = view.getUint8(0);
  if (kind !== MEDIA_KIND.rawVideo && kind !== MEDIA_KIND.encodedVideo && kind !== MEDIA_KIND.audio) return `unknown media kind ${kind}`;
  const timestampUs = view.getFloat64(8, true);
  if (!Number.isFinite(timestampUs) || timestampUs < 0) return 'the media timestamp must be a finite, non-negative number of microseconds';
  return { kind, keyframe: (view.getUint8(1) & FLAG_KEYFRAME) !== 0, timestampUs, payload: bytes.subarray(MEDIA_HEADER_BYTES) };
}
