import { describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '../../../../preload/contract/health';
import { formatStatusLine } from '../../../../main/cli/status-line';

const snapshot: HealthSnapshot = {
  time: '2026-01-01T00:00:00.000Z',
  state: 'live',
  uptimeS: 3723,
  encoder: { encoder: 'libx264', hardware: false, path: 'raw', width: 1280, height: 720, targetFps: 30, fps: 30, speed: 1.01, framesOut: 100, duplicated: 2, dropped: 0, avOffsetMs: 3.4, restarts: 0, process: null },
  outputs: [
    { id: 'a', name: 'nginx', kind: 'rtmp', state: 'live', bitrateKbps: 4600, bytes: 1, framesSent: 1, framesDropped: 0, reconnects: 0, uptimeS: 1, nextRetryInS: null, downtimeS: 0, lastError: null, file: null, process: null },
    { id: 'b', name: 'backup', kind: 'rtmp', state: 'reconnecting', bitrateKbps: 0, bytes: 1, framesSent: 1, framesDropped: 0, reconnects: 2, uptimeS: 0, nextRetryInS: 3.2, downtimeS: 5.5, lastError: 'refused', file: null, process: null },
  ],
  engine: { cpuPercent: 3, rssBytes: 1 },
  disk: null,
  rating: 'warning',
  reasons: ["output 'backup' lost its connection"],
};

describe('formatStatusLine', () => {
  it('shows state, time, fps, encoder, losses, A/V and every output in one line', () => {
    expect(formatStatusLine(snapshot)).toBe(
      "LIVE 01:02:03 | 30.0 fps | libx264 1.01x | dup 2 drop 0 | A/V 3 ms | nginx: live 4600 kb/s | backup: reconnecting #2 in 4 s (down 5.5 s) | warning: output 'backup' lost its connection",
    );
  });

  it('says in words: outage length and countdown, recovery, adaptive bitrate step, frozen picture and slate', () => {
    const [live, down] = snapshot.outputs as [HealthSnapshot['outputs'][number], HealthSnapshot['outputs'][number]];
    const line = formatStatusLine({
      ...snapshot,
      producer: { state: 'slate', videoAgeS: 7.4, slateShows: 1, slateS: 4.3 },
      outputs: [
        { ...live, uptimeS: 5, lastOutageS: 7.2, bitrateKbps: 1200, adaptive: { mode: 'transcode', percent: 50, videoKbps: 2250, stepsDown: 1, stepsUp: 0, reason: 'x' } },
        { ...down, outageS: 12.3, downtimeS: 40 },
      ],
    });
    expect(line).toContain('picture: BE-RIGHT-BACK slate (no picture for 7 s, slate shown 1x for 4.3 s in all)');
    expect(line).toContain('nginx: live 1200 kb/s (adaptive 50%: 2250 kb/s video, back after 7.2 s down)');
    expect(line).toContain('backup: reconnecting #2 in 4 s (down 12.3 s)');
    expect(formatStatusLine({ ...snapshot, producer: { state: 'frozen', videoAgeS: 2.1, slateShows: 0, slateS: 0 } })).toContain('picture: FROZEN (no picture for 2 s)');
    expect(formatStatusLine({ ...snapshot, producer: { state: 'live', videoAgeS: 0, slateShows: 0, slateS: 0 } })).not.toContain('picture:');
  });
});
