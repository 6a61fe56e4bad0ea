/**
 * Accelerators as a streamer reads them ("Ctrl+Alt+Shift+2", "Cmd+Option+2"
 * on a Mac) and as assistive technology wants them (aria-keyshortcuts, which
 * names keys by their KeyboardEvent.key values: "Control+Alt+Shift+2").
 */
import { parseAccelerator, resolveCombo, type KeyPlatform } from '../../../preload/contract/hotkeys';

const KEY_LABELS: Readonly<Record<string, string>> = { Up: '↑', Down: '↓', Left: '←', Right: '→', Plus: '+', Escape: 'Esc' };
const ARIA_KEYS: Readonly<Record<string, string>> = { Up: 'ArrowUp', Down: 'ArrowDown', Left: 'ArrowLeft', Right: 'ArrowRight', Plus: '+' };

function held(accelerator: string, platform: KeyPlatform, names: { ctrl: string; alt: string; shift: string; meta: string }, keyNames: Readonly<Record<string, string>>): string | null {
  const parsed = parseAccelerator(accelerator);
  if ('error' in parsed) return null;
  const k = resolveCombo(parsed.combo, platform);
  const parts = [k.ctrl && names.ctrl, k.alt && names.alt, k.shift && names.shift, k.meta && names.meta].filter((p): p is string => typeof p === 'string');
  return [...parts, keyNames[k.key] ?? k.key].join('+');
}

/** For labels and tooltips; the text as stored when it does not parse (so it is still visible). */
export function displayAccelerator(accelerator: string, platform: KeyPlatform): string {
  const names = platform === 'mac' ? { ctrl: 'Ctrl', alt: 'Option', shift: 'Shift', meta: 'Cmd' } : { ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift', meta: 'Super' };
  return held(accelerator, platform, names, KEY_LABELS) ?? accelerator;
}

/** For aria-keyshortcuts; null when the accelerator does not parse. */
export function ariaKeyShortcut(accelerator: string, platform: KeyPlatform): string | null {
  return held(accelerator, platform, { ctrl: 'Control', alt: 'Alt', shift: 'Shift', meta: 'Meta' }, ARIA_KEYS);
}
