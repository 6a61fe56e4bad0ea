/**
 * The properties panel's transform fields as text (what the streamer types),
 * checked at the field against the contract's limits, and turned back into an
 * item patch only when every field is valid. Opacity is shown in percent.
 */
import { TransformSchema, type SceneItem, type Transform } from '../../../preload/contract';

export const TRANSFORM_FIELDS = ['x', 'y', 'width', 'height', 'rotationDeg', 'cropTop', 'cropRight', 'cropBottom', 'cropLeft', 'opacityPct'] as const;
export type TransformField = (typeof TRANSFORM_FIELDS)[number];
export type TransformDraft = Record<TransformField, string>;

export const FIELD_LABELS: Readonly<Record<TransformField, string>> = {
  x: 'X (px)',
  y: 'Y (px)',
  width: 'Width (px)',
  height: 'Height (px)',
  rotationDeg: 'Rotation (°)',
  cropTop: 'Crop top (px)',
  cropRight: 'Crop right (px)',
  cropBottom: 'Crop bottom (px)',
  cropLeft: 'Crop left (px)',
  opacityPct: 'Opacity (%)',
};

const crop = TransformSchema.shape.crop.shape;
/** Each field's limits, read from the contract's schema so the panel and the studio agree. */
const LIMITS: Readonly<Record<TransformField, { min: number; max: number }>> = {
  x: limits(TransformSchema.shape.x),
  y: limits(TransformSchema.shape.y),
  width: limits(TransformSchema.shape.width),
  height: limits(TransformSchema.shape.height),
  rotationDeg: limits(TransformSchema.shape.rotationDeg),
  cropTop: limits(crop.top),
  cropRight: limits(crop.right),
  cropBottom: limits(crop.bottom),
  cropLeft: limits(crop.left),
  opacityPct: { min: 0, max: 100 },
};

function limits(schema: { minValue: number | null; maxValue: number | null }): { min: number; max: number } {
  return { min: schema.minValue ?? -Infinity, max: schema.maxValue ?? Infinity };
}

const trim = (n: number) => String(Math.round(n * 100) / 100);

export function draftOf(item: SceneItem): TransformDraft {
  const t = item.transform;
  return {
    x: trim(t.x),
    y: trim(t.y),
    width: trim(t.width),
    height: trim(t.height),
    rotationDeg: trim(t.rotationDeg),
    cropTop: trim(t.crop.top),
    cropRight: trim(t.crop.right),
    cropBottom: trim(t.crop.bottom),
    cropLeft: trim(t.crop.left),
    opacityPct: trim(item.opacity * 100),
  };
}

/** null when the text is a valid value for the field, else why not, in words. */
export function transformFieldError(field: TransformField, text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'A value is required.';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'Enter a number.';
  const { min, max } = LIMITS[field];
  const unit = field === 'opacityPct' ? ' %' : field === 'rotationDeg' ? '°' : ' px';
  if (value < min) return `Must be at least ${min.toLocaleString('en')}${unit}.`;
  if (value > max) return `Must be at most ${max.toLocaleString('en')}${unit}.`;
  return null;
}

/** The item patch the draft describes, or null while any field is invalid. */
export function patchOf(draft: TransformDraft): { transform: Transform; opacity: number } | null {
  if (TRANSFORM_FIELDS.some((f) => transformFieldError(f, draft[f]) !== null)) return null;
  const n = (f: TransformField) => Number(draft[f]);
  return {
    transform: {
      x: n('x'),
      y: n('y'),
      width: n('width'),
      height: n('height'),
      rotationDeg: n('rotationDeg'),
      crop: { top: n('cropTop'), right: n('cropRight'), bottom: n('cropBottom'), left: n('cropLeft') },
    },
    opacity: n('opacityPct') / 100,
  };
}
