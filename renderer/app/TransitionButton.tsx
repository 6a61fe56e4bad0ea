/** Studio mode's Transition: takes the preview scene to program with the collection's transition. */
import { ErrorText } from './ErrorText';
import { useHotkeyHint } from './hotkeys/use-hotkey-hint';
import { useStudio, useStudioView } from './studio-context';
import { describeTransition } from './transition-field';
import { useAction } from './use-action';

export function TransitionButton() {
  const { api } = useStudio();
  const { state, connection } = useStudioView();
  const transition = useAction();
  const hint = useHotkeyHint('transition', 'Take the preview to program');
  const t = state?.collection.transition;
  const what = t ? describeTransition(t) : '';
  return (
    <div className="transition-control">
      <button type="button" className="primary" {...hint} disabled={connection !== 'open' || !state || transition.pending} onClick={() => void transition.run(() => api.triggerTransition({}))}>
        Transition
      </button>
      <span className="muted small">{what}</span>
      <ErrorText message={transition.error} />
    </div>
  );
}
