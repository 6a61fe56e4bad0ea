/**
 * Global hotkeys from the Studio's settings, registered with globalShortcut so
 * they fire while another app has focus. Re-applied on every state event, but
 * only re-registered when the bindings actually changed. A combination another
 * app already holds cannot be registered: the streamer is told which one, once
 * per set of bindings.
 *
 * While one of the app's own windows has focus the global shortcuts stand down:
 * the window's key handler serves the same hotkeys there (a global one too would
 * run the action twice), and in Settings → Hotkeys the streamer must be able to
 * press any combination, including one that is bound, to choose it.
 */
import type { GlobalShortcut } from 'electron';
import type { HotkeyAction, Hotkeys } from '../../preload/contract/model';
import type { Logger } from '../engine/logger';
import { hotkeyBindings } from './policies/hotkey-actions';

export type ShortcutRegistry = Pick<GlobalShortcut, 'register' | 'unregisterAll'>;

export class GlobalHotkeys {
  private hotkeys: Hotkeys | null = null;
  private appFocused = false;
  /** What is registered now: '' nothing, else the bindings' JSON. */
  private registeredKey = '';
  /** The bindings whose problems, and whose refused registrations, were last reported (a focus change must not repeat them). */
  private reportedKey = '';
  private refusalsReportedKey = '';

  constructor(
    private readonly shortcuts: ShortcutRegistry,
    private readonly run: (action: HotkeyAction) => void,
    private readonly warn: (message: string) => void,
    private readonly logger: Logger,
  ) {}

  apply(hotkeys: Hotkeys): void {
    this.hotkeys = hotkeys;
    this.sync();
  }

  /** One of the app's windows gained (true) or every one lost (false) focus. */
  setAppFocused(focused: boolean): void {
    this.appFocused = focused;
    this.sync();
  }

  dispose(): void {
    this.shortcuts.unregisterAll();
    this.registeredKey = '';
    this.hotkeys = null;
  }

  private sync(): void {
    if (!this.hotkeys) return;
    const { bindings, problems } = hotkeyBindings(this.hotkeys, process.platform === 'darwin' ? 'mac' : 'other');
    const bindingsKey = JSON.stringify(bindings);
    if (bindingsKey !== this.reportedKey) {
      this.reportedKey = bindingsKey;
      for (const problem of problems) this.warn(problem);
    }
    const wanted = this.appFocused ? '' : bindingsKey;
    if (wanted === this.registeredKey) return;
    this.registeredKey = wanted;
    // The app registers no other global shortcut, so clearing all of them is clearing ours.
    this.shortcuts.unregisterAll();
    if (this.appFocused) {
      this.logger.info('global hotkeys: standing down while a studio window has focus');
      return;
    }
    const reportRefusals = bindingsKey !== this.refusalsReportedKey;
    this.refusalsReportedKey = bindingsKey;
    for (const { action, accelerator } of bindings) {
      let ok = false;
      try {
        ok = this.shortcuts.register(accelerator, () => this.run(action));
      } catch (err) {
        this.logger.warn(`hotkey ${accelerator}: ${(err as Error).message}`);
      }
      if (!ok && reportRefusals) this.warn(`The hotkey ${accelerator} (${action}) could not be set: another app may be using it. Choose another in Settings → Hotkeys.`);
    }
    this.logger.info(`global hotkeys: ${bindings.map((b) => `${b.accelerator}=${b.action}`).join(', ') || 'none'}`);
  }
}
