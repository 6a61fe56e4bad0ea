/**
 * The one encoder ffmpeg of a broadcast (see encoder-command.ts for its pipes).
 * It takes paced video and audio, hands its MPEG-TS to the fan-out, and keeps the
 * latest -progress sample for health. It does not restart itself: the broadcast
 * decides what a crash means for the outputs.
 */
import { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import type { Logger } from '../logger';
import type { EncodedPacerOutput, PacerOutput } from '../pacer/pacer-types';
import type { ExitInfo, ManagedProcess, ProcessRegistry } from '../process/process-registry';
import { ProgressParser, type ProgressSample } from '../process/progress-parser';
import type { EncoderSettings } from '../types';
import { ENCODER_AUDIO_FD, ENCODER_PROGRESS_FD, buildEncoderCommand } from './encoder-command';
import { ivfFileHeader, ivfFrameHeader } from './ivf';

/** Grace for ffmpeg to flush after its inputs end, before it is killed. */
export const ENCODER_STOP_GRACE_MS = 5_000;
/** How long to wait for the encoder's last output after it exited. */
const STDOUT_DRAIN_MS = 1_000;

export interface EncoderProcessEvents {
  /** The process ended without being asked to. */
  crashed: [ExitInfo];
}

export class EncoderProcess extends EventEmitter<EncoderProcessEvents> implements PacerOutput, EncodedPacerOutput {
  private proc: ManagedProcess | null = null;
  private video: Writable | null = null;
  private audio: Writable | null = null;
  private stopping = false;
  /** ffmpeg has produced output: before that, a backlog is start-up, not lag. */
  private producing = false;
  private readonly frameBytes: number;
  /** Encoded path: the pacer's slot of the first access unit this process got (its timestamp 0). */
  private firstSlot: number | null = null;
  latestProgress: ProgressSample | null = null;

  constructor(
    private readonly deps: { ffmpegPath: string; registry: ProcessRegistry; logger: Logger },
    readonly settings: EncoderSettings,
    private readonly onTs: (data: Buffer) => void,
  ) {
    super();
    this.frameBytes = (settings.width * settings.height * 3) / 2;
  }

  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  start(): void {
    const { command, args } = buildEncoderCommand(this.deps.ffmpegPath, this.settings);
    const proc = this.deps.registry.spawn({ name: 'encoder', command, args, extraPipes: 2, stdin: 'pipe' });
    this.proc = proc;
    this.stopping = false;
    this.video = proc.stdin;
    this.audio = proc.pipe(ENCODER_AUDIO_FD) as Writable | null;
    this.producing = false;
    this.firstSlot = null;
    if (this.settings.path === 'encoded') this.video?.write(ivfFileHeader(this.settings.width, this.settings.height, this.settings.fps));
    proc.stdout?.on('data', (chunk: Buffer) => {
      // A crashed process's last bytes must not be mixed into its successor's stream.
      if (proc !== this.proc) return;
      this.producing = true;
      this.onTs(chunk);
    });
    const parser = new ProgressParser();
    proc.pipe(ENCODER_PROGRESS_FD)?.on('data', (chunk: Buffer) => {
      const samples = parser.push(chunk.toString('utf8'));
      const last = samples[samples.length - 1];
      if (last) this.latestProgress = last;
    });
    void proc.exited.then((exit) => {
      if (proc !== this.proc) return;
      this.proc = null;
      this.video = null;
      this.audio = null;
      if (!this.stopping) {
        this.deps.logger.error(`encoder ended unexpectedly (${exit.reason}, code ${exit.code ?? exit.signal}): ${exit.stderrTail.slice(-3).join(' | ')}`);
        this.emit('crashed', exit);
      }
    });
  }

  writeVideo(data: Uint8Array, onFlushed?: () => void): void {
    const video = this.video;
    if (video && video.writable) video.write(data, onFlushed && (() => onFlushed()));
    else onFlushed?.();
  }

  /**
   * Encoded path: one access unit for the pacer's frame slot `slot`. Each process
   * counts from its own first unit (timestamp 0, like its first audio sample):
   * ffmpeg reading pipes with a 32-byte probe cannot be trusted to find a large
   * start time, and a restarted encoder starts its audio at 0 too.
   */
  writeAccessUnit(data: Uint8Array, slot: number): void {
    const video = this.video;
    if (!video || !video.writable) return;
    this.firstSlot ??= slot;
    video.write(ivfFrameHeader(data.length, slot - this.firstSlot, this.settings.fps));
    video.write(data);
  }

  writeAudio(pcm: Uint8Array): void {
    const audio = this.audio;
    if (audio && audio.writable) audio.write(pcm);
  }

  videoBacklogFrames(): number {
    const video = this.video;
    if (!video || !this.producing) return 0;
    // On the encoded path frames are small; count bytes as raw-frame equivalents
    // only where that is meaningful.
    return this.settings.path === 'raw' ? video.writableLength / this.frameBytes : 0;
  }

  /**
   * End both inputs so ffmpeg flushes its last frames, then wait for it to exit
   * (killed after the grace) and for the last of its output to reach the fan-out.
   */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.stopping = true;
    const stdout = proc.stdout;
    const drained = stdout && !stdout.readableEnded ? new Promise<void>((r) => stdout.once('close', r)) : Promise.resolve();
    this.audio?.end();
    const exit = await proc.stop(ENCODER_STOP_GRACE_MS);
    await Promise.race([drained, new Promise((r) => setTimeout(r, STDOUT_DRAIN_MS))]);
    if (exit.reason !== 'stopped' && exit.reason !== 'exited') this.deps.logger.warn(`encoder did not finish cleanly (${exit.reason}): ${exit.stderrTail.slice(-3).join(' | ')}`);
    this.proc = null;
  }

  /** Kill it now (tests and fault injection). */
  kill(): void {
    this.proc?.kill();
  }
}
