/**
 * `compositor`: the compositor in Chromium on this machine, for both backends
 * (Canvas 2D, and WebGL2 forced: software SwiftShader here, so 'auto' would not
 * pick it) at 1280x720 and 1920x1080: worker time per frame on each path (the
 * pre-flight's measurement, on a realistic scene: full-screen camera, image,
 * text, colour), the raw path left running (60 s in a full run) for its fresh
 * frames a second and the share of output frames that repeat the last picture,
 * and the readback steps on their own.
 *
 * The measuring lives in test/bench/browser/compositor-bench.test.ts (vitest
 * project 'bench', also `npm run bench:compositor`), because it drives the
 * compositor harness page that the e2e tests build; this runs it as a child
 * process and turns its JSON into table rows.
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext, Measurement } from './bench-context';
import { fmt, type Figure, type MeasurementResult } from './bench-report';

const FPS = 30;
const FRAME_MS = 1000 / FPS;
/** A path holds the rate when it makes at least this share of the frames fresh. */
const HOLDS_FPS = FPS * 0.98;
const FULL_RAW_RUN_MS = 60_000;
const SMOKE_RAW_RUN_MS = 2_000;

interface PathMeasurement {
  ok: boolean;
  achievedFps: number;
  workerMsPerFrame: number;
}
interface BackendReport {
  backend: 'canvas2d' | 'webgl2';
  backendReason: string;
  preflights: Array<{ width: number; height: number; raw: PathMeasurement; encoded: PathMeasurement; choice: string; reason: string }>;
  rawStats: Array<{ width: number; height: number; fps: number; freshFps: number; readbackMs: number; readbackLatencyMs: number | null }>;
  readbacks: Array<Record<string, number | string>>;
}

export const compositor: Measurement = {
  name: 'compositor',
  async run(ctx: BenchContext): Promise<MeasurementResult> {
    const measuredAt = new Date().toISOString();
    const rawRunMs = ctx.smoke ? SMOKE_RAW_RUN_MS : FULL_RAW_RUN_MS;
    const resultFile = join(ctx.repoRoot, 'test-results', 'compositor-bench.json');
    await rm(resultFile, { force: true });
    ctx.progress(`compositor: Canvas 2D and WebGL2 at 720p and 1080p, raw path ${rawRunMs / 1000} s each (vitest project 'bench')`);
    const started = Date.now();
    await runVitestBench(ctx.repoRoot, rawRunMs);
    const reports = JSON.parse(await readFile(resultFile, 'utf8')) as BackendReport[];

    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const r of reports) {
      // Canvas 2D is what 'auto' picks without a GPU: it is held to the frame rate; software WebGL2 is context.
      const held = r.backend === 'canvas2d';
      for (const p of r.preflights) {
        const size = `${p.width}x${p.height}`;
        figures.push({ name: `compositor: ${r.backend} ${size} raw, worker ms per frame`, unit: 'ms', samples: [p.raw.workerMsPerFrame], target: held ? { op: '<=', value: FRAME_MS } : null });
        figures.push({ name: `compositor: ${r.backend} ${size} encoded, worker ms per frame`, unit: 'ms', samples: [p.encoded.workerMsPerFrame], target: held ? { op: '<=', value: FRAME_MS } : null });
        notes.push(`- ${r.backend} ${size} pre-flight: raw ${fmt(p.raw.achievedFps)} fps, encoded ${fmt(p.encoded.achievedFps)} fps; picks ${p.choice}: ${p.reason}`);
      }
      for (const s of r.rawStats) {
        const size = `${s.width}x${s.height}`;
        figures.push({ name: `compositor: ${r.backend} ${size} raw, fresh frames/s over ${rawRunMs / 1000} s`, unit: 'fps', samples: [s.freshFps], target: held ? { op: '>=', value: HOLDS_FPS } : null });
        figures.push({ name: `compositor: ${r.backend} ${size} raw, output frames repeated`, unit: '%', samples: [Math.max(0, 100 * (1 - s.freshFps / FPS))], target: held ? { op: '<=', value: 2 } : null });
        const readback = s.readbackLatencyMs ?? s.readbackMs;
        figures.push({ name: `compositor: ${r.backend} ${size} raw, readback${s.readbackLatencyMs === null ? '' : ' latency (GPU)'}`, unit: 'ms', samples: [readback], target: null });
      }
      for (const b of r.readbacks) notes.push(`- ${r.backend} readback steps alone: ${Object.entries(b).map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`).join(', ')}`);
      notes.push(`- ${r.backend}: ${r.backendReason}`);
    }
    notes.unshift(
      'One run per figure (the pre-flight runs each path 2.5 s; the raw path then runs alone). Targets apply to Canvas 2D, which the compositor picks on a machine without a GPU; WebGL2 here is SwiftShader (software), shown for comparison.',
      '',
    );
    return {
      name: 'compositor',
      measuredAt,
      figures,
      notes,
      harness: [`- compositor: vitest drives Chromium through playwright (the bench process waits for it); ${fmt((Date.now() - started) / 1000)} s in all.`],
    };
  },
};

function runVitestBench(repoRoot: string, rawRunMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
    const child = spawn(process.execPath, [vitest, 'run', '--config', 'test/vitest.config.ts', '--project', 'bench'], {
      cwd: repoRoot,
      env: { ...process.env, COMPOSITOR_RAW_RUN_MS: String(rawRunMs) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the compositor bench (vitest --project bench) exited ${code}:\n${output.slice(-4000)}`))));
  });
}
