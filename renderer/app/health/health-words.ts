/**
 * The health dashboard's numbers in words. Pure, so the wording is unit-tested:
 * what the whole studio costs (CPU, memory: this engine plus every ffmpeg it
 * runs), the A/V offset, and which encoder is in use and why.
 */
import type { EncoderHealth, HealthSnapshot } from '../../../preload/contract';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Every process the broadcast runs: the engine, the encoder, each output's ffmpeg. */
function processes(h: HealthSnapshot) {
  return [h.engine, h.encoder?.process ?? null, ...h.outputs.map((o) => o.process)].filter((p) => p !== null);
}

export function totalCpuPercent(h: HealthSnapshot): number {
  return processes(h).reduce((n, p) => n + p.cpuPercent, 0);
}

export function totalMemoryBytes(h: HealthSnapshot): number {
  return processes(h).reduce((n, p) => n + p.rssBytes, 0);
}

/** "412 MB", "1.3 GB" (binary units, as task managers show them). */
export function formatMemory(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(1)} GB`;
  return `${Math.round(bytes / MIB)} MB`;
}

/** Above this, lips visibly drift from the voice (ITU-R BT.1359 puts detectability near 45 ms of sound leading). */
export const AV_OFFSET_NOTICEABLE_MS = 45;

export function formatAvOffset(ms: number): string {
  const rounded = Math.round(ms);
  return rounded > AV_OFFSET_NOTICEABLE_MS ? `${rounded} ms (viewers may notice)` : `${rounded} ms`;
}

/**
 * Why this encoder: the probe's reason when the studio chose it, the
 * streamer's own choice otherwise, or the fallback when that choice could not
 * be used. `probeReason` is the probe's reason for its automatic pick (null if
 * unknown), `probePick` the encoder it picked.
 */
export function encoderWhy(e: EncoderHealth, chosen: string, probePick: string | null, probeReason: string | null): string {
  if (chosen !== 'auto') return chosen === e.encoder ? 'You chose it in Settings.' : `${chosen} could not be used, so the studio fell back to this one.`;
  if (probeReason && probePick === e.encoder) return probeReason;
  return e.hardware ? 'The studio chose it: a hardware encoder passed its test.' : 'The studio chose it: no hardware encoder passed its test, so the CPU encodes.';
}
