/**
 * A live stream through LocalOrigin: the real engine (test card -> libx264 + AAC
 * -> HLS folder, in-process, as `onair broadcast --hls` wires it) served over
 * real HTTP, read back by ffprobe, and played by the watch page in Debian's
 * Chromium until the video clock advances; then the broadcast stops and the page
 * must say so. Every wait polls a condition under one shared deadline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOrigin, SEGMENT_MAX_AGE_S, playlistMaxAgeS, type LocalOriginAddress } from '../../main/origin/local-origin';
import { launchChromium } from '../helpers/chromium';
import { startEngine, type EngineRun } from '../helpers/engine-harness';
import { probeStreams } from '../helpers/ffprobe';

const SEGMENT_S = 2;
const PLAYLIST_LENGTH = 6;
/** The whole file: start, probe, play, end. */
const TOTAL_BUDGET_MS = 60_000;
/** ffprobe needs two whole segments to find both streams without waiting on the next. */
const SEGMENTS_BEFORE_PROBE = 2;
const POLL_MS = 250;
/** The watch page must have played this much of the stream. */
const PLAYED_S = 1;
/** Generous: the page shows PDT latency on the same machine, about three segments plus buffering. */
const MAX_LATENCY_S = 20;

const deadline = Date.now() + TOTAL_BUDGET_MS;
/** Time left in the file's budget, for each wait's timeout. */
const remainingMs = () => Math.max(1, deadline - Date.now());

interface WatchState {
  state: string;
  player: string | null;
  currentTime: number;
  playedS: number;
  latency: number | null;
}

let dir = '';
let run: EngineRun | null = null;
let origin: LocalOrigin;
let address: LocalOriginAddress;
let browser: Browser | null = null;

/** Resolves with fn's first truthy result, polling every POLL_MS until the shared deadline. */
async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>): Promise<T> {
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

function segmentsIn(playlist: string): string[] {
  return playlist.split('\n').filter((line) => line.endsWith('.ts'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-origin-live-'));
  origin = new LocalOrigin({ hlsDir: dir, segmentSeconds: SEGMENT_S });
  address = await origin.start();
  run = await startEngine([{ id: 'hls', name: 'HLS', kind: 'hls', dir, segmentSeconds: SEGMENT_S, playlistLength: PLAYLIST_LENGTH }]);
  await until('the playlist to list two segments', async () => {
    const res = await fetch(address.url);
    return res.ok && segmentsIn(await res.text()).length >= SEGMENTS_BEFORE_PROBE;
  });
}, TOTAL_BUDGET_MS);

afterAll(async () => {
  await browser?.close();
  await run?.stop();
  await origin?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a live test card through LocalOrigin', () => {
  it('is H.264 + AAC at 640x360 to ffprobe over HTTP', async () => {
    const probed = await probeStreams(address.url, { timeoutMs: remainingMs() });
    expect(probed.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(probed.audio).toMatchObject({ codec: 'aac', sampleRate: 48_000, channels: 2 });
  });

  it('serves the playlist and segments with the specified headers', async () => {
    const playlist = await fetch(address.url, { headers: { Origin: 'http://example.test' } });
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(playlist.headers.get('cache-control')).toBe(`max-age=${playlistMaxAgeS(SEGMENT_S)}`);
    expect(playlistMaxAgeS(SEGMENT_S)).toBeLessThan(SEGMENT_S);
    expect(playlist.headers.get('access-control-allow-origin')).toBe('*');
    const text = await playlist.text();
    expect(text).toMatch(/^#EXTM3U/);
    expect(text).toMatch(/#EXT-X-PROGRAM-DATE-TIME:/);
    const names = segmentsIn(text);
    expect(names.every((name) => /^segment_\d{6}\.ts$/.test(name))).toBe(true);

    const first = new URL(names[0]!, address.url).href;
    const head = await fetch(first, { method: 'HEAD' });
    const get = await fetch(first);
    const body = Buffer.from(await get.arrayBuffer());
    for (const res of [head, get]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('video/mp2t');
      expect(res.headers.get('cache-control')).toBe(`public, max-age=${SEGMENT_MAX_AGE_S}, immutable`);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      expect(res.headers.get('last-modified')).toBeTruthy();
      expect(res.headers.get('content-length')).toBe(String(body.length));
    }
    // A whole MPEG-TS file: 188-byte packets, each starting with the sync byte.
    expect(body.length % 188).toBe(0);
    expect(body[0]).toBe(0x47);
    expect(body[body.length - 188]).toBe(0x47);
  });

  it('plays in Chromium from the watch page, showing the live latency, then says the stream ended', async () => {
    browser = await launchChromium(remainingMs());
    const page: Page = await browser.newPage();
    const consoleErrors: string[] = [];
    const foreignRequests: string[] = [];
    const base = new URL(address.watchUrl).origin;
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(`${base}/`) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreignRequests.push(r.url());
    });
    await page.goto(address.watchUrl, { timeout: remainingMs() });

    await page.waitForFunction((played) => {
      const w = (window as unknown as { __watch?: { playedS: number } }).__watch;
      return w !== undefined && w.playedS > played;
    }, PLAYED_S, { timeout: remainingMs(), polling: POLL_MS });
    await page.waitForFunction(() => (window as unknown as { __watch: { latency: number | null } }).__watch.latency !== null, undefined, { timeout: remainingMs(), polling: POLL_MS });
    const watch = await page.evaluate(() => (window as unknown as { __watch: WatchState }).__watch);
    expect(watch).toMatchObject({ state: 'live', player: 'hls.js' });
    expect(await page.getAttribute('html', 'data-state')).toBe('live');
    expect(watch.latency).toBeGreaterThan(0);
    expect(watch.latency).toBeLessThan(MAX_LATENCY_S);
    expect(await page.textContent('#latency')).toMatch(/^Live latency: \d+\.\d s$/);
    expect(await page.textContent('#status')).toBe('Live');

    // Stop broadcasting: the origin ends the playlist once it goes stale, the page plays out and says so.
    await run!.stop();
    run = null;
    await page.waitForFunction(() => document.documentElement.dataset['state'] === 'ended', undefined, { timeout: remainingMs(), polling: POLL_MS });
    expect(await page.textContent('#status')).toBe('Stream ended');

    expect(foreignRequests).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
