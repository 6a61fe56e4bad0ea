/**
 * Compositor numbers in Chromium on this machine (`npm run bench:compositor`; a
 * bench, so it lives in its own vitest project that `npm test` does not run):
 * per-frame worker time on each path at 720p and 1080p (the pre-flight's own
 * measurement, on a realistic scene: full-screen camera, image, text, colour),
 * encode latency, and the readback and I420 conversion steps on their own.
 * Prints JSON and writes test-results/compositor-bench.json; asserts only that
 * the numbers exist (tests never assert speed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputOptions, PreflightResult } from '../../../renderer/compositor/index';
import type { ReadbackBench } from '../../e2e/compositor-harness/harness-api';
import { openHarness, type Harness } from '../../e2e/compositor-harness/harness-server';
import { box, camera, collection, color, image, item, text } from '../../e2e/compositor-harness/scenes';

const RESULTS = fileURLToPath(new URL('../../../test-results/', import.meta.url));
const PATH_MS = 2500;
const READBACK_ROUNDS = 30;
const SIZES = [
  [1280, 720],
  [1920, 1080],
] as const;

let h: Harness;

beforeAll(async () => {
  h = await openHarness();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('compositor bench', () => {
  it('measures both paths at 720p and 1080p, and the readback steps', async () => {
    const preflights: PreflightResult[] = [];
    const readbacks: ReadbackBench[] = [];
    const output = (width: number, height: number): OutputOptions => ({ width, height, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 4000, path: 'none' });
    await h.page.evaluate(async (o) => {
      await window.harness.start(o, 15);
      await window.harness.attachCamera('cam');
      await window.harness.setQuadrantImage('logo', 256, 256, ['#ff0000', '#00ff00', '#0000ff', '#ffffff']);
    }, output(1280, 720));
    for (const [width, height] of SIZES) {
      const c = collection([color('bg', '#102030'), camera('cam'), image('logo'), text('t', { text: 'Bench', sizePx: 48, background: '#000000' })], {
        s: [item('bg', box(0, 0, width, height)), item('cam', box(0, 0, width, height)), item('logo', box(width - 300, 40, 256, 256)), item('t', box(40, height - 120, 500, 80))],
      });
      await h.page.evaluate(({ c, o }) => {
        window.harness.setOutput(o);
        window.harness.setCollection(c);
      }, { c, o: output(width, height) });
      await h.page.waitForTimeout(500);
      preflights.push(await h.page.evaluate((ms) => window.harness.preflight(false, ms), PATH_MS));
      readbacks.push(await h.page.evaluate(({ w, hh, n }) => window.harness.benchReadback(w, hh, n), { w: width, hh: height, n: READBACK_ROUNDS }));
    }
    const report = { preflights, readbacks };
    console.log(JSON.stringify(report, null, 1));
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'compositor-bench.json'), JSON.stringify(report, null, 1));
    for (const p of preflights) {
      expect(p.raw.ok && p.encoded.ok).toBe(true);
      expect(p.raw.workerMsPerFrame).toBeGreaterThan(0);
    }
    expect(readbacks.every((r) => r.i420Ms > 0)).toBe(true);
  }, 60_000);
});
