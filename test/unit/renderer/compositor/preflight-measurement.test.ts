import { describe, expect, it } from 'vitest';
import { measurement } from '../../../../renderer/compositor/worker/preflight';

const counters = (atMs: number, fresh: number, repeated: number, renderMs: number, readbackMs: number) => ({ atMs, sent: fresh + repeated, fresh, repeated, skipped: 0, renderMs, readbackMs });

describe('pre-flight measurement', () => {
  it('turns two counter snapshots into rates and per-frame costs', () => {
    const m = measurement('raw', counters(1000, 10, 0, 20, 50), counters(3000, 70, 3, 140, 650), null);
    expect(m).toMatchObject({ path: 'raw', ok: true, error: null, durationMs: 2000, achievedFps: 30, repeatedFrames: 3, renderMs: 2, readbackMs: 10, workerMsPerFrame: 12, encodeLatencyMs: null });
  });

  it('is not ok when no frame was made', () => {
    const m = measurement('encoded', counters(0, 5, 0, 1, 1), counters(2000, 5, 0, 1, 1), null);
    expect(m).toMatchObject({ ok: false, achievedFps: 0, workerMsPerFrame: 0, error: 'no frame was produced' });
  });
});
