/**
 * The encoder's ffmpeg command (pure). One ffmpeg per broadcast:
 *   stdin  video: raw I420 frames (raw path) or H.264 Annex B access units framed in IVF (encoded path)
 *   fd 3   audio: s16le 48 kHz stereo
 *   fd 4   -progress key=value blocks
 *   stdout MPEG-TS for the fan-out
 *   stderr the log (warnings and errors only)
 * Timestamps come from the frame and sample counts (raw path), or the access
 * units' IVF timestamps and the sample count (encoded path): the pacer lays both
 * on one timeline, so ffmpeg never has to guess.
 */
import { buildVideoEncoderArgs } from '../probe/encoder-args';
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, type Command, type EncoderSettings } from '../types';

export const ENCODER_AUDIO_FD = 3;
export const ENCODER_PROGRESS_FD = 4;
/** Seconds between -progress blocks. */
export const ENCODER_PROGRESS_PERIOD_S = 1;
/**
 * Raw frames ffmpeg may queue per input thread. Small, so a slow encoder pushes back
 * on the pacer's pipe quickly (where frames are dropped and counted) instead of
 * buffering seconds of latency inside ffmpeg.
 */
export const VIDEO_THREAD_QUEUE = 4;
const AUDIO_THREAD_QUEUE = 64;

export function buildEncoderCommand(ffmpegPath: string, settings: EncoderSettings): Command {
  // Raw inputs are fully described by their options: probing them would only make
  // ffmpeg sit on one pipe (reading seconds of it) while the other one fills up.
  const noProbe = ['-probesize', '32', '-analyzeduration', '0'];
  const audioIn = [
    '-thread_queue_size', String(AUDIO_THREAD_QUEUE), ...noProbe,
    '-f', 's16le', '-ar', String(AUDIO_SAMPLE_RATE), '-ac', String(AUDIO_CHANNELS),
    '-i', `pipe:${ENCODER_AUDIO_FD}`,
  ];
  const audioOut = ['-c:a', 'aac', '-b:a', `${settings.audioBitrateKbps}k`, '-ar', String(AUDIO_SAMPLE_RATE), '-ac', String(AUDIO_CHANNELS)];
  // The TS muxer must not hold packets back: outputs should see each frame at once.
  const tsOut = ['-f', 'mpegts', '-muxdelay', '0', '-muxpreload', '0', '-flush_packets', '1', 'pipe:1'];
  const common = ['-hide_banner', '-nostats', '-loglevel', 'warning', '-progress', `pipe:${ENCODER_PROGRESS_FD}`, '-stats_period', String(ENCODER_PROGRESS_PERIOD_S)];

  if (settings.path === 'encoded') {
    const videoIn = [
      '-thread_queue_size', String(AUDIO_THREAD_QUEUE),
      // IVF-framed access units, each with its frame slot as timestamp (ivf.ts).
      ...noProbe, '-f', 'ivf',
      '-i', 'pipe:0',
    ];
    return {
      command: ffmpegPath,
      args: [...common, ...videoIn, ...audioIn, '-map', '0:v:0', '-map', '1:a:0', '-c:v', 'copy', ...audioOut, ...tsOut],
    };
  }

  const video = buildVideoEncoderArgs(settings);
  const videoIn = [
    '-thread_queue_size', String(VIDEO_THREAD_QUEUE), ...noProbe,
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-video_size', `${settings.width}x${settings.height}`,
    '-framerate', String(settings.fps),
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-i', 'pipe:0',
  ];
  const filter = video.filter ? ['-vf', video.filter] : [];
  return {
    command: ffmpegPath,
    args: [...common, ...video.preInputArgs, ...videoIn, ...audioIn, '-map', '0:v:0', '-map', '1:a:0', ...filter, ...video.outputArgs, ...audioOut, ...tsOut],
  };
}
