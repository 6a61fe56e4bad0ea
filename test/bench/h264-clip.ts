/**
 * An H.264 clip for the encoded path of the frame-transport bench: the test card
 * encoded once by ffmpeg (libx264 at the profile's bitrate, a keyframe every
 * keyframeIntervalS, no B-frames, SPS/PPS before every keyframe and an access
 * unit delimiter before every frame, as WebCodecs' Annex B output has them), and
 * split into access units the page replays on the studio clock. The clip's
 * length is a multiple of the keyframe interval, so looping it starts on a keyframe.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { TestcardFiles } from './testcard-files';

const run = promisify(execFile);
const NAL_AUD = 9;
const NAL_IDR = 5;
const ENCODE_TIMEOUT_MS = 120_000;

export interface AccessUnit {
  offset: number;
  length: number;
  keyframe: boolean;
}

export interface ClipSettings {
  videoBitrateKbps: number;
  keyframeIntervalS: number;
}

/** Encodes `card` into `outFile` (Annex B) and writes the access-unit index beside it as JSON; returns the index. */
export async function encodeClip(ffmpegPath: string, card: TestcardFiles, settings: ClipSettings, outFile: string, indexFile: string): Promise<AccessUnit[]> {
  const { width, height, fps } = card.format;
  const gop = Math.round(settings.keyframeIntervalS * fps);
  await run(
    ffmpegPath,
    [
      '-hide_banner', '-loglevel', 'error',
      '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${width}x${height}`, '-framerate', String(fps), '-i', card.videoFile,
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-b:v', `${settings.videoBitrateKbps}k`,
      '-g', String(gop), '-keyint_min', String(gop), '-bf', '0', '-sc_threshold', '0',
      '-x264-params', 'repeat-headers=1:aud=1',
      '-f', 'h264', '-y', outFile,
    ],
    { timeout: ENCODE_TIMEOUT_MS },
  );
  const units = splitAccessUnits(await readFile(outFile));
  await writeFile(indexFile, JSON.stringify(units));
  return units;
}

/**
 * Access units of an Annex B stream whose every frame starts with an access unit
 * delimiter (a NAL of type 9); a unit holding an IDR slice (type 5) is a keyframe (pure).
 */
export function splitAccessUnits(stream: Uint8Array): AccessUnit[] {
  const nals = nalStarts(stream);
  const units: AccessUnit[] = [];
  let current: AccessUnit | null = null;
  for (let i = 0; i < nals.length; i++) {
    const { start, header } = nals[i]!;
    const type = stream[header]! & 0x1f;
    if (type === NAL_AUD || current === null) {
      if (current) units.push(current);
      current = { offset: start, length: 0, keyframe: false };
    }
    if (type === NAL_IDR) current.keyframe = true;
    const end = nals[i + 1]?.start ?? stream.length;
    current.length = end - current.offset;
  }
  if (current) units.push(current);
  return units;
}

/** Each start code (00 00 01, or 00 00 00 01): where it starts and where its NAL header byte is. */
function nalStarts(stream: Uint8Array): Array<{ start: number; header: number }> {
  const out: Array<{ start: number; header: number }> = [];
  for (let i = 0; i + 3 < stream.length; i++) {
    if (stream[i] !== 0 || stream[i + 1] !== 0) continue;
    if (stream[i + 2] === 1) {
      out.push({ start: i > 0 && stream[i - 1] === 0 ? i - 1 : i, header: i + 3 });
      i += 2;
    }
  }
  return out;
}
