/**
 * Supervises one destination's `ffmpeg -c copy` process (CONVENTIONS habit 7).
 *
 * Desired state (running / stopped) is kept apart from the actual state
 * (connecting, live, reconnecting, failed, stopped). While running is desired:
 * - a transient failure (refused, reset, timeout, origin restarted, a stalled
 *   socket caught by the watchdog) retries with backoff and jitter (about 1 s,
 *   2 s, then every OUTPUT_RETRY_MAX_MS) while the broadcast is on; `reconnectNow()` skips the wait;
 * - after BACKUP_FAILOVER_TRIES failed tries an output with a backup ingest
 *   switches to it (and back, alternately);
 * - a fatal failure (bad URL, unknown protocol or host) stops the output at once;
 * - a publish the server refuses KEY_REFUSAL_TRIES times in a row is a refused
 *   stream key: the output fails instead of retrying forever;
 * - a recording that hits a full or unwritable disk fails with that reason (the
 *   stream carries on: it is another process).
 * Two restarts are not failures and skip the backoff: the encoder restarted (the
 * old process gets EOF so a recording part is finalised, and the new process,
 * with the next -partN file, starts at once to catch the new stream's first
 * keyframe), and an adaptive bitrate step (bitrate-ladder.ts) on a network
 * destination. Outages are timed by OutageClock for the health.
 * Stopping ends stdin first, so ffmpeg finalises the file or playlist, then kills.
 */
import { EventEmitter } from 'node:events';
import type { OutputHealth, OutputState } from '../../../preload/contract/health';
import type { Fanout, FanoutSink, FanoutTarget } from '../fanout/fanout';
import type { Logger } from '../logger';
import { Backoff } from '../process/backoff';
import { classifyOutputFailure } from '../process/classify-failure';
import type { ExitInfo, ManagedProcess, ProcessRegistry } from '../process/process-registry';
import { ProgressParser } from '../process/progress-parser';
import type { EncoderSettings, OutputSpec } from '../types';
import { BitrateLadder, type LadderOptions } from './bitrate-ladder';
import { OutageClock } from './outage-clock';
import { OUTPUT_PROGRESS_FD, buildOutputCommand } from './output-command';
import { isDiskError, preflightOutput, recordingPartFile, recordingPartFiles, stalledReason } from './output-policy';
import { RateMeter } from './rate-meter';

export const KEY_REFUSAL_TRIES = 3;
export const BACKUP_FAILOVER_TRIES = 3;
/** Grace for ffmpeg to finalise after its input ends, before it is killed. */
export const OUTPUT_STOP_GRACE_MS = 5_000;
/**
 * Grace for the old process when the encoder restarted: its input has ended, so it
 * only writes what it holds. Short, because a congested socket must not hold it.
 */
export const RESTART_GRACE_MS = 1_000;
/** Backlog an output may build before it drops to the next keyframe: this many seconds of stream. */
export const OUTPUT_BACKLOG_S = 3;
const MIN_BACKLOG_BYTES = 1 << 20;
/**
 * Longest wait between reconnect attempts, ms (a hard cap, jitter included). Back
 * on the origin after it returns takes at most this + one keyframe interval +
 * the connect: under 5 s with the default 2 s keyframes. A refused connect costs
 * nothing, and a refused stream key fails the output after KEY_REFUSAL_TRIES anyway.
 */
export const OUTPUT_RETRY_MAX_MS = 2_500;
const WATCHDOG_INTERVAL_MS = 500;

export interface OutputSupervisorDeps {
  ffmpegPath: string;
  registry: ProcessRegistry;
  fanout: Fanout;
  logger: Logger;
  /** The shared encode: its bitrates size the backlog and the send buffer, and a transcode copies its recipe. */
  settings: EncoderSettings;
  /** Adaptive bitrate tuning (tests shorten the waits). */
  ladder?: Partial<LadderOptions>;
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
  private readonly outage: OutageClock;
  /** Network destinations only: recordings and HLS always copy. */
  private readonly ladder: BitrateLadder | null;
  private readonly streamKbps: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private nextRetryAt: number | null = null;
  private attemptStartedAt = 0;
  private liveSince: number | null = null;
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
  private readonly rate = new RateMeter();

  constructor(
    readonly spec: OutputSpec,
    private readonly deps: OutputSupervisorDeps,
  ) {
    super();
    this.nowMs = deps.nowMs ?? Date.now;
    this.backoff = deps.backoff ?? new Backoff({ maxMs: OUTPUT_RETRY_MAX_MS });
    this.outage = new OutageClock(this.nowMs);
    const s = deps.settings;
    this.streamKbps = s.videoBitrateKbps + s.audioBitrateKbps;
    this.ladder = spec.kind === 'rtmp' || spec.kind === 'srt' ? new BitrateLadder({ videoKbps: s.videoBitrateKbps, audioKbps: s.audioBitrateKbps }, deps.ladder) : null;
    const backlog = Math.max(MIN_BACKLOG_BYTES, Math.round((this.streamKbps * 1000 * OUTPUT_BACKLOG_S) / 8));
    this.sink = deps.fanout.attach(spec.id, null, backlog);
  }

  get state(): OutputState {
    return this.stateValue;
  }

  /** The file a recording writes now (numbered parts after a crash). */
  get currentFile(): string | null {
    return this.spec.kind === 'record' ? recordingPartFile(this.spec.file, this.part) : null;
  }

  /** Every part a recording may have written, in order (one whose process never got going may not exist). */
  get recordingParts(): string[] {
    return this.spec.kind === 'record' ? recordingPartFiles(this.spec.file, this.part) : [];
  }

  start(): void {
    if (this.desired === 'running') return;
    this.desired = 'running';
    const bad = preflightOutput(this.spec);
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
      this.launch(); // clears retryTimer
    }
  }

  /**
   * The encoder restarted, so timestamps start over: a new process now, without
   * backoff, counted as a reconnect. The old one gets EOF and a short grace so a
   * recording part ends cleanly; the new one (a recording's next part) is attached
   * before the new stream's first keyframe arrives, so nothing after it is lost.
   */
  restart(): void {
    if (this.desired !== 'running' || this.stateValue === 'failed') return;
    this.reconnects++;
    this.lastError = 'the encoder restarted';
    this.relaunch(true);
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
    const current = this.outage.currentMs();
    const last = this.outage.lastOutageMs();
    const kbps = this.rate.sample(now, sink.bytesSent);
    return {
      id: this.spec.id,
      name: this.spec.name,
      kind: this.spec.kind,
      state: this.stateValue,
      bitrateKbps: this.stateValue === 'live' ? Math.round(kbps) : 0,
      bytes: sink.bytesSent,
      framesSent: sink.framesSent,
      framesDropped: sink.framesDropped,
      reconnects: this.reconnects,
      uptimeS: this.liveSince === null ? 0 : Math.round((now - this.liveSince) / 1000),
      nextRetryInS: this.nextRetryAt === null ? null : Math.max(0, (this.nextRetryAt - now) / 1000),
      downtimeS: tenths(this.outage.totalDownMs()),
      outageS: current === null ? null : tenths(current),
      lastOutageS: last === null ? null : tenths(last),
      adaptive: this.ladder?.health() ?? null,
      lastError: this.lastError,
      file: this.currentFile,
      process: null,
    };
  }

  get pid(): number | null {
    return this.proc?.pid ?? null;
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
    const transcodeKbps = this.ladder?.transcodeVideoKbps ?? null;
    const transcode = transcodeKbps === null ? undefined : { ...this.deps.settings, videoBitrateKbps: transcodeKbps };
    const { command, args } = buildOutputCommand(this.deps.ffmpegPath, spec, this.currentUrl(), { streamKbps: this.streamKbps, transcode });
    this.setState(this.everLive ? 'reconnecting' : 'connecting');
    const proc = this.deps.registry.spawn({ name: `output:${this.spec.name}`, command, args, extraPipes: 1, stdin: 'pipe' });
    this.proc = proc;
    this.attemptStartedAt = this.nowMs();
    this.ladder?.restarted(this.attemptStartedAt);
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
      const outage = this.outage.up();
      if (outage !== null) this.deps.logger.info(`${this.spec.name}: live again after ${(outage / 1000).toFixed(1)} s down`);
      this.setState('live');
    }
  }

  private checkWatchdog(): void {
    const proc = this.proc;
    if (!proc || this.desired !== 'running') return;
    const now = this.nowMs();
    if (this.ladder && this.checkLadder(now)) return;
    this.killReason = stalledReason({ nowMs: now, wentLive: this.wentLive, lastAdvanceAt: this.lastAdvanceAt, attemptStartedAt: this.attemptStartedAt });
    if (this.killReason === null) return;
    this.deps.logger.warn(`${this.spec.name}: ${this.killReason}; restarting it`);
    proc.kill();
  }

  /** Feed the ladder one sample; on a step, restart this destination alone at the new rung. */
  private checkLadder(now: number): boolean {
    const sink = this.sink.stats();
    const step = this.ladder!.observe({ nowMs: now, live: this.stateValue === 'live', backlogBytes: this.sink.backlogBytes(), mediaTimeUs: this.lastOutTimeUs, mediaTimeAtMs: this.lastAdvanceAt, droppedFrames: sink.framesDropped });
    if (!step) return false;
    this.deps.logger.warn(`${this.spec.name}: adaptive bitrate ${step.fromPercent}% -> ${step.toPercent}%: ${step.reason}`);
    // Killed, not drained: what it holds would only trickle out through the congested link.
    this.relaunch(false);
    return true;
  }

  /** Replace the process now, without backoff (not a failure). */
  private relaunch(graceful: boolean): void {
    const old = this.proc;
    this.proc = null;
    this.sink.setTarget(null);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.liveSince = null;
    if (!old) return this.launch();
    this.outage.down();
    // Its exit is ignored (it is no longer this.proc); a recording moves to its next part.
    const ended = graceful ? old.stop(RESTART_GRACE_MS) : old.kill();
    if (this.spec.kind === 'record') this.part++;
    if (this.spec.kind !== 'hls' && this.spec.kind !== 'hls-put') return this.launch();
    // HLS numbers its segments on from the playlist the old process leaves: wait for its last write.
    this.setState('reconnecting');
    void ended.then(() => {
      if (this.desired === 'running' && this.proc === null && this.retryTimer === null) this.launch();
    });
  }

  private onExit(proc: ManagedProcess, exit: ExitInfo): void {
    if (proc !== this.proc) return;
    this.proc = null;
    this.sink.setTarget(null);
    const now = this.nowMs();
    this.liveSince = null;
    if (this.desired !== 'running') return;
    this.outage.down();
    if (this.spec.kind === 'record' && isDiskError(exit.stderrTail)) {
      return this.fail('the recording stopped: the disk is full or cannot be written; free some space or choose another folder');
    }
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

  private setState(state: OutputState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.emit('state', state, this.health());
  }
}

function tenths(ms: number): number {
  return Math.round(ms / 100) / 10;
}
