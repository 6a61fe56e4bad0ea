/**
 * What to do when the studio window's renderer dies or hangs. The stream must
 * not: the engine keeps running on the last picture and, after SLATE_AFTER_S,
 * the be-right-back slate (Studio.producerGone), the window reloads, and the
 * compositor resumes sending when the new page asks for media again.
 *
 * A pure state machine: (state, event, now) -> (state, actions). The shell feeds
 * it Electron's events and performs the actions; the tests walk every path.
 *
 *   running --unresponsive--> hung --responsive--> running
 *                              |--hang-timeout--> (kill renderer) --gone--> reloading
 *   running --gone--> reloading --loaded--> running
 *   reloading --gone--> reloading, or gave-up after too many crashes in a window
 *   gave-up --user-reload--> reloading (history cleared)
 */
export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

/** How long a renderer may stay unresponsive before it is killed and reloaded, ms. */
export const HANG_GRACE_MS = 10_000;
/** More than this many crashes within CRASH_WINDOW_MS means reloading will not help. */
export const MAX_CRASHES_IN_WINDOW = 3;
export const CRASH_WINDOW_MS = 60_000;

export type CrashState =
  | { kind: 'running'; crashes: readonly number[] }
  | { kind: 'hung'; crashes: readonly number[]; sinceMs: number }
  | { kind: 'reloading'; crashes: readonly number[]; reason: string }
  | { kind: 'gave-up'; crashes: readonly number[]; reason: string };

export type CrashEvent =
  | { type: 'gone'; reason: GoneReason; exitCode: number }
  | { type: 'unresponsive' }
  | { type: 'responsive' }
  | { type: 'hang-timeout' }
  /** The page finished loading (did-finish-load). */
  | { type: 'loaded' }
  /** The user chose "Reload" after the shell gave up. */
  | { type: 'user-reload' };

export type CrashAction =
  | { kind: 'producer-gone' }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { kind: 'reload' }
  | { kind: 'kill-renderer' }
  | { kind: 'schedule-hang-check'; afterMs: number }
  /** Tell the user; the stream goes on with the slate. */
  | { kind: 'give-up'; message: string };

export interface CrashStep {
  state: CrashState;
  actions: CrashAction[];
}

export const INITIAL_CRASH_STATE: CrashState = { kind: 'running', crashes: [] };

export function crashStep(state: CrashState, event: CrashEvent, nowMs: number): CrashStep {
  const stay: CrashStep = { state, actions: [] };
  switch (event.type) {
    case 'gone':
      return onGone(state, event, nowMs);
    case 'unresponsive':
      if (state.kind !== 'running') return stay;
      return {
        state: { kind: 'hung', crashes: state.crashes, sinceMs: nowMs },
        actions: [
          { kind: 'log', level: 'warn', message: `studio window stopped responding; waiting ${HANG_GRACE_MS / 1000} s before reloading it` },
          { kind: 'schedule-hang-check', afterMs: HANG_GRACE_MS },
        ],
      };
    case 'responsive':
      if (state.kind !== 'hung') return stay;
      return { state: { kind: 'running', crashes: state.crashes }, actions: [{ kind: 'log', level: 'info', message: `studio window responds again after ${nowMs - state.sinceMs} ms` }] };
    case 'hang-timeout':
      // A check scheduled by an earlier hang that has since ended does nothing.
      if (state.kind !== 'hung' || nowMs - state.sinceMs < HANG_GRACE_MS) return stay;
      return {
        // Killing it raises 'gone', which reloads; the producer goes now, not after the kill lands.
        state,
        actions: [{ kind: 'producer-gone' }, { kind: 'log', level: 'error', message: `studio window hung for ${nowMs - state.sinceMs} ms: killing its renderer to reload it` }, { kind: 'kill-renderer' }],
      };
    case 'loaded':
      if (state.kind !== 'reloading') return stay;
      return { state: { kind: 'running', crashes: state.crashes }, actions: [{ kind: 'log', level: 'info', message: `studio window reloaded after: ${state.reason}` }] };
    case 'user-reload':
      if (state.kind !== 'gave-up') return stay;
      return { state: { kind: 'reloading', crashes: [], reason: 'reload asked by the user' }, actions: [{ kind: 'reload' }] };
  }
}

function onGone(state: CrashState, event: Extract<CrashEvent, { type: 'gone' }>, nowMs: number): CrashStep {
  // clean-exit is the window closing (or quitting): nothing went wrong.
  if (event.reason === 'clean-exit') return { state, actions: [] };
  const reason = `renderer ${event.reason} (exit code ${event.exitCode})`;
  const crashes = [...state.crashes.filter((t) => nowMs - t < CRASH_WINDOW_MS), nowMs];
  const actions: CrashAction[] = [{ kind: 'producer-gone' }];
  if (state.kind === 'gave-up') return { state: { ...state, crashes }, actions: [...actions, { kind: 'log', level: 'error', message: `studio window gone again: ${reason}` }] };
  if (crashes.length > MAX_CRASHES_IN_WINDOW) {
    const message = `The studio window crashed ${crashes.length} times in ${CRASH_WINDOW_MS / 1000} seconds (${reason}). Your stream and recording continue with the slate.`;
    return { state: { kind: 'gave-up', crashes, reason }, actions: [...actions, { kind: 'log', level: 'error', message }, { kind: 'give-up', message }] };
  }
  return {
    state: { kind: 'reloading', crashes, reason },
    actions: [...actions, { kind: 'log', level: 'error', message: `studio window gone: ${reason}; the engine keeps the stream on the slate and the window reloads` }, { kind: 'reload' }],
  };
}
