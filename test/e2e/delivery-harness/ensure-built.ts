/**
 * Builds before an end-to-end run, only when the sources are newer than the
 * build: the CLI alone (build:main) for tests that serve their own page, the
 * whole app (build) for tests that use the studio's UI.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli', 'onair.js');
const UI_INDEX = join(ROOT, 'dist', 'renderer', 'index.html');
export const BUILD_TIMEOUT_MS = 240_000;

/** Newest modification time under `dir`, in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0; // not built yet
  }
}

export function ensureBuilt(what: 'cli' | 'app'): void {
  const dirs = what === 'cli' ? ['main', 'preload'] : ['main', 'preload', 'renderer'];
  const outputs = what === 'cli' ? [CLI] : [CLI, UI_INDEX];
  if (Math.min(...outputs.map(builtAt)) >= Math.max(...dirs.map((d) => newestMtime(join(ROOT, d))))) return;
  execFileSync('npm', ['run', '-s', what === 'cli' ? 'build:main' : 'build'], { cwd: ROOT, stdio: 'inherit', timeout: BUILD_TIMEOUT_MS });
}
