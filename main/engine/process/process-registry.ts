/**
 * The one runner: every ffmpeg the engine starts goes through
 * `ProcessRegistry.spawn`, which logs the exact command line (redacted), keeps
 * the process in a registry until it exits, and turns the exit into a typed
 * reason. Argument building lives elsewhere (pure recipes); supervision policy
 * (retry, watchdogs) lives in the callers. Nothing here imports electron.
 *
 * Lifecycle of a ManagedProcess:
 *   spawn -> running -> [stop(): end stdin, SIGINT, then SIGKILL after the grace]
 *                    -> 'exit' -> stderr drained (bounded wait) -> `exited` settles
 *                    -> removed from the registry.
 * `exited` never rejects. A spawn failure (ENOENT, EACCES) settles it with
 * reason 'spawn-failed' instead of throwing, so callers have one path for every
 * end. Only programming errors (a non-string argument) throw from spawn().
 *
 * Why EOF first: ffmpeg finalises its outputs (MKV cues, FLV trailer) when its
 * input ends, on SIGINT, or on 'q'. EOF flushes every frame already written to
 * the pipe; SIGINT drops what is still queued. And on Windows a "SIGINT" from
 * Node is TerminateProcess, so EOF is the only graceful stop there.
 */
import { spawn as spawnChild, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from '../logger';
import { LineSplitter } from './stderr-lines';

/** Default time a process gets to finish cleanly before it is SIGKILLed. */
export const STOP_GRACE_MS = 5_000;
/** When stdin is piped, this share of the grace is for EOF alone, before SIGINT. */
const EOF_SHARE_OF_GRACE = 0.5;
/** stderr lines kept per process for exit reports and failure classification. */
export const STDERR_TAIL_LINES = 50;
/** After 'exit', how long we wait for the last stderr lines to arrive. */
const STDERR_DRAIN_MS = 250;
/** stopAll() repeats while processes remain (one may be spawned while it runs), at most this many times. */
const STOP_ALL_PASSES = 3;

export interface SpawnSpec {
  /** Shown in logs: 'encoder', 'output:Twitch'. */
  name: string;
  command: string;
  args: string[];
  /** Extra fds 3, 4, ... opened as pipes (audio in, -progress out). */
  extraPipes?: number;
  /** 'ignore' gives ffmpeg /dev/null. stdout and stderr are always piped: read stdout or ffmpeg may block on it. */
  stdin?: 'pipe' | 'ignore';
  env?: NodeJS.ProcessEnv;
}

export type ExitReason = 'exited' | 'stopped' | 'killed' | 'crashed' | 'spawn-failed';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /**
   * exited: code 0 on its own. stopped: exited after we asked it to stop.
   * killed: we SIGKILLed it. crashed: non-zero exit or a signal we did not send.
   * spawn-failed: it never ran (see `error`).
   */
  reason: ExitReason;
  /** Last lines of stderr, redacted. */
  stderrTail: string[];
  /** Why the spawn failed, redacted. */
  error?: string;
}

export interface ManagedProcess {
  readonly name: string;
  /** Undefined when the spawn failed. */
  readonly pid: number | undefined;
  readonly child: ChildProcess;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  /** An extra pipe (fd >= 3); null when that fd was not opened. */
  pipe(fd: number): Readable | Writable | null;
  /** Settles once, when the process has ended; never rejects. */
  readonly exited: Promise<ExitInfo>;
  /** Graceful stop (EOF, SIGINT), SIGKILL after graceMs; 0 kills at once. */
  stop(graceMs?: number): Promise<ExitInfo>;
  /** SIGKILL now. */
  kill(): Promise<ExitInfo>;
  stderrTail(): string[];
  /** Every complete stderr line, redacted; returns the unsubscribe. */
  onStderrLine(cb: (line: string) => void): () => void;
}

export class ProcessRegistry {
  private readonly running = new Set<ManagedProcess>();

  constructor(
    private readonly logger: Logger,
    private readonly redact: (s: string) => string,
  ) {}

  spawn(spec: SpawnSpec): ManagedProcess {
    const line = [spec.command, ...spec.args].map((a) => shellQuote(this.redact(a))).join(' ');
    this.logger.info(`spawn ${spec.name}: ${line}`);
    const proc = new RunningProcess(spec, this.logger, this.redact);
    this.running.add(proc);
    void proc.exited.then(() => this.running.delete(proc));
    return proc;
  }

  list(): ManagedProcess[] {
    return [...this.running];
  }

  /** Stops everything (on quit); resolves when the registry is empty or after a few passes. */
  async stopAll(graceMs = STOP_GRACE_MS): Promise<void> {
    for (let pass = 0; pass < STOP_ALL_PASSES && this.running.size > 0; pass++) {
      await Promise.all(this.list().map((p) => p.stop(graceMs)));
    }
  }
}

class RunningProcess implements ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  private resolveExit!: (info: ExitInfo) => void;
  private settled = false;
  private spawned = false;
  private stopRequested = false;
  private killSent = false;
  private stopPromise: Promise<ExitInfo> | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly tail: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();
  private readonly stderrDone: Promise<void>;

  constructor(
    spec: SpawnSpec,
    private readonly logger: Logger,
    private readonly redact: (s: string) => string,
  ) {
    this.name = spec.name;
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    const stdio: StdioOptions = [spec.stdin ?? 'pipe', 'pipe', 'pipe', ...Array<'pipe'>(spec.extraPipes ?? 0).fill('pipe')];
    this.child = spawnChild(spec.command, spec.args, { stdio, env: spec.env ?? process.env, windowsHide: true });

    // A dead ffmpeg turns our next write into EPIPE (or ERR_STREAM_DESTROYED);
    // an 'error' with no listener would crash Node, so every stream gets one.
    this.child.stdio.forEach((stream, fd) => stream?.on('error', (err: NodeJS.ErrnoException) => this.onStreamError(fd, err)));
    this.stderrDone = this.readStderr();

    this.child.once('spawn', () => (this.spawned = true));
    this.child.on('error', (err: NodeJS.ErrnoException) => {
      if (!this.spawned && this.child.pid === undefined) {
        this.settle(null, null, this.redact(`${err.code ?? 'error'}: ${err.message}`));
      } else {
        this.logger.warn(`${this.name}: ${this.redact(err.message)}`);
      }
    });
    this.child.once('exit', (code, signal) => {
      // The last lines (the ones that say why) may still be in the pipe.
      void withTimeout(this.stderrDone, STDERR_DRAIN_MS).then(() => this.settle(code, signal));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdin(): Writable | null {
    return this.child.stdin;
  }

  get stdout(): Readable | null {
    return this.child.stdout;
  }

  pipe(fd: number): Readable | Writable | null {
    return (this.child.stdio[fd] as Readable | Writable | null | undefined) ?? null;
  }

  stderrTail(): string[] {
    return [...this.tail];
  }

  onStderrLine(cb: (line: string) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  stop(graceMs = STOP_GRACE_MS): Promise<ExitInfo> {
    // Already gone (maybe still draining stderr): its own exit reason stands.
    if (this.hasExited()) return this.exited;
    if (graceMs <= 0) return this.kill();
    if (this.stopPromise) return this.stopPromise;
    this.stopRequested = true;
    const stdin = this.child.stdin;
    let sigintAt = 0;
    if (stdin && !stdin.destroyed) {
      stdin.end();
      sigintAt = Math.round(graceMs * EOF_SHARE_OF_GRACE);
    }
    this.later(sigintAt, () => this.signal('SIGINT'));
    this.later(graceMs, () => {
      this.logger.warn(`${this.name}: did not stop within ${graceMs} ms; killing it`);
      void this.kill();
    });
    this.stopPromise = this.exited;
    return this.stopPromise;
  }

  kill(): Promise<ExitInfo> {
    if (!this.hasExited() && !this.killSent) {
      this.killSent = true;
      this.signal('SIGKILL');
    }
    return this.exited;
  }

  private hasExited(): boolean {
    return this.settled || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private signal(sig: NodeJS.Signals): void {
    if (this.hasExited()) return;
    try {
      this.child.kill(sig);
    } catch (err) {
      this.logger.warn(`${this.name}: could not send ${sig}: ${String(err)}`);
    }
  }

  private later(ms: number, fn: () => void): void {
    if (ms <= 0) fn();
    else this.timers.push(setTimeout(fn, ms));
  }

  private readStderr(): Promise<void> {
    const stderr = this.child.stderr;
    if (!stderr) return Promise.resolve();
    const splitter = new LineSplitter();
    stderr.on('data', (chunk: Buffer) => this.onLines(splitter.push(chunk)));
    return new Promise((resolve) => {
      const done = () => {
        this.onLines(splitter.flush());
        resolve();
      };
      stderr.once('end', done);
      stderr.once('close', done);
    });
  }

  private onLines(lines: string[]): void {
    for (const raw of lines) {
      if (raw.trim() === '') continue;
      const line = this.redact(raw);
      this.tail.push(line);
      if (this.tail.length > STDERR_TAIL_LINES) this.tail.shift();
      for (const cb of this.listeners) {
        try {
          cb(line);
        } catch (err) {
          this.logger.warn(`${this.name}: stderr listener threw: ${String(err)}`);
        }
      }
    }
  }

  private onStreamError(fd: number, err: NodeJS.ErrnoException): void {
    // EPIPE and friends are the expected echo of a process that ended: its exit says why.
    const expected = err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || err.code === 'ERR_STREAM_WRITE_AFTER_END' || err.code === 'ECONNRESET';
    const text = `${this.name}: fd ${fd}: ${err.code ?? ''} ${this.redact(err.message)}`;
    if (expected) this.logger.debug(text);
    else this.logger.warn(text);
  }

  private settle(code: number | null, signal: NodeJS.Signals | null, error?: string): void {
    if (this.settled) return;
    this.settled = true;
    for (const t of this.timers) clearTimeout(t);
    const reason = this.reasonFor(code, signal, error);
    const info: ExitInfo = { code, signal, reason, stderrTail: this.stderrTail() };
    if (error !== undefined) info.error = error;
    const summary = `${this.name} (pid ${this.pid ?? '-'}) ${reason}: code ${code ?? '-'}, signal ${signal ?? '-'}`;
    if (reason === 'crashed' || reason === 'spawn-failed') {
      this.logger.warn(`${summary}${error ? `: ${error}` : ''}${this.tail.length ? ` | ${this.tail.slice(-3).join(' | ')}` : ''}`);
    } else {
      this.logger.info(summary);
    }
    this.resolveExit(info);
  }

  private reasonFor(code: number | null, signal: NodeJS.Signals | null, error?: string): ExitReason {
    if (error !== undefined) return 'spawn-failed';
    if (this.killSent) return 'killed';
    if (this.stopRequested) return 'stopped';
    return code === 0 && signal === null ? 'exited' : 'crashed';
  }
}

/** POSIX shell quoting, so a logged command line can be pasted into a terminal. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (/^[A-Za-z0-9_\-.,/:=@%+^]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Resolves when `p` does or after `ms`, whichever is first; leaves no timer behind. */
function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void p.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
