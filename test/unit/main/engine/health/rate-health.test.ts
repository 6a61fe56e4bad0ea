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
});
