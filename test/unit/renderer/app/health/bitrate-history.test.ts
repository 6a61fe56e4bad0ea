import { describe, expect, it } from 'vitest';
import { BitrateHistory, HISTORY_CAPACITY, HISTORY_WINDOW_S, pointCount } from '../../../../../renderer/app/health/bitrate-history';
import { healthFixture, outputFixture } from '../../../../helpers/studio-fixtures';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const local = (kbps: number) => outputFixture({ bitrateKbps: kbps });
const twitch = (kbps: number) => outputFixture({ id: 'dst_tw', name: 'Twitch', kind: 'rtmp', bitrateKbps: kbps });

/** One snapshot a second from `from` to `to` (inclusive), uptime counting with it. */
function feed(h: BitrateHistory, from: number, to: number, outputs: (s: number) => ReturnType<typeof outputFixture>[]): void {
  for (let s = from; s <= to; s++) h.add(healthFixture({ time: at(s), uptimeS: s, outputs: outputs(s) }));
}

describe('BitrateHistory', () => {
  it('is empty before the first snapshot', () => {
    expect(new BitrateHistory().window()).toEqual({ times: [], series: [], endS: null });
  });

  it('gives one column per snapshot and one series per destination', () => {
    const h = new BitrateHistory();
    feed(h, 1, 3, (s) => [local(1000 * s), twitch(500 * s)]);
    const w = h.window();
    expect(w.times).toEqual([1, 2, 3].map((s) => (T0 + s * 1000) / 1000));
    expect(w.endS).toBe(w.times.at(-1));
    expect(w.series).toEqual([
      { id: 'local', name: 'OnAir local origin (watch page)', values: [1000, 2000, 3000] },
      { id: 'dst_tw', name: 'Twitch', values: [500, 1000, 1500] },
    ]);
  });

  it('keeps only the last 60 s, for a broadcast of any length', () => {
    const h = new BitrateHistory();
    feed(h, 1, 10 * HISTORY_CAPACITY, (s) => [local(s)]);
    const w = h.window();
    expect(w.times).toHaveLength(HISTORY_WINDOW_S + 1); // both ends of the minute
    expect(w.series[0]!.values[0]).toBe(10 * HISTORY_CAPACITY - HISTORY_WINDOW_S);
    expect(w.series[0]!.values.at(-1)).toBe(10 * HISTORY_CAPACITY);
  });

  it('leaves gaps (null) where a destination had no output, and drops one gone for a minute', () => {
    const h = new BitrateHistory();
    feed(h, 1, 2, () => [local(100), twitch(200)]);
    feed(h, 3, 4, () => [local(100)]);
    feed(h, 5, 5, () => [local(100), twitch(300)]);
    const tw = h.window().series.find((s) => s.id === 'dst_tw')!;
    expect(tw.values).toEqual([200, 200, null, null, 300]);
    expect(pointCount(tw)).toBe(3);
    feed(h, 6, 6 + HISTORY_WINDOW_S, () => [local(100)]);
    expect(h.window().series.map((s) => s.id)).toEqual(['local']);
  });

  it('follows a renamed destination', () => {
    const h = new BitrateHistory();
    feed(h, 1, 1, () => [twitch(1)]);
    feed(h, 2, 2, () => [{ ...twitch(1), name: 'Twitch main' }]);
    expect(h.window().series[0]!.name).toBe('Twitch main');
  });

  it('ignores recordings: a file is not a destination', () => {
    const h = new BitrateHistory();
    feed(h, 1, 2, () => [local(100), outputFixture({ id: 'rec', name: 'Recording', kind: 'record', bitrateKbps: 4500 })]);
    expect(h.window().series.map((s) => s.id)).toEqual(['local']);
  });

  it('ignores a repeated or older snapshot, and an unreadable time', () => {
    const h = new BitrateHistory();
    feed(h, 1, 3, () => [local(100)]);
    h.add(healthFixture({ time: at(3), uptimeS: 3, outputs: [local(999)] }));
    h.add(healthFixture({ time: at(2), uptimeS: 3, outputs: [local(999)] }));
    h.add(healthFixture({ time: 'not a time', uptimeS: 4, outputs: [local(999)] }));
    expect(h.window().series[0]!.values).toEqual([100, 100, 100]);
  });

  it('starts a fresh chart when a new broadcast starts (uptime went back)', () => {
    const h = new BitrateHistory();
    feed(h, 1, 30, () => [local(100), twitch(100)]);
    h.add(healthFixture({ time: at(40), uptimeS: 1, outputs: [local(700)] }));
    const w = h.window();
    expect(w.times).toEqual([(T0 + 40_000) / 1000]);
    expect(w.series).toEqual([{ id: 'local', name: 'OnAir local origin (watch page)', values: [700] }]);
  });
});
