/**
 * Running the real ffmpeg and ffprobe from tests: every run has a timeout, and
 * its stderr is kept so a failing assertion can show what ffmpeg said.
 * Binaries: FFMPEG_PATH / FFPROBE_PATH, else whatever is on PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export function ffmpegPath(): string {
  return process.env['FFMPEG_PATH'] || 'ffmpeg';
}

export function ffprobePath(): string {
  return process.env['FFPROBE_PATH'] || 'ffprobe';
}

export interface ToolResult {
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when we killed it because it ran past its timeout. */
  timedOut: boolean;
}

export interface RunningTool {
  child: ChildProcess;
  /** Settles when the process has exited (never rejects). */
  done: Promise<ToolResult>;
  /** 'q' on stdin is how ffmpeg is asked to finish cleanly; SIGKILL if it does not. */
  stop(graceMs?: number): Promise<ToolResult>;
}

const DEFAULT_STOP_GRACE_MS = 3_000;

/** Starts `command args`, SIGKILLing it after timeoutMs. */
export function startTool(command: string, args: readonly string[], timeoutMs: number): RunningTool {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A child that exits while we still write 'q' must not crash the test process.
  child.stdin?.on('error', () => undefined);
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);

  const done = new Promise<ToolResult>((resolve) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, stderr: `${stderr}${String(error)}`, timedOut });
    });
    // 'close' rather than 'exit': it waits for the pipes, so stderr is complete.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });

  const stop = async (graceMs = DEFAULT_STOP_GRACE_MS): Promise<ToolResult> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end('q');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await done;
      clearTimeout(killer);
      return result;
    }
    return done;
  };

  return { child, done, stop };
}

export function runTool(command: string, args: readonly string[], timeoutMs: number): Promise<ToolResult> {
  return startTool(command, args, timeoutMs).done;
}

export function startFfmpeg(args: readonly string[], timeoutMs: number): RunningTool {
  return startTool(ffmpegPath(), args, timeoutMs);
}

export function runFfmpeg(args: readonly string[], timeoutMs: number): Promise<ToolResult> {
  return runTool(ffmpegPath(), args, timeoutMs);
}

/** Runs and throws, with the tool's stderr, unless it exits 0 in time. */
export async function runToolOrThrow(command: string, args: readonly string[], timeoutMs: number): Promise<ToolResult> {
  const result = await runTool(command, args, timeoutMs);
  if (result.timedOut || result.code !== 0) {
    const why = result.timedOut ? `timed out after ${timeoutMs} ms` : `exited ${result.code ?? result.signal}`;
    throw new Error(`${command} ${args.join(' ')} ${why}:\n${result.stderr.trim()}`);
  }
  return result;
}

export interface TestPushOptions {
  url: string;
  /** Omit to push until stopped. */
  durationS?: number;
  width?: number;
  height?: number;
  fps?: number;
  /** Frames between keyframes (-g). */
  gop?: number;
  /** Extra global options, e.g. ['-loglevel', 'info']; default is warnings only. */
  logArgs?: readonly string[];
}

/**
 * Arguments for the reference publisher: lavfi testsrc2 + a sine tone, x264 + AAC,
 * in real time (-re), as FLV to an RTMP URL. Matches what a streaming app sends.
 */
export function testPushArgs(options: TestPushOptions): string[] {
  const { width = 320, height = 240, fps = 30, gop = fps * 2 } = options;
  const duration = options.durationS === undefined ? [] : ['-t', String(options.durationS)];
  return [
    ...(options.logArgs ?? ['-hide_banner', '-loglevel', 'warning']),
    '-re',
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    ...duration,
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', String(gop), '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-ar', '48000', '-ac', '2',
    '-f', 'flv', options.url,
  ];
}
