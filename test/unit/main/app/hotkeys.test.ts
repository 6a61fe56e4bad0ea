/**
 * GlobalHotkeys against a FAKE globalShortcut (Electron cannot run here): what is
 * registered as bindings and window focus change, and what the streamer is told.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS } from '../../../../preload/contract/hotkeys';
import type { HotkeyAction } from '../../../../preload/contract/model';
import { GlobalHotkeys, type ShortcutRegistry } from '../../../../main/app/hotkeys';
import { createLogger } from '../../../../main/engine/logger';

class FakeShortcuts implements ShortcutRegistry {
  readonly registered = new Map<string, () => void>();
  /** Accelerators another app holds. */
  readonly taken = new Set<string>();
  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregisterAll(): void {
    this.registered.clear();
  }
}

function setup() {
  const shortcuts = new FakeShortcuts();
  const ran: HotkeyAction[] = [];
  const warnings: string[] = [];
  const hotkeys = new GlobalHotkeys(shortcuts, (a) => ran.push(a), (m) => warnings.push(m), createLogger('test', { level: 'error' }));
  return { shortcuts, ran, warnings, hotkeys };
}

describe('GlobalHotkeys', () => {
  it('registers every binding while the app is in the background, and runs its action', () => {
    const { shortcuts, ran, hotkeys } = setup();
    hotkeys.apply({ ...DEFAULT_HOTKEYS });
    expect(shortcuts.registered.size).toBe(Object.keys(DEFAULT_HOTKEYS).length);
    const [accelerator, fire] = [...shortcuts.registered][0]!;
    fire();
    expect(ran).toHaveLength(1);
    expect(accelerator).toMatch(/Alt\+Shift/);
  });

  it('stands down while a studio window has focus (its own handler serves the keys) and comes back on blur', () => {
    const { shortcuts, hotkeys } = setup();
    hotkeys.apply({ ...DEFAULT_HOTKEYS });
    hotkeys.setAppFocused(true);
    expect(shortcuts.registered.size).toBe(0);
    // Rebinding while focused registers nothing yet.
    hotkeys.apply({ ...DEFAULT_HOTKEYS, 'scene-2': 'Alt+K' });
    expect(shortcuts.registered.size).toBe(0);
    hotkeys.setAppFocused(false);
    expect(shortcuts.registered.has('Alt+K')).toBe(true);
  });

  it('tells the streamer once about a combination another app holds, not at every focus change', () => {
    const { shortcuts, warnings, hotkeys } = setup();
    const held = DEFAULT_HOTKEYS['toggle-live']!;
    shortcuts.taken.add(held);
    hotkeys.apply({ ...DEFAULT_HOTKEYS });
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`The hotkey ${held.replace(/[+]/g, '\\+')} \\(toggle-live\\) could not be set`))]);
    hotkeys.setAppFocused(true);
    hotkeys.setAppFocused(false);
    hotkeys.apply({ ...DEFAULT_HOTKEYS });
    expect(warnings).toHaveLength(1);
  });

  it('releases everything on dispose', () => {
    const { shortcuts, hotkeys } = setup();
    hotkeys.apply({ ...DEFAULT_HOTKEYS });
    hotkeys.dispose();
    expect(shortcuts.registered.size).toBe(0);
    hotkeys.setAppFocused(false);
    expect(shortcuts.registered.size).toBe(0);
  });
});
