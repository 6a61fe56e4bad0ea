/**
 * Compositor numbers in Chromium on this machine (`npm run bench:compositor`; a
 * bench, so it lives in its own vitest project that `npm test` does not run), on
 * each backend (forced; WebGL2 is SwiftShader here, in a browser launched for it):
 * per-frame worker time on each path at 720p and 1080p (the pre-flight's own
 * measurement, on a realistic scene: full-screen camera, image, text, colour),
 * encode latency, the raw path's steady stats (frame time, readback, and on
 * WebGL2 the GPU readback latency), and the readback steps on their own.
 * Prints JSON and writes test-results/compositor-bench.json; asserts only that
 * the numbers exist (tests never assert speed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, CompositorStats, OutputOptions, PreflightResult } from '../../../renderer/compositor/index';
import type { GlReadbackBench, ReadbackBench } from '../../e2e/compositor-harness/harness-api';
import { openHarness, type Harness } from '../../e2e/compositor-harness/harness-server';
import { box, camera, collection, color, image, item, text } from '../../e2e/compositor-harness/scenes';

const RESULTS = fileURLToPath(new URL('../../../test-results/', import.meta.url));
const PATH_MS = 2500;
/**
 * How long the raw path runs: fresh frames (and so the share repeated) are counted
 * over its second half. `npm run bench` sets 60 s; alone it runs 2 s.
 */
const RAW_RUN_MS = Number(process.env.COMPOSITOR_RAW_RUN_MS ?? 2000);
const READBACK_ROUNDS = 30;
const SIZES = [
  [1280, 720],
  [1920, 1080],
] as const;
const BACKENDS: Backend[] = ['canvas2d', 'webgl2'];

interface BackendReport {
  backend: Backend;
  backendReason: string;
  preflights: PreflightResult[];
  /** The raw path running alone for a while: output rate (repeats included) and fresh pictures a second. */
  rawStats: Array<Pick<CompositorStats, 'fps' | 'repeatedFrames' | 'droppedFrames' | 'frameTimeMs' | 'readbackMs' | 'readbackLatencyMs'> & { width: number; height: number; freshFps: number }>;
  readbacks: Array<ReadbackBench | GlReadbackBench>;
}

let h: Harness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

async function measure(backend: Backend): Promise<BackendReport> {
  const harness = await openHarness({ softwareWebGl: backend === 'webgl2' });
  h = harness;
  const output = (width: number, height: number, path: OutputOptions['path']): OutputOptions => ({ width, height, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 4000, path });
  const started = await harness.page.evaluate(async ({ o, backend }) => {
    const stats = await window.harness.start(o, 15, backend);
    await window.harness.attachCamera('cam');
    await window.harness.setQuadrantImage('logo', 256, 256, ['#ff0000', '#00ff00', '#0000ff', '#ffffff']);
    return stats;
  }, { o: output(1280, 720, 'none'), backend });
  const report: BackendReport = { backend: started.backend, backendReason: started.backendReason, preflights: [], rawStats: [], readbacks: [] };
  for (const [width, height] of SIZES) {
    const c = collection([color('bg', '#102030'), camera('cam'), image('logo'), text('t', { text: 'Bench', sizePx: 48, background: '#000000' })], {
      s: [item('bg', box(0, 0, width, height)), item('cam', box(0, 0, width, height)), item('logo', box(width - 300, 40, 256, 256)), item('t', box(40, height - 120, 500, 80))],
    });
    await harness.page.evaluate(({ c, o }) => {
      window.harness.setOutput(o);
      window.harness.setCollection(c);
    }, { c, o: output(width, height, 'none') });
    await harness.page.waitForTimeout(500);
    const t0 = Date.now();
    report.preflights.push(await harness.page.evaluate((ms) => window.harness.preflight(false, ms), PATH_MS));
    console.log(`${backend} ${width}x${height}: pre-flight took ${Date.now() - t0} ms`);
    await harness.page.evaluate((o) => window.harness.setOutput(o), output(width, height, 'raw'));
    await harness.page.waitForTimeout(RAW_RUN_MS / 2);
    const before = await harness.page.evaluate(() => window.harness.stats());
    const startedAt = Date.now();
    await harness.page.waitForTimeout(RAW_RUN_MS / 2);
    const s = await harness.page.evaluate(() => window.harness.stats());
    const freshFps = (s.framesSent - s.repeatedFrames - (before.framesSent - before.repeatedFrames)) / ((Date.now() - startedAt) / 1000);
    report.rawStats.push({ width, height, fps: s.fps, freshFps, repeatedFrames: s.repeatedFrames, droppedFrames: s.droppedFrames, frameTimeMs: s.frameTimeMs, readbackMs: s.readbackMs, readbackLatencyMs: s.readbackLatencyMs });
    await harness.page.evaluate((o) => window.harness.setOutput(o), output(width, height, 'none'));
    const args = { w: width, hh: height, n: READBACK_ROUNDS };
    report.readbacks.push(
      backend === 'webgl2'
        ? await harness.page.evaluate(({ w, hh, n }) => window.harness.benchGlReadback(w, hh, n), args)
        : await harness.page.evaluate(({ w, hh, n }) => window.harness.benchReadback(w, hh, n), args),
    );
  }
  return report;
}

describe('compositor bench', () => {
  it('measures both backends: both paths at 720p and 1080p, the raw path steady, the readback steps', async () => {
    const reports: BackendReport[] = [];
    for (const backend of BACKENDS) {
      reports.push(await measure(backend));
      await h?.close();
      h = null;
    }
    console.log(JSON.stringify(reports, null, 1));
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'compositor-bench.json'), JSON.stringify(reports, null, 1));
    expect(reports.map((r) => r.backend)).toEqual(BACKENDS);
    for (const r of reports) {
      for (const p of r.preflights) {
        expect(p.raw.ok && p.encoded.ok).toBe(true);
        expect(p.raw.workerMsPerFrame).toBeGreaterThan(0);
      }
      expect(r.rawStats.every((s) => s.fps > 0 && s.frameTimeMs > 0)).toBe(true);
      // On SwiftShader a stats window can pass with no GPU readback finished (null): at least one size must show one.
      if (r.backend === 'webgl2') expect(r.rawStats.some((s) => (s.readbackLatencyMs ?? 0) > 0)).toBe(true);
    }
    expect(reports[0]!.readbacks.every((x) => 'i420Ms' in x && x.i420Ms > 0)).toBe(true);
    expect(reports[1]!.readbacks.every((x) => 'i420LatencyMs' in x && x.i420LatencyMs > 0)).toBe(true);
  }, 290_000 + BACKENDS.length * SIZES.length * RAW_RUN_MS);
});
