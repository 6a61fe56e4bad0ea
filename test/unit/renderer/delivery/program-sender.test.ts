import { describe, expect, it } from 'vitest';
import { FLAG_KEYFRAME, MEDIA_HEADER_BYTES, MEDIA_KIND } from '../../../../preload/contract/media';
import type { ProgramFrame } from '../../../../renderer/compositor/shared/types';
import { ProgramSender, type MediaRequest } from '../../../../renderer/delivery/program-sender';
import { ENCODED_BACKLOG_S, MIN_VIDEO_BACKLOG_BYTES, RAW_BACKLOG_FRAMES, rawFrameBytes, videoBacklogLimitBytes } from '../../../../renderer/delivery/video-drop-policy';
import { FakeMediaTransport } from './fake-media-transport';

const RAW: MediaRequest = { send: true, path: 'raw', width: 64, height: 36, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 2500 };
const ENCODED: MediaRequest = { ...RAW, path: 'encoded', width: 1280, height: 720, videoBitrateKbps: 4000 };
const RAW_LIMIT = videoBacklogLimitBytes(RAW);

/** Stand-ins for the compositor and the mixer that let the test push frames and chunks. */
class FakeSources {
  private frameCb: ((f: ProgramFrame) => void) | null = null;
  private pcmCb: ((c: { data: Uint8Array; timestampUs: number }) => void) | null = null;
  keyframeRequests = 0;
  subscriptions = 0;
  readonly compositor = {
    onProgramFrame: (cb: (f: ProgramFrame) => void) => {
      this.subscriptions++;
      this.frameCb = cb;
      return () => (this.frameCb = null);
    },
    requestKeyframe: () => this.keyframeRequests++,
  };
  readonly mixer = {
    onPcm: (cb: (c: { data: Uint8Array; timestampUs: number }) => void) => {
      this.pcmCb = cb;
      return () => (this.pcmCb = null);
    },
  };
  get subscribed(): boolean {
    return this.frameCb !== null && this.pcmCb !== null;
  }
  raw(ts: number, bytes = rawFrameBytes(RAW)): void {
    this.frameCb?.({ kind: 'raw', data: new Uint8Array(bytes).fill(7), timestampUs: ts });
  }
  encoded(ts: number, keyframe: boolean): void {
    this.frameCb?.({ kind: 'encoded', data: Uint8Array.from([0, 0, 0, 1, keyframe ? 0x65 : 0x41]), keyframe, timestampUs: ts });
  }
  pcm(ts: number): void {
    this.pcmCb?.({ data: new Uint8Array(1920).fill(1), timestampUs: ts });
  }
}

function setup(request = RAW) {
  const transport = new FakeMediaTransport();
  let nowMs = 0;
  const sender = new ProgramSender(transport, { backlogBytes: transport.backlogBytes, nowMs: () => nowMs });
  const sources = new FakeSources();
  sender.start(request, sources);
  return { transport, sender, sources, advance: (ms: number) => (nowMs += ms) };
}

describe('ProgramSender: the media messages', () => {
  it('sends a raw frame as kind 1 with its timestamp, header and payload as two parts', () => {
    const { transport, sources } = setup();
    sources.raw(1_700_000_000_123_456);
    const [header, payload] = transport.calls[0]!;
    expect(header!.byteLength).toBe(MEDIA_HEADER_BYTES);
    expect(payload!.byteLength).toBe(rawFrameBytes(RAW));
    expect(transport.messages[0]).toMatchObject({ kind: MEDIA_KIND.rawVideo, keyframe: false, timestampUs: 1_700_000_000_123_456 });
    // The header's bytes, as the engine reads them: kind, flags, zero padding, float64 LE.
    const view = new DataView(header!.buffer, header!.byteOffset);
    expect([header![0], header![1], ...header!.subarray(2, 8)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(view.getFloat64(8, true)).toBe(1_700_000_000_123_456);
  });

  it('sends an encoded access unit as kind 2 with the keyframe flag', () => {
    const { transport, sources } = setup(ENCODED);
    sources.encoded(1000, true);
    sources.encoded(34_333, false);
    expect(transport.messages.map((m) => [m.kind, m.keyframe, m.timestampUs])).toEqual([
      [MEDIA_KIND.encodedVideo, true, 1000],
      [MEDIA_KIND.encodedVideo, false, 34_333],
    ]);
    expect(transport.calls[0]![0]![1]).toBe(FLAG_KEYFRAME);
  });

  it('sends PCM as kind 3, payload untouched', () => {
    const { transport, sources, sender } = setup();
    sources.pcm(5_000);
    expect(transport.messages[0]).toMatchObject({ kind: MEDIA_KIND.audio, timestampUs: 5_000 });
    expect(transport.messages[0]!.payload).toEqual(new Uint8Array(1920).fill(1));
    expect(sender.stats().audioSent).toBe(1);
  });

  it('does not send what the engine would refuse: the other path, a raw frame of the wrong size, a bad timestamp', () => {
    const { transport, sources, sender } = setup();
    sources.encoded(1, true);
    sources.raw(2, rawFrameBytes(RAW) - 1);
    sources.raw(Number.NaN);
    sources.raw(-5);
    expect(transport.calls).toHaveLength(0);
    expect(sender.stats()).toMatchObject({ videoSent: 0, videoRejected: 4 });
  });

  it('counts bytes per second over the last second, headers included', () => {
    const { sources, sender, advance } = setup();
    for (let i = 0; i < 100; i++) {
      sources.pcm(i * 10_000);
      advance(10);
    }
    expect(sender.stats().bytesPerS).toBe(99 * (1920 + MEDIA_HEADER_BYTES)); // the first one left the window
  });
});

describe('ProgramSender: backpressure', () => {
  it(`allows ${RAW_BACKLOG_FRAMES} raw frames of backlog (at least ${MIN_VIDEO_BACKLOG_BYTES} bytes)`, () => {
    expect(RAW_LIMIT).toBe(Math.max(MIN_VIDEO_BACKLOG_BYTES, RAW_BACKLOG_FRAMES * rawFrameBytes(RAW)));
    expect(videoBacklogLimitBytes({ ...RAW, width: 1920, height: 1080 })).toBe(RAW_BACKLOG_FRAMES * 1920 * 1080 * 1.5);
  });

  it(`allows ${ENCODED_BACKLOG_S} s of the target bitrate when encoded (at least ${MIN_VIDEO_BACKLOG_BYTES} bytes)`, () => {
    expect(videoBacklogLimitBytes({ ...ENCODED, videoBitrateKbps: 20_000 })).toBe(((20_000 * 1000) / 8) * ENCODED_BACKLOG_S);
    expect(videoBacklogLimitBytes({ ...ENCODED, videoBitrateKbps: 1000 })).toBe(MIN_VIDEO_BACKLOG_BYTES);
  });

  it('drops video past the backlog limit and counts it, but always sends audio', () => {
    const { transport, sources, sender } = setup();
    sources.raw(0);
    transport.backlog = RAW_LIMIT + 1;
    sources.raw(33_333);
    sources.pcm(40_000);
    sources.raw(66_667);
    transport.backlog = RAW_LIMIT;
    sources.raw(100_000);
    expect(transport.messages.map((m) => m.kind)).toEqual([MEDIA_KIND.rawVideo, MEDIA_KIND.audio, MEDIA_KIND.rawVideo]);
    expect(sender.stats()).toMatchObject({ videoSent: 2, videoDropped: 2, audioSent: 1 });
  });

  it('encoded: after a drop, drops every frame up to the next keyframe and asks the compositor for one', () => {
    const { transport, sources, sender } = setup(ENCODED);
    sources.encoded(0, true);
    transport.backlog = 10 * 1024 * 1024;
    sources.encoded(1, false); // dropped: backlog
    transport.backlog = 0;
    sources.encoded(2, false); // dropped: its reference is gone
    sources.encoded(3, false);
    sources.encoded(4, true); // recovers
    sources.encoded(5, false);
    expect(transport.messages.map((m) => m.timestampUs)).toEqual([0, 4, 5]);
    expect(sender.stats()).toMatchObject({ videoSent: 3, videoDropped: 3 });
    expect(sources.keyframeRequests).toBe(1);
  });

  it('counts a frame the transport refused as dropped, and audio it refused as refused', () => {
    const { transport, sources, sender } = setup(ENCODED);
    transport.refuse = true;
    sources.encoded(0, false);
    sources.pcm(0);
    transport.refuse = false;
    sources.encoded(1, false); // still waiting for a keyframe
    expect(sender.stats()).toMatchObject({ videoSent: 0, videoDropped: 2, audioSent: 0, audioRefused: 1 });
  });
});

describe('ProgramSender: following the engine\'s media requests', () => {
  /** Stand-in for the client's event side: the test emits 'mediaRequest'. */
  function events() {
    let cb: ((r: MediaRequest) => void) | null = null;
    return {
      on: (_event: 'mediaRequest', listener: (r: MediaRequest) => void) => {
        cb = listener;
        return () => (cb = null);
      },
      emit: (r: MediaRequest) => cb?.(r),
      get listening() {
        return cb !== null;
      },
    };
  }

  it('starts on send, stops on send false, and tells the caller every request', () => {
    const transport = new FakeMediaTransport();
    const sender = new ProgramSender(transport);
    const sources = new FakeSources();
    const bus = events();
    const seen: MediaRequest[] = [];
    const unfollow = sender.follow(bus, sources, (r) => seen.push(r));
    expect(sender.sending).toBe(false);
    bus.emit(RAW);
    expect(sender.sending).toBe(true);
    sources.raw(0);
    bus.emit({ ...RAW, send: false });
    expect(sender.sending).toBe(false);
    expect(sources.subscribed).toBe(false);
    sources.raw(1);
    expect(transport.messages).toHaveLength(1);
    expect(seen.map((r) => r.send)).toEqual([true, false]);
    unfollow();
    expect(bus.listening).toBe(false);
  });

  it('restarts in the new format when the path or size changes, and ignores a repeat', () => {
    const transport = new FakeMediaTransport();
    const sender = new ProgramSender(transport);
    const sources = new FakeSources();
    const bus = events();
    sender.follow(bus, sources);
    bus.emit(RAW);
    bus.emit(RAW);
    expect(sources.subscriptions).toBe(1);
    sources.raw(0);
    bus.emit(ENCODED);
    expect(sources.subscriptions).toBe(2);
    sources.raw(1); // raw no longer wanted
    sources.encoded(2, true);
    expect(transport.messages.map((m) => m.kind)).toEqual([MEDIA_KIND.rawVideo, MEDIA_KIND.encodedVideo]);
    expect(sender.stats().videoRejected).toBe(1);
  });
});
