/**
 * The `onair` command as a user runs it: the built CLI in a child process against
 * a real nginx-rtmp, checked by exit code, output and the files it leaves.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSnapshotSchema } from '../../preload/contract/health';
import { probeStreams } from '../helpers/ffprobe';
import { NginxRtmp } from '../helpers/nginx-rtmp';
import { freePort } from '../helpers/ports';
import { startStudio } from '../helpers/studio-process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let cli: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-cli-'));
  // The same bundle `npm run build` makes, built fresh so the test runs the current
  // source; inside the repo so its packages resolve from node_modules.
  cli = join(ROOT, 'dist', 'test', `onair-${process.pid}.js`);
  await build({ entryPoints: [join(ROOT, 'main/cli/onair.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: cli, logLevel: 'warning' });
}, 30_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(cli, { force: true });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], options: { interruptAfterMs?: number; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: ROOT,
      env: { ...process.env, ONAIR_CACHE_DIR: join(dir, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    if (options.interruptAfterMs) setTimeout(() => child.kill('SIGINT'), options.interruptAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('onair', () => {
  it('studio: the default UI port gives way to a free one when taken; a port the user chose is refused with the fix', async () => {
    const blocker = await holdPort(7420);
    try {
      const studio = await startStudio(cli, ['--no-open', '--data-dir', join(dir, 'studio-data'), '--remote-port', String(await freePort())], 60_000);
      try {
        expect(new URL(studio.studioUrl).port).not.toBe('7420');
        expect(studio.output()).toMatch(/port 7420 is already in use .*free port instead/);
      } finally {
        await studio.stop();
      }
      const chosen = await runCli(['studio', '--no-open', '--port', '7420', '--data-dir', join(dir, 'studio-data')]);
      expect(chosen.code).toBe(2);
      expect(chosen.stderr).toMatch(/Port 7420 is already in use: choose another with --port N/);
    } finally {
      await new Promise((r) => blocker?.close(r));
    }
  }, 90_000);

  it('prints its usage, and exits 2 on an unknown command', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/onair probe/);
    expect(help.stdout).toMatch(/onair broadcast/);
    const bad = await runCli(['fly']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command "fly"/);
  });

  it('probe --json reports libx264 working and the selection', async () => {
    const r = await runCli(['probe', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { selected: { name: string }; encoders: Array<{ name: string; works: boolean | null }> };
    expect(report.selected.name).toBe('libx264');
    expect(report.encoders.find((e) => e.name === 'libx264')?.works).toBe(true);
  }, 60_000);

  it('refuses bad options with exit code 2 and a message naming the fix', async () => {
    const r = await runCli(['broadcast', '--source', 'testcard', '--record', 'x.mkv', '--size', '641x360']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/even width and height.*642x360/);
  });

  it('broadcasts the test card to RTMP and a recording for --duration, with stats lines and no stream key anywhere', async () => {
    const origin = new NginxRtmp();
    await origin.start();
    try {
      const key = 'live_supersecret_key_123';
      const recording = join(dir, 'cli.mkv');
      const stats = join(dir, 'stats.jsonl');
      const r = await runCli(['broadcast', '--source', 'testcard', '--duration', '6', '--size', '640x360', '--bitrate', '1500', '--encoder', 'libx264', '--to', origin.rtmpUrl(key), '--record', recording, '--remux', '--stats-json', stats]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/stopped after 6\.\d s/);
      expect(r.stderr).toMatch(/is live/);
      expect(`${r.stdout}${r.stderr}`).not.toContain(key);
      const lines = (await readFile(stats, 'utf8')).trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(5);
      for (const line of lines) HealthSnapshotSchema.parse(JSON.parse(line));
      expect(lines.join('\n')).not.toContain(key);
      const p = await probeStreams(recording);
      expect(Math.abs(p.durationS! - 6)).toBeLessThan(0.2);
      const mp4 = await probeStreams(join(dir, 'cli.mp4'));
      expect(mp4.formatName).toMatch(/mp4/);
      expect(Math.abs(mp4.durationS! - p.durationS!)).toBeLessThan(0.1);
    } finally {
      await origin.stop();
    }
  }, 60_000);

  it('stops cleanly on Ctrl-C and leaves a playable recording', async () => {
    const recording = join(dir, 'interrupted.mkv');
    const r = await runCli(['broadcast', '--source', 'testcard', '--size', '320x180', '--encoder', 'libx264', '--record', recording], { interruptAfterMs: 4000 });
    expect(r.code).toBe(0);
    const p = await probeStreams(recording);
    expect(p.durationS).toBeGreaterThan(2.5);
  }, 30_000);

  it('exits 3 with the reason when every output fails for good', async () => {
    const port = await freePort();
    const r = await runCli(['broadcast', '--source', 'testcard', '--duration', '20', '--size', '320x180', '--encoder', 'libx264', '--to', `foo://127.0.0.1:${port}/live/x`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"foo:" URLs are not supported/);
    const unknown = await runCli(['broadcast', '--source', 'testcard', '--duration', '20', '--size', '320x180', '--encoder', 'libx264', '--to', 'rtmp://nonexistent.invalid/live/secretkey']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/failed/);
    expect(unknown.stderr).not.toContain('secretkey');
  }, 60_000);
});

/** Holds the port on 127.0.0.1 (null when something else already holds it: taken either way). */
async function holdPort(port: number): Promise<Server | null> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(null) : reject(err)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
