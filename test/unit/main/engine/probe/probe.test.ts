import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../../../../main/engine/errors';
import { createLogger, memorySink, type LogRecord } from '../../../../../main/engine/logger';
import type { Command } from '../../../../../main/engine/types';
import {
  type ProbeRunner,
  type RunResult,
  TRIAL_CONCURRENCY,
  probeFfmpeg,
  trialCommand,
} from '../../../../../main/engine/probe/probe';
import { PROBE_CACHE_FILE } from '../../../../../main/engine/probe/probe-cache';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/ffmpeg/${name}`, import.meta.url), 'utf8');
const LISTS: Record<string, string> = {
  '-version': fixture('debian12-ffmpeg5.1-version.txt'),
  '-protocols': fixture('debian12-ffmpeg5.1-protocols.txt'),
  '-muxers': fixture('debian12-ffmpeg5.1-muxers.txt'),
  '-encoders': fixture('debian12-ffmpeg5.1-encoders.txt'),
};
const NVENC_STDERR = fixture('debian12-ffmpeg5.1-trial-h264_nvenc.stderr.txt');
const QSV_STDERR = fixture('debian12-ffmpeg5.1-trial-h264_qsv.stderr.txt');
const VAAPI_STDERR = fixture('debian12-ffmpeg5.1-trial-h264_vaapi.stderr.txt');

type TrialOutcome = Partial<RunResult> & { delayMs?: number };

/** Answers like Debian's ffmpeg on a machine without a GPU, unless told otherwise; records every spawn. */
class FakeFfmpeg {
  readonly commands: Command[] = [];
  outcomes: Record<string, TrialOutcome> = {
    h264_nvenc: { exitCode: 1, stderr: NVENC_STDERR },
    hevc_nvenc: { exitCode: 1, stderr: NVENC_STDERR },
    h264_qsv: { exitCode: 1, stderr: QSV_STDERR },
    hevc_qsv: { exitCode: 1, stderr: QSV_STDERR },
    h264_vaapi: { exitCode: 1, stderr: VAAPI_STDERR },
    hevc_vaapi: { exitCode: 1, stderr: VAAPI_STDERR },
    libx264: { exitCode: 0 },
  };

  readonly run: ProbeRunner = async (command) => {
    this.commands.push(command);
    const flag = command.args[1] ?? '';
    const base: RunResult = { exitCode: 0, stdout: '', stderr: '', timedOut: false, spawnError: null, durationMs: 5 };
    if (flag in LISTS) return { ...base, stdout: LISTS[flag] ?? '' };
    const encoder = this.encoderOf(command);
    const { delayMs = 1, ...outcome } = this.outcomes[encoder] ?? { exitCode: 1, stderr: `unexpected trial of ${encoder}` };
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { ...base, ...outcome };
  };

  encoderOf(command: Command): string {
    return command.args[command.args.indexOf('-c:v') + 1] ?? '';
  }

  get trials(): string[] {
    return this.commands.filter((c) => c.args.includes('-c:v')).map((c) => this.encoderOf(c));
  }
}

let dir: string;
let ffmpegPath: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'onair-probe-'));
  ffmpegPath = path.join(dir, 'ffmpeg');
  writeFileSync(ffmpegPath, 'not really ffmpeg');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('probeFfmpeg', () => {
  it('reports version, protocols and muxers from the lists', async () => {
    const report = await probeFfmpeg(ffmpegPath, { runner: new FakeFfmpeg().run });
    expect(report.ffmpegPath).toBe(ffmpegPath);
    expect(report.version).toBe('5.1.9-0+deb12u1');
    expect(report.protocols).toEqual({ rtmp: true, rtmps: true, srt: true, http: true, https: true, hls: true });
    expect(report.muxers).toEqual({ flv: true, mpegts: true, hls: true, matroska: true, mp4: true });
    expect(Number.isNaN(Date.parse(report.probedAt))).toBe(false);
  });

  it('trials exactly the listed hardware encoders and libx264', async () => {
    const fake = new FakeFfmpeg();
    await probeFfmpeg(ffmpegPath, { runner: fake.run });
    expect(fake.trials.sort()).toEqual(['h264_nvenc', 'h264_qsv', 'h264_vaapi', 'hevc_nvenc', 'hevc_qsv', 'hevc_vaapi', 'libx264']);
  });

  it('records why each hardware encoder failed, in ffmpeg words', async () => {
    const report = await probeFfmpeg(ffmpegPath, { runner: new FakeFfmpeg().run });
    const byName = new Map(report.encoders.map((e) => [e.name, e]));
    expect(byName.get('h264_nvenc')).toMatchObject({ listed: true, works: false, hardware: true, family: 'nvenc', codec: 'h264', reason: 'Cannot load libcuda.so.1' });
    expect(byName.get('hevc_vaapi')?.reason).toBe('No VA display found for device /dev/dri/renderD128.');
    expect(byName.get('libx264')).toMatchObject({ listed: true, works: true, hardware: false, reason: 'passed its trial encode' });
    expect(byName.get('libx264')?.trialMs).toBeTypeOf('number');
  });

  it('marks unlisted encoders as not in the build and software ones as untested', async () => {
    const report = await probeFfmpeg(ffmpegPath, { runner: new FakeFfmpeg().run });
    const byName = new Map(report.encoders.map((e) => [e.name, e]));
    expect(byName.get('h264_amf')).toMatchObject({ listed: false, works: false, reason: 'not in this ffmpeg build', trialMs: null });
    expect(byName.get('av1_nvenc')?.listed).toBe(false);
    expect(byName.get('libx265')).toMatchObject({ listed: true, works: null, hardware: false });
    expect(byName.get('libsvtav1')?.listed).toBe(true);
    expect(byName.get('libaom-av1')?.listed).toBe(true);
  });

  it('selects libx264 with a reason when no hardware works', async () => {
    const report = await probeFfmpeg(ffmpegPath, { runner: new FakeFfmpeg().run });
    expect(report.selected?.name).toBe('libx264');
    expect(report.selected?.reason).toMatch(/No hardware encoder passed its trial encode/);
  });

  it('selects a hardware encoder that passes', async () => {
    const fake = new FakeFfmpeg();
    fake.outcomes.h264_vaapi = { exitCode: 0 };
    const report = await probeFfmpeg(ffmpegPath, { runner: fake.run });
    expect(report.selected?.name).toBe('h264_vaapi');
  });

  it(`runs at most ${TRIAL_CONCURRENCY} trials at a time, and uses that many`, async () => {
    const fake = new FakeFfmpeg();
    for (const outcome of Object.values(fake.outcomes)) outcome.delayMs = 15;
    let now = 0;
    let peak = 0;
    await probeFfmpeg(ffmpegPath, {
      runner: async (command, options) => {
        if (!command.args.includes('-c:v')) return fake.run(command, options);
        peak = Math.max(peak, ++now);
        try {
          return await fake.run(command, options);
        } finally {
          now--;
        }
      },
    });
    expect(peak).toBe(TRIAL_CONCURRENCY);
  });

  it('gives the trial timeout to the runner and reports a hung trial in words', async () => {
    const fake = new FakeFfmpeg();
    fake.outcomes.h264_qsv = { exitCode: null, timedOut: true };
    const seen: number[] = [];
    const report = await probeFfmpeg(ffmpegPath, {
      trialTimeoutMs: 3000,
      runner: (command, options) => {
        if (command.args.includes('-c:v')) seen.push(options.timeoutMs);
        return fake.run(command, options);
      },
    });
    expect(new Set(seen)).toEqual(new Set([3000]));
    expect(report.encoders.find((e) => e.name === 'h264_qsv')).toMatchObject({ works: false, reason: 'did not finish a 10-frame trial encode within 3 s' });
  });

  it('fails with FFMPEG_UNUSABLE when the binary does not answer -version', async () => {
    const broken: ProbeRunner = async () => ({ exitCode: 126, stdout: '', stderr: 'cannot execute binary file', timedOut: false, spawnError: null, durationMs: 1 });
    await expect(probeFfmpeg(ffmpegPath, { runner: broken })).rejects.toMatchObject({ code: 'FFMPEG_UNUSABLE', detail: 'cannot execute binary file' });
  });

  it('fails with FFMPEG_NOT_FOUND for a path with no file', async () => {
    const error = await probeFfmpeg(path.join(dir, 'missing'), { runner: new FakeFfmpeg().run }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('FFMPEG_NOT_FOUND');
  });

  it('logs every command line it runs', async () => {
    const records: LogRecord[] = [];
    await probeFfmpeg(ffmpegPath, { runner: new FakeFfmpeg().run, logger: createLogger('probe', { level: 'debug', sink: memorySink(records) }) });
    const runs = records.filter((r) => r.message.startsWith('run: '));
    expect(runs).toHaveLength(4 + 7);
    expect(runs.some((r) => r.message.includes("-force_key_frames 'expr:gte(t,n_forced*2)'"))).toBe(true);
  });
});

describe('probeFfmpeg cache', () => {
  it('answers a second probe from the cache without spawning anything', async () => {
    const cacheDir = path.join(dir, 'cache');
    const first = new FakeFfmpeg();
    const report = await probeFfmpeg(ffmpegPath, { runner: first.run, cacheDir });
    expect(first.commands.length).toBe(11);
    const second = new FakeFfmpeg();
    expect(await probeFfmpeg(ffmpegPath, { runner: second.run, cacheDir })).toEqual(report);
    expect(second.commands).toHaveLength(0);
  });

  it('probes again when the binary changes, or when asked to', async () => {
    const cacheDir = path.join(dir, 'cache');
    await probeFfmpeg(ffmpegPath, { runner: new FakeFfmpeg().run, cacheDir });
    const asked = new FakeFfmpeg();
    await probeFfmpeg(ffmpegPath, { runner: asked.run, cacheDir, refresh: true });
    expect(asked.commands.length).toBe(11);
    utimesSync(ffmpegPath, new Date(), new Date(Date.now() + 60_000));
    const changed = new FakeFfmpeg();
    await probeFfmpeg(ffmpegPath, { runner: changed.run, cacheDir });
    expect(changed.commands.length).toBe(11);
  });

  it('ignores a corrupt cache file and replaces it atomically', async () => {
    const cacheDir = path.join(dir, 'cache');
    await probeFfmpeg(ffmpegPath, { runner: new FakeFfmpeg().run, cacheDir });
    const file = path.join(cacheDir, PROBE_CACHE_FILE);
    writeFileSync(file, '{"schema": 1, "entries": [{"ffmpegPath": ');
    const fake = new FakeFfmpeg();
    const report = await probeFfmpeg(ffmpegPath, { runner: fake.run, cacheDir });
    expect(fake.commands.length).toBe(11);
    expect(JSON.parse(readFileSync(file, 'utf8')).entries[0].report.version).toBe(report.version);
    expect(readdirSync(cacheDir)).toEqual([PROBE_CACHE_FILE]);
  });

  it('caches nothing without a cache folder', async () => {
    await probeFfmpeg(ffmpegPath, { runner: new FakeFfmpeg().run });
    const fake = new FakeFfmpeg();
    await probeFfmpeg(ffmpegPath, { runner: fake.run });
    expect(fake.commands.length).toBe(11);
  });
});

describe('trialCommand', () => {
  it('puts device setup before the input and the encoder settings after it', () => {
    const { command, args } = trialCommand('/usr/bin/ffmpeg', 'h264_vaapi');
    expect(command).toBe('/usr/bin/ffmpeg');
    const input = args.indexOf('-i');
    expect(args.indexOf('-vaapi_device')).toBeLessThan(input);
    expect(args.indexOf('-vaapi_device')).toBeGreaterThan(-1);
    expect(args.slice(args.indexOf('-vf'), args.indexOf('-vf') + 2)).toEqual(['-vf', 'format=nv12,hwupload']);
    expect(args.indexOf('-c:v')).toBeGreaterThan(input);
    expect(args.slice(-3)).toEqual(['-f', 'null', '-']);
    expect(args).toContain('-nostdin');
  });

  it('adds no filter for software encoders', () => {
    expect(trialCommand('ffmpeg', 'libx264').args).not.toContain('-vf');
  });
});
