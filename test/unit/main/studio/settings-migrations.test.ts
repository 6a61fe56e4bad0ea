import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../../preload/contract/model';
import { DEFAULT_HOTKEYS } from '../../../../preload/contract/hotkeys';
import { defaultSettings } from '../../../../main/studio/defaults';
import { SETTINGS_MIGRATIONS, V1_DEFAULT_HOTKEYS } from '../../../../main/studio/settings-migrations';
import { SETTINGS_FILE, SETTINGS_SCHEMA_VERSION, settingsStore } from '../../../../main/studio/studio-stores';

const quiet = { info: () => undefined, warn: () => undefined };
let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('settings version 1 to 2', () => {
  it('moves the hotkeys still at the old defaults and keeps the ones the streamer chose', () => {
    const v1 = { ...defaultSettings({ videosDir: '/v' }), hotkeys: { ...V1_DEFAULT_HOTKEYS, 'scene-3': 'F3', 'toggle-live': '' } };
    const v2 = SETTINGS_MIGRATIONS[1]!(v1) as Settings;
    expect(v2.hotkeys['scene-1']).toBe(DEFAULT_HOTKEYS['scene-1']);
    expect(v2.hotkeys.transition).toBe('CommandOrControl+Alt+Shift+T');
    expect(v2.hotkeys['scene-3']).toBe('F3');
    expect(v2.hotkeys['toggle-live']).toBe('');
    expect(v2.profile).toEqual(v1.profile);
  });

  it('leaves a document without hotkeys alone (the schema check reports it)', () => {
    expect(SETTINGS_MIGRATIONS[1]!({ profile: 1 })).toEqual({ profile: 1 });
    expect(SETTINGS_MIGRATIONS[1]!(null)).toBeNull();
  });

  it('runs when the store opens a version-1 file, and writes version 2 back', async () => {
    expect(SETTINGS_SCHEMA_VERSION).toBe(2);
    dir = await mkdtemp(join(tmpdir(), 'onair-settings-'));
    const v1 = { ...defaultSettings({ videosDir: '/v' }), hotkeys: { ...V1_DEFAULT_HOTKEYS } };
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ schemaVersion: 1, data: v1 }));
    const store = settingsStore(dir, () => defaultSettings({ videosDir: '/v' }), quiet);
    const loaded = await store.load();
    expect(loaded.value.hotkeys).toEqual(DEFAULT_HOTKEYS);
    expect(loaded.migratedFrom).toBe(1);
    const onDisk = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')) as { schemaVersion: number };
    expect(onDisk.schemaVersion).toBe(2);
  });
});
