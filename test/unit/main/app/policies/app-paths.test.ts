import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../../../main/app/policies/app-paths';
import { unpackedAsarPath } from '../../../../../main/engine/probe/locate-ffmpeg';

describe('app paths', () => {
  it('finds the packaged ffmpeg in app.asar.unpacked (Linux AppImage/deb)', () => {
    const p = appPaths({ appPath: '/opt/OnAir Studio/resources/app.asar', isPackaged: true, resourcesPath: '/opt/OnAir Studio/resources', platform: 'linux' });
    expect(p.bundledFfmpeg).toBe('/opt/OnAir Studio/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg');
    expect(p.studioPage).toBe('/opt/OnAir Studio/resources/app.asar/dist/renderer');
    expect(p.studioPreload).toBe('/opt/OnAir Studio/resources/app.asar/dist/preload/index.cjs');
    expect(p.iconsDir).toBe('/opt/OnAir Studio/resources/app.asar/resources/icons');
  });

  it('finds ffmpeg.exe on Windows', () => {
    const p = appPaths({ appPath: 'C:\\Program Files\\OnAir Studio\\resources\\app.asar', isPackaged: true, resourcesPath: 'C:\\Program Files\\OnAir Studio\\resources', platform: 'win32' });
    expect(p.bundledFfmpeg).toBe('C:\\Program Files\\OnAir Studio\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe');
  });

  it('finds it inside the .app bundle on macOS', () => {
    const res = '/Applications/OnAir Studio.app/Contents/Resources';
    const p = appPaths({ appPath: `${res}/app.asar`, isPackaged: true, resourcesPath: res, platform: 'darwin' });
    expect(p.bundledFfmpeg).toBe(`${res}/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg`);
  });

  it('agrees with the engine’s own asar mapping', () => {
    const res = '/opt/app/resources';
    const inAsar = path.posix.join(res, 'app.asar', 'node_modules', 'ffmpeg-static', 'ffmpeg');
    expect(appPaths({ appPath: `${res}/app.asar`, isPackaged: true, resourcesPath: res, platform: 'linux' }).bundledFfmpeg).toBe(unpackedAsarPath(inAsar));
  });

  it('uses the repo in development', () => {
    const p = appPaths({ appPath: '/home/me/onair', isPackaged: false, resourcesPath: '/home/me/onair/node_modules/electron/dist/resources', platform: 'linux' });
    expect(p.bundledFfmpeg).toBe('/home/me/onair/node_modules/ffmpeg-static/ffmpeg');
    expect(p.pickerPage).toBe('/home/me/onair/dist/picker');
    expect(p.pickerPreload).toBe('/home/me/onair/dist/preload/picker.cjs');
    expect(p.resourcesDir).toBe('/home/me/onair/resources');
  });
});
