/**
 * A passive tap on the real studio UI's program output, installed by the bench
 * with Playwright's addInitScript before the UI loads: it wraps WebSocket so
 * that every raw-video media message (preload/contract/media.ts: kind 1, a
 * 16-byte header with the studio-clock timestamp, then I420) the UI sends to the
 * engine is noted as [timestamp µs, Y, U, V] at the picture's centre. Nothing is
 * changed or delayed beyond reading four bytes; frames the UI's sender drops on
 * backpressure are never sent, so they show as timestamp gaps.
 *
 * installProgramTap is serialised into the page: it may use nothing from outside
 * its own body.
 */

export interface ProgramTapConfig {
  width: number;
  height: number;
}

export interface ProgramTap {
  /** One entry per raw frame sent: [timestamp µs, Y, U, V] at the centre pixel. */
  frames: [number, number, number, number][];
  /** Binary messages that were not raw video (audio, encoded video). */
  otherMedia: number;
}

declare global {
  interface Window {
    onairProgramTap?: ProgramTap;
  }
}

export function installProgramTap(cfg: ProgramTapConfig): void {
  const RAW_VIDEO = 1;
  const HEADER_BYTES = 16;
  const tap: ProgramTap = { frames: [], otherMedia: 0 };
  window.onairProgramTap = tap;
  const w = cfg.width;
  const h = cfg.height;
  const yAt = HEADER_BYTES + (h / 2) * w + w / 2;
  const uAt = HEADER_BYTES + w * h + (h / 4) * (w / 2) + w / 4;
  const vAt = uAt + (w / 2) * (h / 2);
  const original = WebSocket.prototype.send;
  WebSocket.prototype.send = function send(this: WebSocket, data: Parameters<WebSocket['send']>[0]): void {
    if (typeof data !== 'string' && !(data instanceof Blob)) {
      const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
      if (bytes[0] === RAW_VIDEO && bytes.length > vAt) {
        const ts = new DataView(bytes.buffer, bytes.byteOffset + 8, 8).getFloat64(0, true);
        tap.frames.push([ts, bytes[yAt]!, bytes[uAt]!, bytes[vAt]!]);
      } else tap.otherMedia++;
    }
    original.call(this, data);
  };
}
