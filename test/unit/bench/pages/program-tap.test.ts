import { afterEach, describe, expect, it } from 'vitest';
import { encodeMediaHeader, MEDIA_KIND } from '../../../../preload/contract/media';
import { installProgramTap, type ProgramTap } from '../../../bench/pages/program-tap';

const W = 8;
const H = 4;

/** A stand-in for the browser's WebSocket: records what reaches the real send. */
class FakeSocket {
  static sent: unknown[] = [];
  send(data: unknown): void {
    FakeSocket.sent.push(data);
  }
}

const saved = { window: (globalThis as { window?: unknown }).window, WebSocket: (globalThis as { WebSocket?: unknown }).WebSocket };

function install(): { tap: ProgramTap; socket: WebSocket } {
  FakeSocket.sent = [];
  Object.assign(globalThis, { window: {}, WebSocket: FakeSocket });
  installProgramTap({ width: W, height: H });
  return { tap: (globalThis as unknown as { window: Window }).window.onairProgramTap!, socket: new FakeSocket() as unknown as WebSocket };
}

/** A raw-video media message whose centre pixel is (y, u, v) and every other byte 0. */
function rawFrame(timestampUs: number, y: number, u: number, v: number): Uint8Array<ArrayBuffer> {
  const header = encodeMediaHeader(MEDIA_KIND.rawVideo, timestampUs);
  const i420 = new Uint8Array(W * H * 1.5);
  i420[(H / 2) * W + W / 2] = y;
  const chromaAt = (H / 4) * (W / 2) + W / 4;
  i420[W * H + chromaAt] = u;
  i420[W * H + (W / 2) * (H / 2) + chromaAt] = v;
  const message = new Uint8Array(new ArrayBuffer(header.length + i420.length));
  message.set(header);
  message.set(i420, header.length);
  return message;
}

afterEach(() => Object.assign(globalThis, saved));

describe('installProgramTap', () => {
  it('notes the timestamp and centre pixel of every raw frame sent, and passes every message on unchanged', () => {
    const { tap, socket } = install();
    const frame = rawFrame(1_764_000_000_123_456, 63, 102, 240);
    socket.send(frame);
    socket.send(frame.buffer);
    socket.send('{"type":"hello"}');
    expect(tap.frames).toEqual([
      [1_764_000_000_123_456, 63, 102, 240],
      [1_764_000_000_123_456, 63, 102, 240],
    ]);
    expect(FakeSocket.sent).toEqual([frame, frame.buffer, '{"type":"hello"}']);
  });

  it('counts other media (audio) without noting it as a frame', () => {
    const { tap, socket } = install();
    const audio = new Uint8Array(16 + 1920);
    audio.set(encodeMediaHeader(MEDIA_KIND.audio, 5));
    socket.send(audio);
    expect(tap.frames).toEqual([]);
    expect(tap.otherMedia).toBe(1);
  });
});
