import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../../main/engine/errors';
import {
  type LocateOptions,
  locateFfmpeg,
  resolveFfmpegStaticPath,
  siblingFfprobe,
  unpackedAsarPath,
} from '../../../../../main/engine/probe/locate-ffmpeg';

const STATIC = '/app/node_modules/ffmpeg-static/ffmpeg';

/** A pure filesystem: only the listed paths exist. */
function world(files: string[], env: Record<string, string | undefined> = {}, extra: Partial<LocateOptions> = {}): LocateOptions {
  const existing = new Set(files);
  return { env, platform: 'linux', staticPath: STATIC, fileExists: (p) => existing.has(p), ...extra };
}

function thrown(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected an EngineError');
}

describe('locateFfmpeg: where ffmpeg comes from', () => {
  const everywhere = ['/opt/mine/ffmpeg', '/env/ffmpeg', STATIC, '/usr/bin/ffmpeg'];
  const env = { FFMPEG_PATH: '/env/ffmpeg', PATH: '/usr/local/bin:/usr/bin' };

  it('prefers the user setting over everything', () => {
    expect(locateFfmpeg({ ...world(everywhere, env), setting: '/opt/mine/ffmpeg' })).toMatchObject({
      ffmpegPath: '/opt/mine/ffmpeg',
      source: 'setting',
    });
  });

  it('treats a blank setting as no setting', () => {
    expect(locateFfmpeg({ ...world(everywhere, env), setting: '  ' }).source).toBe('env');
  });

  it('then FFMPEG_PATH, then ffmpeg-static, then PATH', () => {
    expect(locateFfmpeg(world(everywhere, env))).toMatchObject({ ffmpegPath: '/env/ffmpeg', source: 'env' });
    expect(locateFfmpeg(world(everywhere, { PATH: env.PATH }))).toMatchObject({ ffmpegPath: STATIC, source: 'ffmpeg-static' });
    expect(locateFfmpeg(world(everywhere, { PATH: env.PATH }, { staticPath: null }))).toMatchObject({
      ffmpegPath: '/usr/bin/ffmpeg',
      source: 'path',
    });
  });

  it('skips ffmpeg-static when the package was installed without its binary', () => {
    expect(locateFfmpeg(world(['/usr/bin/ffmpeg'], { PATH: '/usr/bin' }))).toMatchObject({ ffmpegPath: '/usr/bin/ffmpeg', source: 'path' });
  });

  it('takes the first PATH directory that has ffmpeg, ignoring empty entries', () => {
    const found = locateFfmpeg(world(['/a/ffmpeg', '/b/ffmpeg'], { PATH: '::/nope:/b:/a' }, { staticPath: null }));
    expect(found.ffmpegPath).toBe('/b/ffmpeg');
  });

  it('refuses a setting that points nowhere instead of silently using another ffmpeg', () => {
    const error = thrown(() => locateFfmpeg({ ...world(everywhere, env), setting: '/gone/ffmpeg' }));
    expect(error.code).toBe('FFMPEG_NOT_FOUND');
    expect(error.message).toContain('/gone/ffmpeg');
    expect(error.message).toContain('Settings');
  });

  it('refuses an FFMPEG_PATH that points nowhere', () => {
    const error = thrown(() => locateFfmpeg(world(everywhere, { ...env, FFMPEG_PATH: '/gone/ffmpeg' })));
    expect(error.code).toBe('FFMPEG_NOT_FOUND');
    expect(error.message).toContain('FFMPEG_PATH');
    expect(error.message).toContain('/gone/ffmpeg');
  });

  it('explains how to install ffmpeg on each platform when none is found', () => {
    const error = thrown(() => locateFfmpeg(world([], { PATH: '/usr/bin:/bin' })));
    expect(error.code).toBe('FFMPEG_NOT_FOUND');
    expect(error.message).toContain('apt install ffmpeg');
    expect(error.message).toContain('brew install ffmpeg');
    expect(error.message).toMatch(/Windows: download/);
    expect(error.message).toContain('FFMPEG_PATH');
    expect(error.detail).toContain('/usr/bin/ffmpeg');
    expect(error.detail).toContain(STATIC);
  });
});

describe('locateFfmpeg: ffprobe', () => {
  it('uses the ffprobe beside the chosen ffmpeg first', () => {
    const found = locateFfmpeg(world(['/opt/ff/ffmpeg', '/opt/ff/ffprobe', '/usr/bin/ffprobe'], { FFMPEG_PATH: '/opt/ff/ffmpeg', PATH: '/usr/bin' }));
    expect(found.ffprobePath).toBe('/opt/ff/ffprobe');
  });

  it('then FFPROBE_PATH, then PATH', () => {
    const files = ['/opt/ff/ffmpeg', '/probe/ffprobe', '/usr/bin/ffprobe'];
    expect(locateFfmpeg(world(files, { FFMPEG_PATH: '/opt/ff/ffmpeg', FFPROBE_PATH: '/probe/ffprobe', PATH: '/usr/bin' })).ffprobePath).toBe(
      '/probe/ffprobe',
    );
    expect(locateFfmpeg(world(files, { FFMPEG_PATH: '/opt/ff/ffmpeg', PATH: '/usr/bin' })).ffprobePath).toBe('/usr/bin/ffprobe');
  });

  it('is null when there is none (ffmpeg-static ships no ffprobe)', () => {
    const found = locateFfmpeg(world([STATIC], { PATH: '/usr/bin' }));
    expect(found).toEqual({ ffmpegPath: STATIC, ffprobePath: null, source: 'ffmpeg-static' });
  });

  it('refuses an FFPROBE_PATH that points nowhere', () => {
    const error = thrown(() => locateFfmpeg(world(['/usr/bin/ffmpeg'], { FFPROBE_PATH: '/gone/ffprobe', PATH: '/usr/bin' })));
    expect(error.message).toContain('/gone/ffprobe');
  });
});

describe('locateFfmpeg on Windows', () => {
  it('searches PATH for ffmpeg.exe with ; separators, whatever the case of the variable name', () => {
    const found = locateFfmpeg({
      platform: 'win32',
      staticPath: null,
      env: { Path: 'C:\\Windows;"C:\\Tools\\ffmpeg\\bin"' },
      fileExists: (p) => p === 'C:\\Tools\\ffmpeg\\bin\\ffmpeg.exe' || p === 'C:\\Tools\\ffmpeg\\bin\\ffprobe.exe',
    });
    expect(found).toEqual({ ffmpegPath: 'C:\\Tools\\ffmpeg\\bin\\ffmpeg.exe', ffprobePath: 'C:\\Tools\\ffmpeg\\bin\\ffprobe.exe', source: 'path' });
  });
});

describe('siblingFfprobe', () => {
  it.each([
    ['/usr/bin/ffmpeg', '/usr/bin/ffprobe'],
    ['/opt/ff/bin/ffmpeg-6.1', '/opt/ff/bin/ffprobe-6.1'],
    ['/home/me/ffmpeg-build/ffmpeg', '/home/me/ffmpeg-build/ffprobe'],
    // A bare name stays bare, so the PATH lookup finds ffprobe as it found ffmpeg.
    ['ffmpeg', 'ffprobe'],
  ])('%s -> %s', (ffmpeg, ffprobe) => {
    expect(siblingFfprobe(ffmpeg, path.posix)).toBe(ffprobe);
  });

  it('keeps Windows naming', () => {
    expect(siblingFfprobe('C:\\ff\\FFmpeg.exe', path.win32)).toBe('C:\\ff\\ffprobe.exe');
  });

  it('has no sibling for a binary not named ffmpeg', () => {
    expect(siblingFfprobe('/usr/local/bin/avconv', path.posix)).toBeNull();
  });
});

describe('ffmpeg-static resolution', () => {
  it('points at the binary inside the installed package, without requiring it to exist', () => {
    const resolved = resolveFfmpegStaticPath('linux');
    expect(resolved).not.toBeNull();
    expect(resolved?.endsWith(path.join('node_modules', 'ffmpeg-static', 'ffmpeg'))).toBe(true);
    // This checkout installed the package without running its download script.
    expect(existsSync(path.join(path.dirname(resolved ?? ''), 'package.json'))).toBe(true);
    expect(resolveFfmpegStaticPath('win32')?.endsWith('ffmpeg.exe')).toBe(true);
  });

  it('maps a path inside app.asar to app.asar.unpacked', () => {
    expect(unpackedAsarPath('/opt/OnAir/resources/app.asar/node_modules/ffmpeg-static/ffmpeg')).toBe(
      '/opt/OnAir/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
    );
    expect(unpackedAsarPath('C:\\OnAir\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe')).toBe(
      'C:\\OnAir\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe',
    );
    expect(unpackedAsarPath('/usr/lib/node_modules/ffmpeg-static/ffmpeg')).toBe('/usr/lib/node_modules/ffmpeg-static/ffmpeg');
  });
});
