/**
 * One scene in the list: select it, rename it in place, duplicate it, move it up
 * or down (buttons, or Alt+↑/↓ on its name), or ask to remove it.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Scene } from '../../preload/contract';
import { DuplicateIcon } from './editing/icons';
import { ErrorText } from './ErrorText';
import { useSceneHotkeyHint } from './hotkeys/use-hotkey-hint';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

export interface SceneRowProps {
  scene: Scene;
  onProgram: boolean;
  onPreview: boolean;
  studioMode: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onSelect(): void;
  onRemove(): void;
  onDuplicate(): void;
  /** -1: one place up the list, 1: one place down. */
  onMove(step: 1 | -1): void;
}

export function SceneRow({ scene, onProgram, onPreview, studioMode, canMoveUp, canMoveDown, onSelect, onRemove, onDuplicate, onMove }: SceneRowProps) {
  const { api } = useStudio();
  const rename = useAction();
  const hint = useSceneHotkeyHint(scene.id, studioMode ? 'Put on preview' : 'Switch to this scene');
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

  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' ? canMoveUp : canMoveDown) onMove(e.key === 'ArrowUp' ? -1 : 1);
  };

  const where = onProgram ? 'on program' : onPreview ? 'on preview' : '';
  return (
    <li className={`list-row scene-row ${onProgram ? 'is-program' : ''} ${onPreview ? 'is-preview' : ''}`}>
      <button
        type="button"
        className="scene-select"
        aria-pressed={studioMode ? onPreview : onProgram}
        aria-label={`${scene.name}${where ? `, ${where}` : ''}`}
        title={hint.title ? `${hint.title}; Alt+↑/↓ moves it` : 'Alt+↑/↓ moves it'}
        aria-keyshortcuts={hint['aria-keyshortcuts']}
        onClick={onSelect}
        onKeyDown={onKeyDown}
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
      <button type="button" className="icon" aria-label={`Duplicate ${scene.name}`} title="Duplicate" onClick={onDuplicate}>
        <DuplicateIcon />
      </button>
      <button type="button" className="icon" aria-label={`Move ${scene.name} up`} title="Move up (Alt+↑)" disabled={!canMoveUp} onClick={() => onMove(-1)}>
        ▲
      </button>
      <button type="button" className="icon" aria-label={`Move ${scene.name} down`} title="Move down (Alt+↓)" disabled={!canMoveDown} onClick={() => onMove(1)}>
        ▼
      </button>
      <button type="button" className="icon" aria-label={`Remove ${scene.name}`} title="Remove" onClick={onRemove}>
        ✕
      </button>
    </li>
  );
}
