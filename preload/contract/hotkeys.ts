/**
 * Hotkeys, as data both sides agree on: the accelerator grammar (Electron's,
 * "CommandOrControl+Alt+Shift+1"), its canonical spelling, when two spellings
 * mean the same keys, and what a press of each action means as contract calls.
 * main registers the bindings as global shortcuts (main/app/hotkeys.ts); the
 * window runs them itself (renderer/app/hotkeys/), so both read them here.
 */
import type { MethodName, MethodParams } from './methods';
import type { HotkeyAction, Hotkeys, StudioState } from './model';

/**
 * The bindings of a first start (and of "Reset to defaults"). Three modifiers
 * plus a key, because the desktop app registers them as global shortcuts: a
 * plain Ctrl+1 or Ctrl+T would be taken from every other app (the browser's
 * tabs, the editor) while the studio runs. Written out in full: Hotkeys is a
 * record over every action, so the compiler flags a new action with no default.
 */
export const DEFAULT_HOTKEYS: Readonly<Hotkeys> = {
  'scene-1': 'CommandOrControl+Alt+Shift+1',
  'scene-2': 'CommandOrControl+Alt+Shift+2',
  'scene-3': 'CommandOrControl+Alt+Shift+3',
  'scene-4': 'CommandOrControl+Alt+Shift+4',
  'scene-5': 'CommandOrControl+Alt+Shift+5',
  'scene-6': 'CommandOrControl+Alt+Shift+6',
  'scene-7': 'CommandOrControl+Alt+Shift+7',
  'scene-8': 'CommandOrControl+Alt+Shift+8',
  'scene-9': 'CommandOrControl+Alt+Shift+9',
  transition: 'CommandOrControl+Alt+Shift+T',
  'toggle-live': 'CommandOrControl+Alt+Shift+L',
  'toggle-record': 'CommandOrControl+Alt+Shift+R',
  'toggle-mic-mute': 'CommandOrControl+Alt+Shift+M',
};

/** One contract call, typed per method. */
export type StudioCall = { [M in MethodName]: { method: M; params: MethodParams<M> } }[MethodName];

/** The platform decides what CommandOrControl means (Command on macOS, Control elsewhere). */
export type KeyPlatform = 'mac' | 'other';

/** A parsed accelerator. `mod` is CommandOrControl, kept apart so the canonical form stays portable. */
export interface KeyCombo {
  mod: boolean;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  /** Command on macOS, the Windows/Super key elsewhere. */
  meta: boolean;
  /** The key in Electron's spelling: "A", "1", "F5", "Space", "Num3", "/". */
  key: string;
}

const MODIFIER_ALIASES: Readonly<Record<string, 'mod' | 'ctrl' | 'alt' | 'shift' | 'meta'>> = {
  commandorcontrol: 'mod',
  cmdorctrl: 'mod',
  control: 'ctrl',
  ctrl: 'ctrl',
  alt: 'alt',
  option: 'alt',
  altgr: 'alt',
  shift: 'shift',
  command: 'meta',
  cmd: 'meta',
  super: 'meta',
  meta: 'meta',
};

/** Named keys in Electron's spelling, by lower case. Aliases map onto one name so equal keys compare equal. */
const NAMED_KEYS: Readonly<Record<string, string>> = {
  plus: 'Plus', space: 'Space', tab: 'Tab', capslock: 'Capslock', numlock: 'Numlock', scrolllock: 'Scrolllock',
  backspace: 'Backspace', delete: 'Delete', insert: 'Insert', return: 'Enter', enter: 'Enter',
  up: 'Up', down: 'Down', left: 'Left', right: 'Right', home: 'Home', end: 'End', pageup: 'PageUp', pagedown: 'PageDown',
  escape: 'Escape', esc: 'Escape', volumeup: 'VolumeUp', volumedown: 'VolumeDown', volumemute: 'VolumeMute',
  medianexttrack: 'MediaNextTrack', mediaprevioustrack: 'MediaPreviousTrack', mediastop: 'MediaStop', mediaplaypause: 'MediaPlayPause',
  printscreen: 'PrintScreen', numdec: 'numdec', numadd: 'numadd', numsub: 'numsub', nummult: 'nummult', numdiv: 'numdiv',
};
const SINGLE_CHAR_KEY = /^[A-Za-z0-9)!@#$%^&*(:;+=<,_\-.>?/~`{\][|\\}'"]$/;
const MAX_ACCELERATOR_LENGTH = 64;

/** The key's canonical spelling, or null when Electron would not know it. */
function canonicalKey(key: string): string | null {
  if (SINGLE_CHAR_KEY.test(key)) return key.toUpperCase();
  const k = key.toLowerCase();
  if (NAMED_KEYS[k]) return NAMED_KEYS[k];
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(k)) return k.toUpperCase();
  if (/^num[0-9]$/.test(k)) return `Num${k.slice(3)}`;
  return null;
}

/**
 * Electron's accelerator grammar: modifiers joined by '+', then exactly one key.
 * globalShortcut throws on some malformed strings and silently ignores others,
 * so bindings are parsed here first and a bad one is explained, not registered.
 */
export function parseAccelerator(accelerator: string): { combo: KeyCombo } | { error: string } {
  const text = accelerator.trim();
  const example = 'for example CommandOrControl+Alt+Shift+1';
  if (text === '') return { error: 'No key combination was given.' };
  if (text.length > MAX_ACCELERATOR_LENGTH) return { error: `A key combination is at most ${MAX_ACCELERATOR_LENGTH} characters.` };
  // "Ctrl++" would split into an empty part; Electron spells that key "Plus".
  const parts = text.split('+');
  const rawKey = parts.pop() ?? '';
  const combo: KeyCombo = { mod: false, ctrl: false, alt: false, shift: false, meta: false, key: '' };
  if (rawKey === '' || parts.includes('')) return { error: `"${text}" has no key after its modifiers (${example}; the + key is spelled Plus).` };
  for (const part of parts) {
    const modifier = MODIFIER_ALIASES[part.toLowerCase()];
    if (!modifier) return { error: `"${part}" is not a modifier key (use Ctrl, Alt, Shift, Super or CommandOrControl; ${example}).` };
    if (combo[modifier]) return { error: `"${part}" appears twice in "${text}".` };
    combo[modifier] = true;
  }
  const key = canonicalKey(rawKey);
  if (!key) return { error: `"${rawKey}" is not a key OnAir knows (${example}).` };
  return { combo: { ...combo, key } };
}

export function isValidAccelerator(accelerator: string): boolean {
  return 'combo' in parseAccelerator(accelerator);
}

/** The canonical, portable spelling: modifiers in one order, key in Electron's case. */
export function formatAccelerator(combo: KeyCombo): string {
  const parts: string[] = [];
  if (combo.mod) parts.push('CommandOrControl');
  if (combo.ctrl) parts.push('Control');
  if (combo.alt) parts.push('Alt');
  if (combo.shift) parts.push('Shift');
  if (combo.meta) parts.push('Super');
  return [...parts, combo.key].join('+');
}

/** The keys physically held on `platform`: CommandOrControl becomes Command (meta) or Control. */
export function resolveCombo(combo: KeyCombo, platform: KeyPlatform): Omit<KeyCombo, 'mod'> {
  const { mod, ...rest } = combo;
  if (!mod) return rest;
  return platform === 'mac' ? { ...rest, meta: true } : { ...rest, ctrl: true };
}

/** A key for comparing combos: equal when both press the same keys on `platform`. */
export function comboIdentity(accelerator: string, platform: KeyPlatform): string | null {
  const parsed = parseAccelerator(accelerator);
  if ('error' in parsed) return null;
  const r = resolveCombo(parsed.combo, platform);
  return `${r.ctrl ? 'C' : ''}${r.alt ? 'A' : ''}${r.shift ? 'S' : ''}${r.meta ? 'M' : ''}+${r.key}`;
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
