/**
 * The engine's probe report as the settings read it. The contract carries it
 * untyped (it belongs to the engine, main/engine/probe/probe.ts ProbeReport),
 * so the window checks the parts it shows and ignores the rest: an engine that
 * adds fields does not break the form, and a report it cannot read says so.
 */
import { z } from 'zod';

const EncoderSchema = z.object({
  name: z.string(),
  codec: z.string(),
  hardware: z.boolean(),
  listed: z.boolean(),
  /** true: passed its trial; false: failed it or not in the build; null: software, not trialled. */
  works: z.boolean().nullable(),
  reason: z.string(),
});
const ReportSchema = z.object({
  encoders: z.array(EncoderSchema),
  selected: z.object({ name: z.string(), reason: z.string() }).nullable(),
});

export interface EncoderOption {
  name: string;
  label: string;
  hardware: boolean;
  usable: boolean;
  /** Why it works or not, in the probe's words. */
  reason: string;
}

export interface EncoderChoices {
  /** The auto choice ("libx264"), null when nothing works. */
  auto: { name: string; reason: string } | null;
  options: EncoderOption[];
}

/** The output is H.264 (what every RTMP service takes), so only H.264 encoders are offered. */
const OFFERED_CODEC = 'h264';

const FAMILY_LABELS: ReadonlyArray<[RegExp, string]> = [
  [/nvenc/, 'NVIDIA NVENC'],
  [/qsv/, 'Intel Quick Sync'],
  [/amf/, 'AMD AMF'],
  [/videotoolbox/, 'Apple VideoToolbox'],
  [/vaapi/, 'VA-API'],
  [/_mf$/, 'Windows Media Foundation'],
  [/^libx264$/, 'x264 (software)'],
];

function labelOf(name: string): string {
  const family = FAMILY_LABELS.find(([re]) => re.test(name));
  return family ? `${family[1]} (${name})` : name;
}

/** The choices a report offers, working ones first; null when the report cannot be read. */
export function encoderChoices(report: unknown): EncoderChoices | null {
  const parsed = ReportSchema.safeParse(report);
  if (!parsed.success) return null;
  const options = parsed.data.encoders
    .filter((e) => e.codec === OFFERED_CODEC)
    .map((e) => ({ name: e.name, label: labelOf(e.name), hardware: e.hardware, usable: e.listed && e.works !== false, reason: e.reason }))
    .sort((a, b) => Number(b.usable) - Number(a.usable));
  return { auto: parsed.data.selected, options };
}
