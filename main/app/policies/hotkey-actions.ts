/**
 * Global hotkeys, as data. The Studio owns the bindings (settings.hotkeys, in
 * Electron's accelerator syntax); this turns them into what to register. The
 * grammar and what each press means are the contract's (preload/contract/hotkeys.ts),
 * shared with the window's own hotkey handler. The shell registers them with
 * globalShortcut so they work while another app has focus (the game, the slides).
 */
import { comboIdentity, parseAccelerator, type KeyPlatform } from '../../../preload/contract/hotkeys';
import { HOTKEY_ACTIONS, type HotkeyAction, type Hotkeys } from '../../../preload/contract/model';

export { callsForAction, isValidAccelerator, type StudioCall } from '../../../preload/contract/hotkeys';

export interface HotkeyBinding {
  action: HotkeyAction;
  accelerator: string;
}

/**
 * The bindings to register, in HOTKEY_ACTIONS order, and a sentence for each one
 * refused. Two spellings of the same keys ("Ctrl+1", "CommandOrControl+1" off
 * macOS) are one binding: globalShortcut would refuse the second anyway.
 */
export function hotkeyBindings(hotkeys: Hotkeys, platform: KeyPlatform = 'other'): { bindings: HotkeyBinding[]; problems: string[] } {
  const bindings: HotkeyBinding[] = [];
  const problems: string[] = [];
  const taken = new Map<string, HotkeyAction>();
  for (const action of HOTKEY_ACTIONS) {
    const accelerator = hotkeys[action]?.trim();
    if (!accelerator) continue;
    const parsed = parseAccelerator(accelerator);
    const identity = comboIdentity(accelerator, platform);
    if ('error' in parsed || identity === null) {
      problems.push(`The hotkey "${accelerator}" for ${action} is not a key combination OnAir understands (for example: CommandOrControl+Alt+Shift+1).`);
      continue;
    }
    const other = taken.get(identity);
    if (other) {
      problems.push(`The hotkey "${accelerator}" is set for both ${other} and ${action}; only ${other} uses it.`);
      continue;
    }
    taken.set(identity, action);
    bindings.push({ action, accelerator });
  }
  return { bindings, problems };
}
