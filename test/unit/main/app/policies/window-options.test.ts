import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES, mainWindowOptions, pickerWindowOptions } from '../../../../../main/app/policies/window-options';

const main = mainWindowOptions({ preload: '/app/dist/preload/index.cjs', bounds: { width: 1280, height: 800 }, devTools: false });
const picker = pickerWindowOptions({ preload: '/app/dist/preload/picker.cjs', devTools: false });

describe('window options', () => {
  // Each flag the Electron security checklist names, with the item it answers.
  it.each([
    ['contextIsolation', true, 'item 3'],
    ['sandbox', true, 'item 4'],
    ['nodeIntegration', false, 'item 2'],
    ['nodeIntegrationInWorker', false, 'item 2'],
    ['nodeIntegrationInSubFrames', false, 'item 2'],
    ['webSecurity', true, 'item 6'],
    ['allowRunningInsecureContent', false, 'item 8'],
    ['experimentalFeatures', false, 'item 9'],
    ['webviewTag', false, 'items 11-12'],
    ['navigateOnDragDrop', false, 'item 13'],
    ['spellcheck', false, 'no remote content (dictionary downloads)'],
  ] as const)('%s is %s in every window (%s)', (flag, value, _item) => {
    expect(SECURE_WEB_PREFERENCES[flag]).toBe(value);
    expect(main.webPreferences?.[flag]).toBe(value);
    expect(picker.webPreferences?.[flag]).toBe(value);
  });

  it('enables no Blink feature and sets no partition or extra arguments', () => {
    for (const prefs of [main.webPreferences, picker.webPreferences]) {
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(prefs).not.toHaveProperty('additionalArguments');
      expect(prefs).not.toHaveProperty('partition');
    }
  });

  it('gives each window its own preload and DevTools only when asked', () => {
    expect(main.webPreferences?.preload).toBe('/app/dist/preload/index.cjs');
    expect(picker.webPreferences?.preload).toBe('/app/dist/preload/picker.cjs');
    expect(main.webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ preload: 'p', bounds: { width: 1, height: 1 }, devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('starts throttled (only on air turns it off) and hidden until the first paint', () => {
    expect(main.webPreferences?.backgroundThrottling).toBe(true);
    expect(main.show).toBe(false);
    expect(main.webPreferences?.autoplayPolicy).toBe('no-user-gesture-required');
  });

  it('uses the restored bounds, and centres when they carry no position', () => {
    expect(mainWindowOptions({ preload: 'p', bounds: { x: 10, y: 20, width: 1000, height: 700 }, devTools: false })).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
    expect(main).not.toHaveProperty('x');
  });

  it('makes the picker a modal', () => {
    expect(picker.modal).toBe(true);
    expect(picker.show).toBe(false);
  });
});
