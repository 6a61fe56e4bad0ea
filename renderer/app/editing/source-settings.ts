/**
 * A source's own settings as the properties panel edits them: checked against
 * the contract's schema for its kind, each problem placed at its field, in words.
 */
import type { z } from 'zod';
import { CameraSettingsSchema, ColorSettingsSchema, ImageSettingsSchema, MediaSettingsSchema, TextSettingsSchema, type Source } from '../../../preload/contract';

/** The kinds whose settings the panel edits (screens and audio inputs are re-picked, not edited). */
const SCHEMAS: Partial<Record<Source['kind'], z.ZodType>> = {
  text: TextSettingsSchema,
  color: ColorSettingsSchema,
  image: ImageSettingsSchema,
  media: MediaSettingsSchema,
  camera: CameraSettingsSchema,
};

export type SettingsDraft = Record<string, unknown>;

/** Problems by field name ('' for the whole form); empty when the draft is valid for the kind. */
export function settingsErrors(kind: Source['kind'], draft: SettingsDraft): Record<string, string> {
  const schema = SCHEMAS[kind];
  if (!schema) return {};
  const parsed = schema.safeParse(draft);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= sentence(issue);
  }
  return errors;
}

function sentence(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') return `Must be at least ${String(issue.minimum)}.`;
  if (issue.code === 'too_big') return `Must be at most ${String(issue.maximum)}.`;
  if (issue.code === 'invalid_type') return 'Enter a value of the right kind (a number here).';
  const m = issue.message;
  return `${m.charAt(0).toUpperCase()}${m.slice(1)}${m.endsWith('.') ? '' : '.'}`;
}

/** The fields of `draft` that differ from the source's settings: what updateSource merges. */
export function settingsPatch(source: Source, draft: SettingsDraft): SettingsDraft {
  const current = source.settings as SettingsDraft;
  return Object.fromEntries(Object.entries(draft).filter(([k, v]) => JSON.stringify(current[k]) !== JSON.stringify(v)));
}

export function isEditableKind(kind: Source['kind']): boolean {
  return SCHEMAS[kind] !== undefined;
}
