/**
 * What every collection operation shares: looking things up (a coded NOT_FOUND
 * when an id is unknown), checking names, minting ids and checking orders.
 *
 * Every operation in this folder is pure: it takes a SceneCollection and returns
 * a new one, never touching the one it was given, so the studio can keep the old
 * value for undo and compare old and new to decide what to broadcast.
 */
import { IdSchema, NameSchema, type Scene, type SceneCollection, type SceneItem, type Source } from '../../../preload/contract/model';
import { StudioError } from '../../../preload/contract/errors';
import { MAX_NAME_LENGTH } from '../../../preload/contract/model';

/** Mints a fresh id from a prefix ('sc' → 'sc_12'); injected so tests are deterministic. */
export type NewId = (prefix: string) => string;

/** The output canvas, in output pixels: default transforms are laid out on it. */
export interface Canvas {
  width: number;
  height: number;
}

/** Id prefixes, so a log line says what kind of thing an id names. */
export const ID_PREFIX = { scene: 'sc', source: 'src', item: 'it' } as const;

// The contract's limits, checked here so an operation fails with a sentence instead of a schema error later.
export { MAX_ITEMS_PER_SCENE, MAX_NAME_LENGTH, MAX_SCENES, MAX_SOURCES } from '../../../preload/contract/model';

export function findScene(c: SceneCollection, sceneId: string): Scene {
  const scene = c.scenes.find((s) => s.id === sceneId);
  if (!scene) throw new StudioError('NOT_FOUND', `No scene with id "${sceneId}" exists: it may have been removed.`, `sceneId=${sceneId}`);
  return scene;
}

export function findSource(c: SceneCollection, sourceId: string): Source {
  const source = c.sources.find((s) => s.id === sourceId);
  if (!source) throw new StudioError('NOT_FOUND', `No source with id "${sourceId}" exists: it may have been removed.`, `sourceId=${sourceId}`);
  return source;
}

export function findItem(scene: Scene, itemId: string): SceneItem {
  const item = scene.items.find((i) => i.id === itemId);
  if (!item) throw new StudioError('NOT_FOUND', `Scene "${scene.name}" (id ${scene.id}) has no item with id "${itemId}".`, `sceneId=${scene.id} itemId=${itemId}`);
  return item;
}

/** The collection with one scene swapped for its new version (same position). */
export function withScene(c: SceneCollection, scene: Scene): SceneCollection {
  return { ...c, scenes: c.scenes.map((s) => (s.id === scene.id ? scene : s)) };
}

/** A name as it will be stored (trimmed), or BAD_REQUEST saying what is wrong with it. */
export function checkName(name: string, what: string): string {
  const parsed = NameSchema.safeParse(name);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'not a valid name';
    throw new StudioError('BAD_REQUEST', `That ${what} name cannot be used: ${reason}.`, `name=${JSON.stringify(name)}`);
  }
  return parsed.data;
}

/** Names are compared the way a person reads them: "intro" and "Intro" are the same scene. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The first of `candidate(1)`, `candidate(2)`, ... that no taken name matches
 * (case-insensitively). Candidates are built with `fitName` so they stay valid names.
 */
export function firstFreeName(taken: readonly string[], candidate: (n: number) => string): string {
  for (let n = 1; ; n++) {
    const name = candidate(n);
    if (!taken.some((t) => sameName(t, name))) return name;
  }
}

/** `base + tail`, with the base shortened so the whole stays within a name's length limit. */
export function fitName(base: string, tail: string): string {
  return `${base.slice(0, MAX_NAME_LENGTH - tail.length).trimEnd()}${tail}`;
}

/** Every id in use in the collection: scenes, sources and items share one namespace. */
function idsInUse(c: SceneCollection): Set<string> {
  const ids = new Set<string>();
  for (const scene of c.scenes) {
    ids.add(scene.id);
    for (const item of scene.items) ids.add(item.id);
  }
  for (const source of c.sources) ids.add(source.id);
  return ids;
}

/**
 * Mints one id per prefix with `newId`, refusing ones that are malformed or
 * already in use: a broken id generator must fail loudly, not produce a
 * collection whose references are ambiguous.
 */
export function mintIds(c: SceneCollection, newId: NewId, prefixes: readonly string[]): string[] {
  const taken = idsInUse(c);
  return prefixes.map((prefix) => {
    const id = newId(prefix);
    if (!IdSchema.safeParse(id).success || taken.has(id)) {
      throw new StudioError('INTERNAL', 'Could not create a new id: please try again.', `newId(${prefix}) returned ${JSON.stringify(id)}, which is malformed or already in use`);
    }
    taken.add(id);
    return id;
  });
}

export function mintId(c: SceneCollection, newId: NewId, prefix: string): string {
  return mintIds(c, newId, [prefix])[0]!;
}

/**
 * Puts `things` in the order `ids` gives, which must name each of them exactly
 * once; anything else is a BAD_REQUEST (a stale UI would otherwise drop or
 * duplicate scenes silently).
 */
export function reorderByIds<T extends { id: string }>(things: readonly T[], ids: readonly string[], what: string): T[] {
  const byId = new Map(things.map((t) => [t.id, t]));
  const unknown = ids.filter((id) => !byId.has(id));
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  const missing = things.filter((t) => !ids.includes(t.id)).map((t) => t.id);
  if (unknown.length > 0 || duplicates.length > 0 || missing.length > 0) {
    throw new StudioError(
      'BAD_REQUEST',
      `The new order must list every ${what} exactly once: refresh and try again.`,
      `unknown=[${unknown.join(',')}] duplicated=[${duplicates.join(',')}] missing=[${missing.join(',')}]`,
    );
  }
  return ids.map((id) => byId.get(id)).filter((t): t is T => t !== undefined);
}

/** Exact match first (what obs-websocket clients send), then case-insensitive (what people type). */
export function byName<T extends { name: string }>(things: readonly T[], name: string): T | undefined {
  return things.find((t) => t.name === name) ?? things.find((t) => sameName(t.name, name));
}
