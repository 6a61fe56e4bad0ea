import { describe, expect, it } from 'vitest';
import { throttle, type ThrottleTimers } from '../../../../../renderer/app/program/throttle';

/** A clock the test moves by hand. */
class ManualTimers implements ThrottleTimers {
  t = 0;
  private timers: Array<{ at: number; cb: () => void; id: number }> = [];
  private nextId = 1;
  now = () => this.t;
  setTimeout = (cb: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, cb, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  advance(ms: number): void {
    this.t += ms;
    for (const due of this.timers.filter((x) => x.at <= this.t)) {
      this.timers = this.timers.filter((x) => x !== due);
      due.cb();
    }
  }
}

function setup() {
  const timers = new ManualTimers();
  const sent: number[] = [];
  return { timers, sent, th: throttle((v: number) => sent.push(v), 100, timers) };
}

describe('throttle', () => {
  it('sends the first value at once and then at most one per interval, ending on the last', () => {
    const { timers, sent, th } = setup();
    th.push(1);
    expect(sent).toEqual([1]);
    for (let v = 2; v <= 20; v++) {
      timers.advance(10);
      th.push(v);
    }
    // 190 ms of dragging: the first value, one at 100 ms, and the rest waits for 200 ms.
    expect(sent).toEqual([1, 10]);
    timers.advance(10);
    expect(sent).toEqual([1, 10, 20]);
  });

  it('holds to about ten a second over a long drag', () => {
    const { timers, sent, th } = setup();
    for (let ms = 0; ms < 2000; ms += 5) {
      th.push(ms);
      timers.advance(5);
    }
    expect(sent.length).toBeGreaterThanOrEqual(19);
    expect(sent.length).toBeLessThanOrEqual(21);
  });

  it('flush sends a pending value now; cancel drops it', () => {
    const { timers, sent, th } = setup();
    th.push(1);
    th.push(2);
    th.flush();
    expect(sent).toEqual([1, 2]);
    th.push(3);
    th.cancel();
    timers.advance(500);
    expect(sent).toEqual([1, 2]);
    th.flush();
    expect(sent).toEqual([1, 2]);
  });
});
