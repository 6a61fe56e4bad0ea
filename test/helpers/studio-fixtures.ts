/**
 * Valid contract payloads for UI and bridge tests: a studio state built from the
 * studio's own defaults (so it keeps up with the model) and health samples.
 */
import type { HealthSnapshot, OutputHealth, StudioState } from '../../preload/contract';
import { defaultCollection, defaultSettings } from '../../main/studio/defaults';

export function studioStateFixture(patch: Partial<StudioState['live']> = {}): StudioState {
  let n = 0;
  return {
    collection: defaultCollection((prefix) => `${prefix}_${++n}`),
    settings: defaultSettings({ videosDir: '/tmp/videos' }),
    live: { streaming: 'offline', recording: 'off', streamingSince: null, recordingSince: null, recordingFile: null, watchUrl: 'http://127.0.0.1:8090/watch', producer: 'none', ...patch },
  };
}

export function outputFixture(patch: Partial<OutputHealth> = {}): OutputHealth {
  return {
    id: 'local',
    name: 'OnAir local origin (watch page)',
    kind: 'hls',
    state: 'live',
    bitrateKbps: 4500,
    bytes: 1_000_000,
    framesSent: 300,
    framesDropped: 0,
    reconnects: 0,
    uptimeS: 10,
    nextRetryInS: null,
    downtimeS: 0,
    lastError: null,
    file: null,
    process: { cpuPercent: 1, rssBytes: 10_000_000 },
    ...patch,
  };
}

export function healthFixture(patch: Partial<HealthSnapshot> = {}): HealthSnapshot {
  return {
    time: '2026-01-01T00:00:00.000Z',
    state: 'live',
    uptimeS: 10,
    encoder: {
      encoder: 'libx264',
      hardware: false,
      path: 'raw',
      width: 1280,
      height: 720,
      targetFps: 30,
      fps: 30,
      speed: 1,
      framesOut: 300,
      duplicated: 3,
      dropped: 0,
      avOffsetMs: 5,
      restarts: 0,
      process: { cpuPercent: 80, rssBytes: 100_000_000 },
    },
    outputs: [outputFixture()],
    engine: { cpuPercent: 5, rssBytes: 80_000_000 },
    disk: null,
    rating: 'good',
    reasons: [],
    ...patch,
  };
}
