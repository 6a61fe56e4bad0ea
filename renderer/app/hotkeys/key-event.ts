/**
 * Key presses as accelerators. A KeyboardEvent is turned into Electron's
 * spelling from its physical key (`code`), not its character (`key`): with
 * Shift held, Digit1 types "!" on one layout and "1" on another, and the
 * binding means the key, not what it types. Pure, so it is tested in Node.
 */
import { comboIdentity, formatAccelerator, parseAccelerator, type KeyCombo, type KeyPlatform } from '../../../preload/contract/hotkeys';
import { HOTKEY_ACTIONS, type HotkeyAction, type Hotkeys } from '../../../preload/contract/model';

/** The parts of a KeyboardEvent this reads (a plain object in tests). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const CODE_KEYS: Readonly<Record<string, string>> = {
  Space: 'Space', Tab: 'Tab', Enter: 'Enter', NumpadEnter: 'Enter', Backspace: 'Backspace', Delete: 'Delete', Insert: 'Insert',
  Home: 'Home', End: 'End', PageUp: 'PageUp', PageDown: 'PageDown', Escape: 'Escape',
  ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right',
  Minus: '-', Equal: '=', BracketLeft: '[', BracketRight: ']', Backslash: '\\', Semicolon: ';', Quote: "'",
  Comma: ',', Period: '.', Slash: '/', Backquote: '`',
  NumpadAdd: 'numadd', NumpadSubtract: 'numsub', NumpadMultiply: 'nummult', NumpadDivide: 'numdiv', NumpadDecimal: 'numdec',
  MediaPlayPause: 'MediaPlayPause', MediaStop: 'MediaStop', MediaTrackNext: 'MediaNextTrack', MediaTrackPrevious: 'MediaPreviousTrack',
  AudioVolumeUp: 'VolumeUp', AudioVolumeDown: 'VolumeDown', AudioVolumeMute: 'VolumeMute', PrintScreen: 'PrintScreen',
};
const MODIFIER_CODE = /^(Shift|Control|Alt|Meta|OS|AltGraph)(Left|Right)?$/;

/** The pressed key in Electron's spelling; null for a modifier alone or a key no accelerator can name. */
export function keyOfPress(press: Pick<KeyPress, 'key' | 'code'>): string | null {
  const { code, key } = press;
  if (MODIFIER_CODE.test(code) || MODIFIER_CODE.test(key)) return null;
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1]!;
  const digit = /^(Digit|Numpad)([0-9])$/.exec(code);
  if (digit) return digit[1] === 'Digit' ? digit[2]! : `Num${digit[2]}`;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  if (CODE_KEYS[code]) return CODE_KEYS[code];
  // An unknown code (some laptops' keys): the character, if it is one Electron names.
  const parsed = key.length === 1 ? parseAccelerator(key) : null;
  return parsed && 'combo' in parsed ? parsed.combo.key : null;
}

/**
 * The press as a portable accelerator: the platform's main modifier (Ctrl, or
 * Cmd on macOS) is written CommandOrControl, so a binding made on one machine
 * means the same keys on another. null while only modifiers are held.
 */
export function acceleratorOfPress(press: KeyPress, platform: KeyPlatform): string | null {
  const key = keyOfPress(press);
  if (!key) return null;
  const mac = platform === 'mac';
  const combo: KeyCombo = {
    mod: mac ? press.metaKey : press.ctrlKey,
    ctrl: mac && press.ctrlKey,
    alt: press.altKey,
    shift: press.shiftKey,
    meta: !mac && press.metaKey,
    key,
  };
  return formatAccelerator(combo);
}

/** The action bound to this press, if any (first in HOTKEY_ACTIONS order, as main registers them). */
export function actionForPress(hotkeys: Partial<Hotkeys>, press: KeyPress, platform: KeyPlatform): HotkeyAction | null {
  const pressed = acceleratorOfPress(press, platform);
  const identity = pressed && comboIdentity(pressed, platform);
  if (!identity) return null;
  return HOTKEY_ACTIONS.find((a) => {
    const bound = hotkeys[a];
    return bound ? comboIdentity(bound, platform) === identity : false;
  }) ?? null;
}
