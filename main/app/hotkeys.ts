/**
 * Global hotkeys from the Studio's settings, registered with globalShortcut so
 * they fire while another app has focus. Re-applied on every state event, but
 * only re-registered when the bindings actually changed. A combination another
 * app already holds cannot be registered: the streamer is told which one.
 */
import { globalShortcut } from 'electron';
import type { HotkeyAction, Hotkeys } from '../../preload/contract/model';
import type { Logger } from '../engine/logger';
import { hotkeyBindings } from './policies/hotkey-actions';

export class GlobalHotkeys {
  private registeredKey = '';

  constructor(
    private readonly run: (action: HotkeyAction) => void,
    private readonly warn: (message: string) => void,
    private readonly logger: Logger,
  ) {}

  apply(hotkeys: Hotkeys): void {
    const { bindings, problems } = hotkeyBindings(hotkeys, process.platform === 'darwin' ? 'mac' : 'other');
    const key = JSON.stringify(bindings);
    if (key === this.registeredKey) return;
    this.registeredKey = key;
    // The app registers no other global shortcut, so clearing all of them is clearing ours.
    globalShortcut.unregisterAll();
    for (const problem of problems) this.warn(problem);
    for (const { action, accelerator } of bindings) {
      let ok = false;
      try {
        ok = globalShortcut.register(accelerator, () => this.run(action));
      } catch (err) {
        this.logger.warn(`hotkey ${accelerator}: ${(err as Error).message}`);
      }
      if (!ok) this.warn(`The hotkey ${accelerator} (${action}) could not be set: another app may be using it. Choose another in Settings → Hotkeys.`);
    }
    this.logger.info(`global hotkeys: ${bindings.map((b) => `${b.accelerator}=${b.action}`).join(', ') || 'none'}`);
  }

  dispose(): void {
    globalShortcut.unregisterAll();
    this.registeredKey = '';
  }
}
