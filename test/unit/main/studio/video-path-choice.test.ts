/**
 * The profile's video path: forced paths are kept, 'auto' follows the pre-flight
 * measured at the same output settings, and without one it is raw, with why.
 * Also through a real Studio: reportPreflight over the contract reaches it, and
 * the last one is still there after a restart.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PREFLIGHT_FILE } from '../../../../main/studio/studio-stores';
import { summarizePreflight, VideoPathChoice } from '../../../../main/studio/video-path-choice';
import type { OutputProfile, PreflightReport } from '../../../../preload/contract';
import { startTestStudio, type TestStudio } from '../../../helpers/studio-harness';

const measured = (path: 'raw' | 'encoded', achievedFps: number, workerMsPerFrame: number) => ({
  path, ok: true, error: null, durationMs: 2500, achievedFps, repeatedFrames: 0, workerMsPerFrame, renderMs: 3, readbackMs: workerMsPerFrame - 3, encodeLatencyMs: null,
});
const AT_720P = { width: 1280, height: 720, fps: 30, videoBitrateKbps: 2500 };
const report: PreflightReport = { ...AT_720P, engineHasHardwareEncoder: false, raw: measured('raw', 22.4, 41), encoded: measured('encoded', 30, 9), choice: 'encoded', reason: 'only encoded holds 30 fps (raw: 22.4 fps)' };
const profile = (videoPath: OutputProfile['videoPath'], patch: Partial<typeof AT_720P> = {}) => ({ ...AT_720P, ...patch, videoPath });

describe('VideoPathChoice', () => {
  it("resolves 'auto' to raw until a pre-flight reports, and says why", () => {
    const status = new VideoPathChoice().resolve(profile('auto'));
    expect(status).toMatchObject({ setting: 'auto', path: 'raw', chosenBy: 'default', preflight: null });
    expect(status.reason).toMatch(/No pre-flight has measured 1280x720 at 30 fps/);
  });

  it("resolves 'auto' to the pre-flight's choice for the profile it measured", () => {
    const choice = new VideoPathChoice();
    choice.remember(report);
    const status = choice.resolve(profile('auto'));
    expect(status).toMatchObject({ path: 'encoded', chosenBy: 'preflight', preflight: report });
    expect(status.reason).toContain('raw held 22 fps, encoded 30 fps');
  });

  it('ignores a pre-flight made at another size, rate or bitrate', () => {
    const choice = new VideoPathChoice();
    choice.remember(report);
    for (const patch of [{ width: 640, height: 360 }, { fps: 60 }, { videoBitrateKbps: 6000 }]) {
      expect(choice.resolve(profile('auto', patch))).toMatchObject({ path: 'raw', chosenBy: 'default', preflight: null });
    }
  });

  it('keeps a forced path whatever the pre-flight chose', () => {
    const choice = new VideoPathChoice();
    choice.remember(report);
    expect(choice.resolve(profile('raw'))).toMatchObject({ setting: 'raw', path: 'raw', chosenBy: 'user', preflight: report });
    expect(choice.resolve(profile('encoded'))).toMatchObject({ path: 'encoded', chosenBy: 'user' });
  });

  it('summarizes a failed path with its error', () => {
    const failed = { ...report, encoded: { ...report.encoded, ok: false, achievedFps: 0, error: 'H.264 is not supported' }, choice: 'raw' as const };
    expect(summarizePreflight(failed)).toContain('encoded failed (H.264 is not supported)');
  });
});

describe('the Studio and the pre-flight', () => {
  let t: TestStudio | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('keeps what reportPreflight sends for the current profile', async () => {
    t = await startTestStudio({ start: false });
    const studio = t.studio;
    await studio.api.setProfile({ ...AT_720P, videoPath: 'auto' });
    expect(studio.videoPath.resolve(studio.settings.profile).chosenBy).toBe('default');
    await studio.api.reportPreflight(report);
    expect(studio.videoPath.resolve(studio.settings.profile)).toMatchObject({ path: 'encoded', chosenBy: 'preflight' });
    await studio.api.setProfile({ fps: 25 });
    expect(studio.videoPath.resolve(studio.settings.profile)).toMatchObject({ path: 'raw', chosenBy: 'default' });
  });

  it('keeps the last pre-flight across a restart, and starts without one when the file is damaged', async () => {
    t = await startTestStudio({ start: false });
    const dataDir = t.dataDir;
    await t.studio.api.setProfile({ ...AT_720P, videoPath: 'auto' });
    await t.studio.api.reportPreflight(report);
    await t.close();
    t = await startTestStudio({ dataDir, start: false });
    expect(t.studio.videoPath.resolve(t.studio.settings.profile)).toMatchObject({ path: 'encoded', chosenBy: 'preflight' });
    await t.close();
    await writeFile(join(dataDir, PREFLIGHT_FILE), '{ not json');
    t = await startTestStudio({ dataDir, start: false });
    expect(t.studio.videoPath.resolve(t.studio.settings.profile)).toMatchObject({ path: 'raw', chosenBy: 'default' });
  });
});
