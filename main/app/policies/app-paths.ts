/**
 * Where the shell's files are, in development (`electron .` from the repo) and
 * in a packaged app (app.asar). One pure function, so the packaged layout that
 * electron-builder.yml produces is pinned by a test rather than discovered at run time.
 */
import path from 'node:path';

export interface AppLocation {
  /** app.getAppPath(): the repo root in development, ".../resources/app.asar" when packaged. */
  appPath: string;
  isPackaged: boolean;
  /** process.resourcesPath: the folder holding app.asar and app.asar.unpacked. */
  resourcesPath: string;
  platform: NodeJS.Platform;
}

export interface AppPaths {
  studioPage: string;
  pickerPage: string;
  studioPreload: string;
  pickerPreload: string;
  /** The repo's resources/ (presets, icons), packed into the asar under the same name. */
  resourcesDir: string;
  iconsDir: string;
  /** ffmpeg-static's binary: inside app.asar.unpacked when packaged (an executable cannot run from an asar). */
  bundledFfmpeg: string;
}

export function appPaths(location: AppLocation): AppPaths {
  const paths = location.platform === 'win32' ? path.win32 : path.posix;
  const root = location.appPath;
  const exe = location.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  const moduleRoot = location.isPackaged ? paths.join(location.resourcesPath, 'app.asar.unpacked') : root;
  return {
    studioPage: paths.join(root, 'dist', 'renderer'),
    pickerPage: paths.join(root, 'dist', 'picker'),
    studioPreload: paths.join(root, 'dist', 'preload', 'index.cjs'),
    pickerPreload: paths.join(root, 'dist', 'preload', 'picker.cjs'),
    resourcesDir: paths.join(root, 'resources'),
    iconsDir: paths.join(root, 'resources', 'icons'),
    bundledFfmpeg: paths.join(moduleRoot, 'node_modules', 'ffmpeg-static', exe),
  };
}
