/**
 * Fault: the encoder ffmpeg is killed mid-broadcast. It must be restarted at once,
 * every output must pick up the new stream from its first keyframe without anyone
 * doing anything (the RTMP destination republishes, the recording continues in
 * -part2), and the parts together must cover the whole broadcast.
 */
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStatusLine } from '../../../main/cli/status-line';
import { measureAvOffset } from '../../helpers/av-sync';
import { startEngine, runFor, TEST_SETTINGS } from '../../helpers/engine-harness';
import { keyframeTimes } from '../../helpers/ffprobe';
import { recordingParts, totalDurationS } from '../../helpers/media-checks';
import { NginxRtmp } from '../../helpers/nginx-rtmp';

const BACK_WITHIN_MS = 2_000;
const POLL_MS = 20;
const FRAME_S = 1 / TEST_SETTINGS.fps;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onair-fault-encoder-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('encoder killed', () => {
  it('is back on the origin within 2 s, and the recording parts cover the whole wall time within 1 s', async () => {
    const origin = new NginxRtmp({ onPublish: { allowedKeys: ['show'] } });
    await origin.start();
    const recording = join(dir, 'rec.mkv');
    const hlsDir = join(dir, 'hls');
    await mkdir(hlsDir);
    try {
      const run = await startEngine([
        { id: 'nginx', name: 'nginx', kind: 'rtmp', url: origin.rtmpUrl('show') },
        { id: 'rec', name: 'Recording', kind: 'record', file: recording },
        { id: 'hls', name: 'HLS', kind: 'hls', dir: hlsDir, segmentSeconds: 2, playlistLength: 20 },
      ]);
      const started = Date.now();
      await Promise.all([run.waitForOutput('nginx', 'live', 10_000), run.waitForOutput('rec', 'live', 10_000)]);
      await runFor(3_000);

      const publishes = origin.publishCount();
      const eventsBefore = run.outputEvents.length;
      run.broadcast.killEncoderForTest();
      const killedAt = Date.now();
      // Back on the origin: nginx authorised a new publish, and the output went live again.
      while (origin.publishCount() === publishes && Date.now() - killedAt < BACK_WITHIN_MS + 3_000) await runFor(POLL_MS);
      const republishedMs = Date.now() - killedAt;
      const liveAgain = () => run.outputEvents.slice(eventsBefore).some((e) => e.id === 'nginx' && e.state === 'live');
      while (!liveAgain() && Date.now() - killedAt < BACK_WITHIN_MS + 3_000) await runFor(POLL_MS);
      const liveAgainMs = Date.now() - killedAt;
      expect(republishedMs).toBeLessThanOrEqual(BACK_WITHIN_MS);
      expect(liveAgainMs).toBeLessThanOrEqual(BACK_WITHIN_MS);

      const during = await run.broadcast.buildSnapshot();
      expect(during.encoder?.restarts).toBe(1);
      expect(during.reasons.join('\n')).toMatch(/the encoder stopped unexpectedly and was restarted \d+ s ago \(restart 1\)/);
      expect(formatStatusLine(during)).toContain('encoder restarts 1');
      expect(during.outputs.find((o) => o.id === 'rec')!.file).toBe(join(dir, 'rec-part2.mkv'));

      await runFor(4_000);
      const wallS = (Date.now() - started) / 1000;
      const last = await run.stop();
      // The restart did not wait for a backoff: one reconnect each, no failure behind it.
      for (const id of ['nginx', 'rec', 'hls']) {
        const o = last.outputs.find((x) => x.id === id)!;
        expect(o.state).toBe('live');
        expect(o.reconnects).toBe(1);
        expect(o.lastError).toBe('the encoder restarted');
      }

      const parts = await recordingParts(recording);
      expect(parts).toEqual([recording, join(dir, 'rec-part2.mkv')]);
      const totalS = await totalDurationS(parts);
      console.info(`[fault] encoder killed: republished after ${republishedMs} ms, live again after ${liveAgainMs} ms; recording parts ${totalS.toFixed(2)} s of ${wallS.toFixed(2)} s wall`);
      expect(Math.abs(totalS - wallS)).toBeLessThan(1);
      // The second part is a clean stream of its own: starts on a keyframe, keyframes every 2 s, in sync.
      const keys = await keyframeTimes(parts[1]!);
      expect(keys[0]).toBeLessThanOrEqual(FRAME_S);
      for (let i = 1; i < keys.length; i++) expect(Math.abs(keys[i]! - keys[i - 1]! - 2)).toBeLessThanOrEqual(FRAME_S + 0.001);
      const av = await measureAvOffset(parts[1]!, { fps: TEST_SETTINGS.fps });
      expect(av.pairs.length).toBeGreaterThanOrEqual(3);
      expect(av.maxAbsOffsetMs).toBeLessThanOrEqual(1000 / TEST_SETTINGS.fps);

      // HLS continues its numbering after the restart, marked as a discontinuity, and no segment is written twice.
      const playlist = await readFile(join(hlsDir, 'index.m3u8'), 'utf8');
      const segments = [...playlist.matchAll(/^(segment_\d+\.ts)$/gm)].map((m) => m[1]!);
      expect(playlist).toContain('#EXT-X-DISCONTINUITY');
      expect(new Set(segments).size).toBe(segments.length);
      for (const segment of segments) await access(join(hlsDir, segment));
      expect(segments.length).toBeGreaterThanOrEqual(3);
    } finally {
      await origin.stop();
    }
  }, 60_000);
});
