/**
 * Every method a UI (or a remote controller, through its adapter) may call on the
 * studio, with one params schema and one result schema each. The client surface,
 * the IPC handlers and the WebSocket bridge are all derived from this table.
 */
import { z } from 'zod';
import {
  AudioInputSettingsSchema,
  AudioSettingsSchema,
  CameraSettingsSchema,
  ColorSettingsSchema,
  ImageSettingsSchema,
  MediaSettingsSchema,
  ScreenSettingsSchema,
  TextSettingsSchema,
  type SourceKind,
  DestinationSchema,
  IdSchema,
  NameSchema,
  OutputProfileSchema,
  RecordingSettingsSchema,
  RemoteSettingsSchema,
  SceneItemSchema,
  StudioStateSchema,
  TransformSchema,
  TransitionSchema,
  HotkeysSchema,
  LocalOriginSettingsSchema,
} from './model';
import { HealthSnapshotSchema } from './health';
import { PreflightReportSchema, VideoPathStatusSchema } from './video-path';

const Empty = z.strictObject({});
const Ok = z.strictObject({ ok: z.literal(true) });

/** A source as the UI creates it: no id (main assigns it), audio settings optional. */
const newSource = <K extends SourceKind, S extends z.ZodType>(kind: K, settings: S) =>
  z.strictObject({ name: NameSchema, kind: z.literal(kind), settings, audio: AudioSettingsSchema.optional() });
export const NewSourceSchema = z.discriminatedUnion('kind', [
  newSource('camera', CameraSettingsSchema),
  newSource('screen', ScreenSettingsSchema),
  newSource('image', ImageSettingsSchema),
  newSource('text', TextSettingsSchema),
  newSource('color', ColorSettingsSchema),
  newSource('media', MediaSettingsSchema),
  newSource('audio-input', AudioInputSettingsSchema),
]);
export type NewSource = z.infer<typeof NewSourceSchema>;

export const PresetSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['rtmp', 'srt', 'hls-put']),
  servers: z.array(z.strictObject({ name: z.string(), url: z.string() })),
  backupServerUrl: z.string().nullable(),
  keyHelp: z.string(),
  recommended: z.strictObject({ maxVideoBitrateKbps: z.number(), keyframeIntervalS: z.number(), maxWidth: z.number(), maxHeight: z.number(), maxFps: z.number() }),
});
export type Preset = z.infer<typeof PresetSchema>;

const DestinationInputSchema = z.strictObject({
  name: NameSchema,
  presetId: z.string().min(1).max(64),
  kind: z.enum(['rtmp', 'srt', 'hls-put']),
  serverUrl: z.string().min(1).max(2048),
  backupServerUrl: z.string().max(2048).nullable().optional(),
  /** The stream key; omitted on update = keep the stored one, '' = delete it. */
  streamKey: z.string().max(1024).optional(),
  enabled: z.boolean().optional(),
});

export const METHODS = {
  getState: { params: Empty, result: StudioStateSchema },

  // scenes
  createScene: { params: z.strictObject({ name: NameSchema }), result: z.strictObject({ sceneId: IdSchema }) },
  removeScene: { params: z.strictObject({ sceneId: IdSchema }), result: Ok },
  renameScene: { params: z.strictObject({ sceneId: IdSchema, name: NameSchema }), result: Ok },
  duplicateScene: { params: z.strictObject({ sceneId: IdSchema, name: NameSchema.optional() }), result: z.strictObject({ sceneId: IdSchema }) },
  reorderScenes: { params: z.strictObject({ sceneIds: z.array(IdSchema).max(100) }), result: Ok },
  setProgramScene: { params: z.strictObject({ sceneId: IdSchema }), result: Ok },
  setPreviewScene: { params: z.strictObject({ sceneId: IdSchema }), result: Ok },
  setStudioMode: { params: z.strictObject({ enabled: z.boolean() }), result: Ok },
  triggerTransition: { params: Empty, result: Ok },
  setTransition: { params: TransitionSchema, result: Ok },

  // sources and scene items
  addSource: {
    params: z.strictObject({ sceneId: IdSchema, source: NewSourceSchema, transform: TransformSchema.optional() }),
    result: z.strictObject({ sourceId: IdSchema, itemId: IdSchema }),
  },
  addExistingSource: { params: z.strictObject({ sceneId: IdSchema, sourceId: IdSchema }), result: z.strictObject({ itemId: IdSchema }) },
  updateSource: {
    params: z.strictObject({ sourceId: IdSchema, name: NameSchema.optional(), settings: z.record(z.string(), z.unknown()).optional(), audio: AudioSettingsSchema.partial().optional() }),
    result: Ok,
  },
  removeSource: { params: z.strictObject({ sourceId: IdSchema }), result: Ok },
  updateSceneItem: {
    params: z.strictObject({ sceneId: IdSchema, itemId: IdSchema, patch: SceneItemSchema.omit({ id: true, sourceId: true }).partial().extend({ transform: TransformSchema.partial().optional() }) }),
    result: Ok,
  },
  removeSceneItem: { params: z.strictObject({ sceneId: IdSchema, itemId: IdSchema }), result: Ok },
  reorderSceneItems: { params: z.strictObject({ sceneId: IdSchema, itemIds: z.array(IdSchema).max(200) }), result: Ok },

  // settings
  setProfile: { params: OutputProfileSchema.partial(), result: Ok },
  setRecordingSettings: { params: RecordingSettingsSchema.partial(), result: Ok },
  setRemoteSettings: { params: RemoteSettingsSchema.partial(), result: Ok },
  setLocalOriginSettings: { params: LocalOriginSettingsSchema.partial(), result: Ok },
  setHotkeys: { params: HotkeysSchema, result: Ok },
  getRemotePassword: { params: Empty, result: z.strictObject({ password: z.string() }) },
  regenerateRemotePassword: { params: Empty, result: z.strictObject({ password: z.string() }) },

  // destinations
  listPresets: { params: Empty, result: z.strictObject({ presets: z.array(PresetSchema) }) },
  addDestination: { params: DestinationInputSchema, result: z.strictObject({ destination: DestinationSchema }) },
  updateDestination: { params: DestinationInputSchema.partial().extend({ id: IdSchema }), result: z.strictObject({ destination: DestinationSchema }) },
  removeDestination: { params: z.strictObject({ id: IdSchema }), result: Ok },
  setDestinationEnabled: { params: z.strictObject({ id: IdSchema, enabled: z.boolean() }), result: Ok },
  revealStreamKey: { params: z.strictObject({ id: IdSchema }), result: z.strictObject({ streamKey: z.string() }) },

  // broadcast
  goLive: { params: Empty, result: z.strictObject({ watchUrl: z.string().nullable() }) },
  stopLive: { params: Empty, result: Ok },
  startRecording: { params: Empty, result: z.strictObject({ file: z.string() }) },
  stopRecording: { params: Empty, result: z.strictObject({ file: z.string().nullable() }) },
  reconnectDestination: { params: z.strictObject({ id: IdSchema }), result: Ok },
  getHealth: { params: Empty, result: z.strictObject({ health: HealthSnapshotSchema.nullable() }) },
  getProbeReport: {
    params: z.strictObject({ refresh: z.boolean().optional() }),
    result: z.strictObject({ report: z.unknown(), engineHasHardwareEncoder: z.boolean(), videoPath: VideoPathStatusSchema }),
  },
  /** The compositor's pre-flight for the current profile: resolves the profile's videoPath 'auto'. */
  reportPreflight: { params: PreflightReportSchema, result: Ok },

  // import / export
  exportCollection: { params: Empty, result: z.strictObject({ json: z.string() }) },
  importCollection: { params: z.strictObject({ json: z.string().max(50_000_000) }), result: Ok },
} as const;

export type MethodName = keyof typeof METHODS;
export type MethodParams<M extends MethodName> = z.input<(typeof METHODS)[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<(typeof METHODS)[M]['result']>;

/** The client surface every UI talks to: one async function per method. */
export type StudioApi = { [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>> };

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(METHODS, name);
}
