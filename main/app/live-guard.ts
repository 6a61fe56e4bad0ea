/**
 * Applies what being on air changes (policies/live-effects.ts): a power-save
 * blocker so the machine does not sleep mid-show, and no background throttling
 * so the compositor keeps its frame rate behind other windows.
 */
import { powerSaveBlocker, type BrowserWindow } from 'electron';
import type { LiveState } from '../../preload/contract/model';
import type { Logger } from '../engine/logger';
import { liveEffects } from './policies/live-effects';

export class LiveGuard {
  private blocker: number | null = null;
  private throttled: boolean | null = null;

  constructor(private readonly logger: Logger) {}

  apply(live: Pick<LiveState, 'streaming' | 'recording'>, win: BrowserWindow | null): void {
    const effects = liveEffects(live);
    if (effects.preventSleep && this.blocker === null) {
      // prevent-app-suspension keeps the system awake; the display may still sleep (the stream does not need it).
      this.blocker = powerSaveBlocker.start('prevent-app-suspension');
      this.logger.info('on air: system sleep blocked, background throttling off');
    } else if (!effects.preventSleep && this.blocker !== null) {
      powerSaveBlocker.stop(this.blocker);
      this.blocker = null;
      this.logger.info('off air: system sleep allowed again');
    }
    // State events come many times a second while the user edits; tell Chromium only about a change.
    if (win && !win.isDestroyed() && this.throttled !== effects.backgroundThrottling) {
      win.webContents.setBackgroundThrottling(effects.backgroundThrottling);
      this.throttled = effects.backgroundThrottling;
    }
  }

  dispose(): void {
    if (this.blocker !== null) powerSaveBlocker.stop(this.blocker);
    this.blocker = null;
  }
}
