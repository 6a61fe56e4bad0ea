/**
 * The probe against the real ffmpeg on this machine (Debian 12's 5.1, no GPU): it
 * lists NVENC, QSV and VA-API encoders, none of which can work here, so the probe
 * must prove that by trial and fall back to libx264.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ProbeReport,
  type ProbeRunner,
  buildVideoEncoderArgs,
  locateFfmpeg,
  probeFfmpeg,
  spawnRunner,
  trialCommand,
  TRIAL_SETTINGS,
} from '../../main/engine/probe';

// Options every encoder takes through AVCodecContext; the rest must be the encoder's own.
const GENERIC_OPTIONS = new Set([
  '-c:v', '-b:v', '-maxrate', '-minrate', '-bufsize', '-g', '-keyint_min', '-bf', '-flags', '-force_key_frames',
  '-pix_fmt', '-colorspace', '-color_primaries', '-color_trc', '-color_range',
]);

let ffmpegPath: string;
let cacheDir: string;
let report: ProbeReport;
let spawns = 0;
const counting: ProbeRunner = (command, options) => {
  spawns++;
  return spawnRunner(command, options);
};

beforeAll(async () => {
  ffmpegPath = locateFfmpeg({ env: { PATH: process.env.PATH }, staticPath: null }).ffmpegPath;
  cacheDir = mkdtempSync(path.join(tmpdir(), 'onair-probe-it-'));
  report = await probeFfmpeg(ffmpegPath, { cacheDir, runner: counting });
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('probe with the real ffmpeg', () => {
  it('finds ffmpeg and ffprobe on PATH (ffmpeg-static was installed without its binary)', () => {
    const found = locateFfmpeg({ env: { PATH: process.env.PATH } });
    expect(found.source).toBe('path');
    expect(path.basename(found.ffmpegPath)).toBe('ffmpeg');
    expect(found.ffprobePath).toBe(path.join(path.dirname(found.ffmpegPath), 'ffprobe'));
  });

  it('reads the version and the protocols and muxers broadcasting needs', () => {
    expect(report.version).toMatch(/^\d+\.\d+/);
    expect(report.protocols).toMatchObject({ rtmp: true, rtmps: true, srt: true, hls: true, http: true });
    expect(report.muxers).toEqual({ flv: true, mpegts: true, hls: true, matroska: true, mp4: true });
  });

  it('proves libx264 works', () => {
    expect(report.encoders.find((e) => e.name === 'libx264')).toMatchObject({ listed: true, works: true });
  });

  it('finds that every listed hardware encoder fails here, with the cause', () => {
    const hardware = report.encoders.filter((e) => e.hardware && e.listed);
    expect(hardware.length).toBeGreaterThanOrEqual(2);
    for (const encoder of hardware) {
      expect(encoder.works, encoder.name).toBe(false);
      expect(encoder.reason.length, encoder.name).toBeGreaterThan(5);
      // The cause must be the missing hardware, never our own arguments.
      expect(encoder.reason, encoder.name).not.toMatch(/Unrecognized option|not found|Invalid option|Error setting option|Unable to parse/i);
      expect(encoder.trialMs, encoder.name).toBeTypeOf('number');
    }
  });

  it('selects libx264 and says why', () => {
    expect(report.selected?.name).toBe('libx264');
    expect(report.selected?.reason).toMatch(/No hardware encoder passed its trial encode/);
  });

  it('answers the second probe from the cache without spawning', async () => {
    const before = spawns;
    const again = await probeFfmpeg(ffmpegPath, { cacheDir, runner: counting });
    expect(spawns).toBe(before);
    expect(again).toEqual(report);
  });
});

describe('encoder recipes against the real ffmpeg', () => {
  it.each(['libx265', 'libsvtav1', 'libaom-av1'])('%s accepts its arguments and encodes', async (encoder) => {
    const result = await spawnRunner(trialCommand(ffmpegPath, encoder), { timeoutMs: 20_000 });
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('passes each listed hardware encoder only options it has', async () => {
    const listed = report.encoders.filter((e) => e.hardware && e.listed);
    for (const encoder of listed) {
      const help = await spawnRunner({ command: ffmpegPath, args: ['-hide_banner', '-h', `encoder=${encoder.name}`] }, { timeoutMs: 10_000 });
      const known = new Set([...help.stdout.matchAll(/^\s+(-[\w-]+)\s+</gm)].map((m) => m[1]));
      const { outputArgs } = buildVideoEncoderArgs({ ...TRIAL_SETTINGS, encoder: encoder.name });
      const own = outputArgs.filter((a, i) => i % 2 === 0 && !GENERIC_OPTIONS.has(a)).map((a) => a.replace(/:v$/, ''));
      for (const option of own) expect(known.has(option), `${encoder.name} ${option}`).toBe(true);
    }
  });
});
