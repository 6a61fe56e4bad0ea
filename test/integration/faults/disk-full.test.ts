/**
 * Fault: the recording's disk fills up. The recording must stop with a clear
 * error while the stream carries on untouched. The disk is a 1 MB tmpfs (mounting
 * needs root); where mounting is not allowed, the recording path is a symlink to
 * /dev/full, whose every write fails with ENOSPC, the same error a full disk gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStatusLine } from '../../../main/cli/status-line';
import { startEngine, runFor } from '../../helpers/engine-harness';
import { NginxRtmp } from '../../helpers/nginx-rtmp';

/** Less than 5 s of the test stream (about 200 KB/s). */
const DISK_SIZE = '1m';

let dir: string;
let disk: string;
let mounted = false;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-fault-disk-'));
  disk = join(dir, 'disk');
  await mkdir(disk);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_SIZE}`, 'tmpfs', disk], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
});
afterAll(async () => {
  if (mounted) execFileSync('umount', [disk], { stdio: 'ignore' });
  await rm(dir, { recursive: true, force: true });
});

describe('the recording disk fills up', () => {
  it('stops the recording with a clear error and the stream carries on', async () => {
    const origin = new NginxRtmp();
    await origin.start();
    const file = join(disk, 'rec.mkv');
    if (!mounted) await symlink('/dev/full', file);
    try {
      const run = await startEngine([
        { id: 'nginx', name: 'nginx', kind: 'rtmp', url: origin.rtmpUrl('show') },
        { id: 'rec', name: 'Recording', kind: 'record', file },
      ]);
      await run.waitForOutput('nginx', 'live', 10_000);
      const failed = await run.waitForOutput('rec', 'failed', 20_000);
      console.info(`[fault] disk full (${mounted ? `${DISK_SIZE} tmpfs` : '/dev/full'}): recording failed: ${failed.lastError}`);
      expect(failed.lastError).toBe('the recording stopped: the disk is full or cannot be written; free some space or choose another folder');
      // It is not retried: a full disk stays full.
      expect(failed.reconnects).toBe(0);

      await runFor(3_000);
      const snapshot = await run.broadcast.buildSnapshot();
      expect(snapshot.rating).toBe('bad');
      expect(snapshot.reasons).toContain(`output 'Recording' failed: ${failed.lastError}`);
      expect(formatStatusLine(snapshot)).toContain('Recording: FAILED (the recording stopped: the disk is full');
      if (mounted) expect(snapshot.disk?.freeBytes).toBeLessThan(64 * 1024);

      const last = await run.stop();
      const nginx = last.outputs.find((o) => o.id === 'nginx')!;
      expect(nginx.framesDropped).toBe(0);
      expect(nginx.reconnects).toBe(0);
      expect(run.outputEvents.filter((e) => e.id === 'nginx').map((e) => e.state)).toEqual(['connecting', 'live', 'stopped']);
      expect(last.encoder?.restarts).toBe(0);
    } finally {
      await origin.stop();
    }
  }, 60_000);
});
