/**
 * settings.json, version by version. Each step turns the `data` of version n
 * into that of n + 1 and keeps everything it does not understand untouched; the
 * store validates the result and keeps the old file as settings.v<n>.bak.
 */
import { DEFAULT_HOTKEYS } from '../../preload/contract/hotkeys';
import type { Migration } from './persistence/json-store';

/**
 * Version 1's hotkeys: Ctrl/Cmd+1..9, Ctrl/Cmd+T and Ctrl/Cmd+Shift+L/R/M. The
 * desktop app registers hotkeys globally, so these took Ctrl+T and Ctrl+1..9
 * from the browser and every other app while the studio ran.
 */
export const V1_DEFAULT_HOTKEYS: Readonly<Record<string, string>> = {
  'scene-1': 'CommandOrControl+1',
  'scene-2': 'CommandOrControl+2',
  'scene-3': 'CommandOrControl+3',
  'scene-4': 'CommandOrControl+4',
  'scene-5': 'CommandOrControl+5',
  'scene-6': 'CommandOrControl+6',
  'scene-7': 'CommandOrControl+7',
  'scene-8': 'CommandOrControl+8',
  'scene-9': 'CommandOrControl+9',
  transition: 'CommandOrControl+T',
  'toggle-live': 'CommandOrControl+Shift+L',
  'toggle-record': 'CommandOrControl+Shift+R',
  'toggle-mic-mute': 'CommandOrControl+Shift+M',
};

/** 1 → 2: a binding still at its version-1 default moves to the new default; one the streamer chose stays. */
const moveOldDefaultHotkeys: Migration = (doc) => {
  if (typeof doc !== 'object' || doc === null) return doc;
  const settings = doc as { hotkeys?: unknown };
  if (typeof settings.hotkeys !== 'object' || settings.hotkeys === null) return doc;
  const hotkeys: Record<string, unknown> = { ...(settings.hotkeys as Record<string, unknown>) };
  for (const [action, binding] of Object.entries(hotkeys)) {
    const fresh = (DEFAULT_HOTKEYS as Record<string, string | undefined>)[action];
    if (fresh && binding === V1_DEFAULT_HOTKEYS[action]) hotkeys[action] = fresh;
  }
  return { ...settings, hotkeys };
};

export const SETTINGS_MIGRATIONS: Record<number, Migration> = { 1: moveOldDefaultHotkeys };
