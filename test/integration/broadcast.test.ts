/**
 * The engine end to end with real ffmpeg and a real nginx-rtmp on loopback:
 * test card -> pacer -> encoder -> fan-out -> RTMP + HLS + recording.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureAvOffset } from '../helpers/av-sync';
import { startEngine, runFor, TEST_SETTINGS } from '../helpers/engine-harness';
import { keyframeTimes, probeStreams, pullFrames } from '../helpers/ffprobe';
import { NginxRtmp } from '../helpers/nginx-rtmp';

const FPS = TEST_SETTINGS.fps;
const FRAME_S = 1 / FPS;
const BROADCAST_S = 10;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-broadcast-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a 10 s broadcast to RTMP + HLS + recording', () => {
  const origin = new NginxRtmp();
  let recording: string;
  let hlsDir: string;
  let pulled: string;
  let last: Awaited<ReturnType<Awaited<ReturnType<typeof startEngine>>['stop']>>;

  beforeAll(async () => {
    await origin.start();
    recording = join(dir, 'rec.mkv');
    hlsDir = join(dir, 'hls');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(hlsDir);
    const run = await startEngine([
      { id: 'nginx', name: 'nginx', kind: 'rtmp', url: origin.rtmpUrl('key10s') },
      { id: 'hls', name: 'HLS', kind: 'hls', dir: hlsDir, segmentSeconds: 2, playlistLength: 6 },
      { id: 'rec', name: 'Recording', kind: 'record', file: recording },
    ]);
    const started = Date.now();
    await origin.waitForPublisher('key10s', 10_000);
    // Pull the live stream back from the origin while it runs.
    pulled = await pullFrames(origin.rtmpUrl('key10s'), 4);
    await runFor(BROADCAST_S * 1000 - (Date.now() - started));
    last = await run.stop();
  }, 60_000);
  afterAll(() => origin.stop());

  it('reaches the origin as H.264 + AAC at the output size and frame rate', async () => {
    const p = await probeStreams(pulled);
    expect(p.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(p.video?.fps).toBeCloseTo(FPS, 0);
    expect(p.audio).toMatchObject({ codec: 'aac', sampleRate: 48_000, channels: 2 });
  });

  it('records 10 s within two frames, H.264 High, BT.709, keyframes every 2 s (±1 frame)', async () => {
    const p = await probeStreams(recording);
    expect(p.video).toMatchObject({ codec: 'h264', profile: 'High', width: 640, height: 360, colorSpace: 'bt709', colorRange: 'tv' });
    expect(Math.abs(p.durationS! - BROADCAST_S)).toBeLessThanOrEqual(2 * FRAME_S + 0.03);
    const keys = await keyframeTimes(recording);
    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < keys.length; i++) expect(Math.abs(keys[i]! - keys[i - 1]! - 2)).toBeLessThanOrEqual(FRAME_S + 0.001);
  });

  it('keeps audio and video within one frame (flash and beep of the test card)', async () => {
    const av = await measureAvOffset(recording, { fps: FPS });
    expect(av.pairs.length).toBeGreaterThanOrEqual(8);
    expect(av.maxAbsOffsetMs).toBeLessThanOrEqual(1000 / FPS);
  });

  it('writes a valid HLS playlist with 2 s segments', async () => {
    const playlist = await readFile(join(hlsDir, 'index.m3u8'), 'utf8');
    expect(playlist).toMatch(/^#EXTM3U/);
    expect(playlist).toMatch(/#EXT-X-TARGETDURATION:2\b/);
    expect(playlist).toMatch(/#EXT-X-PROGRAM-DATE-TIME:/);
    const durations = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
    expect(durations.length).toBeGreaterThanOrEqual(3);
    for (const d of durations.slice(0, -1)) expect(d).toBeCloseTo(2, 1);
    const p = await probeStreams(join(hlsDir, 'index.m3u8'));
    expect(p.video?.codec).toBe('h264');
    expect(p.audio?.codec).toBe('aac');
  });

  it('reported healthy numbers while live', () => {
    expect(last.encoder?.framesOut).toBeGreaterThanOrEqual(BROADCAST_S * FPS - 3);
    expect(last.encoder?.dropped).toBe(0);
    expect(last.outputs.map((o) => o.state)).toEqual(['live', 'live', 'live']);
    for (const o of last.outputs) expect(o.framesDropped).toBe(0);
    expect(last.outputs.find((o) => o.id === 'nginx')!.bitrateKbps).toBeGreaterThan(500);
  });
});

describe('two RTMP destinations, one origin killed mid-stream', () => {
  it('keeps the other destination and the recording whole, and reconnects the dead one when it returns', async () => {
    const a = new NginxRtmp();
    const b = new NginxRtmp();
    await Promise.all([a.start(), b.start()]);
    const recording = join(dir, 'two.mkv');
    try {
      const run = await startEngine([
        { id: 'a', name: 'A', kind: 'rtmp', url: a.rtmpUrl('a') },
        { id: 'b', name: 'B', kind: 'rtmp', url: b.rtmpUrl('b') },
        { id: 'rec', name: 'Recording', kind: 'record', file: recording },
      ]);
      const started = Date.now();
      await Promise.all([run.waitForOutput('a', 'live', 10_000), run.waitForOutput('b', 'live', 10_000)]);
      await runFor(1000);
      await b.kill();
      await run.waitForOutput('b', 'reconnecting', 15_000);
      await runFor(3000);
      await b.restart();
      const back = await run.waitForOutput('b', 'live', 20_000);
      await b.waitForPublisher('b', 10_000);
      await runFor(1000);
      const wallS = (Date.now() - started) / 1000;
      const last = await run.stop();

      expect(back.reconnects).toBeGreaterThanOrEqual(1);
      const health = (id: string) => last.outputs.find((o) => o.id === id)!;
      expect(health('b').downtimeS).toBeGreaterThan(2);
      // A never left 'live' and lost nothing.
      expect(run.outputEvents.filter((e) => e.id === 'a').map((e) => e.state)).toEqual(['connecting', 'live', 'stopped']);
      expect(health('a').framesDropped).toBe(0);
      expect(health('rec').framesDropped).toBe(0);
      expect(health('rec').reconnects).toBe(0);
      // The recording covers the whole broadcast without a gap.
      const p = await probeStreams(recording);
      expect(Math.abs(p.durationS! - wallS)).toBeLessThan(1);
      const keys = await keyframeTimes(recording);
      for (let i = 1; i < keys.length; i++) expect(keys[i]! - keys[i - 1]!).toBeLessThanOrEqual(2 + FRAME_S + 0.001);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 90_000);
});

describe('a stream key the server refuses', () => {
  it('fails that output after three refusals instead of retrying forever, while another key stays live', async () => {
    const origin = new NginxRtmp({ onPublish: { allowedKeys: ['good'] } });
    await origin.start();
    try {
      const run = await startEngine([
        { id: 'bad', name: 'Bad key', kind: 'rtmp', url: origin.rtmpUrl('bad') },
        { id: 'good', name: 'Good key', kind: 'rtmp', url: origin.rtmpUrl('good') },
      ]);
      const failed = await run.waitForOutput('bad', 'failed', 30_000);
      await run.waitForOutput('good', 'live', 10_000);
      await runFor(3000);
      const last = await run.stop();
      expect(failed.lastError).toMatch(/refused the stream 3 times.*stream key/);
      expect(origin.publishCalls().filter((c) => c.name === 'bad')).toHaveLength(3);
      expect(last.outputs.find((o) => o.id === 'good')!.state).toBe('live');
      // The key never appears in what the engine logged.
      expect(run.logs.map((l) => l.message).join('\n')).not.toMatch(/\/live\/(bad|good)\b/);
    } finally {
      await origin.stop();
    }
  }, 60_000);
});
