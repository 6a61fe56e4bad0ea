/**
 * Fault: the origin dies (kill -9) for 5 s and comes back on the same port.
 * The destination must be back on the origin within 5 s of its return, the health
 * must show the outage and its length while it lasts and after, and the recording
 * (another process) must not notice.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStatusLine } from '../../../main/cli/status-line';
import { startEngine, runFor, TEST_SETTINGS } from '../../helpers/engine-harness';
import { keyframeTimes, probeStreams } from '../../helpers/ffprobe';
import { NginxRtmp } from '../../helpers/nginx-rtmp';

const OUTAGE_MS = 5_000;
const BACK_WITHIN_MS = 5_000;
const FRAME_S = 1 / TEST_SETTINGS.fps;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-fault-origin-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('origin killed for 5 s', () => {
  it('reconnects within 5 s of its return, reports the outage in words, and the recording has no gap', async () => {
    const origin = new NginxRtmp({ onPublish: { allowedKeys: ['show'] } });
    await origin.start();
    const recording = join(dir, 'rec.mkv');
    try {
      const run = await startEngine([
        { id: 'nginx', name: 'nginx', kind: 'rtmp', url: origin.rtmpUrl('show') },
        { id: 'rec', name: 'Recording', kind: 'record', file: recording },
      ]);
      const started = Date.now();
      await run.waitForOutput('nginx', 'live', 10_000);
      await runFor(1_000);

      await origin.kill();
      const killedAt = Date.now();
      await run.waitForOutput('nginx', 'reconnecting', 10_000);
      await runFor(Math.max(0, OUTAGE_MS - (Date.now() - killedAt) - 1_500));
      // While it is down: its outage and countdown, in the health and the CLI line.
      const down = await run.broadcast.buildSnapshot();
      const nginxDown = down.outputs.find((o) => o.id === 'nginx')!;
      expect(nginxDown.state).toBe('reconnecting');
      expect(nginxDown.outageS).toBeGreaterThan(2);
      expect(down.reasons.join('\n')).toMatch(/output 'nginx' has been down for \d+(\.\d)? s and is reconnecting \(attempt \d+(, next try in \d+ s)?\)/);
      expect(formatStatusLine(down)).toMatch(/nginx: reconnecting #\d+( in \d+ s)? \(down \d+(\.\d)? s\)/);
      await runFor(Math.max(0, OUTAGE_MS - (Date.now() - killedAt)));

      const publishesBefore = origin.publishCount();
      await origin.restart();
      const returnedAt = Date.now();
      await run.waitForOutput('nginx', 'live', BACK_WITHIN_MS + 2_000);
      await origin.waitForPublisher('show', BACK_WITHIN_MS);
      const backAfterMs = Date.now() - returnedAt;
      expect(origin.publishCount()).toBeGreaterThan(publishesBefore);
      expect(backAfterMs).toBeLessThanOrEqual(BACK_WITHIN_MS);

      await runFor(1_000);
      const after = await run.broadcast.buildSnapshot();
      const nginxBack = after.outputs.find((o) => o.id === 'nginx')!;
      expect(nginxBack.lastOutageS).toBeGreaterThanOrEqual(OUTAGE_MS / 1000);
      expect(nginxBack.outageS).toBeNull();
      expect(after.reasons.join('\n')).toMatch(/output 'nginx' is back after being down for \d+(\.\d)? s/);
      expect(formatStatusLine(after)).toMatch(/nginx: live \d+ kb\/s \(back after \d+(\.\d)? s down\)/);

      const wallS = (Date.now() - started) / 1000;
      const last = await run.stop();
      const rec = last.outputs.find((o) => o.id === 'rec')!;
      expect(rec.reconnects).toBe(0);
      expect(rec.framesDropped).toBe(0);
      const p = await probeStreams(recording);
      console.info(`[fault] origin killed ${OUTAGE_MS / 1000} s: back on the origin ${backAfterMs} ms after its return; outage ${nginxBack.lastOutageS} s; recording ${p.durationS} s of ${wallS.toFixed(2)} s wall`);
      expect(Math.abs(p.durationS! - wallS)).toBeLessThan(1);
      const keys = await keyframeTimes(recording);
      for (let i = 1; i < keys.length; i++) expect(keys[i]! - keys[i - 1]!).toBeLessThanOrEqual(2 + FRAME_S + 0.001);
    } finally {
      await origin.stop();
    }
  }, 60_000);
});
