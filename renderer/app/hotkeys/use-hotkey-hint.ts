/**
 * What a button shows of the hotkey that drives it: a tooltip naming the keys
 * and aria-keyshortcuts for screen readers. Nothing when the action is unbound.
 */
import type { HotkeyAction } from '../../../preload/contract';
import { useStudioView } from '../studio-context';
import { ariaKeyShortcut, displayAccelerator } from './display';
import { keyPlatform } from './platform';

export interface HotkeyHint {
  title?: string;
  'aria-keyshortcuts'?: string;
}

/** Spread onto the button: `<button {...useHotkeyHint('toggle-live', 'Go live')}>`. */
export function useHotkeyHint(action: HotkeyAction | null, what: string): HotkeyHint {
  const { state } = useStudioView();
  const bound = action ? state?.settings.hotkeys[action] : undefined;
  if (!bound) return {};
  const platform = keyPlatform();
  const aria = ariaKeyShortcut(bound, platform);
  return { title: `${what} (${displayAccelerator(bound, platform)})`, ...(aria ? { 'aria-keyshortcuts': aria } : {}) };
}
