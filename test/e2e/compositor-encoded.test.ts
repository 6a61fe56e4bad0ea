/**
 * The encoded path in Chromium: WebCodecs H.264 access units in Annex B, one per
 * frame slot at the output rate, keyframes every keyframe interval (the first one
 * too), and a stream that ffprobe decodes at the right size and frame count.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompositorStats, OutputOptions } from '../../renderer/compositor/index';
import { frameCount, probeStreams } from '../helpers/ffprobe';
import type { EncodedUnit } from './compositor-harness/harness-api';
import { openHarness, type Harness } from './compositor-harness/harness-server';
import { box, camera, collection, color, item, text } from './compositor-harness/scenes';

const FPS = 30;
const KEYFRAME_INTERVAL_S = 1;
const OUTPUT: OutputOptions = { width: 640, height: 360, fps: FPS, keyframeIntervalS: KEYFRAME_INTERVAL_S, videoBitrateKbps: 1500, path: 'encoded' };
const RUN_MS = 3500;

let h: Harness;
let units: EncodedUnit[] = [];
let bytes: Uint8Array[] = [];
let dir = '';
let statsWhileEncoding: CompositorStats | null = null;

beforeAll(async () => {
  h = await openHarness();
  dir = mkdtempSync(join(tmpdir(), 'compositor-encoded-'));
  // The scene is set before the path starts, so the first unit is the first picture.
  await h.page.evaluate(async (o) => {
    await window.harness.start({ ...o, path: 'none' }, 15);
    await window.harness.attachCamera('cam');
  }, OUTPUT);
  const c = collection([color('bg', '#102030'), camera('cam'), text('t', { text: 'Encoded', background: '#000000' })], {
    s: [item('bg', box(0, 0, 640, 360)), item('cam', box(20, 20, 400, 300)), item('t', box(440, 20, 180, 60))],
  });
  await h.page.evaluate((col) => window.harness.setCollection(col), c);
  await h.page.evaluate((o) => window.harness.setOutput(o), OUTPUT);
  await h.page.waitForTimeout(RUN_MS);
  statsWhileEncoding = await h.page.evaluate(() => window.harness.stats());
  await h.page.evaluate(() => window.harness.setOutput({ width: 640, height: 360, fps: 30, keyframeIntervalS: 1, videoBitrateKbps: 1500, path: 'none' }));
  await h.page.waitForTimeout(300); // the encoder flushes what it holds
  units = await h.page.evaluate(() => window.harness.takeEncoded());
  units.sort((a, b) => a.timestampUs - b.timestampUs);
  bytes = units.map((u) => new Uint8Array(Buffer.from(u.base64, 'base64')));
}, 60_000);

afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('compositor encoded path', () => {
  it('makes one access unit per frame slot at the output rate', () => {
    const expected = (RUN_MS / 1000) * FPS;
    expect(units.length).toBeGreaterThanOrEqual(Math.floor(expected * 0.85));
    expect(units.length).toBeLessThanOrEqual(Math.ceil(expected * 1.15));
    const steps = units.slice(1).map((u, i) => u.timestampUs - units[i]!.timestampUs);
    expect(steps.filter((d) => Math.abs(d - 1e6 / FPS) > 1)).toEqual([]);
  });

  it('writes Annex B: every unit starts with a start code', () => {
    for (const unit of bytes) {
      const three = unit[0] === 0 && unit[1] === 0 && unit[2] === 1;
      const four = unit[0] === 0 && unit[1] === 0 && unit[2] === 0 && unit[3] === 1;
      expect(three || four).toBe(true);
    }
  });

  it('starts with a keyframe and forces one every keyframe interval', () => {
    expect(units[0]!.keyframe).toBe(true);
    const keyIndexes = units.flatMap((u, i) => (u.keyframe ? [i] : []));
    expect(keyIndexes.length).toBeGreaterThanOrEqual(3);
    const gaps = keyIndexes.slice(1).map((k, i) => k - keyIndexes[i]!);
    for (const gap of gaps) expect(Math.abs(gap - KEYFRAME_INTERVAL_S * FPS)).toBeLessThanOrEqual(1);
    // A keyframe unit really holds an IDR slice, with SPS and PPS in front of it.
    const nalTypes = (unit: Uint8Array) => {
      const types: number[] = [];
      for (let i = 0; i + 3 < unit.length; i++) if (unit[i] === 0 && unit[i + 1] === 0 && unit[i + 2] === 1) types.push(unit[i + 3]! & 0x1f);
      return types;
    };
    expect(nalTypes(bytes[0]!)).toEqual(expect.arrayContaining([7, 8, 5]));
    expect(nalTypes(bytes[1]!)).not.toContain(5);
  });

  it('decodes with ffprobe: H.264 at the output size, every frame', async () => {
    const file = join(dir, 'program.h264');
    writeFileSync(file, Buffer.concat(bytes));
    const probe = await probeStreams(file);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(await frameCount(file, { decode: true })).toBe(units.length);
  });

  it('makes a keyframe on request, off the regular cadence', async () => {
    await h.page.evaluate((o) => window.harness.setOutput(o), OUTPUT);
    await h.page.waitForTimeout(450);
    await h.page.evaluate(() => window.harness.requestKeyframe());
    await h.page.waitForTimeout(400);
    await h.page.evaluate((o) => window.harness.setOutput({ ...o, path: 'none' }), OUTPUT);
    await h.page.waitForTimeout(300);
    const run = (await h.page.evaluate(() => window.harness.takeEncoded())).sort((a, b) => a.timestampUs - b.timestampUs);
    // Under a second of output: the regular cadence gives one keyframe (the first); the request adds one.
    expect(run.length).toBeLessThan(KEYFRAME_INTERVAL_S * FPS);
    const keys = run.flatMap((u, i) => (u.keyframe ? [i] : []));
    expect(keys[0]).toBe(0);
    expect(keys).toHaveLength(2);
  });

  it('keeps the encoder when the same output is asked for again: one unit per slot, in order, and a keyframe for the new receiver', async () => {
    await h.page.evaluate((o) => window.harness.setOutput(o), OUTPUT);
    await h.page.waitForTimeout(450);
    await h.page.evaluate((o) => window.harness.setOutput(o), OUTPUT);
    await h.page.waitForTimeout(400);
    await h.page.evaluate((o) => window.harness.setOutput({ ...o, path: 'none' }), OUTPUT);
    await h.page.waitForTimeout(300);
    const run = await h.page.evaluate(() => window.harness.takeEncoded());
    const steps = run.slice(1).map((u, i) => u.timestampUs - run[i]!.timestampUs);
    expect(steps.filter((d) => Math.abs(d - 1e6 / FPS) > 1)).toEqual([]);
    const keys = run.flatMap((u, i) => (u.keyframe ? [i] : []));
    expect(keys[0]).toBe(0);
    expect(keys).toHaveLength(2);
  });

  it('reports the codec and no error', async () => {
    expect(statsWhileEncoding).toMatchObject({ path: 'encoded', codec: expect.stringMatching(/^avc1\.(64|4d|42)00/), droppedFrames: 0 });
    expect(statsWhileEncoding!.encodeLatencyMs).toBeGreaterThan(0);
    const errors = await h.page.evaluate(() => window.harness.errors());
    expect(errors).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
