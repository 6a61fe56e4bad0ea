import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../preload/contract/errors';
import type { Destination } from '../../../../preload/contract/model';
import { PRESETS_FILE, buildDestinationUrl, loadPresets, resourcesDir } from '../../../../main/studio/presets';
import { studioErrorOf } from '../../../helpers/collection-fixture';

const APP_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('resourcesDir', () => {
  it('is resources/ under the app root', () => {
    expect(resourcesDir('/opt/OnAir Studio/app')).toBe(path.join('/opt/OnAir Studio/app', 'resources'));
  });
});

describe('loadPresets (the shipped file)', () => {
  it('validates, with unique ids and every expected service', async () => {
    const presets = await loadPresets(resourcesDir(APP_ROOT));
    const ids = presets.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['twitch', 'youtube', 'facebook', 'kick', 'custom-rtmp', 'srt', 'hls-put']);
  });

  it('carries the documented ingests and limits', async () => {
    const byId = new Map((await loadPresets(resourcesDir(APP_ROOT))).map((p) => [p.id, p]));
    expect(byId.get('twitch')?.servers.map((s) => s.url)).toEqual(['rtmp://live.twitch.tv/app', 'rtmps://live.twitch.tv:443/app']);
    expect(byId.get('twitch')?.recommended).toEqual({ maxVideoBitrateKbps: 6000, keyframeIntervalS: 2, maxWidth: 1920, maxHeight: 1080, maxFps: 60 });
    expect(byId.get('youtube')?.servers.map((s) => s.url)).toEqual(['rtmps://a.rtmps.youtube.com:443/live2', 'rtmp://a.rtmp.youtube.com/live2']);
    expect(byId.get('youtube')?.backupServerUrl).toBe('rtmps://b.rtmps.youtube.com:443/live2?backup=1');
    expect(byId.get('facebook')?.servers.map((s) => s.url)).toEqual(['rtmps://live-api-s.facebook.com:443/rtmp/']);
    for (const id of ['kick', 'custom-rtmp', 'srt', 'hls-put']) expect(byId.get(id)?.servers, id).toEqual([]);
    expect(byId.get('kick')?.keyHelp).toMatch(/dashboard/i);
    expect(byId.get('srt')?.keyHelp).toMatch(/streamid/);
    expect(byId.get('hls-put')?.keyHelp).toContain('{key}');
    for (const preset of byId.values()) expect(preset.recommended.keyframeIntervalS, preset.id).toBe(2);
  });
});

describe('loadPresets (a damaged file)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function resourcesWith(text: string | null): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), 'onair-presets-'));
    if (text !== null) {
      await mkdir(path.join(dir, 'presets'));
      await writeFile(path.join(dir, PRESETS_FILE), text);
    }
    return dir;
  }

  it.each([
    ['missing', null, 'ENOENT'],
    ['not JSON', '{ presets: ', 'JSON'],
    ['a preset with a wrong kind', JSON.stringify({ presets: [{ id: 'x', name: 'X', kind: 'ftp', servers: [], backupServerUrl: null, keyHelp: '', recommended: { maxVideoBitrateKbps: 1, keyframeIntervalS: 2, maxWidth: 1, maxHeight: 1, maxFps: 1 } }] }), 'presets[0].kind'],
  ])('is an INTERNAL error when %s, with the file and problem in the detail', async (_, text, detail) => {
    const folder = await resourcesWith(text);
    const err = await loadPresets(folder).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'INTERNAL', detail: expect.stringContaining(detail) });
    expect((err as StudioError).detail).toContain(path.join(folder, PRESETS_FILE));
  });
});

describe('buildDestinationUrl', () => {
  const url = (kind: Destination['kind'], serverUrl: string, key: string | null) => buildDestinationUrl({ kind, serverUrl }, key);

  it.each([
    ['rtmp', 'rtmp://live.twitch.tv/app', 'live_123_abc', 'rtmp://live.twitch.tv/app/live_123_abc'],
    ['rtmp', 'rtmp://live.twitch.tv/app/', 'live_123_abc', 'rtmp://live.twitch.tv/app/live_123_abc'],
    ['rtmp', 'rtmps://live-api-s.facebook.com:443/rtmp//', 'FB-1', 'rtmps://live-api-s.facebook.com:443/rtmp/FB-1'],
    ['rtmp', 'rtmp://b.rtmp.youtube.com/live2?backup=1', 'abcd-efgh', 'rtmp://b.rtmp.youtube.com/live2/abcd-efgh?backup=1'],
    ['rtmp', 'rtmps://b.rtmps.youtube.com:443/live2/?backup=1', 'abcd-efgh', 'rtmps://b.rtmps.youtube.com:443/live2/abcd-efgh?backup=1'],
    // Facebook keys carry their own query: it arrives as given, and a server query joins it.
    ['rtmp', 'rtmps://live-api-s.facebook.com:443/rtmp/', 'FB-9?s_bl=1&s_ps=1&a=Abx', 'rtmps://live-api-s.facebook.com:443/rtmp/FB-9?s_bl=1&s_ps=1&a=Abx'],
    ['rtmp', 'rtmp://h/app?backup=1', 'k?a=1', 'rtmp://h/app/k?a=1&backup=1'],
    ['rtmp', ' rtmp://h/app ', '  /key-with-space-around \n', 'rtmp://h/app/key-with-space-around'],
    ['rtmp', 'rtmp://h/app/already-has-key', null, 'rtmp://h/app/already-has-key'],
    ['rtmp', 'rtmp://h/app', '   ', 'rtmp://h/app'],
    ['srt', 'srt://ingest.example.com:9000', 'publish:live/cam1', 'srt://ingest.example.com:9000?streamid=publish%3Alive%2Fcam1'],
    ['srt', 'srt://ingest.example.com:9000?latency=200000', '#!::r=live/cam,m=publish', 'srt://ingest.example.com:9000?latency=200000&streamid=%23!%3A%3Ar%3Dlive%2Fcam%2Cm%3Dpublish'],
    ['srt', 'srt://ingest.example.com:9000?', 'k', 'srt://ingest.example.com:9000?streamid=k'],
    ['srt', 'srt://ingest.example.com:9000?streamid=fixed&passphrase=0123456789', 'ignored', 'srt://ingest.example.com:9000?streamid=fixed&passphrase=0123456789'],
    ['srt', 'srt://ingest.example.com:9000', null, 'srt://ingest.example.com:9000'],
    ['hls-put', 'https://origin.example.com/live/index.m3u8', 'ignored', 'https://origin.example.com/live/index.m3u8'],
    ['hls-put', 'https://origin.example.com/live/{key}/index.m3u8', 'a b/c?d', 'https://origin.example.com/live/a%20b%2Fc%3Fd/index.m3u8'],
    ['hls-put', 'https://origin.example.com/{key}/index.m3u8?token={key}', 'k1', 'https://origin.example.com/k1/index.m3u8?token=k1'],
    ['local', '', 'ignored', ''],
  ] as const)('%s %s + %j → %s', (kind, serverUrl, key, expected) => {
    expect(url(kind, serverUrl, key)).toBe(expected);
  });

  it('keeps URL-safe keys exactly as given in every kind', () => {
    const key = 'live_1234-ABCD.efgh~5678';
    expect(url('rtmp', 'rtmp://h/app', key)).toBe(`rtmp://h/app/${key}`);
    expect(url('srt', 'srt://h:1', key)).toBe(`srt://h:1?streamid=${key}`);
    expect(url('hls-put', 'https://h/{key}.m3u8', key)).toBe(`https://h/${key}.m3u8`);
  });

  it('refuses an HLS URL that asks for a key when none is saved', () => {
    const err = studioErrorOf(() => url('hls-put', 'https://origin.example.com/{key}/index.m3u8', null));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('{key}');
  });
});
