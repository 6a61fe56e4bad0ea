/**
 * The scene list. Clicking a scene puts it on program (or on preview in studio
 * mode, where the Transition button takes it to program). Add, rename and remove
 * (after confirmation) are here too.
 */
import { useState, type FormEvent } from 'react';
import type { Scene } from '../../preload/contract';
import { ConfirmDialog } from './ConfirmDialog';
import { Dock } from './Dock';
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

  return (
    <Dock title="Scenes" className="scenes-dock">
      {c ? (
        <ul className="list" aria-label="Scenes">
          {c.scenes.map((scene) => (
            <SceneRow
              key={scene.id}
              scene={scene}
              onProgram={scene.id === c.programSceneId}
              onPreview={c.studioMode && scene.id === c.previewSceneId}
              studioMode={c.studioMode}
              onSelect={() => onSelect(scene)}
              onRemove={() => setRemoving(scene)}
            />
          ))}
        </ul>
      ) : (
        <p className="muted">Loading scenes…</p>
      )}
      <ErrorText message={select.error ?? remove.error} />
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
