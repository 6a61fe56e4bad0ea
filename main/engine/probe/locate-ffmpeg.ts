/**
 * Finds the ffmpeg (and, when there is one, the ffprobe) the engine will run.
 *
 * Order: the user's setting, then FFMPEG_PATH, then the ffmpeg-static package's
 * binary, then PATH. A path the user named (setting or FFMPEG_PATH) that holds no
 * binary is an error naming it: falling through would silently run a different
 * ffmpeg than the one they asked for. Every filesystem and environment read goes
 * through LocateOptions so the search is testable without touching the disk.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { EngineError } from '../errors';

export type FfmpegSource = 'setting' | 'env' | 'ffmpeg-static' | 'path';

export interface LocatedFfmpeg {
  ffmpegPath: string;
  /** Null when no ffprobe was found; tools that need it must say so themselves. */
  ffprobePath: string | null;
  source: FfmpegSource;
}

export interface LocateOptions {
  /** The ffmpeg path chosen in Settings; empty or absent means "find it". */
  setting?: string | null;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** True when the path is a file we may run. */
  fileExists?: (filePath: string) => boolean;
  /** Where ffmpeg-static's binary would be; null when the package is absent. Resolved when undefined. */
  staticPath?: string | null;
}

export function locateFfmpeg(options: LocateOptions = {}): LocatedFfmpeg {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const fileExists = options.fileExists ?? isRunnableFile;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const searched: string[] = [];

  const found = findFfmpeg();
  return { ...found, ffprobePath: findFfprobe(found.ffmpegPath) };

  function findFfmpeg(): { ffmpegPath: string; source: FfmpegSource } {
    const setting = options.setting?.trim();
    if (setting) {
      if (fileExists(setting)) return { ffmpegPath: setting, source: 'setting' };
      throw new EngineError(
        'FFMPEG_NOT_FOUND',
        `The ffmpeg chosen in Settings was not found at ${setting}. Choose the ffmpeg file again, or clear the setting so OnAir finds ffmpeg by itself.`,
        `setting path does not exist or is not executable: ${setting}`,
      );
    }
    const fromEnv = envValue(env, 'FFMPEG_PATH', platform);
    if (fromEnv) {
      if (fileExists(fromEnv)) return { ffmpegPath: fromEnv, source: 'env' };
      throw new EngineError(
        'FFMPEG_NOT_FOUND',
        `FFMPEG_PATH is set to ${fromEnv}, but there is no ffmpeg there. Correct FFMPEG_PATH or unset it.`,
        `FFMPEG_PATH does not exist or is not executable: ${fromEnv}`,
      );
    }
    // The package installs without its binary when install scripts are skipped, so check the file.
    const staticPath = options.staticPath === undefined ? resolveFfmpegStaticPath(platform) : options.staticPath;
    if (staticPath) {
      searched.push(staticPath);
      if (fileExists(staticPath)) return { ffmpegPath: staticPath, source: 'ffmpeg-static' };
    }
    const onPath = searchPath('ffmpeg');
    if (onPath) return { ffmpegPath: onPath, source: 'path' };
    throw new EngineError('FFMPEG_NOT_FOUND', notFoundMessage(), `searched: ${searched.join(', ') || '(nothing: PATH is empty)'}`);
  }

  function findFfprobe(ffmpegPath: string): string | null {
    const sibling = siblingFfprobe(ffmpegPath, paths);
    if (sibling && fileExists(sibling)) return sibling;
    const fromEnv = envValue(env, 'FFPROBE_PATH', platform);
    if (fromEnv) {
      if (fileExists(fromEnv)) return fromEnv;
      throw new EngineError(
        'FFMPEG_NOT_FOUND',
        `FFPROBE_PATH is set to ${fromEnv}, but there is no ffprobe there. Correct FFPROBE_PATH or unset it.`,
        `FFPROBE_PATH does not exist or is not executable: ${fromEnv}`,
      );
    }
    return searchPath('ffprobe');
  }

  function searchPath(base: string): string | null {
    const exe = platform === 'win32' ? `${base}.exe` : base;
    const dirs = (envValue(env, 'PATH', platform) ?? '').split(platform === 'win32' ? ';' : ':');
    for (const dir of dirs) {
      // Windows PATH entries may be quoted; an empty POSIX entry means the current directory, which we never trust.
      const clean = dir.trim().replace(/^"(.*)"$/, '$1');
      if (!clean) continue;
      const candidate = paths.join(clean, exe);
      searched.push(candidate);
      if (fileExists(candidate)) return candidate;
    }
    return null;
  }
}

/** "/opt/ff/bin/ffmpeg-6.1" -> "/opt/ff/bin/ffprobe-6.1"; "C:\\ff\\ffmpeg.exe" -> "C:\\ff\\ffprobe.exe". */
export function siblingFfprobe(ffmpegPath: string, paths: path.PlatformPath = path): string | null {
  const base = paths.basename(ffmpegPath);
  const at = base.toLowerCase().lastIndexOf('ffmpeg');
  if (at < 0) return null;
  return paths.join(paths.dirname(ffmpegPath), `${base.slice(0, at)}ffprobe${base.slice(at + 'ffmpeg'.length)}`);
}

export function notFoundMessage(): string {
  return [
    'OnAir could not find ffmpeg, which it needs to encode and send your stream.',
    'Linux: install it with your package manager (for example: sudo apt install ffmpeg).',
    'macOS: install it with Homebrew (brew install ffmpeg).',
    'Windows: download an ffmpeg build (ffmpeg.org/download.html), then choose ffmpeg.exe in Settings or set FFMPEG_PATH to it.',
  ].join('\n');
}

/**
 * Where ffmpeg-static keeps its binary, without running the package (its index also
 * honours FFMPEG_BIN, which would bypass our own order). Inside a packaged Electron
 * app the binary lives in app.asar.unpacked, since an executable cannot run from an asar.
 */
export function resolveFfmpegStaticPath(platform: NodeJS.Platform = process.platform): string | null {
  try {
    // __filename exists when this is bundled to CommonJS; import.meta.url when it runs as ESM.
    const base = typeof __filename === 'string' ? __filename : import.meta.url;
    const entry = createRequire(base).resolve('ffmpeg-static');
    const binary = path.join(path.dirname(entry), platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
    return unpackedAsarPath(binary);
  } catch {
    return null;
  }
}

/** ".../resources/app.asar/node_modules/x" -> ".../resources/app.asar.unpacked/node_modules/x". */
export function unpackedAsarPath(filePath: string): string {
  return filePath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** A regular file we may execute (on Windows, existence is all that can be checked). */
export function isRunnableFile(filePath: string): boolean {
  try {
    if (!statSync(filePath).isFile()) return false;
    if (process.platform !== 'win32') accessSync(filePath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Environment names are case-insensitive on Windows ("Path"); an injected env is a plain object. */
function envValue(env: Readonly<Record<string, string | undefined>>, name: string, platform: NodeJS.Platform): string | undefined {
  const exact = env[name];
  if (exact !== undefined || platform !== 'win32') return exact?.trim() || undefined;
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return (key === undefined ? undefined : env[key]?.trim()) || undefined;
}
