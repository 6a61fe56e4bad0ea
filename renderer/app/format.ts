/**
 * How numbers and states read on screen. Pure, so the wording is unit-tested and
 * every dock says the same thing the same way.
 */
import type { Destination, LiveState, OutputHealth, Rating } from '../../preload/contract';

/** "1:02:03" past an hour, "02:03" before. */
export function formatElapsed(sinceIso: string | null, nowMs: number): string {
  if (!sinceIso) return '00:00';
  const since = Date.parse(sinceIso);
  if (!Number.isFinite(since)) return '00:00';
  const total = Math.max(0, Math.floor((nowMs - since) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** "0.3 %" of `whole`; "0 %" when there is nothing to compare with. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0 %';
  const pct = (100 * part) / whole;
  return `${pct < 10 ? pct.toFixed(1) : Math.round(pct)} %`;
}

export function formatBitrate(kbps: number): string {
  if (kbps >= 1000) return `${(kbps / 1000).toFixed(1)} Mb/s`;
  return `${Math.round(kbps)} kb/s`;
}

export function formatCpu(percent: number | null | undefined): string {
  return percent === null || percent === undefined ? '–' : `${Math.round(percent)} %`;
}

export const RATING_WORDS: Readonly<Record<Rating, string>> = {
  good: 'Good',
  warning: 'Needs attention',
  bad: 'Bad',
};

export type ChipTone = 'idle' | 'busy' | 'live' | 'warn' | 'error';
export interface Chip {
  label: string;
  tone: ChipTone;
  /** Why it is not live, in the engine's words (failed, or retrying after a failure). */
  reason?: string;
}

/**
 * A destination's status chip. The output's own state wins while it exists; a
 * failure stays visible after the stream stops so its reason can be read, and
 * a destination retrying says what went wrong the last time.
 */
export function destinationChip(d: Destination, output: OutputHealth | undefined, streaming: LiveState['streaming']): Chip {
  if (!d.enabled) return { label: 'disabled', tone: 'idle' };
  if (output?.state === 'failed') return { label: 'failed', tone: 'error', reason: output.lastError ?? 'no reason given' };
  if (streaming === 'offline' || streaming === 'ending') return { label: 'off', tone: 'idle' };
  const lastFailure = output?.lastError ? { reason: output.lastError } : {};
  switch (output?.state) {
    case 'live':
      return { label: 'live', tone: 'live' };
    case 'reconnecting': {
      const retry = output.nextRetryInS === null ? '' : `, retry in ${Math.ceil(output.nextRetryInS)} s`;
      return { label: `reconnecting ${output.reconnects}${retry}`, tone: 'warn', ...lastFailure };
    }
    case 'stopped':
      return { label: 'off', tone: 'idle' };
    case 'connecting':
      // A retry under way: the last failure is still the news.
      return output.reconnects > 0 ? { label: `connecting (try ${output.reconnects + 1})`, tone: 'busy', ...lastFailure } : { label: 'connecting', tone: 'busy' };
    default:
      // No output yet (going live).
      return { label: 'connecting', tone: 'busy' };
  }
}

/** The chip's words: "live", "failed: the server refused the stream key". */
export function chipText(chip: Chip): string {
  return chip.reason ? `${chip.label}: ${chip.reason}` : chip.label;
}

/** A gain: "+3.0 dB", "−12.5 dB", "0.0 dB" (a true minus sign, as audio consoles print it). */
export function formatDb(db: number): string {
  const rounded = Math.round(db * 10) / 10;
  if (rounded === 0) return '0.0 dB';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)} dB`;
}
