/**
 * One item of the edited scene in the Sources dock: shown/hidden, select (the
 * monitor's selection follows), lock, move up or down the picture, remove. Keys
 * on its name: Alt+↑/↓ move it, Delete asks to remove it, Escape deselects,
 * Ctrl+Z undoes a removal.
 */
import type { KeyboardEvent, ReactNode } from 'react';
import type { SceneItem } from '../../../preload/contract';
import { Toggle } from '../Toggle';
import { useEditor } from './editing-context';
import { LockIcon } from './icons';

export interface SourceRowProps {
  item: SceneItem;
  name: string;
  kindWords: string;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onMove(step: 1 | -1): void;
  onRemove(): void;
  /** The source's feed note (permission refused, file to pick again...). */
  children?: ReactNode;
}

export function SourceRow({ item, name, kindWords, canMoveUp, canMoveDown, onMove, onRemove, children }: SourceRowProps) {
  const editor = useEditor();
  const selected = editor.selected?.id === item.id;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const step = e.key === 'ArrowUp' ? 1 : -1;
      if (step === 1 ? canMoveUp : canMoveDown) onMove(step);
    } else if (e.key === 'Delete') onRemove();
    else if (!(e.key === 'Escape' || e.key.toLowerCase() === 'z') || !editor.handleKey(e)) return;
    e.preventDefault();
  };
  return (
    <li className={`list-row source-row ${selected ? 'is-selected' : ''}`}>
      <div className="source-row-main grow">
        <Toggle checked={item.visible} ariaLabel={`Show ${name}`} onToggle={(visible) => editor.update(item.id, { visible })}>
          {null}
        </Toggle>
        <button
          type="button"
          className="source-select"
          aria-pressed={selected}
          aria-label={`Select ${name}`}
          title="Select (Alt+↑/↓ moves it, Delete removes it)"
          onClick={() => (selected ? editor.deselect() : editor.select(item.id))}
          onKeyDown={onKeyDown}
        >
          <span className={item.visible ? '' : 'muted'}>{name}</span> <span className="muted small">{kindWords}</span>
        </button>
        <Toggle checked={item.locked} ariaLabel={`Lock ${name}`} className="small" onToggle={(locked) => editor.update(item.id, { locked })}>
          <LockIcon />
        </Toggle>
        <button type="button" className="icon" aria-label={`Move ${name} up`} title="Move up (Alt+↑)" disabled={!canMoveUp} onClick={() => onMove(1)}>
          ▲
        </button>
        <button type="button" className="icon" aria-label={`Move ${name} down`} title="Move down (Alt+↓)" disabled={!canMoveDown} onClick={() => onMove(-1)}>
          ▼
        </button>
        <button type="button" className="icon" aria-label={`Remove ${name}`} title="Remove from this scene (Delete)" onClick={onRemove}>
          ✕
        </button>
      </div>
      {children}
    </li>
  );
}
