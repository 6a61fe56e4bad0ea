/**
 * The transition's choices in words, and its duration checked as it is typed
 * against the contract's own limits (the studio enforces the same ones).
 */
import { TransitionSchema, type Transition } from '../../preload/contract';

export type TransitionKind = Transition['kind'];

export const TRANSITION_WORDS: Readonly<Record<TransitionKind, { label: string; hint: string }>> = {
  cut: { label: 'Cut', hint: 'switch at once' },
  fade: { label: 'Fade', hint: 'cross-fade between the scenes' },
  slide: { label: 'Slide', hint: 'the new scene pushes the old one out' },
};
export const TRANSITION_KINDS = Object.keys(TRANSITION_WORDS) as TransitionKind[];

const DURATION = TransitionSchema.shape.durationMs;
export const MIN_DURATION_MS = DURATION.minValue ?? 0;
export const MAX_DURATION_MS = DURATION.maxValue ?? 10_000;

/** The duration in ms when the text is a valid one, else why not, in words. */
export function parseTransitionDuration(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'A duration is required.' };
  const ms = Number(trimmed);
  if (!Number.isFinite(ms)) return { ok: false, error: 'Enter a number of milliseconds.' };
  if (!Number.isInteger(ms)) return { ok: false, error: 'Must be a whole number of milliseconds.' };
  if (ms < MIN_DURATION_MS) return { ok: false, error: `Must be at least ${MIN_DURATION_MS} ms.` };
  if (ms > MAX_DURATION_MS) return { ok: false, error: `Must be at most ${MAX_DURATION_MS.toLocaleString('en')} ms (${MAX_DURATION_MS / 1000} s).` };
  return { ok: true, ms };
}

/** "Cut", "Fade, 300 ms": what the Transition button will do. */
export function describeTransition(t: Transition): string {
  return t.kind === 'cut' ? TRANSITION_WORDS.cut.label : `${TRANSITION_WORDS[t.kind].label}, ${t.durationMs} ms`;
}
