/**
 * The compositor in Chromium, checked on its raw output on both backends (Canvas 2D
 * and WebGL2, each forced, WebGL2 through SwiftShader here): I420 pixels sampled where
 * items should (and should not) be. Covers colour conversion, placement, crop,
 * rotation, opacity, z-order, the fade midpoint, the slide, text, camera and media
 * file sources, and the monitors. Output 320x180 keeps frames small; every check
 * waits for the first frame made after its collection was sent.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneCollection } from '../../preload/contract/model';
import { bt709Limited } from '../../renderer/compositor/shared/i420';
import type { Backend, OutputOptions } from '../../renderer/compositor/index';
import { ffmpegPath } from '../helpers/ffmpeg-process';
import type { Yuv } from './compositor-harness/harness-api';
import { openHarness, type Harness } from './compositor-harness/harness-server';
import { box, camera, collection, color, image, item, media, text } from './compositor-harness/scenes';

const W = 320;
const H = 180;
const OUTPUT: OutputOptions = { width: W, height: H, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 1000, path: 'raw' };
const BLACK = bt709Limited(0, 0, 0);
const WHITE = bt709Limited(255, 255, 255);
const RED = bt709Limited(255, 0, 0);
const GREEN = bt709Limited(0, 255, 0);
const BLUE = bt709Limited(0, 0, 255);
/** Colour conversion tolerance (codes), from the brief: ±2. */
const TOLERANCE = 2;
/** Every check runs on both backends, each forced, in its own browser. */
const BACKENDS: Backend[] = ['canvas2d', 'webgl2'];
/** A change must show within this time (it applies on the next frame; images decode first). */
const SETTLE_MS = 3000;

let h: Harness;

/** Makes the fixtures and starts the compositor on `backend` (forced: auto would pick Canvas 2D on this GPU-less machine). */
async function startOn(backend: Backend): Promise<void> {
  h = await openHarness({ softwareWebGl: backend === 'webgl2' });
  mkdirSync(h.fixtureDir, { recursive: true });
  // A red 2-second clip for the media file source (VP8: every Chromium build plays it).
  execFileSync(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=red:s=160x120:r=30:d=2', '-c:v', 'libvpx', '-b:v', '200k', join(h.fixtureDir, 'red.webm')]);
  // An animated GIF: 0.5 s red, then 0.5 s blue, looping.
  execFileSync(ffmpegPath(), [
    '-v', 'error',
    '-filter_complex', 'color=c=red:s=32x32:r=4:d=0.5[a];color=c=blue:s=32x32:r=4:d=0.5[b];[a][b]concat=n=2:v=1,split[x][y];[x]palettegen[p];[y][p]paletteuse',
    '-loop', '0', join(h.fixtureDir, 'red-blue.gif'),
  ]);
  const stats = await h.page.evaluate(({ o, backend }) => window.harness.start(o, 15, backend), { o: OUTPUT, backend });
  expect(stats.backend, stats.backendReason).toBe(backend);
}

/** Sends a collection, then samples points on frames made after it until `accept` holds (or time runs out). */
async function show(c: SceneCollection, points: Array<[number, number]>, accept: (s: Yuv[]) => boolean = () => true): Promise<Yuv[]> {
  const sentAt = await h.page.evaluate((col) => {
    window.harness.setCollection(col);
    return window.harness.now();
  }, c);
  const deadline = Date.now() + SETTLE_MS;
  let after = sentAt;
  for (;;) {
    const samples = await h.page.evaluate(
      async ({ after, points }) => {
        const ts = await window.harness.rawFrameAfter(after);
        return { ts, samples: window.harness.sample(ts, points) };
      },
      { after, points },
    );
    if (accept(samples.samples) || Date.now() > deadline) return samples.samples;
    after = samples.ts + 1;
  }
}

function expectYuv(actual: Yuv | undefined, expected: { y: number; u: number; v: number }, tolerance = TOLERANCE): void {
  expect(actual).toBeDefined();
  expect(Math.abs(actual!.y - expected.y), `Y ${actual!.y} vs ${expected.y.toFixed(1)}`).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual!.u - expected.u), `U ${actual!.u} vs ${expected.u.toFixed(1)}`).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual!.v - expected.v), `V ${actual!.v} vs ${expected.v.toFixed(1)}`).toBeLessThanOrEqual(tolerance);
}

const near = (a: Yuv | undefined, b: { y: number; u: number; v: number }) => !!a && Math.abs(a.y - b.y) <= 3 && Math.abs(a.u - b.u) <= 3 && Math.abs(a.v - b.v) <= 3;

describe.each(BACKENDS)('compositor pixels on %s (raw I420 output)', (backend) => {
  beforeAll(() => startOn(backend), 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('converts known colours to BT.709 limited range', async () => {
    const hexes: Array<[string, [number, number, number]]> = [
      ['#000000', [0, 0, 0]],
      ['#ffffff', [255, 255, 255]],
      ['#ff0000', [255, 0, 0]],
      ['#00ff00', [0, 255, 0]],
      ['#0000ff', [0, 0, 255]],
      ['#808080', [128, 128, 128]],
    ];
    const stripe = 52;
    const c = collection(
      hexes.map(([hex], i) => color(`c${i}`, hex)),
      { s: hexes.map((_, i) => item(`c${i}`, box(i * stripe, 0, stripe, H))) },
    );
    // The worker may compose a frame or two stamped after `sentAt` before it reads the collection: wait for the white stripe.
    const samples = await show(c, hexes.map((_, i) => [i * stripe + stripe / 2, H / 2]), (s) => near(s[1], WHITE));
    hexes.forEach(([, [r, g, b]], i) => expectYuv(samples[i], bt709Limited(r, g, b)));
  });

  it('places an image at x, y, width, height and nowhere else', async () => {
    await h.page.evaluate(() => window.harness.setQuadrantImage('img', 40, 30, ['#ff0000', '#ff0000', '#ff0000', '#ff0000']));
    const c = collection([image('img')], { s: [item('img', box(100, 50, 80, 40))] });
    const [inside, left, right, above, below] = await show(c, [[140, 70], [96, 70], [184, 70], [140, 46], [140, 94]], (s) => near(s[0], RED));
    expectYuv(inside, RED);
    for (const outside of [left, right, above, below]) expectYuv(outside, BLACK);
  });

  it('crops the source before scaling it', async () => {
    await h.page.evaluate(() => window.harness.setQuadrantImage('quad', 64, 64, ['#ff0000', '#00ff00', '#0000ff', '#ffffff']));
    // Keep the left half (red over blue), stretched over 100x100.
    const c = collection([image('quad')], { s: [item('quad', box(0, 0, 100, 100, { crop: { top: 0, right: 32, bottom: 0, left: 0 } }))] });
    const [topLeft, topRight, bottomLeft, bottomRight] = await show(c, [[24, 24], [76, 24], [24, 76], [76, 76]], (s) => near(s[0], RED));
    expectYuv(topLeft, RED);
    expectYuv(topRight, RED);
    expectYuv(bottomLeft, BLUE);
    expectYuv(bottomRight, BLUE);
  });

  it('rotates around the centre: 90 degrees turns a wide bar upright', async () => {
    const bar = (rotationDeg: number) => collection([color('bar', '#ffffff')], { s: [item('bar', box(100, 80, 120, 20, { rotationDeg }))] });
    const points: Array<[number, number]> = [[160, 90], [110, 90], [210, 90], [160, 40], [160, 140]];
    const [c0, l0, r0, t0, b0] = await show(bar(0), points, (s) => near(s[1], WHITE));
    expectYuv(c0, WHITE);
    expectYuv(l0, WHITE);
    expectYuv(r0, WHITE);
    expectYuv(t0, BLACK);
    expectYuv(b0, BLACK);
    const [c90, l90, r90, t90, b90] = await show(bar(90), points, (s) => near(s[3], WHITE));
    expectYuv(c90, WHITE);
    expectYuv(l90, BLACK);
    expectYuv(r90, BLACK);
    expectYuv(t90, WHITE);
    expectYuv(b90, WHITE);
  });

  it('blends at the item opacity: 50% white over black', async () => {
    const c = collection([color('w', '#ffffff')], { s: [item('w', box(0, 0, W, H), { opacity: 0.5 })] });
    const [mid] = await show(c, [[W / 2, H / 2]], (s) => s[0]!.y > BLACK.y + 50);
    expect(Math.abs(mid!.y - bt709Limited(127.5, 127.5, 127.5).y)).toBeLessThanOrEqual(TOLERANCE);
    expectYuv(mid, { y: mid!.y, u: 128, v: 128 });
  });

  it('draws later items on top, and skips hidden ones', async () => {
    const sources = [color('r', '#ff0000'), color('g', '#00ff00')];
    const redUnder = collection(sources, { s: [item('r', box(0, 0, W, H)), item('g', box(100, 50, 100, 80))] });
    expectYuv((await show(redUnder, [[150, 90]], (s) => near(s[0], GREEN)))[0], GREEN);
    const greenUnder = collection(sources, { s: [item('g', box(100, 50, 100, 80)), item('r', box(0, 0, W, H))] });
    expectYuv((await show(greenUnder, [[150, 90]], (s) => near(s[0], RED)))[0], RED);
    const redHidden = collection(sources, { s: [item('g', box(100, 50, 100, 80)), item('r', box(0, 0, W, H), { visible: false })] });
    expectYuv((await show(redHidden, [[150, 90]], (s) => near(s[0], GREEN)))[0], GREEN);
  });

  it("fades: every fresh frame is the blend at its time, the midpoint's the 50% blend", async () => {
    const sources = [color('w', '#ffffff'), color('k', '#000000')];
    const scenes = { white: [item('w', box(0, 0, W, H))], black: [item('k', box(0, 0, W, H))] };
    const fade = { kind: 'fade' as const, durationMs: 1000 };
    await show(collection(sources, scenes, { transition: fade }), [[0, 0]], (s) => near(s[0], WHITE));
    await h.page.evaluate(() => window.harness.takeTransition());
    await show(collection(sources, scenes, { transition: fade, programSceneId: 'black', previewSceneId: 'black' }), [[0, 0]], (s) => near(s[0], BLACK));
    const t = await h.page.evaluate(() => window.harness.takeTransition());
    expect(t).toMatchObject({ kind: 'fade', fromSceneId: 'white', toSceneId: 'black', durationUs: 1_000_000 });
    const frames = await h.page.evaluate((t) => {
      const inFade = window.harness.timestamps().filter((x) => x >= t.startUs && x < t.startUs + t.durationUs);
      return inFade.sort((a, b) => a - b).map((ts) => ({ ts, y: window.harness.sample(ts, [[160, 90]])[0]!.y }));
    }, t!);
    // A slot whose tick or GPU was late repeats the previous picture (CFR): judge each picture at the slot it was made for.
    const fresh = frames.filter((f, i) => i === 0 || f.y !== frames[i - 1]!.y);
    const blendY = (ts: number) => {
      const grey = 255 * (1 - (ts - t!.startUs) / t!.durationUs); // white fading to black
      return bt709Limited(grey, grey, grey).y;
    };
    for (const f of fresh) expect(Math.abs(f.y - blendY(f.ts)), `fresh frame at ${f.ts - t!.startUs} µs into the fade`).toBeLessThanOrEqual(3);
    const target = t!.startUs + t!.durationUs / 2;
    const midpoint = frames.reduce((best, f) => (Math.abs(f.ts - target) < Math.abs(best.ts - target) ? f : best));
    expect(Math.abs(midpoint.ts - target)).toBeLessThanOrEqual(2);
    const madeFor = fresh.filter((f) => f.ts <= midpoint.ts).at(-1)!;
    expect(Math.abs(midpoint.y - blendY(madeFor.ts))).toBeLessThanOrEqual(3);
    // Most slots were fresh, and the midpoint's picture is mid-fade (the 50% blend itself when that slot was fresh).
    expect(fresh.length).toBeGreaterThan(frames.length / 2);
    expect(Math.abs(madeFor.ts - target)).toBeLessThanOrEqual(t!.durationUs / 5);
  });

  it('slides the new scene in from the right', async () => {
    const sources = [color('r', '#ff0000'), color('b', '#0000ff')];
    const scenes = { red: [item('r', box(0, 0, W, H))], blue: [item('b', box(0, 0, W, H))] };
    const slide = { kind: 'slide' as const, durationMs: 1000 };
    await show(collection(sources, scenes, { transition: slide }), [[0, 0]], (s) => near(s[0], RED));
    await h.page.evaluate(() => window.harness.takeTransition());
    await show(collection(sources, scenes, { transition: slide, programSceneId: 'blue', previewSceneId: 'blue' }), [[0, 0]], (s) => near(s[0], BLUE));
    const t = (await h.page.evaluate(() => window.harness.takeTransition()))!;
    expect(t.kind).toBe('slide');
    // Halfway the eased slide has travelled half the width: old scene on the left, new on the right.
    const [left, right] = await h.page.evaluate(
      ({ t, points }) => {
        const target = t.startUs + t.durationUs / 2;
        const ts = window.harness.timestamps().reduce((best, x) => (Math.abs(x - target) < Math.abs(best - target) ? x : best));
        return window.harness.sample(ts, points);
      },
      { t, points: [[W / 4, 90], [(3 * W) / 4, 90]] as Array<[number, number]> },
    );
    expectYuv(left, RED);
    expectYuv(right, BLUE);
  });

  it('renders text with its background and colour', async () => {
    const c = collection([text('t', { text: 'OnAir', background: '#0000ff', color: '#ffffff', sizePx: 40 })], { s: [item('t', box(20, 20, 200, 60))] });
    // A corner of the item is background; somewhere along the middle line is a white glyph.
    const row = Array.from({ length: 90 }, (_, i): [number, number] => [30 + i * 2, 50]);
    const samples = await show(c, [[22, 22], ...row], (s) => near(s[0], BLUE));
    expectYuv(samples[0], BLUE);
    expect(Math.max(...samples.slice(1).map((s) => s.y))).toBeGreaterThan(BLUE.y + 60);
  });

  it('shows a camera stream and a media file', async () => {
    await h.page.evaluate(() => window.harness.attachCamera('cam'));
    const c = collection([camera('cam'), media('clip', `${h.baseUrl}/fixtures/red.webm`)], {
      s: [item('cam', box(0, 0, 160, 180)), item('clip', box(160, 0, 160, 180))],
    });
    const [cam, clip] = await show(c, [[80, 90], [240, 90]], (s) => s[0]!.y > BLACK.y + 10 && near(s[1], RED));
    expect(cam!.y).toBeGreaterThan(BLACK.y + 10);
    expectYuv(clip, RED, 6); // through a VP8 encode and back: a little colour drift
  });

  it('plays an animated GIF', async () => {
    const gif = image('gif', `${h.baseUrl}/fixtures/red-blue.gif`);
    const c = collection([gif], { s: [item('gif', box(0, 0, W, H))] });
    const seen = { red: false, blue: false };
    const first = await show(c, [[W / 2, H / 2]], (s) => near(s[0], RED) || near(s[0], BLUE));
    const deadline = Date.now() + 2500;
    let after = await h.page.evaluate(() => window.harness.now());
    for (let s = first[0]; Date.now() < deadline && !(seen.red && seen.blue); ) {
      seen.red ||= near(s, RED);
      seen.blue ||= near(s, BLUE);
      const next = await h.page.evaluate(async (after) => {
        const ts = await window.harness.rawFrameAfter(after);
        return { ts, s: window.harness.sample(ts, [[160, 90]])[0]! };
      }, after);
      after = next.ts + 100_000;
      s = next.s;
    }
    expect(seen).toEqual({ red: true, blue: true });
  });

  it('sends monitors, with the preview in studio mode', async () => {
    const sources = [color('r', '#ff0000'), color('b', '#0000ff')];
    const scenes = { red: [item('r', box(0, 0, W, H))], blue: [item('b', box(0, 0, W, H))] };
    await show(collection(sources, scenes, { studioMode: true, previewSceneId: 'blue' }), [[0, 0]], (s) => near(s[0], RED));
    const before = await h.page.evaluate(() => window.harness.monitorCount());
    await h.page.waitForTimeout(1000);
    const after = await h.page.evaluate(() => window.harness.monitorCount());
    expect(after.program - before.program).toBeGreaterThanOrEqual(8);
    expect(after.preview - before.preview).toBeGreaterThanOrEqual(8);
  });

  it('encodes the same picture on the encoded path (H.264 decoded back by ffmpeg)', async () => {
    await show(collection([color('g', '#00ff00')], { s: [item('g', box(0, 0, W, H))] }), [[W / 2, H / 2]], (s) => near(s[0], GREEN));
    await h.page.evaluate((o) => {
      window.harness.takeEncoded();
      window.harness.setOutput(o);
    }, { ...OUTPUT, path: 'encoded' as const });
    await expect.poll(() => h.page.evaluate(() => window.harness.stats().framesSent), { timeout: SETTLE_MS }).toBeGreaterThan(0);
    await h.page.waitForTimeout(1000);
    const units = await h.page.evaluate(() => window.harness.takeEncoded());
    await h.page.evaluate((o) => window.harness.setOutput(o), OUTPUT);
    const first = units.findIndex((u) => u.keyframe);
    expect(first).toBeGreaterThanOrEqual(0);
    const file = join(h.fixtureDir, `${backend}.h264`);
    writeFileSync(file, Buffer.concat(units.slice(first).map((u) => Buffer.from(u.base64, 'base64'))));
    const frame = execFileSync(ffmpegPath(), ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-']);
    expect(frame.length).toBe((W * H * 3) / 2);
    const c = (H / 4) * (W / 2) + W / 4; // the chroma sample under the centre
    expectYuv({ y: frame[(H / 2) * W + W / 2]!, u: frame[W * H + c]!, v: frame[W * H + (W * H) / 4 + c]! }, GREEN, 6); // through H.264 at 1 Mb/s
  });

  it('reports its backend, why, and (WebGL2) the GPU readback it used', async () => {
    const stats = await h.page.evaluate(() => window.harness.stats());
    expect(stats.backend).toBe(backend);
    expect(stats.backendReason).toMatch(backend === 'webgl2' ? /WebGL2 was asked for/ : /Canvas 2D was asked for/);
    // Stats come every half second: after the path change above, wait for a window with a finished GPU readback.
    const latency = () => h.page.evaluate(() => window.harness.stats().readbackLatencyMs ?? 0);
    if (backend === 'webgl2') await expect.poll(latency, { timeout: SETTLE_MS }).toBeGreaterThan(0);
    else expect(stats.readbackLatencyMs).toBeNull();
  });

  it('reported no error along the way', async () => {
    expect(h.pageErrors).toEqual([]);
    expect(await h.page.evaluate(() => window.harness.errors())).toEqual([]);
  });
});

describe('backend choice (auto)', () => {
  afterAll(async () => {
    await h?.close();
  });

  it('picks Canvas 2D on this GPU-less machine, where WebGL2 is SwiftShader, and says why', async () => {
    h = await openHarness({ softwareWebGl: true }); // WebGL2 present, but software: auto must not take it
    const stats = await h.page.evaluate((o) => window.harness.start(o, 15), { ...OUTPUT, path: 'none' as const });
    expect(stats.glRenderer).toMatch(/swiftshader/i);
    expect(stats.glSoftware).toBe(true);
    expect(stats.backend).toBe('canvas2d');
    expect(stats.backendReason).toMatch(/software-rendered .*Canvas 2D is faster/);
  });
});

describe('GPU reset (WebGL2 context lost)', () => {
  afterAll(async () => {
    await h?.close();
  });

  it('falls back to Canvas 2D mid-stream: every slot still sent, scenes still drawn, the streamer told', async () => {
    h = await openHarness({ softwareWebGl: true });
    await h.page.evaluate((o) => window.harness.start(o, 15, 'webgl2'), OUTPUT);
    await show(collection([color('r', '#ff0000')], { s: [item('r', box(0, 0, W, H))] }), [[W / 2, H / 2]], (s) => near(s[0], RED));
    const crashedAt = await h.page.evaluate(() => window.harness.now());
    // Chromium's own way to crash the GPU process: every WebGL context in the browser is lost.
    const cdp = await h.browser.newBrowserCDPSession();
    await cdp.send('Browser.crashGpuProcess');
    await expect.poll(() => h.page.evaluate(() => window.harness.stats().backend), { timeout: SETTLE_MS }).toBe('canvas2d');
    const [after] = await show(collection([color('r', '#ff0000'), color('g', '#00ff00')], { s: [item('g', box(0, 0, W, H))] }), [[W / 2, H / 2]], (s) => near(s[0], GREEN));
    expectYuv(after, GREEN);
    expect(await h.page.evaluate(() => window.harness.stats().backendReason)).toMatch(/GPU context was lost/);
    expect(await h.page.evaluate(() => window.harness.errors())).toEqual([expect.stringMatching(/graphics card reset.*Canvas 2D/)]);
    // The 30 fps grid carries on across the reset: no slot missing.
    const gaps = await h.page.evaluate((from) => {
      const ts = window.harness.timestamps().filter((t) => t >= from - 500_000);
      return ts.slice(1).map((t, i) => t - ts[i]!);
    }, crashedAt);
    expect(gaps.length).toBeGreaterThan(15);
    // All the steps, when it fails: a skipped slot and frames delivered out of order (a sink swap) read differently.
    expect(Math.max(...gaps), `timestamp steps around the reset: ${gaps.join(' ')}`).toBeLessThanOrEqual(Math.ceil(1e6 / OUTPUT.fps));
  });
});
