/**
 * Proves the test helpers against the real thing: nginx-rtmp started by
 * NginxRtmp, a plain ffmpeg publisher, and ffprobe reading what arrived.
 *
 * It also checks how ffmpeg fails when an RTMP push goes wrong. With
 * ONAIR_CAPTURE_FIXTURES=1 it writes ffmpeg's exact stderr for each failure into
 * test/fixtures/ffmpeg/, once with `-hide_banner -loglevel warning` and once with
 * `-loglevel info`, for the output log parser's tests.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg, startFfmpeg, testPushArgs, type RunningTool, type ToolResult } from '../helpers/ffmpeg-process';
import { frameCount, keyframeTimes, probeStreams, pullFrames } from '../helpers/ffprobe';
import { NginxRtmp } from '../helpers/nginx-rtmp';
import { freePort } from '../helpers/ports';

const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/ffmpeg/', import.meta.url));
const CAPTURE_FIXTURES = process.env['ONAIR_CAPTURE_FIXTURES'] === '1';

const PUSH_DURATION_S = 5;
const FPS = 30;
const GOP_FRAMES = 60;
const KEYFRAME_INTERVAL_S = GOP_FRAMES / FPS;
const PULL_DURATION_S = 2;
const PUBLISHER_WAIT_MS = 15_000;
/** A push that fails at connect exits within a second; this only bounds a hang. */
const FAILING_PUSH_TIMEOUT_MS = 20_000;
const PUSH_TIMEOUT_MS = 60_000;
const HLS_WAIT_MS = 15_000;
const HLS_POLL_INTERVAL_MS = 200;

/** What ffmpeg 5.1 exits with for every failure here (255 is reserved for signals). */
const FFMPEG_FAILED_EXIT_CODE = 1;

const LOG_LEVELS = {
  warning: ['-hide_banner', '-loglevel', 'warning'],
  info: ['-loglevel', 'info'],
} as const;
type LogLevel = keyof typeof LOG_LEVELS;

/** Publishers still running when a test ends (a failed assertion) are stopped. */
const pushes: RunningTool[] = [];
function push(url: string, level: LogLevel = 'warning', durationS?: number): RunningTool {
  const args = testPushArgs({ url, gop: GOP_FRAMES, fps: FPS, logArgs: LOG_LEVELS[level], ...(durationS ? { durationS } : {}) });
  const running = startFfmpeg(args, PUSH_TIMEOUT_MS);
  pushes.push(running);
  return running;
}
afterEach(async () => {
  await Promise.all(pushes.splice(0).map((running) => running.stop()));
});

async function recordFixture(name: string, level: LogLevel, result: ToolResult): Promise<void> {
  const path = join(FIXTURE_DIR, `${name}.loglevel-${level}.txt`);
  if (CAPTURE_FIXTURES) {
    await mkdir(FIXTURE_DIR, { recursive: true });
    await writeFile(path, result.stderr);
  }
  expect(existsSync(path), `${path} missing: run with ONAIR_CAPTURE_FIXTURES=1`).toBe(true);
}

describe('NginxRtmp with recording and HLS', () => {
  const origin = new NginxRtmp({ record: true, hls: true });
  beforeAll(() => origin.start());
  afterAll(() => origin.stop());

  it('takes a publisher, shows it on the stat page, serves it live, and records what arrived', async () => {
    const publisher = push(origin.rtmpUrl('cam'), 'warning', PUSH_DURATION_S);

    const live = await origin.waitForPublisher('cam', PUBLISHER_WAIT_MS);
    expect(live.publishing).toBe(true);
    expect(live.video).toMatchObject({ codec: 'H264', width: 320, height: 240, frameRate: FPS });
    expect(live.audio).toMatchObject({ codec: 'AAC', sampleRate: 48_000 });

    const [capture, playlist] = await Promise.all([
      pullFrames(origin.rtmpUrl('cam'), PULL_DURATION_S),
      waitForHlsPlaylist(origin.hlsPlaylistUrl('cam')),
    ]);
    expect(playlist).toMatch(/^#EXTM3U/);
    expect(playlist).toMatch(/cam-\d+\.ts/);

    const pushed = await publisher.done;
    expect(pushed.code, pushed.stderr).toBe(0);

    try {
      const pulled = await probeStreams(capture);
      expect(pulled.formatName).toBe('mpegts');
      expect(pulled.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
      expect(pulled.audio).toMatchObject({ codec: 'aac', sampleRate: 48_000, channels: 2 });
    } finally {
      await rm(dirname(capture), { recursive: true, force: true });
    }

    const recording = origin.recordingPath('cam');
    const recorded = await probeStreams(recording);
    expect(recorded.formatName).toBe('flv');
    expect(recorded.video).toMatchObject({ codec: 'h264', profile: 'High', width: 320, height: 240, fps: FPS, pixFmt: 'yuv420p' });
    expect(recorded.audio).toMatchObject({ codec: 'aac', profile: 'LC', sampleRate: 48_000, channels: 2 });
    // FLV timestamps are whole milliseconds, so the average rate is only close to 30.
    expect(recorded.video?.avgFrameRate).toBeCloseTo(FPS, 0);
    expect(recorded.durationS).toBeGreaterThan(PUSH_DURATION_S - 0.5);
    expect(recorded.durationS).toBeLessThan(PUSH_DURATION_S + 0.5);
    expect(await frameCount(recording)).toBe(PUSH_DURATION_S * FPS);

    const keyframes = await keyframeTimes(recording);
    expect(keyframes.length).toBe(Math.ceil(PUSH_DURATION_S / KEYFRAME_INTERVAL_S));
    // Times start at the B-frame delay, not 0, so compare the gaps between keyframes.
    const gaps = keyframes.slice(1).map((time, index) => time - (keyframes[index] ?? 0));
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeCloseTo(KEYFRAME_INTERVAL_S, 1);

    const { bytesIn, streams } = await origin.stat();
    expect(bytesIn).toBeGreaterThan(0);
    expect(streams.find((stream) => stream.name === 'cam')?.publishing ?? false).toBe(false);
  });
});

describe('NginxRtmp crash and restart', () => {
  const origin = new NginxRtmp();
  beforeAll(() => origin.start());
  afterAll(() => origin.stop());

  it.each(['warning', 'info'] as const)('a publisher fails when the origin is killed mid-stream (loglevel %s)', async (level) => {
    if (!origin.isRunning) await origin.restart();
    const publisher = push(origin.rtmpUrl(`crash-${level}`), level);
    await origin.waitForPublisher(`crash-${level}`, PUBLISHER_WAIT_MS);

    await origin.kill();
    const result = await publisher.done;

    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(FFMPEG_FAILED_EXIT_CODE);
    expect(result.stderr).toMatch(/Broken pipe|Connection reset by peer/);
    await recordFixture('rtmp-origin-killed', level, result);
  });

  it('comes back on the same port after kill()', async () => {
    if (origin.isRunning) await origin.kill();
    const port = origin.rtmpPort;
    await expect(origin.stat()).rejects.toThrow();

    await origin.restart();
    expect(origin.rtmpPort).toBe(port);

    const publisher = push(origin.rtmpUrl('after-restart'), 'warning', 2);
    const live = await origin.waitForPublisher('after-restart', PUBLISHER_WAIT_MS);
    expect(live.publishing).toBe(true);
    const result = await publisher.done;
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('NginxRtmp on_publish authorisation', () => {
  const origin = new NginxRtmp({ onPublish: { allowedKeys: ['good'] } });
  beforeAll(() => origin.start());
  afterAll(() => origin.stop());

  it.each(['warning', 'info'] as const)('refuses a publisher with an unknown key (loglevel %s)', async (level) => {
    const before = origin.publishCount();
    const result = await push(origin.rtmpUrl('bad'), level, 1).done;

    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(FFMPEG_FAILED_EXIT_CODE);
    expect(result.stderr).toContain(`${origin.rtmpUrl('bad')}: Input/output error`);
    expect(origin.publishCount()).toBe(before + 1);
    expect(origin.publishCalls().at(-1)).toMatchObject({ app: 'live', name: 'bad', allowed: false });
    expect(await origin.streamStat('bad')).toBeUndefined();
    await recordFixture('rtmp-publish-refused', level, result);
  });

  it('lets the allowed key publish', async () => {
    const before = origin.publishCount();
    const publisher = push(origin.rtmpUrl('good'), 'warning', 2);
    await origin.waitForPublisher('good', PUBLISHER_WAIT_MS);
    expect(origin.publishCount()).toBe(before + 1);
    expect(origin.publishCalls().at(-1)).toMatchObject({ name: 'good', allowed: true });
    const result = await publisher.done;
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('ffmpeg RTMP push without a reachable origin', () => {
  it.each(['warning', 'info'] as const)('reports connection refused when nothing listens (loglevel %s)', async (level) => {
    const url = `rtmp://127.0.0.1:${await freePort()}/live/x`;
    const result = await runFfmpeg(testPushArgs({ url, durationS: 1, logArgs: LOG_LEVELS[level] }), FAILING_PUSH_TIMEOUT_MS);

    expect(result.code).toBe(FFMPEG_FAILED_EXIT_CODE);
    expect(result.stderr).toContain(`${url}: Connection refused`);
    await recordFixture('rtmp-connection-refused', level, result);
  });

  it.each(['warning', 'info'] as const)('reports an unknown host (loglevel %s)', async (level) => {
    const url = 'rtmp://nonexistent.invalid/live/x';
    const result = await runFfmpeg(testPushArgs({ url, durationS: 1, logArgs: LOG_LEVELS[level] }), FAILING_PUSH_TIMEOUT_MS);

    expect(result.code).toBe(FFMPEG_FAILED_EXIT_CODE);
    expect(result.stderr).toContain('Failed to resolve hostname nonexistent.invalid');
    await recordFixture('rtmp-unknown-host', level, result);
  });
});

describe('ffprobe helpers on bad input', () => {
  it("throw with ffprobe's own message", async () => {
    await expect(probeStreams('/nonexistent/onair.flv')).rejects.toThrow(/No such file or directory/);
    await expect(keyframeTimes('/nonexistent/onair.flv')).rejects.toThrow(/No such file or directory/);
  });
});

/** nginx writes the first playlist once a fragment is complete. */
async function waitForHlsPlaylist(url: string): Promise<string> {
  const deadline = Date.now() + HLS_WAIT_MS;
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) return response.text();
    if (Date.now() > deadline) throw new Error(`no HLS playlist at ${url} after ${HLS_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, HLS_POLL_INTERVAL_MS));
  }
}
