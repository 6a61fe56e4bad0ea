import { describe, expect, it } from 'vitest';
import { restoreWindow } from '../../../../../main/app/policies/window-bounds';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const external = { x: 1920, y: 0, width: 2560, height: 1400 };
const defaults = { width: 1440, height: 900 };
const minimum = { width: 960, height: 600 };
const saved = (x: number, y: number, width = 1200, height = 800, maximized = false) => ({ bounds: { x, y, width, height }, maximized, fullScreen: false });

describe('restoring the window', () => {
  it('opens centred at the default size the first time', () => {
    expect(restoreWindow(null, [laptop], defaults, minimum)).toEqual({ bounds: { width: 1440, height: 900 }, maximized: false, fullScreen: false });
  });

  it('reopens where it was on a display that is still there', () => {
    expect(restoreWindow(saved(2100, 100, 1600, 1000, true), [laptop, external], defaults, minimum)).toEqual({ bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: true, fullScreen: false });
  });

  it('centres it when its display was unplugged, keeping maximised', () => {
    expect(restoreWindow(saved(2100, 100, 1600, 1000, true), [laptop], defaults, minimum)).toEqual({ bounds: { width: 1440, height: 900 }, maximized: true, fullScreen: false });
  });

  it('centres it when only a sliver of its title bar would be visible', () => {
    expect(restoreWindow(saved(1900, 50), [laptop], defaults, minimum).bounds).not.toHaveProperty('x');
    expect(restoreWindow(saved(100, -500), [laptop], defaults, minimum).bounds).not.toHaveProperty('x');
  });

  it('shrinks it to fit a smaller display, never below the minimum', () => {
    expect(restoreWindow(saved(0, 0, 3000, 2000), [laptop], defaults, minimum).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
    expect(restoreWindow(saved(0, 0, 300, 200), [laptop], defaults, minimum).bounds).toEqual({ x: 0, y: 0, width: 960, height: 600 });
  });
});
