/**
 * electron-builder cannot run here (no Electron binary, no network), so this
 * checks its configuration instead: that electron-builder.yml parses and passes
 * electron-builder's own schema, names the four installers, points at icons that
 * exist and are well-formed, packs what the app loads at run time, and unpacks
 * the ffmpeg binary exactly where the app will look for it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appPaths } from '../../main/app/policies/app-paths';
import { COLLECTION_EXTENSION, PROTOCOL_SCHEME } from '../../main/app/policies/launch-args';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file));
const config = parse(read('electron-builder.yml').toString('utf8'));
const pkg = JSON.parse(read('package.json').toString('utf8'));

/** electron-builder's globs as a RegExp: `**` spans folders, `*` does not. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/?|\*)/)
    .map((part) => (part === '**/' || part === '**' ? '(?:.*/)?.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source.replace('(?:.*/)?.*', '.*')}$`);
}
const packed = (file: string) => {
  const included = (config.files as string[]).filter((g) => !g.startsWith('!')).some((g) => globToRegExp(g).test(file));
  const excluded = (config.files as string[]).filter((g) => g.startsWith('!')).some((g) => globToRegExp(g.slice(1)).test(file));
  return included && !excluded;
};

/** A PNG's filtered scanlines (its IDAT chunks, inflated). */
function idat(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) {
    if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + png.readUInt32BE(at)));
  }
  return inflateSync(Buffer.concat(parts));
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('parses and passes electron-builder’s own schema', async () => {
    // app-builder-lib's validator (the one `electron-builder` runs first); an internal module, so a major upgrade may move it.
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (c: unknown, log: unknown) => Promise<void> };
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('names the app and the installers: AppImage + deb, NSIS, dmg for x64 and arm64', () => {
    expect(config.appId).toBe('studio.onair.desktop');
    expect(config.productName).toBe(pkg.productName);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
  });

  it('starts the bundled ESM main that the build writes', () => {
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(pkg.main).toBe('dist/app/main.js');
    expect(pkg.type).toBe('module');
    expect(pkg.scripts['build:app:main']).toContain('--outfile=dist/app/main.js');
    expect(pkg.scripts['build:app:preload']).toMatch(/--format=cjs.*--external:electron/);
    expect(pkg.scripts.build).toContain('build:app');
  });

  it('packs everything the app loads at run time, and no source maps', () => {
    const p = appPaths({ appPath: '', isPackaged: true, resourcesPath: '', platform: 'linux' });
    const relative = (file: string) => file.replace(/^\/+/, '');
    for (const file of [
      'dist/app/main.js',
      `${relative(p.studioPreload)}`,
      `${relative(p.pickerPreload)}`,
      `${relative(p.studioPage)}/index.html`,
      `${relative(p.pickerPage)}/index.html`,
      'resources/presets/services.json',
      'resources/icons/tray-idle.png',
      'resources/icons/tray-live@2x.png',
      'resources/icons/trayTemplate.png',
      'resources/icons/512x512.png',
      'package.json',
    ]) {
      expect(packed(file), file).toBe(true);
    }
    expect(packed('dist/renderer/assets/index.js.map')).toBe(false);
    expect(packed('dist/bench/run-bench.js')).toBe(false);
  });

  it('unpacks ffmpeg-static’s binary from the asar, where the app looks for it', () => {
    const res = '/opt/OnAir Studio/resources';
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const p = appPaths({ appPath: `${res}/app.asar`, isPackaged: true, resourcesPath: res, platform });
      const inPackage = path.posix.relative(`${res}/app.asar.unpacked`, p.bundledFfmpeg.replaceAll('\\', '/'));
      expect((config.asarUnpack as string[]).some((g) => globToRegExp(g).test(inPackage)), inPackage).toBe(true);
    }
    expect(pkg.optionalDependencies['ffmpeg-static']).toBeDefined();
  });

  it('turns off the fuses an attacker could use', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false });
  });

  it('registers the onair:// protocol and the scene-collection file type the app handles', () => {
    expect(config.protocols[0].schemes).toEqual([PROTOCOL_SCHEME]);
    expect(`.${config.fileAssociations[0].ext}`).toBe(COLLECTION_EXTENSION);
  });

  it('asks for camera and microphone on macOS, with entitlements that allow them', () => {
    expect(config.mac.extendInfo.NSCameraUsageDescription).toMatch(/camera/);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    expect(config.mac.hardenedRuntime).toBe(true);
    const entitlements = read(config.mac.entitlements).toString('utf8');
    expect(entitlements).toContain('com.apple.security.device.camera');
    expect(entitlements).toContain('com.apple.security.device.audio-input');
  });

  it('keeps the deb’s keyring and browser dependencies', () => {
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'xdg-utils', 'libnss3']));
  });
});

describe('icons', () => {
  it('has a Linux icon set of square PNGs up to 1024 px', () => {
    const files = readdirSync(path.join(ROOT, config.linux.icon)).filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '256x256.png', '512x512.png', '1024x1024.png']));
    for (const file of files) {
      const n = Number(file.split('x')[0]);
      expect(pngSize(read(path.join(config.linux.icon, file)))).toEqual({ width: n, height: n });
    }
  });

  it('has a Windows .ico with every size up to 256 px, each entry inside the file', () => {
    const ico = read(config.win.icon);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const e = 6 + i * 16;
      sizes.push(ico[e] === 0 ? 256 : (ico[e] as number));
      expect(ico.readUInt32LE(e + 8) + ico.readUInt32LE(e + 12)).toBeLessThanOrEqual(ico.length);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const last = 6 + (count - 1) * 16;
    expect(pngSize(ico.subarray(ico.readUInt32LE(last + 12)))).toEqual({ width: 256, height: 256 });
  });

  it('has a macOS .icns whose elements add up, with the 512 and 1024 px images', () => {
    const icns = read(config.mac.icon);
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types = new Map<string, { width: number }>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.set(icns.subarray(at, at + 4).toString('ascii'), pngSize(icns.subarray(at + 8)));
    }
    expect(types.get('ic09')?.width).toBe(512);
    expect(types.get('ic10')?.width).toBe(1024);
    expect(types.get('icp4')?.width).toBe(16);
  });

  it('has tray icons at 1x and 2x', () => {
    for (const name of ['tray-idle', 'tray-live', 'trayTemplate']) {
      expect(pngSize(read(`resources/icons/${name}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(read(`resources/icons/${name}@2x.png`))).toEqual({ width: 32, height: 32 });
    }
  });

  it('are what the generator draws (PNG, ICO and ICNS writers checked on a small image)', async () => {
    const gen = await import('../../resources/icons/generate-icons.mjs');
    const rgba = gen.renderIcon(16);
    // The corners are outside the rounded tile (transparent), the centre is the red dot.
    expect(rgba[3]).toBe(0);
    const centre = (8 * 16 + 8) * 4;
    expect([rgba[centre], rgba[centre + 3]]).toEqual([0xff, 0xff]);
    // Pixels, not bytes: another zlib may compress the same pixels differently.
    expect(idat(gen.encodePng(16, 16, rgba)).equals(idat(read('resources/icons/16x16.png')))).toBe(true);
  });
});
