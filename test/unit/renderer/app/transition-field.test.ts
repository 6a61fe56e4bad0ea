import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, TRANSITION_KINDS, describeTransition, parseTransitionDuration } from '../../../../renderer/app/transition-field';
import { TransitionSchema } from '../../../../preload/contract';

describe('transition field', () => {
  it('offers every kind the contract knows, and no other', () => {
    expect(TRANSITION_KINDS).toEqual(TransitionSchema.shape.kind.options);
  });

  it.each([
    ['300', 300],
    [' 0 ', 0],
    [String(MAX_DURATION_MS), MAX_DURATION_MS],
  ])('accepts %j', (text, ms) => {
    expect(parseTransitionDuration(text)).toEqual({ ok: true, ms });
  });

  it.each([
    ['', 'A duration is required.'],
    ['abc', 'Enter a number of milliseconds.'],
    ['12.5', 'Must be a whole number of milliseconds.'],
    ['-1', 'Must be at least 0 ms.'],
    ['10001', 'Must be at most 10,000 ms (10 s).'],
  ])('refuses %j with the reason', (text, error) => {
    expect(parseTransitionDuration(text)).toEqual({ ok: false, error });
  });

  it('agrees with the schema the studio enforces, around both limits', () => {
    for (const ms of [-1, 0, 1, MAX_DURATION_MS, MAX_DURATION_MS + 1]) {
      expect(parseTransitionDuration(String(ms)).ok, String(ms)).toBe(TransitionSchema.safeParse({ kind: 'fade', durationMs: ms }).success);
    }
  });

  it('describes what the Transition button does', () => {
    expect(describeTransition({ kind: 'cut', durationMs: 300 })).toBe('Cut');
    expect(describeTransition({ kind: 'slide', durationMs: 500 })).toBe('Slide, 500 ms');
  });
});
