/**
 * The edited scene's items (the program's, or the preview's in studio mode),
 * top of the picture first (the scene stores them bottom first), each with its
 * visibility and lock switches, move up/down and remove (after confirmation;
 * Ctrl+Z or Undo puts it back, as it takes back the last move or resize); when its capture or file needs the
 * streamer, what happened and the button that fixes it. Selecting a row selects
 * the item on the monitor too, and opens its properties. A form adds a source.
 */
import { useState } from 'react';
import type { SceneItem, Source } from '../../preload/contract';
import { AddSourceForm } from './AddSourceForm';
import { ConfirmDialog } from './ConfirmDialog';
import { Dock } from './Dock';
import { useEditor } from './editing/editing-context';
import { movedIds } from './editing/editing-state';
import { SourceProperties } from './editing/SourceProperties';
import { SourceRow } from './editing/SourceRow';
import { ErrorText } from './ErrorText';
import { SourceFeedNote } from './SourceFeedNote';
import { useProgramStatus } from './program/use-program';
import { useStudio, useStudioView } from './studio-context';
import { useAction } from './use-action';

const KIND_WORDS: Readonly<Record<Source['kind'], string>> = {
  camera: 'Camera',
  screen: 'Screen',
  image: 'Image',
  text: 'Text',
  color: 'Colour',
  media: 'Media file',
  'audio-input': 'Audio',
};

export function SourcesDock() {
  const { api } = useStudio();
  const { state } = useStudioView();
  const editor = useEditor();
  const { sources: feeds } = useProgramStatus();
  const reorder = useAction();
  const [removing, setRemoving] = useState<SceneItem | null>(null);
  const c = state?.collection;
  const scene = editor.scene;
  const sourceOf = (item: SceneItem) => c?.sources.find((s) => s.id === item.sourceId);
  const nameOf = (item: SceneItem | null) => (item && sourceOf(item)?.name) ?? 'Missing source';
  const ids = scene?.items.map((i) => i.id) ?? [];
  const selectedSource = editor.selected ? sourceOf(editor.selected) : undefined;

  const onMove = (item: SceneItem, step: 1 | -1) => {
    const itemIds = scene && movedIds(ids, item.id, step);
    if (scene && itemIds) void reorder.run(() => api.reorderSceneItems({ sceneId: scene.id, itemIds }));
  };
  const onConfirmRemove = () => {
    const item = removing;
    setRemoving(null);
    if (item) void editor.remove(item);
  };

  return (
    <Dock title={scene ? `Sources in ${scene.name}` : 'Sources'} className="sources-dock">
      {scene && scene.items.length === 0 && <p className="muted">This scene is empty: add a source below.</p>}
      {scene && (
        <ul className="list" aria-label={`Sources in ${scene.name}`}>
          {[...scene.items].reverse().map((item) => {
            const source = sourceOf(item);
            const feed = source ? feeds[source.id] : undefined;
            const at = ids.indexOf(item.id);
            return (
              <SourceRow
                key={item.id}
                item={item}
                name={nameOf(item)}
                kindWords={source ? KIND_WORDS[source.kind] : ''}
                canMoveUp={at < ids.length - 1}
                canMoveDown={at > 0}
                onMove={(step) => onMove(item, step)}
                onRemove={() => setRemoving(item)}
              >
                {source && feed && <SourceFeedNote source={source} feed={feed} />}
              </SourceRow>
            );
          })}
        </ul>
      )}
      <ErrorText message={editor.error ?? reorder.error} />
      {editor.undoLabel && (
        <p className="undo-bar small" role="status">
          <span className="muted">{editor.undoLabel}.</span>
          <button type="button" onClick={() => void editor.undo()} title="Ctrl+Z">
            Undo
          </button>
        </p>
      )}
      {editor.selected && selectedSource && <SourceProperties key={editor.selected.id} item={editor.selected} source={selectedSource} />}
      {scene && <AddSourceForm sceneId={scene.id} />}
      <ConfirmDialog
        open={removing !== null}
        title="Remove source"
        message={`Remove "${nameOf(removing)}" from ${scene?.name ?? 'this scene'}? Ctrl+Z or Undo puts it back; the source stays available to other scenes.`}
        confirmLabel="Remove"
        onConfirm={onConfirmRemove}
        onCancel={() => setRemoving(null)}
      />
    </Dock>
  );
}
