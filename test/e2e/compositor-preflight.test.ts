/**
 * The pre-flight: both paths measured on the live loop at the output profile,
 * a choice with its reason, the configured path back afterwards, and none of the
 * trial frames handed to the engine's side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputOptions, PreflightResult } from '../../renderer/compositor/index';
import { openHarness, type Harness } from './compositor-harness/harness-server';
import { box, camera, collection, color, item, text } from './compositor-harness/scenes';

const OUTPUT: OutputOptions = { width: 1280, height: 720, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 2500, path: 'raw' };
const PATH_MS = 2000;

let h: Harness;
let result: PreflightResult;
let startedUs = 0;
let endedUs = 0;

beforeAll(async () => {
  h = await openHarness();
  await h.page.evaluate(async (o) => {
    await window.harness.start(o, 15);
    await window.harness.attachCamera('cam');
  }, OUTPUT);
  const c = collection([color('bg', '#102030'), camera('cam'), text('t', { text: 'Pre-flight', background: '#000000' })], {
    s: [item('bg', box(0, 0, 1280, 720)), item('cam', box(0, 0, 1280, 720)), item('t', box(40, 600, 400, 80))],
  });
  await h.page.evaluate((col) => window.harness.setCollection(col), c);
  await h.page.waitForTimeout(500);
  ({ result, startedUs, endedUs } = await h.page.evaluate(async (ms) => {
    const startedUs = window.harness.now();
    const result = await window.harness.preflight(false, ms);
    return { result, startedUs, endedUs: window.harness.now() };
  }, PATH_MS));
  await h.page.waitForTimeout(700);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('compositor pre-flight', () => {
  it('measures both paths at the output profile', () => {
    expect(result).toMatchObject({ width: 1280, height: 720, fps: 30, engineHasHardwareEncoder: false });
    for (const m of [result.raw, result.encoded]) {
      expect(m.ok).toBe(true);
      expect(m.error).toBeNull();
      expect(m.durationMs).toBeGreaterThanOrEqual(PATH_MS * 0.9);
      expect(m.achievedFps).toBeGreaterThan(0);
      expect(m.achievedFps).toBeLessThanOrEqual(31);
      expect(m.workerMsPerFrame).toBeGreaterThan(0);
      expect(m.workerMsPerFrame).toBeCloseTo(m.renderMs + m.readbackMs, 6);
    }
    expect(result.raw.path).toBe('raw');
    expect(result.encoded.path).toBe('encoded');
    expect(result.encoded.encodeLatencyMs).toBeGreaterThan(0);
    expect(result.raw.encodeLatencyMs).toBeNull();
  });

  it('chooses a path and says why', () => {
    expect(['raw', 'encoded']).toContain(result.choice);
    expect(result.reason.length).toBeGreaterThan(10);
    console.log(`pre-flight at 720p30: ${JSON.stringify(result)}`);
  });

  it('hands no trial frame to the engine side, and puts the configured path back', async () => {
    const ts = await h.page.evaluate(() => window.harness.timestamps());
    // Only raw frames were subscribed to before and after; none was made in the middle of the trials.
    const during = ts.filter((t) => t > startedUs + 600_000 && t < endedUs - 600_000);
    expect(during).toEqual([]);
    expect(ts.filter((t) => t > endedUs).length).toBeGreaterThan(10);
    expect((await h.page.evaluate(() => window.harness.stats())).path).toBe('raw');
    expect(await h.page.evaluate(() => window.harness.takeEncoded())).toEqual([]);
  });

  it('stops at once when the program starts going out, so going live never waits for it', async () => {
    const outcome = await h.page.evaluate(
      async ([o, ms]) => {
        window.harness.setOutput({ ...o, path: 'none' });
        const run = window.harness.preflight(false, ms).then(
          () => 'finished',
          (e: unknown) => String((e as { code?: unknown }).code ?? e),
        );
        await new Promise((r) => setTimeout(r, 600));
        const askedUs = window.harness.now();
        window.harness.setOutput(o);
        const result = await run;
        return { result, stoppedAfterMs: (window.harness.now() - askedUs) / 1000, askedUs };
      },
      [OUTPUT, 5_000] as const,
    );
    expect(outcome.result).toBe('PREFLIGHT_CANCELLED');
    expect(outcome.stoppedAfterMs).toBeLessThan(1_500);
    await h.page.waitForTimeout(1_500);
    const ts = await h.page.evaluate(() => window.harness.timestamps());
    // The program's own frames follow within the second after going live (not 2 x 5 s later).
    expect(ts.filter((t) => t > outcome.askedUs && t < outcome.askedUs + 1_000_000).length).toBeGreaterThan(15);
  });
});
