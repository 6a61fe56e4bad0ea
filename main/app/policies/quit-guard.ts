/**
 * Quitting, as a small state machine. Quitting must never cut a recording short
 * or drop a stream by accident: while on air the user confirms first; then the
 * Studio closes (outputs stop gracefully, the recording is finalised) and only
 * then does the app exit.
 *
 *   running --before-quit, off air--> shutting-down --studio closed--> exiting
 *   running --before-quit, on air--> confirming --yes--> shutting-down
 *                                               --no--> running
 */
import type { LiveState } from '../../../preload/contract/model';
import { isOnAir } from './live-effects';

export type QuitPhase = 'running' | 'confirming' | 'shutting-down' | 'exiting';

/**
 * In before-quit: 'allow' lets Electron quit; every other answer prevents it.
 * 'ask' shows the confirmation, 'shutdown' starts closing the Studio, 'wait'
 * means a confirmation or shutdown is already under way.
 */
export type BeforeQuitAnswer = 'allow' | 'ask' | 'shutdown' | 'wait';

export function beforeQuitDecision(phase: QuitPhase, live: Pick<LiveState, 'streaming' | 'recording'>): BeforeQuitAnswer {
  if (phase === 'exiting') return 'allow';
  if (phase !== 'running') return 'wait';
  return isOnAir(live) ? 'ask' : 'shutdown';
}

/**
 * The main window's close button. On macOS apps outlive their window, so it
 * hides (the compositor keeps running and the Dock icon brings it back);
 * elsewhere closing the only window quits, through the guard above.
 */
export function windowCloseDecision(phase: QuitPhase, platform: NodeJS.Platform): 'close' | 'hide' | 'quit' {
  if (phase === 'shutting-down' || phase === 'exiting') return 'close';
  return platform === 'darwin' ? 'hide' : 'quit';
}

export interface QuitConfirmation {
  message: string;
  detail: string;
  buttons: [string, string];
  /** Index of the button that quits. */
  quitButton: 0;
  /** Escape and the default both cancel: a stray Enter must not end a show. */
  cancelId: 1;
  defaultId: 1;
}

export function quitConfirmation(live: Pick<LiveState, 'streaming' | 'recording'>): QuitConfirmation {
  const streaming = live.streaming !== 'offline';
  const recording = live.recording !== 'off';
  const what = streaming && recording ? 'live and recording' : streaming ? 'live' : 'recording';
  return {
    message: `You are ${what}. Quit OnAir Studio?`,
    detail: [streaming ? 'The stream will end for every destination.' : '', recording ? 'The recording will be stopped and saved.' : ''].filter(Boolean).join(' '),
    buttons: [streaming ? 'End stream and quit' : 'Stop recording and quit', 'Cancel'],
    quitButton: 0,
    cancelId: 1,
    defaultId: 1,
  };
}
