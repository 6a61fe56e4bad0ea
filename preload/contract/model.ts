/**
 * The studio's model as it crosses between main and every UI: scene collection,
 * output profile, recording settings, destinations and remote-control settings.
 * Schemas are the single definition; types are derived (never written twice).
 * Secrets never travel in these shapes: a destination says whether it has a
 * stream key (`hasKey`), and the key itself only goes out through `revealStreamKey`.
 */
import { z } from 'zod';

/** Collection limits: the schemas enforce them, the studio's operations explain them. */
export const MAX_SCENES = 100;
export const MAX_SOURCES = 500;
export const MAX_ITEMS_PER_SCENE = 200;
export const MAX_NAME_LENGTH = 100;

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, - and _ only');
export const NameSchema = z.string().trim().min(1, 'a name is required').max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`);
const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'a colour like #1e90ff');

// ---- sources (OBS calls them inputs) ----

export const AudioSettingsSchema = z.strictObject({
  /** Gain in dB, -60 (nearly silent) to +20. */
  gainDb: z.number().min(-60).max(20),
  muted: z.boolean(),
  /** Hear this source locally (headphones) as well as in the mix. */
  monitor: z.boolean(),
});
export type AudioSettings = z.infer<typeof AudioSettingsSchema>;

export const SOURCE_KINDS = ['camera', 'screen', 'image', 'text', 'color', 'media', 'audio-input'] as const;
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const CameraSettingsSchema = z.strictObject({
  deviceId: z.string().max(512).nullable(),
  width: z.number().int().min(16).max(7680).nullable(),
  height: z.number().int().min(16).max(4320).nullable(),
});
export const ScreenSettingsSchema = z.strictObject({
  /** What was picked (an Electron desktopCapturer id, or null: ask the browser each time). */
  captureId: z.string().max(512).nullable(),
  target: z.enum(['screen', 'window']),
  withAudio: z.boolean(),
});
export const ImageSettingsSchema = z.strictObject({
  /** A file path (Electron) or a data: URL (browser mode). */
  src: z.string().min(1).max(20_000_000),
});
export const TextSettingsSchema = z.strictObject({
  text: z.string().max(10_000),
  font: z.string().min(1).max(200),
  sizePx: z.number().min(4).max(1000),
  color: ColorSchema,
  outlineColor: ColorSchema,
  outlineWidthPx: z.number().min(0).max(50),
  background: ColorSchema.nullable(),
  align: z.enum(['left', 'center', 'right']),
  /** Wrap at this width in pixels; null = no wrapping. */
  wrapWidthPx: z.number().min(10).max(8000).nullable(),
});
export const ColorSettingsSchema = z.strictObject({ color: ColorSchema });
export const MediaSettingsSchema = z.strictObject({
  src: z.string().min(1).max(4096),
  loop: z.boolean(),
  playing: z.boolean(),
});
export const AudioInputSettingsSchema = z.strictObject({
  deviceId: z.string().max(512).nullable(),
  target: z.enum(['microphone', 'desktop']),
});

const sourceBase = { id: IdSchema, name: NameSchema, audio: AudioSettingsSchema };
export const SourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...sourceBase, kind: z.literal('camera'), settings: CameraSettingsSchema }),
  z.strictObject({ ...sourceBase, kind: z.literal('screen'), settings: ScreenSettingsSchema }),
  z.strictObject({ ...sourceBase, kind: z.literal('image'), settings: ImageSettingsSchema }),
  z.strictObject({ ...sourceBase, kind: z.literal('text'), settings: TextSettingsSchema }),
  z.strictObject({ ...sourceBase, kind: z.literal('color'), settings: ColorSettingsSchema }),
  z.strictObject({ ...sourceBase, kind: z.literal('media'), settings: MediaSettingsSchema }),
  z.strictObject({ ...sourceBase, kind: z.literal('audio-input'), settings: AudioInputSettingsSchema }),
]);
export type Source = z.infer<typeof SourceSchema>;

// ---- scenes ----

export const CropSchema = z.strictObject({
  top: z.number().min(0),
  right: z.number().min(0),
  bottom: z.number().min(0),
  left: z.number().min(0),
});
export const TransformSchema = z.strictObject({
  /** Position of the item's top-left corner on the output canvas, in output pixels. */
  x: z.number().min(-100_000).max(100_000),
  y: z.number().min(-100_000).max(100_000),
  width: z.number().min(1).max(100_000),
  height: z.number().min(1).max(100_000),
  /** Clockwise, around the item's centre. */
  rotationDeg: z.number().min(-360).max(360),
  /** Pixels cut from each edge of the source before it is scaled. */
  crop: CropSchema,
});
export type Transform = z.infer<typeof TransformSchema>;

export const SceneItemSchema = z.strictObject({
  id: IdSchema,
  sourceId: IdSchema,
  transform: TransformSchema,
  opacity: z.number().min(0).max(1),
  visible: z.boolean(),
  locked: z.boolean(),
});
export type SceneItem = z.infer<typeof SceneItemSchema>;

export const SceneSchema = z.strictObject({
  id: IdSchema,
  name: NameSchema,
  /** Bottom first: later items are drawn over earlier ones. */
  items: z.array(SceneItemSchema).max(MAX_ITEMS_PER_SCENE),
});
export type Scene = z.infer<typeof SceneSchema>;

export const TransitionSchema = z.strictObject({
  kind: z.enum(['cut', 'fade', 'slide']),
  durationMs: z.number().int().min(0).max(10_000),
});
export type Transition = z.infer<typeof TransitionSchema>;

export const SceneCollectionSchema = z
  .strictObject({
    name: NameSchema,
    scenes: z.array(SceneSchema).min(1, 'a collection needs at least one scene').max(MAX_SCENES),
    sources: z.array(SourceSchema).max(MAX_SOURCES),
    programSceneId: IdSchema,
    previewSceneId: IdSchema,
    studioMode: z.boolean(),
    transition: TransitionSchema,
  })
  .superRefine((c, ctx) => {
    const sceneIds = new Set(c.scenes.map((s) => s.id));
    const sourceIds = new Set(c.sources.map((s) => s.id));
    if (sceneIds.size !== c.scenes.length) ctx.addIssue({ code: 'custom', path: ['scenes'], message: 'scene ids must be unique' });
    if (sourceIds.size !== c.sources.length) ctx.addIssue({ code: 'custom', path: ['sources'], message: 'source ids must be unique' });
    if (!sceneIds.has(c.programSceneId)) ctx.addIssue({ code: 'custom', path: ['programSceneId'], message: `no scene has id "${c.programSceneId}"` });
    if (!sceneIds.has(c.previewSceneId)) ctx.addIssue({ code: 'custom', path: ['previewSceneId'], message: `no scene has id "${c.previewSceneId}"` });
    c.scenes.forEach((scene, si) =>
      scene.items.forEach((item, ii) => {
        if (!sourceIds.has(item.sourceId)) ctx.addIssue({ code: 'custom', path: ['scenes', si, 'items', ii, 'sourceId'], message: `no source has id "${item.sourceId}"` });
      }),
    );
  });
export type SceneCollection = z.infer<typeof SceneCollectionSchema>;

// ---- output ----

export const EVEN = (n: number) => n % 2 === 0;
export const OutputProfileSchema = z.strictObject({
  width: z.number().int().min(16).max(7680).refine(EVEN, 'the width must be even'),
  height: z.number().int().min(16).max(4320).refine(EVEN, 'the height must be even'),
  fps: z.number().int().min(1).max(120),
  videoBitrateKbps: z.number().int().min(100).max(100_000),
  keyframeIntervalS: z.number().min(0.5).max(20),
  /** 'auto' or an ffmpeg encoder name the probe found working. */
  encoder: z.string().min(1).max(64),
  audioBitrateKbps: z.number().int().min(32).max(512),
  /** How the compositor hands video to the engine: 'auto' lets the pre-flight choose. */
  videoPath: z.enum(['auto', 'raw', 'encoded']),
});
export type OutputProfile = z.infer<typeof OutputProfileSchema>;

export const RecordingSettingsSchema = z.strictObject({
  folder: z.string().min(1).max(4096),
  format: z.enum(['mkv', 'mp4']),
  /** strftime-like: {date} {time} {scene}; the extension is added. */
  fileNamePattern: z.string().min(1).max(200).regex(/^[^/\\:*?"<>|]+$/, 'no / \\ : * ? " < > | in a file name'),
});
export type RecordingSettings = z.infer<typeof RecordingSettingsSchema>;

// ---- destinations ----

export const DESTINATION_KINDS = ['local', 'rtmp', 'srt', 'hls-put'] as const;
export const DestinationSchema = z.strictObject({
  id: IdSchema,
  name: NameSchema,
  kind: z.enum(DESTINATION_KINDS),
  /** The service preset it was made from ('twitch', 'custom-rtmp', ...). */
  presetId: z.string().min(1).max(64),
  /** Ingest URL without the stream key (rtmp://live.twitch.tv/app); empty for the local origin. */
  serverUrl: z.string().max(2048),
  /** A backup ingest (YouTube's), tried after repeated failures. */
  backupServerUrl: z.string().max(2048).nullable(),
  enabled: z.boolean(),
  /** Whether a stream key is stored for it (the key itself stays in main). */
  hasKey: z.boolean(),
});
export type Destination = z.infer<typeof DestinationSchema>;

export const RemoteSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  port: z.number().int().min(1024).max(65_535),
  /** Listen on every interface instead of 127.0.0.1 only. */
  lan: z.boolean(),
});
export type RemoteSettings = z.infer<typeof RemoteSettingsSchema>;

export const LocalOriginSettingsSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535),
  lan: z.boolean(),
});
export type LocalOriginSettings = z.infer<typeof LocalOriginSettingsSchema>;

export const HOTKEY_ACTIONS = ['scene-1', 'scene-2', 'scene-3', 'scene-4', 'scene-5', 'scene-6', 'scene-7', 'scene-8', 'scene-9', 'transition', 'toggle-live', 'toggle-record', 'toggle-mic-mute'] as const;
export const HotkeyActionSchema = z.enum(HOTKEY_ACTIONS);
export type HotkeyAction = z.infer<typeof HotkeyActionSchema>;
/** Accelerator strings in Electron's format ("CommandOrControl+Shift+1"). */
export const HotkeysSchema = z.record(HotkeyActionSchema, z.string().max(64));
export type Hotkeys = z.infer<typeof HotkeysSchema>;

export const SettingsSchema = z.strictObject({
  profile: OutputProfileSchema,
  recording: RecordingSettingsSchema,
  destinations: z.array(DestinationSchema).max(20),
  remote: RemoteSettingsSchema,
  localOrigin: LocalOriginSettingsSchema,
  hotkeys: HotkeysSchema,
  /** The ffmpeg binary chosen by the user; null = find it. */
  ffmpegPath: z.string().max(4096).nullable(),
});
export type Settings = z.infer<typeof SettingsSchema>;

// ---- live state ----

export const LiveStateSchema = z.strictObject({
  streaming: z.enum(['offline', 'starting', 'live', 'ending']),
  recording: z.enum(['off', 'starting', 'recording', 'stopping']),
  /** When the stream went live (ISO), for the elapsed-time display. */
  streamingSince: z.string().nullable(),
  recordingSince: z.string().nullable(),
  recordingFile: z.string().nullable(),
  /** The built-in origin's watch page. */
  watchUrl: z.string().nullable(),
  /** What feeds the program: a compositor connected, or the engine's own slate. */
  producer: z.enum(['none', 'compositor']),
});
export type LiveState = z.infer<typeof LiveStateSchema>;

export const StudioStateSchema = z.strictObject({
  collection: SceneCollectionSchema,
  settings: SettingsSchema,
  live: LiveStateSchema,
});
export type StudioState = z.infer<typeof StudioStateSchema>;
