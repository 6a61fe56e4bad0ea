/**
 * Adaptive bitrate for one network destination (pure policy: the supervisor
 * samples, this decides, the supervisor restarts its process).
 *
 * Why a ladder per destination: the video is encoded once and shared by every
 * destination and the recording, and ffmpeg cannot change x264's bitrate without
 * restarting the encoder, which would interrupt all of them. So a congested
 * destination leaves the shared stream and gets its own transcode, done by its own
 * output ffmpeg reading the shared MPEG-TS (same x264 recipe, same keyframe
 * interval, audio copied). Rungs: copy -> 70% -> 50% -> 35% of the profile's video
 * bitrate. Each step restarts only that destination's process: a reconnect of a
 * second or so for it alone; the encoder, the recording and the other
 * destinations never notice. The price is one more software encode while a
 * destination is congested.
 *
 * Signals, sampled by the supervisor every watchdog tick while the output is live:
 * - backlog: shared-stream bytes queued for this destination and not yet taken by
 *   its process, in seconds of stream. The RTMP socket buffer is capped
 *   (output-command SEND_BUFFER_S), so a slow network shows up here in seconds.
 * - drops: frames the fan-out gave up on for it (backlog past its limit).
 * - throughput: how fast its media time (ffmpeg's out_time: what it has handed to
 *   the socket) advanced per second of wall time, between ffmpeg's reports, while
 *   a backlog builds (so the socket buffer is full and the rate is the network's),
 *   over at most THROUGHPUT_WINDOW_MS; as a share of real time (1 = keeping up).
 *   Not the bytes it reads: ffmpeg reads its input in bursts, seconds apart,
 *   while it waits on a full socket.
 *
 * Step down: backlog above CONGESTED_BACKLOG_S for STEP_DOWN_AFTER_MS, or a drop.
 * The new rung is the highest whose bitrate fits the measured throughput with
 * HEADROOM, and at least one rung lower, so one step usually lands on a rung the
 * network can carry. Step up: one rung once the backlog stayed under
 * CLEAR_BACKLOG_S for the up-hold (STEP_UP_AFTER_MS). A step up undone within
 * FAILED_PROBE_MS doubles the up-hold (to MAX_STEP_UP_AFTER_MS), so a link that
 * cannot carry more is not disturbed every half minute. After every (re)start the
 * process connects and its buffers fill: nothing is judged for SETTLE_MS.
 */
import type { AdaptiveBitrateHealth } from '../../../preload/contract/health';

/** Video bitrate of each rung as a percentage of the profile's; 100 = copy of the shared encode. */
export const LADDER_PERCENTS: readonly number[] = [100, 70, 50, 35];
/** Seconds of stream queued for a destination beyond which it is congested. */
export const CONGESTED_BACKLOG_S = 1;
/** Seconds of stream queued below which a destination is clear. */
export const CLEAR_BACKLOG_S = 0.25;
/** Congestion must last this long before a step down: a burst is not congestion, ms. */
export const STEP_DOWN_AFTER_MS = 2_000;
/** Clear for this long before trying one rung up, ms. */
export const STEP_UP_AFTER_MS = 30_000;
/** The up-hold never grows beyond this, ms. */
export const MAX_STEP_UP_AFTER_MS = 10 * 60_000;
/** A step down this soon after a step up means the step up failed, ms. */
export const FAILED_PROBE_MS = 60_000;
/** After a (re)start, the time to connect and fill the socket buffers before judging, ms. */
export const SETTLE_MS = 5_000;
/** Share of the measured throughput a new rung may use. */
export const HEADROOM = 0.85;
/** Wall time the throughput is measured over, ms (ffmpeg reports its media time once a second). */
export const THROUGHPUT_WINDOW_MS = 6_000;
/** A backlog clear for this long ends a congestion episode (shorter dips are ffmpeg's bursty reads), ms. */
const CLEAR_RESET_MS = 1_500;
/** Throughput needs at least this much history to be believed, ms. */
const MIN_THROUGHPUT_WINDOW_MS = 2_000;

export interface LadderOptions {
  percents: readonly number[];
  congestedBacklogS: number;
  clearBacklogS: number;
  stepDownAfterMs: number;
  stepUpAfterMs: number;
  maxStepUpAfterMs: number;
  failedProbeMs: number;
  settleMs: number;
  headroom: number;
}

export const DEFAULT_LADDER_OPTIONS: LadderOptions = {
  percents: LADDER_PERCENTS,
  congestedBacklogS: CONGESTED_BACKLOG_S,
  clearBacklogS: CLEAR_BACKLOG_S,
  stepDownAfterMs: STEP_DOWN_AFTER_MS,
  stepUpAfterMs: STEP_UP_AFTER_MS,
  maxStepUpAfterMs: MAX_STEP_UP_AFTER_MS,
  failedProbeMs: FAILED_PROBE_MS,
  settleMs: SETTLE_MS,
  headroom: HEADROOM,
};

export interface LadderSample {
  nowMs: number;
  /** Judged only while the output is live. */
  live: boolean;
  /** Shared-stream bytes handed to this destination and not yet taken by its process. */
  backlogBytes: number;
  /** Media time its process has sent so far (ffmpeg's out_time), µs. */
  mediaTimeUs: number;
  /** When ffmpeg reported that media time (it reports once a second), ms. */
  mediaTimeAtMs: number;
  /** Frames the fan-out dropped for it so far. */
  droppedFrames: number;
}

export interface LadderStep {
  direction: 'down' | 'up';
  fromPercent: number;
  toPercent: number;
  /** For the log and the health, in words. */
  reason: string;
}

interface Point {
  t: number;
  mediaUs: number;
}

export class BitrateLadder {
  private readonly o: LadderOptions;
  private rung = 0;
  private settleUntil = 0;
  private congestedSince: number | null = null;
  private clearSince: number | null = null;
  private lastDropped = 0;
  private lastStepUpAt: number | null = null;
  private upHoldMs: number;
  private history: Point[] = [];
  private stepsDown = 0;
  private stepsUp = 0;
  private reason: string | null = null;

  constructor(
    /** The shared stream: profile video bitrate and audio bitrate, kb/s. */
    private readonly stream: { videoKbps: number; audioKbps: number },
    options: Partial<LadderOptions> = {},
  ) {
    this.o = { ...DEFAULT_LADDER_OPTIONS, ...options };
    this.upHoldMs = this.o.stepUpAfterMs;
  }

  get percent(): number {
    return this.o.percents[this.rung] ?? 100;
  }

  /** The video bitrate to transcode at, kb/s, or null to copy the shared stream. */
  get transcodeVideoKbps(): number | null {
    return this.rung === 0 ? null : this.videoKbpsAt(this.rung);
  }

  /** The supervisor launched a new process: let it connect before judging. */
  restarted(nowMs: number): void {
    this.settleUntil = nowMs + this.o.settleMs;
    this.congestedSince = null;
    this.clearSince = null;
    this.history = [];
  }

  observe(s: LadderSample): LadderStep | null {
    const dropped = s.droppedFrames > this.lastDropped;
    this.lastDropped = s.droppedFrames;
    if (!s.live || s.nowMs < this.settleUntil) {
      this.congestedSince = null;
      this.clearSince = null;
      this.history = [];
      return null;
    }
    // ffmpeg takes its input in bursts, so one sample may look clear in the middle of
    // congestion: a congestion clock is stopped, and the throughput forgotten, only
    // by the backlog staying clear (hysteresis between the two thresholds).
    const backlogS = s.backlogBytes / this.streamBytesPerS();
    const clear = backlogS < this.o.clearBacklogS && !dropped;
    if (clear) {
      this.clearSince ??= s.nowMs;
      if (s.nowMs - this.clearSince >= CLEAR_RESET_MS) {
        this.congestedSince = null;
        this.history = [];
      }
    } else {
      this.clearSince = null;
      this.recordThroughput(s);
    }
    if (backlogS > this.o.congestedBacklogS) this.congestedSince ??= s.nowMs;
    if (dropped || (this.congestedSince !== null && s.nowMs - this.congestedSince >= this.o.stepDownAfterMs)) {
      return this.stepDown(s.nowMs, backlogS, dropped);
    }
    if (clear && this.rung > 0 && s.nowMs - this.clearSince! >= this.upHoldMs) return this.stepUp(s.nowMs);
    return null;
  }

  health(): AdaptiveBitrateHealth {
    return {
      mode: this.rung === 0 ? 'copy' : 'transcode',
      percent: this.percent,
      videoKbps: this.videoKbpsAt(this.rung),
      stepsDown: this.stepsDown,
      stepsUp: this.stepsUp,
      reason: this.reason,
    };
  }

  private stepDown(nowMs: number, backlogS: number, dropped: boolean): LadderStep | null {
    const last = this.o.percents.length - 1;
    const share = this.throughputShare();
    const carried = share === null ? null : share * (this.videoKbpsAt(this.rung) + this.stream.audioKbps);
    if (this.rung >= last) {
      this.reason = `the network cannot carry even ${this.percent}% of the video bitrate${carried === null ? '' : ` (about ${Math.round(carried)} kb/s get through)`}: frames are being dropped; use a lower bitrate or a faster connection`;
      this.congestedSince = nowMs;
      return null;
    }
    let target = this.rung + 1;
    if (carried !== null) {
      const fitsVideoKbps = carried * this.o.headroom - this.stream.audioKbps;
      while (target < last && this.videoKbpsAt(target) > fitsVideoKbps) target++;
    }
    const from = this.percent;
    if (this.lastStepUpAt !== null && nowMs - this.lastStepUpAt < this.o.failedProbeMs) {
      this.upHoldMs = Math.min(this.o.maxStepUpAfterMs, this.upHoldMs * 2);
    }
    this.rung = target;
    this.stepsDown++;
    const why = dropped ? 'frames had to be dropped' : `${backlogS.toFixed(1)} s of stream was waiting to be sent`;
    this.reason = `its network could not keep up (${why}${carried === null ? '' : `, about ${Math.round(carried)} kb/s got through`}): sending ${this.percent}% of the video bitrate (${this.videoKbpsAt(this.rung)} kb/s) until it clears`;
    this.restarted(nowMs);
    return { direction: 'down', fromPercent: from, toPercent: this.percent, reason: this.reason };
  }

  private stepUp(nowMs: number): LadderStep {
    const from = this.percent;
    this.rung--;
    this.stepsUp++;
    this.lastStepUpAt = nowMs;
    const clearS = Math.round(this.upHoldMs / 1000);
    this.reason = this.rung === 0 ? null : `its network was clear for ${clearS} s: trying ${this.percent}% of the video bitrate (${this.videoKbpsAt(this.rung)} kb/s)`;
    this.restarted(nowMs);
    const reason = this.reason ?? `its network was clear for ${clearS} s: back to the full bitrate`;
    return { direction: 'up', fromPercent: from, toPercent: this.percent, reason };
  }

  /** Keep ffmpeg's media-time reports while a backlog builds (the socket is full: its rate is the network's). */
  private recordThroughput(s: LadderSample): void {
    if (this.history.at(-1)?.t === s.mediaTimeAtMs) return;
    this.history.push({ t: s.mediaTimeAtMs, mediaUs: s.mediaTimeUs });
    while (this.history.length > 2 && s.mediaTimeAtMs - this.history[1]!.t >= THROUGHPUT_WINDOW_MS) this.history.shift();
  }

  /** Share of real time the destination kept up with while backlogged, or null if too little is known. */
  private throughputShare(): number | null {
    const first = this.history[0];
    const last = this.history[this.history.length - 1];
    if (!first || !last || last.t - first.t < MIN_THROUGHPUT_WINDOW_MS) return null;
    const share = (last.mediaUs - first.mediaUs) / 1000 / (last.t - first.t);
    return Math.min(1, Math.max(0, share));
  }

  private streamBytesPerS(): number {
    return ((this.stream.videoKbps + this.stream.audioKbps) * 1000) / 8;
  }

  private videoKbpsAt(rung: number): number {
    return Math.round((this.stream.videoKbps * (this.o.percents[rung] ?? 100)) / 100);
  }
}
