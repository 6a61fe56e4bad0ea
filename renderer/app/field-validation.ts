/**
 * Checks a settings field as it is typed, with the reason in words at the field.
 * The limits come from the contract's schemas (the same ones main enforces), so
 * the form and the studio cannot disagree about what is valid.
 */
import { z } from 'zod';
import { OutputProfileSchema, type Destination, type OutputProfile } from '../../preload/contract';

export type NumericProfileField = 'width' | 'height' | 'fps' | 'videoBitrateKbps' | 'keyframeIntervalS' | 'audioBitrateKbps';

/** What each number means, for messages ("at least 100 kb/s"). */
export const PROFILE_UNITS: Readonly<Record<NumericProfileField, string>> = {
  width: 'px',
  height: 'px',
  fps: 'fps',
  videoBitrateKbps: 'kb/s',
  keyframeIntervalS: 's',
  audioBitrateKbps: 'kb/s',
};

/** null when the text is a valid value for the field, else why not. */
export function profileFieldError(field: NumericProfileField, text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'A value is required.';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'Enter a number.';
  const parsed = OutputProfileSchema.shape[field].safeParse(value);
  if (parsed.success) return null;
  return describeIssue(parsed.error.issues[0], PROFILE_UNITS[field]);
}

export function describeIssue(issue: z.core.$ZodIssue | undefined, unit: string): string {
  if (!issue) return 'This value is not valid.';
  switch (issue.code) {
    case 'too_small':
      return `Must be at least ${Number(issue.minimum).toLocaleString('en')} ${unit}.`;
    case 'too_big':
      return `Must be at most ${Number(issue.maximum).toLocaleString('en')} ${unit}.`;
    case 'invalid_type':
      return issue.expected === 'int' ? 'Must be a whole number.' : 'Enter a number.';
    default: {
      // Custom refinements carry a sentence already ("the width must be even").
      const m = issue.message;
      return `${m.charAt(0).toUpperCase()}${m.slice(1)}${m.endsWith('.') ? '' : '.'}`;
    }
  }
}

/** The profile fields that differ from `current`, parsed; null if any field is invalid. */
export function profilePatch(current: OutputProfile, draft: Readonly<Record<NumericProfileField, string>>): Partial<OutputProfile> | null {
  const patch: Partial<OutputProfile> = {};
  for (const field of Object.keys(draft) as NumericProfileField[]) {
    if (profileFieldError(field, draft[field]) !== null) return null;
    const value = Number(draft[field]);
    if (value !== current[field]) patch[field] = value;
  }
  return patch;
}

const URL_SCHEMES: Readonly<Record<Exclude<Destination['kind'], 'local'>, readonly string[]>> = {
  rtmp: ['rtmp:', 'rtmps:'],
  srt: ['srt:'],
  'hls-put': ['http:', 'https:'],
};

/** null when `url` is a usable server address for a destination of `kind`, else why not. */
export function serverUrlError(kind: Destination['kind'], url: string): string | null {
  if (kind === 'local') return null;
  const text = url.trim();
  const schemes = URL_SCHEMES[kind];
  const example = kind === 'rtmp' ? 'rtmp://live.example.com/app' : kind === 'srt' ? 'srt://ingest.example.com:9000' : 'https://origin.example.com/live';
  if (text === '') return `A server address is required, like ${example}.`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return `That is not an address: it should look like ${example}.`;
  }
  if (!schemes.includes(parsed.protocol)) return `The address must start with ${schemes.map((s) => `${s}//`).join(' or ')} (like ${example}).`;
  if (parsed.hostname === '') return `The address needs a server name, like ${example}.`;
  if (kind === 'srt' && parsed.port === '') return `An SRT address needs a port, like ${example}.`;
  if (/\s/.test(text)) return 'The address must not contain spaces.';
  return null;
}
