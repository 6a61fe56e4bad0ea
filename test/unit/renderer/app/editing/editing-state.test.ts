import { describe, expect, it } from 'vitest';
import type { Scene, SceneItem } from '../../../../../preload/contract';
import { editingReducer, INITIAL_EDITING, movedIds, restoredOrder, selectedItem, UNDO_DEPTH } from '../../../../../renderer/app/editing/editing-state';
import { box } from './boxes';

const item = (id: string): SceneItem => ({ id, sourceId: `s_${id}`, transform: box(0, 0, 10, 10), opacity: 1, visible: true, locked: false });
const scene: Scene = { id: 'sc', name: 'Live', items: [item('a'), item('b'), item('c')] };

describe('editingReducer', () => {
  it('selects and deselects', () => {
    const s = editingReducer(INITIAL_EDITING, { type: 'select', sceneId: 'sc', itemId: 'b' });
    expect(selectedItem(s, scene)?.id).toBe('b');
    expect(selectedItem(editingReducer(s, { type: 'deselect' }), scene)).toBeNull();
  });

  it('forgets a selection that is no longer in the scene or belongs to another scene', () => {
    const s = editingReducer(INITIAL_EDITING, { type: 'select', sceneId: 'sc', itemId: 'gone' });
    expect(selectedItem(s, scene)).toBeNull();
    expect(selectedItem(editingReducer(s, { type: 'select', sceneId: 'other', itemId: 'a' }), scene)).toBeNull();
  });

  it('removing the selected item deselects it and stacks it for undo; undoing selects the new copy', () => {
    let s = editingReducer(INITIAL_EDITING, { type: 'select', sceneId: 'sc', itemId: 'b' });
    s = editingReducer(s, { type: 'did', entry: { kind: 'removed', sceneId: 'sc', item: item('b'), index: 1 } });
    expect(s.selection).toBeNull();
    expect(s.undo).toHaveLength(1);
    s = editingReducer(s, { type: 'undone', sceneId: 'sc', itemId: 'b2', replacedId: 'b' });
    expect(s.undo).toHaveLength(0);
    expect(s.selection).toEqual({ sceneId: 'sc', itemId: 'b2' });
  });

  it('a change keeps the selection; older changes follow a removed item to its restored copy', () => {
    let s = editingReducer(INITIAL_EDITING, { type: 'select', sceneId: 'sc', itemId: 'a' });
    const before = { transform: box(5, 5, 10, 10) };
    s = editingReducer(s, { type: 'did', entry: { kind: 'changed', sceneId: 'sc', itemId: 'b', sourceId: 's_b', before } });
    s = editingReducer(s, { type: 'did', entry: { kind: 'removed', sceneId: 'sc', item: item('b'), index: 1 } });
    expect(s.selection).toEqual({ sceneId: 'sc', itemId: 'a' });
    s = editingReducer(s, { type: 'undone', sceneId: 'sc', itemId: 'b2', replacedId: 'b' });
    expect(s.undo).toEqual([{ kind: 'changed', sceneId: 'sc', itemId: 'b2', sourceId: 's_b', before }]);
  });

  it('keeps at most UNDO_DEPTH entries, dropping the oldest', () => {
    let s = INITIAL_EDITING;
    for (let i = 0; i < UNDO_DEPTH + 5; i++) s = editingReducer(s, { type: 'did', entry: { kind: 'removed', sceneId: 'sc', item: item(`i${i}`), index: 0 } });
    expect(s.undo).toHaveLength(UNDO_DEPTH);
    const oldest = s.undo[0]!;
    expect(oldest.kind === 'removed' && oldest.item.id).toBe('i5');
  });
});

describe('orders', () => {
  it('moves an id one step either way, null at the ends', () => {
    expect(movedIds(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(movedIds(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(movedIds(['a', 'b', 'c'], 'c', 1)).toBeNull();
    expect(movedIds(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(movedIds(['a'], 'x', 1)).toBeNull();
  });

  it('puts a restored item back at its old place', () => {
    const withNew: Scene = { ...scene, items: [item('a'), item('c'), item('n')] };
    expect(restoredOrder(withNew, 'n', 1)).toEqual(['a', 'n', 'c']);
    expect(restoredOrder(withNew, 'n', 99)).toEqual(['a', 'c', 'n']);
  });
});
