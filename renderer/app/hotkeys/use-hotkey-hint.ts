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

/** The scene-N action for the scene at this place in the list (scene 1 to 9), else null. */
export function sceneHotkeyAction(index: number): HotkeyAction | null {
  return index >= 0 && index < 9 ? (`scene-${index + 1}` as HotkeyAction) : null;
}

/** The hint for a scene's button: its place in the list decides which scene hotkey selects it. */
export function useSceneHotkeyHint(sceneId: string, what: string): HotkeyHint {
  const { state } = useStudioView();
  const index = state?.collection.scenes.findIndex((s) => s.id === sceneId) ?? -1;
  return useHotkeyHint(sceneHotkeyAction(index), what);
}
