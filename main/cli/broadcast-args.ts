/**
 * `onair broadcast` options (pure): parsed, checked and turned into engine specs,
 * with errors that name the bad option and how to fix it.
 */
import { parseArgs } from 'node:util';
import { isAbsolute, resolve } from 'node:path';
import type { OutputSpec } from '../engine/types';

export interface BroadcastArgs {
  source: 'testcard' | { file: string };
  durationS: number | null;
  outputs: OutputSpec[];
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  keyintS: number;
  encoder: string;
  statsJson: string | null;
  remux: boolean;
}

export class UsageError extends Error {}

export const BROADCAST_USAGE = `Usage: onair broadcast --source testcard|FILE [options]

  --source testcard|FILE  what to broadcast: a moving test card with a clock, a tone,
                          and a flash + beep every second; or a media file, looped
  --duration S            stop after S seconds (default: until Ctrl-C)
  --to URL                an RTMP, RTMPS or SRT destination; repeat for several
  --hls DIR               write HLS (playlist + segments) into DIR
  --hls-put URL           push HLS by HTTP PUT to URL (the playlist's URL)
  --record FILE           record to FILE (.mkv recommended: survives a crash)
  --remux                 after stopping, also remux the recording to MP4
  --size WxH              output size (default 1280x720)
  --fps N                 frames per second (default 30)
  --bitrate KBPS          video bitrate in kb/s (default 4500)
  --keyint S              seconds between keyframes (default 2)
  --encoder auto|NAME     video encoder (default auto: best working hardware, else libx264)
  --stats-json FILE       write one health snapshot per line to FILE`;

const HLS_SEGMENT_S = 2;
const HLS_PLAYLIST_LENGTH = 6;

export function parseBroadcastArgs(argv: string[], cwd = process.cwd()): BroadcastArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        source: { type: 'string' },
        duration: { type: 'string' },
        to: { type: 'string', multiple: true },
        hls: { type: 'string' },
        'hls-put': { type: 'string' },
        record: { type: 'string' },
        remux: { type: 'boolean' },
        size: { type: 'string' },
        fps: { type: 'string' },
        bitrate: { type: 'string' },
        keyint: { type: 'string' },
        encoder: { type: 'string' },
        'stats-json': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${BROADCAST_USAGE}`);
  }
  const v = parsed.values;
  if (!v.source) throw new UsageError(`--source is required: use --source testcard, or --source FILE to loop a media file.\n\n${BROADCAST_USAGE}`);
  const [width, height] = parseSize(v.size ?? '1280x720');
  const fps = parseNumber('--fps', v.fps ?? '30', 1, 120, true);
  const keyintS = parseNumber('--keyint', v.keyint ?? '2', 0.5, 20, false);
  const outputs: OutputSpec[] = [];
  (v.to ?? []).forEach((url, i) => {
    const scheme = url.split(':')[0]?.toLowerCase();
    if (scheme === 'rtmp' || scheme === 'rtmps') outputs.push({ id: `rtmp-${i + 1}`, name: hostOf(url) ?? `RTMP ${i + 1}`, kind: 'rtmp', url });
    else if (scheme === 'srt') outputs.push({ id: `srt-${i + 1}`, name: hostOf(url) ?? `SRT ${i + 1}`, kind: 'srt', url });
    else throw new UsageError(`--to ${scheme ? `"${scheme}:" URLs are not supported` : 'needs a URL'}: use rtmp://, rtmps:// or srt://; for HLS use --hls DIR or --hls-put URL.`);
  });
  if (v.hls) outputs.push({ id: 'hls', name: 'HLS', kind: 'hls', dir: abs(v.hls, cwd), segmentSeconds: HLS_SEGMENT_S, playlistLength: HLS_PLAYLIST_LENGTH });
  if (v['hls-put']) outputs.push({ id: 'hls-put', name: 'HLS push', kind: 'hls-put', url: v['hls-put'], segmentSeconds: HLS_SEGMENT_S, playlistLength: HLS_PLAYLIST_LENGTH });
  if (v.record) outputs.push({ id: 'record', name: 'Recording', kind: 'record', file: abs(v.record, cwd), remuxToMp4: Boolean(v.remux) });
  if (outputs.length === 0) throw new UsageError('Nothing to broadcast to: add --to URL, --hls DIR, --hls-put URL or --record FILE.');
  return {
    source: v.source === 'testcard' ? 'testcard' : { file: abs(v.source, cwd) },
    durationS: v.duration === undefined ? null : parseNumber('--duration', v.duration, 0.1, 7 * 24 * 3600, false),
    outputs,
    width,
    height,
    fps,
    bitrateKbps: parseNumber('--bitrate', v.bitrate ?? '4500', 100, 100_000, true),
    keyintS,
    encoder: v.encoder ?? 'auto',
    statsJson: v['stats-json'] ? abs(v['stats-json'], cwd) : null,
    remux: Boolean(v.remux),
  };
}

function parseSize(text: string): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(text);
  if (!m) throw new UsageError(`--size "${text}" is not WIDTHxHEIGHT: use for example --size 1280x720.`);
  const w = Number(m[1]);
  const h = Number(m[2]);
  if (w < 16 || h < 16 || w > 7680 || h > 4320) throw new UsageError(`--size ${text} is out of range: use 16x16 up to 7680x4320.`);
  if (w % 2 || h % 2) throw new UsageError(`--size ${text} must have an even width and height (I420 video): try ${w + (w % 2)}x${h + (h % 2)}.`);
  return [w, h];
}

function parseNumber(name: string, text: string, min: number, max: number, integer: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new UsageError(`${name} "${text}" must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
  }
  return n;
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    return null;
  }
}

function abs(p: string, cwd: string): string {
  return isAbsolute(p) ? p : resolve(cwd, p);
}
