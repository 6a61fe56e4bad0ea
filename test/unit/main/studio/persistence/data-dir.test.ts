import { describe, expect, it } from 'vitest';
import { DATA_DIR_ENV, resolveDataDir } from '../../../../../main/studio/persistence/data-dir';

const HOME = '/home/ana';

describe('resolveDataDir', () => {
  it('prefers the --data-dir flag, then ONAIR_DATA_DIR', () => {
    const env = { [DATA_DIR_ENV]: '/srv/onair-env' };
    expect(resolveDataDir({ flag: '/srv/onair-flag', env, platform: 'linux', home: HOME })).toBe('/srv/onair-flag');
    expect(resolveDataDir({ env, platform: 'linux', home: HOME })).toBe('/srv/onair-env');
  });

  it('makes a relative flag or env path absolute against the working folder', () => {
    expect(resolveDataDir({ flag: 'data', env: {}, platform: 'linux', home: HOME, cwd: '/work/show' })).toBe('/work/show/data');
    expect(resolveDataDir({ env: { [DATA_DIR_ENV]: '../d' }, platform: 'linux', home: HOME, cwd: '/work/show' })).toBe('/work/d');
  });

  it('ignores an empty flag or env value', () => {
    expect(resolveDataDir({ flag: '', env: { [DATA_DIR_ENV]: ' ' }, platform: 'linux', home: HOME })).toBe('/home/ana/.config/onair-studio');
  });

  it.each([
    ['linux with XDG_CONFIG_HOME', 'linux', { XDG_CONFIG_HOME: '/cfg' }, '/cfg/onair-studio'],
    ['linux without it', 'linux', {}, '/home/ana/.config/onair-studio'],
    ['linux with a relative one, which the XDG spec says to ignore', 'linux', { XDG_CONFIG_HOME: 'cfg' }, '/home/ana/.config/onair-studio'],
    ['macOS', 'darwin', {}, '/home/ana/Library/Application Support/OnAir Studio'],
    ['Windows with APPDATA', 'win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana\\AppData\\Roaming\\OnAir Studio'],
  ] as const)('uses the platform default on %s', (_what, platform, env, expected) => {
    expect(resolveDataDir({ env, platform, home: HOME })).toBe(expected);
  });

  it('falls back to the roaming profile folder on Windows without APPDATA', () => {
    expect(resolveDataDir({ env: {}, platform: 'win32', home: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming\\OnAir Studio');
  });
});
