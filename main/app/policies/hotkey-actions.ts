/**
 * Global hotkeys, as data. The Studio owns the bindings (settings.hotkeys, in
 * Electron's accelerator syntax); this turns them into what to register and what
 * each press means as contract calls. The shell registers them with
 * globalShortcut so they work while another app has focus (the game, the slides).
 */
import type { MethodName, MethodParams } from '../../../preload/contract/methods';
import { HOTKEY_ACTIONS, type HotkeyAction, type Hotkeys, type StudioState } from '../../../preload/contract/model';

/** One contract call, typed per method. */
export type StudioCall = { [M in MethodName]: { method: M; params: MethodParams<M> } }[MethodName];

export interface HotkeyBinding {
  action: HotkeyAction;
  accelerator: string;
}

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc',
  'volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause', 'printscreen',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
const SINGLE_CHAR_KEY = /^[A-Za-z0-9)!@#$%^&*(:;:+=<,_\-.>?/~`{\][|\\}'"]$/;

/**
 * Electron's accelerator grammar: modifiers joined by '+', then exactly one key.
 * globalShortcut throws on some malformed strings and silently ignores others,
 * so bindings are checked here first and a bad one is reported, not registered.
 */
export function isValidAccelerator(accelerator: string): boolean {
  if (accelerator.length === 0 || accelerator.length > 64) return false;
  // "Ctrl++" would split into an empty part; Electron spells that key "Plus".
  const parts = accelerator.split('+');
  const key = parts.pop();
  if (!key || parts.some((p) => !MODIFIERS.has(p.toLowerCase()))) return false;
  if (new Set(parts.map((p) => p.toLowerCase())).size !== parts.length) return false;
  const k = key.toLowerCase();
  return SINGLE_CHAR_KEY.test(key) || NAMED_KEYS.has(k) || /^f([1-9]|1[0-9]|2[0-4])$/.test(k) || /^num[0-9]$/.test(k);
}

/** The bindings to register, in HOTKEY_ACTIONS order, and a sentence for each one refused. */
export function hotkeyBindings(hotkeys: Hotkeys): { bindings: HotkeyBinding[]; problems: string[] } {
  const bindings: HotkeyBinding[] = [];
  const problems: string[] = [];
  const taken = new Map<string, HotkeyAction>();
  for (const action of HOTKEY_ACTIONS) {
    const accelerator = hotkeys[action]?.trim();
    if (!accelerator) continue;
    if (!isValidAccelerator(accelerator)) {
      problems.push(`The hotkey "${accelerator}" for ${action} is not a key combination OnAir understands (for example: CommandOrControl+Shift+1).`);
      continue;
    }
    const normalised = accelerator.toLowerCase();
    const other = taken.get(normalised);
    if (other) {
      problems.push(`The hotkey "${accelerator}" is set for both ${other} and ${action}; only ${other} uses it.`);
      continue;
    }
    taken.set(normalised, action);
    bindings.push({ action, accelerator });
  }
  return { bindings, problems };
}

/**
 * What a press means now. Toggles read the live state so one key starts and
 * stops; a scene key picks the preview in studio mode (the transition key then
 * takes it live) and the program otherwise. Nothing happens mid-transition
 * (starting, ending): pressing twice must not start and stop a stream.
 */
export function callsForAction(action: HotkeyAction, state: StudioState): StudioCall[] {
  const { collection, live } = state;
  const scene = /^scene-(\d)$/.exec(action);
  if (scene) {
    const target = collection.scenes[Number(scene[1]) - 1];
    if (!target) return [];
    return [collection.studioMode ? { method: 'setPreviewScene', params: { sceneId: target.id } } : { method: 'setProgramScene', params: { sceneId: target.id } }];
  }
  switch (action) {
    case 'transition':
      return collection.studioMode ? [{ method: 'triggerTransition', params: {} }] : [];
    case 'toggle-live':
      if (live.streaming === 'offline') return [{ method: 'goLive', params: {} }];
      return live.streaming === 'live' ? [{ method: 'stopLive', params: {} }] : [];
    case 'toggle-record':
      if (live.recording === 'off') return [{ method: 'startRecording', params: {} }];
      return live.recording === 'recording' ? [{ method: 'stopRecording', params: {} }] : [];
    case 'toggle-mic-mute': {
      const mics = collection.sources.filter((s) => s.kind === 'audio-input' && s.settings.target === 'microphone');
      // Mixed state: the first press mutes them all, which is what a panicked press means.
      const mute = mics.some((m) => !m.audio.muted);
      return mics.map((m) => ({ method: 'updateSource', params: { sourceId: m.id, audio: { muted: mute } } }));
    }
    default:
      return [];
  }
}
