/**
 * A data folder for an end-to-end test of `onair studio`: the default scenes
 * laid out for a small output, and the local origin on a free port (its
 * default, 8090, may be taken on a test machine); and the build it runs
 * (test/e2e/delivery-harness/ensure-built.ts, named here for the UI tests).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCollection, defaultSettings } from '../../main/studio/defaults';
import { COLLECTION_FILE, COLLECTION_SCHEMA_VERSION, SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../main/studio/studio-stores';
import type { Settings } from '../../preload/contract';
import { ensureBuilt } from '../e2e/delivery-harness/ensure-built';

export { BUILD_TIMEOUT_MS, CLI as STUDIO_CLI, ROOT } from '../e2e/delivery-harness/ensure-built';

/** The whole app built (CLI and UI) no older than its sources. */
export function ensureStudioBuilt(): void {
  ensureBuilt('app');
}

export interface SeedOptions {
  originPort: number;
  output: { width: number; height: number };
  /** Changes to the default settings, applied last. */
  settings?: (s: Settings) => Settings;
}

/** `<root>/data`, seeded; recordings default to `<root>/videos/OnAir`. */
export function seedStudioDataDir(root: string, opts: SeedOptions): string {
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const base = defaultSettings({ videosDir: join(root, 'videos') });
  const seeded = { ...base, localOrigin: { ...base.localOrigin, port: opts.originPort }, profile: { ...base.profile, ...opts.output } };
  const settings = opts.settings ? opts.settings(seeded) : seeded;
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, data: settings }));
  let n = 0;
  const collection = defaultCollection((prefix) => `${prefix}_${++n}`, opts.output);
  writeFileSync(join(dataDir, COLLECTION_FILE), JSON.stringify({ schemaVersion: COLLECTION_SCHEMA_VERSION, data: collection }));
  return dataDir;
}
