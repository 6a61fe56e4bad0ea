/**
 * The video path pre-flight from the studio's own UI to the engine: with the
 * profile's video path on "auto", the UI in Chromium (browser mode, `onair
 * studio`) measures both paths once its compositor runs and reports it; the
 * studio answers getProbeReport with the choice and its measurements, and a
 * recording started afterwards runs on that path, which its health says and the
 * Stats dock shows.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthSnapshot, VideoPathStatus } from '../../preload/contract';
import { BRIDGE_PATH } from '../../preload/contract/transport';
import { collectPageErrors, launchChromium } from '../helpers/chromium';
import { freePorts } from '../helpers/ports';
import { startStudio, type StudioProcess } from '../helpers/studio-process';
import { BUILD_TIMEOUT_MS, CLI, ROOT, ensureBuilt } from './delivery-harness/ensure-built';
import { seedDataDir } from './delivery-harness/program-delivery';

const PROFILE = { width: 640, height: 360, fps: 30, videoBitrateKbps: 1500, videoPath: 'auto' as const };
/** Studio, browser, the UI's start, the probe, two pre-flight runs of 2.5 s and a few seconds of recording, on a loaded machine. */
const TOTAL_BUDGET_MS = 180_000;
const RECORD_MS = 3000;

let deadline = 0;
const remainingMs = () => Math.max(1, deadline - Date.now());
let tmp = '';
let studio: StudioProcess | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

/** A contract call over a socket of its own to the page's bridge (same origin and token as the UI's). */
function call<T>(method: string, params: unknown = {}): Promise<T> {
  return page.evaluate(
    ([path, m, p]) =>
      new Promise<unknown>((resolve, reject) => {
        const token = new URLSearchParams(location.search).get('token') ?? '';
        const ws = new WebSocket(`ws://${location.host}${path}?token=${encodeURIComponent(token)}`);
        ws.onopen = () => ws.send(JSON.stringify({ type: 'call', id: 1, method: m, params: p }));
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data)) as { type: string; id?: number; result?: unknown; error?: { message: string } };
          if (msg.id !== 1) return;
          ws.close();
          if (msg.type === 'result') resolve(msg.result);
          else reject(new Error(msg.error?.message ?? 'call failed'));
        };
        ws.onerror = () => reject(new Error('the bridge socket failed'));
      }),
    [BRIDGE_PATH, method, params] as const,
  ) as Promise<T>;
}

beforeAll(async () => {
  ensureBuilt('app');
  deadline = Date.now() + TOTAL_BUDGET_MS;
  tmp = mkdtempSync(join(tmpdir(), 'onair-preflight-e2e-'));
  const [originPort, remotePort] = await freePorts(2);
  const dataDir = seedDataDir(tmp, PROFILE, originPort!, null);
  // A copy of the built UI: a build running meanwhile (other work on this machine) empties dist/renderer first.
  const uiDir = join(tmp, 'ui');
  cpSync(join(ROOT, 'dist', 'renderer'), uiDir, { recursive: true });
  studio = await startStudio(CLI, ['--no-open', '--port', '0', '--data-dir', dataDir, '--remote-port', String(remotePort), '--ui', uiDir], remainingMs());
  browser = await launchChromium(remainingMs());
  page = await browser.newPage();
  collectPageErrors(page, pageErrors);
  await page.goto(studio.studioUrl, { timeout: remainingMs() });
}, BUILD_TIMEOUT_MS + TOTAL_BUDGET_MS);

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the video path pre-flight, profile 'auto', from the studio UI to the engine", () => {
  let chosen: VideoPathStatus | null = null;

  it('the UI measures both paths at the profile and the studio keeps the result', async () => {
    await expect
      .poll(async () => (await call<{ videoPath: VideoPathStatus }>('getProbeReport')).videoPath.chosenBy, { timeout: remainingMs(), interval: 1000 })
      .toBe('preflight');
    const { videoPath, report } = await call<{ videoPath: VideoPathStatus; report: { videoPath?: unknown } }>('getProbeReport');
    chosen = videoPath;
    const p = videoPath.preflight!;
    console.log(
      `pre-flight at ${p.width}x${p.height} ${p.fps} fps: ${videoPath.path}; raw ${p.raw.achievedFps.toFixed(1)} fps at ${p.raw.workerMsPerFrame.toFixed(1)} ms a frame, ` +
        `encoded ${p.encoded.achievedFps.toFixed(1)} fps at ${p.encoded.workerMsPerFrame.toFixed(1)} ms a frame (${p.reason})`,
    );
    expect(p).toMatchObject({ width: PROFILE.width, height: PROFILE.height, fps: PROFILE.fps, videoBitrateKbps: PROFILE.videoBitrateKbps });
    expect(p.raw.durationMs).toBeGreaterThan(0);
    expect(p.encoded.durationMs).toBeGreaterThan(0);
    expect(videoPath.path).toBe(p.choice);
    expect(report.videoPath).toEqual(videoPath);
  });

  it('a recording started afterwards runs on the chosen path, and health and the Stats dock say so', async () => {
    await call('startRecording');
    await page.waitForTimeout(RECORD_MS);
    const { health } = await call<{ health: HealthSnapshot | null }>('getHealth');
    expect(health?.videoPath).toMatchObject({ chosenBy: 'preflight', path: chosen!.path });
    expect(health?.encoder?.path).toBe(chosen!.path);
    await expect.poll(() => page.getByText(/chosen by pre-flight: raw held \d+ fps, encoded \d+ fps/).count(), { timeout: remainingMs() }).toBeGreaterThan(0);
    await call('stopRecording');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
