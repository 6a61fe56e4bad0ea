import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Fanout, type FanoutTarget } from '../../../../../main/engine/fanout/fanout';
import { TS_PACKET_SIZE, TsPacketizer } from '../../../../../main/engine/fanout/mpegts-packets';

// 2 s of 30 fps H.264 (keyframe every 15 frames) + AAC, muxed by ffmpeg's mpegts muxer.
const FIXTURE = readFileSync(fileURLToPath(new URL('../../../../fixtures/media/testsrc-2s-gop15.ts', import.meta.url)));
const FRAMES = 60;
const KEYFRAMES = 4;

/** Feed the fixture in chunks of an awkward size, as a pipe would deliver it. */
function* chunks(size = 1000): Generator<Buffer> {
  for (let i = 0; i < FIXTURE.length; i += size) yield FIXTURE.subarray(i, i + size);
}

class Collector implements FanoutTarget {
  parts: Buffer[] = [];
  backlog = 0;
  write(data: Buffer): void {
    this.parts.push(Buffer.from(data));
  }
  backlogBytes(): number {
    return this.backlog;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

describe('TsPacketizer', () => {
  it('finds the video PID and counts frames and keyframes across arbitrary chunk boundaries', () => {
    const packetizer = new TsPacketizer();
    let frames = 0;
    let keyChunks = 0;
    let bytes = 0;
    for (const c of chunks(777)) {
      const chunk = packetizer.push(c);
      frames += chunk.videoFrames;
      if (chunk.firstKeyframeOffset >= 0) keyChunks++;
      bytes += chunk.data.length;
      expect(chunk.data.length % TS_PACKET_SIZE).toBe(0);
    }
    expect(packetizer.videoPid).toBe(0x100);
    expect(frames).toBe(FRAMES);
    expect(keyChunks).toBe(KEYFRAMES);
    expect(bytes).toBe(FIXTURE.length);
    expect(packetizer.resyncBytes).toBe(0);
    expect(packetizer.programHeaders()?.length).toBe(2 * TS_PACKET_SIZE);
  });

  it('regains sync after garbage', () => {
    const packetizer = new TsPacketizer();
    const chunk = packetizer.push(Buffer.concat([Buffer.from([1, 2, 3]), FIXTURE.subarray(0, 10 * TS_PACKET_SIZE)]));
    expect(packetizer.resyncBytes).toBe(3);
    expect(chunk.data[0]).toBe(0x47);
  });
});

describe('Fanout', () => {
  it('gives a healthy sink every byte from the first keyframe on', () => {
    const fanout = new Fanout();
    const target = new Collector();
    const sink = fanout.attach('a', target, 1 << 20);
    for (const c of chunks()) fanout.push(c);
    expect(sink.stats().framesSent).toBe(FRAMES);
    expect(sink.stats().framesDropped).toBe(0);
    // PAT+PMT prepended, then the stream byte for byte from the first keyframe on.
    const firstKey = new TsPacketizer().push(FIXTURE).firstKeyframeOffset;
    const out = target.bytes();
    expect(out.subarray(2 * TS_PACKET_SIZE).equals(FIXTURE.subarray(firstKey))).toBe(true);
  });

  it('isolates a slow sink: it drops and rejoins at a keyframe while the other gets everything', () => {
    const fanout = new Fanout();
    const fast = new Collector();
    const slow = new Collector();
    const fastSink = fanout.attach('fast', fast, 1 << 20);
    const slowSink = fanout.attach('slow', slow, 10_000);
    let i = 0;
    for (const c of chunks(2 * TS_PACKET_SIZE)) {
      // The slow destination stalls during the second quarter of the stream.
      const quarter = (i++ * 2 * TS_PACKET_SIZE) / FIXTURE.length;
      slow.backlog = quarter > 0.25 && quarter < 0.5 ? 50_000 : 0;
      fanout.push(c);
    }
    expect(fastSink.stats().framesSent).toBe(FRAMES);
    expect(fastSink.stats().framesDropped).toBe(0);
    const s = slowSink.stats();
    expect(s.framesDropped).toBeGreaterThan(0);
    expect(s.framesSent + s.framesDropped).toBeLessThanOrEqual(FRAMES);
    expect(s.state).toBe('flowing');
    // After rejoining, the slow sink's stream restarts with PAT, PMT and a keyframe.
    const rejoin = slow.parts.findIndex((p, idx) => idx > 0 && p.length === 2 * TS_PACKET_SIZE);
    expect(rejoin).toBeGreaterThan(0);
    const next = slow.parts[rejoin + 1]!;
    expect(next[0]).toBe(0x47);
    expect((next[5]! & 0x40) !== 0).toBe(true); // random access indicator
  });

  it('starts a late sink at the next keyframe with the program headers first', () => {
    const fanout = new Fanout();
    const all = [...chunks(TS_PACKET_SIZE * 3)];
    const half = Math.floor(all.length / 2);
    for (const c of all.slice(0, half)) fanout.push(c);
    const late = new Collector();
    const sink = fanout.attach('late', late, 1 << 20);
    for (const c of all.slice(half)) fanout.push(c);
    const out = late.bytes();
    const check = new TsPacketizer();
    const first = check.push(out.subarray(0, 2 * TS_PACKET_SIZE));
    expect(first.packets.map((p) => p.pid)[0]).toBe(0);
    expect(check.programHeaders()).not.toBeNull();
    expect(sink.stats().framesSent).toBeGreaterThan(0);
    expect(sink.stats().framesSent).toBeLessThan(FRAMES / 2 + 1);
    expect(sink.stats().framesDropped).toBe(0);
  });

  it('sends nothing to a sink without a target, and restarts a re-targeted sink at a keyframe', () => {
    const fanout = new Fanout();
    const sink = fanout.attach('x', null, 1 << 20);
    const all = [...chunks()];
    for (const c of all.slice(0, 20)) fanout.push(c);
    expect(sink.stats().bytesSent).toBe(0);
    const target = new Collector();
    sink.setTarget(target);
    for (const c of all.slice(20)) fanout.push(c);
    expect(sink.stats().state).toBe('flowing');
    expect(target.bytes().readUInt8(0)).toBe(0x47);
  });
});
