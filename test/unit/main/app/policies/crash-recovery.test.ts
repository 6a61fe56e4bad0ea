import { describe, expect, it } from 'vitest';
import {
  CRASH_WINDOW_MS,
  HANG_GRACE_MS,
  INITIAL_CRASH_STATE,
  MAX_CRASHES_IN_WINDOW,
  crashStep,
  type CrashAction,
  type CrashEvent,
  type CrashState,
} from '../../../../../main/app/policies/crash-recovery';

/** Feeds events in order at the given times; returns the final state and every action. */
function run(events: Array<[number, CrashEvent]>, start: CrashState = INITIAL_CRASH_STATE): { state: CrashState; actions: CrashAction[] } {
  let state = start;
  const actions: CrashAction[] = [];
  for (const [at, event] of events) {
    const step = crashStep(state, event, at);
    state = step.state;
    actions.push(...step.actions);
  }
  return { state, actions };
}

const kinds = (actions: CrashAction[]) => actions.map((a) => a.kind);
const crash = (reason: 'crashed' | 'oom' | 'killed' = 'crashed'): CrashEvent => ({ type: 'gone', reason, exitCode: 139 });

describe('crash recovery', () => {
  it('on a crash: the producer goes (slate on air), the reason is logged, the window reloads, then runs', () => {
    const gone = run([[1000, crash('oom')]]);
    expect(kinds(gone.actions)).toEqual(['producer-gone', 'log', 'reload']);
    expect(gone.actions[1]).toMatchObject({ level: 'error', message: expect.stringContaining('renderer oom (exit code 139)') });
    expect(gone.state.kind).toBe('reloading');
    const back = run([[1500, { type: 'loaded' }]], gone.state);
    expect(back.state.kind).toBe('running');
    expect(kinds(back.actions)).toEqual(['log']);
  });

  it('ignores a clean exit (the window closing)', () => {
    expect(run([[0, { type: 'gone', reason: 'clean-exit', exitCode: 0 }]])).toEqual({ state: INITIAL_CRASH_STATE, actions: [] });
  });

  it('waits out a short hang without touching anything', () => {
    const r = run([
      [0, { type: 'unresponsive' }],
      [3000, { type: 'responsive' }],
      [HANG_GRACE_MS, { type: 'hang-timeout' }],
    ]);
    expect(r.state.kind).toBe('running');
    expect(kinds(r.actions)).toEqual(['log', 'schedule-hang-check', 'log']);
    expect(r.actions[1]).toEqual({ kind: 'schedule-hang-check', afterMs: HANG_GRACE_MS });
  });

  it('kills a renderer hung past the grace period; its death reloads it', () => {
    const r = run([
      [0, { type: 'unresponsive' }],
      [HANG_GRACE_MS, { type: 'hang-timeout' }],
      [HANG_GRACE_MS + 50, crash('killed')],
      [HANG_GRACE_MS + 900, { type: 'loaded' }],
    ]);
    expect(kinds(r.actions)).toEqual(['log', 'schedule-hang-check', 'producer-gone', 'log', 'kill-renderer', 'producer-gone', 'log', 'reload', 'log']);
    expect(r.state.kind).toBe('running');
  });

  it('ignores a stale hang check from an earlier hang', () => {
    const r = run([
      [0, { type: 'unresponsive' }],
      [1000, { type: 'responsive' }],
      [8000, { type: 'unresponsive' }],
      [HANG_GRACE_MS, { type: 'hang-timeout' }],
    ]);
    expect(kinds(r.actions)).not.toContain('kill-renderer');
    expect(r.state.kind).toBe('hung');
  });

  it(`gives up after more than ${MAX_CRASHES_IN_WINDOW} crashes in ${CRASH_WINDOW_MS / 1000} s, and the user can retry`, () => {
    const events: Array<[number, CrashEvent]> = [];
    for (let i = 0; i <= MAX_CRASHES_IN_WINDOW; i += 1) events.push([i * 1000, crash()], [i * 1000 + 500, { type: 'loaded' }]);
    const r = run(events.slice(0, -1));
    expect(r.state.kind).toBe('gave-up');
    expect(kinds(r.actions).filter((k) => k === 'reload')).toHaveLength(MAX_CRASHES_IN_WINDOW);
    expect(r.actions.at(-1)).toMatchObject({ kind: 'give-up', message: expect.stringContaining('continue with the slate') });
    // Still gone: the producer is released again but nothing reloads behind the user's back.
    const again = run([[9000, crash()]], r.state);
    expect(kinds(again.actions)).toEqual(['producer-gone', 'log']);
    const retry = run([[10_000, { type: 'user-reload' }]], again.state);
    expect(retry.state).toMatchObject({ kind: 'reloading', crashes: [] });
    expect(kinds(retry.actions)).toEqual(['reload']);
  });

  it('forgets crashes older than the window', () => {
    const events: Array<[number, CrashEvent]> = [];
    for (let i = 0; i < 10; i += 1) events.push([i * CRASH_WINDOW_MS, crash()], [i * CRASH_WINDOW_MS + 500, { type: 'loaded' }]);
    expect(run(events).state.kind).toBe('running');
  });

  it('does nothing for events that do not apply to the state', () => {
    for (const event of [{ type: 'responsive' }, { type: 'hang-timeout' }, { type: 'loaded' }, { type: 'user-reload' }] as CrashEvent[]) {
      expect(crashStep(INITIAL_CRASH_STATE, event, 0)).toEqual({ state: INITIAL_CRASH_STATE, actions: [] });
    }
  });
});
