import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProbeReport } from '../../../../../main/engine/probe/probe';
import {
  PROBE_CACHE_FILE,
  PROBE_CACHE_MAX_AGE_MS,
  type ProbeCacheKey,
  cacheKeyFor,
  readCachedReport,
  writeCachedReport,
} from '../../../../../main/engine/probe/probe-cache';

const report = (ffmpegPath: string, version = '5.1.9-0+deb12u1'): ProbeReport => ({
  ffmpegPath,
  version,
  protocols: { rtmp: true, rtmps: true, srt: true, http: true, https: true, hls: true },
  muxers: { flv: true, mpegts: true, hls: true, matroska: true, mp4: true },
  encoders: [
    { name: 'libx264', codec: 'h264', family: 'x264', hardware: false, listed: true, works: true, reason: 'passed its trial encode', trialMs: 80 },
  ],
  selected: { name: 'libx264', reason: 'No hardware encoder passed its trial encode' },
  probedAt: '2025-01-01T00:00:00.000Z',
});

const NOW = 1_750_000_000_000;
let dir: string;
const key = (ffmpegPath = '/usr/bin/ffmpeg', sizeBytes = 100, mtimeMs = 5): ProbeCacheKey => ({ ffmpegPath, sizeBytes, mtimeMs });

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'onair-probe-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('probe cache', () => {
  it('misses when there is no file', async () => {
    expect(await readCachedReport(dir, key())).toEqual({ hit: false, why: 'absent' });
  });

  it('returns what was written for the same binary', async () => {
    await writeCachedReport(dir, key(), report('/usr/bin/ffmpeg'), NOW);
    expect(await readCachedReport(dir, key(), { now: NOW + 1000 })).toEqual({ hit: true, report: report('/usr/bin/ffmpeg') });
  });

  it('misses when the binary changed size or time', async () => {
    await writeCachedReport(dir, key(), report('/usr/bin/ffmpeg'), NOW);
    expect(await readCachedReport(dir, key('/usr/bin/ffmpeg', 101, 5), { now: NOW })).toEqual({ hit: false, why: 'changed' });
    expect(await readCachedReport(dir, key('/usr/bin/ffmpeg', 100, 6), { now: NOW })).toEqual({ hit: false, why: 'changed' });
  });

  it('expires entries so newly installed drivers are noticed', async () => {
    await writeCachedReport(dir, key(), report('/usr/bin/ffmpeg'), NOW);
    expect((await readCachedReport(dir, key(), { now: NOW + PROBE_CACHE_MAX_AGE_MS - 1 })).hit).toBe(true);
    expect(await readCachedReport(dir, key(), { now: NOW + PROBE_CACHE_MAX_AGE_MS + 1 })).toEqual({ hit: false, why: 'expired' });
    expect(await readCachedReport(dir, key(), { now: NOW - 60_000 })).toEqual({ hit: false, why: 'expired' });
  });

  it('keeps one entry per binary', async () => {
    await writeCachedReport(dir, key('/usr/bin/ffmpeg'), report('/usr/bin/ffmpeg', '5.1'), NOW);
    await writeCachedReport(dir, key('/opt/ff/ffmpeg'), report('/opt/ff/ffmpeg', '7.1'), NOW);
    await writeCachedReport(dir, key('/usr/bin/ffmpeg'), report('/usr/bin/ffmpeg', '5.1.9'), NOW);
    const a = await readCachedReport(dir, key('/usr/bin/ffmpeg'), { now: NOW });
    const b = await readCachedReport(dir, key('/opt/ff/ffmpeg'), { now: NOW });
    expect(a.hit && a.report.version).toBe('5.1.9');
    expect(b.hit && b.report.version).toBe('7.1');
    expect(JSON.parse(readFileSync(path.join(dir, PROBE_CACHE_FILE), 'utf8')).entries).toHaveLength(2);
  });

  it.each([
    ['not JSON', '{"schema": 1, "entr'],
    ['another schema', JSON.stringify({ schema: 99, entries: [] })],
    ['a report of the wrong shape', JSON.stringify({ schema: 1, entries: [{ ffmpegPath: '/usr/bin/ffmpeg', sizeBytes: 100, mtimeMs: 5, version: '5.1', savedAt: NOW, report: { version: 5 } }] })],
  ])('treats %s as corrupt and replaces it on the next write', async (_what, content) => {
    writeFileSync(path.join(dir, PROBE_CACHE_FILE), content);
    expect(await readCachedReport(dir, key(), { now: NOW })).toEqual({ hit: false, why: 'corrupt' });
    await writeCachedReport(dir, key(), report('/usr/bin/ffmpeg'), NOW);
    expect((await readCachedReport(dir, key(), { now: NOW })).hit).toBe(true);
    // Written through a temp file that was renamed into place: nothing else is left behind.
    expect(readdirSync(dir)).toEqual([PROBE_CACHE_FILE]);
  });

  it('creates the cache folder when it does not exist', async () => {
    const nested = path.join(dir, 'a', 'b');
    await writeCachedReport(nested, key(), report('/usr/bin/ffmpeg'), NOW);
    expect(readdirSync(nested)).toEqual([PROBE_CACHE_FILE]);
  });

  it('keys a binary by its size and modification time', async () => {
    const file = path.join(dir, 'ffmpeg');
    writeFileSync(file, '12345');
    const k = await cacheKeyFor(file);
    expect(k.ffmpegPath).toBe(file);
    expect(k.sizeBytes).toBe(5);
    expect(k.mtimeMs).toBeGreaterThan(0);
  });
});
