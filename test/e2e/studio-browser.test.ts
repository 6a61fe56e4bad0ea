/**
 * Browser mode end to end: the built `onair studio` (real engine, real ffmpeg,
 * real local origin) driven through its UI in Debian's Chromium, with its fake
 * camera and microphone. The studio is opened from the URL it prints; the page
 * composes the program itself (compositor + audio mixer) and, once live, sends
 * it to the engine: the monitors must show a picture, the mixer's meters must
 * move and mute must silence the master, the engine must report the compositor
 * as its producer, the watch page must play, and a scene switch must change the
 * picture. Settings validation and persistence are checked through the UI.
 * Besides the local origin, the stream goes to a real nginx-rtmp and to an RTMP
 * address nobody listens on: the health chart must draw a line per
 * destination, and the dead one's chip must say why while the others stay live.
 * Each step waits on a condition under one shared budget.
 * Screenshots for the docs are taken along the way (docs/screenshots/).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DESTINATION_ID, defaultSettings } from '../../main/studio/defaults';
import { SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../main/studio/studio-stores';
import { probeStreams } from '../helpers/ffprobe';
import { NginxRtmp } from '../helpers/nginx-rtmp';
import { freePorts } from '../helpers/ports';
import { startStudio, type StudioProcess } from '../helpers/studio-process';
import { runTool, ffmpegPath } from '../helpers/ffmpeg-process';
import { collectPageErrors, launchChromium } from '../helpers/chromium';
import { colourAt, pictureDifference } from './pages/monitors';
import { HealthDock } from './pages/health-dock';
import { StudioPage, escapeRegExp } from './pages/studio-page';
import { TransitionsDock } from './pages/transitions-dock';
import { WatchPage } from './pages/watch-page';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'onair.js');
const UI_INDEX = join(ROOT, 'dist', 'renderer', 'index.html');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
/** Everything after the build: start, open, studio mode, transitions, settings, go live, watch, health, mixer, switch, stop. */
const TOTAL_BUDGET_MS = 180_000;
const BUILD_TIMEOUT_MS = 180_000;
/** The watch page must have played this much of the stream. */
const PLAYED_S = 1;
const VIEWPORT = { width: 1280, height: 720 };
/**
 * The output size. 640x360 rather than the default 720p: on the 2-core test
 * machine 720p raw frames (1.4 MB each, 41 MB/s) through the WebSocket are
 * dropped by the sender's backpressure about 40 % of the time (measured), which
 * is a finding about the raw path, not what this test checks.
 */
const OUTPUT = { width: 640, height: 360 };
/** The engine must encode at least this many frames a second (30 fps target). */
const MIN_ENCODER_FPS = 20;
/** The meters' floor (-60 dB is an empty bar): above it, a level is heard. */
const METER_FLOOR_DB = -60;
/** Share of the program's sampled pixels that must not be black: the camera and background fill it. */
const MIN_NON_BLACK = 0.5;
/** Mean level change (0..255) a scene switch must make: the 80 % camera box goes away. */
const MIN_SWITCH_DIFFERENCE = 10;
/** Seconds of bitrate (one point a second) the chart must hold before the live screenshot. */
const CHART_FILLED_POINTS = 15;
/** The extra destinations: a real nginx-rtmp, and an RTMP address with nothing listening (its port is found free, then left closed). */
const NGINX = { id: 'dst_nginx', name: 'nginx-rtmp (test)' };
const CLOSED = { id: 'dst_closed', name: 'Nobody listening' };
const LOCAL_NAME = 'OnAir local origin (watch page)';
/** How far the test drags the right docks' splitter to the left, px (the docks widen by as much). */
const DRAG_PX = 60;
/** A 2 s clip with a 440 Hz tone, made by ffmpeg for the media-file step. */
const CLIP_ARGS = ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '2', '-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libopus'];

let deadline = 0;
const remainingMs = () => Math.max(1, deadline - Date.now());

let dataRoot = '';
let studio: StudioProcess | null = null;
let nginx: NginxRtmp | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let ui: StudioPage;
let health: HealthDock;
let transitions: TransitionsDock;
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
 * 8090, may be taken on a test machine), recordings in the temp folder, the
 * output at OUTPUT, and the two extra RTMP destinations (keys in their URLs, so
 * no secret store is involved). No collection: the studio lays out its first one
 * on OUTPUT itself, which the monitor checks below see.
 */
function seedDataDir(originPort: number, nginxUrl: string, closedPort: number): string {
  const dataDir = join(dataRoot, 'data');
  mkdirSync(dataDir, { recursive: true });
  const settings = defaultSettings({ videosDir: join(dataRoot, 'videos') });
  settings.localOrigin = { ...settings.localOrigin, port: originPort };
  settings.profile = { ...settings.profile, ...OUTPUT };
  const rtmp = { kind: 'rtmp', presetId: 'custom-rtmp', backupServerUrl: null, enabled: true, hasKey: false } as const;
  settings.destinations = [
    ...settings.destinations,
    { ...rtmp, ...NGINX, serverUrl: nginxUrl },
    { ...rtmp, ...CLOSED, serverUrl: `rtmp://127.0.0.1:${closedPort}/live/e2e` },
  ];
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, data: settings }, null, 2));
  return dataDir;
}

beforeAll(async () => {
  ensureBuilt();
  deadline = Date.now() + TOTAL_BUDGET_MS;
  dataRoot = mkdtempSync(join(tmpdir(), 'onair-e2e-'));
  const [originPort, remotePort, closedPort] = await freePorts(3);
  nginx = new NginxRtmp();
  await nginx.start();
  const dataDir = seedDataDir(originPort!, nginx.rtmpUrl('e2e'), closedPort!);
  studio = await startStudio(CLI, ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort)], remainingMs());
  expect(studio.studioUrl, 'the studio must print its URL with a usable token').not.toMatch(/token=<redacted>/);
  browser = await launchChromium(remainingMs());
  context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  collectPageErrors(page, pageErrors);
  ui = new StudioPage(page);
  health = new HealthDock(page);
  transitions = new TransitionsDock(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, BUILD_TIMEOUT_MS + TOTAL_BUDGET_MS);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await studio?.stop();
  await nginx?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

describe('the studio in a browser', () => {
  it('opens from the printed URL and lists the default scenes', async () => {
    await ui.open(studio!.studioUrl, remainingMs());
    expect(await ui.sceneNames()).toEqual(['Live', 'Starting soon']);
    await expect.poll(() => ui.programScene().textContent(), { timeout: remainingMs() }).toBe('Live');
  });

  it('composes the program in the page: the monitor shows the camera scene, the mixer hears the microphone', async () => {
    await expect.poll(async () => (await ui.monitors.sample('Program')).nonBlack, { timeout: remainingMs(), interval: 250 }).toBeGreaterThan(MIN_NON_BLACK);
    expect(await ui.mixer.stripNames()).toEqual(['Microphone']);
    // The fake microphone beeps at full scale twice a second; the meter holds each peak.
    await expect.poll(() => ui.mixer.meterDb('Microphone'), { timeout: remainingMs(), interval: 100 }).toBeGreaterThan(METER_FLOOR_DB);
    await expect.poll(() => ui.mixer.meterDb('Master'), { timeout: remainingMs(), interval: 100 }).toBeGreaterThan(METER_FLOOR_DB);
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'studio.png') });
  });

  it('shows preview and program side by side in studio mode', async () => {
    await ui.studioModeSwitch().check({ timeout: remainingMs() });
    await ui.monitors.picture('Preview').waitFor({ timeout: remainingMs() });
    await ui.clickScene('Starting soon');
    await expect.poll(() => ui.previewScene().textContent(), { timeout: remainingMs() }).toBe('Starting soon');
    expect(await ui.programScene().textContent()).toBe('Live');
    // Preview composes its own scene: its picture differs from the program's.
    await expect
      .poll(async () => pictureDifference(await ui.monitors.sample('Preview'), await ui.monitors.sample('Program')), { timeout: remainingMs(), interval: 250 })
      .toBeGreaterThan(MIN_SWITCH_DIFFERENCE);
    await expect(ui.page.getByRole('button', { name: 'Transition' }).count()).resolves.toBe(1);
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'studio-mode.png') });
    await ui.studioModeSwitch().uncheck({ timeout: remainingMs() });
    await ui.monitors.monitor('Preview').waitFor({ state: 'detached', timeout: remainingMs() });
    expect(await ui.programScene().textContent()).toBe('Live');
  });

  it('resizes the right docks by dragging their splitter or with the keyboard, and remembers the size', async () => {
    const splitter = ui.page.getByRole('separator', { name: 'Resize: Controls, transitions, destinations and stats' });
    const docks = ui.page.getByRole('complementary', { name: 'Controls, transitions, destinations and stats' });
    const size = async () => Number(await splitter.getAttribute('aria-valuenow'));
    const before = await size();
    expect((await docks.boundingBox())!.width).toBeCloseTo(before, 0);
    const bar = (await splitter.boundingBox())!;
    await ui.page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
    await ui.page.mouse.down();
    await ui.page.mouse.move(bar.x + bar.width / 2 - DRAG_PX, bar.y + bar.height / 2, { steps: 5 });
    await ui.page.mouse.up();
    await expect.poll(size, { timeout: remainingMs() }).toBeGreaterThanOrEqual(before + DRAG_PX - 5);
    const dragged = await size();
    expect(dragged).toBeLessThanOrEqual(before + DRAG_PX + 5);
    expect((await docks.boundingBox())!.width).toBeCloseTo(dragged, 0);
    // The keyboard path: arrows move it 10 px (left widens the right docks).
    await splitter.focus();
    await splitter.press('ArrowLeft');
    await expect.poll(size, { timeout: remainingMs() }).toBe(dragged + 10);
    await splitter.press('ArrowRight');
    await expect.poll(size, { timeout: remainingMs() }).toBe(dragged);

    await ui.page.reload();
    await ui.sceneButtons().first().waitFor({ timeout: remainingMs() });
    expect(await size()).toBe(dragged);
    expect((await docks.boundingBox())!.width).toBeCloseTo(dragged, 0);
  });

  it('sets the transition in its dock: a bad duration is refused at the field, the choice survives a reload', async () => {
    expect(await transitions.current().textContent()).toBe('Fade, 300 ms');
    await transitions.kind('Slide').click({ timeout: remainingMs() });
    await expect.poll(() => transitions.current().textContent(), { timeout: remainingMs() }).toBe('Slide, 300 ms');
    expect(await transitions.kind('Slide').isChecked()).toBe(true);
    const duration = transitions.duration();
    await duration.fill('20000');
    await expect.poll(() => duration.getAttribute('aria-invalid'), { timeout: remainingMs() }).toBe('true');
    expect(await transitions.durationError().textContent()).toBe('Must be at most 10,000 ms (10 s).');
    await duration.press('Enter');
    // Refused at the field: nothing was sent.
    expect(await transitions.current().textContent()).toBe('Slide, 300 ms');
    await duration.fill('500');
    await duration.press('Enter');
    await expect.poll(() => transitions.current().textContent(), { timeout: remainingMs() }).toBe('Slide, 500 ms');

    await ui.page.reload();
    await ui.sceneButtons().first().waitFor({ timeout: remainingMs() });
    await expect.poll(() => transitions.current().textContent(), { timeout: remainingMs() }).toBe('Slide, 500 ms');
    expect(await transitions.kind('Slide').isChecked()).toBe(true);
    expect(await transitions.duration().inputValue()).toBe('500');
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
    await expect.poll(() => ui.destinationChip(LOCAL_NAME).textContent(), { timeout: remainingMs(), interval: 250 }).toBe('live');
    const href = await ui.watchLink().getAttribute('href', { timeout: remainingMs() });
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/watch$/);

    const watch = new WatchPage(await context!.newPage());
    await watch.open(href!, remainingMs());
    expect(await watch.waitPlayed(PLAYED_S, remainingMs())).toBeGreaterThan(PLAYED_S);
    await watch.page.close();

    // By now the engine has sent health snapshots: the stats show a rating and the encoder.
    await ui.healthRating().waitFor({ timeout: remainingMs() });
    expect(await ui.statsValue('Encoder')).toMatch(/\(hardware|\(software/);
  });

  it('feeds the engine from the compositor: it reports the page as producer and encodes in real time', async () => {
    // live.producer turns 'compositor' when the first media message arrives; the health adds whether pictures keep coming.
    await expect.poll(() => ui.statsValue('Program from'), { timeout: remainingMs(), interval: 250 }).toMatch(/^This studio window \(compositor\), pictures arriving/);
    await expect.poll(async () => parseFloat(await ui.statsValue('Frame rate')), { timeout: remainingMs(), interval: 250 }).toBeGreaterThan(MIN_ENCODER_FPS);
    expect(await ui.statsValue('Compositor')).toMatch(/^(Canvas 2D|WebGL2), (raw frames|H\.264)/);
    expect((await ui.monitors.sample('Program')).nonBlack).toBeGreaterThan(MIN_NON_BLACK);
  });

  it('says why a destination fails in its chip, while the local origin and nginx-rtmp stay live', async () => {
    // Nothing listens on that port: ffmpeg's "Connection refused" becomes the engine's sentence, and the output retries.
    await expect.poll(() => ui.destinationChip(CLOSED.name).textContent(), { timeout: remainingMs(), interval: 250 }).toMatch(/^(reconnecting \d+|connecting \(try \d+\)).*: Nothing is accepting streams at that address right now \(connection refused\)/);
    await expect.poll(() => ui.destinationChip(NGINX.name).textContent(), { timeout: remainingMs(), interval: 250 }).toBe('live');
    expect(await ui.destinationChip(LOCAL_NAME).textContent()).toBe('live');
    // Not only the chip: the stream is there at nginx-rtmp, as the studio's output size.
    const atNginx = await probeStreams(nginx!.rtmpUrl('e2e'), { timeoutMs: Math.min(20_000, remainingMs()) });
    expect(atNginx.video).toMatchObject({ codec: 'h264', width: OUTPUT.width, height: OUTPUT.height });
    expect(atNginx.audio?.codec).toBe('aac');
    // The health light says so too, naming the destination (between two attempts the reason may be a moment away).
    const why = () => ui.page.getByRole('list', { name: 'Why' }).allTextContents();
    await expect.poll(async () => (await why()).join(' '), { timeout: remainingMs(), interval: 250 }).toMatch(/output 'Nobody listening'/);
    expect(await ui.healthRating().getAttribute('aria-label')).not.toBe('Stream health: Good');
  });

  it('draws the bitrate of every destination over the last minute', async () => {
    // One point a second per destination; a few seconds of them fill the chart for the screenshot.
    const fewestPoints = async () => {
      const points = await health.points();
      return Math.min(...[LOCAL_DESTINATION_ID, NGINX.id, CLOSED.id].map((id) => points[id] ?? 0));
    };
    await expect.poll(fewestPoints, { timeout: remainingMs(), interval: 500 }).toBeGreaterThanOrEqual(CHART_FILLED_POINTS);
    expect(await health.drawn()).toBe(true);
    const legend = await health.root().getByRole('list', { name: 'Bitrate per destination' }).innerText();
    expect(legend).toMatch(new RegExp(`${escapeRegExp(LOCAL_NAME)}\\s+\\d[\\d.]* (kb/s|Mb/s)`));
    expect(legend).toMatch(new RegExp(`${escapeRegExp(NGINX.name)}\\s+\\d[\\d.]* (kb/s|Mb/s)`));
    // The right docks scroll: the screenshot shows the health light, its reasons and the chart.
    await health.root().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'live.png') });
  });

  it('mutes the microphone out of the master, while its own meter still shows it hears', async () => {
    await expect.poll(() => ui.mixer.meterDb('Master'), { timeout: remainingMs(), interval: 100 }).toBeGreaterThan(METER_FLOOR_DB);
    await ui.mixer.setMuted('Microphone', true, remainingMs());
    // The held peak falls after 1.5 s at 20 dB/s: the master reaches the floor within a few seconds.
    await expect.poll(() => ui.mixer.meterDb('Master'), { timeout: remainingMs(), interval: 100 }).toBeLessThanOrEqual(METER_FLOOR_DB);
    expect(await ui.mixer.meterDb('Microphone')).toBeGreaterThan(METER_FLOOR_DB);
    await ui.mixer.setMuted('Microphone', false, remainingMs());
    await expect.poll(() => ui.mixer.meterDb('Master'), { timeout: remainingMs(), interval: 100 }).toBeGreaterThan(METER_FLOOR_DB);
  });

  it('sets a gain from the fader: the studio keeps it', async () => {
    const fader = ui.mixer.fader('Microphone');
    await fader.focus();
    for (let i = 0; i < 4; i++) await fader.press('ArrowLeft');
    await fader.blur();
    // The fader follows the studio again once its state agrees: a refused or lost change would snap back to 0.
    await expect.poll(() => fader.getAttribute('aria-valuetext'), { timeout: remainingMs() }).toBe('−2.0 dB');
    await ui.page.reload();
    await expect.poll(() => ui.mixer.fader('Microphone').getAttribute('aria-valuetext'), { timeout: remainingMs() }).toBe('−2.0 dB');
  });

  it('lets a second studio window watch without sending over the first, and says there when a camera is refused', async () => {
    const page = await context!.newPage();
    // This window's visitor refuses the camera (the browser's own prompt cannot be driven here).
    await page.addInitScript(() => {
      const devices = navigator.mediaDevices;
      const original = devices.getUserMedia.bind(devices);
      devices.getUserMedia = (c) => (c?.video ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : original(c));
    });
    const second = new StudioPage(page);
    await second.open(studio!.studioUrl, remainingMs());
    await second.monitors.monitor('Program').getByText(/^Another studio window sends the program/).waitFor({ timeout: remainingMs() });
    expect(await ui.statsValue('Program from')).toMatch(/compositor\), pictures arriving$/);
    const sources = page.getByRole('region', { name: /^Sources/ });
    await expect
      .poll(() => sources.getByRole('alert').first().textContent(), { timeout: remainingMs() })
      .toBe("Camera: permission denied — allow the camera in your browser's site settings, then click \"Try again\".");
    await sources.getByRole('button', { name: 'Try again: Camera' }).waitFor({ timeout: remainingMs() });
    await page.close();
  });

  it('switches the program scene while live, and the monitor follows', async () => {
    const before = await ui.monitors.sample('Program');
    await ui.clickScene('Starting soon');
    await expect.poll(() => ui.programScene().textContent(), { timeout: remainingMs() }).toBe('Starting soon');
    expect(await ui.pressedScene().getAttribute('aria-label')).toBe('Starting soon, on program');
    await expect.poll(async () => pictureDifference(before, await ui.monitors.sample('Program')), { timeout: remainingMs(), interval: 250 }).toBeGreaterThan(MIN_SWITCH_DIFFERENCE);
    expect(await ui.mixer.stripNames()).toEqual([]);
  });

  it('stops after confirmation', async () => {
    await ui.stopStreaming(remainingMs());
    await ui.goLiveButton().waitFor({ timeout: remainingMs() });
    await expect.poll(() => ui.destinationChip(LOCAL_NAME).textContent(), { timeout: remainingMs() }).toBe('off');
    expect(await ui.watchLink().count()).toBe(0);
    expect(pageErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });

  it('adds a picture and a media file to the studio\'s library: the picture shows, the clip is heard, both still there after a reload; a file that is neither is refused', async () => {
    // A 160x90 red PNG made by the page itself; the studio places it centred at its own size.
    const red = await ui.page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 90;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#ff0000';
      ctx.fillRect(0, 0, 160, 90);
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    // The studio keeps files by their bytes, so a picture larger than the old inline limit is fine; a text file is not a picture.
    await ui.addSource.pickFile('Image', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await ui.addSource.submitButton().click({ timeout: remainingMs() });
    await expect.poll(() => ui.addSource.errors().first().textContent(), { timeout: remainingMs() }).toMatch(/^"notes\.txt" is not a picture or media file the studio can show/);

    await ui.addSource.pickFile('Image', { name: 'red.png', mimeType: 'image/png', buffer: Buffer.from(red, 'base64') });
    await ui.addSource.submitButton().click({ timeout: remainingMs() });
    await expect.poll(() => ui.sourceNames(), { timeout: remainingMs() }).toContain('red');
    await expect.poll(async () => (await colourAt(ui.monitors, 'Program', 0.5, 0.5)).join(','), { timeout: remainingMs(), interval: 250 }).toBe('255,0,0');

    const clip = join(dataRoot, 'clip.webm');
    const made = await runTool(ffmpegPath(), [...CLIP_ARGS, '-y', clip], remainingMs());
    expect(made.code, made.stderr).toBe(0);
    await ui.addSource.pickFile('Media file', { name: 'clip.webm', mimeType: 'video/webm', buffer: readFileSync(clip) });
    await ui.addSource.submitButton().click({ timeout: remainingMs() });
    await expect.poll(() => ui.mixer.stripNames(), { timeout: remainingMs() }).toEqual(['clip']);
    // Its sound goes through the mixer (the element itself is muted): the strip's meter moves.
    await expect.poll(() => ui.mixer.meterDb('clip'), { timeout: remainingMs(), interval: 100 }).toBeGreaterThan(METER_FLOOR_DB);
    // Kept by the studio, not by this page: after a reload the picture is back and the clip plays again.
    const library = readdirSync(join(dataRoot, 'data', 'media')).map((n) => n.replace(/^[0-9a-f]{64}/, 'HASH'));
    expect(library.sort()).toEqual(['HASH.png', 'HASH.webm']);
    await ui.page.reload();
    await expect.poll(() => ui.mixer.meterDb('clip'), { timeout: remainingMs(), interval: 100 }).toBeGreaterThan(METER_FLOOR_DB);
    // The clip covers the picture: hidden, it shows the picture, read back from the library too.
    await ui.page.getByRole('region', { name: /^Sources/ }).getByRole('checkbox', { name: 'Show clip' }).uncheck({ timeout: remainingMs() });
    await expect.poll(async () => (await colourAt(ui.monitors, 'Program', 0.5, 0.5)).join(','), { timeout: remainingMs(), interval: 250 }).toBe('255,0,0');
    expect(pageErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
