/**
 * Every message's validator rejects wrong types, missing fields and extra fields,
 * and accepts a valid example. One valid example per method keeps the table honest:
 * a new method without an example fails the first test.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENTS, HOTKEY_ACTIONS, METHODS, type MethodName, type MethodParams } from '../../../../preload/contract';

const transform = { x: 0, y: 0, width: 640, height: 360, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } };

const measured = (path: 'raw' | 'encoded', achievedFps: number) => ({
  path, ok: true, error: null, durationMs: 2500, achievedFps, repeatedFrames: 0, workerMsPerFrame: 12, renderMs: 4, readbackMs: 8, encodeLatencyMs: path === 'encoded' ? 20 : null,
});
const preflight: MethodParams<'reportPreflight'> = {
  width: 1280, height: 720, fps: 30, videoBitrateKbps: 2500, engineHasHardwareEncoder: false,
  raw: measured('raw', 22), encoded: measured('encoded', 30), choice: 'encoded', reason: 'only encoded holds 30 fps',
};

const VALID: { [M in MethodName]: MethodParams<M> } = {
  getState: {},
  createScene: { name: 'Intro' },
  removeScene: { sceneId: 'sc_1' },
  renameScene: { sceneId: 'sc_1', name: 'Outro' },
  duplicateScene: { sceneId: 'sc_1' },
  reorderScenes: { sceneIds: ['sc_2', 'sc_1'] },
  setProgramScene: { sceneId: 'sc_1' },
  setPreviewScene: { sceneId: 'sc_1' },
  setStudioMode: { enabled: true },
  triggerTransition: {},
  setTransition: { kind: 'fade', durationMs: 300 },
  addSource: { sceneId: 'sc_1', source: { name: 'Sky', kind: 'color', settings: { color: '#336699' } }, transform },
  addExistingSource: { sceneId: 'sc_1', sourceId: 'src_1' },
  updateSource: { sourceId: 'src_1', name: 'Ground', audio: { muted: true } },
  removeSource: { sourceId: 'src_1' },
  updateSceneItem: { sceneId: 'sc_1', itemId: 'it_1', patch: { visible: false, transform: { x: 10 } } },
  removeSceneItem: { sceneId: 'sc_1', itemId: 'it_1' },
  reorderSceneItems: { sceneId: 'sc_1', itemIds: ['it_2', 'it_1'] },
  setProfile: { width: 1920, height: 1080 },
  setRecordingSettings: { format: 'mp4' },
  setRemoteSettings: { port: 4456 },
  setLocalOriginSettings: { lan: true },
  // The whole map: every action has its key (an empty string = unbound).
  setHotkeys: Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, ''])) as MethodParams<'setHotkeys'>,
  getRemotePassword: {},
  regenerateRemotePassword: {},
  listPresets: {},
  addDestination: { name: 'Twitch', presetId: 'twitch', kind: 'rtmp', serverUrl: 'rtmp://live.twitch.tv/app', streamKey: 'k' },
  updateDestination: { id: 'dst_1', name: 'Twitch 2' },
  removeDestination: { id: 'dst_1' },
  setDestinationEnabled: { id: 'dst_1', enabled: false },
  revealStreamKey: { id: 'dst_1' },
  goLive: {},
  stopLive: {},
  startRecording: {},
  stopRecording: {},
  reconnectDestination: { id: 'dst_1' },
  getHealth: {},
  getProbeReport: { refresh: true },
  reportPreflight: preflight,
  exportCollection: {},
  importCollection: { json: '{}' },
};

const names = Object.keys(METHODS) as MethodName[];

/** A value of a type no field of ours accepts where a string, number, boolean, object or array is expected. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return 'forty-two';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not a list';
  return 7;
}

describe('method params', () => {
  it('has a valid example for every method, and each example passes', () => {
    expect(Object.keys(VALID).sort()).toEqual([...names].sort());
    for (const m of names) expect(METHODS[m].params.safeParse(VALID[m]).success, m).toBe(true);
  });

  it.each(names)('%s rejects an extra field', (m) => {
    expect(METHODS[m].params.safeParse({ ...VALID[m], unexpected: 1 }).success).toBe(false);
  });

  it.each(names)('%s rejects a value that is not an object', (m) => {
    for (const bad of [null, 1, 'x', []]) expect(METHODS[m].params.safeParse(bad).success).toBe(false);
  });

  it.each(names.filter((m) => Object.keys(VALID[m]).length > 0))('%s rejects a wrong type in every field', (m) => {
    const example = VALID[m] as Record<string, unknown>;
    for (const key of Object.keys(example)) {
      expect(METHODS[m].params.safeParse({ ...example, [key]: wrongTypeFor(example[key]) }).success, `${m}.${key}`).toBe(false);
    }
  });

  it.each(names)('%s rejects the example without each required field', (m) => {
    const schema = METHODS[m].params as z.ZodType;
    const example = VALID[m] as Record<string, unknown>;
    for (const key of Object.keys(example)) {
      const { [key]: _dropped, ...rest } = example;
      const requiredHere = !schema.safeParse(rest).success;
      // Optional fields may go; the schema's own shape says which are required.
      const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
      const optional = shape?.[key]?.safeParse(undefined).success ?? !requiredHere;
      expect(requiredHere, `${m} without ${key}`).toBe(!optional);
    }
  });
});

describe('event payloads', () => {
  it.each(Object.keys(EVENTS) as Array<keyof typeof EVENTS>)('%s rejects a non-object and an extra field', (e) => {
    expect(EVENTS[e].safeParse(null).success).toBe(false);
    expect(EVENTS[e].safeParse(1).success).toBe(false);
  });

  it('notice and mediaRequest accept their shapes and refuse extra fields', () => {
    expect(EVENTS.notice.safeParse({ level: 'info', message: 'hi' }).success).toBe(true);
    expect(EVENTS.notice.safeParse({ level: 'info', message: 'hi', extra: 1 }).success).toBe(false);
    const request = { send: true, path: 'raw', width: 640, height: 360, fps: 30, keyframeIntervalS: 2, videoBitrateKbps: 1000 };
    expect(EVENTS.mediaRequest.safeParse(request).success).toBe(true);
    expect(EVENTS.mediaRequest.safeParse({ ...request, path: 'carrier-pigeon' }).success).toBe(false);
  });
});

describe('the video path', () => {
  it('reportPreflight refuses a measurement with an unknown path, an extra field or a negative rate', () => {
    const params = METHODS.reportPreflight.params;
    expect(params.safeParse({ ...preflight, choice: 'carrier-pigeon' }).success).toBe(false);
    expect(params.safeParse({ ...preflight, raw: { ...preflight.raw, extra: 1 } }).success).toBe(false);
    expect(params.safeParse({ ...preflight, encoded: { ...preflight.encoded, achievedFps: -1 } }).success).toBe(false);
    expect(params.safeParse({ ...preflight, width: 0 }).success).toBe(false);
  });

  it('getProbeReport answers with the path and why, and health may carry it', () => {
    const videoPath = { setting: 'auto', path: 'encoded', chosenBy: 'preflight', reason: 'Chosen by the pre-flight.', preflight };
    const result = METHODS.getProbeReport.result;
    expect(result.safeParse({ report: { version: '5.1' }, engineHasHardwareEncoder: false, videoPath }).success).toBe(true);
    expect(result.safeParse({ report: {}, engineHasHardwareEncoder: false, videoPath: { ...videoPath, chosenBy: 'magic' } }).success).toBe(false);
    expect(result.safeParse({ report: {}, videoPath }).success).toBe(false);
  });
});
