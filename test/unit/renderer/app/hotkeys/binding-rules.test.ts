import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS } from '../../../../../preload/contract/hotkeys';
import { HOTKEY_ACTIONS } from '../../../../../preload/contract/model';
import { ACTION_LABELS, bindingProblem } from '../../../../../renderer/app/hotkeys/binding-rules';

describe('which combinations a hotkey may use', () => {
  it('accepts every default for its own action', () => {
    for (const action of HOTKEY_ACTIONS) expect(bindingProblem(DEFAULT_HOTKEYS, action, DEFAULT_HOTKEYS[action]!, 'other')).toBeNull();
  });

  it('refuses a combination another action has, naming that action, whatever its spelling', () => {
    expect(bindingProblem(DEFAULT_HOTKEYS, 'scene-2', 'Ctrl+Alt+Shift+L', 'other')).toMatch(/already does "Go live \/ stop streaming"/);
    // On a Mac, CommandOrControl is Cmd, so Ctrl+... is a different combination.
    expect(bindingProblem(DEFAULT_HOTKEYS, 'scene-2', 'Ctrl+Alt+Shift+L', 'mac')).toBeNull();
    expect(bindingProblem(DEFAULT_HOTKEYS, 'scene-2', 'Cmd+Alt+Shift+L', 'mac')).toMatch(/already does/);
  });

  it('lets an action keep its own combination', () => {
    expect(bindingProblem(DEFAULT_HOTKEYS, 'toggle-live', 'Control+Shift+Alt+L', 'other')).toBeNull();
  });

  it('refuses a key alone (it would fire while typing elsewhere) but allows F keys and media keys', () => {
    expect(bindingProblem({}, 'scene-1', 'A', 'other')).toMatch(/Add Ctrl, Alt or Super/);
    expect(bindingProblem({}, 'scene-1', 'Shift+A', 'mac')).toMatch(/Add Ctrl, Alt or Cmd/);
    expect(bindingProblem({}, 'scene-1', 'F9', 'other')).toBeNull();
    expect(bindingProblem({}, 'scene-1', 'MediaPlayPause', 'other')).toBeNull();
    expect(bindingProblem({}, 'scene-1', 'Alt+A', 'other')).toBeNull();
  });

  it('refuses what the app or the browser keeps, saying why', () => {
    expect(bindingProblem({}, 'transition', 'CommandOrControl+T', 'other')).toMatch(/new tab/);
    expect(bindingProblem({}, 'transition', 'Ctrl+W', 'other')).toMatch(/close the tab/);
    expect(bindingProblem({}, 'transition', 'Cmd+Q', 'mac')).toMatch(/quits/);
    expect(bindingProblem({}, 'transition', 'Ctrl+Q', 'mac')).toBeNull();
  });

  it('passes the grammar error through', () => {
    expect(bindingProblem({}, 'scene-1', 'Ctrl+Nope', 'other')).toMatch(/"Nope" is not a key/);
  });

  it('has a label for every action', () => {
    for (const action of HOTKEY_ACTIONS) expect(ACTION_LABELS[action]).toMatch(/\w/);
  });
});
