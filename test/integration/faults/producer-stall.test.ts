/**
 * Fault: the producer (the compositor, here the test card) stops sending for 10 s,
 * audio and video, as a hung or closed studio window would. Viewers must get the
 * last picture, then the be-right-back slate with silence, the stream must never
 * disconnect, and the live picture must come back by itself. Checked on what
 * nginx-rtmp serves: each frame is the test card (its timestamp strip read back),
 * the slate (its plain dark background), or neither.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStatusLine } from '../../../main/cli/status-line';
import { SLATE_AFTER_S } from '../../../main/engine/broadcast';
import { startEngine, runFor, TEST_SETTINGS } from '../../helpers/engine-harness';
import { pullFrames } from '../../helpers/ffprobe';
import { audioPeak, classifyFrames, largestGap, videoPacketTimes, type FrameKind } from '../../helpers/media-checks';
import { NginxRtmp } from '../../helpers/nginx-rtmp';

const FPS = TEST_SETTINGS.fps;
const STALL_MS = 10_000;
const CAPTURE_S = 18;
/** A run shorter than this is noise (a frame at a switch), not a phase. */
const MIN_PHASE_FRAMES = 3;

interface Phase {
  kind: 'live' | 'frozen' | 'slate' | 'other';
  frames: number;
}

/** Collapse the frames into phases: live card (timestamps moving), frozen card (one timestamp repeated), slate. */
function phases(frames: readonly FrameKind[]): Phase[] {
  const out: Phase[] = [];
  frames.forEach((f, i) => {
    const prev = frames[i - 1];
    let kind: Phase['kind'] = f.kind === 'card' ? 'live' : f.kind;
    if (f.kind === 'card' && prev?.kind === 'card' && prev.timestampMs === f.timestampMs) kind = 'frozen';
    const last = out.at(-1);
    if (last?.kind === kind) last.frames++;
    else out.push({ kind, frames: 1 });
  });
  return out.filter((p) => p.frames >= MIN_PHASE_FRAMES);
}

describe('the producer stops for 10 s', () => {
  it('keeps the stream up: last picture, then the be-right-back slate with silence, then live again', async () => {
    const origin = new NginxRtmp();
    await origin.start();
    let capture: string | undefined;
    try {
      const run = await startEngine([{ id: 'nginx', name: 'nginx', kind: 'rtmp', url: origin.rtmpUrl('show') }]);
      await run.waitForOutput('nginx', 'live', 10_000);
      await origin.waitForPublisher('show', 10_000);
      const pulling = pullFrames(origin.rtmpUrl('show'), CAPTURE_S);
      await runFor(3_000);

      run.pauseProducer(true);
      await runFor(SLATE_AFTER_S * 1000 - 1_000);
      const frozen = await run.broadcast.buildSnapshot();
      expect(frozen.producer?.state).toBe('frozen');
      expect(frozen.reasons.join('\n')).toMatch(/the studio window has sent no picture for \d s: viewers see the last frame/);
      await runFor(STALL_MS - (SLATE_AFTER_S * 1000 - 1_000) - 2_000);
      const slate = await run.broadcast.buildSnapshot();
      expect(slate.producer).toMatchObject({ state: 'slate', slateShows: 1 });
      expect(slate.reasons.join('\n')).toMatch(/the studio window stopped sending the picture: viewers see the be-right-back slate/);
      expect(formatStatusLine(slate)).toMatch(/picture: BE-RIGHT-BACK slate \(no picture for \d+ s/);
      await runFor(2_000);
      run.pauseProducer(false);

      capture = await pulling;
      const last = await run.stop();
      expect(last.producer?.state).toBe('live');
      expect(last.producer?.slateS).toBeGreaterThan(STALL_MS / 1000 - SLATE_AFTER_S - 1);
      // The destination never noticed: no reconnect, no lost frame, and the origin's stream has no hole.
      const nginx = last.outputs[0]!;
      expect(nginx.reconnects).toBe(0);
      expect(nginx.framesDropped).toBe(0);
      expect(run.outputEvents.map((e) => e.state)).toEqual(['connecting', 'live', 'stopped']);
      expect(largestGap(await videoPacketTimes(capture))).toBeLessThanOrEqual(1 / FPS + 0.002);

      // What viewers saw, in order: the card live, its last picture frozen, the slate, the card live again.
      const frames = await classifyFrames(capture, TEST_SETTINGS.width, TEST_SETTINGS.height);
      const seen = phases(frames);
      console.info(`[fault] producer stopped ${STALL_MS / 1000} s: viewers saw ${seen.map((p) => `${p.kind} ${(p.frames / FPS).toFixed(1)} s`).join(', ')}`);
      expect(seen.map((p) => p.kind)).toEqual(['live', 'frozen', 'slate', 'live']);
      const [, frozenPhase, slatePhase] = seen as [Phase, Phase, Phase, Phase];
      expect(frozenPhase.frames / FPS).toBeGreaterThan(SLATE_AFTER_S - 1);
      expect(frozenPhase.frames / FPS).toBeLessThan(SLATE_AFTER_S + 1);
      expect(slatePhase.frames / FPS).toBeGreaterThan(STALL_MS / 1000 - SLATE_AFTER_S - 1);
      // Live again means new pictures: the first after the slate was taken about STALL_MS after the frozen one.
      const cards = frames.filter((f): f is Extract<FrameKind, { kind: 'card' }> => f.kind === 'card');
      const frozenAt = cards[seen[0]!.frames]!.timestampMs;
      const resumedAt = frames.slice(seen[0]!.frames + frozenPhase.frames + slatePhase.frames).find((f) => f.kind === 'card') as { timestampMs: number };
      expect(resumedAt.timestampMs - frozenAt).toBeGreaterThan(STALL_MS - 1_000);
      // The slate is silent; the live card is not (its tone is -20 dBFS).
      const slateStartS = (seen[0]!.frames + frozenPhase.frames) / FPS;
      expect(await audioPeak(capture, slateStartS + 1, slateStartS + slatePhase.frames / FPS - 1)).toBeLessThan(0.01);
      expect(await audioPeak(capture, 0.2, seen[0]!.frames / FPS - 0.2)).toBeGreaterThan(0.05);
    } finally {
      await origin.stop();
      if (capture) await rm(dirname(capture), { recursive: true, force: true });
    }
  }, 90_000);
});
