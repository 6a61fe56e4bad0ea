/**
 * Running a studio action from outside the page (a global hotkey, the tray, the
 * menu): the policy turns the action into contract calls for the current state,
 * and each goes through the same dispatcher as IPC, so it is validated the same
 * way and its failure reaches the streamer as a notice, not a silent log line.
 */
import type { StudioApi, StudioState } from '../../preload/contract';
import type { HotkeyAction } from '../../preload/contract/model';
import type { Logger } from '../engine/logger';
import { dispatchCall } from './ipc-dispatch';
import { callsForAction } from './policies/hotkey-actions';

export interface ActionStudio {
  api: StudioApi;
  state(): StudioState;
  notice(level: 'info' | 'warning' | 'error', message: string, code?: string): void;
}

export async function runStudioAction(studio: ActionStudio, action: HotkeyAction, logger: Logger, redact: (text: string) => string): Promise<void> {
  for (const call of callsForAction(action, studio.state())) {
    const reply = await dispatchCall(studio.api, call.method, call.params, { logger, redact });
    if (!reply.ok) studio.notice('error', reply.error.message, reply.error.code);
  }
}
