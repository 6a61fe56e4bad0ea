import { describe, expect, it } from 'vitest';
import { isOnAir, liveEffects } from '../../../../../main/app/policies/live-effects';
import { beforeQuitDecision, quitConfirmation, windowCloseDecision } from '../../../../../main/app/policies/quit-guard';

const offAir = { streaming: 'offline', recording: 'off' } as const;
const live = { streaming: 'live', recording: 'off' } as const;
const recording = { streaming: 'offline', recording: 'recording' } as const;

describe('live effects', () => {
  it.each([
    [offAir, false],
    [live, true],
    [recording, true],
    [{ streaming: 'starting', recording: 'off' } as const, true],
    [{ streaming: 'ending', recording: 'off' } as const, true],
    [{ streaming: 'offline', recording: 'stopping' } as const, true],
  ])('%o on air: %s', (state, onAir) => {
    expect(isOnAir(state)).toBe(onAir);
    expect(liveEffects(state)).toEqual({ preventSleep: onAir, backgroundThrottling: !onAir, confirmQuit: onAir });
  });
});

describe('quit guard', () => {
  it('quits off air after closing the studio; asks first on air', () => {
    expect(beforeQuitDecision('running', offAir)).toBe('shutdown');
    expect(beforeQuitDecision('running', live)).toBe('ask');
    expect(beforeQuitDecision('running', recording)).toBe('ask');
  });

  it('lets nothing through while confirming or shutting down, and everything once exiting', () => {
    expect(beforeQuitDecision('confirming', live)).toBe('wait');
    expect(beforeQuitDecision('shutting-down', offAir)).toBe('wait');
    expect(beforeQuitDecision('exiting', live)).toBe('allow');
  });

  it('hides the window on macOS, quits elsewhere, and closes it when exiting', () => {
    expect(windowCloseDecision('running', 'darwin')).toBe('hide');
    expect(windowCloseDecision('running', 'win32')).toBe('quit');
    expect(windowCloseDecision('running', 'linux')).toBe('quit');
    expect(windowCloseDecision('exiting', 'darwin')).toBe('close');
    expect(windowCloseDecision('shutting-down', 'linux')).toBe('close');
  });

  it('says what will stop, and defaults to Cancel', () => {
    const both = quitConfirmation({ streaming: 'live', recording: 'recording' });
    expect(both.message).toBe('You are live and recording. Quit OnAir Studio?');
    expect(both.detail).toContain('stream will end');
    expect(both.detail).toContain('recording will be stopped and saved');
    expect(both.buttons[both.defaultId]).toBe('Cancel');
    expect(both.cancelId).toBe(both.defaultId);
    expect(quitConfirmation(recording).buttons[0]).toBe('Stop recording and quit');
  });
});
