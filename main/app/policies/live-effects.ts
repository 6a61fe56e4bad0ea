/**
 * What being on air changes in the shell. "On air" = streaming (in any phase but
 * offline) or recording (in any phase but off): in both, frames must keep coming.
 * - preventSleep: a power-save blocker keeps the machine from sleeping.
 * - backgroundThrottling off: Chromium slows timers and rAF of hidden or occluded
 *   windows, which would starve the compositor while the streamer looks at another app.
 * - confirmQuit: quitting (or closing the window) asks first.
 */
import type { LiveState } from '../../../preload/contract/model';

export interface LiveEffects {
  preventSleep: boolean;
  backgroundThrottling: boolean;
  confirmQuit: boolean;
}

export function isOnAir(live: Pick<LiveState, 'streaming' | 'recording'>): boolean {
  return live.streaming !== 'offline' || live.recording !== 'off';
}

export function liveEffects(live: Pick<LiveState, 'streaming' | 'recording'>): LiveEffects {
  const onAir = isOnAir(live);
  return { preventSleep: onAir, backgroundThrottling: !onAir, confirmQuit: onAir };
}
