/**
 * Our model as obs-websocket spells it: scene lists, inputs, scene items,
 * volumes and output states. Pure, shared by the request handlers and the event
 * translator so a request and the matching event always describe a thing alike.
 *
 * Identity: a scene's `sceneUuid` is our scene id, an input's `inputUuid` is our
 * source id, and a scene item's `sceneItemId` is the integer SceneItemIds gives it.
 */
import type { LiveState, Scene, SceneCollection, SceneItem, Source, SourceKind, Transition } from '../../../preload/contract/model';
import type { SceneItemIds } from './item-ids';
import { ObsOutputState } from './protocol';

// ---- names ----

/** Our source kinds as obs-websocket input kinds ('audio-input' -> 'onair_audio_input'). */
export function inputKindOf(kind: SourceKind): string {
  return `onair_${kind.replace(/-/g, '_')}`;
}

/** Case- and edge-space-insensitive, as the studio compares names. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

// ---- volume ----

/** obs-websocket's accepted ranges for SetInputVolume. */
export const OBS_VOLUME_DB_MIN = -100;
export const OBS_VOLUME_DB_MAX = 26;
export const OBS_VOLUME_MUL_MAX = 20;
/** Our gain range (AudioSettingsSchema): anything outside is clamped into it. */
export const GAIN_DB_MIN = -60;
export const GAIN_DB_MAX = 20;

export function dbToMul(db: number): number {
  return 10 ** (db / 20);
}

/** A multiplier of 0 is silence, -Infinity dB: reported as our floor. */
export function mulToDb(mul: number): number {
  return mul <= 0 ? GAIN_DB_MIN : 20 * Math.log10(mul);
}

export function clampGainDb(db: number): number {
  return Math.min(GAIN_DB_MAX, Math.max(GAIN_DB_MIN, db));
}

export function volumeOf(source: Source): { inputVolumeMul: number; inputVolumeDb: number } {
  return { inputVolumeMul: dbToMul(source.audio.gainDb), inputVolumeDb: source.audio.gainDb };
}

// ---- scenes, inputs, items ----

/**
 * obs-websocket lists scenes bottom of the UI list first, with sceneIndex 0 for
 * that one; our list is top first, so it is reversed here.
 */
export function sceneListOf(c: SceneCollection): Array<{ sceneIndex: number; sceneName: string; sceneUuid: string }> {
  return [...c.scenes].reverse().map((scene, index) => ({ sceneIndex: index, sceneName: scene.name, sceneUuid: scene.id }));
}

export function inputOf(source: Source): { inputName: string; inputUuid: string; inputKind: string; unversionedInputKind: string } {
  const kind = inputKindOf(source.kind);
  return { inputName: source.name, inputUuid: source.id, inputKind: kind, unversionedInputKind: kind };
}

/**
 * A transform in obs-websocket's terms. Our items are boxes in output pixels, so
 * the "source size" is the box and the scale is 1; alignment 5 is top-left.
 */
export function transformOf(item: SceneItem): Record<string, unknown> {
  const t = item.transform;
  return {
    positionX: t.x,
    positionY: t.y,
    rotation: t.rotationDeg,
    scaleX: 1,
    scaleY: 1,
    width: t.width,
    height: t.height,
    sourceWidth: t.width,
    sourceHeight: t.height,
    alignment: 5,
    boundsType: 'OBS_BOUNDS_NONE',
    boundsAlignment: 0,
    boundsWidth: 0,
    boundsHeight: 0,
    cropTop: t.crop.top,
    cropRight: t.crop.right,
    cropBottom: t.crop.bottom,
    cropLeft: t.crop.left,
    cropToBounds: false,
  };
}

/** Items bottom first with sceneItemIndex 0 at the bottom: our order is already that. */
export function sceneItemListOf(scene: Scene, sources: readonly Source[], ids: SceneItemIds): Array<Record<string, unknown>> {
  return scene.items.map((item, index) => {
    const source = sources.find((s) => s.id === item.sourceId);
    return {
      sceneItemId: ids.numberFor(scene.id, item.id),
      sceneItemIndex: index,
      sceneItemEnabled: item.visible,
      sceneItemLocked: item.locked,
      sceneItemTransform: transformOf(item),
      sceneItemBlendMode: 'OBS_BLEND_NORMAL',
      sourceName: source?.name ?? item.sourceId,
      sourceUuid: item.sourceId,
      sourceType: 'OBS_SOURCE_TYPE_INPUT',
      inputKind: source ? inputKindOf(source.kind) : null,
      isGroup: null,
    };
  });
}

// ---- transitions ----

/** Our transition kinds as the named transitions an obs-websocket client picks from. */
export const OBS_TRANSITIONS: ReadonlyArray<{ kind: Transition['kind']; name: string }> = [
  { kind: 'cut', name: 'Cut' },
  { kind: 'fade', name: 'Fade' },
  { kind: 'slide', name: 'Slide' },
];

export function transitionRefOf(kind: Transition['kind']): { transitionName: string; transitionUuid: string } {
  return { transitionName: OBS_TRANSITIONS.find((t) => t.kind === kind)?.name ?? kind, transitionUuid: `onair_transition_${kind}` };
}

// ---- outputs ----

const STREAM_STATES: Record<LiveState['streaming'], ObsOutputState> = {
  offline: ObsOutputState.Stopped,
  starting: ObsOutputState.Starting,
  live: ObsOutputState.Started,
  ending: ObsOutputState.Stopping,
};

const RECORD_STATES: Record<LiveState['recording'], ObsOutputState> = {
  off: ObsOutputState.Stopped,
  starting: ObsOutputState.Starting,
  recording: ObsOutputState.Started,
  stopping: ObsOutputState.Stopping,
};

export function streamStateOf(streaming: LiveState['streaming']): ObsOutputState {
  return STREAM_STATES[streaming];
}

export function recordStateOf(recording: LiveState['recording']): ObsOutputState {
  return RECORD_STATES[recording];
}

/** obs-websocket calls an output active only once it has started (not while starting or stopping). */
export function isActiveState(state: ObsOutputState): boolean {
  return state === ObsOutputState.Started || state === ObsOutputState.Reconnected;
}

/** "HH:MM:SS.mmm", as obs-websocket formats outputTimecode. */
export function timecodeOf(durationMs: number): string {
  const ms = Math.max(0, Math.floor(durationMs));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(ms % 1000, 3)}`;
}

/** Milliseconds since an ISO time, 0 when there is none (not running). */
export function durationSince(iso: string | null, nowMs: number): number {
  if (iso === null) return 0;
  const started = Date.parse(iso);
  return Number.isFinite(started) ? Math.max(0, nowMs - started) : 0;
}
