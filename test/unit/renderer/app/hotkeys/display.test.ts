import { describe, expect, it } from 'vitest';
import { ariaKeyShortcut, displayAccelerator } from '../../../../../renderer/app/hotkeys/display';
import { keyPlatform } from '../../../../../renderer/app/hotkeys/platform';

describe('showing a hotkey', () => {
  it('names the keys held on this platform', () => {
    expect(displayAccelerator('CommandOrControl+Alt+Shift+2', 'other')).toBe('Ctrl+Alt+Shift+2');
    expect(displayAccelerator('CommandOrControl+Alt+Shift+2', 'mac')).toBe('Option+Shift+Cmd+2');
    expect(displayAccelerator('Alt+Up', 'other')).toBe('Alt+↑');
    expect(displayAccelerator('Ctrl+Nope', 'other')).toBe('Ctrl+Nope');
  });

  it('gives aria-keyshortcuts in KeyboardEvent.key names', () => {
    expect(ariaKeyShortcut('CommandOrControl+Alt+Shift+2', 'other')).toBe('Control+Alt+Shift+2');
    expect(ariaKeyShortcut('CommandOrControl+Shift+L', 'mac')).toBe('Shift+Meta+L');
    expect(ariaKeyShortcut('Alt+Left', 'other')).toBe('Alt+ArrowLeft');
    expect(ariaKeyShortcut('Ctrl+Nope', 'other')).toBeNull();
  });

  it('tells a Mac from the rest', () => {
    expect(keyPlatform({ platform: 'MacIntel', userAgent: '' })).toBe('mac');
    expect(keyPlatform({ platform: 'Linux x86_64', userAgent: 'X11' })).toBe('other');
    expect(keyPlatform({ platform: '', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)' })).toBe('mac');
  });
});
