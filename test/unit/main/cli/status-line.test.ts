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
});
