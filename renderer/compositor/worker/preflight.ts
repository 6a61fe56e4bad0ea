/**
 * The pre-flight: run each video path for a few seconds at the output profile on
 * the live loop (same scenes, same sources), measure what it achieved and what it
 * cost the worker, then put the configured path back. Frames made meanwhile are
 * flagged so the main thread drops them instead of sending them to the engine.
 */
import { choosePath } from '../shared/decisions';
import type { OutputOptions, PathMeasurement, PreflightResult } from '../shared/types';
import type { FrameSink } from './frame-sink';
import type { LoopCounters, OutputLoop } from './output-loop';

/** Time each path runs before measuring starts: encoder start-up, caches. */
const WARMUP_MS = 300;

export interface PreflightDeps {
  loop: OutputLoop;
  output: OutputOptions;
  /** Makes a sink whose frames are flagged as pre-flight frames. */
  makeSink(path: 'raw' | 'encoded'): Promise<FrameSink>;
  /** Puts the configured path back. */
  restore(): Promise<void>;
  /** Aborted when the program starts going out: the pre-flight stops at once (its frames are not the program's). */
  signal?: AbortSignal;
}

/** The pre-flight stopped early because the program started going out. */
export class PreflightCancelled extends Error {
  constructor() {
    super('the pre-flight stopped: the program started going out');
    this.name = 'PreflightCancelled';
  }
}

/** Waits `ms`, or throws PreflightCancelled as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new PreflightCancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new PreflightCancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Rejects with PreflightCancelled when `deps.signal` aborts; the configured path is back either way. */
export async function runPreflight(deps: PreflightDeps, durationMs: number, engineHasHardwareEncoder: boolean): Promise<PreflightResult> {
  try {
    const raw = await measurePath(deps, 'raw', durationMs);
    const encoded = await measurePath(deps, 'encoded', durationMs);
    const { width, height, fps } = deps.output;
    return { width, height, fps, engineHasHardwareEncoder, raw, encoded, ...choosePath(raw, encoded, fps, engineHasHardwareEncoder) };
  } finally {
    await deps.restore();
  }
}

async function measurePath(deps: PreflightDeps, path: 'raw' | 'encoded', durationMs: number): Promise<PathMeasurement> {
  if (deps.signal?.aborted) throw new PreflightCancelled();
  let sink: FrameSink;
  try {
    sink = await deps.makeSink(path);
  } catch (error) {
    return failed(path, error instanceof Error ? error.message : String(error));
  }
  await deps.loop.reconfigure({ ...deps.output, path }, sink);
  await sleep(WARMUP_MS, deps.signal);
  sink.takeEncodeLatencyMs();
  const start = deps.loop.snapshot();
  await sleep(durationMs, deps.signal);
  const end = deps.loop.snapshot();
  return measurement(path, start, end, sink.takeEncodeLatencyMs());
}

export function measurement(path: 'raw' | 'encoded', a: LoopCounters, b: LoopCounters, encodeLatencyMs: number | null): PathMeasurement {
  const durationMs = b.atMs - a.atMs;
  const fresh = b.fresh - a.fresh;
  const renderMs = fresh > 0 ? (b.renderMs - a.renderMs) / fresh : 0;
  const readbackMs = fresh > 0 ? (b.readbackMs - a.readbackMs) / fresh : 0;
  return {
    path,
    ok: fresh > 0,
    error: fresh > 0 ? null : 'no frame was produced',
    durationMs,
    achievedFps: durationMs > 0 ? (fresh * 1000) / durationMs : 0,
    repeatedFrames: b.repeated - a.repeated,
    workerMsPerFrame: renderMs + readbackMs,
    renderMs,
    readbackMs,
    encodeLatencyMs,
  };
}

function failed(path: 'raw' | 'encoded', error: string): PathMeasurement {
  return { path, ok: false, error, durationMs: 0, achievedFps: 0, repeatedFrames: 0, workerMsPerFrame: 0, renderMs: 0, readbackMs: 0, encodeLatencyMs: null };
}
