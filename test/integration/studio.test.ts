/**
 * The Studio service end to end, headless: real engine, real ffmpeg, real local
 * origin and a real nginx-rtmp; persistence in a temporary data folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../preload/contract/errors';
import { probeStreams } from '../helpers/ffprobe';
import { NginxRtmp } from '../helpers/nginx-rtmp';
import { startTestStudio, type TestStudio } from '../helpers/studio-harness';

const KEY = 'live_test_key_1234567890';

describe('the studio, headless', () => {
  let t: TestStudio;
  const origin = new NginxRtmp();

  beforeAll(async () => {
    await origin.start();
    t = await startTestStudio();
    // A small, cheap profile for this 2-core machine.
    await t.studio.api.setProfile({ width: 640, height: 360, videoBitrateKbps: 1200, encoder: 'libx264' });
  }, 30_000);
  afterAll(async () => {
    await t.close(true);
    await origin.stop();
  });

  it('starts with the default collection and the local origin enabled', async () => {
    const state = await t.studio.api.getState({});
    expect(state.collection.scenes.map((s) => s.name)).toEqual(['Live', 'Starting soon']);
    const kinds = state.collection.sources.map((s) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(['camera', 'text', 'color']));
    expect(state.settings.destinations).toEqual([expect.objectContaining({ kind: 'local', enabled: true })]);
    expect(state.live.watchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/watch$/);
  });

  it('goes live with one call: the slate plays from the local origin', async () => {
    const { watchUrl } = await t.studio.api.goLive({});
    expect(watchUrl).toBe(t.studio.liveStatus.watchUrl);
    expect(t.studio.liveStatus.streaming).toBe('live');
    await t.waitFor('output', (o) => o.id === 'local' && o.state === 'live', 15_000);
    const playlist = watchUrl!.replace('/watch', '/live/index.m3u8');
    await t.waitFor('health', () => true, 5_000);
    // Wait for a first segment to be listed, then check what a player would get.
    const deadline = Date.now() + 15_000;
    let text = '';
    while (Date.now() < deadline && !/segment_\d+\.ts/.test(text)) {
      text = await fetch(playlist).then((r) => (r.ok ? r.text() : ''));
      if (!/segment_\d+\.ts/.test(text)) await new Promise((r) => setTimeout(r, 200));
    }
    expect(text).toMatch(/segment_\d{6}\.ts/);
    const p = await probeStreams(playlist);
    expect(p.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(p.audio?.codec).toBe('aac');
  }, 45_000);

  it('adds an RTMP destination while live; its key is stored apart, redacted in logs, revealed on request', async () => {
    const server = origin.rtmpUrl().replace(/\/$/, '');
    const { destination } = await t.studio.api.addDestination({ name: 'nginx', presetId: 'custom-rtmp', kind: 'rtmp', serverUrl: server, streamKey: KEY });
    expect(destination).toMatchObject({ hasKey: true, enabled: true });
    await t.waitFor('output', (o) => o.id === destination.id && o.state === 'live', 20_000);
    await origin.waitForPublisher(KEY, 10_000);
    expect(await t.studio.api.revealStreamKey({ id: destination.id })).toEqual({ streamKey: KEY });

    await t.studio.flushSave();
    const settingsFile = await readFile(join(t.dataDir, 'settings.json'), 'utf8');
    expect(settingsFile).not.toContain(KEY);
    const secrets = await stat(join(t.dataDir, 'secrets.json'));
    expect(secrets.mode & 0o777).toBe(0o600);
    const state = JSON.stringify(await t.studio.api.getState({}));
    expect(state).not.toContain(KEY);
    expect(t.logs.map((l) => l.message).join('\n')).not.toContain(KEY);
  }, 45_000);

  it('records independently of the stream', async () => {
    const { file } = await t.studio.api.startRecording({});
    await t.waitFor('output', (o) => o.id === 'recording' && o.state === 'live', 15_000);
    await t.studio.api.stopLive({});
    expect(t.studio.liveStatus.streaming).toBe('offline');
    expect(t.studio.liveStatus.recording).toBe('recording');
    await new Promise((r) => setTimeout(r, 2000));
    const stopped = await t.studio.api.stopRecording({});
    expect(stopped.file).toBe(file);
    const p = await probeStreams(file);
    expect(p.video?.codec).toBe('h264');
    expect(p.durationS).toBeGreaterThan(2);
    expect(t.studio.live.running).toBeNull();
  }, 45_000);

  it('refuses what cannot be done with a coded error a streamer understands', async () => {
    await expect(t.studio.api.stopLive({})).rejects.toMatchObject({ code: 'CONFLICT', message: 'You are not live.' });
    await expect(t.studio.api.removeScene({ sceneId: 'nope' })).rejects.toBeInstanceOf(StudioError);
    await expect(t.studio.api.setProfile({ width: 641 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/width must be even/) });
    await expect(t.studio.api.importCollection({ json: '{"format":"onair-scene-collection","version":1,"collection":{"name":"x","scenes":[]}}' })).rejects.toMatchObject({
      message: expect.stringMatching(/collection\.scenes/),
    });
  });

  it('exports a collection that imports again, and keeps scene edits across a restart', async () => {
    const { sceneId } = await t.studio.api.createScene({ name: 'Interview' });
    await t.studio.api.setProgramScene({ sceneId });
    const { json } = await t.studio.api.exportCollection({});
    await t.studio.api.importCollection({ json });
    await t.close();
    const again = await startTestStudio({ dataDir: t.dataDir, start: false });
    const state = await again.studio.api.getState({});
    expect(state.collection.scenes.map((s) => s.name)).toContain('Interview');
    expect(state.collection.programSceneId).toBe(sceneId);
    expect(state.settings.destinations.some((d) => d.name === 'nginx' && d.hasKey)).toBe(true);
    t = again;
  }, 30_000);
});
