/**
 * Each output's ffmpeg command (pure): MPEG-TS from the fan-out on stdin, copied
 * without re-encoding into the destination's container and protocol, progress on
 * fd 3. One process per destination, so each fails and reconnects alone.
 *
 * A congested network destination may instead transcode the shared stream itself
 * at a lower video bitrate (see bitrate-ladder.ts): the same x264 recipe as the
 * main encode, so the keyframe interval and rate control match; audio is copied.
 */
import { join } from 'node:path';
import { buildVideoEncoderArgs } from '../probe/encoder-args';
import type { Command, EncoderSettings, OutputSpec } from '../types';

export const OUTPUT_PROGRESS_FD = 3;
export const OUTPUT_PROGRESS_PERIOD_S = 1;
/** Seconds a socket may accept nothing before ffmpeg gives up on it (µs for ffmpeg). */
export const OUTPUT_RW_TIMEOUT_S = 10;
/**
 * The RTMP socket's send buffer, in seconds of the stream. Left alone, Linux grows
 * it to megabytes, which hides a slow network for tens of seconds (the backlog
 * the adaptive bitrate watches would stay empty while the socket buffers). One
 * second still fills a path of up to one second's round trip at full rate.
 */
export const SEND_BUFFER_S = 1;
/** Never below this, bytes: a few TCP segments' worth however low the bitrate. */
const MIN_SEND_BUFFER_BYTES = 64 * 1024;
/** Longest Matroska cluster of a recording, ms (ffmpeg's default is 5 s). */
export const RECORD_CLUSTER_MS = 1_000;
/** The software encoder a destination's own transcode uses: always there, no device sessions to run out of. */
export const TRANSCODE_ENCODER = 'libx264';

export interface OutputCommandOptions {
  /** Total stream bitrate (video + audio), kb/s, for the send buffer. */
  streamKbps?: number;
  /** Re-encode the video for this destination alone at settings.videoBitrateKbps. */
  transcode?: EncoderSettings;
}

/**
 * The fan-out starts every output at a keyframe with PAT/PMT first, so a short probe
 * sees every stream; a long one would only delay going live.
 */
const INPUT_ARGS = ['-f', 'mpegts', '-probesize', '500000', '-analyzeduration', '500000', '-fflags', '+genpts', '-i', 'pipe:0'];

export function buildOutputCommand(ffmpegPath: string, spec: OutputSpec, url?: string, options: OutputCommandOptions = {}): Command {
  const common = ['-hide_banner', '-nostats', '-loglevel', 'warning', '-progress', `pipe:${OUTPUT_PROGRESS_FD}`, '-stats_period', String(OUTPUT_PROGRESS_PERIOD_S)];
  const map = ['-map', '0:v:0?', '-map', '0:a:0?'];
  const codecs = options.transcode ? transcodeArgs(options.transcode) : ['-c', 'copy'];
  return { command: ffmpegPath, args: [...common, ...INPUT_ARGS, ...map, ...codecs, ...containerArgs(spec, url, options.streamKbps)] };
}

function transcodeArgs(settings: EncoderSettings): string[] {
  const video = buildVideoEncoderArgs({ ...settings, encoder: TRANSCODE_ENCODER, path: 'raw' });
  return [...video.outputArgs, '-c:a', 'copy'];
}

export function sendBufferBytes(streamKbps: number | undefined): number {
  if (streamKbps === undefined) return MIN_SEND_BUFFER_BYTES;
  return Math.max(MIN_SEND_BUFFER_BYTES, Math.round((streamKbps * 1000 * SEND_BUFFER_S) / 8));
}

function containerArgs(spec: OutputSpec, url?: string, streamKbps?: number): string[] {
  switch (spec.kind) {
    case 'rtmp':
      // flvflags: a live FLV has no duration or size to patch at the end.
      return [
        '-f', 'flv', '-flvflags', 'no_duration_filesize',
        '-rw_timeout', String(OUTPUT_RW_TIMEOUT_S * 1_000_000),
        '-send_buffer_size', String(sendBufferBytes(streamKbps)),
        url ?? spec.url,
      ];
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
      // flush_packets: without it ffmpeg 5.1 ignores a failed write (a full disk)
      // until the trailer, recording nothing for as long as it runs; with it the
      // first failed write ends the process with the error, and the supervisor
      // reports it. Short clusters: a killed process loses at most that much.
      return ['-f', 'matroska', '-flush_packets', '1', '-cluster_time_limit', String(RECORD_CLUSTER_MS), '-y', spec.file];
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
