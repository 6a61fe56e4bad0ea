/**
 * Hotkeys inside the studio window (browser mode has no global shortcuts; in
 * the desktop app a global shortcut takes the press before the page sees it, so
 * an action never runs twice). Reads the bindings and the live state at the
 * moment of the press, so a rebinding or a state change applies at once.
 */
import { useEffect } from 'react';
import { callsForAction } from '../../../preload/contract/hotkeys';
import { useStudio } from '../studio-context';
import { actionForPress } from './key-event';
import { keyPlatform } from './platform';
import { runCall } from './run-call';

/** Inputs where a key press is typing, not a command. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'password', 'number', 'tel', 'date', 'time', 'datetime-local', 'month', 'week']);

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

export function useWindowHotkeys(): void {
  const { api, store } = useStudio();
  useEffect(() => {
    const platform = keyPlatform();
    const onKeyDown = (e: KeyboardEvent) => {
      // defaultPrevented: the Hotkeys settings tab is recording a new combination.
      if (e.defaultPrevented || e.repeat || isTypingTarget(e.target)) return;
      const state = store.getSnapshot().state;
      if (!state) return;
      const action = actionForPress(state.settings.hotkeys, e, platform);
      if (!action) return;
      e.preventDefault();
      void (async () => {
        for (const call of callsForAction(action, state)) {
          try {
            await runCall(api, call);
          } catch (err) {
            store.addNotice('error', err instanceof Error ? err.message : String(err));
            return;
          }
        }
      })();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [api, store]);
}
