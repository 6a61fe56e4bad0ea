/**
 * What the editor remembers between renders: which item of which scene is
 * selected (shared by the monitor and the Sources dock), and what Ctrl+Z can
 * take back, newest last: an item removed from a scene (with its place), or
 * an item's transform or opacity as it was before a drag, a nudge or the
 * properties panel changed it. A reducer, so the rules are pure and tested.
 */
import type { Scene, SceneItem, StudioApi } from '../../../preload/contract';

/** How many edits Ctrl+Z can take back. */
export const UNDO_DEPTH = 20;

/** The fields of an item an edit sends (and an undo sends back). */
export type ItemPatch = Parameters<StudioApi['updateSceneItem']>[0]['patch'];

export type UndoEntry =
  /** An item as it was before it was removed, and where it sat (index in the scene, bottom first). */
  | { kind: 'removed'; sceneId: string; item: SceneItem; index: number }
  /** The item's fields before an edit. */
  | { kind: 'changed'; sceneId: string; itemId: string; sourceId: string; before: ItemPatch };

export interface EditingState {
  selection: { sceneId: string; itemId: string } | null;
  undo: readonly UndoEntry[];
}

export type EditingAction =
  | { type: 'select'; sceneId: string; itemId: string }
  | { type: 'deselect' }
  | { type: 'did'; entry: UndoEntry }
  /**
   * The newest entry was undone (or could not be: either way it leaves the
   * stack). `itemId` is the item to select after it; a removed item comes back
   * with a new id, which older entries about it take over.
   */
  | { type: 'undone'; sceneId: string; itemId: string | null; replacedId?: string };

export const INITIAL_EDITING: EditingState = { selection: null, undo: [] };

export function editingReducer(state: EditingState, action: EditingAction): EditingState {
  switch (action.type) {
    case 'select':
      return { ...state, selection: { sceneId: action.sceneId, itemId: action.itemId } };
    case 'deselect':
      return state.selection ? { ...state, selection: null } : state;
    case 'did': {
      const e = action.entry;
      const gone = e.kind === 'removed' && state.selection?.sceneId === e.sceneId && state.selection.itemId === e.item.id;
      return { selection: gone ? null : state.selection, undo: [...state.undo, e].slice(-UNDO_DEPTH) };
    }
    case 'undone': {
      const { replacedId, itemId } = action;
      const rest = state.undo.slice(0, -1);
      return {
        selection: itemId ? { sceneId: action.sceneId, itemId } : state.selection,
        undo: replacedId && itemId ? rest.map((e) => (e.kind === 'changed' && e.itemId === replacedId ? { ...e, itemId } : e)) : rest,
      };
    }
  }
}

/** The selected item if it is still in `scene` (another window may have removed it), else null. */
export function selectedItem(state: EditingState, scene: Scene | undefined): SceneItem | null {
  if (!scene || state.selection?.sceneId !== scene.id) return null;
  const id = state.selection.itemId;
  return scene.items.find((i) => i.id === id) ?? null;
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
