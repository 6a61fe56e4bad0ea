/**
 * The scene list. Clicking a scene puts it on program (or on preview in studio
 * mode, where the Transition button takes it to program). Add, rename,
 * duplicate, reorder and remove (after confirmation) are here too.
 */
import { useState, type FormEvent } from 'react';
import type { Scene } from '../../preload/contract';
import { ConfirmDialog } from './ConfirmDialog';
import { Dock } from './Dock';
import { movedIds } from './editing/editing-state';
import { ErrorText } from './ErrorText';
import { SceneRow } from './SceneRow';
import { useStudio, useStudioView } from './studio-context';
import { useAction } from './use-action';

export function ScenesDock() {
  const { api } = useStudio();
  const { state } = useStudioView();
  const select = useAction();
  const add = useAction();
  const remove = useAction();
  const arrange = useAction();
  const [newName, setNewName] = useState('');
  const [removing, setRemoving] = useState<Scene | null>(null);
  const c = state?.collection;

  const onSelect = (scene: Scene) =>
    void select.run(() => (c?.studioMode ? api.setPreviewScene({ sceneId: scene.id }) : api.setProgramScene({ sceneId: scene.id })));

  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    const done = await add.run(() => api.createScene({ name: newName }));
    if (done) setNewName('');
  };

  const onConfirmRemove = () => {
    const scene = removing;
    setRemoving(null);
    if (scene) void remove.run(() => api.removeScene({ sceneId: scene.id }));
  };

  const onMove = (scene: Scene, step: 1 | -1) => {
    const sceneIds = c && movedIds(c.scenes.map((s) => s.id), scene.id, step);
    if (sceneIds) void arrange.run(() => api.reorderScenes({ sceneIds }));
  };
  // The studio names the copy ("Live (copy)") and puts it after the original.
  const onDuplicate = (scene: Scene) => void arrange.run(() => api.duplicateScene({ sceneId: scene.id }));

  return (
    <Dock title="Scenes" className="scenes-dock">
      {c ? (
        <ul className="list" aria-label="Scenes">
          {c.scenes.map((scene, i) => (
            <SceneRow
              key={scene.id}
              scene={scene}
              onProgram={scene.id === c.programSceneId}
              onPreview={c.studioMode && scene.id === c.previewSceneId}
              studioMode={c.studioMode}
              onSelect={() => onSelect(scene)}
              onRemove={() => setRemoving(scene)}
              onDuplicate={() => onDuplicate(scene)}
              canMoveUp={i > 0}
              canMoveDown={i < c.scenes.length - 1}
              onMove={(step) => onMove(scene, step)}
            />
          ))}
        </ul>
      ) : (
        <p className="muted">Loading scenes…</p>
      )}
      <ErrorText message={select.error ?? remove.error ?? arrange.error} />
      <form className="inline-form" onSubmit={onAdd} aria-label="Add a scene">
        <input aria-label="New scene name" placeholder="New scene name" value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={100} />
        <button type="submit" disabled={add.pending || newName.trim() === ''}>
          Add scene
        </button>
      </form>
      <ErrorText message={add.error} />
      <ConfirmDialog
        open={removing !== null}
        title="Remove scene"
        message={`Remove the scene "${removing?.name ?? ''}"? Its sources stay available to other scenes.`}
        confirmLabel="Remove"
        onConfirm={onConfirmRemove}
        onCancel={() => setRemoving(null)}
      />
    </Dock>
  );
}
