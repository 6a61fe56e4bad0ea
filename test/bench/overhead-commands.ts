/**
 * The two commands the overhead measurement compares (pure).
 *
 * Engine: the built `onair broadcast` CLI, test card to nginx-rtmp and a
 * recording: the whole engine path (JS test card, pacer, pipes, encoder, fan-out,
 * one copy process per output, 1 Hz health) in its own process tree.
 *
 * Baseline: the engine's own encoder command (buildEncoderCommand, the exact same
 * arguments) with only its ends changed: inputs are the pre-rendered test card
 * files read at native rate (-re, looped) instead of pipes from Node, and the
 * MPEG-TS goes to a file instead of stdout. That is the one encode the engine
 * cannot avoid doing; everything the engine spends on top of it is its overhead.
 * (A tee to RTMP + MKV inside one ffmpeg was rejected as the baseline: it needs
 * different encoder flags, global headers, so it would not be the same encode.)
 */
import { ENCODER_AUDIO_FD, ENCODER_PROGRESS_FD, buildEncoderCommand } from '../../main/engine/encoder/encoder-command';
import type { Command, EncoderSettings } from '../../main/engine/types';

export interface EngineRunFiles {
  cliPath: string;
  rtmpUrl: string;
  recordFile: string;
  statsFile: string;
}

export function buildEngineCommand(settings: EncoderSettings, seconds: number, files: EngineRunFiles): Command {
  return {
    command: process.execPath,
    args: [
      files.cliPath, 'broadcast',
      '--source', 'testcard',
      '--duration', String(seconds),
      '--size', `${settings.width}x${settings.height}`,
      '--fps', String(settings.fps),
      '--bitrate', String(settings.videoBitrateKbps),
      '--keyint', String(settings.keyframeIntervalS),
      '--encoder', settings.encoder,
      '--to', files.rtmpUrl,
      '--record', files.recordFile,
      // One JSON line a second: how the bench learns frames out, dropped and duplicated.
      '--stats-json', files.statsFile,
    ],
  };
}

export interface BaselineFiles {
  videoFile: string;
  audioFile: string;
  outFile: string;
}

export function buildBaselineCommand(ffmpegPath: string, settings: EncoderSettings, seconds: number, files: BaselineFiles): Command {
  const engine = buildEncoderCommand(ffmpegPath, settings);
  const looped = ['-stream_loop', '-1', '-re'];
  let args = replaceOnce(engine.args, ['-progress', `pipe:${ENCODER_PROGRESS_FD}`], []);
  args = replaceOnce(args, ['-i', 'pipe:0'], [...looped, '-i', files.videoFile]);
  args = replaceOnce(args, ['-i', `pipe:${ENCODER_AUDIO_FD}`], [...looped, '-i', files.audioFile]);
  args = replaceOnce(args, ['pipe:1'], ['-t', String(seconds), '-y', files.outFile]);
  return { command: engine.command, args };
}

/**
 * Replaces the one occurrence of `find` in args. Throws when it is missing or
 * repeated: the encoder command changed shape and the baseline must be looked at
 * again rather than silently measure something else.
 */
export function replaceOnce(args: readonly string[], find: readonly string[], replacement: readonly string[]): string[] {
  const at: number[] = [];
  for (let i = 0; i + find.length <= args.length; i++) {
    if (find.every((token, j) => args[i + j] === token)) at.push(i);
  }
  if (at.length !== 1) throw new Error(`expected "${find.join(' ')}" once in the encoder command, found it ${at.length} times`);
  const i = at[0]!;
  return [...args.slice(0, i), ...replacement, ...args.slice(i + find.length)];
}
