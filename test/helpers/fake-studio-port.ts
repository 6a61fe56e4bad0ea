/**
 * FakeStudioPort: an in-memory stand-in for the Studio, for testing the
 * obs-websocket adapter without the engine. It is a FAKE: no ffmpeg, no files,
 * no persistence; "going live" and "recording" only walk the live state through
 * starting -> live -> ending -> offline on short timers.
 *
 * What it keeps true, so tests of the adapter mean something:
 * - every state it emits passes the contract's StudioStateSchema (checked after
 *   each change; a change that would break it is refused with BAD_REQUEST);
 * - the rules the real studio enforces on scenes: unique names, at least one
 *   scene, preview = program while studio mode is off, preview only in studio mode;
 * - state events coalesced per tick, as the Studio sends them.
 * Methods the adapter does not use throw INTERNAL ("not in the fake").
 */
import { METHODS, type MethodName, type StudioApi } from '../../preload/contract/methods';
import { StudioError } from '../../preload/contract/errors';
import type { EventName, EventPayload } from '../../preload/contract/events';
import type { HealthSnapshot } from '../../preload/contract/health';
import { HOTKEY_ACTIONS, StudioStateSchema, type LiveState, type SceneCollection, type StudioState } from '../../preload/contract/model';
import type { StudioPort } from '../../main/studio/studio-port';

/** How long the fake's outputs spend starting or stopping, ms. */
export const FAKE_OUTPUT_STEP_MS = 20;

export function fakeInitialState(): StudioState {
  const audio = { gainDb: 0, muted: false, monitor: false };
  const transform = { x: 0, y: 0, width: 1280, height: 720, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } };
  const item = (id: string, sourceId: string) => ({ id, sourceId, transform, opacity: 1, visible: true, locked: false });
  return StudioStateSchema.parse({
    collection: {
      name: 'Fake collection',
      scenes: [
        { id: 'sc_main', name: 'Main', items: [item('it_cam', 'src_cam'), item('it_mic', 'src_mic')] },
        { id: 'sc_brb', name: 'Be Right Back', items: [item('it_card', 'src_card')] },
      ],
      sources: [
        { id: 'src_cam', name: 'Camera', kind: 'camera', audio, settings: { deviceId: null, width: null, height: null } },
        { id: 'src_mic', name: 'Mic', kind: 'audio-input', audio, settings: { deviceId: null, target: 'microphone' } },
        { id: 'src_card', name: 'BRB card', kind: 'color', audio, settings: { color: '#112233' } },
      ],
      programSceneId: 'sc_main',
      previewSceneId: 'sc_main',
      studioMode: false,
      transition: { kind: 'fade', durationMs: 300 },
    },
    settings: {
      profile: { width: 1280, height: 720, fps: 30, videoBitrateKbps: 4500, keyframeIntervalS: 2, encoder: 'auto', audioBitrateKbps: 160, videoPath: 'auto' },
      recording: { folder: '/tmp/onair-fake-recordings', format: 'mkv', fileNamePattern: '{date} {time}' },
      destinations: [],
      remote: { enabled: true, port: 4455, lan: false },
      localOrigin: { port: 0, lan: false },
      // The contract's hotkey record has every action; '' means unbound.
      hotkeys: Object.fromEntries(HOTKEY_ACTIONS.map((action) => [action, ''])),
      ffmpegPath: null,
    },
    live: { streaming: 'offline', recording: 'off', streamingSince: null, recordingSince: null, recordingFile: null, watchUrl: null, producer: 'none' },
  });
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FakeStudioPort implements StudioPort {
  readonly api: StudioApi;
  private state: StudioState;
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private stateQueued = false;
  private nextId = 1;
  private recordings = 0;

  constructor(initial: StudioState = fakeInitialState()) {
    this.state = structuredClone(initial);
    this.api = this.buildApi();
  }

  current(): StudioState {
    return this.state;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
  }

  emitHealth(health: HealthSnapshot): void {
    this.emit('health', health);
  }

  // ---- changes ----

  private setCollection(next: SceneCollection): { ok: true } {
    const parsed = StudioStateSchema.safeParse({ ...this.state, collection: next });
    if (!parsed.success) throw new StudioError('BAD_REQUEST', 'That change would break the collection.', parsed.error.message);
    this.state = parsed.data;
    this.queueState();
    return { ok: true };
  }

  private setLive(patch: Partial<LiveState>): void {
    this.state = { ...this.state, live: { ...this.state.live, ...patch } };
    this.queueState();
  }

  private queueState(): void {
    if (this.stateQueued) return;
    this.stateQueued = true;
    queueMicrotask(() => {
      this.stateQueued = false;
      this.emit('state', this.state);
    });
  }

  private scene(sceneId: string) {
    const scene = this.state.collection.scenes.find((s) => s.id === sceneId);
    if (!scene) throw new StudioError('NOT_FOUND', `No scene with id "${sceneId}" exists.`);
    return scene;
  }

  private checkFreeSceneName(name: string, except?: string): string {
    const trimmed = name.trim();
    if (this.state.collection.scenes.some((s) => s.id !== except && sameName(s.name, trimmed))) throw new StudioError('BAD_REQUEST', `A scene named "${trimmed}" already exists.`);
    return trimmed;
  }

  private buildApi(): StudioApi {
    const c = () => this.state.collection;
    const notInFake = (method: MethodName) => async (): Promise<never> => {
      throw new StudioError('INTERNAL', `${method} is not in the fake studio`);
    };
    return {
      getState: async () => this.state,
      createScene: async ({ name }) => {
        const sceneId = `sc_fake${this.nextId++}`;
        this.setCollection({ ...c(), scenes: [...c().scenes, { id: sceneId, name: this.checkFreeSceneName(name), items: [] }] });
        return { sceneId };
      },
      removeScene: async ({ sceneId }) => {
        this.scene(sceneId);
        if (c().scenes.length === 1) throw new StudioError('CONFLICT', 'A collection needs at least one scene.');
        const scenes = c().scenes.filter((s) => s.id !== sceneId);
        const move = (id: string) => (id === sceneId ? scenes[0]!.id : id);
        return this.setCollection({ ...c(), scenes, programSceneId: move(c().programSceneId), previewSceneId: move(c().previewSceneId) });
      },
      renameScene: async ({ sceneId, name }) => {
        this.scene(sceneId);
        const trimmed = this.checkFreeSceneName(name, sceneId);
        return this.setCollection({ ...c(), scenes: c().scenes.map((s) => (s.id === sceneId ? { ...s, name: trimmed } : s)) });
      },
      setProgramScene: async ({ sceneId }) => {
        this.scene(sceneId);
        return this.setCollection({ ...c(), programSceneId: sceneId, previewSceneId: c().studioMode ? c().previewSceneId : sceneId });
      },
      setPreviewScene: async ({ sceneId }) => {
        this.scene(sceneId);
        if (!c().studioMode) throw new StudioError('CONFLICT', 'Studio mode is off.');
        return this.setCollection({ ...c(), previewSceneId: sceneId });
      },
      setStudioMode: async ({ enabled }) => this.setCollection({ ...c(), studioMode: enabled, previewSceneId: c().programSceneId }),
      triggerTransition: async () => {
        if (!c().studioMode) throw new StudioError('CONFLICT', 'Studio mode is off.');
        return this.setCollection({ ...c(), programSceneId: c().previewSceneId, previewSceneId: c().programSceneId });
      },
      setTransition: async (transition) => this.setCollection({ ...c(), transition }),
      updateSource: async ({ sourceId, name, audio }) => {
        const source = c().sources.find((s) => s.id === sourceId);
        if (!source) throw new StudioError('NOT_FOUND', `No source with id "${sourceId}" exists.`);
        if (name !== undefined && c().sources.some((s) => s.id !== sourceId && sameName(s.name, name))) throw new StudioError('BAD_REQUEST', 'That name is taken.');
        const next = { ...source, name: name?.trim() ?? source.name, audio: { ...source.audio, ...audio } };
        return this.setCollection({ ...c(), sources: c().sources.map((s) => (s.id === sourceId ? next : s)) });
      },
      updateSceneItem: async ({ sceneId, itemId, patch }) => {
        const scene = this.scene(sceneId);
        if (!scene.items.some((i) => i.id === itemId)) throw new StudioError('NOT_FOUND', `No item with id "${itemId}" exists.`);
        const { transform, ...rest } = patch;
        const items = scene.items.map((i) => (i.id === itemId ? { ...i, ...rest, transform: { ...i.transform, ...transform } } : i));
        return this.setCollection({ ...c(), scenes: c().scenes.map((s) => (s.id === sceneId ? { ...s, items } : s)) });
      },
      removeSceneItem: async ({ sceneId, itemId }) => {
        const scene = this.scene(sceneId);
        return this.setCollection({ ...c(), scenes: c().scenes.map((s) => (s.id === sceneId ? { ...scene, items: scene.items.filter((i) => i.id !== itemId) } : s)) });
      },
      goLive: async () => {
        if (this.state.live.streaming !== 'offline') throw new StudioError('CONFLICT', 'You are already live.');
        this.setLive({ streaming: 'starting' });
        await delay(FAKE_OUTPUT_STEP_MS);
        this.setLive({ streaming: 'live', streamingSince: new Date().toISOString() });
        return { watchUrl: null };
      },
      stopLive: async () => {
        if (this.state.live.streaming !== 'live') throw new StudioError('CONFLICT', 'You are not live.');
        this.setLive({ streaming: 'ending' });
        await delay(FAKE_OUTPUT_STEP_MS);
        this.setLive({ streaming: 'offline', streamingSince: null });
        return { ok: true };
      },
      startRecording: async () => {
        if (this.state.live.recording !== 'off') throw new StudioError('CONFLICT', 'The recording is already running.');
        const file = `${this.state.settings.recording.folder}/fake-${++this.recordings}.mkv`;
        this.setLive({ recording: 'starting' });
        await delay(FAKE_OUTPUT_STEP_MS);
        this.setLive({ recording: 'recording', recordingSince: new Date().toISOString(), recordingFile: file });
        return { file };
      },
      stopRecording: async () => {
        if (this.state.live.recording !== 'recording') throw new StudioError('CONFLICT', 'The recording is not running.');
        const file = this.state.live.recordingFile;
        this.setLive({ recording: 'stopping' });
        await delay(FAKE_OUTPUT_STEP_MS);
        this.setLive({ recording: 'off', recordingSince: null, recordingFile: null });
        return { file };
      },
      getHealth: async () => ({ health: null }),
      duplicateScene: notInFake('duplicateScene'),
      reorderScenes: notInFake('reorderScenes'),
      addSource: notInFake('addSource'),
      addExistingSource: notInFake('addExistingSource'),
      removeSource: notInFake('removeSource'),
      reorderSceneItems: notInFake('reorderSceneItems'),
      setProfile: notInFake('setProfile'),
      setRecordingSettings: notInFake('setRecordingSettings'),
      setRemoteSettings: notInFake('setRemoteSettings'),
      setLocalOriginSettings: notInFake('setLocalOriginSettings'),
      setHotkeys: notInFake('setHotkeys'),
      getRemotePassword: notInFake('getRemotePassword'),
      regenerateRemotePassword: notInFake('regenerateRemotePassword'),
      listPresets: notInFake('listPresets'),
      addDestination: notInFake('addDestination'),
      updateDestination: notInFake('updateDestination'),
      removeDestination: notInFake('removeDestination'),
      setDestinationEnabled: notInFake('setDestinationEnabled'),
      revealStreamKey: notInFake('revealStreamKey'),
      reconnectDestination: notInFake('reconnectDestination'),
      getProbeReport: notInFake('getProbeReport'),
      reportPreflight: notInFake('reportPreflight'),
      exportCollection: notInFake('exportCollection'),
      importCollection: notInFake('importCollection'),
    };
  }
}

// ---- recording every call, for "nothing invalid reached the studio" ----

export interface RecordedCall {
  method: MethodName;
  params: unknown;
  /** Whether the params passed the contract's own schema for the method. */
  valid: boolean;
}

/**
 * Wraps a port so every api call is recorded with whether its params were valid
 * by the contract. The calls reach the wrapped port unchanged: a test asserts on
 * `calls` afterwards (and may replay them on a fresh fake).
 */
export function recordingPort(port: StudioPort): { port: StudioPort; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const api = new Proxy(port.api, {
    get(target, property, receiver) {
      const original: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || typeof original !== 'function' || !(property in METHODS)) return original;
      const method = property as MethodName;
      return (params: unknown) => {
        calls.push({ method, params: structuredClone(params), valid: METHODS[method].params.safeParse(params).success });
        return (original as (p: unknown) => Promise<unknown>).call(target, params);
      };
    },
  });
  return { port: { api, on: (event, listener) => port.on(event, listener) }, calls };
}
