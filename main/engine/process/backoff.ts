/**
 * Reconnect delays: about 1 s, 2 s, 4 s ... up to 30 s, each with ±20 % jitter
 * so several outputs that dropped together do not hammer the ingest in lockstep.
 *
 * Bounds (decided): the cap is a hard ceiling. A delay is
 *   min(maxMs, base * (1 + jitter * u)),  u uniform in [-1, 1),  base = min(maxMs, initialMs * factor^attempts)
 * so it is never below base * (1 - jitter) (> 0) and never above maxMs: when we tell
 * the streamer "retrying within 30 s" that is true. Once at the cap, jitter only
 * shortens the wait, which still spreads the retries.
 *
 * Lifecycle: the supervisor calls next() after each failure and reset() once the
 * output is live again, so a long-lived stream that drops starts over at ~1 s.
 */

export const BACKOFF_INITIAL_MS = 1_000;
export const BACKOFF_FACTOR = 2;
export const BACKOFF_MAX_MS = 30_000;
/** Fraction of the delay added or removed at random (0.2 = ±20 %). */
export const BACKOFF_JITTER = 0.2;

export interface BackoffOptions {
  initialMs?: number;
  factor?: number;
  maxMs?: number;
  jitter?: number;
  /** Uniform in [0, 1); injectable so tests get a fixed sequence. */
  random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly factor: number;
  private readonly maxMs: number;
  private readonly jitter: number;
  private readonly random: () => number;
  private count = 0;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? BACKOFF_INITIAL_MS;
    this.factor = opts.factor ?? BACKOFF_FACTOR;
    this.maxMs = opts.maxMs ?? BACKOFF_MAX_MS;
    this.jitter = opts.jitter ?? BACKOFF_JITTER;
    this.random = opts.random ?? Math.random;
    if (!(this.initialMs > 0)) throw new RangeError(`backoff initialMs must be > 0 (got ${this.initialMs})`);
    if (!(this.factor >= 1)) throw new RangeError(`backoff factor must be >= 1 (got ${this.factor})`);
    if (!(this.maxMs >= this.initialMs)) throw new RangeError(`backoff maxMs must be >= initialMs (got ${this.maxMs})`);
    if (!(this.jitter >= 0 && this.jitter < 1)) throw new RangeError(`backoff jitter must be in [0, 1) (got ${this.jitter})`);
  }

  /** Retries handed out since the last reset. */
  get attempts(): number {
    return this.count;
  }

  /** The delay before the next retry, in ms; counts an attempt. */
  next(): number {
    // Computed from the attempt count (not by multiplying a running value) and
    // capped before jitter, so a stream that retried all night cannot overflow.
    const base = Math.min(this.maxMs, this.initialMs * Math.pow(this.factor, this.count));
    this.count++;
    const u = Math.min(Math.max(this.random(), 0), 1) * 2 - 1;
    return Math.round(Math.min(this.maxMs, base * (1 + this.jitter * u)));
  }

  reset(): void {
    this.count = 0;
  }
}
