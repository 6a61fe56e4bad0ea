/**
 * Chooses the video encoder for a broadcast from a probe report (pure): the user's
 * choice when it works, else the best hardware encoder that passed its trial
 * encode, else libx264. Every decision carries a reason a streamer can read.
 *
 * Auto-selection considers H.264 only unless the caller allows more codecs: RTMP
 * ingests (and ffmpeg's FLV muxer before 6.1) take H.264 only, so picking a working
 * HEVC encoder by itself would break the most common destinations.
 */
import { EngineError } from '../errors';
import {
  type EncoderFamily,
  type VideoCodec,
  HARDWARE_FAMILIES,
  SOFTWARE_ENCODERS,
  encoderCodec,
  encoderFamily,
  hardwareEncoderName,
  isHardwareFamily,
} from './encoder-args';
import type { ProbedEncoder } from './probe';

export interface EncoderSelection {
  name: string;
  hardware: boolean;
  reason: string;
  /** Hardware encoders (and a refused user choice) that were not used, each with why. */
  rejected: Array<{ name: string; reason: string }>;
}

export interface SelectOptions {
  /** Codecs auto-selection may use, most wanted first. Default: H.264 only. */
  codecs?: readonly VideoCodec[];
}

const FAMILY_NAMES: Readonly<Record<EncoderFamily, string>> = {
  x264: 'x264',
  x265: 'x265',
  nvenc: 'NVIDIA NVENC',
  qsv: 'Intel Quick Sync',
  amf: 'AMD AMF',
  videotoolbox: 'Apple VideoToolbox',
  vaapi: 'VA-API',
  mf: 'Windows Media Foundation',
  svtav1: 'SVT-AV1',
  aom: 'libaom AV1',
  unknown: '',
};

const CODEC_NAMES: Readonly<Record<VideoCodec, string>> = { h264: 'H.264', hevc: 'HEVC', av1: 'AV1' };

/** "NVIDIA NVENC (H.264)", "x264 (software)"; an encoder we have no name for keeps its ffmpeg name. */
export function encoderDisplayName(name: string): string {
  const family = encoderFamily(name);
  const codec = encoderCodec(name);
  if (family === 'unknown' || codec === null) return name;
  if (!isHardwareFamily(family)) return `${FAMILY_NAMES[family]} (software)`;
  return `${FAMILY_NAMES[family]} (${CODEC_NAMES[codec]})`;
}

/** Why an encoder cannot be used, in words; null when it can. */
function unusableBecause(entry: ProbedEncoder | undefined, name: string): string | null {
  const display = encoderDisplayName(name);
  if (!entry || !entry.listed) return `${display} is not available in this ffmpeg build`;
  if (entry.works === false) return `${display} is listed but failed its trial encode: ${entry.reason}`;
  return null;
}

export function selectEncoder(
  report: { encoders: readonly ProbedEncoder[] },
  choice: 'auto' | string,
  options: SelectOptions = {},
): EncoderSelection {
  const byName = new Map(report.encoders.map((e) => [e.name, e]));
  const codecs = options.codecs ?? ['h264'];
  const rejected: EncoderSelection['rejected'] = [];

  if (choice !== 'auto') {
    const entry = byName.get(choice);
    const problem = unusableBecause(entry, choice);
    if (problem === null && entry) {
      return { name: choice, hardware: entry.hardware, reason: `You chose ${encoderDisplayName(choice)} in Settings.`, rejected };
    }
    rejected.push({ name: choice, reason: problem ?? `${choice} cannot be used` });
  }

  let picked: ProbedEncoder | undefined;
  for (const codec of codecs) {
    for (const family of HARDWARE_FAMILIES) {
      const name = hardwareEncoderName(codec, family);
      const entry = byName.get(name);
      if (!entry?.listed || rejected.some((r) => r.name === name)) continue;
      if (!picked && entry.works === true) {
        picked = entry;
        continue;
      }
      rejected.push({
        name,
        reason:
          entry.works === true
            ? `${encoderDisplayName(name)} works, but ${encoderDisplayName(picked?.name ?? name)} is preferred`
            : (unusableBecause(entry, name) ?? `${encoderDisplayName(name)} was not tried`),
      });
    }
  }
  // A refused choice is said first, so the streamer learns why their pick was not used.
  const refusedChoice = choice !== 'auto' ? `${rejected[0]?.reason ?? choice}, so OnAir chose automatically. ` : '';

  if (picked) {
    return {
      name: picked.name,
      hardware: true,
      reason: `${refusedChoice}${encoderDisplayName(picked.name)} passed its trial encode, so your graphics hardware encodes the stream and the CPU stays free.`,
      rejected,
    };
  }

  const software = SOFTWARE_ENCODERS.h264;
  const softwareProblem = unusableBecause(byName.get(software), software);
  if (softwareProblem !== null) {
    throw new EngineError(
      'ENCODER_UNAVAILABLE',
      'No H.264 encoder works with this ffmpeg: no hardware encoder passed its trial and the build has no working x264. Install a full ffmpeg build (for example from your package manager or ffmpeg.org).',
      [softwareProblem, ...rejected.map((r) => `${r.name}: ${r.reason}`)].join('; '),
    );
  }
  const triedHardware = rejected.some((r) => isHardwareFamily(encoderFamily(r.name)));
  const why = triedHardware
    ? 'No hardware encoder passed its trial encode on this computer'
    : 'This ffmpeg has no hardware encoders';
  return {
    name: software,
    hardware: false,
    reason: `${refusedChoice}${why}, so the CPU encodes with x264 (software). It uses more CPU; lower the resolution or frame rate if the stream stutters.`,
    rejected,
  };
}
