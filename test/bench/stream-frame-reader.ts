/**
 * A viewer's eye for the latency benches: one ffmpeg pulls a live stream (RTMP
 * from nginx-rtmp, HLS from the local origin), decodes it, crops a small
 * rectangle of each picture and writes it to stdout as raw I420; every crop is
 * handed over with the moment its last byte arrived, on the studio clock.
 *
 * The reader's own delay is kept small and stated (READER_INPUT_ARGS): no input
 * buffering, the decoder in low-delay mode (which also turns off frame
 * threading, a frame of delay per thread), no frame-rate probe (20 frames at
 * start-up), every frame passed through as decoded (no CFR duplication or
 * dropping: a gap in the stream stays a gap), and each frame flushed to the pipe
 * at once. Cropping happens after decoding, so only a few KB a frame cross the
 * pipe; the decode of the whole picture is the reader's real cost.
 *
 * Lifecycle: start() spawns -> frames arrive through onFrame -> stop() SIGKILLs
 * (an RTMP pull blocked on a quiet socket ignores 'q').
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { defaultClockUs } from '../../main/engine/pacer/pacer-types';

/** Put before -i: what makes the reader itself add as little delay as it can. */
export const READER_INPUT_ARGS = ['-fflags', 'nobuffer', '-flags', 'low_delay', '-threads', '1', '-fpsprobesize', '0'] as const;
/** HLS: start at the newest segment, the nearest a player can be to live. */
export const HLS_READER_ARGS = ['-live_start_index', '-1'] as const;
const STDERR_KEPT_CHARS = 2_000;
/** The input name of a reader fed through feed() rather than from a URL. */
export const STDIN_INPUT = 'pipe:0';

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ReadFrame {
  /** The crop as I420: Y (width x height), then U, then V (each width/2 x height/2). */
  i420: Uint8Array;
  /** When its last byte came out of the reader, µs on the studio clock. */
  arrivalUs: number;
  /** 0 for the first frame the reader delivered. */
  index: number;
}

/** ffmpeg's arguments for a reader of `input` cropped to `crop` (pure). */
export function readerArgs(input: string, crop: CropRect, extraInputArgs: readonly string[] = []): string[] {
  if (crop.width % 2 || crop.height % 2 || crop.x % 2 || crop.y % 2) throw new RangeError(`the crop must be on even pixels for I420, got ${JSON.stringify(crop)}`);
  return [
    // Warnings too: the HLS demuxer reports a failed playlist reload as one, just before it ends.
    '-hide_banner', '-loglevel', 'warning', '-nostdin',
    ...READER_INPUT_ARGS, ...extraInputArgs,
    '-i', input,
    '-map', '0:v:0', '-vf', `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y}`,
    '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-flush_packets', '1', 'pipe:1',
  ];
}

export function i420Bytes(width: number, height: number): number {
  return width * height * 1.5;
}

/** Cuts a byte stream into whole frames of a fixed size (pure; chunks may split or join frames). */
export class FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly frameBytes: number) {
    if (!Number.isInteger(frameBytes) || frameBytes <= 0) throw new RangeError(`frame size must be a positive whole number of bytes, got ${frameBytes}`);
  }

  push(chunk: Buffer): Uint8Array[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Uint8Array[] = [];
    while (this.pending.length >= this.frameBytes) {
      // A copy: the pending buffer is reused by the next concat.
      frames.push(Uint8Array.prototype.slice.call(this.pending, 0, this.frameBytes));
      this.pending = this.pending.subarray(this.frameBytes);
    }
    return frames;
  }
}

export class StreamFrameReader {
  private child: ChildProcess | null = null;
  private stderr = '';
  private count = 0;
  /** Settles when the reader exits (it never should while the stream is live), saying how, with ffmpeg's last words. */
  exited: Promise<string> = new Promise(() => undefined);

  constructor(
    private readonly ffmpegPath: string,
    private readonly input: string,
    private readonly crop: CropRect,
    private readonly extraInputArgs: readonly string[],
    private readonly onFrame: (frame: ReadFrame) => void,
  ) {}

  get framesRead(): number {
    return this.count;
  }

  /** What ffmpeg said last (warnings and errors). */
  lastWords(): string {
    return this.stderr.trim();
  }

  start(): void {
    const splitter = new FrameSplitter(i420Bytes(this.crop.width, this.crop.height));
    // 'pipe:0' reads what feed() is given (the encoder's own output, tapped in process).
    const child = spawn(this.ffmpegPath, readerArgs(this.input, this.crop, this.extraInputArgs), { stdio: [this.input === STDIN_INPUT ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    child.stdin?.on('error', () => undefined); // a reader killed mid-write; its exit says why
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => {
      const arrivalUs = defaultClockUs();
      for (const i420 of splitter.push(chunk)) this.onFrame({ i420, arrivalUs, index: this.count++ });
    });
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (this.stderr = (this.stderr + s).slice(-STDERR_KEPT_CHARS)));
    this.exited = new Promise((resolve) => {
      child.once('error', (e) => resolve(e.message));
      child.once('close', (code, signal) => resolve(`the reader of ${this.input} ended (${signal ?? `exit ${code}`}): ${this.stderr.trim() || 'no message'}`));
    });
  }

  /** Input bytes, for a reader of STDIN_INPUT. */
  feed(chunk: Buffer): void {
    const stdin = this.child?.stdin;
    if (stdin && !stdin.destroyed) stdin.write(chunk);
  }

  /** Ends the reader; resolves once it is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await this.exited;
  }
}
