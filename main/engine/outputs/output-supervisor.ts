/**
 * Supervises one destination's `ffmpeg -c copy` process (CONVENTIONS habit 7).
 *
 * Desired state (running / stopped) is kept apart from the actual state
 * (connecting, live, reconnecting, failed, stopped). While running is desired:
 * - a transient failure (refused, reset, timeout, origin restarted, a stalled
 *   socket caught by the watchdog) retries with exponential backoff and jitter,
 *   for as long as the broadcast is on; `reconnectNow()` skips the wait;
 * - after BACKUP_FAILOVER_TRIES failed tries an output with a backup ingest
 *   switches to it (and back, alternately);
 * - a fatal failure (bad URL, unknown protocol or host) stops the output at once;
 * - a publish the server refuses KEY_REFUSAL_TRIES times in a row is a refused
 *   stream key: the output fails instead of retrying forever.
 * Stopping ends stdin first, so ffmpeg finalises the file or playlist, then kills.
 */
import { EventEmitter } from 'node:events';
import type { OutputHealth, OutputState } from '../../../preload/contract/health';
import { EngineError } from '../errors';
import type { Fanout, FanoutSink, FanoutTarget } from '../fanout/fanout';
import type { Logger } from '../logger';
import { Backoff } from '../process/backoff';
import { classifyOutputFailure, validateOutputUrl } from '../process/classify-failure';
import type { ExitInfo, ManagedProcess, ProcessRegistry } from '../process/process-registry';
import { ProgressParser } from '../process/progress-parser';
import type { OutputSpec } from '../types';
import { OUTPUT_PROGRESS_FD, buildOutputCommand } from './output-command';

/**
 * A live output whose media time has not advanced for this long is stalled (a
 * muxer blocked on a socket stops advancing; HLS reports no byte count at all).
 */
export const STALL_TIMEOUT_MS = 6_000;
/** An attempt that has not gone live after this long is abandoned and retried. */
export const CONNECT_TIMEOUT_MS = 15_000;
export const KEY_REFUSAL_TRIES = 3;
export const BACKUP_FAILOVER_TRIES = 3;
/** Grace for ffmpeg to finalise after its input ends, before it is killed. */
export const OUTPUT_STOP_GRACE_MS = 5_000;
/** Backlog an output may build before it drops to the next keyframe: this many seconds of stream. */
export const OUTPUT_BACKLOG_S = 3;
const MIN_BACKLOG_BYTES = 1 << 20;
const WATCHDOG_INTERVAL_MS = 500;

export interface OutputSupervisorDeps {
  ffmpegPath: string;
  registry: ProcessRegistry;
  fanout: Fanout;
  logger: Logger;
  /** Total stream bitrate in kb/s (video + audio), for the backlog limit and health. */
  streamKbps: number;
  nowMs?: () => number;
  backoff?: Backoff;
}

export interface OutputSupervisorEvents {
  state: [OutputState, OutputHealth];
}

export class OutputSupervisor extends EventEmitter<OutputSupervisorEvents> {
  private stateValue: OutputState = 'stopped';
  private desired: 'running' | 'stopped' = 'stopped';
  private proc: ManagedProcess | null = null;
  private readonly sink: FanoutSink;
  private readonly backoff: Backoff;
  private readonly nowMs: () => number;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private nextRetryAt: number | null = null;
  private attemptStartedAt = 0;
  private liveSince: number | null = null;
  private downSince: number | null = null;
  private downtimeMs = 0;
  private wentLive = false;
  private everLive = false;
  private failuresSinceLive = 0;
  private refusals = 0;
  private reconnects = 0;
  private useBackup = false;
  private part = 1;
  private lastError: string | null = null;
  /** Why the watchdog killed the current process, if it did. */
  private killReason: string | null = null;
  private lastOutTimeUs = 0;
  private lastAdvanceAt = 0;
  private rate = { at: 0, bytes: 0, kbps: 0 };

  constructor(
    readonly spec: OutputSpec,
    private readonly deps: OutputSupervisorDeps,
  ) {
    super();
    this.nowMs = deps.nowMs ?? Date.now;
    this.backoff = deps.backoff ?? new Backoff();
    const backlog = Math.max(MIN_BACKLOG_BYTES, Math.round((deps.streamKbps * 1000 * OUTPUT_BACKLOG_S) / 8));
    this.sink = deps.fanout.attach(spec.id, null, backlog);
  }

  get state(): OutputState {
    return this.stateValue;
  }

  /** The file a recording writes now (numbered parts after a crash). */
  get currentFile(): string | null {
    if (this.spec.kind !== 'record') return null;
    return this.part === 1 ? this.spec.file : this.spec.file.replace(/(\.[^./\\]+)?$/, (ext) => `-part${this.part}${ext || ''}`);
  }

  start(): void {
    if (this.desired === 'running') return;
    this.desired = 'running';
    const bad = this.preflight();
    if (bad) {
      this.fail(bad.message);
      return;
    }
    this.watchdog = setInterval(() => this.checkWatchdog(), WATCHDOG_INTERVAL_MS);
    this.watchdog.unref?.();
    this.launch();
  }

  /** Skip the backoff wait and try again now. */
  reconnectNow(): void {
    if (this.desired !== 'running') return;
    if (this.stateValue === 'failed') {
      // A failed output is given a fresh start by the user.
      this.refusals = 0;
      this.failuresSinceLive = 0;
      this.backoff.reset();
      this.start();
      return;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.launch();
    }
  }

  /**
   * Restart the process now (the encoder restarted, so timestamps start over):
   * counted as a reconnect, without backoff.
   */
  restart(): void {
    if (this.desired !== 'running' || this.stateValue === 'failed') return;
    if (this.retryTimer) return this.reconnectNow();
    this.killReason = 'the encoder restarted';
    this.proc?.kill();
  }

  /**
   * Stop wanting the output without touching its process yet: a process that ends
   * from now on (ffmpeg got the terminal's Ctrl-C, or its input ended) is not retried.
   */
  markStopping(): void {
    this.desired = 'stopped';
    this.clearTimers();
  }

  async stop(): Promise<void> {
    this.desired = 'stopped';
    this.clearTimers();
    this.sink.setTarget(null);
    const proc = this.proc;
    if (proc) await proc.stop(OUTPUT_STOP_GRACE_MS);
    this.deps.fanout.detach(this.spec.id);
    this.setState('stopped');
  }

  health(): OutputHealth {
    const now = this.nowMs();
    const sink = this.sink.stats();
    const downNow = this.downSince === null ? 0 : now - this.downSince;
    return {
      id: this.spec.id,
      name: this.spec.name,
      kind: this.spec.kind,
      state: this.stateValue,
      bitrateKbps: Math.round(this.bitrateKbps(now, sink.bytesSent)),
      bytes: sink.bytesSent,
      framesSent: sink.framesSent,
      framesDropped: sink.framesDropped,
      reconnects: this.reconnects,
      uptimeS: this.liveSince === null ? 0 : Math.round((now - this.liveSince) / 1000),
      nextRetryInS: this.nextRetryAt === null ? null : Math.max(0, (this.nextRetryAt - now) / 1000),
      downtimeS: Math.round((this.downtimeMs + downNow) / 100) / 10,
      lastError: this.lastError,
      file: this.currentFile,
      process: null,
    };
  }

  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  private preflight(): EngineError | null {
    const spec = this.spec;
    if (spec.kind === 'rtmp') return validateOutputUrl(spec.url, ['rtmp:', 'rtmps:']) ?? (spec.backupUrl ? validateOutputUrl(spec.backupUrl, ['rtmp:', 'rtmps:']) : null);
    if (spec.kind === 'srt') return validateOutputUrl(spec.url, ['srt:']);
    if (spec.kind === 'hls-put') return validateOutputUrl(spec.url, ['http:', 'https:']);
    return null;
  }

  private currentUrl(): string | undefined {
    if (this.spec.kind !== 'rtmp') return undefined;
    return this.useBackup && this.spec.backupUrl ? this.spec.backupUrl : this.spec.url;
  }

  private launch(): void {
    this.retryTimer = null;
    this.nextRetryAt = null;
    if (this.desired !== 'running') return;
    const spec = this.spec.kind === 'record' ? { ...this.spec, file: this.currentFile! } : this.spec;
    const { command, args } = buildOutputCommand(this.deps.ffmpegPath, spec, this.currentUrl());
    this.setState(this.everLive ? 'reconnecting' : 'connecting');
    const proc = this.deps.registry.spawn({ name: `output:${this.spec.name}`, command, args, extraPipes: 1, stdin: 'pipe' });
    this.proc = proc;
    this.attemptStartedAt = this.nowMs();
    this.lastAdvanceAt = this.attemptStartedAt;
    this.lastOutTimeUs = 0;
    this.wentLive = false;

    const stdin = proc.stdin;
    if (stdin) {
      const target: FanoutTarget = {
        write: (data) => {
          if (!stdin.destroyed && stdin.writable) stdin.write(data);
        },
        backlogBytes: () => stdin.writableLength,
      };
      this.sink.setTarget(target);
    }
    const parser = new ProgressParser();
    proc.pipe(OUTPUT_PROGRESS_FD)?.on('data', (chunk: Buffer) => {
      for (const sample of parser.push(chunk.toString('utf8'))) this.onProgress(proc, sample.outTimeUs);
    });
    void proc.exited.then((exit) => this.onExit(proc, exit));
  }

  private onProgress(proc: ManagedProcess, outTimeUs: number | undefined): void {
    if (proc !== this.proc) return;
    const now = this.nowMs();
    if (outTimeUs === undefined || outTimeUs <= this.lastOutTimeUs) return;
    this.lastOutTimeUs = outTimeUs;
    this.lastAdvanceAt = now;
    if (!this.wentLive) {
      this.wentLive = true;
      this.everLive = true;
      this.liveSince = now;
      this.refusals = 0;
      this.failuresSinceLive = 0;
      this.backoff.reset();
      if (this.downSince !== null) {
        const outage = now - this.downSince;
        this.downtimeMs += outage;
        this.deps.logger.info(`${this.spec.name}: live again after ${(outage / 1000).toFixed(1)} s`);
        this.downSince = null;
      }
      this.setState('live');
    }
  }

  private checkWatchdog(): void {
    const proc = this.proc;
    if (!proc || this.desired !== 'running') return;
    const now = this.nowMs();
    if (this.wentLive && now - this.lastAdvanceAt > STALL_TIMEOUT_MS) {
      this.killReason = `no data accepted for ${STALL_TIMEOUT_MS / 1000} s: the connection stalled`;
    } else if (!this.wentLive && now - this.attemptStartedAt > CONNECT_TIMEOUT_MS) {
      this.killReason = `could not connect within ${CONNECT_TIMEOUT_MS / 1000} s`;
    } else return;
    this.deps.logger.warn(`${this.spec.name}: ${this.killReason}; restarting it`);
    proc.kill();
  }

  private onExit(proc: ManagedProcess, exit: ExitInfo): void {
    if (proc !== this.proc) return;
    this.proc = null;
    this.sink.setTarget(null);
    const now = this.nowMs();
    if (this.liveSince !== null) this.liveSince = null;
    if (this.desired !== 'running') return;
    if (this.downSince === null) this.downSince = now;

    const failure = classifyOutputFailure({
      url: this.currentUrl() ?? ('url' in this.spec ? this.spec.url : this.spec.kind),
      stderrTail: exit.stderrTail,
      exit,
      wentLive: this.wentLive,
      runMs: now - this.attemptStartedAt,
    });
    this.deps.logger.warn(`${this.spec.name}: output process ended (${exit.reason}, code ${exit.code ?? exit.signal}): ${failure.detail}`);
    if (failure.kind === 'fatal') return this.fail(failure.message);
    if (failure.kind === 'refused') {
      this.refusals++;
      if (this.refusals >= KEY_REFUSAL_TRIES) {
        return this.fail(`the server refused the stream ${KEY_REFUSAL_TRIES} times in a row: check the stream key in Settings`);
      }
    } else {
      this.refusals = 0;
    }
    if (this.spec.kind === 'record' && isDiskError(exit.stderrTail)) {
      return this.fail('the recording stopped: the disk is full or cannot be written; free some space or choose another folder');
    }
    this.lastError = this.killReason ?? failure.message;
    this.killReason = null;
    if (this.spec.kind === 'record') this.part++;
    this.failuresSinceLive++;
    if (this.spec.kind === 'rtmp' && this.spec.backupUrl && this.failuresSinceLive % BACKUP_FAILOVER_TRIES === 0) {
      this.useBackup = !this.useBackup;
      this.deps.logger.warn(`${this.spec.name}: switching to the ${this.useBackup ? 'backup' : 'primary'} ingest`);
    }
    this.reconnects++;
    const wait = this.backoff.next();
    this.nextRetryAt = now + wait;
    this.setState('reconnecting');
    this.retryTimer = setTimeout(() => this.launch(), wait);
    this.retryTimer.unref?.();
  }

  private fail(message: string): void {
    this.lastError = message;
    this.clearTimers();
    this.deps.logger.error(`${this.spec.name}: ${message}`);
    this.setState('failed');
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.retryTimer = null;
    this.watchdog = null;
    this.nextRetryAt = null;
  }

  /**
   * From the bytes handed to the output process, not ffmpeg's own count: the HLS
   * muxer reports none, and a stalled socket shows here as the fan-out backing off.
   */
  private bitrateKbps(now: number, bytes: number): number {
    if (this.rate.at === 0) this.rate = { at: now, bytes, kbps: 0 };
    else if (now - this.rate.at >= 1000) {
      this.rate = { at: now, bytes, kbps: ((bytes - this.rate.bytes) * 8) / (now - this.rate.at) };
    }
    return this.stateValue === 'live' ? this.rate.kbps : 0;
  }

  private setState(state: OutputState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.emit('state', state, this.health());
  }
}

function isDiskError(lines: string[]): boolean {
  return lines.some((l) => /No space left on device|Disk quota exceeded|Read-only file system|Permission denied/i.test(l));
}
