/**
 * Adds a text or colour source to a scene (the kinds that need no capture
 * device; camera, screen and media arrive with the compositor).
 */
import { useState, type FormEvent } from 'react';
import type { NewSource } from '../../preload/contract';
import { ErrorText } from './ErrorText';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

/** Text size for a new text source, px on the output canvas (the studio scales it with the canvas). */
const NEW_TEXT_SIZE_PX = 48;

export function AddSourceForm({ sceneId }: { sceneId: string }) {
  const { api } = useStudio();
  const add = useAction();
  const [kind, setKind] = useState<'text' | 'color'>('text');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [color, setColor] = useState('#1e90ff');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const source: NewSource =
      kind === 'text'
        ? {
            kind,
            name: name || 'Text',
            settings: { text, font: 'system-ui, sans-serif', sizePx: NEW_TEXT_SIZE_PX, color: '#ffffff', outlineColor: '#000000', outlineWidthPx: 2, background: null, align: 'center', wrapWidthPx: null },
          }
        : { kind, name: name || 'Colour', settings: { color } };
    const done = await add.run(() => api.addSource({ sceneId, source }));
    if (done) {
      setName('');
      setText('');
    }
  };

  return (
    <form className="stack-form" onSubmit={onSubmit} aria-label="Add a source">
      <div className="row">
        <label className="field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value === 'color' ? 'color' : 'text')}>
            <option value="text">Text</option>
            <option value="color">Colour</option>
          </select>
        </label>
        <label className="field grow">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={kind === 'text' ? 'Text' : 'Colour'} maxLength={100} />
        </label>
      </div>
      {kind === 'text' ? (
        <label className="field">
          <span>Text</span>
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="What it says" maxLength={10_000} />
        </label>
      ) : (
        <label className="field">
          <span>Colour</span>
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
      )}
      <button type="submit" disabled={add.pending}>
        Add source
      </button>
      <ErrorText message={add.error} />
    </form>
  );
}
