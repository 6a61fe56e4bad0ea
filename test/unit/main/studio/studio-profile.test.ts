/**
 * The studio and the output size: a first collection is laid out on the
 * profile's size, a collection on disk loads as it was written, and changing
 * the size through setProfile moves and resizes every item with the canvas.
 * A real Studio in a temporary folder (no broadcast, so no ffmpeg runs).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCollection, defaultSettings } from '../../../../main/studio/defaults';
import { COLLECTION_FILE, COLLECTION_SCHEMA_VERSION, SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../../../main/studio/studio-stores';
import type { SceneCollection } from '../../../../preload/contract/model';
import { startTestStudio, type TestStudio } from '../../../helpers/studio-harness';
import { counterIds } from '../../../helpers/collection-fixture';

const HD = { width: 1920, height: 1080 };
const open: TestStudio[] = [];
const dirs: string[] = [];

async function dataDirWith(files: { settings?: object; collection?: SceneCollection }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'onair-profile-'));
  dirs.push(dir);
  if (files.settings) await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, data: files.settings }));
  if (files.collection) await writeFile(join(dir, COLLECTION_FILE), JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, data: files.collection }));
  return dir;
}

async function studioIn(dataDir: string): Promise<TestStudio> {
  const t = await startTestStudio({ dataDir, start: false });
  open.push(t);
  return t;
}

const background = (c: SceneCollection) => c.scenes[0]!.items[0]!.transform;
const camera = (c: SceneCollection) => c.scenes[0]!.items[1]!.transform;

afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('Studio and the output size', () => {
  it('lays out a first collection on the profile size found in the settings', async () => {
    const settings = defaultSettings({ videosDir: '/tmp/videos' });
    const t = await studioIn(await dataDirWith({ settings: { ...settings, profile: { ...settings.profile, ...HD } } }));
    expect(background(t.studio.collection)).toMatchObject({ x: 0, y: 0, ...HD });
    expect(camera(t.studio.collection)).toEqual(camera(defaultCollection(counterIds(), HD)));
  });

  it('loads an existing collection unchanged, even when it was made for another size', async () => {
    const settings = defaultSettings({ videosDir: '/tmp/videos' });
    const made720 = defaultCollection(counterIds());
    const t = await studioIn(await dataDirWith({ settings: { ...settings, profile: { ...settings.profile, ...HD } }, collection: made720 }));
    expect(t.studio.collection).toEqual(made720);
  });

  it('setProfile with a new size scales every item, and saves the scaled layout', async () => {
    const t = await studioIn(await dataDirWith({}));
    const before = t.studio.collection;
    expect(background(before)).toMatchObject({ width: 1280, height: 720 });
    await t.studio.api.setProfile(HD);
    const after = t.studio.collection;
    expect(background(after)).toMatchObject({ x: 0, y: 0, ...HD });
    expect(camera(after)).toEqual({ ...camera(before), x: camera(before).x * 1.5, y: camera(before).y * 1.5, width: camera(before).width * 1.5, height: camera(before).height * 1.5 });
    await t.close();
    open.pop();
    const saved = JSON.parse(await readFile(join(t.dataDir, COLLECTION_FILE), 'utf8')) as { data: SceneCollection };
    expect(background(saved.data)).toMatchObject(HD);
  });

  it('setProfile without a size change leaves the collection alone', async () => {
    const t = await studioIn(await dataDirWith({}));
    const before = t.studio.collection;
    await t.studio.api.setProfile({ videoBitrateKbps: 6000, fps: 60 });
    expect(t.studio.collection).toBe(before);
  });
});
