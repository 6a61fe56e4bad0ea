/**
 * Sources (OBS's inputs) and the scene items that place them: add a new source,
 * add an existing one to another scene, change one, remove one everywhere.
 * Pure functions (see common.ts).
 *
 * Audio inputs have no picture, but they still get a scene item, as in OBS: the
 * item is what makes a microphone part of a scene (heard when that scene is on
 * program, silenced by hiding the item). Its transform is a 1x1 box at the
 * canvas origin, visible, so it validates and is never mistaken for a picture;
 * the compositor draws nothing for audio-input sources.
 */
import { SourceSchema, type AudioSettings, type SceneCollection, type SceneItem, type Source, type SourceKind, type Transform, TransformSchema } from '../../../preload/contract/model';
import { NewSourceSchema, type NewSource } from '../../../preload/contract/methods';
import { StudioError } from '../../../preload/contract/errors';
import { formatZodError } from '../persistence/zod-error';
import {
  ID_PREFIX,
  MAX_ITEMS_PER_SCENE,
  MAX_SOURCES,
  byName,
  checkName,
  findScene,
  findSource,
  firstFreeName,
  fitName,
  mintIds,
  sameName,
  withScene,
  type Canvas,
  type NewId,
} from './common';

export const DEFAULT_AUDIO: AudioSettings = { gainDb: 0, muted: false, monitor: false };

/** A text item's default box, as fractions of the canvas: 80% wide, centred, in the bottom third. */
export const TEXT_BOX = { width: 0.8, height: 0.12, top: 0.8 } as const;

const NO_CROP = { top: 0, right: 0, bottom: 0, left: 0 };

/** Where a new item of this kind goes when the caller gives no transform. */
export function defaultTransform(kind: SourceKind, canvas: Canvas): Transform {
  const width = Math.max(1, Math.round(canvas.width));
  const height = Math.max(1, Math.round(canvas.height));
  switch (kind) {
    case 'audio-input':
      return { x: 0, y: 0, width: 1, height: 1, rotationDeg: 0, crop: NO_CROP };
    case 'text': {
      const boxWidth = Math.max(1, Math.round(width * TEXT_BOX.width));
      return {
        x: Math.round((width - boxWidth) / 2),
        y: Math.round(height * TEXT_BOX.top),
        width: boxWidth,
        height: Math.max(1, Math.round(height * TEXT_BOX.height)),
        rotationDeg: 0,
        crop: NO_CROP,
      };
    }
    default:
      return { x: 0, y: 0, width, height, rotationDeg: 0, crop: NO_CROP };
  }
}

export interface AddSourceResult {
  collection: SceneCollection;
  sourceId: string;
  itemId: string;
}

/**
 * Creates a source and places it on top of a scene. A name already taken by
 * another source gets " 2", " 3"... (adding a second camera should not fail).
 */
export function addSource(
  c: SceneCollection,
  sceneId: string,
  newSource: NewSource,
  canvas: Canvas,
  transform: Transform | undefined,
  newId: NewId,
): AddSourceResult {
  const scene = findScene(c, sceneId);
  const parsed = NewSourceSchema.safeParse(newSource);
  if (!parsed.success) throw new StudioError('BAD_REQUEST', `That source cannot be added: ${formatZodError(parsed.error)}.`, `kind=${String(newSource.kind)}`);
  const placement = transform === undefined ? defaultTransform(parsed.data.kind, canvas) : checkTransform(transform);
  if (c.sources.length >= MAX_SOURCES) {
    throw new StudioError('CONFLICT', `A collection holds at most ${MAX_SOURCES} sources: remove one you no longer use first.`, `sources=${c.sources.length}`);
  }
  checkRoomForItem(scene.name, scene.items.length);
  const [sourceId, itemId] = mintIds(c, newId, [ID_PREFIX.source, ID_PREFIX.item]) as [string, string];
  const name = firstFreeName(
    c.sources.map((s) => s.name),
    (n) => (n === 1 ? parsed.data.name : fitName(parsed.data.name, ` ${n}`)),
  );
  // The discriminated union keeps kind and settings paired; spreading keeps that pairing.
  const source: Source = { ...parsed.data, id: sourceId, name, audio: parsed.data.audio ?? DEFAULT_AUDIO };
  const item = newItem(itemId, sourceId, placement);
  const collection = withScene({ ...c, sources: [...c.sources, source] }, { ...scene, items: [...scene.items, item] });
  return { collection, sourceId, itemId };
}

/** Places a source the collection already has on top of a scene (the same source can appear many times). */
export function addExistingSource(c: SceneCollection, sceneId: string, sourceId: string, canvas: Canvas, newId: NewId): { collection: SceneCollection; itemId: string } {
  const scene = findScene(c, sceneId);
  const source = findSource(c, sourceId);
  checkRoomForItem(scene.name, scene.items.length);
  const [itemId] = mintIds(c, newId, [ID_PREFIX.item]) as [string];
  const item = newItem(itemId, sourceId, defaultTransform(source.kind, canvas));
  return { collection: withScene(c, { ...scene, items: [...scene.items, item] }), itemId };
}

export interface SourcePatch {
  name?: string | undefined;
  /** Merged over the current settings; the result must match the source kind's settings. */
  settings?: Record<string, unknown> | undefined;
  audio?: Partial<AudioSettings> | undefined;
}

export function updateSource(c: SceneCollection, sourceId: string, patch: SourcePatch): SceneCollection {
  const source = findSource(c, sourceId);
  const name = patch.name === undefined ? source.name : checkName(patch.name, 'source');
  if (c.sources.some((s) => s.id !== sourceId && sameName(s.name, name))) {
    throw new StudioError('BAD_REQUEST', `A source named "${name}" already exists: choose another name.`, `name=${JSON.stringify(name)}`);
  }
  const candidate = {
    ...source,
    name,
    settings: { ...source.settings, ...definedOnly(patch.settings ?? {}) },
    audio: { ...source.audio, ...definedOnly(patch.audio ?? {}) },
  };
  const parsed = SourceSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new StudioError('BAD_REQUEST', `That change to "${source.name}" cannot be made: ${formatZodError(parsed.error)}.`, `sourceId=${sourceId}`);
  }
  return { ...c, sources: c.sources.map((s) => (s.id === sourceId ? parsed.data : s)) };
}

/** Removes a source and every item, in every scene, that shows it. */
export function removeSource(c: SceneCollection, sourceId: string): SceneCollection {
  findSource(c, sourceId);
  return {
    ...c,
    sources: c.sources.filter((s) => s.id !== sourceId),
    scenes: c.scenes.map((scene) => (scene.items.some((i) => i.sourceId === sourceId) ? { ...scene, items: scene.items.filter((i) => i.sourceId !== sourceId) } : scene)),
  };
}

export function sourceByName(c: SceneCollection, name: string): Source | undefined {
  return byName(c.sources, name);
}

function newItem(id: string, sourceId: string, transform: Transform): SceneItem {
  return { id, sourceId, transform, opacity: 1, visible: true, locked: false };
}

function checkTransform(transform: Transform): Transform {
  const parsed = TransformSchema.safeParse(transform);
  if (!parsed.success) throw new StudioError('BAD_REQUEST', `That position or size cannot be used: ${formatZodError(parsed.error)}.`, JSON.stringify(transform));
  return parsed.data;
}

export function checkRoomForItem(sceneName: string, itemCount: number): void {
  if (itemCount >= MAX_ITEMS_PER_SCENE) {
    throw new StudioError('CONFLICT', `Scene "${sceneName}" already holds ${MAX_ITEMS_PER_SCENE} items: remove one before adding another.`, `items=${itemCount}`);
  }
}

/**
 * Drops keys whose value is undefined: `{ muted: undefined }` from an optional
 * field means "not given", and must not overwrite the stored value.
 */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
