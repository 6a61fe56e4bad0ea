import { describe, expect, it } from 'vitest';
import type { FrameSink } from '../../../../renderer/compositor/worker/frame-sink';
import { PreflightCancelled, measurement, runPreflight, type PreflightDeps } from '../../../../renderer/compositor/worker/preflight';

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

describe('pre-flight cancellation', () => {
  it('stops at once when the program starts going out, and puts the configured path back', async () => {
    const paths: string[] = [];
    let restored = 0;
    const abort = new AbortController();
    const sink = { takeEncodeLatencyMs: () => null } as unknown as FrameSink;
    const deps: PreflightDeps = {
      loop: {
        reconfigure: async (o: { path: string }) => void paths.push(o.path),
        snapshot: () => counters(performance.now(), 0, 0, 0, 0),
      } as unknown as PreflightDeps['loop'],
      output: { width: 640, height: 360, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 1500, path: 'none' },
      makeSink: async () => sink,
      restore: async () => void restored++,
      signal: abort.signal,
    };
    const started = performance.now();
    const run = runPreflight(deps, 60_000, false);
    setTimeout(() => abort.abort(), 50);
    await expect(run).rejects.toBeInstanceOf(PreflightCancelled);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(paths).toEqual(['raw']);
    expect(restored).toBe(1);
  });
});
