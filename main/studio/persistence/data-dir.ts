/**
 * Where the studio keeps its documents and secrets: the `--data-dir` flag, then
 * ONAIR_DATA_DIR, then the platform's usual place for per-user app data.
 *
 * Pure (everything it reads can be passed in), so every platform's answer can be
 * tested on any machine. Creating the folder, with mode 0700 so other users
 * cannot list or read it, is the caller's job.
 */
import { homedir } from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'ONAIR_DATA_DIR';
/** Folder names: Linux convention is lowercase and dashed; macOS and Windows show the product name. */
export const LINUX_DATA_DIR_NAME = 'onair-studio';
export const PRODUCT_DATA_DIR_NAME = 'OnAir Studio';

export interface DataDirOptions {
  /** The `--data-dir` command-line value, if given. */
  flag?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  /** Relative flag or env paths are made absolute against this, so a later chdir cannot move the data. */
  cwd?: string;
}

export function resolveDataDir(options: DataDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  // Windows paths must be joined with '\' even when this runs (in tests) on Linux.
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const chosen = nonEmpty(options.flag) ?? nonEmpty(env[DATA_DIR_ENV]);
  if (chosen !== undefined) return paths.resolve(options.cwd ?? process.cwd(), chosen);

  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? paths.join(home, 'AppData', 'Roaming');
    return paths.join(appData, PRODUCT_DATA_DIR_NAME);
  }
  if (platform === 'darwin') return paths.join(home, 'Library', 'Application Support', PRODUCT_DATA_DIR_NAME);
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const configHome = xdg !== undefined && paths.isAbsolute(xdg) ? xdg : paths.join(home, '.config');
  return paths.join(configHome, LINUX_DATA_DIR_NAME);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
