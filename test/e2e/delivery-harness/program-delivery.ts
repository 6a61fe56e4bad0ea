/**
 * The issue's end-to-end run, shared by both video paths: the program page
 * (program-page.ts, the real Compositor and AudioMixer) in Debian's Chromium ->
 * a real `onair studio` (browser mode, real engine) -> a real nginx-rtmp on a
 * free 127.0.0.1 port, and a recording. Two scenes of solid colours (red, blue)
 * share a flash-and-beep camera in their top-left quarter.
 *
 * What it asserts: ffprobe of the RTMP stream shows H.264 at the output size;
 * every scene switch made through the studio API shows in the decoded stream
 * within 2 frames of when it reached the compositor (mapped onto the stream's
 * timeline with the flash-and-beep source's planned flash stamps), with every
 * video timestamp step around it exactly one frame; and flash and beep stay
 * within one frame in the studio's recording.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIO } from '../../../main/studio/collection-ops';
import { defaultSettings } from '../../../main/studio/defaults';
import { COLLECTION_FILE, COLLECTION_SCHEMA_VERSION, SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../../main/studio/studio-stores';
import { SceneCollectionSchema, type OutputProfile, type SceneCollection, type Transform } from '../../../preload/contract';
import { findFlashes, measureAvOffset } from '../../helpers/av-sync';
import { collectPageErrors, launchChromium } from '../../helpers/chromium';
import { probeStreams, pullFrames } from '../../helpers/ffprobe';
import { regionStats, type Region } from '../../helpers/frame-regions';
import { NginxRtmp } from '../../helpers/nginx-rtmp';
import { freePorts } from '../../helpers/ports';
import { clockOffsetFromFlashes, firstFrameTurning, irregularSteps } from '../../helpers/scene-switch';
import { startStudio, type StudioProcess } from '../../helpers/studio-process';
import { buildTestPages } from '../../helpers/vite-page';
import { BUILD_TIMEOUT_MS, CLI, ensureBuilt } from './ensure-built';
import type { ProgramHarness } from './harness-types';

export interface DeliveryCase {
  path: 'raw' | 'encoded';
  width: number;
  height: number;
  fps: number;
  videoBitrateKbps: number;
}

/** Everything after the builds: studio, browser, live, switches, stop, measure (the machine is shared and slow). */
const TOTAL_BUDGET_MS = 240_000;
const STREAM_KEY = 'k';
/** Seconds of the live stream pulled back from nginx for ffprobe. */
const PULL_S = 3;
/** Seconds between scene switches: each is looked for on its own. */
const SWITCH_EVERY_S = 2;
const SWITCHES = 3;
/** Seconds of broadcast after the last switch before it stops, so it is in both files with frames after it. */
const TAIL_S = 2;
/** Flash-and-beep pairs the recording must hold at least. */
const MIN_AV_PAIRS = 4;
/** Timestamps around a switch checked for gaps: this far either side, s. */
const AROUND_SWITCH_S = 1;
/** FLV and Matroska keep milliseconds: a one-frame step at 30 fps is 33 or 34 ms. */
const STEP_TOLERANCE_S = 0.0015;
/**
 * A stream flash within half a frame of a planned stamp (after the offset) is
 * that flash: on the raw path the engine's pacer puts each frame in the output
 * slot nearest its stamp, so a stamp and its slot may be up to half a frame apart.
 */
const FLASH_MATCH_FRAMES = 0.5;
const SCENE_SWITCH_MAX_FRAMES = 2;
const RED = '#ff0000';
const BLUE = '#0000ff';

/** This folder: the program page (index.html, program-page.ts). */
const HERE = fileURLToPath(new URL('./', import.meta.url));

let deadline = 0;
const remainingMs = () => Math.max(1, deadline - Date.now());

/** The flash-and-beep camera's box (top-left quarter) and the two places the test looks at. */
function layout(c: DeliveryCase): { camera: Transform; flashRegion: Region; colourRegion: Region } {
  const w = c.width;
  const h = c.height;
  const even = (n: number) => 2 * Math.round(n / 2);
  return {
    camera: { x: 0, y: 0, width: w / 2, height: h / 2, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } },
    flashRegion: { x: even(w / 8), y: even(h / 8), width: even(w / 4), height: even(h / 4) },
    colourRegion: { x: even((5 * w) / 8), y: even((5 * h) / 8), width: even(w / 4), height: even(h / 4) },
  };
}

/** Scene "Red" and scene "Blue": a full-frame colour and the shared flash-and-beep camera; cuts between them. */
function twoScenes(c: DeliveryCase): SceneCollection {
  const full: Transform = { x: 0, y: 0, width: c.width, height: c.height, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } };
  const item = (id: string, sourceId: string, transform: Transform) => ({ id, sourceId, transform, opacity: 1, visible: true, locked: false });
  const { camera } = layout(c);
  return SceneCollectionSchema.parse({
    name: 'Delivery test',
    sources: [
      { id: 'src_red', name: 'Red', kind: 'color', settings: { color: RED }, audio: DEFAULT_AUDIO },
      { id: 'src_blue', name: 'Blue', kind: 'color', settings: { color: BLUE }, audio: DEFAULT_AUDIO },
      { id: 'src_flash', name: 'Flash and beep', kind: 'camera', settings: { deviceId: null, width: null, height: null }, audio: DEFAULT_AUDIO },
    ],
    scenes: [
      { id: 'sc_red', name: 'Red', items: [item('it_red', 'src_red', full), item('it_flash_r', 'src_flash', camera)] },
      { id: 'sc_blue', name: 'Blue', items: [item('it_blue', 'src_blue', full), item('it_flash_b', 'src_flash', camera)] },
    ],
    programSceneId: 'sc_red',
    previewSceneId: 'sc_red',
    studioMode: false,
    transition: { kind: 'cut', durationMs: 0 },
  });
}

/** A studio data folder: this profile, recordings (mkv) in `tmp`, every destination off, the local origin on a free port; the collection if given. */
export function seedDataDir(tmp: string, profile: Partial<OutputProfile>, originPort: number, collection: SceneCollection | null): string {
  const dataDir = join(tmp, 'data');
  mkdirSync(dataDir, { recursive: true });
  const settings = defaultSettings({ videosDir: join(tmp, 'videos') });
  settings.profile = { ...settings.profile, ...profile };
  settings.recording = { ...settings.recording, folder: join(tmp, 'recordings'), format: 'mkv' };
  settings.localOrigin = { ...settings.localOrigin, port: originPort };
  settings.destinations = settings.destinations.map((d) => ({ ...d, enabled: false }));
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, data: settings }, null, 2));
  if (collection) writeFileSync(join(dataDir, COLLECTION_FILE), JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, data: collection }, null, 2));
  return dataDir;
}

type Stats = ReturnType<ProgramHarness['stats']>;

export function describeProgramDelivery(c: DeliveryCase): void {
  const frameS = 1 / c.fps;
  let tmp = '';
  let nginx: NginxRtmp | null = null;
  let studio: StudioProcess | null = null;
  let browser: Browser | null = null;
  let page: Page;
  const pageErrors: string[] = [];
  let recordingFile = '';
  let final: Stats | null = null;

  const call = (method: string, params: unknown = {}) => page.evaluate(([m, p]) => window.programHarness!.call(m, p), [method, params] as const);
  const stats = () => page.evaluate(() => window.programHarness!.stats());

  beforeAll(async () => {
    ensureBuilt('cli');
    tmp = mkdtempSync(join(tmpdir(), `onair-delivery-${c.path}-`));
    const uiDir = join(tmp, 'ui');
    await buildTestPages(HERE, uiDir, ['index']);
    deadline = Date.now() + TOTAL_BUDGET_MS;
    nginx = new NginxRtmp({ record: true });
    await nginx.start();
    const [originPort, remotePort] = await freePorts(2);
    const { path: videoPath, ...size } = c;
    const dataDir = seedDataDir(tmp, { ...size, videoPath }, originPort!, twoScenes(c));
    studio = await startStudio(CLI, ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort), '--ui', uiDir], remainingMs());
    browser = await launchChromium(remainingMs());
    page = await browser.newPage();
    collectPageErrors(page, pageErrors);
    await page.goto(studio.studioUrl, { timeout: remainingMs() });
    await page.waitForFunction(() => window.programHarness?.error || (window.programHarness?.ready && window.programHarness.connected()), undefined, { timeout: remainingMs() });
    expect(await page.evaluate(() => window.programHarness!.error), pageErrors.join('\n')).toBeNull();
  }, BUILD_TIMEOUT_MS + TOTAL_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await nginx?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  describe(`the composited program to nginx-rtmp and a recording, ${c.path} path at ${c.width}x${c.height}`, () => {
    it('goes live and records with the page as the producer, on the requested path, and the flash-and-beep source runs', async () => {
      await call('addDestination', { name: 'nginx', presetId: 'custom-rtmp', kind: 'rtmp', serverUrl: nginx!.rtmpUrl(), streamKey: STREAM_KEY });
      await call('goLive');
      recordingFile = ((await call('startRecording')) as { file: string }).file;
      await nginx!.waitForPublisher(STREAM_KEY, remainingMs());
      await page.waitForFunction((fps) => {
        const s = window.programHarness!.stats();
        return s.videoSent > 2 * fps && s.audioSent > 200 && s.flashesUs.length >= 2;
      }, c.fps, { timeout: remainingMs() });
      const s = await stats();
      expect(s.lastRequest).toMatchObject({ send: true, path: c.path, width: c.width, height: c.height, fps: c.fps });
      expect(s.frames[c.path]).toBeGreaterThan(0);
      const state = (await call('getState')) as { live: { producer: string; streaming: string; recording: string } };
      expect(state.live).toMatchObject({ streaming: 'live', recording: 'recording', producer: 'compositor' });
      const health = (await call('getHealth')) as { health: { videoPath?: { path: string; chosenBy: string } | null } | null };
      expect(health.health?.videoPath).toMatchObject({ path: c.path, chosenBy: 'user' });
    });

    it(`reaches nginx as H.264 ${c.width}x${c.height} + AAC 48 kHz stereo (ffprobe)`, async () => {
      const pulled = await pullFrames(nginx!.rtmpUrl(STREAM_KEY), PULL_S, { outDir: tmp, timeoutMs: remainingMs() });
      const probe = await probeStreams(pulled);
      expect(probe.video).toMatchObject({ codec: 'h264', width: c.width, height: c.height });
      expect(probe.video?.fps).toBeCloseTo(c.fps, 0);
      expect(probe.audio).toMatchObject({ codec: 'aac', sampleRate: 48_000, channels: 2 });
    });

    it(`shows each scene switch in the decoded stream within ${SCENE_SWITCH_MAX_FRAMES} frames, with no gap in video timestamps around it`, async () => {
      for (let i = 0; i < SWITCHES; i++) {
        await call('setProgramScene', { sceneId: i % 2 === 0 ? 'sc_blue' : 'sc_red' });
        await page.waitForTimeout(SWITCH_EVERY_S * 1000);
      }
      await page.waitForTimeout(TAIL_S * 1000);
      final = await stats();
      await call('stopRecording');
      await call('stopLive');
      await page.waitForFunction(() => !window.programHarness!.stats().sending, undefined, { timeout: remainingMs() });
      expect(final.switches.map((s) => s.sceneId)).toEqual(['sc_blue', 'sc_red', 'sc_blue']);

      const { flashRegion, colourRegion } = layout(c);
      const flv = nginx!.recordingPath(STREAM_KEY);
      const [colours, flashLuma] = await Promise.all([regionStats(flv, colourRegion), regionStats(flv, flashRegion)]);
      const streamFlashes = findFlashes(flashLuma.map((s) => ({ ptsS: s.ptsS, yavg: s.y })), Math.floor(c.fps / 2));
      const mapping = clockOffsetFromFlashes(streamFlashes, final.flashesUs, FLASH_MATCH_FRAMES * frameS * 1e6);
      const report = final.switches.map((sw) => {
        const expectedS = mapping ? (sw.appliedUs - mapping.offsetUs) / 1e6 : Number.NaN;
        const colour = sw.sceneId === 'sc_blue' ? 'blue' : 'red';
        const shown = firstFrameTurning(colours, expectedS - SWITCH_EVERY_S / 2, colour);
        const lateFrames = shown ? (shown.ptsS - expectedS) / frameS : Number.NaN;
        return { colour, expectedS, shownS: shown?.ptsS ?? null, lateFrames, gaps: irregularSteps(colours, expectedS - AROUND_SWITCH_S, expectedS + AROUND_SWITCH_S, c.fps, STEP_TOLERANCE_S) };
      });
      console.log(
        `${c.path} ${c.width}x${c.height}: ${streamFlashes.length} flashes in the stream, ${final.flashesUs.length} planned, ${mapping?.matched ?? 0} matched; ` +
          `switches shown ${report.map((r) => `${r.colour} ${r.lateFrames.toFixed(2)} frames after reaching the compositor`).join(', ')}; ` +
          `white written late by ${final.whiteLateUs.map((u) => (u / 1000).toFixed(0)).join(',')} ms; ` +
          `sender: ${final.videoSent} frames sent, ${final.videoDropped} dropped, ${final.videoRejected} rejected`,
      );
      expect(mapping?.matched ?? 0, 'the stream flashes must line up with the planned ones').toBeGreaterThanOrEqual(MIN_AV_PAIRS);
      for (const r of report) {
        expect(r.shownS, `the switch to ${r.colour} must show in the stream`).not.toBeNull();
        expect(Math.abs(r.lateFrames), `switch to ${r.colour}: ${r.lateFrames.toFixed(2)} frames`).toBeLessThanOrEqual(SCENE_SWITCH_MAX_FRAMES);
        expect(r.gaps, `video timestamp steps around the switch to ${r.colour}`).toEqual([]);
      }
    });

    it('keeps the flash and the beep within one frame in the recording', async () => {
      const av = await measureAvOffset(recordingFile, { fps: c.fps, flashRegion: layout(c).flashRegion });
      console.log(
        `${c.path} ${c.width}x${c.height}: A/V in the recording: ${av.pairs.length} pairs, median ${av.medianOffsetMs.toFixed(1)} ms, ` +
          `max |offset| ${av.maxAbsOffsetMs.toFixed(1)} ms (${av.pairs.map((p) => `${p.flashS.toFixed(3)}: ${p.offsetMs.toFixed(1)}`).join(', ')}); ` +
          `flashes ${av.flashesS.map((f) => f.toFixed(3)).join(',')}; beeps ${av.beepsS.map((b) => b.toFixed(3)).join(',')}`,
      );
      expect(av.pairs.length).toBeGreaterThanOrEqual(MIN_AV_PAIRS);
      expect(av.maxAbsOffsetMs).toBeLessThanOrEqual(frameS * 1000);
      expect(final?.audioRefused).toBe(0);
    });

    it('raised no page errors', async () => {
      expect(pageErrors).toEqual([]);
      expect(final?.compositorErrors).toEqual([]);
    });
  });
}
