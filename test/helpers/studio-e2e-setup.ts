/**
 * What an end-to-end test of `onair studio` needs before it starts: a build no
 * older than the sources (run alone, a test builds; `npm test` builds first),
 * and a data folder with the default scenes laid out for a small output and the
 * local origin on a free port (its default, 8090, may be taken on a test machine).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCollection, defaultSettings } from '../../main/studio/defaults';
import { COLLECTION_FILE, COLLECTION_SCHEMA_VERSION, SETTINGS_FILE, SETTINGS_SCHEMA_VERSION } from '../../main/studio/studio-stores';
import type { Settings } from '../../preload/contract';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STUDIO_CLI = join(ROOT, 'dist', 'cli', 'onair.js');
const UI_INDEX = join(ROOT, 'dist', 'renderer', 'index.html');
export const BUILD_TIMEOUT_MS = 240_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureStudioBuilt(): void {
  const built = (file: string) => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };
  const sources = Math.max(...['main', 'preload', 'renderer'].map((d) => newestMtime(join(ROOT, d))));
  if (Math.min(built(STUDIO_CLI), built(UI_INDEX)) >= sources) return;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: BUILD_TIMEOUT_MS });
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
