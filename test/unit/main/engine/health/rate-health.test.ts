import { describe, expect, it } from 'vitest';
import { rateHealth, type WindowStats } from '../../../../../main/engine/health/rate-health';

const healthy: WindowStats = { targetFps: 30, fps: 30, slots: 300, duplicated: 0, dropped: 0, outputs: [] };
const output = (over: Partial<WindowStats['outputs'][number]> = {}): WindowStats['outputs'][number] => ({
  name: 'Twitch',
  state: 'live',
  bitrateKbps: 6000,
  targetKbps: 6000,
  framesSent: 300,
  framesDropped: 0,
  reconnects: 0,
  nextRetryInS: null,
  lastError: null,
  ...over,
});

describe('rateHealth', () => {
  it('is good when nothing is lost', () => {
    expect(rateHealth({ ...healthy, outputs: [output()] })).toEqual({ rating: 'good', reasons: [] });
  });

  it.each([
    [2, 'good'],
    [4, 'warning'],
    [20, 'bad'],
  ] as const)('rates %i dropped of 300 encoder frames as %s', (dropped, rating) => {
    const r = rateHealth({ ...healthy, dropped });
    expect(r.rating).toBe(rating);
    if (rating !== 'good') expect(r.reasons[0]).toMatch(/encoder is dropping/);
  });

  it('rates the frame rate against the target', () => {
    expect(rateHealth({ ...healthy, fps: 29 }).rating).toBe('good');
    expect(rateHealth({ ...healthy, fps: 28 }).rating).toBe('warning');
    expect(rateHealth({ ...healthy, fps: 20 }).rating).toBe('bad');
    expect(rateHealth({ ...healthy, fps: 20 }).reasons[0]).toMatch(/20\.0 fps instead of 30/);
  });

  it("names the output that drops frames and the bitrate its upload cannot keep", () => {
    const r = rateHealth({ ...healthy, outputs: [output({ framesSent: 270, framesDropped: 30 })] });
    expect(r.rating).toBe('bad');
    expect(r.reasons).toEqual(["output 'Twitch' is dropping 10% of frames: your upload cannot keep 6000 kb/s; lower the bitrate"]);
  });

  it('reports reconnecting outputs as a warning with the countdown and failed ones as bad', () => {
    const r = rateHealth({
      ...healthy,
      outputs: [output({ name: 'A', state: 'reconnecting', reconnects: 2, nextRetryInS: 3.2, lastError: 'connection refused' }), output({ name: 'B' })],
    });
    expect(r.rating).toBe('warning');
    expect(r.reasons[0]).toBe("output 'A' lost its connection and is reconnecting (attempt 2, next try in 4 s): connection refused");
    expect(rateHealth({ ...healthy, outputs: [output({ state: 'failed', lastError: 'stream key refused' })] }).rating).toBe('bad');
  });

  it('counts repeated frames (render lag) separately from encoder drops', () => {
    const r = rateHealth({ ...healthy, duplicated: 30 });
    expect(r.rating).toBe('bad');
    expect(r.reasons[0]).toMatch(/repeated because the picture arrived late/);
  });

  it('says how long a reconnecting output has been down, and that it is back afterwards', () => {
    const down = rateHealth({ ...healthy, outputs: [output({ state: 'reconnecting', reconnects: 3, nextRetryInS: 1.5, outageS: 12.4, lastError: null })] });
    expect(down.rating).toBe('warning');
    expect(down.reasons).toEqual(["output 'Twitch' has been down for 12 s and is reconnecting (attempt 3, next try in 2 s)"]);
    const back = rateHealth({ ...healthy, outputs: [output({ uptimeS: 4, lastOutageS: 7.2 })] });
    expect(back.reasons).toEqual(["output 'Twitch' is back after being down for 7.2 s"]);
    expect(rateHealth({ ...healthy, outputs: [output({ uptimeS: 60, lastOutageS: 7.2 })] })).toEqual({ rating: 'good', reasons: [] });
  });

  it('explains a frozen picture and the be-right-back slate in words', () => {
    const frozen = rateHealth({ ...healthy, slateAfterS: 3, producer: { state: 'frozen', videoAgeS: 2.2, slateShows: 0, slateS: 0 } });
    expect(frozen.rating).toBe('warning');
    expect(frozen.reasons).toEqual(['the studio window has sent no picture for 2 s: viewers see the last frame; the be-right-back slate follows after 3 s']);
    const slate = rateHealth({ ...healthy, producer: { state: 'slate', videoAgeS: 7.9, slateShows: 1, slateS: 4.9 } });
    expect(slate.reasons).toEqual(['the studio window stopped sending the picture: viewers see the be-right-back slate (no picture for 7 s)']);
    expect(rateHealth({ ...healthy, producer: { state: 'live', videoAgeS: 0, slateShows: 1, slateS: 4.9 } }).rating).toBe('good');
  });

  it("shows a destination's lower bitrate step with its reason", () => {
    const adaptive = { mode: 'transcode' as const, percent: 35, videoKbps: 1575, stepsDown: 1, stepsUp: 0, reason: 'its network could not keep up: sending 35% of the video bitrate (1575 kb/s) until it clears' };
    const r = rateHealth({ ...healthy, outputs: [output({ adaptive })] });
    expect(r.rating).toBe('warning');
    expect(r.reasons).toEqual([`output 'Twitch': ${adaptive.reason}`]);
    expect(rateHealth({ ...healthy, outputs: [output({ adaptive: { ...adaptive, mode: 'copy', percent: 100, reason: null } })] }).rating).toBe('good');
  });

  it('mentions an encoder restart for a few seconds after it happened', () => {
    expect(rateHealth({ ...healthy, encoderRestarts: 1, encoderRestartedAgoS: 2 }).reasons).toEqual([
      'the encoder stopped unexpectedly and was restarted 2 s ago (restart 1); every output resumed from its first keyframe',
    ]);
    expect(rateHealth({ ...healthy, encoderRestarts: 1, encoderRestartedAgoS: 30 }).rating).toBe('good');
  });
});
