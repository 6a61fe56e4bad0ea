/**
 * Scene collections for the compositor's browser tests, built from short
 * descriptions: sources by kind, scenes as lists of items.
 */
import type { SceneCollection, SceneItem, Source, Transform } from '../../../preload/contract/model';

const AUDIO = { gainDb: 0, muted: false, monitor: false };
const NO_CROP = { top: 0, right: 0, bottom: 0, left: 0 };

export function box(x: number, y: number, width: number, height: number, more: Partial<Transform> = {}): Transform {
  return { x, y, width, height, rotationDeg: 0, crop: NO_CROP, ...more };
}

export function color(id: string, hex: string): Source {
  return { id, name: id, kind: 'color', settings: { color: hex }, audio: AUDIO };
}

/** An image source; without `src` its picture comes from harness.setQuadrantImage. */
export function image(id: string, src = `pinned:${id}`): Source {
  return { id, name: id, kind: 'image', settings: { src }, audio: AUDIO };
}

export function camera(id: string): Source {
  return { id, name: id, kind: 'camera', settings: { deviceId: null, width: null, height: null }, audio: AUDIO };
}

export function media(id: string, src: string): Source {
  return { id, name: id, kind: 'media', settings: { src, loop: true, playing: true }, audio: AUDIO };
}

export function text(id: string, settings: Partial<Extract<Source, { kind: 'text' }>['settings']> = {}): Source {
  return {
    id,
    name: id,
    kind: 'text',
    settings: { text: 'Hi', font: 'sans-serif', sizePx: 40, color: '#ffffff', outlineColor: '#000000', outlineWidthPx: 0, background: null, align: 'left', wrapWidthPx: null, ...settings },
    audio: AUDIO,
  };
}

let itemCounter = 0;
export function item(sourceId: string, transform: Transform, more: Partial<SceneItem> = {}): SceneItem {
  itemCounter += 1;
  return { id: `it_${itemCounter}`, sourceId, transform, opacity: 1, visible: true, locked: false, ...more };
}

export function collection(
  sources: Source[],
  scenes: Record<string, SceneItem[]>,
  more: Partial<SceneCollection> = {},
): SceneCollection {
  const ids = Object.keys(scenes);
  return {
    name: 'Compositor test',
    sources,
    scenes: ids.map((id) => ({ id, name: id, items: scenes[id]! })),
    programSceneId: ids[0]!,
    previewSceneId: ids[0]!,
    studioMode: false,
    transition: { kind: 'cut', durationMs: 0 },
    ...more,
  };
}
