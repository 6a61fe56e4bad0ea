/**
 * Fault: one of two destinations' origins dies. The other must not lose a single
 * frame: not in what the engine reports, and not in what its origin received
 * (nginx records what it gets; its video timestamps must run without a hole).
 */
import { describe, expect, it } from 'vitest';
import { startEngine, runFor, TEST_SETTINGS } from '../../helpers/engine-harness';
import { largestGap, videoPacketTimes } from '../../helpers/media-checks';
import { NginxRtmp } from '../../helpers/nginx-rtmp';

const FRAME_S = 1 / TEST_SETTINGS.fps;
/** FLV stores milliseconds: a frame step may read a millisecond long. */
const FLV_ROUNDING_S = 0.002;

describe('one of two destinations killed', () => {
  it('leaves the other with zero dropped frames and an unbroken stream at its origin', async () => {
    const a = new NginxRtmp({ record: true });
    const b = new NginxRtmp();
    await Promise.all([a.start(), b.start()]);
    try {
      const run = await startEngine([
        { id: 'a', name: 'A', kind: 'rtmp', url: a.rtmpUrl('a') },
        { id: 'b', name: 'B', kind: 'rtmp', url: b.rtmpUrl('b') },
      ]);
      await Promise.all([run.waitForOutput('a', 'live', 10_000), run.waitForOutput('b', 'live', 10_000)]);
      await runFor(2_000);
      await b.kill();
      await run.waitForOutput('b', 'reconnecting', 10_000);
      await runFor(4_000);
      const last = await run.stop();

      const health = (id: string) => last.outputs.find((o) => o.id === id)!;
      expect(health('b').reconnects).toBeGreaterThanOrEqual(1);
      expect(health('a').framesDropped).toBe(0);
      expect(health('a').reconnects).toBe(0);
      expect(run.outputEvents.filter((e) => e.id === 'a').map((e) => e.state)).toEqual(['connecting', 'live', 'stopped']);
      // What A's origin recorded: every frame A was sent, back to back.
      const times = await videoPacketTimes(a.recordingPath('a'));
      console.info(`[fault] one of two destinations killed: A sent ${health('a').framesSent} frames, dropped ${health('a').framesDropped}; its origin recorded ${times.length}, largest gap ${(largestGap(times) * 1000).toFixed(1)} ms`);
      expect(times.length).toBeGreaterThanOrEqual(health('a').framesSent - 2);
      expect(largestGap(times)).toBeLessThanOrEqual(FRAME_S + FLV_ROUNDING_S);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 60_000);
});
