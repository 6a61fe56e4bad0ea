import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS, comboIdentity, formatAccelerator, parseAccelerator } from '../../../../../preload/contract/hotkeys';
import { acceleratorOfPress, actionForPress, keyOfPress, type KeyPress } from '../../../../../renderer/app/hotkeys/key-event';

const press = (code: string, key: string, mods: Partial<Pick<KeyPress, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>> = {}): KeyPress => ({
  code,
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('parsing and normalising accelerators', () => {
  it.each([
    ['ctrl+alt+shift+1', 'Control+Alt+Shift+1'],
    ['CmdOrCtrl+shift+a', 'CommandOrControl+Shift+A'],
    ['Shift+Alt+CommandOrControl+t', 'CommandOrControl+Alt+Shift+T'],
    ['Option+Return', 'Alt+Enter'],
    ['Super+esc', 'Super+Escape'],
    ['Cmd+num5', 'Super+Num5'],
    ['f12', 'F12'],
    ['Ctrl+/', 'Control+/'],
  ])('%s is %s', (text, canonical) => {
    const parsed = parseAccelerator(text);
    expect('combo' in parsed && formatAccelerator(parsed.combo)).toBe(canonical);
  });

  it.each([
    ['', /No key combination/],
    ['Ctrl+', /no key after its modifiers/],
    ['Ctrl++', /spelled Plus/],
    ['Hyper+A', /"Hyper" is not a modifier/],
    ['Ctrl+Ctrl+A', /appears twice/],
    ['Ctrl+AB', /"AB" is not a key/],
    ['F25', /"F25" is not a key/],
  ])('refuses %j with the reason', (text, reason) => {
    const parsed = parseAccelerator(text);
    expect('error' in parsed && parsed.error).toMatch(reason);
  });

  it('treats CommandOrControl as Control off macOS and as Command on macOS', () => {
    expect(comboIdentity('CommandOrControl+1', 'other')).toBe(comboIdentity('Ctrl+1', 'other'));
    expect(comboIdentity('CommandOrControl+1', 'other')).not.toBe(comboIdentity('Cmd+1', 'other'));
    expect(comboIdentity('CommandOrControl+1', 'mac')).toBe(comboIdentity('Cmd+1', 'mac'));
    expect(comboIdentity('CommandOrControl+1', 'mac')).not.toBe(comboIdentity('Ctrl+1', 'mac'));
    expect(comboIdentity('nonsense+1', 'mac')).toBeNull();
  });
});

describe('a key press as an accelerator', () => {
  it('names the physical key, not the character Shift made of it', () => {
    expect(acceleratorOfPress(press('Digit2', '@', { ctrlKey: true, altKey: true, shiftKey: true }), 'other')).toBe('CommandOrControl+Alt+Shift+2');
    expect(acceleratorOfPress(press('KeyL', 'L', { ctrlKey: true, shiftKey: true }), 'other')).toBe('CommandOrControl+Shift+L');
  });

  it('writes the platform main modifier as CommandOrControl, the other one plainly', () => {
    expect(acceleratorOfPress(press('KeyK', 'k', { metaKey: true, ctrlKey: true }), 'mac')).toBe('CommandOrControl+Control+K');
    expect(acceleratorOfPress(press('KeyK', 'k', { metaKey: true, ctrlKey: true }), 'other')).toBe('CommandOrControl+Super+K');
  });

  it.each([
    ['Numpad7', '7', 'Num7'],
    ['ArrowUp', 'ArrowUp', 'Up'],
    ['F9', 'F9', 'F9'],
    ['Space', ' ', 'Space'],
    ['Slash', '/', '/'],
    ['NumpadAdd', '+', 'numadd'],
    ['MediaPlayPause', 'MediaPlayPause', 'MediaPlayPause'],
    ['IntlRo', '\\', '\\'],
  ])('code %s is key %s', (code, key, expected) => {
    expect(keyOfPress({ code, key })).toBe(expected);
  });

  it('has no accelerator while only modifiers are held', () => {
    expect(acceleratorOfPress(press('ShiftLeft', 'Shift', { shiftKey: true }), 'other')).toBeNull();
    expect(acceleratorOfPress(press('ControlRight', 'Control', { ctrlKey: true }), 'other')).toBeNull();
    expect(keyOfPress({ code: 'Unidentified', key: 'Dead' })).toBeNull();
  });
});

describe('matching a press to its action', () => {
  it('finds the default scene-2 binding from Ctrl+Alt+Shift+2, and nothing for Ctrl+2', () => {
    expect(actionForPress(DEFAULT_HOTKEYS, press('Digit2', '"', { ctrlKey: true, altKey: true, shiftKey: true }), 'other')).toBe('scene-2');
    expect(actionForPress(DEFAULT_HOTKEYS, press('Digit2', '2', { ctrlKey: true }), 'other')).toBeNull();
    expect(actionForPress(DEFAULT_HOTKEYS, press('Digit2', '2', { ctrlKey: true, altKey: true, shiftKey: true, metaKey: true }), 'other')).toBeNull();
  });

  it('uses Cmd for CommandOrControl on a Mac', () => {
    expect(actionForPress(DEFAULT_HOTKEYS, press('KeyL', 'l', { metaKey: true, altKey: true, shiftKey: true }), 'mac')).toBe('toggle-live');
    expect(actionForPress(DEFAULT_HOTKEYS, press('KeyL', 'l', { ctrlKey: true, altKey: true, shiftKey: true }), 'mac')).toBeNull();
  });

  it('matches any spelling of the binding and skips cleared or broken ones', () => {
    expect(actionForPress({ transition: 'ctrl+t', 'scene-1': '' }, press('KeyT', 't', { ctrlKey: true }), 'other')).toBe('transition');
    expect(actionForPress({ transition: 'Ctrl+Nope' }, press('KeyT', 't', { ctrlKey: true }), 'other')).toBeNull();
    expect(actionForPress({ 'toggle-record': 'F9' }, press('F9', 'F9'), 'other')).toBe('toggle-record');
  });
});
