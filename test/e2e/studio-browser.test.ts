/**
 * Browser mode end to end: the built `onair studio` (real engine, real ffmpeg,
 * real local origin) driven through its UI in Debian's Chromium. The studio is
 * opened from the URL it prints; going live must reach the watch page, which
 * must play; scene switches, stopping, settings validation and persistence are
 * checked through the UI. Each step waits on a condition under one shared budget.
 * Screenshots for the docs are taken along the way (docs/screenshots/).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../main/studio/defaults';
import { SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../main/studio/studio-stores';
import { freePorts } from '../helpers/ports';
import { startStudio, type StudioProcess } from '../helpers/studio-process';
import { StudioPage } from './pages/studio-page';
import { WatchPage } from './pages/watch-page';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'onair.js');
const UI_INDEX = join(ROOT, 'dist', 'renderer', 'index.html');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
/** Everything after the build: start, open, go live, watch, switch, stop, settings. */
const TOTAL_BUDGET_MS = 90_000;
const BUILD_TIMEOUT_MS = 180_000;
/** The watch page must have played this much of the stream. */
const PLAYED_S = 1;
const VIEWPORT = { width: 1280, height: 720 };
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--use-fake-device-for-media-stream=fps=30',
  '--use-fake-ui-for-media-stream',
  // The watch page starts playing by itself; a viewer's click is not part of this test.
  '--autoplay-policy=no-user-gesture-required',
];

let deadline = 0;
const remainingMs = () => Math.max(1, deadline - Date.now());

let dataRoot = '';
let studio: StudioProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let ui: StudioPage;
const pageErrors: string[] = [];

/** Newest modification time under `dir`, in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; run alone, the test builds when dist is missing or older than the sources. */
function ensureBuilt(): void {
  const built = (file: string) => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };
  const sources = Math.max(...['main', 'preload', 'renderer'].map((d) => newestMtime(join(ROOT, d))));
  if (Math.min(built(CLI), built(UI_INDEX)) >= sources) return;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: BUILD_TIMEOUT_MS });
}

/**
 * A data folder whose settings put the local origin on a free port (its default,
 * 8090, may be taken on a test machine) and recordings in the temp folder.
 */
function seedDataDir(originPort: number): string {
  const dataDir = join(dataRoot, 'data');
  mkdirSync(dataDir, { recursive: true });
  const settings = defaultSettings({ videosDir: join(dataRoot, 'videos') });
  settings.localOrigin = { ...settings.localOrigin, port: originPort };
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, data: settings }, null, 2));
  return dataDir;
}

beforeAll(async () => {
  ensureBuilt();
  deadline = Date.now() + TOTAL_BUDGET_MS;
  dataRoot = mkdtempSync(join(tmpdir(), 'onair-e2e-'));
  const [originPort, remotePort] = await freePorts(2);
  const dataDir = seedDataDir(originPort!);
  studio = await startStudio(CLI, ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort)], remainingMs());
  expect(studio.studioUrl, 'the studio must print its URL with a usable token').not.toMatch(/token=<redacted>/);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: remainingMs() });
  context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  ui = new StudioPage(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, BUILD_TIMEOUT_MS + TOTAL_BUDGET_MS);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await studio?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

describe('the studio in a browser', () => {
  it('opens from the printed URL and lists the default scenes', async () => {
    await ui.open(studio!.studioUrl, remainingMs());
    expect(await ui.sceneNames()).toEqual(['Live', 'Starting soon']);
    await expect.poll(() => ui.programScene().textContent(), { timeout: remainingMs() }).toBe('Live');
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'studio.png') });
  });

  it('shows a bad stream URL as an error at its field, and keeps settings across a reload', async () => {
    let settings = await ui.openSettings();
    await settings.tab('Destinations');
    await settings.addDestination('Custom RTMP / RTMPS server', 'http://example.com/live');
    await expect.poll(() => settings.serverUrlError().textContent(), { timeout: remainingMs() }).toMatch(/must start with rtmp:\/\/ or rtmps:\/\//);

    await settings.tab('Output');
    const bitrate = settings.profileField(/^Video bitrate/);
    await bitrate.fill('50');
    await expect.poll(() => bitrate.getAttribute('aria-invalid'), { timeout: remainingMs() }).toBe('true');
    await bitrate.fill('6000');
    await settings.saveProfile();
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'settings.png') });
    await settings.close();

    await ui.page.reload();
    await ui.sceneButtons().first().waitFor({ timeout: remainingMs() });
    settings = await ui.openSettings();
    await settings.tab('Output');
    expect(await settings.profileField(/^Video bitrate/).inputValue()).toBe('6000');
    await settings.close();
  });

  it('goes live: the local origin turns live, its watch link plays', async () => {
    await ui.goLiveButton().click({ timeout: remainingMs() });
    await expect.poll(() => ui.destinationChip('OnAir local origin (watch page)').textContent(), { timeout: remainingMs(), interval: 250 }).toBe('live');
    const href = await ui.watchLink().getAttribute('href', { timeout: remainingMs() });
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/watch$/);

    const watch = new WatchPage(await context!.newPage());
    await watch.open(href!, remainingMs());
    expect(await watch.waitPlayed(PLAYED_S, remainingMs())).toBeGreaterThan(PLAYED_S);
    await watch.page.close();

    // By now the engine has sent health snapshots: the stats show a rating and the encoder.
    await ui.healthRating().waitFor({ timeout: remainingMs() });
    expect(await ui.statsValue('Encoder')).toMatch(/\(hardware|\(software/);
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'live.png') });
  });

  it('switches the program scene while live', async () => {
    await ui.clickScene('Starting soon');
    await expect.poll(() => ui.programScene().textContent(), { timeout: remainingMs() }).toBe('Starting soon');
    expect(await ui.pressedScene().getAttribute('aria-label')).toBe('Starting soon, on program');
  });

  it('stops after confirmation', async () => {
    await ui.stopStreaming(remainingMs());
    await ui.goLiveButton().waitFor({ timeout: remainingMs() });
    await expect.poll(() => ui.destinationChip('OnAir local origin (watch page)').textContent(), { timeout: remainingMs() }).toBe('off');
    expect(await ui.watchLink().count()).toBe(0);
    expect(pageErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
