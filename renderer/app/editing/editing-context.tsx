/**
 * The editor shared by the monitor overlay, the Sources dock and the properties
 * panel: which scene is being edited (the preview's in studio mode, as in OBS,
 * else the program's), the selected item, edits and removals that Ctrl+Z takes
 * back, and the keys that act on the selection wherever the focus is among
 * them. Mounted once in App.
 */
import { createContext, useCallback, useContext, useMemo, useReducer, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Scene, SceneItem, Transform } from '../../../preload/contract';
import { useStudio, useStudioView } from '../studio-context';
import { editingReducer, INITIAL_EDITING, restoredOrder, selectedItem, type ItemPatch, type UndoEntry } from './editing-state';
import { nudge, type ArrowKey } from './transform-ops';
// The editor's styles (monitor overlay, source rows, properties), loaded with the provider that every view sits in.
import './editing.css';

export interface Editor {
  /** The scene being edited, or undefined before the first state. */
  scene: Scene | undefined;
  selected: SceneItem | null;
  select(itemId: string): void;
  deselect(): void;
  /** A change Ctrl+Z does not take back (visibility, lock). */
  update(itemId: string, patch: ItemPatch): Promise<void>;
  /** A change Ctrl+Z takes back: `before` holds the fields as they were. */
  change(item: SceneItem, before: ItemPatch, patch: ItemPatch): Promise<void>;
  /** Removes the item from the scene; Ctrl+Z (or undo()) puts it back. */
  remove(item: SceneItem): Promise<void>;
  /** What undo() would take back, in words ("Removed Camera"), or null. */
  undoLabel: string | null;
  undo(): Promise<void>;
  /** The last edit's failure, in the studio's words. */
  error: string | null;
  /** Arrow keys nudge (Shift: further), Delete removes, Escape deselects, Ctrl+Z undoes; true when the key was used. */
  handleKey(e: KeyboardEvent): boolean;
}

const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor must be used inside <EditingProvider>');
  return editor;
}

/** Nudges closer together than this build on each other rather than on the studio's (maybe not yet updated) state. */
const NUDGE_CHAIN_MS = 1000;

const ARROWS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

export function EditingProvider({ children }: { children: ReactNode }) {
  const { api, store } = useStudio();
  const { state } = useStudioView();
  const [editing, dispatch] = useReducer(editingReducer, INITIAL_EDITING);
  const [error, setError] = useState<string | null>(null);
  // The last nudge sent: a key repeating faster than the studio answers builds on it, not on an older state.
  const lastNudge = useRef<{ itemId: string; to: Transform; at: number } | null>(null);
  const c = state?.collection;
  const sceneId = c ? (c.studioMode ? c.previewSceneId : c.programSceneId) : undefined;
  const scene = c?.scenes.find((s) => s.id === sceneId);
  const selected = selectedItem(editing, scene);
  const sourceName = useCallback((sourceId: string) => store.getSnapshot().state?.collection.sources.find((s) => s.id === sourceId)?.name ?? 'a source', [store]);

  /** Runs a call; its failure becomes the dock's error. True when it worked. */
  const attempt = useCallback(async (f: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await f();
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    }
  }, []);

  const update = useCallback(
    async (itemId: string, patch: ItemPatch) => {
      if (sceneId) await attempt(() => api.updateSceneItem({ sceneId, itemId, patch }));
    },
    [api, attempt, sceneId],
  );

  const change = useCallback(
    async (item: SceneItem, before: ItemPatch, patch: ItemPatch) => {
      if (!sceneId) return;
      const done = await attempt(() => api.updateSceneItem({ sceneId, itemId: item.id, patch }));
      if (done) dispatch({ type: 'did', entry: { kind: 'changed', sceneId, itemId: item.id, sourceId: item.sourceId, before } });
    },
    [api, attempt, sceneId],
  );

  const remove = useCallback(
    async (item: SceneItem) => {
      if (!scene) return;
      const index = scene.items.findIndex((i) => i.id === item.id);
      const entry: UndoEntry = { kind: 'removed', sceneId: scene.id, item, index };
      if (await attempt(() => api.removeSceneItem({ sceneId: scene.id, itemId: item.id }))) dispatch({ type: 'did', entry });
    },
    [api, attempt, scene],
  );

  const last = editing.undo.at(-1);
  const undo = useCallback(async () => {
    if (!last) return;
    if (last.kind === 'changed') {
      await attempt(() => api.updateSceneItem({ sceneId: last.sceneId, itemId: last.itemId, patch: last.before }));
      return dispatch({ type: 'undone', sceneId: last.sceneId, itemId: last.itemId });
    }
    let itemId: string | null = null;
    await attempt(async () => {
      // The item comes back as a new item of the same source, then takes its old transform and place.
      const added = await api.addExistingSource({ sceneId: last.sceneId, sourceId: last.item.sourceId });
      itemId = added.itemId;
      const { transform, opacity, visible, locked } = last.item;
      await api.updateSceneItem({ sceneId: last.sceneId, itemId, patch: { transform, opacity, visible, locked } });
      const now = store.getSnapshot().state?.collection.scenes.find((s) => s.id === last.sceneId);
      if (now) await api.reorderSceneItems({ sceneId: last.sceneId, itemIds: restoredOrder(now, itemId, last.index) });
    });
    dispatch({ type: 'undone', sceneId: last.sceneId, itemId, replacedId: last.item.id });
  }, [api, attempt, last, store]);

  const handleKey = useCallback(
    (e: KeyboardEvent): boolean => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        if (!last) return false;
        void undo();
        return true;
      }
      if (!selected || e.ctrlKey || e.metaKey || e.altKey) return false;
      const now = performance.now();
      const prior = lastNudge.current;
      const nudged = prior && prior.itemId === selected.id && now - prior.at < NUDGE_CHAIN_MS ? prior.to : null;
      if (e.key === 'Escape') dispatch({ type: 'deselect' });
      // Removed as last seen here: a nudge the studio has not echoed yet is part of what Ctrl+Z restores.
      else if (e.key === 'Delete' || e.key === 'Backspace') void remove(nudged ? { ...selected, transform: nudged } : selected);
      else if (ARROWS.has(e.key) && !selected.locked) {
        const to = nudge(nudged ?? selected.transform, e.key as ArrowKey, e.shiftKey);
        lastNudge.current = { itemId: selected.id, to, at: now };
        // A run of nudges is one step for Ctrl+Z: its first press remembers where the item was.
        if (nudged) void update(selected.id, { transform: to });
        else void change(selected, { transform: selected.transform }, { transform: to });
      }
      else return false;
      return true;
    },
    [change, last, remove, selected, undo, update],
  );

  const value = useMemo<Editor>(
    () => ({
      scene,
      selected,
      select: (itemId) => {
        if (sceneId) dispatch({ type: 'select', sceneId, itemId });
      },
      deselect: () => dispatch({ type: 'deselect' }),
      update,
      change,
      remove,
      undoLabel: last ? (last.kind === 'removed' ? `Removed ${sourceName(last.item.sourceId)}` : `Changed ${sourceName(last.sourceId)}`) : null,
      undo,
      error,
      handleKey,
    }),
    [scene, selected, sceneId, update, change, remove, last, sourceName, undo, error, handleKey],
  );
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}
