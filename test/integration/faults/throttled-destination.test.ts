/**
 * Fault: one RTMP destination sits behind a slow uplink (a token-bucket proxy at
 * 900 kb/s in front of nginx-rtmp) while the stream is 2096 kb/s. Its adaptive
 * bitrate must step it down to its own lower-bitrate transcode without ending the
 * stream, the health must say so in words, the other destination must not notice,
 * and once the uplink is clear it must step back up to the shared stream.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStatusLine } from '../../../main/cli/status-line';
import { LADDER_PERCENTS } from '../../../main/engine/outputs/bitrate-ladder';
import type { OutputHealth } from '../../../preload/contract/health';
import { startEngine, runFor, TEST_SETTINGS } from '../../helpers/engine-harness';
import { pullFrames } from '../../helpers/ffprobe';
import { videoBitrateKbps } from '../../helpers/media-checks';
import { NginxRtmp } from '../../helpers/nginx-rtmp';
import { ThrottleProxy } from '../../helpers/throttle-proxy';

const SETTINGS = { ...TEST_SETTINGS, videoBitrateKbps: 2000, audioBitrateKbps: 96 };
const UPLINK_KBPS = 900;
/** The rung that fits 900 kb/s with headroom: 35% of 2000 = 700 kb/s video (+ 96 audio). */
const EXPECTED_PERCENT = 35;
/**
 * Stepping up is tried after this long clear (30 s in the product): long enough
 * for the checks at the lower rung, which must not see a step up.
 */
const STEP_UP_AFTER_MS = 6_000;
const POLL_MS = 250;

async function until(what: string, timeoutMs: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await runFor(POLL_MS);
  }
}

describe('a throttled destination', () => {
  it('steps down to its own lower-bitrate transcode and back up, and the other destination is unaffected', async () => {
    const origin = new NginxRtmp();
    await origin.start();
    const proxy = new ThrottleProxy(origin.rtmpPort, UPLINK_KBPS);
    const port = await proxy.listen();
    const pulls: string[] = [];
    try {
      const run = await startEngine(
        [
          { id: 'fast', name: 'Fast', kind: 'rtmp', url: origin.rtmpUrl('fast') },
          { id: 'slow', name: 'Slow', kind: 'rtmp', url: `rtmp://127.0.0.1:${port}/${origin.app}/slow` },
        ],
        SETTINGS,
        { broadcast: { ladder: { stepUpAfterMs: STEP_UP_AFTER_MS } } },
      );
      const slow = (): OutputHealth => run.broadcast.output('slow')!.health();
      await Promise.all([run.waitForOutput('fast', 'live', 10_000), run.waitForOutput('slow', 'live', 10_000)]);

      // Congestion is found and the destination steps down to the rung that fits: in one
      // step when the throughput was measured, at most two when ffmpeg's reads hid it.
      await until('the slow destination to reach the rung that fits', 45_000, () => slow().adaptive?.percent === EXPECTED_PERCENT);
      expect(slow().adaptive).toMatchObject({ mode: 'transcode', percent: EXPECTED_PERCENT, videoKbps: 700 });
      const stepsDown = slow().adaptive!.stepsDown;
      expect(stepsDown).toBeLessThanOrEqual(2);
      await run.waitForOutput('slow', 'live', 15_000);
      const stepped = await run.broadcast.buildSnapshot();
      expect(stepped.reasons.join('\n')).toMatch(/output 'Slow': its network could not keep up .*sending 35% of the video bitrate \(700 kb\/s\) until it clears/);
      expect(formatStatusLine(stepped)).toMatch(/Slow: live \d+ kb\/s \(adaptive 35%: 700 kb\/s video/);

      // The lower rung fits: it stays live without losing frames, and the origin gets the lower bitrate.
      const droppedAtRung = slow().framesDropped;
      pulls.push(...(await Promise.all([pullFrames(origin.rtmpUrl('slow'), 3), pullFrames(origin.rtmpUrl('fast'), 3)])));
      expect(slow().state).toBe('live');
      expect(slow().framesDropped).toBe(droppedAtRung);
      expect(slow().adaptive?.stepsDown).toBe(stepsDown);
      const [slowKbps, fastKbps] = [await videoBitrateKbps(pulls[0]!), await videoBitrateKbps(pulls[1]!)];
      console.info(`[fault] throttled to ${UPLINK_KBPS} kb/s: stepped to ${slow().adaptive?.percent}% (${stepped.outputs.find((o) => o.id === 'slow')?.adaptive?.reason}); origin video: slow ${Math.round(slowKbps)} kb/s, fast ${Math.round(fastKbps)} kb/s`);
      expect(slowKbps).toBeLessThan(UPLINK_KBPS);
      expect(fastKbps).toBeGreaterThan(1500);

      // The uplink clears: one rung at a time, back to the shared stream.
      proxy.setRate(null);
      await until('the slow destination to copy the shared stream again', 60_000, () => slow().adaptive?.mode === 'copy');
      expect(slow().adaptive).toMatchObject({ percent: 100, reason: null });
      // One rung at a time (more if a busy machine made a transcode fall behind on the way).
      expect(slow().adaptive!.stepsUp).toBeGreaterThanOrEqual(LADDER_PERCENTS.length - 1);
      await run.waitForOutput('slow', 'live', 15_000);

      const last = await run.stop();
      const fast = last.outputs.find((o) => o.id === 'fast')!;
      expect(fast.framesDropped).toBe(0);
      expect(fast.reconnects).toBe(0);
      expect(fast.adaptive).toMatchObject({ mode: 'copy', stepsDown: 0 });
      expect(run.outputEvents.filter((e) => e.id === 'fast').map((e) => e.state)).toEqual(['connecting', 'live', 'stopped']);
      // Each step was a restart of that destination alone, never a failure.
      expect(last.outputs.find((o) => o.id === 'slow')!.reconnects).toBe(0);
    } finally {
      await proxy.close();
      await origin.stop();
      await Promise.all(pulls.map((p) => rm(dirname(p), { recursive: true, force: true })));
    }
  }, 150_000);
});
