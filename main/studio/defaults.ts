/**
 * What a first start looks like: a scene collection someone can go live with at
 * once, settings that suit a typical upload, and recording file names.
 *
 * Pure: ids come from the injected `newId`, folders from the caller, so the
 * result is the same on every run of a test.
 */
import path from 'node:path';
import { DEFAULT_HOTKEYS } from '../../preload/contract/hotkeys';
import { type OutputProfile, type Scene, type SceneCollection, type SceneItem, type Settings, type Source, type Transform } from '../../preload/contract/model';
import { DEFAULT_AUDIO, ID_PREFIX, defaultTransform, type Canvas, type NewId } from './collection-ops';

/** The output profile of a first start: 720p30 at a bitrate most uploads sustain. */
export const DEFAULT_PROFILE: OutputProfile = { width: 1280, height: 720, fps: 30, videoBitrateKbps: 4500, keyframeIntervalS: 2, encoder: 'auto', audioBitrateKbps: 160, videoPath: 'auto' };
/** The canvas a first collection is laid out on when no profile is given (Studio.open passes the profile's). */
export const DEFAULT_CANVAS: Canvas = { width: DEFAULT_PROFILE.width, height: DEFAULT_PROFILE.height };
/** The camera box, as a fraction of the canvas width (or height, if that is the tighter side). */
export const CAMERA_BOX_FRACTION = 0.8;
export const FADE_DURATION_MS = 300;
/** Title text size as a fraction of the canvas height (48 px on 720p). */
const TITLE_SIZE_FRACTION = 1 / 15;
const BACKGROUND_COLOR = '#101522';
const NO_CROP = { top: 0, right: 0, bottom: 0, left: 0 };
export const LOCAL_DESTINATION_ID = 'local';

/**
 * Two scenes. "Live", bottom to top: a dark background, the camera in a 16:9 box
 * inset on it (a full-canvas camera would hide the background and the title's
 * contrast), the title, and the microphone. "Starting soon": the same background
 * (one shared source) and a centred "Starting soon".
 */
export function defaultCollection(newId: NewId, canvas: Canvas = DEFAULT_CANVAS): SceneCollection {
  const ids = {
    live: newId(ID_PREFIX.scene),
    soon: newId(ID_PREFIX.scene),
    background: newId(ID_PREFIX.source),
    camera: newId(ID_PREFIX.source),
    title: newId(ID_PREFIX.source),
    mic: newId(ID_PREFIX.source),
    soonText: newId(ID_PREFIX.source),
  };
  const sources: Source[] = [
    { id: ids.background, name: 'Background', kind: 'color', settings: { color: BACKGROUND_COLOR }, audio: DEFAULT_AUDIO },
    { id: ids.camera, name: 'Camera', kind: 'camera', settings: { deviceId: null, width: null, height: null }, audio: DEFAULT_AUDIO },
    { id: ids.title, name: 'Title', kind: 'text', settings: textSettings('OnAir Studio', canvas), audio: DEFAULT_AUDIO },
    { id: ids.mic, name: 'Microphone', kind: 'audio-input', settings: { deviceId: null, target: 'microphone' }, audio: DEFAULT_AUDIO },
    { id: ids.soonText, name: 'Starting soon text', kind: 'text', settings: textSettings('Starting soon', canvas), audio: DEFAULT_AUDIO },
  ];
  const textBox = defaultTransform('text', canvas);
  const live: Scene = {
    id: ids.live,
    name: 'Live',
    items: [
      item(newId, ids.background, defaultTransform('color', canvas)),
      item(newId, ids.camera, cameraBox(canvas)),
      item(newId, ids.title, textBox),
      item(newId, ids.mic, defaultTransform('audio-input', canvas)),
    ],
  };
  const soon: Scene = {
    id: ids.soon,
    name: 'Starting soon',
    items: [item(newId, ids.background, defaultTransform('color', canvas)), item(newId, ids.soonText, { ...textBox, y: Math.round((canvas.height - textBox.height) / 2) })],
  };
  return {
    name: 'My studio',
    scenes: [live, soon],
    sources,
    programSceneId: live.id,
    previewSceneId: live.id,
    studioMode: false,
    transition: { kind: 'fade', durationMs: FADE_DURATION_MS },
  };
}

export interface DefaultSettingsOptions {
  /** The user's videos folder (Electron's app.getPath('videos')); recordings go in an OnAir folder inside. */
  videosDir: string;
}

export function defaultSettings(opts: DefaultSettingsOptions): Settings {
  return {
    profile: { ...DEFAULT_PROFILE },
    recording: { folder: path.join(opts.videosDir, 'OnAir'), format: 'mkv', fileNamePattern: 'OnAir {date} {time}' },
    destinations: [
      {
        id: LOCAL_DESTINATION_ID,
        name: 'OnAir local origin (watch page)',
        kind: 'local',
        presetId: 'local',
        serverUrl: '',
        backupServerUrl: null,
        enabled: true,
        hasKey: false,
      },
    ],
    remote: { enabled: true, port: 4455, lan: false },
    localOrigin: { port: 8090, lan: false },
    hotkeys: { ...DEFAULT_HOTKEYS },
    ffmpegPath: null,
  };
}

// The recording file name is built where the settings form can show a live example too.
export { fileNameFromPattern, MAX_FILE_NAME_LENGTH } from '../../preload/contract/recording-name';

function item(newId: NewId, sourceId: string, transform: Transform): SceneItem {
  return { id: newId(ID_PREFIX.item), sourceId, transform, opacity: 1, visible: true, locked: false };
}

/** A 16:9 box, CAMERA_BOX_FRACTION of the canvas on its tighter side, centred. */
function cameraBox(canvas: Canvas): Transform {
  let width = canvas.width * CAMERA_BOX_FRACTION;
  let height = (width * 9) / 16;
  if (height > canvas.height * CAMERA_BOX_FRACTION) {
    height = canvas.height * CAMERA_BOX_FRACTION;
    width = (height * 16) / 9;
  }
  width = Math.max(1, Math.round(width));
  height = Math.max(1, Math.round(height));
  return { x: Math.round((canvas.width - width) / 2), y: Math.round((canvas.height - height) / 2), width, height, rotationDeg: 0, crop: NO_CROP };
}

function textSettings(text: string, canvas: Canvas): Extract<Source, { kind: 'text' }>['settings'] {
  return {
    text,
    font: 'system-ui, sans-serif',
    sizePx: Math.max(4, Math.round(canvas.height * TITLE_SIZE_FRACTION)),
    color: '#ffffff',
    outlineColor: '#000000',
    outlineWidthPx: 3,
    background: null,
    align: 'center',
    wrapWidthPx: null,
  };
}
