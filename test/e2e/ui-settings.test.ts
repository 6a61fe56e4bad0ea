/**
 * Settings end to end: the built `onair studio` (real engine, real ffmpeg probe)
 * driven through its UI in Debian's Chromium. The encoder list shows what the
 * probe found on this machine (libx264 working, the hardware encoders ffmpeg
 * lists failing their trial, with the reason), with progress while it probes;
 * a recording folder that cannot be written is refused at the field; a new
 * recording format survives a reload (and reaches settings.json); "switch to
 * scene 2" rebound in the Hotkeys tab switches the program when pressed, and a
 * conflicting combination is refused with the reason; the scene collection
 * exported to a file and imported back undoes a rename, and a bad file is
 * refused with nothing lost. Each step waits on a condition under one budget.
 * Screenshots of the encoder list and the hotkeys go to docs/screenshots/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_FILE } from '../../main/studio/studio-stores';
import { collectPageErrors, launchChromium } from '../helpers/chromium';
import { freePorts } from '../helpers/ports';
import { seedStudioDataDir } from '../helpers/studio-e2e-setup';
import { startStudio, type StudioProcess } from '../helpers/studio-process';
import { BUILD_TIMEOUT_MS, CLI, ROOT, ensureBuilt } from './delivery-harness/ensure-built';
import { SettingsTabs } from './pages/settings-tabs';
import { StudioPage } from './pages/studio-page';

/** Everything after the build: start, probe (trial encodes), each settings step. */
const TOTAL_BUDGET_MS = 150_000;
const VIEWPORT = { width: 1280, height: 720 };
/** A small output keeps the page's compositor light on a loaded machine. */
const OUTPUT = { width: 640, height: 360 };
/** Hardware encoders this ffmpeg build lists; none has a device on the test machine, so each fails its trial. */
const LISTED_HARDWARE = ['h264_nvenc', 'h264_vaapi'];
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

let deadline = 0;
const remainingMs = () => Math.max(1, deadline - Date.now());
/** One wait's limit: well under the test's own timeout, so a wait that fails says which one. */
const STEP_TIMEOUT_MS = 40_000;
const stepMs = () => Math.min(STEP_TIMEOUT_MS, remainingMs());
let dataRoot = '';
let dataDir = '';
let watchPort = 0;
let studio: StudioProcess | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let ui: StudioPage;
const pageErrors: string[] = [];

async function openSettings(): Promise<SettingsTabs> {
  await ui.openSettings();
  return new SettingsTabs(ui.page);
}

beforeAll(async () => {
  ensureBuilt('app');
  deadline = Date.now() + TOTAL_BUDGET_MS;
  dataRoot = mkdtempSync(join(tmpdir(), 'onair-settings-e2e-'));
  const [originPort, remotePort] = await freePorts(2);
  watchPort = originPort!;
  dataDir = seedStudioDataDir(dataRoot, { originPort: watchPort, output: OUTPUT });
  studio = await startStudio(CLI, ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort)], remainingMs());
  browser = await launchChromium(remainingMs());
  context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  collectPageErrors(page, pageErrors);
  ui = new StudioPage(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await ui.open(studio.studioUrl, remainingMs());
}, BUILD_TIMEOUT_MS + TOTAL_BUDGET_MS);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await studio?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

describe('settings in the browser', () => {
  it('lists the encoders the probe found: libx264 working, hardware ones disabled with the reason, progress while probing', async () => {
    const settings = await openSettings();
    await settings.tab('Output');
    await settings.encoderRadio('Auto (best working: libx264)').waitFor({ timeout: stepMs() });
    expect(await settings.encoderRadio('Auto (best working: libx264)').isChecked()).toBe(true);
    expect(await settings.encoderList().textContent()).not.toContain('was not found by the last check');
    const x264 = settings.encoderRadio(/\(libx264\)$/);
    expect(await x264.isEnabled()).toBe(true);
    expect(await settings.encoderRow('libx264').textContent()).toContain('works (uses the CPU)');
    for (const name of LISTED_HARDWARE) {
      expect(await settings.encoderRadio(new RegExp(`\\(${name}\\)$`)).isDisabled(), name).toBe(true);
      // The reason is ffmpeg's own ("Cannot load libcuda.so.1", "No VA display found ..."), not a placeholder.
      expect(await settings.encoderRow(name).textContent()).toMatch(/not working: \S.{5,}/);
    }

    // Probing afresh runs the trial encodes again, which takes seconds: the progress shows, then the list is back.
    await settings.checkEncodersAgain();
    await settings.probeProgress().waitFor({ timeout: stepMs() });
    await settings.probeProgress().waitFor({ state: 'detached', timeout: stepMs() });
    expect(await x264.isEnabled()).toBe(true);
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'settings-encoders.png') });

    // Choosing libx264 itself is saved as the profile's encoder.
    await x264.check();
    await settings.root().getByRole('button', { name: 'Save output settings' }).click();
    await settings.root().getByRole('form', { name: 'Output profile' }).getByRole('status').filter({ hasText: 'Saved' }).waitFor({ timeout: stepMs() });
    await settings.close();
  });

  it('refuses a recording folder it cannot write at the field, and keeps a new format across a reload', async () => {
    let settings = await openSettings();
    await settings.tab('Recording');
    await expect.poll(() => settings.recordingExample().textContent(), { timeout: stepMs() }).toMatch(/^OnAir \d{4}-\d\d-\d\d \d\d-\d\d-\d\d\.mkv$/);

    await settings.recordingFolder().fill('Videos/OnAir');
    await expect.poll(() => settings.recordingFolderError(), { timeout: stepMs() }).toMatch(/full path of the folder/);
    expect(await settings.recordingForm().getByRole('button', { name: 'Save recording settings' }).isDisabled()).toBe(true);

    // A path through a file: no folder can be made there, whoever runs the test (root included).
    const aFile = join(dataRoot, 'not-a-folder');
    writeFileSync(aFile, '');
    await settings.recordingFolder().fill(join(aFile, 'OnAir'));
    await settings.saveRecording();
    await expect.poll(() => settings.recordingFolderError(), { timeout: stepMs() }).toMatch(/cannot be saved in .*part of that path is a file/);
    expect(JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')).data.recording.folder).toBe(join(dataRoot, 'videos', 'OnAir'));

    await settings.recordingFolder().fill(join(dataRoot, 'recordings'));
    await settings.recordingFormat().selectOption('mp4');
    await expect.poll(() => settings.recordingExample().textContent(), { timeout: stepMs() }).toMatch(/\.mp4$/);
    await settings.saveRecording();
    await settings.recordingStatus().filter({ hasText: 'Saved' }).waitFor({ timeout: stepMs() });
    await settings.close();

    await ui.page.reload();
    await ui.sceneButtons().first().waitFor({ timeout: stepMs() });
    settings = await openSettings();
    await settings.tab('Recording');
    expect(await settings.recordingFormat().inputValue()).toBe('mp4');
    expect(await settings.recordingFolder().inputValue()).toBe(join(dataRoot, 'recordings'));
    await settings.close();
    await expect.poll(() => JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')).data.recording.format, { timeout: stepMs() }).toBe('mp4');
  });

  it('rebinds "switch to scene 2": a conflict is refused with the reason, the new keys switch the program', async () => {
    const settings = await openSettings();
    await settings.tab('Hotkeys');
    expect(await settings.hotkeyKeys('Switch to scene 2').textContent()).toBe('Ctrl+Alt+Shift+2');

    await settings.rebind('Switch to scene 2', 'Control+Alt+Shift+KeyL');
    await expect.poll(() => settings.hotkeyProblem().textContent(), { timeout: stepMs() }).toMatch(/already does "Go live \/ stop streaming"/);
    expect(await settings.hotkeyKeys('Switch to scene 2').textContent()).toBe('Ctrl+Alt+Shift+2');

    // Escape while recording cancels the change, not the dialog.
    await settings.rebind('Switch to scene 2', 'Escape');
    await settings.root().getByRole('button', { name: 'Change the hotkey for Switch to scene 2' }).waitFor({ timeout: stepMs() });
    expect(await settings.root().isVisible()).toBe(true);
    expect(await settings.hotkeyKeys('Switch to scene 2').textContent()).toBe('Ctrl+Alt+Shift+2');

    await settings.rebind('Switch to scene 2', 'Alt+KeyK');
    await expect.poll(() => settings.hotkeyKeys('Switch to scene 2').textContent(), { timeout: stepMs() }).toBe('Alt+K');
    await ui.page.screenshot({ path: join(SCREENSHOTS, 'settings-hotkeys.png') });
    await settings.close();

    // The scene's button shows its hotkey.
    const second = ui.scenesList().getByRole('button', { name: /^Starting soon/ });
    expect(await second.getAttribute('aria-keyshortcuts')).toBe('Alt+K');
    expect(await second.getAttribute('title')).toContain('(Alt+K)');
    // The microphone's mute button shows the mute-mic hotkey (still at its default).
    const mute = ui.page.getByRole('button', { name: 'Mute Microphone' });
    expect(await mute.getAttribute('aria-keyshortcuts')).toBe('Control+Alt+Shift+M');
    expect(await mute.getAttribute('title')).toContain('(Ctrl+Alt+Shift+M)');

    expect(await ui.programScene().textContent()).toBe('Live');
    // Typing in a field is not a command: Alt+K in the rename box does nothing. Had it switched, that call
    // would have gone before the rename's, so once the rename is done the program would already show it.
    await ui.scenesList().getByRole('button', { name: 'Rename Live' }).click();
    await ui.page.getByLabel('New name for Live').press('Alt+KeyK');
    await ui.page.getByLabel('New name for Live').press('Enter');
    await ui.page.getByLabel('New name for Live').waitFor({ state: 'detached', timeout: stepMs() });
    expect(await ui.programScene().textContent()).toBe('Live');

    await ui.page.keyboard.press('Alt+KeyK');
    await expect.poll(() => ui.programScene().textContent(), { timeout: stepMs() }).toBe('Starting soon');
  });

  it('shows the watch link of the local origin and refuses a port that needs administrator rights', async () => {
    const settings = await openSettings();
    await settings.tab('Local origin');
    expect(await settings.watchLinkNow().textContent()).toBe(`http://127.0.0.1:${watchPort}/watch`);
    await settings.originPort().fill('80');
    await expect.poll(() => settings.originPortError(), { timeout: stepMs() }).toMatch(/below 1024 need administrator rights/);
    expect(await settings.root().getByRole('button', { name: 'Save port' }).isDisabled()).toBe(true);
    await settings.close();
  });

  it('exports the scenes to a file and imports them back; a bad file is refused and nothing is lost', async () => {
    const original = await ui.sceneNames();
    let settings = await openSettings();
    await settings.tab('Scenes');
    const download = await settings.exportScenes();
    expect(download.suggestedFilename()).toBe('My studio.onair-scenes.json');
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(exported).collection.scenes.map((s: { name: string }) => s.name)).toEqual(original);
    await settings.close();

    // A change after the export, which the import must undo.
    await ui.scenesList().getByRole('button', { name: 'Rename Starting soon' }).click();
    await ui.page.getByLabel('New name for Starting soon').fill('Be right back');
    await ui.page.getByLabel('New name for Starting soon').press('Enter');
    await expect.poll(() => ui.sceneNames(), { timeout: stepMs() }).toEqual(['Live', 'Be right back']);

    settings = await openSettings();
    await settings.tab('Scenes');
    await settings.importScenes({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "onair-scene-collection", "version": 1, "collection": {"name": "x"') });
    await expect.poll(() => settings.scenesError().textContent(), { timeout: stepMs() }).toMatch(/not a scene collection: it is not valid JSON/);
    expect(await ui.sceneNames()).toEqual(['Live', 'Be right back']);

    await settings.importScenes({ name: 'scenes.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await settings.scenesStatus().filter({ hasText: 'Loaded the scenes from scenes.json' }).waitFor({ timeout: stepMs() });
    await settings.close();
    await expect.poll(() => ui.sceneNames(), { timeout: stepMs() }).toEqual(original);
  });

  it('left no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
