/**
 * Which key combinations a hotkey may use, with the reason when one is
 * refused: it must parse, must not leave typing in other apps unusable (the
 * desktop app registers hotkeys globally), must not be one the app or the
 * browser keeps for itself, and must not already drive another action.
 */
import { comboIdentity, parseAccelerator, resolveCombo, type KeyPlatform } from '../../../preload/contract/hotkeys';
import { HOTKEY_ACTIONS, type HotkeyAction, type Hotkeys } from '../../../preload/contract/model';

export const ACTION_LABELS: Readonly<Record<HotkeyAction, string>> = {
  'scene-1': 'Switch to scene 1',
  'scene-2': 'Switch to scene 2',
  'scene-3': 'Switch to scene 3',
  'scene-4': 'Switch to scene 4',
  'scene-5': 'Switch to scene 5',
  'scene-6': 'Switch to scene 6',
  'scene-7': 'Switch to scene 7',
  'scene-8': 'Switch to scene 8',
  'scene-9': 'Switch to scene 9',
  transition: 'Transition (studio mode)',
  'toggle-live': 'Go live / stop streaming',
  'toggle-record': 'Start / stop recording',
  'toggle-mic-mute': 'Mute / unmute the microphone',
};

/** Combinations taken before a hotkey could have them, and by what. */
const RESERVED: ReadonlyArray<{ accelerator: string; why: string }> = [
  { accelerator: 'CommandOrControl+Q', why: 'it quits the desktop app' },
  { accelerator: 'CommandOrControl+O', why: 'the desktop app uses it to import a scene collection' },
  { accelerator: 'CommandOrControl+Shift+S', why: 'the desktop app uses it to export the scene collection' },
  { accelerator: 'CommandOrControl+T', why: 'the browser keeps it for a new tab, and a page cannot have it' },
  { accelerator: 'CommandOrControl+W', why: 'the browser keeps it to close the tab, and a page cannot have it' },
  { accelerator: 'CommandOrControl+N', why: 'the browser keeps it for a new window, and a page cannot have it' },
  { accelerator: 'CommandOrControl+Shift+T', why: 'the browser keeps it to reopen a tab, and a page cannot have it' },
  { accelerator: 'CommandOrControl+Shift+N', why: 'the browser keeps it for a private window, and a page cannot have it' },
  { accelerator: 'CommandOrControl+Shift+W', why: 'the browser keeps it to close the window, and a page cannot have it' },
];

/** Keys that make sense alone: nobody types with them. */
const LONE_KEY = /^(F([1-9]|1[0-9]|2[0-4])|Num[0-9]|num(add|sub|mult|div|dec)|Media\w+|Volume\w+|PrintScreen)$/;

/** null when `accelerator` may be bound to `action`, else why not (with what to do). */
export function bindingProblem(hotkeys: Partial<Hotkeys>, action: HotkeyAction, accelerator: string, platform: KeyPlatform): string | null {
  const parsed = parseAccelerator(accelerator);
  if ('error' in parsed) return parsed.error;
  const keys = resolveCombo(parsed.combo, platform);
  if (!keys.ctrl && !keys.alt && !keys.meta && !LONE_KEY.test(keys.key)) {
    return `Add Ctrl, Alt or ${platform === 'mac' ? 'Cmd' : 'Super'} to "${accelerator}": hotkeys work everywhere while the studio runs, so on its own that key would fire as you type in other apps.`;
  }
  const identity = comboIdentity(accelerator, platform);
  const reserved = RESERVED.find((r) => comboIdentity(r.accelerator, platform) === identity);
  if (reserved) return `"${accelerator}" cannot be a hotkey: ${reserved.why}. Choose another combination.`;
  const other = HOTKEY_ACTIONS.find((a) => a !== action && hotkeys[a] && comboIdentity(hotkeys[a]!, platform) === identity);
  if (other) return `"${accelerator}" already does "${ACTION_LABELS[other]}". Clear or change that one first, or choose another combination.`;
  return null;
}
