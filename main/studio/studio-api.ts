/**
 * The contract's methods, implemented on the Studio. Each handler does one thing:
 * a pure collection operation (collection-ops.ts), a settings change, or an
 * orchestration step (studio-broadcast.ts). Params arrive validated.
 */
import { SceneCollectionSchema, SettingsSchema, type Destination, type Settings } from '../../preload/contract/model';
import { StudioError } from '../../preload/contract/errors';
import type { StudioApi } from '../../preload/contract/methods';
import { formatZodError } from './persistence/zod-error';
import * as ops from './collection-ops';
import { loadPresets } from './presets';
import { recordingFolderProblem } from './recording-folder';
import { asStudioError, goLive, outputFor, probeReportWithPath, requestMedia, startRecording, stopLive, stopRecording } from './studio-broadcast';
import { destinationKeyId, type Studio } from './studio';

const OK = { ok: true as const };
const EXPORT_FORMAT = 'onair-scene-collection';
const EXPORT_VERSION = 1;

export function createStudioApi(studio: Studio): StudioApi {
  const canvas = () => ({ width: studio.settings.profile.width, height: studio.settings.profile.height });
  const edit = (f: (c: typeof studio.collection) => typeof studio.collection) => {
    studio.setCollection(f(studio.collection));
    return OK;
  };
  const settingsPatch = (patch: Partial<Settings>) => {
    const parsed = SettingsSchema.safeParse({ ...studio.settings, ...patch });
    if (!parsed.success) throw new StudioError('BAD_REQUEST', `That setting is not valid: ${formatZodError(parsed.error)}`);
    studio.setSettings(parsed.data);
    return OK;
  };
  const destination = (id: string): Destination => {
    const d = studio.settings.destinations.find((x) => x.id === id);
    if (!d) throw new StudioError('NOT_FOUND', `No destination with id "${id}" exists.`);
    return d;
  };
  const replaceDestination = (next: Destination) =>
    settingsPatch({ destinations: studio.settings.destinations.map((d) => (d.id === next.id ? next : d)) });
  const storeKey = async (id: string, key: string | undefined): Promise<boolean | undefined> => {
    if (key === undefined) return undefined;
    if (key === '') {
      await studio.options.secrets.delete(destinationKeyId(id));
      return false;
    }
    studio.options.redactor.add(key);
    await studio.options.secrets.set(destinationKeyId(id), key);
    return true;
  };
  /** A destination changed while live: it leaves and rejoins the stream with its new settings. */
  const refreshLiveDestination = async (d: Destination) => {
    if (!studio.live.streaming) return;
    await studio.live.removeStreamOutput(d.id);
    if (d.enabled) await studio.live.addStreamOutput(await outputFor(studio, d));
  };
  const guard = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      throw asStudioError(err);
    }
  };

  return {
    getState: async () => studio.state(),

    createScene: async ({ name }) => {
      const r = ops.createScene(studio.collection, name, studio.newId);
      studio.setCollection(r.collection);
      return { sceneId: r.sceneId };
    },
    removeScene: async ({ sceneId }) => edit((c) => ops.removeScene(c, sceneId)),
    renameScene: async ({ sceneId, name }) => edit((c) => ops.renameScene(c, sceneId, name)),
    duplicateScene: async ({ sceneId, name }) => {
      const r = ops.duplicateScene(studio.collection, sceneId, name, studio.newId);
      studio.setCollection(r.collection);
      return { sceneId: r.sceneId };
    },
    reorderScenes: async ({ sceneIds }) => edit((c) => ops.reorderScenes(c, sceneIds)),
    setProgramScene: async ({ sceneId }) => edit((c) => ops.setProgramScene(c, sceneId)),
    setPreviewScene: async ({ sceneId }) => edit((c) => ops.setPreviewScene(c, sceneId)),
    setStudioMode: async ({ enabled }) => edit((c) => ops.setStudioMode(c, enabled)),
    triggerTransition: async () => edit((c) => ops.transitionPreviewToProgram(c)),
    setTransition: async (transition) => edit((c) => ops.setTransition(c, transition)),

    addSource: async ({ sceneId, source, transform }) => {
      const r = ops.addSource(studio.collection, sceneId, source, canvas(), transform, studio.newId);
      studio.setCollection(r.collection);
      return { sourceId: r.sourceId, itemId: r.itemId };
    },
    addExistingSource: async ({ sceneId, sourceId }) => {
      const r = ops.addExistingSource(studio.collection, sceneId, sourceId, canvas(), studio.newId);
      studio.setCollection(r.collection);
      return { itemId: r.itemId };
    },
    updateSource: async ({ sourceId, ...patch }) => edit((c) => ops.updateSource(c, sourceId, patch)),
    removeSource: async ({ sourceId }) => edit((c) => ops.removeSource(c, sourceId)),
    updateSceneItem: async ({ sceneId, itemId, patch }) => edit((c) => ops.updateSceneItem(c, sceneId, itemId, patch)),
    removeSceneItem: async ({ sceneId, itemId }) => edit((c) => ops.removeSceneItem(c, sceneId, itemId)),
    reorderSceneItems: async ({ sceneId, itemIds }) => edit((c) => ops.reorderSceneItems(c, sceneId, itemIds)),

    setProfile: async (patch) => {
      const before = canvas();
      settingsPatch({ profile: { ...studio.settings.profile, ...patch } });
      // A new output size keeps the layout: every item moves and resizes with the canvas.
      studio.setCollection(ops.rescaleCollection(studio.collection, before, canvas()));
      if (studio.live.running) studio.notice('info', 'The new output settings apply the next time you go live or record.');
      else requestMedia(studio);
      return OK;
    },
    setRecordingSettings: async (patch) => {
      const problem = patch.folder !== undefined && patch.folder !== studio.settings.recording.folder ? await recordingFolderProblem(patch.folder) : null;
      if (problem) throw new StudioError('BAD_REQUEST', problem, 'recording.folder');
      return settingsPatch({ recording: { ...studio.settings.recording, ...patch } });
    },
    setRemoteSettings: async (patch) => settingsPatch({ remote: { ...studio.settings.remote, ...patch } }),
    setLocalOriginSettings: async (patch) => settingsPatch({ localOrigin: { ...studio.settings.localOrigin, ...patch } }),
    setHotkeys: async (hotkeys) => settingsPatch({ hotkeys }),
    getRemotePassword: async () => ({ password: await studio.remotePassword() }),
    regenerateRemotePassword: async () => ({ password: await studio.remotePassword(true) }),

    listPresets: async () => ({ presets: await loadPresets(studio.options.resourcesDir) }),
    addDestination: async ({ streamKey, ...input }) =>
      guard(async () => {
        const id = studio.newId('dst');
        const hasKey = (await storeKey(id, streamKey)) ?? false;
        const d: Destination = { id, name: input.name, kind: input.kind, presetId: input.presetId, serverUrl: input.serverUrl, backupServerUrl: input.backupServerUrl ?? null, enabled: input.enabled ?? true, hasKey };
        settingsPatch({ destinations: [...studio.settings.destinations, d] });
        await refreshLiveDestination(d);
        return { destination: d };
      }),
    updateDestination: async ({ id, streamKey, ...patch }) =>
      guard(async () => {
        const current = destination(id);
        if (current.kind === 'local' && (patch.kind || patch.serverUrl)) throw new StudioError('BAD_REQUEST', 'The local origin has no server address to change.');
        const hasKey = (await storeKey(id, streamKey)) ?? current.hasKey;
        const next: Destination = { ...current, ...stripUndefined(patch), backupServerUrl: patch.backupServerUrl === undefined ? current.backupServerUrl : patch.backupServerUrl, hasKey };
        replaceDestination(next);
        await refreshLiveDestination(next);
        return { destination: next };
      }),
    removeDestination: async ({ id }) =>
      guard(async () => {
        const d = destination(id);
        if (d.kind === 'local') throw new StudioError('CONFLICT', 'The built-in local origin cannot be removed; disable it instead.');
        await studio.live.removeStreamOutput(id);
        await studio.options.secrets.delete(destinationKeyId(id));
        return settingsPatch({ destinations: studio.settings.destinations.filter((x) => x.id !== id) });
      }),
    setDestinationEnabled: async ({ id, enabled }) =>
      guard(async () => {
        const next = { ...destination(id), enabled };
        replaceDestination(next);
        await refreshLiveDestination(next);
        return OK;
      }),
    revealStreamKey: async ({ id }) => {
      destination(id);
      const key = await studio.options.secrets.get(destinationKeyId(id));
      if (key === null) throw new StudioError('NOT_FOUND', 'No stream key is stored for this destination.');
      return { streamKey: key };
    },

    goLive: async () => goLive(studio),
    stopLive: async () => {
      await guard(() => stopLive(studio));
      return OK;
    },
    startRecording: async () => startRecording(studio),
    stopRecording: async () => guard(() => stopRecording(studio)),
    reconnectDestination: async ({ id }) => {
      destination(id);
      studio.live.reconnect(id);
      return OK;
    },
    getHealth: async () => ({ health: studio.health }),
    getProbeReport: async ({ refresh }) => guard(() => probeReportWithPath(studio, refresh ?? false)),
    reportPreflight: async (report) => {
      await studio.keepPreflight(report);
      return OK;
    },

    exportCollection: async () => ({ json: JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, collection: studio.collection }, null, 2) }),
    importCollection: async ({ json }) => {
      let doc: unknown;
      try {
        doc = JSON.parse(json);
      } catch (err) {
        throw new StudioError('BAD_REQUEST', `That file is not a scene collection: it is not valid JSON (${(err as Error).message}).`);
      }
      const envelope = doc as { format?: unknown; version?: unknown; collection?: unknown };
      if (envelope?.format !== EXPORT_FORMAT) throw new StudioError('BAD_REQUEST', 'That file is not an OnAir Studio scene collection (format is missing or different).');
      if (envelope.version !== EXPORT_VERSION) throw new StudioError('BAD_REQUEST', `That scene collection was made by another version of OnAir Studio (version ${String(envelope.version)}; this one reads ${EXPORT_VERSION}).`);
      const parsed = SceneCollectionSchema.safeParse(envelope.collection);
      if (!parsed.success) throw new StudioError('BAD_REQUEST', `That scene collection has a problem: ${formatZodError(parsed.error).replace(/^/, 'collection.')}`);
      studio.setCollection(parsed.data);
      return OK;
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
