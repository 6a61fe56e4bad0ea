import { describe, expect, it } from 'vitest';
import { callsForAction, hotkeyBindings, isValidAccelerator } from '../../../../../main/app/policies/hotkey-actions';
import { fakeInitialState } from '../../../../helpers/fake-studio-port';
import { HOTKEY_ACTIONS, type Hotkeys, type StudioState } from '../../../../../preload/contract/model';

/** Every action unbound except those given. */
const hotkeys = (bound: Partial<Hotkeys>): Hotkeys => ({ ...(Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, ''])) as Hotkeys), ...bound });

function state(patch: { studioMode?: boolean; streaming?: StudioState['live']['streaming']; recording?: StudioState['live']['recording']; micMuted?: boolean } = {}): StudioState {
  const s = fakeInitialState();
  return {
    ...s,
    collection: {
      ...s.collection,
      studioMode: patch.studioMode ?? false,
      sources: s.collection.sources.map((src) => (src.kind === 'audio-input' ? { ...src, audio: { ...src.audio, muted: patch.micMuted ?? false } } : src)),
    },
    live: { ...s.live, streaming: patch.streaming ?? 'offline', recording: patch.recording ?? 'off' },
  };
}

describe('accelerators', () => {
  it.each(['CommandOrControl+Shift+1', 'F9', 'Alt+F12', 'Ctrl+Plus', 'Shift+Space', 'CmdOrCtrl+num5', 'Super+PageUp', 'MediaPlayPause', 'Control+/'])('accepts %s', (a) => {
    expect(isValidAccelerator(a)).toBe(true);
  });
  it.each(['', 'Ctrl+', 'Shift+Ctrl', 'Ctrl+Ctrl+A', 'Hyper+A', 'Ctrl+AB', 'F25', 'Ctrl++', 'x'.repeat(65)])('refuses %j', (a) => {
    expect(isValidAccelerator(a)).toBe(false);
  });
});

describe('hotkey bindings', () => {
  it('takes two spellings of the same keys as one binding, per platform', () => {
    const both = hotkeys({ 'scene-1': 'CommandOrControl+1', 'scene-2': 'Ctrl+1' });
    expect(hotkeyBindings(both, 'other').bindings).toEqual([{ action: 'scene-1', accelerator: 'CommandOrControl+1' }]);
    expect(hotkeyBindings(both, 'other').problems.join(' ')).toContain('both scene-1 and scene-2');
    // On macOS CommandOrControl is Cmd, so Ctrl+1 is another combination.
    expect(hotkeyBindings(both, 'mac').bindings).toHaveLength(2);
  });

  it('registers valid, unique bindings in action order and explains the rest', () => {
    const { bindings, problems } = hotkeyBindings(hotkeys({ 'toggle-live': 'F9', 'scene-1': 'Ctrl+1', 'toggle-record': 'f9', transition: 'Ctrl+Nope', 'scene-2': ' ' }));
    expect(bindings).toEqual([
      { action: 'scene-1', accelerator: 'Ctrl+1' },
      { action: 'toggle-live', accelerator: 'F9' },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).toContain('Ctrl+Nope');
    expect(problems.join(' ')).toContain('both toggle-live and toggle-record');
  });
});

describe('what a hotkey does', () => {
  it('switches the program scene, or the preview in studio mode', () => {
    const s = state();
    expect(callsForAction('scene-2', s)).toEqual([{ method: 'setProgramScene', params: { sceneId: 'sc_brb' } }]);
    expect(callsForAction('scene-1', state({ studioMode: true }))).toEqual([{ method: 'setPreviewScene', params: { sceneId: 'sc_main' } }]);
    expect(callsForAction('scene-9', s)).toEqual([]);
  });

  it('transitions only in studio mode', () => {
    expect(callsForAction('transition', state())).toEqual([]);
    expect(callsForAction('transition', state({ studioMode: true }))).toEqual([{ method: 'triggerTransition', params: {} }]);
  });

  it('toggles live and recording, and does nothing mid-change', () => {
    expect(callsForAction('toggle-live', state())).toEqual([{ method: 'goLive', params: {} }]);
    expect(callsForAction('toggle-live', state({ streaming: 'live' }))).toEqual([{ method: 'stopLive', params: {} }]);
    expect(callsForAction('toggle-live', state({ streaming: 'starting' }))).toEqual([]);
    expect(callsForAction('toggle-record', state())).toEqual([{ method: 'startRecording', params: {} }]);
    expect(callsForAction('toggle-record', state({ recording: 'recording' }))).toEqual([{ method: 'stopRecording', params: {} }]);
    expect(callsForAction('toggle-record', state({ recording: 'stopping' }))).toEqual([]);
  });

  it('mutes every microphone, then unmutes them', () => {
    expect(callsForAction('toggle-mic-mute', state())).toEqual([{ method: 'updateSource', params: { sourceId: 'src_mic', audio: { muted: true } } }]);
    expect(callsForAction('toggle-mic-mute', state({ micMuted: true }))).toEqual([{ method: 'updateSource', params: { sourceId: 'src_mic', audio: { muted: false } } }]);
  });
});
