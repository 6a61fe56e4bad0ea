/**
 * How scenes change: cut, fade or slide, and how long a fade or slide takes.
 * The choice belongs to the scene collection, so it applies to every switch
 * (a click on a scene, a hotkey, studio mode's Transition button) and is saved
 * with the scenes. The kind applies when picked; the duration when the field
 * is left or Enter is pressed, and only once it is valid (the reason shows at
 * the field until then).
 */
import { useId, useState } from 'react';
import type { Transition } from '../../preload/contract';
import { Dock } from './Dock';
import { ErrorText } from './ErrorText';
import { NumberField } from './NumberField';
import { useStudio, useStudioView } from './studio-context';
import { TRANSITION_KINDS, TRANSITION_WORDS, describeTransition, parseTransitionDuration, type TransitionKind } from './transition-field';
import './transitions-dock.css';
import { useAction } from './use-action';

export function TransitionsDock() {
  const { state } = useStudioView();
  return (
    <Dock title="Transitions" className="transitions-dock">
      {state ? <TransitionForm current={state.collection.transition} /> : <p className="muted">Loading…</p>}
    </Dock>
  );
}

function TransitionForm({ current }: { current: Transition }) {
  const { api } = useStudio();
  const { connection } = useStudioView();
  const apply = useAction();
  const name = useId();
  // The text being typed; null while the field shows the studio's value.
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(current.durationMs);
  const parsed = parseTransitionDuration(text);
  const disabled = connection !== 'open';

  const send = (next: Transition) => void apply.run(() => api.setTransition(next));
  const pickKind = (kind: TransitionKind) => send({ kind, durationMs: parsed.ok ? parsed.ms : current.durationMs });
  const commitDuration = () => {
    if (draft === null || !parsed.ok) return;
    setDraft(null);
    if (parsed.ms !== current.durationMs) send({ ...current, durationMs: parsed.ms });
  };

  return (
    <form
      className="transition-form"
      onSubmit={(e) => {
        e.preventDefault();
        commitDuration();
      }}
    >
      <fieldset className="choice-group" disabled={disabled}>
        <legend>Transition</legend>
        {TRANSITION_KINDS.map((kind) => (
          <label key={kind} className="check" title={TRANSITION_WORDS[kind].hint}>
            <input type="radio" name={name} value={kind} checked={current.kind === kind} onChange={() => pickKind(kind)} />
            <span>{TRANSITION_WORDS[kind].label}</span>
          </label>
        ))}
      </fieldset>
      {current.kind !== 'cut' && (
        <div onBlur={commitDuration}>
          <NumberField name="transition-duration" label="Duration (ms)" value={text} step={50} error={parsed.ok ? null : parsed.error} onChange={setDraft} />
        </div>
      )}
      <p className="muted small">
        Scene switches: <span data-testid="transition-now">{describeTransition(current)}</span>
      </p>
      <ErrorText message={apply.error} />
    </form>
  );
}
