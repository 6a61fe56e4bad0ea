/**
 * H.264 choices for the encoded path: the codec string (profile and the lowest
 * level that fits the output), and which frames are forced keyframes. Pure.
 */

export const AVC_PROFILES = { high: 0x64, main: 0x4d, baseline: 0x42 } as const;
export type AvcProfile = keyof typeof AVC_PROFILES;

/** H.264 Table A-1: level, max macroblocks per second, max frame size in macroblocks. */
const LEVELS: ReadonlyArray<readonly [level: number, mbPerS: number, mbPerFrame: number]> = [
  [30, 40_500, 1_620],
  [31, 108_000, 3_600],
  [32, 216_000, 5_120],
  [40, 245_760, 8_192],
  [42, 522_240, 8_704],
  [50, 589_824, 22_080],
  [51, 983_040, 36_864],
  [52, 2_073_600, 36_864],
];
const MACROBLOCK_PX = 16;

/** The lowest level that carries width x height at fps, as its level_idc (31 = 3.1). */
export function avcLevel(width: number, height: number, fps: number): number {
  const mbPerFrame = Math.ceil(width / MACROBLOCK_PX) * Math.ceil(height / MACROBLOCK_PX);
  const found = LEVELS.find(([, perS, perFrame]) => mbPerFrame <= perFrame && mbPerFrame * fps <= perS);
  return (found ?? LEVELS[LEVELS.length - 1]!)[0];
}

/** "avc1.PPCCLL": profile_idc, constraint flags (none), level_idc, in hex. */
export function avcCodecString(profile: AvcProfile, width: number, height: number, fps: number): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return `avc1.${hex(AVC_PROFILES[profile])}00${hex(avcLevel(width, height, fps))}`;
}

/** Frames between forced keyframes: the interval in seconds rounded to whole frames, at least 1. */
export function keyframeEveryFrames(keyframeIntervalS: number, fps: number): number {
  return Math.max(1, Math.round(keyframeIntervalS * fps));
}
