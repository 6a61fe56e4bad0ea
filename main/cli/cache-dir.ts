/** Where the CLI keeps its probe cache: ONAIR_CACHE_DIR, else the platform's cache folder. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ONAIR_CACHE_DIR) return env.ONAIR_CACHE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'OnAir Studio', 'Cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'OnAir Studio');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'onair-studio');
}
