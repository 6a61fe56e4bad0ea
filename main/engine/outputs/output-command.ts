/**
 * Each output's ffmpeg command (pure): MPEG-TS from the fan-out on stdin, copied
 * without re-encoding into the destination's container and protocol, progress on
 * fd 3. One process per destination, so each fails and reconnects alone.
 */
import { join } from 'node:path';
import type { Command, OutputSpec } from '../types';

export const OUTPUT_PROGRESS_FD = 3;
export const OUTPUT_PROGRESS_PERIOD_S = 1;
/** Seconds a socket may accept nothing before ffmpeg gives up on it (µs for ffmpeg). */
export const OUTPUT_RW_TIMEOUT_S = 10;

/**
 * The fan-out starts every output at a keyframe with PAT/PMT first, so a short probe
 * sees every stream; a long one would only delay going live.
 */
const INPUT_ARGS = ['-f', 'mpegts', '-probesize', '500000', '-analyzeduration', '500000', '-fflags', '+genpts', '-i', 'pipe:0'];

export function buildOutputCommand(ffmpegPath: string, spec: OutputSpec, url?: string): Command {
  const common = ['-hide_banner', '-nostats', '-loglevel', 'warning', '-progress', `pipe:${OUTPUT_PROGRESS_FD}`, '-stats_period', String(OUTPUT_PROGRESS_PERIOD_S)];
  const copy = ['-map', '0:v:0?', '-map', '0:a:0?', '-c', 'copy'];
  return { command: ffmpegPath, args: [...common, ...INPUT_ARGS, ...copy, ...containerArgs(spec, url)] };
}

function containerArgs(spec: OutputSpec, url?: string): string[] {
  switch (spec.kind) {
    case 'rtmp':
      // flvflags: a live FLV has no duration or size to patch at the end.
      return ['-f', 'flv', '-flvflags', 'no_duration_filesize', '-rw_timeout', String(OUTPUT_RW_TIMEOUT_S * 1_000_000), url ?? spec.url];
    case 'srt':
      return ['-f', 'mpegts', url ?? spec.url];
    case 'hls':
      return [...hlsArgs(spec.segmentSeconds, spec.playlistLength), '-hls_segment_filename', join(spec.dir, 'segment_%06d.ts'), join(spec.dir, 'index.m3u8')];
    case 'hls-put': {
      const playlist = url ?? spec.url;
      const base = playlist.slice(0, playlist.lastIndexOf('/') + 1);
      return [
        ...hlsArgs(spec.segmentSeconds, spec.playlistLength),
        '-method', 'PUT', '-http_persistent', '1', '-rw_timeout', String(OUTPUT_RW_TIMEOUT_S * 1_000_000),
        '-hls_segment_filename', `${base}segment_%06d.ts`, playlist,
      ];
    }
    case 'record':
      // Matroska survives a crash: everything written so far stays playable.
      return ['-f', 'matroska', '-y', spec.file];
  }
}

function hlsArgs(segmentSeconds: number, playlistLength: number): string[] {
  return [
    '-f', 'hls',
    '-hls_time', String(segmentSeconds),
    '-hls_list_size', String(playlistLength),
    // Segments beyond the playlist are deleted after a grace period so slow players finish them.
    '-hls_delete_threshold', '2',
    // append_list: a restarted output (the encoder restarted) continues the numbering
    // instead of overwriting segment_000000.ts, which players and caches hold immutable.
    '-hls_flags', 'delete_segments+program_date_time+temp_file+independent_segments+omit_endlist+append_list+discont_start',
  ];
}

/** The command that remuxes a finished MKV recording to MP4 beside it. */
export function buildRemuxCommand(ffmpegPath: string, mkvFile: string, mp4File: string): Command {
  return {
    command: ffmpegPath,
    args: ['-hide_banner', '-nostats', '-loglevel', 'warning', '-y', '-i', mkvFile, '-map', '0', '-c', 'copy', '-movflags', '+faststart', mp4File],
  };
}
