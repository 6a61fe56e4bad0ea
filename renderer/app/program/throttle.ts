/**
 * At most one call per interval while values keep coming (a fader being
 * dragged), and always the last value once they stop, so the studio ends where
 * the hand did. The first value goes at once (the fader answers immediately).
 */

export interface Throttled<T> {
  push(value: T): void;
  /** Send a pending value now (the drag ended). */
  flush(): void;
  /** Drop a pending value (the component went away). */
  cancel(): void;
}

export interface ThrottleTimers {
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: ThrottleTimers = {
  setTimeout: (cb, ms) => globalThis.setTimeout(cb, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
  now: () => performance.now(),
};

export function throttle<T>(send: (value: T) => void, intervalMs: number, timers: ThrottleTimers = realTimers): Throttled<T> {
  let lastSentAt = -Infinity;
  let pending: { value: T } | null = null;
  let timer: unknown = null;

  const fire = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastSentAt = timers.now();
    send(value);
  };

  return {
    push(value) {
      pending = { value };
      if (timer !== null) return;
      const wait = lastSentAt + intervalMs - timers.now();
      if (wait <= 0) fire();
      else timer = timers.setTimeout(fire, wait);
    },
    flush() {
      if (timer !== null) timers.clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
