/**
 * A media file as a live source: one ffmpeg decodes it in real time (`-re`),
 * looping by default, scaled and padded to the output size and converted to the
 * output frame rate; raw I420 comes out of stdout and 48 kHz stereo s16le out of
 * fd 3. We cut both byte streams into whole frames and 10 ms chunks and stamp them
 * on the studio clock.
 *
 * Timestamps: t0 is the clock when the first byte of either stream arrives (so
 * ffmpeg's start-up time is not counted as latency); frame n is t0 + n/fps and the
 * chunk starting at sample s is t0 + s/48000. Both streams start at media time 0
 * and ffmpeg emits exactly fps frames and 48000 samples per second of media (the
 * fps filter and `aresample=async=1` fill or trim to the timestamps), so counting
 * keeps audio and video in step. Arrival is not: ffmpeg's video path buffers a few
 * frames more than its audio path, so a frame may reach the sink ~100 ms after
 * its timestamp; the timestamps, not the arrival times, carry the sync.
 *
 * A file without audio gets silence from a timer on the same schedule, because
 * downstream the audio is the master clock and must never stop.
 *
 * Buffers rotate through pools (FRAME_POOL_SIZE / AUDIO_POOL_SIZE): a frame's
 * data is overwritten 4 frames later.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { EngineError } from '../errors';
import { siblingFfprobe } from '../probe/locate-ffmpeg';
import type { Logger } from '../logger';
import { AUDIO_BYTES_PER_FRAME, AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, type Command, type VideoFormat } from '../types';
import { i420FrameBytes, performanceClockUs, type AudioChunkOut, type ClockUs, type MediaSink, type MediaSource, type VideoFrameOut } from './media-source';
import { AUDIO_CHUNK_SAMPLES, AUDIO_POOL_SIZE, FRAME_POOL_SIZE } from './testcard';

/** How long ffprobe may take to read a file's header before we call the file unreadable. */
const PROBE_TIMEOUT_MS = 10_000;
/** After SIGINT, how long ffmpeg gets to exit before SIGKILL. */
const STOP_GRACE_MS = 2_000;
/** Lines of ffmpeg's error log kept for the error message. */
const STDERR_TAIL_LINES = 5;
const SILENCE_CHUNK_US = (AUDIO_CHUNK_SAMPLES * 1_000_000) / AUDIO_SAMPLE_RATE;
const US_PER_S = 1_000_000;

export interface FileSourceOptions {
  ffmpegPath: string;
  /** Defaults to the ffprobe beside ffmpegPath. */
  ffprobePath?: string;
  loop?: boolean;
  now?: ClockUs;
  logger?: Logger;
}

export interface StreamKinds {
  video: boolean;
  audio: boolean;
}

/** The ffmpeg command that decodes `filePath` in real time into our raw formats (pure; see the module comment). */
export function buildFileSourceCommand(ffmpegPath: string, filePath: string, format: VideoFormat, opts: { loop: boolean; audio: boolean }): Command {
  const { width: w, height: h, fps } = format;
  const video = [
    `scale=${w}:${h}:force_original_aspect_ratio=decrease:force_divisible_by=2:out_color_matrix=bt709:out_range=tv`,
    `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black`,
    'setsar=1',
    // start_time=0 and first_pts=0 pad whichever stream starts late, so frame 0 and sample 0 are both media time 0.
    `fps=${fps}:start_time=0`,
    'format=yuv420p',
  ].join(',');
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re'];
  if (opts.loop) args.push('-stream_loop', '-1');
  args.push('-i', filePath, '-map', '0:v:0', '-vf', video, '-f', 'rawvideo', 'pipe:1');
  if (opts.audio) {
    args.push('-map', '0:a:0', '-af', `aresample=${AUDIO_SAMPLE_RATE}:async=1:first_pts=0`, '-ac', String(AUDIO_CHANNELS), '-f', 's16le', 'pipe:3');
  }
  return { command: ffmpegPath, args };
}

/** Parses `ffprobe -show_entries stream=codec_type -of csv=p=0` output. */
export function parseStreamKinds(stdout: string): StreamKinds {
  const kinds = stdout.split(/\r?\n/).map((line) => line.trim());
  return { video: kinds.includes('video'), audio: kinds.includes('audio') };
}

/**
 * Cuts a byte stream into fixed-size pieces written into a rotating pool of
 * buffers (one copy per byte, no allocation after construction).
 */
export class ChunkAssembler {
  private readonly pool: Uint8Array[];
  private filled = 0;
  private count = 0;

  constructor(private readonly size: number, poolSize: number, private readonly onPiece: (data: Uint8Array, index: number) => void) {
    this.pool = Array.from({ length: poolSize }, () => new Uint8Array(size));
  }

  push(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      const buf = slot(this.pool, this.count);
      const n = Math.min(this.size - this.filled, bytes.length - offset);
      buf.set(bytes.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === this.size) {
        this.filled = 0;
        this.onPiece(buf, this.count++);
      }
    }
  }
}

export class FileSource implements MediaSource {
  readonly name: string;
  private readonly now: ClockUs;
  private readonly loop: boolean;
  private sink: MediaSink | undefined;
  private child: ChildProcess | undefined;
  private silenceTimer: NodeJS.Timeout | undefined;
  private t0Us: number | undefined;
  private samplesSent = 0;
  private stderrTail: string[] = [];
  private started = false;
  // Wrapper objects rotate with the buffers they point at, so a held frame keeps its data and timestamp as long as its bytes.
  private readonly frames: VideoFrameOut[] = Array.from({ length: FRAME_POOL_SIZE }, () => ({ data: new Uint8Array(0), timestampUs: 0 }));
  private readonly chunks: AudioChunkOut[] = Array.from({ length: AUDIO_POOL_SIZE }, () => ({ data: new Uint8Array(0), timestampUs: 0 }));
  private readonly silence = new Uint8Array(AUDIO_CHUNK_SAMPLES * AUDIO_BYTES_PER_FRAME);

  constructor(private readonly filePath: string, private readonly format: VideoFormat, private readonly options: FileSourceOptions) {
    this.name = basename(filePath);
    this.now = options.now ?? performanceClockUs;
    this.loop = options.loop ?? true;
  }

  async start(sink: MediaSink): Promise<void> {
    if (this.started) throw new Error(`${this.name} was already started`);
    this.started = true;
    this.sink = sink;
    const kinds = await this.probe();
    if (!kinds || !this.sink) return;
    const cmd = buildFileSourceCommand(this.options.ffmpegPath, this.filePath, this.format, { loop: this.loop, audio: kinds.audio });
    this.options.logger?.info(`starting ${cmd.command} ${cmd.args.join(' ')}`);
    const child = spawn(cmd.command, cmd.args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    this.child = child;
    const video = new ChunkAssembler(i420FrameBytes(this.format.width, this.format.height), FRAME_POOL_SIZE, (data, n) => {
      const sink = this.dataArrived();
      if (!sink || this.t0Us === undefined) return;
      const frame = slot(this.frames, n);
      frame.data = data;
      frame.timestampUs = this.t0Us + Math.round((n * US_PER_S) / this.format.fps);
      sink.video(frame);
    });
    const audio = new ChunkAssembler(AUDIO_CHUNK_SAMPLES * AUDIO_BYTES_PER_FRAME, AUDIO_POOL_SIZE, (data) => this.emitAudio(data));
    // Pipe errors end in the process exiting, which onExit reports; the handlers only keep them from throwing.
    child.stdout?.on('data', (b: Buffer) => video.push(b)).on('error', () => undefined);
    (child.stdio[3] as Readable | null)?.on('data', (b: Buffer) => audio.push(b)).on('error', () => undefined);
    child.stderr?.setEncoding('utf8').on('data', (text: string) => this.keepStderr(text));
    child.on('error', (err) => {
      this.fail(new EngineError('FFMPEG_NOT_FOUND', `Could not start ffmpeg to play ${this.filePath}`, err.message));
    });
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    if (!kinds.audio) this.armSilenceWhenStarted();
  }

  async stop(): Promise<void> {
    this.sink = undefined;
    this.clearSilence();
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      // SIGINT lets ffmpeg close its pipes in order; SIGKILL only if it hangs.
      child.kill('SIGINT');
    });
  }

  /** Finds out what the file holds; reports a clear error naming the file and returns undefined when it is unusable. */
  private async probe(): Promise<StreamKinds | undefined> {
    try {
      await stat(this.filePath);
    } catch (err) {
      this.fail(new EngineError('BAD_INPUT', `Media file not found: ${this.filePath}`, errorText(err)));
      return undefined;
    }
    const ffprobe = this.options.ffprobePath ?? siblingFfprobe(this.options.ffmpegPath) ?? 'ffprobe';
    const args = ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', this.filePath];
    const result = await new Promise<{ stdout: string; error?: string; missingTool?: boolean }>((resolve) => {
      execFile(ffprobe, args, { timeout: PROBE_TIMEOUT_MS }, (err, stdout, stderr) => {
        if (!err) resolve({ stdout });
        else resolve({ stdout, error: stderr.trim() || err.message, missingTool: (err as NodeJS.ErrnoException).code === 'ENOENT' });
      });
    });
    if (!this.sink) return undefined; // stopped while probing
    if (result.missingTool) {
      this.fail(new EngineError('FFMPEG_NOT_FOUND', `Could not find ffprobe to read ${this.filePath}`, `${ffprobe}: ${result.error ?? ''}`));
      return undefined;
    }
    if (result.error !== undefined) {
      this.fail(new EngineError('BAD_INPUT', `Cannot read media file ${this.filePath}: it is not a video or audio file ffmpeg understands`, result.error));
      return undefined;
    }
    const kinds = parseStreamKinds(result.stdout);
    if (!kinds.video) {
      this.fail(new EngineError('BAD_INPUT', `Media file ${this.filePath} has no video stream`, result.stdout.trim()));
      return undefined;
    }
    return kinds;
  }

  /** Fixes t0 on the first byte of media; returns the sink while delivery is on. */
  private dataArrived(): MediaSink | undefined {
    if (this.t0Us === undefined && this.sink) this.t0Us = Math.round(this.now());
    return this.sink;
  }

  private emitAudio(data: Uint8Array): void {
    const sink = this.dataArrived();
    if (!sink || this.t0Us === undefined) return;
    const chunk = slot(this.chunks, this.samplesSent / AUDIO_CHUNK_SAMPLES);
    chunk.data = data;
    chunk.timestampUs = this.t0Us + Math.round((this.samplesSent * US_PER_S) / AUDIO_SAMPLE_RATE);
    this.samplesSent += AUDIO_CHUNK_SAMPLES;
    sink.audio(chunk);
  }

  /** Silence for files without audio: starts with the first frame, then every chunk whose end time has passed (drift-free). */
  private armSilenceWhenStarted(): void {
    const tick = (): void => {
      this.silenceTimer = undefined;
      if (!this.sink) return;
      if (this.t0Us !== undefined) {
        const elapsedUs = this.now() - this.t0Us;
        while (this.sink && ((this.samplesSent + AUDIO_CHUNK_SAMPLES) * US_PER_S) / AUDIO_SAMPLE_RATE <= elapsedUs) this.emitAudio(this.silence);
      }
      this.silenceTimer = setTimeout(tick, SILENCE_CHUNK_US / 1000 / 2);
    };
    tick();
  }

  private clearSilence(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = undefined;
  }

  private keepStderr(text: string): void {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    this.stderrTail = [...this.stderrTail, ...lines].slice(-STDERR_TAIL_LINES);
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return; // stop() asked for this exit
    this.child = undefined;
    if (code === 0) {
      // Only a non-looping file ends by itself: delivery is over, like at stop().
      this.options.logger?.info(`${this.name} reached its end`);
      this.sink = undefined;
      this.clearSilence();
      return;
    }
    const why = this.stderrTail.join(' | ') || `ffmpeg exited with ${signal ?? `code ${code}`}`;
    this.fail(new EngineError('BAD_INPUT', `Could not decode media file ${this.filePath}`, why));
  }

  /** Reports once and stops delivery. */
  private fail(err: EngineError): void {
    const sink = this.sink;
    this.sink = undefined;
    this.clearSilence();
    const child = this.child;
    this.child = undefined; // so its exit is not reported a second time
    child?.kill('SIGKILL');
    this.options.logger?.error(`${err.message}: ${err.detail}`);
    sink?.error?.(err);
  }
}

function slot<T>(pool: readonly T[], i: number): T {
  const item = pool[i % pool.length];
  if (item === undefined) throw new RangeError('empty buffer pool');
  return item;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
