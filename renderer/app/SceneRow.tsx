/** One scene in the list: select it, rename it in place, or ask to remove it. */
import { useState, type FormEvent } from 'react';
import type { Scene } from '../../preload/contract';
import { ErrorText } from './ErrorText';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

export interface SceneRowProps {
  scene: Scene;
  onProgram: boolean;
  onPreview: boolean;
  studioMode: boolean;
  onSelect(): void;
  onRemove(): void;
}

export function SceneRow({ scene, onProgram, onPreview, studioMode, onSelect, onRemove }: SceneRowProps) {
  const { api } = useStudio();
  const rename = useAction();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(scene.name);

  const onRename = async (e: FormEvent) => {
    e.preventDefault();
    const done = await rename.run(() => api.renameScene({ sceneId: scene.id, name }));
    if (done) setEditing(false);
  };

  if (editing) {
    return (
      <li className="list-row">
        <form className="inline-form" onSubmit={onRename} aria-label={`Rename ${scene.name}`}>
          <input aria-label={`New name for ${scene.name}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoFocus />
          <button type="submit" disabled={rename.pending}>
            Save
          </button>
          <button type="button" onClick={() => {
              setEditing(false);
              rename.clearError();
            }}>
            Cancel
          </button>
        </form>
        <ErrorText message={rename.error} />
      </li>
    );
  }

  const where = onProgram ? 'on program' : onPreview ? 'on preview' : '';
  return (
    <li className={`list-row scene-row ${onProgram ? 'is-program' : ''} ${onPreview ? 'is-preview' : ''}`}>
      <button
        type="button"
        className="scene-select"
        aria-pressed={studioMode ? onPreview : onProgram}
        aria-label={`${scene.name}${where ? `, ${where}` : ''}`}
        onClick={onSelect}
      >
        <span className="scene-name">{scene.name}</span>
        {onProgram && <span className="badge badge-program">Program</span>}
        {onPreview && <span className="badge badge-preview">Preview</span>}
      </button>
      <button
        type="button"
        className="icon"
        aria-label={`Rename ${scene.name}`}
        title="Rename"
        onClick={() => {
          setName(scene.name);
          setEditing(true);
        }}
      >
        ✎
      </button>
      <button type="button" className="icon" aria-label={`Remove ${scene.name}`} title="Remove" onClick={onRemove}>
        ✕
      </button>
    </li>
  );
}
