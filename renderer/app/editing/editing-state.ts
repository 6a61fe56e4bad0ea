/**
 * What the editor remembers between renders: which item of which scene is
 * selected (shared by the monitor and the Sources dock), and the items removed
 * from a scene, newest last, so Ctrl+Z can put them back where they were.
 * A reducer, so the rules are pure and tested.
 */
import type { Scene, SceneItem } from '../../../preload/contract';

/** How many removals Ctrl+Z can take back. */
export const UNDO_DEPTH = 20;

/** An item as it was before it was removed, and where it sat (index in the scene, bottom first). */
export interface RemovedItem {
  sceneId: string;
  item: SceneItem;
  index: number;
}

export interface EditingState {
  selection: { sceneId: string; itemId: string } | null;
  removed: readonly RemovedItem[];
}

export type EditingAction =
  | { type: 'select'; sceneId: string; itemId: string }
  | { type: 'deselect' }
  | { type: 'removed'; removed: RemovedItem }
  /** The newest removal was put back (or could not be: either way it leaves the stack). */
  | { type: 'restored'; sceneId: string; itemId: string | null };

export const INITIAL_EDITING: EditingState = { selection: null, removed: [] };

export function editingReducer(state: EditingState, action: EditingAction): EditingState {
  switch (action.type) {
    case 'select':
      return { ...state, selection: { sceneId: action.sceneId, itemId: action.itemId } };
    case 'deselect':
      return state.selection ? { ...state, selection: null } : state;
    case 'removed': {
      const { sceneId, item } = action.removed;
      const selected = state.selection?.sceneId === sceneId && state.selection.itemId === item.id;
      return { selection: selected ? null : state.selection, removed: [...state.removed, action.removed].slice(-UNDO_DEPTH) };
    }
    case 'restored':
      return {
        selection: action.itemId ? { sceneId: action.sceneId, itemId: action.itemId } : state.selection,
        removed: state.removed.slice(0, -1),
      };
  }
}

/** The selected item if it is still in `scene` (another window may have removed it), else null. */
export function selectedItem(state: EditingState, scene: Scene | undefined): SceneItem | null {
  if (!scene || state.selection?.sceneId !== scene.id) return null;
  const id = state.selection.itemId;
  return scene.items.find((i) => i.id === id) ?? null;
}

/** The scene's item ids (bottom first) after moving `itemId` one step up the picture (+1) or down (-1); null at the end. */
export function movedItemIds(scene: Scene, itemId: string, step: 1 | -1): string[] | null {
  const ids = scene.items.map((i) => i.id);
  return movedIds(ids, itemId, step);
}

/** `ids` with `id` swapped with its neighbour `step` places on; null when it is at that end already. */
export function movedIds(ids: readonly string[], id: string, step: 1 | -1): string[] | null {
  const at = ids.indexOf(id);
  const to = at + step;
  if (at < 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  next[at] = ids[to]!;
  next[to] = id;
  return next;
}

/** The ids (bottom first) that put the restored item `newId` back at `index`, the rest in their order. */
export function restoredOrder(scene: Scene, newId: string, index: number): string[] {
  const rest = scene.items.map((i) => i.id).filter((id) => id !== newId);
  const at = Math.max(0, Math.min(index, rest.length));
  return [...rest.slice(0, at), newId, ...rest.slice(at)];
}
