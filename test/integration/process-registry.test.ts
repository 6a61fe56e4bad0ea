/**
 * ProcessRegistry against the real ffmpeg: graceful stops that leave complete
 * files, typed exit reasons, stderr tails, draining on quit, redaction of the
 * logged command line, and CPU/memory sampling of the children.
 * Waits on ffmpeg's own -progress output, never on sleeps.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, memorySink, type LogRecord } from '../../main/engine/logger';
import { ProcessRegistry, type ManagedProcess } from '../../main/engine/process/process-registry';
import { sampleProcessStats, SelfStatsSampler } from '../../main/engine/process/process-stats';
import { ProgressParser } from '../../main/engine/process/progress-parser';
import { REDACTED, SecretRegistry } from '../../main/engine/redact';
import { ffmpegPath, frameCount, probeStreams } from '../helpers/ffprobe';
import { freePort } from '../helpers/ports';

const PROGRESS_FD = 3;
/** Tiny raw frames keep the stdin test cheap: 64x48 I420. */
const RAW_W = 64;
const RAW_H = 48;
const RAW_FRAME_BYTES = (RAW_W * RAW_H * 3) / 2;
const RAW_FPS = 10;
const RAW_FRAMES = 30;

let dir: string;
let records: LogRecord[];
let secrets: SecretRegistry;
let registry: ProcessRegistry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-registry-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function freshRegistry(): void {
  records = [];
  secrets = new SecretRegistry();
  const redact = (s: string) => secrets.redact(s);
  registry = new ProcessRegistry(createLogger('test', { level: 'debug', sink: memorySink(records), redact }), redact);
}
freshRegistry();
afterEach(async () => {
  await registry.stopAll(0);
  freshRegistry();
});

/** A real-time lavfi encode that runs until stopped, reporting progress on fd 3. */
function liveEncodeArgs(file: string): string[] {
  return ['-hide_banner', '-nostdin', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=15', '-c:v', 'libx264', '-preset', 'ultrafast',
    '-progress', `pipe:${PROGRESS_FD}`, '-stats_period', '0.2', '-y', file];
}

/** Resolves once ffmpeg reports at least `us` of output. */
function outputReached(proc: ManagedProcess, us: number): Promise<void> {
  const parser = new ProgressParser();
  return new Promise((resolve, reject) => {
    const pipe = proc.pipe(PROGRESS_FD) as Readable | null;
    if (!pipe) return reject(new Error('no progress pipe'));
    pipe.on('data', (chunk: Buffer) => {
      if (parser.push(chunk).some((s) => (s.outTimeUs ?? 0) >= us)) resolve();
    });
    void proc.exited.then((exit) => reject(new Error(`exited before ${us} µs: ${exit.reason} ${exit.stderrTail.join('\n')}`)));
  });
}

describe('ProcessRegistry with real ffmpeg', () => {
  it('stop() on a stdin-fed encode sends EOF: every frame is written and the MKV is complete', async () => {
    const file = join(dir, 'eof.mkv');
    const proc = registry.spawn({
      name: 'eof-encode',
      command: ffmpegPath(),
      args: ['-hide_banner', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${RAW_W}x${RAW_H}`, '-r', String(RAW_FPS), '-i', 'pipe:0',
        '-c:v', 'libx264', '-preset', 'ultrafast', '-y', file],
      stdin: 'pipe',
    });
    expect(registry.list()).toEqual([proc]);
    const frame = Buffer.alloc(RAW_FRAME_BYTES, 0x80);
    for (let i = 0; i < RAW_FRAMES; i++) proc.stdin?.write(frame);

    const exit = await proc.stop();
    expect(exit.reason).toBe('stopped');
    expect(exit.code).toBe(0); // EOF, not SIGINT (which exits 255)
    expect(registry.list()).toEqual([]);
    expect(await frameCount(file)).toBe(RAW_FRAMES);
    expect((await probeStreams(file)).durationS).toBeCloseTo(RAW_FRAMES / RAW_FPS, 1);
  });

  it('stop() without stdin sends SIGINT: ffmpeg finalises the MKV (ffprobe reads its duration)', async () => {
    const file = join(dir, 'sigint.mkv');
    const proc = registry.spawn({ name: 'live-encode', command: ffmpegPath(), args: liveEncodeArgs(file), stdin: 'ignore', extraPipes: 1 });
    await outputReached(proc, 1_000_000);
    const exit = await proc.stop();
    expect(exit).toMatchObject({ reason: 'stopped', code: 255, signal: null });
    expect((await probeStreams(file)).durationS).toBeGreaterThanOrEqual(1);
    expect(records.some((r) => r.message.startsWith('live-encode') && r.message.includes('stopped'))).toBe(true);
  });

  it('kill() SIGKILLs at once: reason killed', async () => {
    const proc = registry.spawn({ name: 'to-kill', command: ffmpegPath(), args: liveEncodeArgs(join(dir, 'killed.mkv')), stdin: 'pipe', extraPipes: 1 });
    await outputReached(proc, 200_000);
    const exit = await proc.kill();
    expect(exit).toMatchObject({ reason: 'killed', code: null, signal: 'SIGKILL' });
    expect(await proc.exited).toBe(exit);
  });

  it('escalates to SIGKILL when a process ignores EOF and SIGINT within the grace', async () => {
    const proc = registry.spawn({ name: 'stubborn', command: '/bin/sh', args: ['-c', 'trap "" INT; echo ready >&2; exec sleep 30'], stdin: 'pipe' });
    await new Promise<void>((resolve) => proc.onStderrLine((line) => line === 'ready' && resolve()));
    const exit = await proc.stop(300);
    expect(exit).toMatchObject({ reason: 'killed', signal: 'SIGKILL' });
    expect(records.some((r) => r.level === 'warn' && r.message.includes('did not stop within 300 ms'))).toBe(true);
  });

  it('a missing binary settles as spawn-failed with a message, and leaves the registry', async () => {
    const proc = registry.spawn({ name: 'ghost', command: join(dir, 'no-such-ffmpeg'), args: ['-version'] });
    const exit = await proc.exited;
    expect(exit.reason).toBe('spawn-failed');
    expect(exit.error).toMatch(/ENOENT/);
    expect(proc.pid).toBeUndefined();
    expect(registry.list()).toEqual([]);
    expect(await proc.stop()).toBe(exit);
  });

  it('a failing ffmpeg is crashed, with its stderr tail; stderr listeners see the same lines', async () => {
    const seen: string[] = [];
    const proc = registry.spawn({ name: 'bad-input', command: ffmpegPath(), args: ['-hide_banner', '-i', join(dir, 'missing.mkv'), '-f', 'null', '-'] });
    proc.onStderrLine((line) => seen.push(line));
    const exit = await proc.exited;
    expect(exit).toMatchObject({ reason: 'crashed', code: 1 });
    expect(exit.stderrTail.at(-1)).toMatch(/missing\.mkv: No such file or directory$/);
    expect(seen).toEqual(exit.stderrTail);
  });

  it('a process that ends by itself with code 0 is exited', async () => {
    const proc = registry.spawn({ name: 'short', command: ffmpegPath(), args: ['-hide_banner', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=10', '-t', '0.3', '-f', 'null', '-'], stdin: 'ignore' });
    expect((await proc.exited).reason).toBe('exited');
  });

  it('a process that dies while being fed does not crash Node (EPIPE is absorbed on every stream)', async () => {
    // Reads 0.5 s of raw video, then exits while we are still writing.
    const proc = registry.spawn({
      name: 'dies',
      command: ffmpegPath(),
      args: ['-hide_banner', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${RAW_W}x${RAW_H}`, '-r', String(RAW_FPS), '-i', 'pipe:0', '-t', '0.5', '-f', 'null', '-'],
      stdin: 'pipe',
      extraPipes: 1,
    });
    const stdin = proc.stdin as Writable;
    let ended = false;
    void proc.exited.then(() => (ended = true));
    const frame = Buffer.alloc(RAW_FRAME_BYTES);
    let written = 0;
    while (!ended) {
      if (!stdin.destroyed) stdin.write(frame);
      written++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(written).toBeGreaterThan(RAW_FPS * 0.5);
    expect((await proc.exited).reason).toBe('exited');
    // What a late EPIPE looks like to Node: an 'error' event, which throws if nobody listens.
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    for (const stream of [proc.stdin, proc.stdout, proc.child.stderr, proc.pipe(PROGRESS_FD)]) {
      expect(() => stream?.emit('error', epipe)).not.toThrow();
    }
    expect(records.some((r) => r.level === 'debug' && r.message.includes('dies: fd 3: EPIPE'))).toBe(true);
  });

  it('stopAll() stops every process and drains the registry', async () => {
    const procs = [1, 2, 3].map((n) => registry.spawn({ name: `bulk-${n}`, command: ffmpegPath(), args: liveEncodeArgs(join(dir, `bulk-${n}.mkv`)), stdin: 'ignore', extraPipes: 1 }));
    await Promise.all(procs.map((p) => outputReached(p, 200_000)));
    expect(registry.list()).toHaveLength(3);
    await registry.stopAll();
    expect(registry.list()).toEqual([]);
    expect((await Promise.all(procs.map((p) => p.exited))).map((e) => e.reason)).toEqual(['stopped', 'stopped', 'stopped']);
  });

  it('never logs a secret: the command line and stderr are redacted', async () => {
    const key = 'live_987654_s3cr3tKeyValue';
    secrets.add(key);
    const port = await freePort();
    const proc = registry.spawn({
      name: 'push',
      command: ffmpegPath(),
      args: ['-hide_banner', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=10', '-t', '1', '-metadata', `comment=key is ${key}`, '-f', 'flv', `rtmp://127.0.0.1:${port}/live/${key}`],
      stdin: 'ignore',
    });
    const exit = await proc.exited;
    expect(exit.reason).toBe('crashed');
    const spawnLine = records.find((r) => r.message.startsWith('spawn push: '));
    expect(spawnLine?.message).toContain(`'comment=key is ${REDACTED}'`);
    expect(spawnLine?.message).toContain(`rtmp://127.0.0.1:${port}/live/`);
    const everything = [...records.map((r) => r.message), ...exit.stderrTail].join('\n');
    expect(everything).toContain('Connection refused');
    expect(everything).not.toContain(key);
    expect(everything).not.toContain('s3cr3t');
  });
});

describe('process stats', () => {
  it('samples CPU and memory of running children and leaves out pids that are gone', async () => {
    const live = registry.spawn({ name: 'busy', command: ffmpegPath(), args: liveEncodeArgs(join(dir, 'busy.mkv')), stdin: 'ignore', extraPipes: 1 });
    const gone = registry.spawn({ name: 'gone', command: ffmpegPath(), args: ['-hide_banner', '-version'], stdin: 'ignore' });
    await gone.exited;
    await outputReached(live, 500_000);
    const stats = await sampleProcessStats([live.pid!, gone.pid!]);
    expect([...stats.keys()]).toEqual([live.pid]);
    const s = stats.get(live.pid!)!;
    expect(s.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(s.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(s.cpuPercent)).toBe(true);
  });

  it('measures this process: busy work shows up as CPU', () => {
    const sampler = new SelfStatsSampler();
    sampler.sample();
    const until = Date.now() + 200;
    let x = 0;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    const s = sampler.sample();
    expect(x).toBeGreaterThan(0);
    expect(s.cpuPercent).toBeGreaterThan(50);
    expect(s.rssBytes).toBeGreaterThan(1024 * 1024);
  });
});
