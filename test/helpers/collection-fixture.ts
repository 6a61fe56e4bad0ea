/**
 * A small scene collection for the collection-operation tests, deep-frozen so
 * any operation that mutates its input throws (ESM code runs in strict mode),
 * plus a deterministic id source and a helper that catches a StudioError.
 */
import { StudioError } from '../../preload/contract/errors';
import type { SceneCollection, Transform } from '../../preload/contract/model';
import type { NewId } from '../../main/studio/collection-ops';

export const CANVAS = { width: 1280, height: 720 };
const NO_CROP = { top: 0, right: 0, bottom: 0, left: 0 };
export const FULL: Transform = { x: 0, y: 0, width: 1280, height: 720, rotationDeg: 0, crop: NO_CROP };
export const BOX: Transform = { x: 100, y: 50, width: 640, height: 360, rotationDeg: 0, crop: NO_CROP };
const AUDIO = { gainDb: 0, muted: false, monitor: false };

/**
 * Scenes Intro (background, camera locked, title), Talk (background, camera) and
 * Outro (empty), program Intro; sources Background, Camera, Title, Mic (the mic
 * in no scene).
 */
export function fixture(overrides: Partial<SceneCollection> = {}): SceneCollection {
  return deepFreeze({
    name: 'Test',
    scenes: [
      {
        id: 'sc_intro',
        name: 'Intro',
        items: [
          { id: 'it_bg', sourceId: 'src_bg', transform: FULL, opacity: 1, visible: true, locked: false },
          { id: 'it_cam', sourceId: 'src_cam', transform: BOX, opacity: 1, visible: true, locked: true },
          { id: 'it_title', sourceId: 'src_title', transform: BOX, opacity: 0.5, visible: false, locked: false },
        ],
      },
      {
        id: 'sc_talk',
        name: 'Talk',
        items: [
          { id: 'it_bg2', sourceId: 'src_bg', transform: FULL, opacity: 1, visible: true, locked: false },
          { id: 'it_cam2', sourceId: 'src_cam', transform: FULL, opacity: 1, visible: true, locked: false },
        ],
      },
      { id: 'sc_outro', name: 'Outro', items: [] },
    ],
    sources: [
      { id: 'src_bg', name: 'Background', kind: 'color', settings: { color: '#101522' }, audio: AUDIO },
      { id: 'src_cam', name: 'Camera', kind: 'camera', settings: { deviceId: null, width: null, height: null }, audio: AUDIO },
      {
        id: 'src_title',
        name: 'Title',
        kind: 'text',
        settings: { text: 'Hello', font: 'sans-serif', sizePx: 48, color: '#ffffff', outlineColor: '#000000', outlineWidthPx: 2, background: null, align: 'center', wrapWidthPx: null },
        audio: AUDIO,
      },
      { id: 'src_mic', name: 'Mic', kind: 'audio-input', settings: { deviceId: null, target: 'microphone' }, audio: { gainDb: -3, muted: false, monitor: true } },
    ],
    programSceneId: 'sc_intro',
    previewSceneId: 'sc_intro',
    studioMode: false,
    transition: { kind: 'fade', durationMs: 300 },
    ...overrides,
  } satisfies SceneCollection);
}

/** Ids `${prefix}_n1`, `${prefix}_n2`, ... in call order, and the prefixes it was asked for. */
export function counterIds(): NewId & { prefixes: string[] } {
  let n = 0;
  const prefixes: string[] = [];
  const newId = (prefix: string) => {
    prefixes.push(prefix);
    n += 1;
    return `${prefix}_n${n}`;
  };
  return Object.assign(newId, { prefixes });
}

/** The StudioError `fn` throws; fails the test when it returns or throws anything else. */
export function studioErrorOf(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StudioError) return err;
    throw err;
  }
  throw new Error('expected a StudioError, but the call returned');
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
