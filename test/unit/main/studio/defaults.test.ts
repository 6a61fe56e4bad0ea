import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOTKEY_ACTIONS, RecordingSettingsSchema, SceneCollectionSchema, SettingsSchema, type SceneCollection } from '../../../../preload/contract/model';
import { defaultCollection, defaultSettings, fileNameFromPattern } from '../../../../main/studio/defaults';
import { counterIds } from '../../../helpers/collection-fixture';

const sourceOf = (c: SceneCollection, sourceId: string) => c.sources.find((s) => s.id === sourceId)!;
const stack = (c: SceneCollection, sceneName: string) =>
  c.scenes.find((s) => s.name === sceneName)!.items.map((i) => ({ kind: sourceOf(c, i.sourceId).kind, name: sourceOf(c, i.sourceId).name, transform: i.transform }));

describe('defaultCollection', () => {
  const c = defaultCollection(counterIds());

  it('passes the collection schema, on the default canvas and on others', () => {
    expect(SceneCollectionSchema.safeParse(c).success).toBe(true);
    expect(SceneCollectionSchema.safeParse(defaultCollection(counterIds(), { width: 1920, height: 1080 })).success).toBe(true);
    expect(SceneCollectionSchema.safeParse(defaultCollection(counterIds(), { width: 720, height: 1280 })).success).toBe(true);
  });

  it('"Live" stacks background, camera, title and microphone; program and preview are on it', () => {
    expect(c.scenes.map((s) => s.name)).toEqual(['Live', 'Starting soon']);
    expect(stack(c, 'Live').map((i) => i.kind)).toEqual(['color', 'camera', 'text', 'audio-input']);
    expect(c.programSceneId).toBe(c.scenes[0]!.id);
    expect(c.previewSceneId).toBe(c.programSceneId);
    expect(c.studioMode).toBe(false);
    expect(c.transition).toEqual({ kind: 'fade', durationMs: 300 });
  });

  it('insets the camera in a centred 16:9 box so the background shows', () => {
    const [background, camera] = stack(c, 'Live');
    expect(background!.transform).toMatchObject({ x: 0, y: 0, width: 1280, height: 720 });
    expect(camera!.transform).toMatchObject({ x: 128, y: 72, width: 1024, height: 576 });
    const tall = stack(defaultCollection(counterIds(), { width: 720, height: 1280 }), 'Live')[1]!.transform;
    expect(tall.width / tall.height).toBeCloseTo(16 / 9, 2);
    expect(tall.x + tall.width).toBeLessThanOrEqual(720);
  });

  it('titles "OnAir Studio" in white with an outline, centred near the bottom', () => {
    const title = c.sources.find((s) => s.kind === 'text' && s.settings.text === 'OnAir Studio');
    expect(title?.settings).toMatchObject({ color: '#ffffff', align: 'center' });
    expect(title?.kind === 'text' && title.settings.outlineWidthPx).toBeGreaterThan(0);
    const box = stack(c, 'Live')[2]!.transform;
    expect(box.x * 2 + box.width).toBe(1280);
    expect(box.y).toBeGreaterThan(720 / 2);
  });

  it('"Starting soon" shares the background and says so', () => {
    const soon = stack(c, 'Starting soon');
    expect(soon.map((i) => i.name)).toEqual(['Background', 'Starting soon text']);
    expect(c.sources.filter((s) => s.kind === 'color')).toHaveLength(1);
    expect(c.sources.some((s) => s.kind === 'text' && s.settings.text === 'Starting soon')).toBe(true);
  });

  it('has a microphone input and takes every id from newId', () => {
    expect(c.sources.find((s) => s.kind === 'audio-input')?.settings).toEqual({ deviceId: null, target: 'microphone' });
    const newId = counterIds();
    const again = defaultCollection(newId);
    const ids = [...again.scenes.map((s) => s.id), ...again.sources.map((s) => s.id), ...again.scenes.flatMap((s) => s.items.map((i) => i.id))];
    expect(new Set(ids).size).toBe(newId.prefixes.length);
  });
});

describe('defaultSettings', () => {
  const s = defaultSettings({ videosDir: '/home/ada/Videos' });

  it('passes the settings schema', () => {
    expect(SettingsSchema.safeParse(s).success).toBe(true);
  });

  it('uses a 720p30 profile at 4500 kb/s and records MKV into Videos/OnAir', () => {
    expect(s.profile).toEqual({ width: 1280, height: 720, fps: 30, videoBitrateKbps: 4500, keyframeIntervalS: 2, encoder: 'auto', audioBitrateKbps: 160, videoPath: 'auto' });
    expect(s.recording).toEqual({ folder: path.join('/home/ada/Videos', 'OnAir'), format: 'mkv', fileNamePattern: 'OnAir {date} {time}' });
  });

  it('has only the built-in local origin as a destination, and loopback-only servers', () => {
    expect(s.destinations).toEqual([{ id: 'local', name: 'OnAir local origin (watch page)', kind: 'local', presetId: 'local', serverUrl: '', backupServerUrl: null, enabled: true, hasKey: false }]);
    expect(s.remote).toEqual({ enabled: true, port: 4455, lan: false });
    expect(s.localOrigin).toEqual({ port: 8090, lan: false });
    expect(s.ffmpegPath).toBeNull();
  });

  it('binds every hotkey action', () => {
    expect(Object.keys(s.hotkeys).sort()).toEqual([...HOTKEY_ACTIONS].sort());
    // Three modifiers: the desktop app registers them globally, so they must not take common keys from other apps.
    expect(s.hotkeys['scene-1']).toBe('CommandOrControl+Alt+Shift+1');
    expect(s.hotkeys['scene-9']).toBe('CommandOrControl+Alt+Shift+9');
    expect(s.hotkeys.transition).toBe('CommandOrControl+Alt+Shift+T');
    expect(s.hotkeys['toggle-live']).toBe('CommandOrControl+Alt+Shift+L');
    expect(s.hotkeys['toggle-record']).toBe('CommandOrControl+Alt+Shift+R');
    expect(s.hotkeys['toggle-mic-mute']).toBe('CommandOrControl+Alt+Shift+M');
  });
});

describe('fileNameFromPattern', () => {
  // Built from local fields, so the expected names hold in every time zone.
  const at = new Date(2026, 10, 25, 13, 5, 9);
  const WINDOWS_ILLEGAL = /[<>:"/\\|?*\u0000-\u001f]/;

  it.each([
    ['OnAir {date} {time}', 'Live', 'OnAir 2026-11-25 13-05-09'],
    ['{scene} - {date}', 'Live', 'Live - 2026-11-25'],
    ['{scene} {time}', 'Q&A: "why?" <live>/1', 'Q&A- -why-- -live--1 13-05-09'],
    ['rec {scene}', 'tab\there', 'rec tab-here'],
    ['{scene}', 'ends with dots. . ', 'ends with dots'],
    ['{scene}', 'CON', 'CON_'],
    ['{scene}', 'nul.backup', 'nul_.backup'],
    ['{scene}', '', 'OnAir 2026-11-25 13-05-09'],
    ['no placeholders', 'Live', 'no placeholders'],
  ])('%s with scene %j → %j', (pattern, scene, expected) => {
    const name = fileNameFromPattern(pattern, at, scene);
    expect(name).toBe(expected);
    expect(name).not.toMatch(WINDOWS_ILLEGAL);
  });

  it('the default pattern is a valid recording pattern, and long names are capped', () => {
    expect(RecordingSettingsSchema.shape.fileNamePattern.safeParse('OnAir {date} {time}').success).toBe(true);
    expect(fileNameFromPattern('{scene}', at, 'x'.repeat(500)).length).toBeLessThanOrEqual(180);
  });
});
