/**
 * Reading a scene switch out of a decoded stream (pure: samples in, facts out).
 * The stream's timeline is mapped to the studio clock with the flash-and-beep
 * source's flashes: the page knows the studio-clock stamp of every slot it made
 * white, the stream shows where those frames landed, and one offset lines them up.
 */
import type { RegionSample } from './frame-regions';

const US_PER_S = 1_000_000;
/** Chroma apart by this much (of 255) tells red from blue in BT.709 limited range (red: V 240 U 102; blue: U 240 V 118). */
const CHROMA_MARGIN = 60;

export type SceneColour = 'red' | 'blue' | 'other';

export function colourOf(s: Pick<RegionSample, 'u' | 'v'>): SceneColour {
  if (s.v - s.u > CHROMA_MARGIN) return 'red';
  if (s.u - s.v > CHROMA_MARGIN) return 'blue';
  return 'other';
}

/**
 * The offset (studio µs minus stream µs) under which the most stream flashes sit
 * within `toleranceUs` of a planned flash stamp; refined to the median of those
 * matches. Null when no two flashes agree.
 */
export function clockOffsetFromFlashes(streamFlashesS: readonly number[], plannedUs: readonly number[], toleranceUs: number): { offsetUs: number; matched: number } | null {
  let best: { offsetUs: number; matched: number } | null = null;
  for (const f of streamFlashesS) {
    for (const p of plannedUs) {
      const candidate = p - f * US_PER_S;
      const diffs = matchesUnder(candidate, streamFlashesS, plannedUs, toleranceUs);
      if (!best || diffs.length > best.matched) best = { offsetUs: candidate + median(diffs), matched: diffs.length };
    }
  }
  return best && best.matched >= 2 ? best : null;
}

function matchesUnder(offsetUs: number, streamFlashesS: readonly number[], plannedUs: readonly number[], toleranceUs: number): number[] {
  const diffs: number[] = [];
  for (const f of streamFlashesS) {
    const at = f * US_PER_S + offsetUs;
    let nearest = Number.POSITIVE_INFINITY;
    for (const p of plannedUs) if (Math.abs(p - at) < Math.abs(nearest)) nearest = p - at;
    if (Math.abs(nearest) <= toleranceUs) diffs.push(nearest);
  }
  return diffs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The first frame at or after `fromS` showing `colour` right after a frame that
 * did not: where a switch to `colour` shows in the stream.
 */
export function firstFrameTurning(samples: readonly RegionSample[], fromS: number, colour: SceneColour): RegionSample | null {
  for (let i = 1; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.ptsS >= fromS && colourOf(s) === colour && colourOf(samples[i - 1]!) !== colour) return s;
  }
  return null;
}

/** Steps between consecutive frame timestamps within [fromS, toS] that are not one frame (± toleranceS). */
export function irregularSteps(samples: readonly RegionSample[], fromS: number, toS: number, fps: number, toleranceS: number): Array<{ atS: number; stepS: number }> {
  const frameS = 1 / fps;
  const inside = samples.filter((s) => s.ptsS >= fromS && s.ptsS <= toS);
  const out: Array<{ atS: number; stepS: number }> = [];
  for (let i = 1; i < inside.length; i++) {
    const stepS = inside[i]!.ptsS - inside[i - 1]!.ptsS;
    if (Math.abs(stepS - frameS) > toleranceS) out.push({ atS: inside[i]!.ptsS, stepS });
  }
  return out;
}
