/**
 * The program from a browser page into a real `onair studio`, out to a real
 * nginx-rtmp: the end-to-end requirement, raw path at 640x360.
 *
 * The page is the audio harness (test/e2e/audio-harness/index.html), built by
 * Vite and served by the studio itself through `--ui DIR`, so it has the
 * studio's origin (the bridge accepts only that), its CSP, and the token from
 * the printed URL, exactly as the real UI would. It mixes a flash-and-beep
 * program (a white frame and a 1 kHz beep at the start of every second of the
 * studio clock; the beep comes from an OscillatorNode inside the AudioMixer, so
 * it takes the real PCM path) and lets ProgramSender follow the engine's
 * mediaRequest events. The compositor is not used: its main-thread side did not
 * exist when this was written (SyntheticVideo stands in on the raw path).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../main/studio/defaults';
import { SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../main/studio/studio-stores';
import { measureAvOffset } from '../helpers/av-sync';
import { probeStreams, pullFrames } from '../helpers/ffprobe';
import { NginxRtmp } from '../helpers/nginx-rtmp';
import { freePorts } from '../helpers/ports';
import { startStudio, type StudioProcess } from '../helpers/studio-process';
import { buildHarness } from './audio-harness/build-harness';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'onair.js');
const BUILD_TIMEOUT_MS = 120_000;
/** Everything after the builds: studio, browser, live, capture, stop, measure. */
const TOTAL_BUDGET_MS = 90_000;
const WIDTH = 640;
const HEIGHT = 360;
const FPS = 30;
const FRAME_MS = 1000 / FPS;
const STREAM_KEY = 'k';
/** Seconds of the live stream pulled back from nginx for ffprobe. */
const PULL_S = 3;
/** Seconds nginx records before the broadcast stops: enough flash-and-beep pairs. */
const RECORD_S = 8;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--use-fake-device-for-media-stream=fps=30',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

let deadline = 0;
const remainingMs = () => Math.max(1, deadline - Date.now());
let tmp = '';
let nginx: NginxRtmp | null = null;
let studio: StudioProcess | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

/** Newest modification time under `dir`, in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The studio's CLI, rebuilt when main/ or preload/ changed since. Only the CLI
 * (build:main): the UI it would serve is replaced by the harness (--ui).
 */
function ensureCliBuilt(): void {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    // not built yet
  }
  if (built >= Math.max(newestMtime(join(ROOT, 'main')), newestMtime(join(ROOT, 'preload')))) return;
  execFileSync('npm', ['run', '-s', 'build:main'], { cwd: ROOT, stdio: 'inherit', timeout: BUILD_TIMEOUT_MS });
}

/** Settings: the program at 640x360 raw, the local origin off (on a free port) so only nginx is fed. */
function seedDataDir(originPort: number): string {
  const dataDir = join(tmp, 'data');
  mkdirSync(dataDir, { recursive: true });
  const settings = defaultSettings({ videosDir: join(tmp, 'videos') });
  settings.profile = { ...settings.profile, width: WIDTH, height: HEIGHT, fps: FPS, videoPath: 'raw', videoBitrateKbps: 1500 };
  settings.localOrigin = { ...settings.localOrigin, port: originPort };
  settings.destinations = settings.destinations.map((d) => ({ ...d, enabled: false }));
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, data: settings }, null, 2));
  return dataDir;
}

const call = (method: string, params: unknown = {}) => page.evaluate(([m, p]) => window.deliveryHarness!.call(m, p), [method, params] as const);
const senderStats = () => page.evaluate(() => window.deliveryHarness!.stats());

beforeAll(async () => {
  ensureCliBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'onair-delivery-e2e-'));
  const uiDir = join(tmp, 'ui');
  await buildHarness(uiDir);
  deadline = Date.now() + TOTAL_BUDGET_MS;
  nginx = new NginxRtmp({ record: true });
  await nginx.start();
  const [originPort, remotePort] = await freePorts(2);
  const dataDir = seedDataDir(originPort!);
  studio = await startStudio(CLI, ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort), '--ui', uiDir], remainingMs());
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: remainingMs() });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(studio.studioUrl, { timeout: remainingMs() });
  await page.waitForFunction(() => window.deliveryHarness?.error || (window.deliveryHarness?.ready && window.deliveryHarness.connected()), undefined, { timeout: remainingMs() });
  expect(await page.evaluate(() => window.deliveryHarness!.error), pageErrors.join('\n')).toBeNull();
}, BUILD_TIMEOUT_MS + TOTAL_BUDGET_MS);

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  await nginx?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the program from the browser to nginx-rtmp through the studio', () => {
  let liveSince = 0;

  it('goes live to nginx with the page as the producer, and the sender follows the media request', async () => {
    await call('addDestination', { name: 'nginx', presetId: 'custom-rtmp', kind: 'rtmp', serverUrl: nginx!.rtmpUrl(), streamKey: STREAM_KEY });
    await call('goLive');
    liveSince = Date.now();
    await nginx!.waitForPublisher(STREAM_KEY, remainingMs());
    await page.waitForFunction(() => {
      const s = window.deliveryHarness!.stats();
      return s.videoSent > 30 && s.audioSent > 100;
    }, undefined, { timeout: remainingMs() });
    const stats = await senderStats();
    expect(stats.lastRequest).toMatchObject({ send: true, path: 'raw', width: WIDTH, height: HEIGHT, fps: FPS });
    expect(stats.sending).toBe(true);
    const state = (await call('getState')) as { live: { producer: string; streaming: string } };
    expect(state.live).toMatchObject({ streaming: 'live', producer: 'compositor' });
  });

  it('reaches nginx as H.264 640x360 + AAC 48 kHz stereo (ffprobe)', async () => {
    const pulled = await pullFrames(nginx!.rtmpUrl(STREAM_KEY), PULL_S, { outDir: tmp, timeoutMs: remainingMs() });
    const probe = await probeStreams(pulled);
    expect(probe.video).toMatchObject({ codec: 'h264', width: WIDTH, height: HEIGHT });
    expect(probe.video?.fps).toBeCloseTo(FPS, 0);
    expect(probe.audio).toMatchObject({ codec: 'aac', sampleRate: 48_000, channels: 2 });
  });

  it('keeps the flash and the beep within one frame in what nginx recorded', async () => {
    // Let nginx record enough seconds, then stop so it finalises the file.
    await page.waitForTimeout(Math.max(0, liveSince + RECORD_S * 1000 - Date.now()));
    const health = (await call('getHealth')) as { health: { encoder: { avOffsetMs: number; duplicated: number; dropped: number; fps: number } } | null };
    const before = await senderStats();
    await call('stopLive');
    await page.waitForFunction(() => !window.deliveryHarness!.stats().sending, undefined, { timeout: remainingMs() });
    const av = await measureAvOffset(nginx!.recordingPath(STREAM_KEY), { fps: FPS });
    console.log(
      `delivery: sent ${before.videoSent} frames (${before.videoDropped} dropped, ${before.videoRejected} rejected), ${before.audioSent} PCM chunks ` +
        `(${before.audioRefused} refused, timestamp steps 10 ms ± ${(before.pcmStepErrorMaxUs / 1000).toFixed(3)} ms), ${(before.bytesPerS / 1e6).toFixed(2)} MB/s; engine: ${JSON.stringify(health.health?.encoder ?? null)}; ` +
        `A/V in the nginx recording: ${av.pairs.length} pairs, median ${av.medianOffsetMs.toFixed(1)} ms, max |offset| ${av.maxAbsOffsetMs.toFixed(1)} ms ` +
        `(${av.pairs.map((p) => p.offsetMs.toFixed(1)).join(', ')})`,
    );
    expect(av.pairs.length).toBeGreaterThanOrEqual(RECORD_S - 3);
    expect(av.maxAbsOffsetMs).toBeLessThanOrEqual(FRAME_MS);
    expect(before.audioRefused).toBe(0);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
