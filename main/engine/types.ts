/**
 * Shapes shared across the engine: the media formats it accepts, the settings an
 * encode runs with and the outputs it feeds. Health shapes live in the contract
 * (preload/contract/health.ts) because they cross to the UI.
 */

/** PCM into the engine: 48 kHz, stereo, interleaved signed 16-bit little-endian. */
export const AUDIO_SAMPLE_RATE = 48_000;
export const AUDIO_CHANNELS = 2;
export const AUDIO_BYTES_PER_SAMPLE = 2;
export const AUDIO_BYTES_PER_FRAME = AUDIO_CHANNELS * AUDIO_BYTES_PER_SAMPLE;

export type VideoPath = 'raw' | 'encoded';

export interface VideoFormat {
  width: number;
  height: number;
  /** Integer frames per second (24, 25, 30, 50, 60). */
  fps: number;
}

export interface EncoderSettings extends VideoFormat {
  /** Video bitrate in kb/s (CBR). */
  videoBitrateKbps: number;
  /** Seconds between keyframes. */
  keyframeIntervalS: number;
  /** Audio bitrate in kb/s (AAC-LC). */
  audioBitrateKbps: number;
  /** An ffmpeg encoder name (libx264, h264_nvenc, ...); resolved from 'auto' before the encode starts. */
  encoder: string;
  path: VideoPath;
}

export const DEFAULT_ENCODER_SETTINGS: EncoderSettings = {
  width: 1280,
  height: 720,
  fps: 30,
  videoBitrateKbps: 4500,
  keyframeIntervalS: 2,
  audioBitrateKbps: 160,
  encoder: 'libx264',
  path: 'raw',
};

export type OutputKind = 'rtmp' | 'srt' | 'hls' | 'hls-put' | 'record';

export interface OutputSpecBase {
  /** Stable id, unique within a broadcast. */
  id: string;
  /** Shown to the streamer: "Twitch", "Local origin". */
  name: string;
  kind: OutputKind;
}

export interface RtmpOutputSpec extends OutputSpecBase {
  kind: 'rtmp';
  /** rtmp:// or rtmps:// URL including the stream key. */
  url: string;
  /** A second ingest to fail over to after repeated failures (YouTube's backup ingest). */
  backupUrl?: string;
}

export interface SrtOutputSpec extends OutputSpecBase {
  kind: 'srt';
  url: string;
}

export interface HlsOutputSpec extends OutputSpecBase {
  kind: 'hls';
  /** Folder the playlist and segments are written to. */
  dir: string;
  segmentSeconds: number;
  playlistLength: number;
}

export interface HlsPutOutputSpec extends OutputSpecBase {
  kind: 'hls-put';
  /** http(s) URL of the playlist; segments are PUT beside it. */
  url: string;
  segmentSeconds: number;
  playlistLength: number;
}

export interface RecordOutputSpec extends OutputSpecBase {
  kind: 'record';
  /** Target file; .mkv by default so a crash never loses it. */
  file: string;
  /** Remux to MP4 beside the MKV after the recording stops. */
  remuxToMp4?: boolean;
}

export type OutputSpec = RtmpOutputSpec | SrtOutputSpec | HlsOutputSpec | HlsPutOutputSpec | RecordOutputSpec;

export interface Command {
  command: string;
  args: string[];
}
